"""Exports as the platforms write them today (header shapes from the real files, see the
comments in resources/import_presets.toml), on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order, Refund
from returnsdesk.importing.service import ImportResult, run_import

# Taobao 订单报表 (the order list), enough of it to hold the orders the other files refer to.
ORDERS = [
    ["订单编号", "买家会员名", "收货人姓名", "收货地址", "联系手机", "物流单号", "物流公司"],
    ["3156900062392749367", "快乐的-mu", "肖磊", "浙江省 杭州市 西湖区 世纪大道574号",
     "13166131860", "YT7529170342366", "圆通速递"],
    ["3127075068556203336", "鞋控小王129", "蒋超", "北京 北京市 朝阳区 解放大道214号",
     "18865797543", "1231948757491", "EMS"],
]  # fmt: skip

# 宝贝明细 as 千牛 exports it now: one row per sub-order, no 订单编号 column.
ITEMS_V2_HEADER = [
    "子订单编号", "主订单编号", "商品标题", "商品价格", "购买数量", "外部系统编号", "商品属性",
    "套餐信息", "备注", "订单状态", "商家编码", "支付单号", "买家应付货款", "买家实付金额",
    "退款状态", "退款金额", "订单创建时间", "订单付款时间", "商品ID", "分阶段信息", "发货时间",
    "物流单号", "物流公司",
]  # fmt: skip

# Taobao 退款列表 (批量导出), the current columns: no buyer column at all.
REFUND_HEADER = [
    "订单编号", "退款编号", "支付宝交易号", "订单付款时间", "商品编码", "退款完结时间",
    "买家实际支付金额", "宝贝标题", "买家退款金额", "手工退款/系统退款", "是否需要退货",
    "退款的申请时间", "超时时间", "退款状态", "货物状态", "退货物流信息", "发货物流信息",
    "客服介入状态", "卖家真实姓名", "卖家真实姓名新", "卖家退货地址", "卖家邮编", "卖家电话",
    "卖家手机", "退货物流单号", "退货物流公司", "买家退款原因", "买家退款说明", "买家退货时间",
    "责任方", "售中或售后", "商家备注", "完结时间", "部分退款/全部退款", "审核操作人",
    "举证超时", "是否零秒响应", "退款操作人", "退款原因标签", "业务类型",
]  # fmt: skip


def _csv(path: Path, rows: list[list[str]], encoding: str = "gb18030") -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def _import(sessions: SessionFactory, kind: str, path: Path) -> ImportResult:
    return run_import(sessions, kind, path, home=path.parent, user="lead", station="office")


def _orders(sessions: SessionFactory, tmp_path: Path) -> None:
    r = _import(sessions, "orders", _csv(tmp_path / "订单报表.csv", ORDERS))
    assert (r.preset, r.imported) == ("taobao_orders", 2)


def _item(
    sub: str, main: str, title: str, price: str, qty: str, props: str, code: str
) -> list[str]:
    row = dict.fromkeys(ITEMS_V2_HEADER, "")
    row |= {"子订单编号": sub, "主订单编号": main, "商品标题": title, "商品价格": price,
            "购买数量": qty, "商品属性": props, "商家编码": code, "订单状态": "交易成功",
            "商品ID": "689412345678", "买家实付金额": price}  # fmt: skip
    return [row[h] for h in ITEMS_V2_HEADER]


def test_taobao_items_with_sub_and_main_order_numbers(
    any_sessions: SessionFactory, tmp_path: Path
) -> None:
    _orders(any_sessions, tmp_path)
    rows = [
        ITEMS_V2_HEADER,
        _item("3156900062392749368", "3156900062392749367", "女鞋6021", "129.00", "1",
              "颜色分类:深紫;尺码:M7", "6021-深紫-M7"),
        _item("3156900062392749369", "3156900062392749367", "女鞋6022", "139.00", "2",
              "颜色分类:灰色;尺码:W7", "6022-灰色-W7"),
        _item("3999999999999999998", "3999999999999999999", "女鞋5815", "129.00", "1", "", ""),
    ]  # fmt: skip
    path = _csv(tmp_path / "ExportOrderDetailList.csv", rows)
    r = _import(any_sessions, "orders", path)
    assert r.preset == "taobao_items_v2"
    assert (r.imported, r.rejected) == (2, 1)
    assert r.reasons.top() == [("订单不在数据库里, 请先导入订单列表", 1, 4)]
    with any_sessions() as s:
        order = s.scalars(select(Order).where(Order.order_no == "3156900062392749367")).one()
        lines = [(x.line_no, x.sku_code, x.color, x.size, x.qty, x.price) for x in order.lines]
        assert lines == [
            (1, "6021-深紫-M7", "深紫", "M7", 1, Decimal("129.00")),
            (2, "6022-灰色-W7", "灰色", "W7", 2, Decimal("139.00")),
        ]
        # the sub-order numbers are no orders of their own
        assert len(s.scalars(select(Order.order_no)).all()) == 2
    again = _import(any_sessions, "orders", path)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 2)


WDT_HEADER = [
    "订单编号", "店铺名称", "订单来源", "仓库", "原始单号", "原始子单号", "订单状态", "订单类型",
    "交易时间", "付款时间", "发货时间", "客户网名", "收件人", "省市县", "地址", "手机", "电话",
    "物流公司", "物流单号", "买家留言", "客服备注", "商家编码", "货品编号", "货品名称",
    "规格名称", "下单数量", "实发数量", "成交价", "分摊后总价",
]  # fmt: skip


def _wdt(no: str, raw_no: str, code: str, spec: str, qty: str, price: str) -> list[str]:
    row = dict.fromkeys(WDT_HEADER, "")
    row |= {"订单编号": no, "店铺名称": "示例旗舰店", "订单来源": "淘宝", "仓库": "杭州仓",
            "原始单号": raw_no, "原始子单号": raw_no + "1", "订单状态": "已完成",
            "付款时间": "2026-10-04 10:21:30", "发货时间": "2026-10-05 09:00:00",
            "客户网名": "快乐的-mu", "收件人": "肖磊", "省市县": "浙江省 杭州市 西湖区",
            "地址": "浙江省 杭州市 西湖区 世纪大道574号", "手机": "13166131860",
            "物流公司": "圆通速递", "物流单号": "YT7529170342366", "客服备注": "红旗 小慧",
            "商家编码": code, "货品编号": code.split("-")[0], "货品名称": "女鞋",
            "规格名称": spec, "下单数量": qty, "实发数量": qty, "成交价": price}  # fmt: skip
    return [row[h] for h in WDT_HEADER]


def test_wdt_orders_take_the_shops_number_from_original_no(
    any_sessions: SessionFactory, tmp_path: Path
) -> None:
    rows = [
        WDT_HEADER,
        _wdt("JY202610040012", "3156900062392749367", "6021-深紫-M7", "颜色分类:深紫;尺码:M7", "1", "129.00"),
        _wdt("JY202610040012", "3156900062392749367", "6022-灰色-W7", "颜色分类:灰色;尺码:W7", "1", "139.00"),
    ]  # fmt: skip
    r = _import(any_sessions, "orders", _csv(tmp_path / "旺店通订单.csv", rows))
    assert (r.preset, r.imported, r.rejected) == ("wdt_orders", 2, 0)  # rows, one order
    with any_sessions() as s:
        order = s.scalars(select(Order)).one()
        assert (order.order_no, order.buyer_id, order.receiver_name, order.warehouse) == (
            "3156900062392749367",
            "快乐的-mu",
            "肖磊",
            "杭州仓",
        )
        assert (order.agent, order.phone_last4) == ("小慧", "1860")
        assert [(x.sku_code, x.size, x.price) for x in order.lines] == [
            ("6021-深紫-M7", "M7", Decimal("129.00")),
            ("6022-灰色-W7", "W7", Decimal("139.00")),
        ]
        assert [x.tracking_no for x in order.shipments] == ["YT7529170342366"]


def _refund(order_no: str, refund_no: str, reason: str, tracking: str = "") -> list[str]:
    row = dict.fromkeys(REFUND_HEADER, "")
    row |= {"订单编号": order_no, "退款编号": refund_no, "买家退款金额": "89.00",
            "退款的申请时间": "2026-11-09 09:00:00", "退款状态": "退款成功",
            "退货物流单号": tracking, "退货物流公司": "圆通速递" if tracking else "",
            "买家退款原因": reason, "买家退款说明": "穿着挤脚", "是否需要退货": "是"}  # fmt: skip
    return [row[h] for h in REFUND_HEADER]


def test_refund_list_without_buyer_takes_buyer_and_stated_reason(
    any_sessions: SessionFactory, tmp_path: Path
) -> None:
    _orders(any_sessions, tmp_path)
    rows = [
        REFUND_HEADER,
        _refund("3156900062392749367", "200000000000003", "尺码拍错/不喜欢/效果不好", "YT1092815901396"),
        _refund("3127075068556203336", "200000000000004", "质量问题"),
        _refund("3999999999999999999", "200000000000005", "7天无理由退换货"),
    ]  # fmt: skip
    r = _import(any_sessions, "refunds", _csv(tmp_path / "退款列表.csv", rows))
    assert (r.preset, r.imported, r.rejected) == ("taobao_refunds", 2, 1)
    assert r.reasons.top() == [("订单不在数据库里, 退款又没有买家ID, 请先导入订单列表", 1, 4)]
    with any_sessions() as s:
        got = {
            x.refund_no: (x.buyer_id, x.reason, x.amount, x.return_tracking)
            for x in s.scalars(select(Refund))
        }
    assert got == {
        "200000000000003": (
            "快乐的-mu",
            "尺码拍错/不喜欢/效果不好",
            Decimal("89.00"),
            "YT1092815901396",
        ),
        "200000000000004": ("鞋控小王129", "质量问题", Decimal("89.00"), ""),
    }


def test_refund_list_with_buyer_column_and_buyers_reason(
    any_sessions: SessionFactory, tmp_path: Path
) -> None:
    """An older list: a buyer column, and both the platform's category and the buyer's reason."""
    rows = [
        ["退款编号", "订单编号", "买家会员名称", "买家退款金额", "退款原因", "买家退款原因",
         "退货物流单号", "退货物流公司", "退款状态"],
        ["200000000000003", "3151704375324253005", "jenny_cfe", "89.00", "退货退款",
         "尺码偏小", "YT1092815901396", "圆通速递", "退款成功"],
    ]  # fmt: skip
    r = _import(any_sessions, "refunds", _csv(tmp_path / "refunds.csv", rows, "utf-8-sig"))
    assert (r.imported, r.rejected) == (1, 0)
    with any_sessions() as s:
        refund = s.scalars(select(Refund)).one()
        assert (refund.buyer_id, refund.reason) == ("jenny_cfe", "尺码偏小")


JST_HEADER = [
    "内部订单号", "线上订单号", "店铺", "买家账号", "收货人姓名", "手机", "省", "市", "区县",
    "收货地址", "快递公司", "快递单号", "商品编码", "商品名称", "颜色及规格", "数量", "商品单价",
    "已付金额", "状态", "付款日期", "发货日期",
]  # fmt: skip


def test_jushuitan_receiver_name_and_unit_price(
    any_sessions: SessionFactory, tmp_path: Path
) -> None:
    rows = [
        JST_HEADER,
        ["1088123", "3182581739483827580", "示例旗舰店", "momoymvr", "王芳娜", "13800001234",
         "浙江省", "杭州市", "西湖区", "浙江省 杭州市 西湖区 文三路 8 号", "韵达快递",
         "4311491316772", "5815-栗色-M9", "女鞋5815", "栗色;M9", "1", "129.00", "129.00",
         "已发货", "2026-10-04 10:21:30", "2026-10-05 09:00:00"],
    ]  # fmt: skip
    r = _import(any_sessions, "orders", _csv(tmp_path / "聚水潭订单.xlsx.csv", rows, "utf-8"))
    assert (r.preset, r.imported, r.rejected) == ("jst_orders", 1, 0)
    with any_sessions() as s:
        order = s.scalars(select(Order)).one()
        assert (order.order_no, order.receiver_name, order.city) == (
            "3182581739483827580",
            "王芳娜",
            "杭州",
        )
        assert [(x.sku_code, x.price) for x in order.lines] == [("5815-栗色-M9", Decimal("129.00"))]
