"""Append-only against SQL, not only against the program: every bypass a bench could type.

SQLite: REPLACE / INSERT OR REPLACE / UPSERT on the append-only tables, and pointing an entry
at an existing hand-over. PostgreSQL, as the station role ``db grant`` sets up: TRUNCATE,
ALTER TABLE … DISABLE TRIGGER, UPDATE, DELETE, UPSERT and the hand-over mark; as the owner,
TRUNCATE. Meanwhile the program itself works with the station's rights.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from returnsdesk.db import grants
from returnsdesk.db.engine import make_engine, make_session_factory
from returnsdesk.db.models import AuditEntry, CashHandover, MoneyEntry, RefundDecision
from returnsdesk.services.common.lists import ensure_lists
from returnsdesk.services.lead import cash
from returnsdesk.services.refunds.decide import decide

from helpers.factories import ItemSpec
from helpers.refund_data import REGISTERED, SHOE, request

DAY = REGISTERED.date()
NOW = REGISTERED + dt.timedelta(hours=3)


def _facts(sessions, shop) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """A decision, a hand-over of one entry, and an entry added after it (not handed over)."""
    with sessions.begin() as s:
        r = request(s, [ItemSpec(*SHOE, qty=1, reason="尺码偏小", condition="完好")])
    d = decide(sessions, shop, r.refund_no, "主管", "lead-pc", approve="89", now=NOW)
    handed = cash.add_entry(sessions, DAY, "邮费", "10", "c1", "c1", "bench-1")
    h = cash.confirm_handover(sessions, DAY, "c1", "10", "", "lead", "office")
    late = cash.add_entry(sessions, DAY, "邮费", "5", "c1", "c1", "bench-1")
    with sessions() as s:
        audit = s.scalars(select(AuditEntry.id).order_by(AuditEntry.id)).first()
    assert audit is not None
    return {"decision": d.id, "handed": handed, "handover": h.id, "late": late, "audit": audit}


def _refused(engine: Engine, sql: str) -> str:
    with pytest.raises(DBAPIError) as caught, engine.begin() as conn:
        conn.execute(text(sql))
    return str(caught.value.orig)


def _unchanged(sessions, ids: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    with sessions() as s:
        assert s.get(RefundDecision, ids["decision"]).amount == Decimal("89.00")  # type: ignore[union-attr]
        assert s.get(MoneyEntry, ids["handed"]).amount == Decimal("10.00")  # type: ignore[union-attr]
        assert s.get(MoneyEntry, ids["late"]).handover_id is None  # type: ignore[union-attr]
        assert s.get(CashHandover, ids["handover"]).sealed  # type: ignore[union-attr]
        assert s.get(AuditEntry, ids["audit"]) is not None


def _copy(table: str, id_: int, change: dict[str, str], columns: list[str]) -> str:
    cols = ", ".join(columns)
    values = ", ".join(change.get(c, c) for c in columns)
    return f"{cols}) SELECT {values} FROM {table} WHERE id = {id_}"


def _columns(engine: Engine, table: str) -> list[str]:
    from sqlalchemy import inspect

    return [c["name"] for c in inspect(engine).get_columns(table)]


def test_sqlite_refuses_replace_and_upsert_on_append_only_tables(sqlite_engine, shop) -> None:  # type: ignore[no-untyped-def]
    sessions = make_session_factory(sqlite_engine)
    ensure_lists(sessions, shop)
    ids = _facts(sessions, shop)
    cases = [
        ("audit_log", ids["audit"], {"detail": "'rewritten'"}),
        ("money_entries", ids["handed"], {"amount": "0.01"}),
        ("refund_decisions", ids["decision"], {"amount": "999"}),
        ("cash_handovers", ids["handover"], {"counted_amount": "0"}),
    ]
    for table, id_, change in cases:
        cols = _columns(sqlite_engine, table)
        for verb in ("REPLACE", "INSERT OR REPLACE"):
            msg = _refused(sqlite_engine, f"{verb} INTO {table} ({_copy(table, id_, change, cols)}")
            assert "append-only" in msg, (table, verb, msg)
        column, value = next(iter(change.items()))
        upsert = (
            f"INSERT INTO {table} ({_copy(table, id_, change, cols)} AND true "
            f"ON CONFLICT (id) DO UPDATE SET {column} = {value}"
        )
        assert "append-only" in _refused(sqlite_engine, upsert), table
    # an entry added after a hand-over cannot be pointed at it
    mark = f"UPDATE money_entries SET handover_id = {ids['handover']} WHERE id = {ids['late']}"
    assert "append-only" in _refused(sqlite_engine, mark)
    assert "append-only" in _refused(sqlite_engine, "UPDATE cash_handovers SET sealed = 0")
    assert "append-only" in _refused(sqlite_engine, "DELETE FROM cash_handovers")
    # a second "first" hand-over of the clerk's day would replace (delete) the first one
    cols = [c for c in _columns(sqlite_engine, "cash_handovers") if c != "id"]
    second_first = _copy("cash_handovers", ids["handover"], {"counted_amount": "0"}, cols)
    for verb in ("REPLACE", "INSERT OR REPLACE"):
        msg = _refused(sqlite_engine, f"{verb} INTO cash_handovers ({second_first}")
        assert "append-only" in msg, verb
    follows = "UPDATE cash_handovers SET follows_id = NULL, sealed = 1"
    assert "append-only" in _refused(sqlite_engine, follows)
    _unchanged(sessions, ids)


PG_URL = os.environ.get("RETURNSDESK_TEST_PG", "")


@pytest.fixture
def station(pg_engine: Engine) -> Iterator[Engine]:
    """A role that owns nothing, given ``db grant``'s rights on the test database."""
    role = f"rd_station_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN"))
    grants.apply(pg_engine, role)
    engine = make_engine(make_url(pg_engine.url).set(username=role).render_as_string(False))
    try:
        yield engine
    finally:
        engine.dispose()
        with pg_engine.begin() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
        with admin.connect() as conn:
            conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
        admin.dispose()


