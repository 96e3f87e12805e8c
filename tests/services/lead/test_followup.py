"""Follow-up queue: age, attempts, overdue after a day without action, resolving a parcel."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from returnsdesk.db.models import AuditEntry, Parcel
from returnsdesk.domain import strings
from returnsdesk.errors import InvalidInput, NotFound
from returnsdesk.services.bench.register import ItemInput, RegisterInput
from returnsdesk.services.lead import followup

from helpers.factories import ItemSpec, order, parcel

DAY = dt.date(2026, 11, 20)
NOW = dt.datetime(2026, 11, 22, 17, 0)


def _no_info(s, day: dt.date, hour: int = 16, **kw):  # type: ignore[no-untyped-def]
    return parcel(
        s,
        day,
        [ItemSpec(bin="pending", reason="不合适")],
        status="no_info",
        received_at=dt.datetime.combine(day, dt.time(hour)),
        sender_city="北京",
        contents="鞋一双",
        has_slip=False,
        **kw,
    )


def test_queue_age_attempts_and_overdue(any_sessions) -> None:  # type: ignore[no-untyped-def]
    with any_sessions.begin() as s:
        old = _no_info(s, DAY).id  # received 2 days ago, never touched: overdue
        touched = _no_info(s, DAY).id  # an attempt 3 hours ago: not overdue
        fresh = _no_info(s, dt.date(2026, 11, 22), hour=9).id  # today: not overdue
        parcel(s, DAY, [ItemSpec()], status="registered")  # not in the queue
        done = _no_info(s, DAY, resolved_at=NOW).id  # resolved: not in the queue
    followup.add_attempt(
        any_sessions, touched, "旺旺", "已留言", "lead", "office", at=NOW - dt.timedelta(hours=3)
    )
    followup.add_attempt(
        any_sessions, old, "电话", "无人接听", "lead", "office", at=NOW - dt.timedelta(hours=30)
    )
    queue = followup.list_followups(any_sessions, NOW)
    ids = [f.parcel_id for f in queue]
    assert set(ids) == {old, touched, fresh}
    assert done not in ids
    assert ids[0] == old  # overdue first
    by_id = {f.parcel_id: f for f in queue}
    assert by_id[old].overdue
    assert not by_id[touched].overdue
    assert not by_id[fresh].overdue
    assert by_id[old].age_days == 2
    assert by_id[fresh].age_days == 0
    assert by_id[old].attempts == 1
    assert by_id[old].last_result == "无人接听"
    assert by_id[touched].last_action_at == NOW - dt.timedelta(hours=3)
    assert followup.overdue_count(any_sessions, NOW) == 1
    assert followup.overdue_count(any_sessions, NOW + dt.timedelta(days=1)) == 3
    history = followup.attempts(any_sessions, old)
    assert [(a.method, a.result, a.who) for a in history] == [("电话", "无人接听", "lead")]


def test_attempt_needs_method_and_result_and_an_open_parcel(any_sessions) -> None:  # type: ignore[no-untyped-def]
    with any_sessions.begin() as s:
        pid = _no_info(s, DAY).id
        reg = parcel(s, DAY, [ItemSpec()]).id
    with pytest.raises(InvalidInput):
        followup.add_attempt(any_sessions, pid, "", "x", "lead", "office")
    with pytest.raises(InvalidInput):
        followup.add_attempt(any_sessions, pid, "电话", " ", "lead", "office")
    with pytest.raises(InvalidInput):
        followup.add_attempt(any_sessions, reg, "电话", "x", "lead", "office")
    with pytest.raises(NotFound):
        followup.add_attempt(any_sessions, 999999, "电话", "x", "lead", "office")


def test_reported_flag_is_saved_and_audited(any_sessions) -> None:  # type: ignore[no-untyped-def]
    with any_sessions.begin() as s:
        pid = _no_info(s, DAY).id
    followup.set_reported(any_sessions, pid, True, "clerk1", "bench-1")
    assert followup.list_followups(any_sessions, NOW)[0].reported_to_lead
    with any_sessions() as s:
        actions = s.scalars(select(AuditEntry.action)).all()
    assert "reported_to_lead" in actions


def test_resolve_attaches_buyer_and_registers_keeping_slip(any_sessions, shop) -> None:  # type: ignore[no-untyped-def]
    with any_sessions.begin() as s:
        o = order(s, agent="小红", buyer="tb_found")
        order_no = o.order_no
        pid = _no_info(s, DAY, slip_no=7).id
    with pytest.raises(InvalidInput):
        followup.attach_buyer(any_sessions, pid, "someone_else", order_no, "lead", "office")
    data = RegisterInput(
        items=(
            ItemInput(
                strings.ItemSpec("5815", color="深紫", size="W7"),
                reason="尺码偏小",
                condition="完好",
            ),
        )
    )
    result = followup.resolve(any_sessions, pid, "", order_no, data, "lead", "office", shop)
    assert result.slip_no == 7
    assert result.status == "registered"
    with any_sessions() as s:
        p = s.get(Parcel, pid)
        assert p is not None
        assert (p.buyer_id, p.status, p.slip_no) == ("tb_found", "registered", 7)
        assert p.resolved_at is not None
        assert p.order_id == o.id
    assert followup.list_followups(any_sessions, NOW) == []
    assert followup.overdue_count(any_sessions, NOW) == 0


def test_resolve_from_the_lead_desk_uses_the_recorded_items(any_sessions, shop) -> None:  # type: ignore[no-untyped-def]
    with any_sessions.begin() as s:
        pid = _no_info(s, DAY, slip_no=3).id
        empty = parcel(s, DAY, [], status="no_info", contents="一个盒子").id
    with pytest.raises(InvalidInput):
        followup.resolve_recorded(any_sessions, empty, "tb_b", "", "lead", "office", shop)
    result = followup.resolve_recorded(any_sessions, pid, "tb_b", "", "lead", "office", shop)
    assert (result.slip_no, result.status) == (3, "registered")
    with any_sessions() as s:
        p = s.get(Parcel, pid)
        assert p is not None
        assert p.buyer_id == "tb_b"
        assert [(i.model, i.reason, i.qty) for i in p.items] == [("5815", "不合适", 1)]
        assert p.items[0].bin != "pending"
    assert [f.parcel_id for f in followup.list_followups(any_sessions, NOW)] == [empty]
