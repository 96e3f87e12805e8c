"""An order row's values line up with the columns they are written to, for every field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from returnsdesk.importing.orders import OrdersHandler
from returnsdesk.importing.presets import ORDER_FIELDS, Mapping, Preset


def test_every_order_field_lands_in_its_column() -> None:
    fields = list(ORDER_FIELDS)
    preset = Preset("all", "orders", "all", {f: (f,) for f in fields})
    handler = OrdersHandler(Mapping(preset, 0, fields, {f: i for i, f in enumerate(fields)}))
    cell = {
        "order_no": '="3156900062392749367"',
        "buyer_id": " Buyer_X ",
        "receiver_name": "肖磊",
        "phone": "138-1234-5678",
        "tel": "0571-88881234",
        "address": "浙江省 杭州市 西湖区 世纪大道574号",
        "shop": "示例旗舰店",
        "agent": "小慧",
        "warehouse": "武汉仓",
        "distribution": "是",
        "status": "交易成功",
        "total": "¥1,299.00",
        "paid_at": "2026-10-04 10:21:30",
        "shipped_at": "2026/10/05 08:00",
        "seller_note": "红旗 小王",
        "tracking": "YT7529170342366",
        "courier": "圆通速递",
    }
    order_no, order, ships, line, line_no = handler.parse([cell[f] for f in fields])
    assert order is not None
    assert line is None
    assert line_no is None
    assert order_no == "3156900062392749367"
    assert dict(zip(handler.order_cols, order, strict=True)) == {
        "buyer_id": "Buyer_X",
        "buyer_id_lower": "buyer_x",
        "receiver_name": "肖磊",
        "status": "交易成功",
        "shop": "示例旗舰店",
        "warehouse": "武汉仓",
        "receiver_phone": "13812345678",
        "phone_last4": "5678",
        "address": "浙江省 杭州市 西湖区 世纪大道574号",
        "city": "杭州",
        "total": Decimal("1299.00"),
        "paid_at": dt.datetime(2026, 10, 4, 10, 21, 30),
        "shipped_at": dt.datetime(2026, 10, 5, 8, 0),
        "seller_note": "红旗 小王",
        "is_distribution": True,
        "agent": "小慧",
    }
    assert ships == [("YT7529170342366", "圆通")]


def test_long_text_is_cut_to_its_column() -> None:
    fields = ["order_no", "buyer_id", "address"]
    preset = Preset("few", "orders", "few", {f: (f,) for f in fields})
    handler = OrdersHandler(Mapping(preset, 0, fields, {f: i for i, f in enumerate(fields)}))
    _, order, *_ = handler.parse(["31001", "B" * 150, "浙江省 杭州市 " + "路" * 400])
    assert order is not None
    values = dict(zip(handler.order_cols, order, strict=True))
    assert values["buyer_id"] == "B" * 100
    assert values["buyer_id_lower"] == "b" * 100
    assert len(values["address"]) == 300
    assert values["city"] == "杭州"
