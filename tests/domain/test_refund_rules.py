"""Every rule of the suggested refund decision, on plain values (no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from returnsdesk.config import load_shop_config
from returnsdesk.domain.refund_rules import Line, Returned, suggest

RULES = load_shop_config().refunds
SHOE = Line(1, "5815", "深紫", "W7", qty=1, price=Decimal("89.00"))
BOOT = Line(2, "7002", "黑色", "W8", qty=1, price=Decimal("199.00"))


def found(
    line: Line, condition: str = "完好", reason: str = "尺码偏小", resp: str = "buyer", qty=1
):
    return Returned(line.model, line.color, line.size, qty=qty, condition=condition, reason=reason,
                 responsibility=resp)  # fmt: skip


def test_everything_back_resellable_is_a_full_refund():
    s = suggest([found(SHOE), found(BOOT)], [SHOE, BOOT], Decimal("288.00"), RULES)
    assert (s.decision, s.amount, s.rule) == ("full", Decimal("288.00"), "all_back")
    assert s.grounds[0].items == ("5815深紫W7*1", "7002黑色W8*1")
    assert s.missing == ()
    assert s.paid == Decimal("288.00")


@pytest.mark.parametrize(("reason", "resp"), [("发错货", "warehouse"), ("质量问题", "factory")])
def test_our_fault_is_a_full_refund_whatever_the_condition(reason, resp):
    s = suggest([found(SHOE, "损坏", reason, resp)], [SHOE], Decimal("89.00"), RULES)
    assert (s.decision, s.amount, s.rule) == ("full", Decimal("89.00"), "our_fault")
    assert s.grounds[0].items == (f"5815深紫W7*1 {reason}",)


def test_a_line_that_did_not_come_back_is_withheld():
    s = suggest([found(SHOE)], [SHOE, BOOT], Decimal("288.00"), RULES)
    assert (s.decision, s.amount, s.rule) == ("partial", Decimal("89.00"), "missing")
    assert s.grounds[0].items == ("7002黑色W8*1",)
    assert s.grounds[0].amount == Decimal("199.00")
    assert [(m.line.model, m.qty) for m in s.missing] == [("7002", 1)]


def test_a_missing_line_the_buyer_did_not_ask_for_changes_nothing():
    s = suggest([found(SHOE)], [SHOE, BOOT], Decimal("89.00"), RULES)
    assert (s.decision, s.amount, s.rule) == ("full", Decimal("89.00"), "all_back")
    assert [m.line.model for m in s.missing] == ["7002"]


def test_worn_item_withholds_its_line():
    s = suggest([found(SHOE), found(BOOT, "有穿着痕迹")], [SHOE, BOOT], Decimal("288.00"), RULES)
    assert (s.decision, s.amount, s.rule) == ("partial", Decimal("89.00"), "condition")
    assert s.grounds[0].items == ("7002黑色W8*1 有穿着痕迹",)


def test_missing_accessories_withhold_their_share():
    s = suggest([found(SHOE, "缺配件")], [SHOE], Decimal("89.00"), RULES)
    assert (s.decision, s.amount, s.rule) == ("partial", Decimal("71.20"), "accessories")
    assert s.grounds[0].amount == Decimal("17.80")
    assert "缺配件" in s.grounds_text


def test_nothing_of_the_order_is_a_refusal():
    other = Returned("9999", "红色", "L", qty=1, condition="完好")
    s = suggest([other], [SHOE], Decimal("89.00"), RULES)
    assert (s.decision, s.amount, s.rule) == ("refuse", Decimal("0.00"), "nothing_back")
    assert s.grounds[0].items == ("9999红色L*1",)
    assert suggest([], [SHOE], Decimal("89.00"), RULES).decision == "refuse"


def test_only_worn_items_back_is_a_refusal_by_condition():
    s = suggest([found(SHOE, "损坏")], [SHOE], Decimal("89.00"), RULES)
    assert (s.decision, s.amount, s.rule) == ("refuse", Decimal("0.00"), "condition")


def test_items_match_by_sku_code_first_and_quantity_counts():
    pair = Line(1, "5815", "深紫", "W7", sku_code="5815-深紫-W7", qty=2, price=Decimal("50.00"))
    one = Returned("5815", sku_code="5815-深紫-W7", qty=1, condition="完好")
    s = suggest([one], [pair], Decimal("100.00"), RULES)
    assert (s.decision, s.amount) == ("partial", Decimal("50.00"))
    assert [(m.line.model, m.qty) for m in s.missing] == [("5815", 1)]


def test_without_line_prices_the_asked_amount_is_spread_by_piece():
    free = [Line(1, "5815", qty=1), Line(2, "7002", qty=1)]
    s = suggest(
        [Returned("5815", condition="完好")], free, Decimal("100.00"), RULES, Decimal("100")
    )
    assert (s.decision, s.amount, s.paid) == ("partial", Decimal("50.00"), Decimal("100.00"))


def test_asking_more_than_the_order_paid_is_named_as_such():
    s = suggest([found(SHOE)], [SHOE], Decimal("99.00"), RULES)
    assert (s.decision, s.amount, s.rule) == ("partial", Decimal("89.00"), "over_paid")
    assert s.grounds_text == "申请金额超过订单实付 -10.00"
