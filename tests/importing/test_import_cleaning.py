"""Cell cleaning: the damage real exports carry, cell by cell."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from returnsdesk.importing import cleaning as c
from returnsdesk.importing.cleaning import BadCell


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ('="3156900062392749367"', "3156900062392749367"),
        ("\t3156900062392749367", "3156900062392749367"),
        ("'3156900062392749367", "3156900062392749367"),
        ("  tb_xiaomei \u3000", "tb_xiaomei"),
        ("", ""),
        (None, ""),
        (1913909960308.0, "1913909960308"),
    ],
)
def test_text_strips_guards_and_spaces(raw: object, clean: str) -> None:
    assert c.text(raw) == clean


@pytest.mark.parametrize(
    "raw",
    ["3.15E+18", "3.1569E+18", "3156900062392750000", 3.1569000623927501e18, 3156900062392750000],
)
def test_excel_damaged_numbers_are_refused(raw: object) -> None:
    with pytest.raises(BadCell, match="Excel"):
        c.identifier(raw, "订单编号")


def test_intact_numbers_pass() -> None:
    assert c.identifier("3156900062392749367", "订单编号") == "3156900062392749367"
    assert c.identifier('="3156900062392750000"', "订单编号") == "3156900062392750000"
    assert c.identifier(3156900062392749367, "订单编号") == "3156900062392749367"
    assert c.identifier("200000000000003", "退款编号") == "200000000000003"
    assert c.identifier(1913909960308, "物流单号") == "1913909960308"
    assert c.identifier("YT7529170342366", "物流单号") == "YT7529170342366"


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("¥1,299.00", "1299.00"),
        ("￥ 89", "89.00"),
        ("129", "129.00"),
        ("", "0.00"),
        (59.9, "59.90"),
    ],
)
def test_amounts(raw: object, value: str) -> None:
    assert c.amount(raw) == Decimal(value)


def test_bad_amount_is_a_bad_cell() -> None:
    with pytest.raises(BadCell, match="金额不是数字"):
        c.amount("十元")


def test_timestamps() -> None:
    assert c.timestamp("2026-10-04 10:53:00") == dt.datetime(2026, 10, 4, 10, 53)
    assert c.timestamp("2026/10/4 10:53") == dt.datetime(2026, 10, 4, 10, 53)
    assert c.timestamp("") is None
    with pytest.raises(BadCell):
        c.timestamp("昨天")


@pytest.mark.parametrize(
    ("address", "city"),
    [
        ("浙江省 杭州市 西湖区 世纪大道574号", "杭州"),
        ("北京 北京市 朝阳区 解放大道214号", "北京"),
        ("新疆维吾尔自治区 乌鲁木齐市 天山区 世纪大道408号", "乌鲁木齐"),
        ("湖北省武汉市洪山区文三路494号", "武汉"),
        ("上海市浦东新区文三路898号", "上海"),
    ],
)
def test_city_of(address: str, city: str) -> None:
    assert c.city_of(address) == city


def test_agent_from_the_flag_note() -> None:
    assert c.agent_of("红旗 小慧") == "小慧"
    assert c.agent_of("紫色旗帜") == "紫旗"
    assert c.agent_of("D") == ""
    assert c.agent_of("红色的鞋子不要了") == ""


def test_properties() -> None:
    assert c.properties("颜色分类:深紫;尺码:W7") == ("深紫", "W7", "")
    assert c.properties("适用车型:2019款凯美瑞(新款)") == ("", "", "2019款凯美瑞(新款)")


def test_split_shipments_and_courier_variants() -> None:
    got = c.shipments("YT7529170342366, 78902579747566", "圆通速递")
    assert got == [("YT7529170342366", "圆通"), ("78902579747566", "圆通")]
    got = c.shipments("YT7529170342366;JT9528907866661", "圆通快递;极兔速递")
    assert got == [("YT7529170342366", "圆通"), ("JT9528907866661", "极兔")]
    assert c.shipments("yt 7529170342366", "YTO") == [("YT7529170342366", "圆通")]
    assert c.shipments("", "圆通") == []
    with pytest.raises(BadCell, match="Excel"):
        c.shipments("7.89026E+13", "中通快递")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("No:YT7529170342366", [("YT7529170342366", "圆通")]),  # Taobao's current order export
        ("NO: 78902579747566", [("78902579747566", "圆通")]),
        ("JDVA11408814483-1-1-", [("JDVA11408814483", "圆通")]),
        ('="462598779470531"', [("462598779470531", "圆通")]),
        ("null", []),
        ("NULL", []),
        ("暂无", []),
        ("-", []),
    ],
)
def test_tracking_cells_as_exports_write_them(cell: str, expected: list[tuple[str, str]]) -> None:
    assert c.shipments(cell, "圆通速递") == expected


def test_phone_last4() -> None:
    assert c.last4("13166131860") == "1860"
    assert c.last4("0571-8888 1234") == "1234"
    assert c.last4("") == ""
