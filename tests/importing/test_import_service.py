"""The import use case on SQLite and PostgreSQL: counts, field values, re-imports, bad files."""

from __future__ import annotations

import csv
import io
import multiprocessing
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import OperationalError

from returnsdesk.db import bulk, search_index
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import ImportRun, Order, OrderLine, Refund, Shipment, Sku
from returnsdesk.errors import ImportFileError
from returnsdesk.importing import orders as orders_mod
from returnsdesk.importing.service import ImportResult, preview, run_import
from returnsdesk.services.bench import match

ORDER_HEADER = [
    " 订单编号 ", "买家会员名", "买家支付宝账号", "买家实际支付金额", "订单状态", "收货人姓名",
    "收货地址 ", "联系电话", "联系手机", "订单付款时间", "物流单号", "物流公司", "订单备注",
    "店铺名称", "无关的列",
]  # fmt: skip


def order_row(no: str, buyer: str, **kw: str) -> list[str]:
    values = {
        "pay": "¥1,299.00",
        "status": "交易成功",
        "name": "肖磊",
        "address": "浙江省 杭州市 西湖区 世纪大道574号",
        "tel": "",
        "phone": "13166131860",
        "paid": "2026-10-04 10:21:30",
        "tracking": "YT7529170342366",
        "courier": "圆通速递",
        "note": "",
    } | kw
    return [
        no, buyer, "131****1860", values["pay"], values["status"], values["name"],
        values["address"], values["tel"], values["phone"], values["paid"], values["tracking"],
        values["courier"], values["note"], "示例旗舰店", "x",
    ]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], encoding: str = "gb18030") -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def do_import(sessions: SessionFactory, kind: str, path: Path, **kw: object) -> ImportResult:
    return run_import(
        sessions,
        kind,
        path,
        home=path.parent,
        user="lead",
        station="office",
        **kw,  # type: ignore[arg-type]
    )


def count(sessions: SessionFactory, model: type) -> int:
    with sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def order_file(tmp_path: Path) -> Path:
    rows = [
        ORDER_HEADER,
        order_row('="3156900062392749367"', "快乐的-MU", note="红旗 小慧"),
        order_row(
            "\t3127075068556203336",
            "鞋控小王129",
            address="北京 北京市 朝阳区 解放大道214号",
            phone="",
            tel="'0571-88881234",
            tracking="YT1311440242646, 78902579747566",
            courier="圆通快递",
            pay="129",
        ),
        order_row("3.15E+18", "坏号码1"),
        order_row("3156900062392750000", "坏号码2"),
        order_row("3182581739483827580", "momoymvr", tracking="4311491316772", courier="韵达快递"),
        order_row("3151704375324253005", "", tracking=""),
    ]
    return write_csv(tmp_path / "订单报表.csv", rows)


def test_taobao_order_list_gbk(any_sessions: SessionFactory, order_file: Path) -> None:
    r = do_import(any_sessions, "orders", order_file)
    assert (r.imported, r.updated, r.unchanged, r.rejected) == (3, 0, 0, 3)
    assert r.preset == "taobao_orders"
    assert r.encoding == "gb18030"
    report = list(csv.reader(io.StringIO(Path(r.report_path).read_text(encoding="utf-8-sig"))))
    assert Path(r.report_path).parent == order_file.parent / "import-reports"
    assert [row[0] for row in report[1:]] == ["4", "5", "7"]
    assert "科学计数法" in report[1][1]
    assert "15 位" in report[2][1]
    assert "买家ID为空" in report[3][1]
    with any_sessions() as s:
        o = s.scalars(select(Order).where(Order.order_no == "3156900062392749367")).one()
        assert (o.buyer_id, o.buyer_id_lower, o.city, o.phone_last4) == (
            "快乐的-MU",
            "快乐的-mu",
            "杭州",
            "1860",
        )
        assert (o.agent, o.total, o.shop) == ("小慧", Decimal("1299.00"), "示例旗舰店")
        assert o.paid_at is not None
        assert o.paid_at.hour == 10
        assert [(x.tracking_no, x.courier) for x in o.shipments] == [("YT7529170342366", "圆通")]
        o2 = s.scalars(select(Order).where(Order.order_no == "3127075068556203336")).one()
        assert (o2.city, o2.receiver_phone, o2.phone_last4) == ("北京", "057188881234", "1234")
        assert sorted((x.tracking_no, x.courier) for x in o2.shipments) == [
            ("78902579747566", "圆通"),
            ("YT1311440242646", "圆通"),
        ]
        assert s.scalars(select(ImportRun)).one().status == "done"


