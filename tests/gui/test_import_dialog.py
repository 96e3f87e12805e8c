"""The import dialog, driven as a lead would: pick a file, check the preview, import, read."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QProgressBar, QPushButton
from sqlalchemy import func, select

from returnsdesk.db.models import Order, Shipment
from returnsdesk.ui import import_dialog as dialog_mod
from returnsdesk.ui.import_dialog import ImportDialog
from returnsdesk.ui.ops import OpsBus

DATA = Path(__file__).resolve().parents[1] / "data"  # the shop's sample exports
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
    assert "orders" in changed.args[0]
    summary = dialog.findChild(type(dialog.summary), "importSummary").text()
    assert "新增 2, 更新 0, 未变 0, 拒绝 1" in summary
    assert "第 4 行" in summary and "科学计数法" in summary
    assert str(app_context.settings.home / "import-reports") in summary
    assert _count(app_context, Order) == 2 and _count(app_context, Shipment) == 2
    progress = dialog.findChild(QProgressBar, "importProgress")
    assert progress.value() == progress.maximum()


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
    assert dialog.isVisible() and dialog.task is not None and dialog.task.cancel.is_set()
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
    assert d.isVisible() and not d.isModal()
    assert QApplication.activeModalWidget() is None
