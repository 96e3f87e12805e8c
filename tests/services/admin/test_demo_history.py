"""The demo shop's past: weeks of parcels and the books around them, written in bulk under
the rules the services keep, on SQLite and PostgreSQL; the same seed gives the same shop."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from sqlalchemy import func, select

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import (
    AuditEntry,
    CashHandover,
    DayClose,
    DayCounter,
    MoneyEntry,
    Parcel,
    ParcelItem,
    RefundDecision,
    ReshipSlip,
)
from returnsdesk.domain.kinds import Bin, SlipState
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.services.admin.demo import fill_demo
from returnsdesk.services.admin.demo_data import catalog
from returnsdesk.services.admin.demo_history import History, working_days
from returnsdesk.services.admin.demo_parcels import Ids
from returnsdesk.services.bench.slip_numbers import next_slip_no
from returnsdesk.services.common import tx
from returnsdesk.services.lead import followup, money_rows, repairs

NOW = dt.datetime(2026, 12, 7, 18, 40)  # a Monday evening


def test_weeks_of_history_keep_the_services_rules(any_sessions: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    result = fill_demo(any_sessions, orders=200, seed=5, weeks=3, shop=shop, now=NOW)
    days = working_days(NOW.date(), 3)
    assert result.days == len(days) == 3 * 6 + 1
    with any_sessions() as s:
        by_day = Counter(s.scalars(select(Parcel.day)))
        assert set(by_day) == set(days)  # every working day, Sundays off
        # slip numbers 1…n per day without a gap, and the day's counter at n
        for day in days:
            slips = sorted(s.scalars(select(Parcel.slip_no).where(Parcel.day == day,
                                                                  Parcel.slip_no.is_not(None))))  # fmt: skip
            assert slips == list(range(1, len(slips) + 1))
            assert s.get(DayCounter, day).last_slip_no == len(slips)
        statuses = Counter(s.scalars(select(Parcel.status)))
        assert {ParcelStatus.REGISTERED, ParcelStatus.NO_INFO, ParcelStatus.REFUSED,
                ParcelStatus.MATCHED} <= set(statuses)  # fmt: skip
        bins = set(s.scalars(select(ParcelItem.bin)))
        assert {Bin.RESTOCK, Bin.REPAIR, Bin.DAMAGE, Bin.PENDING} <= bins
        states = set(s.scalars(select(ReshipSlip.state)))
        assert set(SlipState) <= states
        # money: every past day handed over and sealed, one count short; today's still open
        assert all(s.scalars(select(CashHandover.sealed)))
        short = [
            h for h in s.scalars(select(CashHandover)) if h.counted_amount != h.registered_amount
        ]
        assert len(short) == 1
        assert short[0].registered_amount - short[0].counted_amount == Decimal(10)
        unmarked = set(s.scalars(select(MoneyEntry.day).where(MoneyEntry.handover_id.is_(None))))
        assert unmarked == {NOW.date()}
        closed = set(s.scalars(select(DayClose.day)))
        assert closed == set(days[:-2])
        assert s.scalar(select(func.count()).select_from(RefundDecision)) > 20
        assert s.scalar(select(func.count()).select_from(AuditEntry)) > result.parcels
        first_audit = s.scalar(select(func.min(AuditEntry.at)))
        assert first_audit is not None
        assert first_audit.date() == days[0]
        # the bench goes on after the demo's parcels of today
    today = by_day[NOW.date()]  # one of them scanned, not registered yet: no number
    assert tx.run(any_sessions, lambda s: next_slip_no(s, NOW.date())) == today
    open_money = money_rows.open_money(any_sessions)
    assert {m.day for m in open_money} == {short[0].day, NOW.date()}
    waiting = followup.list_followups(any_sessions, NOW)
    assert any(f.overdue for f in waiting)
    assert not all(f.overdue for f in waiting)
    assert repairs.outstanding(any_sessions, NOW.date(), shop.repair_days)


def test_a_second_demo_leaves_the_history_alone(any_sessions: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    fill_demo(any_sessions, orders=50, seed=5, weeks=1, shop=shop, now=NOW)
    again = fill_demo(any_sessions, orders=5, seed=6, weeks=1, shop=shop, now=NOW)
    assert again.parcels == 0
    with any_sessions() as s:
        assert s.scalar(select(func.count()).select_from(DayClose)) == 5


def test_same_seed_same_shop(shop) -> None:  # type: ignore[no-untyped-def]
    def made(seed: int) -> list[tuple[object, ...]]:
        ids = Ids({t: 1 for t in ("orders", "refunds", "parcels", "reship_slips",
                                  "cash_handovers")})  # fmt: skip
        parcels = History(shop, catalog(), seed, NOW, 2, ids).make()
        return [(p.day, p.tracking, p.slip_no, p.status, p.strings) for p in parcels]

    assert made(3) == made(3)
    assert made(3) != made(4)


def test_the_demo_floor_has_stations_signed_in_and_their_pace(
    sessions: SessionFactory, shop
) -> None:  # type: ignore[no-untyped-def]
    """The floor tab of a fresh demo shows both benches, who is at each and their measured
    pace (bench-2 the slower PC), and their last parcel."""
    from returnsdesk.config import RefundRules
    from returnsdesk.reports.floor import floor

    fill_demo(sessions, orders=200, seed=5, weeks=1, shop=shop, now=NOW)
    report = floor(sessions, NOW.date(), NOW, RefundRules())
    rows = {st.station: st for st in report.stations}
    assert set(rows) == {"bench-1", "bench-2"}
    for name, clerk in (("bench-1", "clerk1"), ("bench-2", "clerk2")):
        st = rows[name]
        assert st.open
        assert st.user == clerk
        assert st.signed_in_at is not None
        assert st.signed_in_at.date() == NOW.date()
        assert st.last_tracking
        assert st.scan_p50_ms is not None
        assert st.register_p95_ms is not None
    assert rows["bench-2"].scan_p50_ms > rows["bench-1"].scan_p50_ms  # type: ignore[operator]
