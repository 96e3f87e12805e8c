import pytest

from returnsdesk.domain.phone import last4, mask_phone
from returnsdesk.domain.routing import OrderFacts, route

HERE = OrderFacts(warehouse="杭州")


@pytest.mark.parametrize(
    ("reason", "condition", "facts", "bin_"),
    [
        ("尺码偏小", "完好", HERE, "restock"),
        ("后跟开裂", "完好", HERE, "repair"),
        ("鞋边开裂", "可维修", HERE, "repair"),
        ("大小不一", "完好", HERE, "damage"),
        ("尺码偏小", "损坏", HERE, "damage"),
        ("不喜欢", "有穿着痕迹", HERE, "damage"),
        ("尺码偏小", "完好", OrderFacts(is_distribution=True), "distribution"),
        ("质量问题", "损坏", OrderFacts(is_distribution=True), "distribution"),
        ("尺码偏小", "完好", OrderFacts(warehouse="武汉"), "transfer"),
        ("尺码偏小", "完好", OrderFacts(known=False), "pending"),
        ("尺码偏小", "完好", OrderFacts(warehouse=""), "restock"),
    ],
)
def test_route(shop, reason, condition, facts, bin_):
    assert route(reason, condition, facts, shop) == bin_


def test_mask_phone():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138-1234-5678") == "138****5678"
    assert mask_phone("0571-88886666") == "********6666"
    assert last4("138 1234 5678") == "5678"


def test_lists_follow_shop_toml(any_sessions, shop):
    """shop.toml is the one authority: a changed bin shows in the pickers, a removed reason
    stays for old records but is no longer offered."""
    import dataclasses

    from returnsdesk.services.common import lists

    first = shop.reasons[0]
    changed = dataclasses.replace(first, bin="damage")
    edited = dataclasses.replace(shop, reasons=(changed, *shop.reasons[2:]))
    lists.ensure_lists(any_sessions, edited)
    offered = {c.code: c.bin for c in lists.reasons(any_sessions)}
    assert offered[first.code] == "damage"
    assert shop.reasons[1].code not in offered
    lists.ensure_lists(any_sessions, shop)  # put back
    assert {c.code: c.bin for c in lists.reasons(any_sessions)}[first.code] == first.bin
    assert shop.reasons[1].code in {c.code for c in lists.reasons(any_sessions)}
