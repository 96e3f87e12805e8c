"""Two leads at once, on a real database file (SQLite, WAL) and on PostgreSQL.

A refund is decided once: of two leads deciding one request together, one is recorded and
the other is told who decided what; the database holds one current decision. A deadlock on
PostgreSQL in a lead's write (cash hand-over, refund decision) is retried, not shown.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from sqlalchemy import Engine, event, func, select, text

from returnsdesk.db.engine import make_session_factory
from returnsdesk.db.models import RefundDecision
from returnsdesk.errors import RefundChanged
from returnsdesk.services.common.lists import ensure_lists
from returnsdesk.services.lead import cash, money_rows
from returnsdesk.services.refunds.decide import decide
from returnsdesk.services.refunds.queue import current_decisions

from helpers.factories import ItemSpec
from helpers.refund_data import REGISTERED, SHOE, request
from helpers.together import together

NOW = REGISTERED + dt.timedelta(hours=3)
ITEM = ItemSpec(*SHOE, qty=1, reason="尺码偏小", condition="完好")


def test_two_leads_deciding_one_refund_leave_one_decision(shared_engine, shop) -> None:  # type: ignore[no-untyped-def]
    sessions = make_session_factory(shared_engine)
    ensure_lists(sessions, shop)
    with sessions.begin() as s:
        refunds = [request(s, [ITEM], asked="89.00").refund_no for _ in range(8)]
    for no in refunds:
        a, b = together(
            lambda no=no: decide(sessions, shop, no, "lead1", "pc-1", approve="1", now=NOW),
            lambda no=no: decide(sessions, shop, no, "lead2", "pc-2", approve="2", now=NOW),
        )
        done = [r for r in (a, b) if not isinstance(r, Exception)]
        told = [r for r in (a, b) if isinstance(r, RefundChanged)]
        assert len(done) == 1, (a, b)
        assert len(told) == 1, (a, b)
        who = "lead1" if done[0].amount == 1 else "lead2"  # type: ignore[attr-defined]
        assert f"已由 {who} 于" in told[0].text()
        assert f"#{done[0].id}" in told[0].text()
        # the one told decides again on what is there now
        again = decide(sessions, shop, no, "lead3", "pc", refuse=True, note="复核",
                       replaces=done[0].id, now=NOW)  # type: ignore[attr-defined]  # fmt: skip
        assert again.supersedes_id == done[0].id  # type: ignore[attr-defined]
    cur, is_current = current_decisions()
    with sessions() as s:
        per_refund = s.execute(
            select(cur.refund_id, func.count()).where(is_current).group_by(cur.refund_id)  # type: ignore[arg-type]
        ).all()
        assert len(per_refund) == 8
        assert {n for _, n in per_refund} == {1}
        assert s.scalar(select(func.count()).select_from(RefundDecision)) == 16


def test_two_leads_confirming_one_hand_over_leave_one(shared_engine, shop) -> None:  # type: ignore[no-untyped-def]
    """Two leads count the same clerk's money at once, and later settle the short count at
    once (no entries left to lock: the unique indexes decide): each time one hand-over is
    recorded, and the other lead is told who counted what."""
    from returnsdesk.db.models import CashHandover
    from returnsdesk.errors import HandoverChanged

    sessions = make_session_factory(shared_engine)
    ensure_lists(sessions, shop)
    day = REGISTERED.date()
    for n in range(4):
        clerk = f"c{n}"
        cash.add_entry(sessions, day, "邮费", "10", clerk, clerk, "bench-1")
        a, b = together(
            lambda c=clerk: cash.confirm_handover(sessions, day, c, "8", "少2", "lead1", "pc-1"),
            lambda c=clerk: cash.confirm_handover(sessions, day, c, "9", "少1", "lead2", "pc-2"),
        )
        done = [r for r in (a, b) if isinstance(r, money_rows.Handover)]
        told = [r for r in (a, b) if isinstance(r, HandoverChanged)]
        assert (len(done), len(told)) == (1, 1), (a, b)
        assert f"已由 {done[0].lead} 于" in told[0].text()
        assert f"实点 {done[0].counted_amount:.2f}" in told[0].text()
        first = done[0]

        def settle(
            lead: str, c: str = clerk, h: money_rows.Handover = first
        ) -> money_rows.Handover:
            rest = 10 - h.counted_amount
            return cash.confirm_handover(sessions, day, c, rest, "", lead, "pc", follows=h.id)

        a, b = together(lambda: settle("lead1"), lambda: settle("lead2"))
        assert sorted(type(r).__name__ for r in (a, b)) == ["Handover", "HandoverChanged"], (a, b)
    with sessions() as s:
        per_clerk = s.execute(
            select(CashHandover.clerk, func.count()).group_by(CashHandover.clerk)
        ).all()
    assert sorted(per_clerk) == [(f"c{n}", 2) for n in range(4)]
    assert money_rows.open_money(sessions) == []


def test_two_leads_resolving_one_no_info_parcel_leave_one_buyer(shared_engine, shop) -> None:  # type: ignore[no-untyped-def]
    """Two leads find two different buyers for the same no-info parcel at once: it is
    registered once, to one buyer, and the other lead is told who resolved it to whom."""
    from returnsdesk.db.models import Parcel
    from returnsdesk.errors import FollowupResolved
    from returnsdesk.services.lead import followup

    from helpers.factories import parcel

    sessions = make_session_factory(shared_engine)
    ensure_lists(sessions, shop)
    day = REGISTERED.date()
    with sessions.begin() as s:
        item = ItemSpec(bin="pending", reason="不合适")
        ids = [
            parcel(s, day, [item], status="no_info", has_slip=False, slip_no=n + 1).id
            for n in range(4)
        ]
    for pid in ids:
        a, b = together(
            lambda p=pid: followup.resolve_recorded(sessions, p, "tb_one", "", "lead1", "pc", shop),
            lambda p=pid: followup.resolve_recorded(sessions, p, "tb_two", "", "lead2", "pc", shop),
        )
        done = [r for r in (a, b) if not isinstance(r, Exception)]
        told = [r for r in (a, b) if isinstance(r, FollowupResolved)]
        assert (len(done), len(told)) == (1, 1), (a, b)
        with sessions() as s:
            p = s.get(Parcel, pid)
            assert p is not None
            assert p.status == "registered"
            assert p.buyer_id in p.return_string, p.return_string
            assert f"由 {p.clerk} 于" in told[0].text()
            assert f"买家 {p.buyer_id}" in told[0].text()


def test_a_day_is_closed_once_and_never_behind_a_registration(shared_engine, shop) -> None:  # type: ignore[no-untyped-def]
    """Two leads close one day at once: one closes it, the other is told who and when; the
    same for reopening. A registration racing a close either lands before it and is counted
    in it, or finds the day closed: never a close that says "未登记 1" behind a registration."""
    from returnsdesk.domain.strings import ItemSpec as Spec
    from returnsdesk.errors import DayAlreadyClosed, DayClosed
    from returnsdesk.services.bench import receive, register
    from returnsdesk.services.bench.register import ItemInput, RegisterInput
    from returnsdesk.services.lead import day_close

    sessions = make_session_factory(shared_engine)
    ensure_lists(sessions, shop)
    day = REGISTERED.date()
    a, b = together(
        lambda: day_close.close_day(sessions, day, "lead1", "pc", print_sheet=False),
        lambda: day_close.close_day(sessions, day, "lead2", "pc", print_sheet=False),
    )
    told = [r for r in (a, b) if isinstance(r, DayAlreadyClosed)]
    assert len(told) == 1, (a, b)
    winner = "lead1" if isinstance(b, DayAlreadyClosed) else "lead2"
    assert f"已由 {winner} 于" in told[0].text()
    a, b = together(
        lambda: day_close.reopen_day(sessions, day, "补登记", "lead1", "pc"),
        lambda: day_close.reopen_day(sessions, day, "补登记", "lead2", "pc"),
    )
    assert sorted(type(r).__name__ for r in (a, b)) == ["DayAlreadyOpen", "NoneType"], (a, b)
    item = ItemInput(Spec("5815", "鞋", "深紫", "W7"), reason="尺码偏小", condition="完好")
    for n in range(6):
        if n:
            day_close.reopen_day(sessions, day, "补登记", "lead1", "pc")
        got = receive.receive_scan(sessions, f"YT6{n:012d}", "c1", "bench-1",
                                   now=dt.datetime.combine(day, dt.time(17)))  # fmt: skip
        receive.attach_buyer(sessions, got.parcel.id, "tb_x", "c1", "bench-1")
        reg, close = together(
            lambda p=got.parcel.id: register.register_parcel(
                sessions, p, RegisterInput((item,)), "c1", "bench-1", shop
            ),
            lambda: day_close.close_day(
                sessions, day, "lead1", "pc", force=True, print_sheet=False
            ),
        )
        assert isinstance(close, day_close.DayClosed), close
        counted_open = got.parcel.id in {p.parcel_id for p in close.totals.unregistered}
        if isinstance(reg, DayClosed):
            assert counted_open
        else:
            assert isinstance(reg, register.RegisterResult), reg
            assert not counted_open, "closed behind a registration"


def test_two_desks_shipping_one_slip_ship_it_once(shared_engine, shop) -> None:  # type: ignore[no-untyped-def]
    """Two printer operators scan the same printed slip and two different outbound numbers at
    once: the slip ships once, and the other desk is told who shipped it, when and how."""
    from returnsdesk.errors import SlipAlreadyShipped
    from returnsdesk.services.reship import flow as reship_flow
    from returnsdesk.services.reship import slips as reship

    from helpers.reship_data import FakeQueue, draft, seed_shop

    sessions = make_session_factory(shared_engine)
    ensure_lists(sessions, shop)
    seed_shop(sessions)
    for n in range(4):
        slip = reship.create_slip(sessions, draft(), shop, "cs", "desk").id
        reship_flow.print_slips(sessions, [slip], shop, "op", "desk", enqueue=FakeQueue())
        a, b = together(
            lambda s=slip, k=n: reship_flow.ship(sessions, s, f"YT10{k:011d}", shop, "op1", "d1"),
            lambda s=slip, k=n: reship_flow.ship(sessions, s, f"YT20{k:011d}", shop, "op2", "d2"),
        )
        done = [r for r in (a, b) if isinstance(r, reship_flow.ShipResult)]
        told = [r for r in (a, b) if isinstance(r, SlipAlreadyShipped)]
        assert (len(done), len(told)) == (1, 1), (a, b)
        who = "op1" if done[0].tracking.startswith("YT1") else "op2"
        assert f"已由 {who} 于" in told[0].text()
        assert done[0].tracking in told[0].text()


# --- deadlocks on PostgreSQL are retried -----------------------------------------------------


def _wait_for_lock_wait(engine: Engine, timeout: float = 10) -> None:
    """Until some backend of this database waits for a lock (the use case is blocked)."""
    deadline = time.monotonic() + timeout
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            waiting = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            ).scalar()
            if waiting:
                return
            conn.rollback()
            time.sleep(0.02)
    raise AssertionError("the use case never waited for the lock")


def _deadlock(engine: Engine, first: str, second: str, use_case):  # type: ignore[no-untyped-def]
    """Another connection takes ``first``; the use case blocks on it holding a lock that
    ``second`` then needs: a real deadlock, which PostgreSQL breaks by failing the use case
    (the other side waits longer before it checks). Returns the use case's result and the
    SQLSTATEs its connections saw."""
    seen: list[str] = []

    def on_error(ctx) -> None:  # type: ignore[no-untyped-def]
        seen.append(getattr(ctx.original_exception, "sqlstate", "") or "")

    event.listen(engine, "handle_error", on_error)
    other = engine.connect()
    try:
        other.execute(text("SET deadlock_timeout = '20s'"))
        other.execute(text(first))
        result: list[object] = []
        worker = threading.Thread(target=lambda: result.append(_catch(use_case)))
        worker.start()
        _wait_for_lock_wait(engine)
        other.execute(text(second))  # deadlock: the use case's transaction is the one failed
        other.rollback()
        worker.join(30)
        assert not worker.is_alive()
    finally:
        other.close()
        event.remove(engine, "handle_error", on_error)
    return result[0], seen


def _catch(fn):  # type: ignore[no-untyped-def]
    try:
        return fn()
    except Exception as exc:
        return exc


@pytest.mark.postgres
def test_a_deadlock_in_a_cash_handover_is_retried(pg_engine, shop) -> None:  # type: ignore[no-untyped-def]
    sessions = make_session_factory(pg_engine)
    day = REGISTERED.date()
    e1 = cash.add_entry(sessions, day, "邮费", "10", "c1", "c1", "bench-1")
    e2 = cash.add_entry(sessions, day, "现金", "5", "c1", "c1", "bench-1")
    # the hand-over locks c1's entries in id order: e1, then waits for e2
    got, seen = _deadlock(
        pg_engine,
        f"SELECT id FROM money_entries WHERE id = {e2} FOR UPDATE",
        f"SELECT id FROM money_entries WHERE id = {e1} FOR UPDATE",
        lambda: cash.confirm_handover(sessions, day, "c1", "15", "", "lead", "office"),
    )
    assert "40P01" in seen, seen
    assert isinstance(got, money_rows.Handover), got
    assert got.entries == 2
    assert got.registered_amount == 15


@pytest.mark.postgres
def test_a_deadlock_in_a_refund_decision_is_retried(pg_engine, shop) -> None:  # type: ignore[no-untyped-def]
    sessions = make_session_factory(pg_engine)
    ensure_lists(sessions, shop)
    with sessions.begin() as s:
        r = request(s, [ITEM], asked="89.00")
        refund_id = r.id
    # the decision's insert holds the request's one first-decision slot, then its foreign key
    # waits for the request row; the other side then wants the same first-decision slot
    columns = (
        "INSERT INTO refund_decisions (refund_id, decision, kind, amount, asked, suggested,"
        " suggested_amount, rule, grounds, note, backend_note, decided_by, station, decided_at)"
        f" VALUES ({refund_id}, 'refuse', '货款', 0, 89, '', 0, '', '', 'x', '', 'other', '',"
        " now())"
    )
    got, seen = _deadlock(
        pg_engine,
        f"SELECT id FROM refunds WHERE id = {refund_id} FOR UPDATE",
        columns,
        lambda: decide(sessions, shop, r.refund_no, "lead1", "pc", approve="89", now=NOW),
    )
    assert "40P01" in seen, seen
    assert not isinstance(got, Exception), got
    with sessions() as s:
        assert [d.decided_by for d in s.scalars(select(RefundDecision))] == ["lead1"]
