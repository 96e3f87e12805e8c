"""Users, PINs and roles; money the lead can trust; append-only tables (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from returnsdesk.db.models import MoneyEntry, User
from returnsdesk.domain.roles import Act, Role
from returnsdesk.errors import (
    DayClosed,
    Forbidden,
    InvalidInput,
    MoneyNotHandedOver,
    SignInFailed,
    UnknownMoneyKind,
)
from returnsdesk.services.common import users
from returnsdesk.services.lead import cash, day_close, money_rows

from helpers.factories import money, parcel

DAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 22, 18, 0)


@pytest.fixture
def staff(any_sessions):
    users.add_user(any_sessions, "老板", "admin", "9999", "", "office")
    for name, role, pin in (
        ("小王", "clerk", "1111"),
        ("小李", "clerk", "2222"),
        ("阿芳", "printer", "3333"),
        ("张姐", "lead", "4444"),
        ("刘哥", "lead", "5555"),
    ):
        users.add_user(any_sessions, name, role, pin, "老板", "office")
    return any_sessions


def test_pins_are_salted_scrypt_hashes(staff):
    with staff() as s:
        hashes = [u.pin_hash for u in s.query(User)]
    # scrypt$n$r$p$salt$digest: a 16-byte salt and a 32-byte digest, never the PIN itself
    assert all(h.startswith("scrypt$") and len(h.split("$")) == 6 for h in hashes)
    assert all((len(h.split("$")[4]), len(h.split("$")[5])) == (32, 64) for h in hashes)
    assert len(set(hashes)) == len(hashes)
    assert users.pin_matches("1111", users.hash_pin("1111"))
    assert not users.pin_matches("1112", users.hash_pin("1111"))


def test_sign_in_and_lockout(staff):
    assert users.sign_in(staff, "张姐", "4444", NOW) == users.Actor("张姐", Role.LEAD)
    for _ in range(users.MAX_FAILURES):
        with pytest.raises(SignInFailed):
            users.sign_in(staff, "小王", "0000", NOW)
    with pytest.raises(SignInFailed) as err:  # locked: even the right PIN fails for a while
        users.sign_in(staff, "小王", "1111", NOW + dt.timedelta(minutes=1))
    assert "稍后" in err.value.text()
    assert users.sign_in(staff, "小王", "1111", NOW + dt.timedelta(minutes=6)).role is Role.CLERK
    with pytest.raises(SignInFailed):
        users.sign_in(staff, "nobody", "1111", NOW)


def test_first_user_must_be_an_admin_and_then_admins_manage_users(any_sessions):
    with pytest.raises(InvalidInput):
        users.add_user(any_sessions, "小王", "clerk", "1111", "", "b1")
    users.add_user(any_sessions, "老板", "admin", "9999", "", "office")
    with pytest.raises(Forbidden):
        users.add_user(any_sessions, "小王", "clerk", "1111", "nobody", "b1")
    users.add_user(any_sessions, "小王", "clerk", "1111", "老板", "office")
    with pytest.raises(Forbidden):
        users.set_pin(any_sessions, "小王", "2222", "小王", "b1")
    for bad in ("12", "abcd", "123456789"):
        with pytest.raises(InvalidInput):
            users.add_user(any_sessions, "小李", "clerk", bad, "老板", "office")
    users.disable_user(any_sessions, "小王", "老板", "office")
    with pytest.raises(SignInFailed):
        users.sign_in(any_sessions, "小王", "1111", NOW)


def test_open_database_lets_anyone_act(any_sessions):
    with any_sessions() as s:
        assert users.require(s, "whoever", Act.MONEY_CONFIRM) == users.Actor("whoever", None)


# who may do each act: a clerk at the bench, the printer at the desk, the lead for money etc.
EXPECTED = {
    Act.BENCH: {"小王", "张姐", "老板"},
    Act.RESHIP: {"阿芳", "张姐", "老板"},
    Act.MONEY_CONFIRM: {"张姐", "老板"},
    Act.MONEY_REVERSE: {"张姐", "老板"},
    Act.DAY_CLOSE: {"张姐", "老板"},
    Act.FOLLOWUP: {"张姐", "老板"},
    Act.USERS: {"老板"},
    Act.RESTORE: {"老板"},
}


@pytest.mark.parametrize("act", list(EXPECTED))
def test_every_role_against_every_act(staff, act):
    allowed = {
        n for n in ("小王", "阿芳", "张姐", "老板", "stranger") if users.allowed(staff, n, act)
    }
    assert allowed == EXPECTED[act]


def test_money_services_refuse_before_writing(staff):
    with staff.begin() as s:
        money(s, DAY, "10", "换货邮费", clerk="小王")
    with pytest.raises(Forbidden) as err:  # a clerk cannot take over money, not even his own
        cash.confirm_handover(staff, DAY, "小王", "10", "", "小王", "b1", now=NOW)
    assert err.value.text().startswith("无权限")
    with pytest.raises(InvalidInput):  # a lead does not confirm her own money
        cash.confirm_handover(staff, DAY, "张姐", "0", "", "张姐", "office", now=NOW)
    with pytest.raises(Forbidden):
        cash.add_entry(staff, DAY, "现金", "5", "阿芳", "阿芳", "desk")
    with pytest.raises(Forbidden):
        day_close.close_day(staff, DAY, "小王", "b1", force=True, note="x", print_sheet=False)
    assert money_rows.day_summary(staff, DAY)[0].pending == Decimal("10.00")
    assert money_rows.handovers(staff, DAY) == []


def test_short_count_stays_red_until_settled(staff):
    with staff.begin() as s:
        money(s, DAY, "95", "换货邮费", clerk="小王")
    first = cash.confirm_handover(staff, DAY, "小王", "30", "只交了30", "张姐", "office", now=NOW)
    row = money_rows.day_summary(staff, DAY)[0]
    assert (row.handed_over, row.counted, row.pending, row.difference) == (
        Decimal("95.00"),
        Decimal("30.00"),
        Decimal("0.00"),
        Decimal("-65.00"),
    )
    assert [(m.clerk, m.difference) for m in money_rows.open_money(staff)] == [
        ("小王", Decimal("-65.00"))
    ]
    assert row.last_handover == first.id
    cash.confirm_handover(
        staff, DAY, "小王", "65", "补交", "刘哥", "office", now=NOW, follows=first.id
    )
    assert money_rows.day_summary(staff, DAY)[0].difference == 0
    assert money_rows.open_money(staff) == []


def test_reversal_after_the_hand_over_is_the_leads(staff):
    eid = cash.add_entry(staff, DAY, "邮费", "10", "小王", "小王", "b1")
    cash.confirm_handover(staff, DAY, "小王", "10", "", "张姐", "office", now=NOW)
    with pytest.raises(Forbidden):
        cash.reverse_entry(staff, eid, "登记错了", "小王", "b1")
    cash.reverse_entry(staff, eid, "登记错了", "张姐", "office")
    # the reversal shows on the next hand-over as money the clerk gets back
    assert money_rows.day_summary(staff, DAY)[0].pending == Decimal("-10.00")


def test_money_kinds_are_one_vocabulary(staff):
    eid = cash.add_entry(staff, DAY, "邮费", "10", "小王", "小王", "b1")
    assert [e.kind for e in money_rows.entries_of_day(staff, DAY) if e.id == eid] == ["换货邮费"]
    with pytest.raises(UnknownMoneyKind):
        cash.add_entry(staff, DAY, "红包", "10", "小王", "小王", "b1")


def test_closed_day_takes_no_money_until_reopened(staff):
    with staff.begin() as s:
        parcel(s, DAY, [])
        money(s, DAY, "10", "现金", clerk="小王")
    with pytest.raises(MoneyNotHandedOver):
        day_close.close_day(staff, DAY, "张姐", "office", print_sheet=False)
    cash.confirm_handover(staff, DAY, "小王", "10", "", "张姐", "office", now=NOW)
    day_close.close_day(staff, DAY, "张姐", "office", print_sheet=False)
    with pytest.raises(DayClosed):
        cash.add_entry(staff, DAY, "现金", "50", "小王", "小王", "b1")
    with pytest.raises(Forbidden):
        day_close.reopen_day(staff, DAY, "晚到的包裹", "小王", "b1")
    day_close.reopen_day(staff, DAY, "晚到的包裹", "张姐", "office")
    cash.add_entry(staff, DAY, "现金", "50", "小王", "小王", "b1")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_log SET detail = 'x'",
        "DELETE FROM audit_log",
        "UPDATE money_entries SET amount = 0",
        "UPDATE money_entries SET kind = '现金'",
        "DELETE FROM money_entries",
    ],
)
def test_append_only_tables_refuse_raw_sql(staff, sql):
    eid = cash.add_entry(staff, DAY, "邮费", "10", "小王", "小王", "b1")
    with pytest.raises(DBAPIError), staff.begin() as s:
        s.execute(text(sql))
    with staff() as s:
        entry = s.get(MoneyEntry, eid)
        assert (entry.kind, entry.amount) == ("换货邮费", Decimal("10.00"))
        assert s.execute(text("SELECT count(*) FROM audit_log")).scalar() > 0


def test_a_hand_over_may_mark_entries_once(staff):
    cash.add_entry(staff, DAY, "邮费", "10", "小王", "小王", "b1")
    cash.confirm_handover(staff, DAY, "小王", "10", "", "张姐", "office", now=NOW)
    with pytest.raises(DBAPIError), staff.begin() as s:
        s.execute(text("UPDATE money_entries SET handover_id = NULL"))
