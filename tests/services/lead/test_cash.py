"""Money register: day totals per clerk, the confirmed hand-over, reversing corrections."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from returnsdesk.db.models import CashHandover, MoneyEntry
from returnsdesk.domain.money import parse_money
from returnsdesk.errors import InvalidInput
from returnsdesk.services.lead import cash, money_rows

from helpers.factories import ItemSpec, money, parcel

DAY = dt.date(2026, 11, 22)


@pytest.fixture
def day_money(any_sessions):  # type: ignore[no-untyped-def]
    with any_sessions.begin() as s:
        p = parcel(s, DAY, [ItemSpec()], buyer="tb_a")
        a = money(s, DAY, "10.00", "换货邮费", "clerk1", p.id).id
        b = money(s, DAY, "50.00", "现金", "clerk1").id
        money(s, DAY, "8.50", "差价", "clerk2")
        money(s, DAY - dt.timedelta(days=1), "99.00", "现金", "clerk1")
    return any_sessions, a, b


def test_day_summary_by_clerk_and_kind(day_money) -> None:  # type: ignore[no-untyped-def]
    sessions, _, _ = day_money
    rows = {r.clerk: r for r in money_rows.day_summary(sessions, DAY)}
    assert set(rows) == {"clerk1", "clerk2"}
    assert rows["clerk1"].by_kind == {"换货邮费": Decimal("10.00"), "现金": Decimal("50.00")}
    assert rows["clerk1"].registered == Decimal("60.00") == rows["clerk1"].pending
    assert rows["clerk1"].handed_over == 0
    assert rows["clerk2"].registered == Decimal("8.50")
    entries = money_rows.entries_of_day(sessions, DAY)
    assert sorted(e.amount for e in entries) == [
        Decimal("8.50"),
        Decimal("10.00"),
        Decimal("50.00"),
    ]
    assert next(e for e in entries if e.kind == "换货邮费").buyer_id == "tb_a"


def test_handover_is_one_confirmed_act_and_difference_needs_a_note(day_money) -> None:  # type: ignore[no-untyped-def]
    sessions, _, _ = day_money
    with pytest.raises(InvalidInput):
        cash.confirm_handover(sessions, DAY, "clerk1", "55", "", "lead", "office")
    h = cash.confirm_handover(sessions, DAY, "clerk1", "55.00", "少 5 元, 已追问", "lead", "office")
    assert (h.registered_amount, h.counted_amount, h.difference) == (
        Decimal("60.00"),
        Decimal("55.00"),
        Decimal("-5.00"),
    )
    assert h.entries == 2
    assert h.lead == "lead"
    rows = {r.clerk: r for r in money_rows.day_summary(sessions, DAY)}
    assert rows["clerk1"].pending == 0
    assert rows["clerk1"].handed_over == Decimal("60.00")
    assert rows["clerk1"].handovers == 1
    with pytest.raises(InvalidInput):  # nothing left to hand over
        cash.confirm_handover(sessions, DAY, "clerk1", "0", "", "lead", "office", follows=h.id)
    exact = cash.confirm_handover(sessions, DAY, "clerk2", "8.5", "", "lead", "office")
    assert exact.difference == 0
    assert [x.clerk for x in money_rows.handovers(sessions, DAY)] == ["clerk1", "clerk2"]
    with sessions() as s:
        assert s.scalar(select(func.count(CashHandover.id))) == 2


def test_correction_is_a_reversing_entry_never_an_edit(day_money) -> None:  # type: ignore[no-untyped-def]
    sessions, a, _ = day_money
    cash.confirm_handover(sessions, DAY, "clerk1", "60", "", "lead", "office")
    with pytest.raises(InvalidInput):
        cash.reverse_entry(sessions, a, "", "lead", "office")
    rid = cash.reverse_entry(sessions, a, "邮费其实是 5 元", "lead", "office")
    with sessions() as s:
        original = s.get(MoneyEntry, a)
        rev = s.get(MoneyEntry, rid)
        assert original is not None
        assert rev is not None
        assert original.amount == Decimal("10.00")  # untouched
        assert (rev.amount, rev.reverses_id, rev.clerk, rev.kind) == (
            Decimal("-10.00"),
            a,
            "clerk1",
            "换货邮费",
        )
    with pytest.raises(InvalidInput):
        cash.reverse_entry(sessions, a, "again", "lead", "office")
    with pytest.raises(InvalidInput):
        cash.reverse_entry(sessions, rid, "reverse the reversal", "lead", "office")
    row = {r.clerk: r for r in money_rows.day_summary(sessions, DAY)}["clerk1"]
    assert row.registered == Decimal("50.00")
    assert row.pending == Decimal("-10.00")
    fixed = cash.add_entry(sessions, DAY, "换货邮费", "5", "clerk1", "lead", "office", note="补录")
    assert fixed > rid
    assert cash.pending_amount(sessions, DAY, "clerk1") == Decimal("-5.00")
    marked = {e.id: e for e in money_rows.entries_of_day(sessions, DAY)}
    assert marked[a].reversed_by == rid


def test_month_export_rows(day_money) -> None:  # type: ignore[no-untyped-def]
    sessions, _, _ = day_money
    nov = money_rows.entries_of_month(sessions, 2026, 11)
    assert len(nov) == 4
    assert sum(e.amount for e in nov) == Decimal("167.50")
    assert money_rows.entries_of_month(sessions, 2026, 12) == []


def test_amounts_are_checked() -> None:
    assert parse_money("¥12.5") == Decimal("12.50")
    for bad in ("abc", "-1", "1.234", ""):
        with pytest.raises(InvalidInput):
            parse_money(bad)


def test_database_refuses_a_second_reversal_of_one_entry(day_money) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import IntegrityError

    sessions, a, _ = day_money
    cash.reverse_entry(sessions, a, "错录", "lead", "office")
    with pytest.raises(IntegrityError), sessions.begin() as s:
        money(s, DAY, "-10", reverses_id=a)
