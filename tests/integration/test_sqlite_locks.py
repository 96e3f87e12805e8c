"""SQLite beside a long read and a long write held by another process (WAL, real file).

A reading transaction must not hold up a registering bench; a writer holding the lock too
long must end in ``DatabaseBusy`` (the bench says so), never in a raw 'database is locked'.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from returnsdesk.db import engine as db_engine
from returnsdesk.db.engine import make_engine, make_session_factory
from returnsdesk.db.migrate import upgrade
from returnsdesk.db.models import Parcel, ParcelItem
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.errors import DatabaseBusy
from returnsdesk.services.bench import receive, register
from returnsdesk.services.bench.register import ItemInput, RegisterInput
from returnsdesk.services.common.lists import ensure_lists

NOW = dt.datetime(2026, 11, 22, 17, 0)
ITEM = ItemInput(ItemSpec("5815", "鞋", "深紫", "W7"), reason="尺码偏小", condition="完好")

# Another process holds a transaction open for argv[3] seconds: a read through the app's
# reading session ('read'), or a write lock ('write'). It prints 'held' once it holds it.
HOLD = """
import sys, time
from sqlalchemy import select, func
from returnsdesk.db.engine import make_engine, make_session_factory
from returnsdesk.db.models import Parcel, AuditEntry

sessions = make_session_factory(make_engine(sys.argv[1]))
if sys.argv[2] == "read":
    with sessions() as s:
        s.scalar(select(func.count()).select_from(Parcel))
        print("held", flush=True)
        time.sleep(float(sys.argv[3]))
        s.scalar(select(func.count()).select_from(AuditEntry))
else:
    with sessions.begin() as s:
        s.execute(Parcel.__table__.update().where(Parcel.id == -1).values(note=""))
        print("held", flush=True)
        time.sleep(float(sys.argv[3]))
"""


def _database(tmp_path: Path, shop) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    engine = make_engine(url)
    upgrade(engine)
    sessions = make_session_factory(engine)
    ensure_lists(sessions, shop)
    got = receive.receive_scan(sessions, "YT1234567890123", "c1", "bench-1", now=NOW)
    receive.attach_buyer(sessions, got.parcel.id, "tb_xiaomei", "c1", "bench-1")
    engine.dispose()
    return url, got.parcel.id


def _hold(url: str, mode: str, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, url, mode, str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_long_read_in_another_process_does_not_hold_up_a_registration(
    tmp_path: Path, shop
) -> None:  # type: ignore[no-untyped-def]
    url, pid = _database(tmp_path, shop)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    reader = _hold(url, "read", 5)
    try:
        started = time.monotonic()
        res = register.register_parcel(sessions, pid, RegisterInput((ITEM,)), "c1", "bench-1", shop)
        took = time.monotonic() - started
        assert reader.poll() is None, "the read ended before the registration did"
    finally:
        reader.communicate(timeout=30)
    assert reader.returncode == 0
    assert res.slip_no == 1
    assert took < 1.0, f"registration waited {took:.1f} s beside a read"
    engine.dispose()


def test_a_writer_holding_the_lock_too_long_gives_database_busy(
    tmp_path: Path, shop, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(db_engine, "LOCK_WAIT_S", 0.5)
    url, pid = _database(tmp_path, shop)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    writer = _hold(url, "write", 3)
    try:
        with pytest.raises(DatabaseBusy) as caught:
            register.register_parcel(sessions, pid, RegisterInput((ITEM,)), "c1", "bench-1", shop)
        assert writer.poll() is None
    finally:
        writer.communicate(timeout=30)
    assert "数据库正忙" in caught.value.text()
    assert "busy" in caught.value.text("en")
    with sessions() as s:  # nothing of the failed registration was written
        assert s.get(Parcel, pid).status == "matched"  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).select_from(ParcelItem)) == 0
    # once the lock is free the same registration goes through
    res = register.register_parcel(sessions, pid, RegisterInput((ITEM,)), "c1", "bench-1", shop)
    assert res.slip_no == 1
    engine.dispose()


def test_sqlite_is_durable_on_power_loss(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'd.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    engine.dispose()
