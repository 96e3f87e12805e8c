"""The refund queue and the lead's decisions, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from returnsdesk.db.models import AuditEntry, OrderLine, RefundDecision
from returnsdesk.errors import (
    InvalidInput,
    RefundAbovePaid,
    RefundNotInspected,
    UnknownRefund,
    UnknownRefundKind,
)
from returnsdesk.services.refunds import queue as rq
from returnsdesk.services.refunds import rows as refund_rows
from returnsdesk.services.refunds.decide import decide

from helpers.factories import ItemSpec, money
from helpers.refund_data import REGISTERED, SHOE, SOCKS, request

NOW = REGISTERED + dt.timedelta(hours=3)


def shoe(condition: str = "完好", reason: str = "尺码偏小", qty: int = 1) -> ItemSpec:
    return ItemSpec(*SHOE, qty=qty, reason=reason, condition=condition)


def row(sessions, shop, refund_id, now=NOW):
    return refund_rows.rows(sessions, [refund_id], shop, now)[refund_id]


def test_a_registered_parcel_puts_its_request_in_the_queue(any_sessions, shop):
    with any_sessions.begin() as s:
        r = request(s, [shoe()], lines=((SHOE, 1, "89.00"), (SOCKS, 2, "5.00")), asked="89.00")
        money(s, REGISTERED.date(), "10.00", kind="换货邮费", parcel_id=None)
        pid = s.scalar(text("SELECT id FROM parcels WHERE refund_id = :r"), {"r": r.id})
        money(s, REGISTERED.date(), "10.00", kind="换货邮费", parcel_id=pid)
        no_parcel = request(s, None)
        unregistered = request(s, [shoe()], parcel_status="matched")
    ids = rq.queue_ids(any_sessions, shop.refunds, NOW)
    assert ids == [r.id]
    assert no_parcel.id not in ids
    assert unregistered.id not in ids
    got = row(any_sessions, shop, r.id)
    assert (got.refund_no, got.order_no, got.buyer_id, got.asked) == (
        r.refund_no, r.order_no, "tb_xiaomei", Decimal("89.00"),
    )  # fmt: skip
    assert got.buyer_reason == "尺码偏小"
    assert [
        (f.model, f.size, f.qty, f.condition, f.reason, f.responsibility) for f in got.found
    ] == [("5815", "W7", 1, "完好", "尺码偏小", "buyer")]
    assert got.missing_text == "8001白色均码*2"
    assert got.money == (("换货邮费", Decimal("10.00")),)
    assert got.entry.due_at == REGISTERED + dt.timedelta(hours=24)
    assert got.hours_left == pytest.approx(21.0)
    assert not got.overdue
    assert (got.suggestion.decision, got.suggestion.amount) == ("full", Decimal("89.00"))
    assert got.cap == Decimal("99.00")


def test_deadline_from_shop_toml_and_overdue_rows(any_sessions, shop):
    from dataclasses import replace

    with any_sessions.begin() as s:
        late = request(s, [shoe()], registered_at=REGISTERED - dt.timedelta(hours=30))
        fresh = request(s, [shoe()])
    assert rq.queue_ids(any_sessions, shop.refunds, NOW) == [late.id, fresh.id]
    assert rq.queue_ids(any_sessions, shop.refunds, NOW, "due") == [late.id]
    assert row(any_sessions, shop, late.id).overdue
    assert rq.counts(any_sessions, shop.refunds, NOW) == {"open": 2, "due": 1, "followup": 0}
    assert row(any_sessions, shop, late.id).hours_left == pytest.approx(-9.0)
    short = replace(shop, refunds=replace(shop.refunds, due_hours=2))
    assert rq.queue_ids(any_sessions, short.refunds, NOW, "due") == [late.id, fresh.id]


@pytest.mark.parametrize(
    ("items", "asked", "decision", "amount", "rule"),
    [
        ([shoe()], "89.00", "full", "89.00", "all_back"),
        ([shoe("损坏", "质量问题")], "89.00", "full", "89.00", "our_fault"),
        ([shoe("有穿着痕迹")], "89.00", "refuse", "0.00", "condition"),
        ([shoe("缺配件")], "89.00", "partial", "71.20", "accessories"),
        ([ItemSpec("9999", "红色", "L")], "89.00", "refuse", "0.00", "nothing_back"),
    ],
)
def test_every_suggestion_rule_from_the_database(
    any_sessions, shop, items, asked, decision, amount, rule
):
    with any_sessions.begin() as s:
        r = request(s, items, asked=asked)
    sug = row(any_sessions, shop, r.id).suggestion
    assert (sug.decision, sug.amount, sug.rule) == (decision, Decimal(amount), rule)


def test_missing_line_suggests_partial_with_its_amount(any_sessions, shop):
    with any_sessions.begin() as s:
        r = request(s, [shoe()], lines=((SHOE, 1, "89.00"), (SOCKS, 1, "10.00")), asked="99.00")
    sug = row(any_sessions, shop, r.id).suggestion
    assert (sug.decision, sug.amount, sug.rule) == ("partial", Decimal("89.00"), "missing")
    assert sug.grounds_text == "商品未退回: 8001白色均码*1 -10.00"


def test_approve_the_suggestion_then_a_later_decision_supersedes_it(any_sessions, shop):
    with any_sessions.begin() as s:
        r = request(s, [shoe()], asked="89.00")
    first = decide(any_sessions, shop, r.refund_no, "主管", "lead-pc", approve="89", now=NOW)
    assert (first.decision, first.amount, first.kind, first.differs) == (
        "approve", Decimal("89.00"), "货款", False,
    )  # fmt: skip
    assert first.backend_note.startswith(f"11-22 {r.refund_no} 验货后同意退货款89元")
    assert first.backend_note.endswith("审核:主管")
    assert rq.queue_ids(any_sessions, shop.refunds, NOW) == []  # decided: out of 待审核
    second = decide(
        any_sessions, shop, r.refund_no, "主管", "lead-pc", approve="80", kind="退差价",
        note="鞋盒压坏", replaces=first.id, now=NOW,
    )  # fmt: skip
    assert second.supersedes_id == first.id
    assert second.differs
    assert "(申请89元)" in second.backend_note
    assert "鞋盒压坏" in second.backend_note
    got = row(any_sessions, shop, r.id)
    assert got.decision is not None
    assert got.decision.id == second.id
    with any_sessions() as s:
        history = refund_rows.decision_views(s, [r.id])[r.id]
        audit = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "refund")).all()
    assert [(d.amount, d.decided_by) for d in history] == [
        (Decimal("89.00"), "主管"), (Decimal("80.00"), "主管"),
    ]  # fmt: skip
    assert audit == ["refund_approve", "refund_approve"]


def test_refuse_needs_a_note_and_records_it(any_sessions, shop):
    with any_sessions.begin() as s:
        r = request(s, [ItemSpec("9999", "红色", "L")])
    with pytest.raises(InvalidInput):
        decide(any_sessions, shop, r.refund_no, "主管", "lead-pc", refuse=True, now=NOW)
    got = decide(
        any_sessions, shop, r.refund_no, "主管", "lead-pc", refuse=True, note="退回非本店商品",
        now=NOW,
    )  # fmt: skip
    assert (got.decision, got.amount) == ("refuse", Decimal("0.00"))
    assert got.backend_note == f"11-22 {r.refund_no} 验货后拒绝退款 退回非本店商品 审核:主管"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"approve": "99.01"}, RefundAbovePaid),
        ({"approve": "0"}, InvalidInput),
        ({"approve": "abc"}, InvalidInput),
        ({"approve": "10", "kind": "红包"}, UnknownRefundKind),
        ({}, InvalidInput),
        ({"approve": "10", "refuse": True, "note": "x"}, InvalidInput),
    ],
)
def test_bad_decisions_write_nothing(any_sessions, shop, kwargs, error):
    with any_sessions.begin() as s:
        r = request(s, [shoe()], lines=((SHOE, 1, "89.00"), (SOCKS, 1, "10.00")), asked="89.00")
    with pytest.raises(error):
        decide(any_sessions, shop, r.refund_no, "主管", "lead-pc", now=NOW, **kwargs)
    with any_sessions() as s:
        assert s.scalars(select(RefundDecision)).all() == []


def test_unknown_and_uninspected_requests_are_refused(any_sessions, shop):
    with any_sessions.begin() as s:
        waiting = request(s, None)
    with pytest.raises(UnknownRefund):
        decide(any_sessions, shop, "nope", "主管", "lead-pc", approve="1", now=NOW)
    with pytest.raises(RefundNotInspected):
        decide(any_sessions, shop, waiting.refund_no, "主管", "lead-pc", approve="1", now=NOW)


def test_an_order_is_never_refunded_above_what_it_paid(any_sessions, shop):
    with any_sessions.begin() as s:
        a = request(s, [shoe()], lines=((SHOE, 1, "89.00"),), order_no="3100000099")
        b = request(s, [shoe()], order_no="3100000099", asked="89.00")
    decide(any_sessions, shop, a.refund_no, "主管", "lead-pc", approve="60", now=NOW)
    assert row(any_sessions, shop, b.id).cap == Decimal("29.00")
    with pytest.raises(RefundAbovePaid) as err:
        decide(any_sessions, shop, b.refund_no, "主管", "lead-pc", approve="30", now=NOW)
    assert "29.00" in err.value.text()


def test_platform_status_closes_the_loop(any_sessions, shop):
    later = NOW + dt.timedelta(hours=30)
    with any_sessions.begin() as s:
        done = request(s, [shoe()], status="退款成功", finished_at=REGISTERED)
        closed = request(s, [shoe()], status="退款关闭")
        early = request(
            s, [shoe()], status="退款成功", finished_at=REGISTERED - dt.timedelta(days=1)
        )
        pending = request(s, [shoe()])
    decide(any_sessions, shop, pending.refund_no, "主管", "lead-pc", approve="89", now=NOW)
    decide(any_sessions, shop, done.refund_no, "主管", "lead-pc", approve="89", now=NOW)
    rules = shop.refunds
    assert rq.queue_ids(any_sessions, rules, later, "open") == [early.id]
    assert rq.queue_ids(any_sessions, rules, later, "flagged") == [early.id]
    assert rq.queue_ids(any_sessions, rules, NOW, "followup") == []
    assert rq.queue_ids(any_sessions, rules, later, "followup") == [pending.id]
    assert rq.counts(any_sessions, rules, later) == {"open": 1, "due": 1, "followup": 1}
    assert rq.queue_ids(any_sessions, rules, later, "all") == [
        done.id,
        closed.id,
        early.id,
        pending.id,
    ]
    assert row(any_sessions, shop, early.id, later).refunded_before_arrival
    assert row(any_sessions, shop, closed.id, later).platform_state == "closed"
    assert row(any_sessions, shop, pending.id, later).follow_up


def _raw(engine, sql: str) -> None:
    with engine.begin() as conn:
        conn.execute(text(sql))


def test_triggers_keep_decisions_append_only(any_engine, any_sessions, shop):
    with any_sessions.begin() as s:
        r = request(s, [shoe()])
    decide(any_sessions, shop, r.refund_no, "主管", "lead-pc", approve="89", now=NOW)
    for sql in (
        "UPDATE refund_decisions SET amount = 1",
        "UPDATE refund_decisions SET decided_by = 'x' WHERE id > 0",
        "DELETE FROM refund_decisions",
    ):
        with pytest.raises(DBAPIError) as err:
            _raw(any_engine, sql)
        assert "append-only" in str(err.value)
    columns = (
        "INSERT INTO refund_decisions (refund_id, supersedes_id, decision, kind, amount, asked,"
        " suggested, suggested_amount, rule, grounds, note, backend_note, decided_by, station,"
        " decided_at) VALUES ({refund}, {supersedes}, 'refuse', '货款', 0, 89, '', 0, '', '',"
        " 'x', '', 'sql', '', '2026-11-22 12:00:00')"
    )
    with pytest.raises(DBAPIError):  # a second first decision: two would be current
        _raw(any_engine, columns.format(refund=r.id, supersedes="NULL"))
    with any_sessions() as s:
        assert [d.amount for d in s.scalars(select(RefundDecision))] == [Decimal("89.00")]
        first = s.scalars(select(RefundDecision.id)).one()
    other = None
    with any_sessions.begin() as s:
        other = request(s, [shoe()]).id
    with pytest.raises(DBAPIError):  # superseding a decision of another request
        _raw(any_engine, columns.format(refund=other, supersedes=first))
    insert = columns.format(refund=r.id, supersedes=first)
    _raw(any_engine, insert)
    with pytest.raises(DBAPIError):  # a decision is superseded once: two stations cannot both
        _raw(any_engine, insert)


def test_finance_list_of_a_day_stays_as_finance_received_it(any_sessions, shop):
    from returnsdesk.reports.refund_list import finance_rows

    with any_sessions.begin() as s:
        r = request(s, [shoe()])
    next_day = NOW + dt.timedelta(days=1)
    a = decide(any_sessions, shop, r.refund_no, "主管", "lead-pc", approve="80", now=NOW)
    b = decide(any_sessions, shop, r.refund_no, "主管", "lead-pc", approve="89", replaces=a.id,
               now=NOW)  # fmt: skip
    decide(any_sessions, shop, r.refund_no, "主管", "lead-pc", refuse=True, note="x",
           replaces=b.id, now=next_day)  # fmt: skip
    first = finance_rows(any_sessions, NOW.date())
    assert [(f.amount, f.decision_name) for f in first] == [
        (Decimal("89.00"), "同意 (已于 11-23 更改)")
    ]
    assert first[0].difference == Decimal("0.00")
    second = finance_rows(any_sessions, next_day.date())
    assert [(f.amount, f.decision_name, f.note) for f in second] == [
        (Decimal("0.00"), "拒绝 (更正)", "x")
    ]
    assert finance_rows(any_sessions, NOW.date() - dt.timedelta(days=1)) == []


def test_items_are_named_as_the_bench_and_the_strings_name_them(any_sessions, shop):
    """A sunshade is 遮阳挡2019款途观L(新款), in what came back, what did not and the grounds,
    not its 商家编码 and title."""
    sunshade = ItemSpec("Z10", "", "", category="遮阳挡", spec="2019款途观L(新款)")
    with any_sessions.begin() as s:
        r = request(s, [sunshade], lines=((SHOE, 1, "89.00"),), asked="89.00")
        order_id = s.scalar(text("SELECT order_id FROM parcels WHERE refund_id = :r"), {"r": r.id})
        s.add(OrderLine(order_id=order_id, line_no=9, model="Z10", category="遮阳挡",
                        spec="2019款途观L(新款)", qty=1, price=Decimal("120.00")))  # fmt: skip
    got = row(any_sessions, shop, r.id)
    assert got.found_text == "遮阳挡2019款途观L(新款)*1"
    assert got.missing_text == "5815深紫W7*1"
