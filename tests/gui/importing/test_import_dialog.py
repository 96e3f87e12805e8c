"""The import dialog, driven as a lead would: pick a file, check the preview, import, read."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QProgressBar, QPushButton
from sqlalchemy import func, select

from returnsdesk.db.models import Order, Shipment
from returnsdesk.domain.topics import Topic
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.importing import dialog as dialog_mod
from returnsdesk.ui.importing.dialog import ImportDialog

from helpers.paths import DATA

HEADER = "订单编号,买家会员名,收货地址,联系手机,物流单号,物流公司\r\n"


def _orders_file(tmp_path: Path) -> Path:
    rows = [
        "3156900062392749367,快乐的-mu,浙江省 杭州市 西湖区 世纪大道574号,13166131860,YT7529170342366,圆通速递",
        "3127075068556203336,鞋控小王129,北京 北京市 朝阳区 解放大道214号,18865797543,1231948757491,EMS",
        "3.15E+18,坏号码,北京 北京市 朝阳区,18865797543,1231948757491,EMS",
    ]
    path = tmp_path / "taobao-orders.csv"  # ASCII: keyClicks types it
    path.write_bytes((HEADER + "\r\n".join(rows) + "\r\n").encode("gb18030"))
    return path


@pytest.fixture
def dialog(qtbot, app_context):  # type: ignore[no-untyped-def]
    bus = OpsBus()
    d = ImportDialog(app_context, bus)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def _count(ctx, model) -> int:  # type: ignore[no-untyped-def]
    with ctx.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_pick_preview_import_and_summary(qtbot, dialog, app_context, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert dialog.objectName() == "importDialog"
    path = _orders_file(tmp_path)
    edit = dialog.findChild(QLineEdit, "importFileEdit")
    edit.setFocus()
    qtbot.keyClicks(edit, str(path))
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert "淘宝/天猫 订单列表" in dialog.info_label.text()
    assert "gb18030" in dialog.info_label.text()
    assert dialog.model.rowCount() == 3
    assert dialog.model.headerData(1, Qt.Orientation.Horizontal) == "买家ID ← 买家会员名"
    start = dialog.findChild(QPushButton, "importStartButton")
    assert start.isEnabled()
    assert not dialog.running  # Enter previews, it does not start
    qtbot.waitUntil(start.hasFocus)
    with qtbot.waitSignal(dialog.bus.changed, timeout=20000) as changed:
        qtbot.keyClick(start, Qt.Key.Key_Return)  # the second Enter starts
    assert Topic.ORDERS in changed.args[0]
    summary = dialog.findChild(type(dialog.summary), "importSummary").text()
    assert "新增 2, 更新 0, 未变 0, 拒绝 1" in summary
    assert "拒绝原因 (行数, 最多的在前):" in summary
    assert (
        "1 行: 订单编号已被 Excel 改成科学计数法, 原号码已丢失, 请用原始导出文件 (如第 4 行)"
        in summary
    )
    assert str(app_context.settings.home / "import-reports") in summary
    assert _count(app_context, Order) == 2
    assert _count(app_context, Shipment) == 2
    progress = dialog.findChild(QProgressBar, "importProgress")
    assert progress.value() == progress.maximum()


def test_the_summary_counts_rejections_by_reason(qtbot, dialog, app_context, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Every row rejected, for seven causes: the five most frequent with their counts, the rest
    summed up, and the report's path below them."""
    causes = [
        (6, "3.15E+18,b,杭州,,1"),
        (5, "3156900062392750000,b,杭州,,1"),
        (4, "3156900062392749001,,杭州,,1"),
        (3, "3156900062392749002,b,杭州,昨天,1"),
        (2, ",b,杭州,,1"),
        (1, "3" * 41 + ",b,杭州,,1"),
        (1, "3156900062392749003,b,杭州,,一百"),
    ]
    body = "".join(f"{cells}\r\n" for n, cells in causes for _ in range(n))
    path = tmp_path / "orders.csv"
    header = "订单编号,买家会员名,收货地址,订单付款时间,买家实际支付金额\r\n"
    path.write_text(header + body, encoding="utf-8")
    dialog.file_edit.setText(str(path))
    dialog.load_preview()
    with qtbot.waitSignal(dialog.bus.changed, timeout=20000):
        dialog.start()
    lines = dialog.summary.text().splitlines()
    assert "新增 0, 更新 0, 未变 0, 拒绝 22" in lines[0]
    assert lines[1] == "拒绝原因 (行数, 最多的在前):"
    assert [line.split(":")[0] for line in lines[2:7]] == [
        "  6 行",
        "  5 行",
        "  4 行",
        "  3 行",
        "  2 行",
    ]
    assert "科学计数法" in lines[2]
    assert "(如第 2 行)" in lines[2]
    assert "买家ID为空" in lines[4]
    assert lines[7] == "  … 另有 2 种原因, 共 2 行"
    assert lines[8].startswith("被拒绝的行和原因: ")
    assert lines[8].endswith("orders-orders.csv")
    assert _count(app_context, Order) == 0
    dialog.resize(760, 560)
    dialog.grab().save(str(tmp_path / "import-summary.png"))


def test_a_wrong_file_is_explained_in_place(qtbot, dialog, app_context) -> None:  # type: ignore[no-untyped-def]
    dialog.file_edit.setText(str(DATA / "refunds.csv"))
    dialog.load_preview()
    assert "退款列表" in dialog.error_label.text()
    assert not dialog.start_button.isEnabled()
    dialog.set_kind("refunds")
    assert dialog.error_label.text() == ""
    assert dialog.start_button.isEnabled()
    assert _count(app_context, Order) == 0


def test_the_ui_stays_responsive_and_cancel_works(
    qtbot, dialog, app_context, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    path = _orders_file(tmp_path)
    gate = threading.Event()
    real = dialog_mod.run_import

    def slow_import(*args, **kwargs):  # type: ignore[no-untyped-def]
        gate.wait(20)  # the import is "busy" until the test has typed
        return real(*args, **kwargs)

    monkeypatch.setattr(dialog_mod, "run_import", slow_import)
    dialog.file_edit.setText(str(path))
    dialog.load_preview()
    scan = QLineEdit()
    qtbot.addWidget(scan)
    scan.show()
    dialog.start()
    assert dialog.running
    assert dialog.cancel_button.text() == "取消导入"
    scan.setFocus()
    qtbot.keyClicks(scan, "YT1234567890123")  # a scan while the import runs
    assert scan.text() == "YT1234567890123"
    assert dialog.running
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc cancels instead of closing
    assert dialog.isVisible()
    assert dialog.task is not None
    assert dialog.task.cancel.is_set()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20000)
    assert dialog.last_result is not None
    assert dialog.cancel_button.text() == "关闭"


def test_opened_with_exec_it_does_not_block_the_bench(qtbot, app_context) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QMainWindow

    bench = QMainWindow()
    qtbot.addWidget(bench)
    bench.show()
    d = ImportDialog(app_context, OpsBus(), bench)
    assert d.exec() == 0  # returns at once instead of running a modal loop
    assert d.isVisible()
    assert not d.isModal()
    assert QApplication.activeModalWidget() is None