def test_reimport_updates_and_never_duplicates(
    any_sessions: SessionFactory, order_file: Path, tmp_path: Path
) -> None:
    do_import(any_sessions, "orders", order_file)
    again = do_import(any_sessions, "orders", order_file)
    assert (again.imported, again.updated, again.unchanged, again.rejected) == (0, 0, 3, 3)
    overlap = write_csv(
        tmp_path / "overlap.csv",
        [
            ORDER_HEADER,
            order_row("3156900062392749367", "快乐的-MU", note="红旗 小慧", status="退款中"),
            order_row(
                "3182581739483827580", "momoymvr", tracking="4311491316772", courier="韵达快递"
            ),
            order_row(
                "3182581739483827580", "momoymvr", tracking="4311491316772", courier="韵达快递"
            ),
            order_row("3196309302056219746", "鞋控digm"),
        ],
    )
    r = do_import(any_sessions, "orders", overlap)
    assert (r.imported, r.updated, r.unchanged, r.rejected) == (1, 1, 2, 0)
    assert count(any_sessions, Order) == 4
    assert count(any_sessions, Shipment) == 5
    with any_sessions() as s:
        assert (
            s.scalar(select(Order.status).where(Order.order_no == "3156900062392749367"))
            == "退款中"
        )


def test_item_file_joins_orders_and_links_the_catalog(
    any_sessions: SessionFactory, order_file: Path, tmp_path: Path
) -> None:
    catalog = tmp_path / "catalog.csv"
    catalog.write_text(
        "商家编码,款号,品名,类目,颜色,尺码,条码\n"
        "6021-深紫-M7,6021,女鞋6021,鞋,深紫,M7,6900000000001\n"
        "YS-186,雨刷,无骨雨刷,雨刷,,24寸+16寸,6900000000186\n",
        encoding="utf-8-sig",
    )
    assert do_import(any_sessions, "catalog", catalog).imported == 2
    do_import(any_sessions, "orders", order_file)
    header = ["订单编号", "标题", "价格", "购买数量", "商品属性", "商家编码", "订单状态"]
    items = write_csv(
        tmp_path / "宝贝明细.csv",
        [
            header,
            ["3156900062392749367", "女鞋6021", "129.00", "1", "颜色分类:深紫;尺码:M7", "6021-深紫-M7", ""],
            ["3156900062392749367", "无骨雨刷", "89.00", "2", "适用车型:24寸+16寸", "YS-186", ""],
            ["3182581739483827580", "女鞋5815", "129.00", "1", "颜色分类:栗色;尺码:M9", "5815-栗色-M9", ""],
            ["3999999999999999999", "女鞋5815", "129.00", "1", "颜色分类:栗色;尺码:M9", "", ""],
        ],
    )  # fmt: skip
    r = do_import(any_sessions, "orders", items)
    assert r.preset == "taobao_items"
    assert (r.imported, r.rejected) == (3, 1)
    assert "请先导入订单列表" in r.rejections[0][1]
    with any_sessions() as s:
        o = s.scalars(select(Order).where(Order.order_no == "3156900062392749367")).one()
        lines = [(x.line_no, x.model, x.category, x.color, x.size, x.spec, x.qty) for x in o.lines]
        assert lines == [
            (1, "6021", "鞋", "深紫", "M7", "", 1),
            (2, "雨刷", "雨刷", "", "24寸+16寸", "24寸+16寸", 2),
        ]
        other = s.scalars(select(OrderLine).where(OrderLine.sku_code == "5815-栗色-M9")).one()
        assert (other.model, other.color, other.size, other.price) == (
            "5815",
            "栗色",
            "M9",
            Decimal("129.00"),
        )
    again = do_import(any_sessions, "orders", items)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 3)
    assert count(any_sessions, OrderLine) == 3