@pytest.mark.postgres
def test_the_station_role_runs_the_program_and_no_bypass(pg_engine, station, shop) -> None:  # type: ignore[no-untyped-def]
    sessions = make_session_factory(station)  # everything below runs with the station's rights
    ensure_lists(sessions, shop)
    ids = _facts(sessions, shop)
    with station.connect() as conn:
        assert conn.execute(text("SELECT current_user")).scalar() != "postgres"
    bypasses = [
        *(f"TRUNCATE {t}" for t in grants.APPEND_ONLY),
        "TRUNCATE audit_log, money_entries CASCADE",
        "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        "ALTER TABLE money_entries DISABLE TRIGGER USER",
        "DROP TRIGGER money_entries_no_update ON money_entries",
        "UPDATE audit_log SET detail = 'x'",
        "DELETE FROM audit_log",
        "DELETE FROM money_entries",
        f"UPDATE money_entries SET amount = 0.01 WHERE id = {ids['handed']}",
        f"UPDATE refund_decisions SET amount = 999 WHERE id = {ids['decision']}",
        "INSERT INTO refund_decisions SELECT * FROM refund_decisions "
        "ON CONFLICT (id) DO UPDATE SET amount = 999",
        f"UPDATE money_entries SET handover_id = {ids['handover']} WHERE id = {ids['late']}",
        "UPDATE cash_handovers SET counted_amount = 0",
        "UPDATE cash_handovers SET sealed = false",
        "UPDATE cash_handovers SET follows_id = 0",
        "DELETE FROM cash_handovers",
        "CREATE TABLE audit_copy AS SELECT 1 AS x",
    ]
    for sql in bypasses:
        _refused(station, sql)
    # the owner too cannot truncate an append-only table (a row trigger would not see it)
    for table in grants.APPEND_ONLY:
        assert "append-only" in _refused(pg_engine, f"TRUNCATE {table} CASCADE")
    _unchanged(sessions, ids)


def test_grant_statements_name_only_what_the_program_uses() -> None:
    sql = grants.statements("rd_station", "returnsdesk")
    assert "GRANT SELECT, INSERT ON audit_log TO rd_station" in sql
    assert "GRANT UPDATE (handover_id) ON money_entries TO rd_station" in sql
    assert not any("TRUNCATE" in s or "ALL PRIVILEGES" in s for s in sql)
    with pytest.raises(Exception, match="无效"):
        grants.statements("x; DROP TABLE parcels", "returnsdesk")
