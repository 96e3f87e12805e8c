"""Day close: totals, unregistered parcels block closing unless forced, day sheet queued."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from returnsdesk.db.models import PrintJob
from returnsdesk.errors import DayNotComplete, MoneyNotHandedOver
from returnsdesk.services.lead import day_close

from helpers.factories import ItemSpec, money, parcel

DAY = dt.date(2026, 11, 22)


def test_totals_and_close(any_sessions) -> None:  # type: ignore[no-untyped-def]
    with any_sessions.begin() as s:
        parcel(s, DAY, [ItemSpec(qty=2), ItemSpec(bin="repair")])
        parcel(s, DAY, [ItemSpec(bin="pending")], status="no_info")
        parcel(s, DAY, [], status="refused")
        open_id = parcel(s, DAY, [], status="received").id
        parcel(s, DAY - dt.timedelta(days=1), [ItemSpec()])
        money(s, DAY, "10", "换货邮费")
        money(s, DAY, "20.5", "现金")
    t = day_close.day_totals(any_sessions, DAY)
    assert t.by_status == {"registered": 1, "no_info": 1, "refused": 1, "received": 1}
    assert t.parcels == 4
    assert t.pieces == 4
    assert t.by_bin == {"restock": 2, "repair": 1, "pending": 1}
    assert t.money_by_kind == {"换货邮费": Decimal("10.00"), "现金": Decimal("20.50")}
    assert t.money_total == Decimal("30.50") == t.money_pending
    assert [p.parcel_id for p in t.unregistered] == [open_id]
    assert t.closed_at is None
    with pytest.raises(DayNotComplete) as err:
        day_close.close_day(any_sessions, DAY, "lead", "office")
    assert "1 个包裹未登记" in err.value.text()
    with pytest.raises(MoneyNotHandedOver):  # forcing past money needs a note
        day_close.close_day(any_sessions, DAY, "lead", "office", force=True)
    done = day_close.close_day(any_sessions, DAY, "lead", "office", force=True, note="现金明早交")
    assert done.forced
    assert done.print_job_id is not None
    assert done.totals.closed_by == "lead"
    assert done.totals.closed_at is not None
    with any_sessions() as s:
        job = s.scalars(select(PrintJob)).one()
        assert (job.kind, job.ref_id, job.created_by) == ("day_sheet", "2026-11-22", "lead")


def test_complete_day_closes_without_force(any_sessions) -> None:  # type: ignore[no-untyped-def]
    with any_sessions.begin() as s:
        parcel(s, DAY, [ItemSpec()])
    done = day_close.close_day(any_sessions, DAY, "lead", "office", print_sheet=False)
    assert not done.forced
    assert done.print_job_id is None
    assert done.totals.closed_by == "lead"