def test_refunds_utf8_bom(any_sessions: SessionFactory, tmp_path: Path) -> None:
    path = tmp_path / "refunds.csv"
    path.write_text(
        "退款编号,订单编号,买家会员名称,退款金额,退款原因,退货物流公司,退货物流单号,退款状态,退款的申请时间\r\n"
        "200000000000003,3151704375324253005,jenny_cfe,¥89.00,质量问题,圆通速递,yt1092815901396,退款成功,2026-11-09 09:00:00\r\n"
        "200000000000020,3171040636950587125,tb_46372513,89.00,尺码拍错,YTO,YT2600267511253,退款成功,\r\n",
        encoding="utf-8-sig",
    )
    r = do_import(any_sessions, "refunds", path)
    assert (r.imported, r.rejected, r.encoding) == (2, 0, "utf-8-sig")
    with any_sessions() as s:
        ref = s.scalars(select(Refund).where(Refund.refund_no == "200000000000003")).one()
        assert (ref.return_tracking, ref.return_courier, ref.amount) == (
            "YT1092815901396",
            "圆通",
            Decimal("89.00"),
        )
        second = s.scalars(select(Refund).where(Refund.refund_no == "200000000000020")).one()
        assert (second.return_courier, second.requested_at) == ("圆通", None)


def test_catalog_xlsx_and_barcode_conflicts(any_sessions: SessionFactory, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["商品资料导出"])  # a title line above the header
    ws.append(["商家编码", "款号", "品名", "类目", "颜色", "尺码", "条码"])
    ws.append(["5815-深紫-W7", "5815", "女鞋5815", "鞋", "深紫", "W7", 6900000000003])
    ws.append(["5815-灰色-W6", 5815, "女鞋5815", "鞋", "灰色", "W6", "6900000000004"])
    ws.append(["5815-灰色-W7", 5815, "女鞋5815", "鞋", "灰色", "W7", "6900000000004"])
    ws.append(["CY-177", "车衣", "加厚车衣", "车衣", None, "2019款凯美瑞(新款)", None])
    path = tmp_path / "catalog.xlsx"
    wb.save(path)
    r = do_import(any_sessions, "catalog", path)
    assert (r.imported, r.rejected, r.encoding) == (3, 1, "xlsx")
    assert r.rejections[0][0] == 5
    assert "6900000000004" in r.rejections[0][1]
    with any_sessions() as s:
        sku = s.scalars(select(Sku).where(Sku.sku_code == "5815-深紫-W7")).one()
        assert (sku.model, sku.color, sku.size, sku.barcode) == (
            "5815",
            "深紫",
            "W7",
            "6900000000003",
        )
        assert s.scalar(select(Sku.barcode).where(Sku.sku_code == "CY-177")) is None
    assert do_import(any_sessions, "catalog", path).unchanged == 3


MAPPING = """
kind = "orders"
name = "某ERP"
[columns]
order_no = "单号"
buyer_id = "客户"
phone = "手机"
address = "地址"
tracking = "快递单号"
courier = "快递"
warehouse = "发货仓"
distribution = "分销"
sku_code = "编码"
props = "规格"
qty = "数量"
"""


def test_mapping_file_one_row_per_line(any_sessions: SessionFactory, tmp_path: Path) -> None:
    mapping = tmp_path / "erp.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    path = write_csv(
        tmp_path / "erp.csv",
        [
            ["单号", "客户", "手机", "地址", "快递单号", "快递", "发货仓", "分销", "编码", "规格", "数量"],
            ["A-1001", "Buyer_X", "13812345678", "湖北省 武汉市 洪山区 文三路1号", "JT9528907866661", "极兔", "武汉仓", "是", "5815-深紫-W7", "颜色:深紫;尺码:W7", "1"],
            ["A-1001", "Buyer_X", "13812345678", "湖北省 武汉市 洪山区 文三路1号", "JT9528907866661", "极兔", "武汉仓", "是", "5815-灰色-W6", "颜色:灰色;尺码:W6", "2"],
        ],
        encoding="utf-8",
    )  # fmt: skip
    r = do_import(any_sessions, "orders", path, mapping=mapping)
    assert (r.imported, r.rejected, r.preset) == (2, 0, "某ERP")
    with any_sessions() as s:
        o = s.scalars(select(Order).where(Order.order_no == "A-1001")).one()
        assert (o.warehouse, o.is_distribution, o.city, o.buyer_id_lower) == (
            "武汉仓",
            True,
            "武汉",
            "buyer_x",
        )
        assert [(x.line_no, x.model, x.color, x.size, x.qty) for x in o.lines] == [
            (1, "5815", "深紫", "W7", 1),
            (2, "5815", "灰色", "W6", 2),
        ]
        assert len(o.shipments) == 1


