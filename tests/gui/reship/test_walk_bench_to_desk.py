"""An exchange from the bench window to a shipped slip at the desk, through the real windows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTableView

from returnsdesk.services.reship import rows as reship_rows

from helpers.gui import ime

ENTER = Qt.Key.Key_Return


def test_exchange_at_the_bench_is_shipped_at_the_desk(qtbot, bench):
    v = bench.view
    qtbot.keyClicks(v.scan_input, "YT1234567890123")
    qtbot.keyClick(v.scan_input, ENTER)
    qtbot.waitUntil(lambda: v.buyer_value.text() == "tb_xiaomei")
    qtbot.keyClick(v.item_input, ENTER)
    qtbot.keyClick(v.reason_picker, "1")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is v.condition_picker)
    qtbot.keyClick(v.condition_picker, "1")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is v.scan_input)
    qtbot.keyClick(v.scan_input, Qt.Key.Key_F6)
    ime(v.target_input, "灰色W6")
    qtbot.keyClick(v.target_input, ENTER)
    qtbot.keyClick(v.scan_input, ENTER)
    qtbot.waitUntil(lambda: "已生成补发单" in v.status_line.text())

    desk = bench.open_reship()
    qtbot.addWidget(desk)
    queue = desk.findChild(QTableView, "reshipQueue")
    qtbot.waitUntil(lambda: queue.model().rowCount() == 1)
    code = queue.model().index(0, 0).data()
    assert queue.model().index(0, 6).data() == "换5815灰色W6*1"
    desk.activateWindow()
    qtbot.waitUntil(desk.isActiveWindow)
    queue.selectRow(0)
    qtbot.keyClick(queue, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not desk.busy, timeout=30000)
    slip = reship_rows.get_slip(bench.ctx.sessions, int(code[2:]))
    assert slip.state == "printed", (slip, desk.findChild(QLabel, "reshipStatus").text())

    scan = desk.findChild(QLineEdit, "reshipTrackingInput")
    qtbot.keyClicks(scan, code)
    qtbot.keyClick(scan, ENTER)
    qtbot.keyClicks(scan, "75123456789012")
    qtbot.keyClick(scan, ENTER)
    expected = "亲,您的换货已发出,中通 75123456789012,请注意查收"
    qtbot.waitUntil(lambda: desk.findChild(QLabel, "reshipMessage").text() == expected)
    assert QGuiApplication.clipboard().text() == expected
    assert reship_rows.get_slip(bench.ctx.sessions, int(code[2:])).state == "shipped"
