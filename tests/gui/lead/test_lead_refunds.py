"""The refund queue tab walked with the keyboard, as the lead works through it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTableView

from returnsdesk.context import AppContext
from returnsdesk.services.refunds.rows import history
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.lead.window import LeadWindow

from helpers.factories import ItemSpec
from helpers.gui import cells
from helpers.refund_data import SHOE, SOCKS, request

NOW = dt.datetime(2026, 11, 23, 17, 0)


@pytest.fixture
def window(qtbot, app_context: AppContext):  # type: ignore[no-untyped-def]
    with app_context.sessions.begin() as s:
        request(s, [ItemSpec(*SHOE)], refund_no="R1", registered_at=NOW - dt.timedelta(hours=30))
        request(s, [ItemSpec(*SHOE)], lines=((SHOE, 1, "89.00"), (SOCKS, 1, "10.00")),
                asked="99.00", refund_no="R2", registered_at=NOW - dt.timedelta(hours=5))  # fmt: skip
        request(s, [ItemSpec("9999", "红色", "L")], refund_no="R3",
                registered_at=NOW - dt.timedelta(hours=4))  # fmt: skip
        request(s, [ItemSpec(*SHOE)], refund_no="R4", status="退款成功",
                finished_at=NOW - dt.timedelta(days=2), registered_at=NOW - dt.timedelta(hours=3))  # fmt: skip
    w = LeadWindow(app_context, OpsBus(), now=lambda: NOW)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


def _press(qtbot, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget(), key)


def test_walk_the_queue_with_the_keyboard(window: LeadWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    qtbot.keyClick(w, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)
    assert w.tabs.currentWidget() is w.refunds
    tab = w.refunds
    table = w.findChild(QTableView, "refundTable")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    rows = cells(table)
    assert [r[1] for r in rows] == ["R1", "R2", "R3", "R4"]
    assert rows[0][0] == "超时 6 小时"
    assert rows[1][0] == "19 小时"
    assert rows[1][6] == "8001白色均码*1"
    assert rows[1][8:10] == ["部分退款", "89.00"]
    assert rows[2][8] == "拒绝退款"
    assert rows[3][11] == "到货前已退款!"
    m = table.model()
    assert m.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None  # red: overdue
    assert m.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert tab.current_id() == m.id_at(0)  # the next due is selected
    detail = w.findChild(QLabel, "refundDetail").text()
    assert "全部退回且可二次销售" in detail
    assert "5815深紫W7*1" in detail
    w.grab().save(str(tmp_path / "refunds.png"))

    _press(qtbot, Qt.Key.Key_Return)  # R1: the suggestion, 89.00
    assert QGuiApplication.clipboard().text() == (
        "11-23 R1 验货后同意退货款89元 全部退回且可二次销售: 5815深紫W7*1 审核:clerk"
    )
    assert "已同意 R1 89.00 元" in w.findChild(QLabel, "refundStatus").text()
    assert [r[1] for r in cells(table)] == ["R2", "R3", "R4"]
    assert tab.current().refund_no == "R2"

    _press(qtbot, Qt.Key.Key_A)  # R2: another amount
    amount = w.findChild(QLineEdit, "refundAmount")
    assert QApplication.focusWidget() is amount
    assert amount.text() == "89.00"
    qtbot.keyClicks(amount, "120")
    _press(qtbot, Qt.Key.Key_Return)
    assert "超过" in w.findChild(QLabel, "refundStatus").text()  # above what was paid: refused
    amount.selectAll()
    qtbot.keyClicks(amount, "50")
    _press(qtbot, Qt.Key.Key_Return)
    status = w.findChild(QLabel, "refundStatus").text()
    assert "已同意 R2 50.00 元" in status
    assert "与申请金额 99.00 不同" in status
    assert QApplication.focusWidget() is table
    assert tab.current().refund_no == "R3"

    _press(qtbot, Qt.Key.Key_R)  # R3: refuse with a note
    note = w.findChild(QLineEdit, "refundNote")
    assert QApplication.focusWidget() is note
    _press(qtbot, Qt.Key.Key_Return)
    assert "拒绝退款须填写原因" in w.findChild(QLabel, "refundStatus").text()
    note.insert("退回的不是本店商品")  # typed through the input method
    _press(qtbot, Qt.Key.Key_Return)
    assert "已拒绝 R3" in w.findChild(QLabel, "refundStatus").text()
    assert (
        QGuiApplication.clipboard().text().endswith("验货后拒绝退款 退回的不是本店商品 审核:clerk")
    )

    assert tab.current().refund_no == "R4"  # refunded on the platform before it arrived
    _press(qtbot, Qt.Key.Key_Escape)
    tab.view_picker.setCurrentIndex(tab.view_picker.findData("all"))
    tab.select(0)
    table.setFocus()
    assert tab.current().refund_no == "R1"
    _press(qtbot, Qt.Key.Key_N)  # the next one still to decide, past the decided ones
    assert tab.current().refund_no == "R4"
    _press(qtbot, Qt.Key.Key_Return)
    rows = cells(table)
    assert [(r[1], r[10]) for r in rows] == [
        ("R1", "同意 货款 89.00"), ("R2", "同意 货款 50.00"), ("R3", "拒绝"), ("R4", "同意 货款 89.00"),
    ]  # fmt: skip
    tab.select(1)
    table.setFocus()
    QGuiApplication.clipboard().clear()
    _press(qtbot, Qt.Key.Key_F9)
    assert QGuiApplication.clipboard().text().startswith("11-23 R2 验货后同意退货款50元(申请99元)")
    decided = history(w.ctx.sessions, tab.current_id() or 0)
    assert [d.decided_by for d in decided] == ["clerk"]

    tab.view_picker.setCurrentIndex(tab.view_picker.findData("open"))
    assert cells(table) == []
    assert "没有待审核的退款" in w.findChild(QLabel, "refundDetail").text()
    tab.view_picker.setCurrentIndex(tab.view_picker.findData("all"))

    out = tmp_path / "list.xlsx"
    tab.export_to(out)
    qtbot.waitUntil(lambda: "已导出" in w.findChild(QLabel, "refundStatus").text(), timeout=10000)
    ws = load_workbook(out).active
    assert ws is not None
    assert [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)] == ["R1", "R2", "R3", "R4"]


def test_the_refund_model_keeps_qt_rules(qtmodeltester, window: LeadWindow) -> None:  # type: ignore[no-untyped-def]
    model = window.refunds.model
    model.reload("all")
    assert model.rowCount() == 4
    qtmodeltester.check(model)
