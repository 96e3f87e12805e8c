"""The exact standard strings of the README ("Standard strings"), from the default templates in resources/shop.toml."""

import datetime as dt
from decimal import Decimal

import pytest

from returnsdesk.domain.strings import (
    ItemSpec,
    MoneyFound,
    amount_text,
    register_line,
    register_line_no_slip,
    repair_note,
    reship_note,
    return_string,
    short_date,
)

SHOE = ItemSpec("5815", "鞋", "深紫", "W7")
D = dt.date(2026, 11, 22)


def test_return_string_shoes(shop):
    assert return_string("tb_xiaomei", [SHOE], ["尺码偏小"], ["完好"], shop) == (
        "tb_xiaomei 5815深紫W7*1 尺码偏小 完好"
    )


def test_return_string_sunshade(shop):
    item = ItemSpec("", "遮阳挡", spec="2019款凯美瑞(新款)")
    assert return_string("车友小王", [item], ["尺寸不符"], ["完好"], shop) == (
        "车友小王 遮阳挡2019款凯美瑞(新款)*1 尺寸不符 完好"
    )


def test_return_string_wiper(shop):
    item = ItemSpec("", "雨刷", spec="24寸+16寸")
    assert return_string("wiper_fan88", [item], ["不合适"], ["完好"], shop) == (
        "wiper_fan88 雨刷24寸+16寸*1 不合适 完好"
    )


def test_register_line_return(shop):
    assert register_line(D, "tb_xiaomei", [SHOE], ["尺码偏小"], ["完好"], shop) == (
        "11-22 ID:tb_xiaomei 收到5815深紫W7*1 尺码偏小 完好 退"
    )


def test_register_line_exchange_with_postage_and_accessory(shop):
    line = register_line(
        D,
        "tb_xiaomei",
        [SHOE],
        ["尺码偏小"],
        ["完好"],
        shop,
        money=[MoneyFound("邮费", Decimal("10.00"))],
        accessories=["鞋垫"],
        targets=[("换", ItemSpec("5815", "鞋", "灰色", "W6"))],
    )
    assert line == "11-22 ID:tb_xiaomei 收到5815深紫W7*1 邮费10元 配件:鞋垫 换5815灰色W6*1"


def test_register_line_no_slip(shop):
    assert register_line_no_slip(D, "圆通", "123456789", "北京", [SHOE], shop) == (
        "11-22 无纸条 圆通 123456789 北京寄出 收到5815深紫W7*1"
    )


def test_repair_note(shop):
    assert repair_note(dt.date(2026, 11, 6), [SHOE], ["后跟开裂"], shop) == (
        "11-6收5815深紫W7*1 因后跟开裂,返厂维修中"
    )


def test_reissue_and_exchange_notes(shop):
    assert reship_note("补", [ItemSpec("5815", "鞋", "栗色", "W5")], shop) == "补5815栗色W5*1"
    assert reship_note("换", [ItemSpec("5815", "鞋", "灰色", "W6")], shop) == "换5815灰色W6*1"


def test_several_items_read_per_item(shop):
    other = ItemSpec("6021", "鞋", "灰色", "W6")
    reasons, conds = ["后跟开裂", "不合适"], ["可维修", "完好"]
    s = return_string("b", [SHOE, other], reasons, conds, shop)
    assert s == "b 5815深紫W7*1 后跟开裂 可维修, 6021灰色W6*1 不合适 完好"
    line = register_line(
        dt.date(2026, 11, 22), "b", [SHOE, other], reasons, conds, shop,
        accessories=["", "鞋垫"],
    )  # fmt: skip
    assert (
        line == "11-22 ID:b 收到5815深紫W7*1 后跟开裂 可维修, 6021灰色W6*1 配件:鞋垫 不合适 完好 退"
    )


@pytest.mark.parametrize(
    ("amount", "text"), [("10.00", "10"), ("12.50", "12.5"), ("0.05", "0.05"), ("100", "100")]
)
def test_amount_text(amount, text):
    assert amount_text(Decimal(amount)) == text


def test_short_date_has_no_leading_zeros():
    assert short_date(dt.date(2026, 1, 5)) == "1-5"


def test_templates_are_configuration(tmp_path):
    from returnsdesk.config import load_shop_config

    (tmp_path / "shop.toml").write_text(
        '[templates.strings]\nreturn_string = "{buyer}|{items}|{reasons}"\n', encoding="utf-8"
    )
    custom = load_shop_config(tmp_path)
    assert return_string("x", [SHOE], ["尺码偏小"], ["完好"], custom) == "x|5815深紫W7*1|尺码偏小"
