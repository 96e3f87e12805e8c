"""The reshipment desk walked as the operator works it: queue → print → scan → shipped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView
from sqlalchemy import select

from returnsdesk.context import AppContext
from returnsdesk.db.models import PrintJob, Refund
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.domain.topics import Topic
from returnsdesk.services.bench import receive, register
from returnsdesk.services.reship import rows as reship_rows
from returnsdesk.services.reship import slips as reship
from returnsdesk.services.reship.slips import SlipDraft
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.reship.entry import ReshipEntryDialog
from returnsdesk.ui.reship.model import ReshipModel
from returnsdesk.ui.reship.window import ReshipWindow

from helpers.reship_data import ADDRESS, seed_shop

RETURN_TRACKING = "YT9876543210123"

# the offscreen platform says so for every shown top-level window; harmless
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def seed(ctx: AppContext) -> None:
    seed_shop(ctx.sessions)
    with ctx.sessions.begin() as s:
        s.add(
            Refund(
                refund_no="200000000000003",
                order_no="3156900062392749367",
                buyer_id="tb_xiaomei",
                reason="尺码偏小",
                return_courier="圆通",
                return_tracking=RETURN_TRACKING,
            )
        )


def exchange_at_the_bench(ctx: AppContext) -> int:
    """The bench clerk registers a parcel whose buyer wants W6 grey instead of W7 purple."""
    shop = ctx.settings.shop
    got = receive.receive_scan(ctx.sessions, RETURN_TRACKING, "clerk1", "bench-1")
    item = register.ItemInput(
        ItemSpec("5815", "鞋", "深紫", "W7"),
        reason="尺码偏小",
        condition="完好",
        action="换",
        target=ItemSpec("5815", "鞋", "灰色", "W6", qty=1),
    )
    res = register.register_parcel(
        ctx.sessions,
        got.parcel.id,
        register.RegisterInput(items=(item,)),
        "clerk1",
        "bench-1",
        shop,
    )
    (slip_id,) = res.reship_slip_ids
    return slip_id


@pytest.fixture
def desk(qtbot, app_context: AppContext) -> ReshipWindow:  # type: ignore[no-untyped-def]
    seed(app_context)
    window = ReshipWindow(app_context, OpsBus())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def test_exchange_from_bench_to_shipped(qtbot, app_context: AppContext, desk: ReshipWindow) -> None:  # type: ignore[no-untyped-def]
    slip_id = exchange_at_the_bench(app_context)
    code = f"RS{slip_id:08d}"
    # the bench tells the bus; the desk refreshes on it
    desk._bus.notify(Topic.RESHIP)
    queue = desk.findChild(QTableView, "reshipQueue")
    assert queue is not None
    assert queue.model().rowCount() == 1
    assert queue.model().index(0, 0).data() == code
    assert queue.model().index(0, 2).data() == "待打印"
    assert queue.model().index(0, 6).data() == "换5815灰色W6*1"

    # select it and print (Ctrl+P) to the PDF-folder backend
    queue.selectRow(0)
    qtbot.keyClick(queue, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not desk.busy, timeout=30000)
    assert desk.print_runner.wait(30000)
    status = desk.findChild(QLabel, "reshipStatus")
    assert status is not None
    assert status.text() == "已打印 1 张"
    row = reship_rows.get_slip(app_context.sessions, slip_id)
    assert (row.state, row.print_count) == ("printed", 1)
    with app_context.sessions() as s:
        job = s.scalars(select(PrintJob).where(PrintJob.kind == "reship")).one()
        assert (job.ref_id, job.state) == (str(slip_id), "done")
    pdfs = list((Path(app_context.settings.home) / "print").glob("*.pdf"))
    assert len(pdfs) == 1
    assert pdfs[0].read_bytes().startswith(b"%PDF")

    # printing again by accident is refused; the slip stays printed once
    qtbot.keyClick(queue, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not desk.busy, timeout=30000)
    assert "重打" in status.text()
    assert reship_rows.get_slip(app_context.sessions, slip_id).print_count == 1

    # the scan loop: the slip's barcode, then the new tracking number
    # (the focus is still on the queue: the scanner's burst goes to the scan box)
    scan = desk.findChild(QLineEdit, "reshipTrackingInput")
    assert scan is not None
    qtbot.keyClicks(queue, code)
    assert scan.text() == code
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    assert status.text() == f"{code} 肖磊: 请扫新快递单号"
    qtbot.keyClicks(scan, "YT1234567890123")
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    expected = "亲,您的换货已发出,圆通 YT1234567890123,请注意查收"
    message = desk.findChild(QLabel, "reshipMessage")
    assert message is not None
    assert message.text() == expected
    assert QGuiApplication.clipboard().text() == expected
    row = reship_rows.get_slip(app_context.sessions, slip_id)
    assert (row.state, row.out_courier, row.out_tracking) == ("shipped", "圆通", "YT1234567890123")

    # shipping it again is refused with a message
    qtbot.keyClicks(scan, code)
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    assert status.text() == f"{code} 已发货: 圆通 YT1234567890123"

    qtbot.keyClick(desk, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # 已发货
    assert desk.filter == "shipped"
    assert queue.model().rowCount() == 1
    assert desk.view.filter_buttons["shipped"].text() == "已发货 (1)"
    assert not desk.grab().isNull()


def test_tracking_used_on_another_slip_is_refused(qtbot, app_context, desk) -> None:  # type: ignore[no-untyped-def]
    shop, sessions = app_context.settings.shop, app_context.sessions
    base = dict(kind="补", items=[ItemSpec("5815", color="灰色", size="W7")], receiver="肖磊",
                phone="13166131860", address=ADDRESS, courier="中通")  # fmt: skip
    a = reship.create_slip(sessions, SlipDraft(**base), shop, "cs", "desk")  # type: ignore[arg-type]
    b = reship.create_slip(sessions, SlipDraft(**base), shop, "cs", "desk")  # type: ignore[arg-type]
    desk.refresh()
    desk.view.queue.selectAll()
    desk.print_selected()
    qtbot.waitUntil(lambda: not desk.busy, timeout=30000)
    assert desk.print_runner.wait(30000)
    assert desk.view.status.text() == "已打印 2 张"
    scan = desk.view.tracking_input
    for code in (a.code, b.code):
        qtbot.keyClicks(scan, code)
        qtbot.keyClick(scan, Qt.Key.Key_Return)
        qtbot.keyClicks(scan, "73123456789012")
        qtbot.keyClick(scan, Qt.Key.Key_Return)
    assert desk.view.status.text() == f"单号 73123456789012 已用在补发单 {a.code} 上"
    assert reship_rows.get_slip(sessions, b.id).state == "printed"
    assert desk.view.message_label.text() == "亲,您的补发已发出,中通 73123456789012,请注意查收"


def test_problem_slip_is_marked_and_not_printed(qtbot, app_context, desk) -> None:  # type: ignore[no-untyped-def]
    shop, sessions = app_context.settings.shop, app_context.sessions
    bad = reship.create_slip(
        sessions,
        SlipDraft(kind="补", items=[ItemSpec("5815", color="灰色", size="W7")], receiver="肖磊",
                  phone="138****5678", address="浙江省杭州市", courier="中通"),
        shop, "cs_lt", "desk",
    )  # fmt: skip
    desk.set_filter("problem")
    assert desk.model.rowCount() == 1
    assert (
        desk.model.index(0, 11).data() == "电话格式不对: 138****5678; 地址不完整: 缺区/县、详细地址"
    )
    desk.view.queue.selectRow(0)
    assert "电话格式不对" in desk.view.problems_label.text()
    assert desk.view.detail_label.text().splitlines()[:2] == [
        f"{bad.code}  补发  有问题",
        "肖磊  138****5678",
    ]
    desk.print_selected()
    qtbot.waitUntil(lambda: not desk.busy, timeout=30000)
    assert desk.view.status.text().startswith(f"已打印 0 张; {bad.code} 有问题: 电话格式不对")
    assert reship_rows.get_slip(sessions, bad.id).print_count == 0


def test_typed_slip_fills_from_order(qtbot, app_context, desk) -> None:  # type: ignore[no-untyped-def]
    dialog = ReshipEntryDialog(app_context, None, desk)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(1)  # 补发
    qtbot.keyClicks(dialog.lookup, "tb_xiaomei")
    qtbot.keyClick(dialog.lookup, Qt.Key.Key_Return)
    assert (dialog.receiver.text(), dialog.phone.text(), dialog.address.text()) == (
        "肖磊",
        "13166131860",
        ADDRESS,
    )
    dialog.items.setPlainText("5815 深紫 W6 *1")  # Chinese comes from the input method
    dialog.save()
    row = dialog.result_row
    assert row is not None
    assert (row.kind, row.state, row.note, row.order_no) == (
        "补",
        "pending",
        "补5815深紫W6*1",
        "3156900062392749367",
    )
    desk._saved(row)
    assert desk.model.rowCount() == 1
    assert desk.view.status.text() == f"{row.code} 已保存, 可以打印"
    assert not dialog.grab().isNull()


def test_queue_model(qtmodeltester, app_context: AppContext) -> None:  # type: ignore[no-untyped-def]
    seed(app_context)
    exchange_at_the_bench(app_context)
    model = ReshipModel(app_context)
    model.reload(reship_rows.slip_ids(app_context.sessions))
    qtmodeltester.check(model)


def test_reports_dialog_shows_and_exports(qtbot, app_context, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from returnsdesk.ui.reship.reports import ReshipReportsDialog

    seed(app_context)
    shop, sessions = app_context.settings.shop, app_context.sessions
    base = dict(kind="补", items=[ItemSpec("5815", color="灰色", size="W7")], receiver="肖磊",
                address=ADDRESS, courier="中通")  # fmt: skip
    reship.create_slip(sessions, SlipDraft(**base, phone="1316613186"), shop, "小慧", "cs")  # type: ignore[arg-type]
    reship.create_slip(sessions, SlipDraft(**base, phone=""), shop, "李婷", "cs")  # type: ignore[arg-type]
    dialog = ReshipReportsDialog(app_context)
    qtbot.addWidget(dialog)
    table = dialog.problems.model
    assert table.rowCount() == 2
    assert [table.index(r, 0).data() for r in range(2)] == ["小慧", "李婷"]
    assert table.index(1, 5).data() == "缺少电话"
    assert dialog.problems.summary.text() == "小慧: 1, 李婷: 1"
    assert dialog.archive.summary.text() == "已发货 0 张"
    out = tmp_path / "problems.xlsx"
    dialog.export(dialog.problems, out)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert dialog.status.text() == f"已导出 2 行: {out}"
    assert load_workbook(out).worksheets[0].cell(3, 1).value == "李婷"
    dialog.export(dialog.problems, tmp_path / "problems.txt")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert dialog.status.text() == "输入有误: 只能导出 .csv 或 .xlsx: problems.txt"
    dialog.resize(1000, 400)
    assert not dialog.grab().isNull()


def test_printer_failure_is_shown_in_place(qtbot, app_context) -> None:  # type: ignore[no-untyped-def]
    from returnsdesk.errors import PrinterUnavailable
    from returnsdesk.ui.common.print_runner import PrintQueueRunner

    class Jammed:
        scheme = "folder"

        def send(self, pdf, target, media, copies, title):  # type: ignore[no-untyped-def]
            raise PrinterUnavailable(printer="A5", detail="卡纸")

        def printers(self) -> list[str]:
            return ["A5"]

    seed(app_context)
    bus = OpsBus()
    runner = PrintQueueRunner(app_context, bus, backends={"folder": Jammed()}, poll_ms=0)
    desk = ReshipWindow(app_context, bus, None, print_runner=runner)
    qtbot.addWidget(desk)
    slip_id = exchange_at_the_bench(app_context)
    desk.refresh()
    desk.view.queue.selectRow(0)
    desk.print_selected()
    qtbot.waitUntil(lambda: not desk.busy, timeout=30000)
    assert runner.wait(30000)
    qtbot.waitUntil(lambda: "打印失败" in desk.view.status.text(), timeout=10000)
    assert desk.view.status.text() == f"RS{slip_id:08d} 打印失败: 打印机不可用 A5: 卡纸"


def test_cancel_needs_two_presses_and_spares_printed_slips(qtbot, app_context, desk) -> None:  # type: ignore[no-untyped-def]
    from returnsdesk.errors import NotFound

    shop, sessions = app_context.settings.shop, app_context.sessions
    base = dict(kind="补", items=[ItemSpec("5815", color="灰色", size="W7")], receiver="肖磊",
                phone="13166131860", address=ADDRESS, courier="中通")  # fmt: skip
    keep = reship.create_slip(sessions, SlipDraft(**base), shop, "cs", "desk")  # type: ignore[arg-type]
    drop = reship.create_slip(sessions, SlipDraft(**base), shop, "cs", "desk")  # type: ignore[arg-type]
    desk.refresh()
    desk.view.queue.selectRow(0)
    desk.print_selected()
    qtbot.waitUntil(lambda: not desk.busy, timeout=30000)
    assert desk.print_runner.wait(30000)
    desk.view.queue.selectAll()
    qtbot.keyClick(desk.view.queue, Qt.Key.Key_Delete)
    assert desk.view.status.text() == "再按一次 Del 作废选中的 2 张补发单"
    assert desk.model.rowCount() == 2
    qtbot.keyClick(desk.view.queue, Qt.Key.Key_Delete)
    assert desk.view.status.text() == f"已作废 1 张; 输入有误: {keep.code} 已打印, 不能作废"
    assert desk.model.rowCount() == 1
    assert reship_rows.get_slip(sessions, keep.id).state == "printed"
    with pytest.raises(NotFound):
        reship_rows.get_slip(sessions, drop.id)


def test_report_rows_model(qtmodeltester, app_context) -> None:  # type: ignore[no-untyped-def]
    from returnsdesk.reports import reship_report
    from returnsdesk.ui.reship.reports import RowsModel

    seed(app_context)
    shop, sessions = app_context.settings.shop, app_context.sessions
    reship.create_slip(sessions, SlipDraft(kind="补", items=[ItemSpec("5815", color="灰色", size="W7")]),
                       shop, "cs", "desk")  # fmt: skip
    model = RowsModel(reship_report.PROBLEM_HEADER)
    model.set_rows(reship_report.problem_rows(sessions, dt.date.today()))
    assert model.rowCount() == 1
    qtmodeltester.check(model)