def _truncated_utf8(tmp_path: Path) -> Path:
    p = tmp_path / "cut.csv"
    p.write_bytes("订单编号,买家会员名,收货地址\n1,买家,杭州".encode()[:-2])
    return p


BAD_FILES = {
    "empty": lambda d: _write(d / "empty.csv", b""),
    "random bytes": lambda d: _write(d / "random.csv", bytes(range(256)) * 8),
    "old xls": lambda d: _write(d / "old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 600),
    "truncated row": lambda d: write_csv(
        d / "cut.csv", [ORDER_HEADER, order_row("3156900062392749367", "a"), ["3156900062392749368", "b", "1"]]
    ),
    "truncated utf-8 char": _truncated_utf8,
    "truncated xlsx": lambda d: _write(d / "cut.xlsx", _xlsx_bytes()[:700]),
    "refund file as orders": lambda d: write_csv(
        d / "refunds.csv", [["退款编号", "订单编号", "退货物流单号"], ["1", "2", "YT7529170342366"]]
    ),
    "unknown header": lambda d: write_csv(d / "x.csv", [["a", "b"], ["1", "2"]]),
    "broken quoting": lambda d: _write(
        d / "q.csv", "订单编号,买家会员名,收货地址\r\n1,\"买家,杭州\r\n".encode("gb18030")
    ),
}  # fmt: skip


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _xlsx_bytes() -> bytes:
    wb = Workbook()
    wb.active.append(["订单编号", "买家会员名", "收货地址"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_leave_the_database_as_it_was(
    sessions: SessionFactory, tmp_path: Path, case: str
) -> None:
    path = BAD_FILES[case](tmp_path)
    with pytest.raises(ImportFileError) as err:
        do_import(sessions, "orders", path)
    assert "无法导入文件" in str(err.value)
    assert count(sessions, Order) == 0
    assert count(sessions, ImportRun) == 0


def test_mapping_naming_a_missing_column(sessions: SessionFactory, tmp_path: Path) -> None:
    mapping = tmp_path / "erp.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    path = write_csv(tmp_path / "erp.csv", [["单号", "客户"], ["A-1", "b"]], encoding="utf-8")
    with pytest.raises(ImportFileError, match="找不到: 手机"):
        do_import(sessions, "orders", path, mapping=mapping)
    assert count(sessions, ImportRun) == 0


def test_utf8_is_not_mistaken_for_gbk(sessions: SessionFactory, tmp_path: Path) -> None:
    rows = [ORDER_HEADER, order_row("3156900062392749367", "快乐的小王")]
    r = do_import(sessions, "orders", write_csv(tmp_path / "u.csv", rows, encoding="utf-8"))
    assert r.encoding == "utf-8"
    with sessions() as s:
        assert s.scalar(select(Order.buyer_id)) == "快乐的小王"


def _many_orders(tmp_path: Path, n: int) -> Path:
    rows = [ORDER_HEADER] + [order_row(str(3100000000000000001 + i), f"b{i}") for i in range(n)]
    return write_csv(tmp_path / "many.csv", rows)


def test_a_failed_batch_leaves_nothing_of_itself(
    any_sessions: SessionFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _many_orders(tmp_path, 25)
    real = orders_mod.OrdersHandler._shipments
    calls = {"n": 0}

    def failing(self, *args):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:  # the batch's orders are already written when this fails
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return real(self, *args)

    monkeypatch.setattr(orders_mod.OrdersHandler, "_shipments", failing)
    with pytest.raises(ImportFileError, match="第 12–21 行"):
        do_import(any_sessions, "orders", path, batch_size=10)
    assert count(any_sessions, Order) == 10
    assert count(any_sessions, Shipment) == 10
    with any_sessions() as s:
        assert s.scalars(select(ImportRun)).one().status == "failed"


def test_cancel_stops_after_the_current_batch(sessions: SessionFactory, tmp_path: Path) -> None:
    path = _many_orders(tmp_path, 30)
    cancel = threading.Event()
    seen: list[tuple[int, int | None]] = []

    def progress(done: int, total: int | None) -> None:
        seen.append((done, total))
        cancel.set()

    r = do_import(sessions, "orders", path, batch_size=10, progress=progress, cancel=cancel)
    assert r.cancelled
    assert r.imported == 10
    assert seen[0] == (10, 30)
    assert count(sessions, Order) == 10


def test_preview_shows_the_detected_mapping(order_file: Path) -> None:
    p = preview("orders", order_file, n=3)
    assert p.preset == "taobao_orders"
    assert p.encoding == "gb18030"
    assert ("订单编号", " 订单编号 ") in p.mapped
    assert ("买家ID", "买家会员名") in p.mapped
    assert len(p.rows) == 3
    assert p.rows[0][0] == "3156900062392749367"


def test_reader_process_gives_the_same_result(
    any_sessions: SessionFactory, order_file: Path, tmp_path: Path
) -> None:
    """Large CSVs are parsed in a second process; forced on here for a small file."""
    r = do_import(any_sessions, "orders", order_file, parallel=True, batch_size=2)
    assert (r.imported, r.updated, r.unchanged, r.rejected) == (3, 0, 0, 3)
    report = Path(r.report_path).read_text(encoding="utf-8-sig")
    assert "科学计数法" in report
    assert "3.15E+18" in report
    items = write_csv(
        tmp_path / "宝贝明细.csv",
        [
            ["订单编号", "标题", "价格", "购买数量", "商品属性", "商家编码"],
            [
                "3156900062392749367",
                "女鞋6021",
                "129",
                "1",
                "颜色分类:深紫;尺码:M7",
                "6021-深紫-M7",
            ],
            [
                "3999999999999999999",
                "女鞋5815",
                "129",
                "1",
                "颜色分类:栗色;尺码:M9",
                "5815-栗色-M9",
            ],
        ],
    )
    r = do_import(any_sessions, "orders", items, parallel=True)
    assert (r.imported, r.rejected) == (1, 1)
    # a row the database step rejects still has its cells in the report
    assert "3999999999999999999" in Path(r.report_path).read_text(encoding="utf-8-sig")
    with any_sessions() as s:
        line = s.scalars(select(OrderLine)).one()
        assert (line.model, line.color, line.size) == ("6021", "深紫", "M7")


def test_reader_process_cancel_and_file_errors(sessions: SessionFactory, tmp_path: Path) -> None:
    path = _many_orders(tmp_path, 30)
    cancel = threading.Event()
    r = do_import(
        sessions, "orders", path, batch_size=10, parallel=True,
        progress=lambda done, total: cancel.set(), cancel=cancel,
    )  # fmt: skip
    assert r.cancelled
    assert r.imported == 10
    assert count(sessions, Order) == 10


def test_reader_process_started_before_a_failed_check_is_stopped(
    sessions: SessionFactory, tmp_path: Path
) -> None:
    """The reader starts while the whole file is checked; a truncated file stops it unused."""
    path = _many_orders(tmp_path, 30)
    path.write_bytes(path.read_bytes()[:-40])  # the last row cut short
    with pytest.raises(ImportFileError, match="文件不完整"):
        do_import(sessions, "orders", path, batch_size=10, parallel=True)
    assert multiprocessing.active_children() == []
    assert count(sessions, Order) == 0
    assert count(sessions, ImportRun) == 0


def _index_names(sessions: SessionFactory, table: str) -> set[str]:
    with sessions() as s:
        return {str(ix["name"]) for ix in inspect(s.connection()).get_indexes(table)}


def _plain(table: str) -> set[str]:
    return {
        str(ix.name)
        for t in bulk.TABLES["orders"]
        if t.name == table
        for ix in bulk.plain_indexes(t)
    }


@pytest.fixture
def watch_indexes(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The orders table's index names as each batch is written."""
    seen: list[set[str]] = []
    real = orders_mod.OrdersHandler.write

    def write(self, session, batch):  # type: ignore[no-untyped-def]
        seen.append({str(ix["name"]) for ix in inspect(session.connection()).get_indexes("orders")})
        return real(self, session, batch)

    monkeypatch.setattr(orders_mod.OrdersHandler, "write", write)
    monkeypatch.setattr(bulk, "BULK_MIN_ROWS", 20)
    return seen


@pytest.fixture
def watch_search(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the substring-search index is there as each batch of orders is written."""
    seen: list[bool] = []
    real = orders_mod.OrdersHandler.write

    def write(self, session, batch):  # type: ignore[no-untyped-def]
        seen.append(search_index.present(session.connection()))
        return real(self, session, batch)

    monkeypatch.setattr(orders_mod.OrdersHandler, "write", write)
    return seen


def test_first_large_load_builds_the_lookup_indexes_at_the_end(
    any_sessions: SessionFactory,
    tmp_path: Path,
    watch_indexes: list[set[str]],
    watch_search: list[bool],
) -> None:
    rows = [ORDER_HEADER] + [order_row(str(3100000000000000001 + i), f"b{i}") for i in range(25)]
    rows.append(order_row("3100000000000000004", "b3", status="退款成功"))  # again, changed
    rows.append(order_row("3100000000000000006", "b5"))  # again, the same
    r = do_import(any_sessions, "orders", write_csv(tmp_path / "big.csv", rows), batch_size=10)
    assert (r.imported, r.updated, r.unchanged, r.rejected) == (25, 1, 1, 0)
    assert count(any_sessions, Order) == 25
    assert count(any_sessions, Shipment) == 25
    plain = _plain("orders")
    assert len(plain) == 6
    assert len(watch_indexes) == 3
    assert all(not (plain & names) for names in watch_indexes)
    assert plain <= _index_names(any_sessions, "orders")
    assert _plain("shipments") <= _index_names(any_sessions, "shipments")
    with any_sessions() as s:
        o = s.scalars(select(Order).where(Order.order_no == "3100000000000000004")).one()
        assert (o.status, o.buyer_id, o.city, o.total) == (
            "退款成功",
            "b3",
            "杭州",
            Decimal("1299.00"),
        )
        # the index is used again by lookups after the load
        assert s.scalar(select(func.count()).where(Order.buyer_id_lower == "b7")) == 1
        assert search_index.present(s.connection())
        # the substring index was off during the load and covers every order after it
        assert watch_search
        assert not any(watch_search)
    assert [h.buyer_id for h in match.search(any_sessions, "0000017")] == ["b16"]


def test_a_failed_bulk_load_still_builds_the_indexes(
    any_sessions: SessionFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    watch_indexes: list[set[str]],
) -> None:
    path = _many_orders(tmp_path, 25)
    real = orders_mod.OrdersHandler._shipments

    def failing(self, *args):  # type: ignore[no-untyped-def]
        if len(watch_indexes) == 2:
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return real(self, *args)

    monkeypatch.setattr(orders_mod.OrdersHandler, "_shipments", failing)
    with pytest.raises(ImportFileError):
        do_import(any_sessions, "orders", path, batch_size=10)
    assert count(any_sessions, Order) == 10
    assert not (_plain("orders") & watch_indexes[0])
    assert _plain("orders") <= _index_names(any_sessions, "orders")


def test_indexes_stay_when_the_table_has_orders(
    sessions: SessionFactory, tmp_path: Path, watch_indexes: list[set[str]]
) -> None:
    do_import(sessions, "orders", _many_orders(tmp_path, 3))  # small: indexes kept
    assert _plain("orders") <= watch_indexes[0]
    r = do_import(sessions, "orders", _many_orders(tmp_path, 25), batch_size=10)
    assert (r.imported, r.unchanged) == (22, 3)
    assert all(_plain("orders") <= names for names in watch_indexes)


def test_an_index_a_crashed_import_left_missing_is_rebuilt(
    sessions: SessionFactory, tmp_path: Path
) -> None:
    with sessions.begin() as s:
        s.connection().exec_driver_sql("DROP INDEX ix_orders_city")
    assert "ix_orders_city" not in _index_names(sessions, "orders")
    do_import(sessions, "orders", _many_orders(tmp_path, 2))
    assert "ix_orders_city" in _index_names(sessions, "orders")
