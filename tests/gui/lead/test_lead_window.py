"""The lead's window walked as the lead would: open, change week, export; follow-ups, money."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QTableView

from returnsdesk.context import AppContext
from returnsdesk.domain.topics import Topic
from returnsdesk.services.common import stations
from returnsdesk.ui.common.field_marks import INVALID
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.lead.window import LeadWindow

from helpers.factories import ItemSpec, money, order, parcel
from helpers.gui import cells

NOW = dt.datetime(2026, 11, 23, 17, 0)  # Monday of W48: default week is W47
W47 = dt.date(2026, 11, 18)
W46 = dt.date(2026, 11, 11)


@pytest.fixture
def window(qtbot, app_context: AppContext):  # type: ignore[no-untyped-def]
    with app_context.sessions.begin() as s:
        o = order(s, agent="小红")
        parcel(s, W47, [ItemSpec(qty=2), ItemSpec(reason="质量问题", bin="damage")], order_id=o.id)
        parcel(s, W47, [ItemSpec(reason="物流破损", bin="damage")], packaging_damaged=True)
        parcel(s, W46, [ItemSpec(model="6001", reason="发错货")])
        parcel(s, NOW.date(), [ItemSpec(bin="repair", reason="后跟开裂")])
        parcel(
            s,
            dt.date(2026, 11, 21),
            [ItemSpec(bin="pending", reason="不合适")],
            status="no_info",
            received_at=dt.datetime(2026, 11, 21, 16, 30),
            contents="鞋",
            slip_no=12,
        )
        parcel(s, NOW.date(), [], status="received")
        money(s, NOW.date(), "10", clerk="clerk1")
        money(s, NOW.date(), "5", kind="现金", clerk="clerk1")
    bus = OpsBus()
    w = LeadWindow(app_context, bus, now=lambda: NOW)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.summary.summary is not None and not w.summary.loading)
    return w


def test_open_change_week_and_export(window: LeadWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    assert w.objectName() == "leadWindow"
    week = w.findChild(QLineEdit, "weekInput")
    assert week.text() == "2026-W47"
    table = w.findChild(QTableView, "summaryTable")
    rows = cells(table)
    assert rows[0][:2] == ["尺码偏小", "2"]
    assert rows[0][2] == "50.0%"
    assert {r[0] for r in rows} == {"尺码偏小", "质量问题", "物流破损", "发错货"}
    assert w.summary.chart.bars()[0] == ("尺码偏小", 2, 0)
    w.summary.chart.grab().save(str(tmp_path / "chart.png"))
    # the previous week, by button, then by typing
    qtbot.mouseClick(w.findChild(QPushButton, "weekPrev"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.summary.summary.week.week == 46 and not w.summary.loading)
    assert [r[:2] for r in cells(table) if r[1] != "0"] == [["发错货", "1"]]
    week.clear()
    qtbot.keyClicks(week, "2026-W47")
    qtbot.keyClick(week, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.summary.summary.week.week == 47 and not w.summary.loading)
    picker = w.summary.picker
    picker.setCurrentIndex(picker.findData("agent"))
    assert {r[0]: r[1] for r in cells(table)} == {
        "小红": "3",
        "(无)": "1",
    }
    week.clear()
    qtbot.keyClicks(week, "next week")
    qtbot.keyClick(week, Qt.Key.Key_Return)
    assert "2026-W47" in w.findChild(QLabel, "leadStatus").text()
    # export through the button (the save dialog answered with a path)
    out = tmp_path / "周报.xlsx"
    from PySide6.QtWidgets import QFileDialog

    qtbot_patch = pytest.MonkeyPatch()
    qtbot_patch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    try:
        qtbot.mouseClick(w.findChild(QPushButton, "exportButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "已导出" in w.summary.status.text(), timeout=10000)
    finally:
        qtbot_patch.undo()
    assert w.summary.progress.isHidden()
    wb = load_workbook(out)
    assert wb["按客服"]["A2"].value == "小红"
    assert wb["按客服"]["B2"].value == 3
    wb.close()
    w.summary.export_to(tmp_path / "bad.doc")
    assert "xlsx" in w.summary.status.text()


def test_followups_red_attempt_and_resolve(window: LeadWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.tabs.setCurrentWidget(w.followups)
    view = w.findChild(QTableView, "followupTable")
    assert view.model().rowCount() == 1
    assert view.model().is_red(0)  # received two days ago, nothing done
    assert "超过一天未跟进 1 个" in w.findChild(QLabel, "overdueLabel").text()
    view.selectRow(0)
    w.findChild(QLineEdit, "attemptResult").setText("旺旺已留言")  # IME text: no key events
    qtbot.keyClick(w.findChild(QLineEdit, "attemptResult"), Qt.Key.Key_Return)
    assert not view.model().is_red(0)  # the visible tab refreshed on the bus
    assert w.findChild(QTableView, "attemptTable").model().rowCount() == 1
    view.selectRow(0)
    qtbot.keyClicks(w.findChild(QLineEdit, "resolveBuyer"), "tb_found")
    qtbot.mouseClick(w.findChild(QPushButton, "resolveButton"), Qt.MouseButton.LeftButton)
    assert "纸条编号 12" in w.followups.status.text()
    assert view.model().rowCount() == 0


def test_money_handover_repairs_claims_day_close(window: LeadWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.tabs.setCurrentWidget(w.money)
    clerks = w.findChild(QTableView, "moneyClerkTable")
    header = [clerks.model().headerData(i, Qt.Orientation.Horizontal) for i in range(9)]
    assert header[:5] == ["登记员", "换货邮费", "现金", "差价", "登记合计"]
    assert cells(clerks)[0][:5] == ["clerk1", "10.00", "5.00", "0.00", "15.00"]
    counted = w.findChild(QLineEdit, "handoverCounted")
    qtbot.keyClicks(counted, "14")
    qtbot.keyClick(counted, Qt.Key.Key_Return)  # keys only
    assert "差额说明" in w.money.status.text()  # a difference needs a note
    note = w.findChild(QLineEdit, "handoverNote")
    assert note.styleSheet() == INVALID
    assert counted.styleSheet() == ""
    note.setText("少一元")  # Chinese comes through the input method
    qtbot.keyClick(note, Qt.Key.Key_Return)  # Enter in the note confirms, as in the amount
    assert "已确认 clerk1" in w.money.status.text()
    assert note.styleSheet() == ""
    assert cells(clerks)[0][6:9] == ["14.00", "-1.00", "0.00"]  # 实点, 差额, 待交接
    assert cells(w.findChild(QTableView, "handoverTable"))[0][4] == "-1.00"

    assert not clerks.tabKeyNavigation()  # Tab leaves a table; arrows move inside it

    w.tabs.setCurrentWidget(w.repairs)
    repairs = w.findChild(QTableView, "repairTable")
    assert repairs.model().rowCount() == 1
    assert not repairs.model().is_red(0)
    w.tabs.setCurrentWidget(w.claims)
    claims = cells(w.findChild(QTableView, "claimTable"))
    assert len(claims) == 1
    assert claims[0][6] == "物流破损"

    w.tabs.setCurrentWidget(w.day_close)
    assert w.findChild(QTableView, "unregisteredTable").model().rowCount() == 1
    close = w.findChild(QPushButton, "closeButton")
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert "未登记" in w.day_close.status.text()
    w.day_close.reopen_day()  # the day is open: the note is not what is wrong
    assert w.findChild(QLineEdit, "closeNote").styleSheet() == INVALID  # a reopen needs a reason
    w.day_close.force.setChecked(True)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert "已日结" in w.day_close.status.text()
    assert "已日结" in w.day_close.totals_label.text()


def test_rows_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from returnsdesk.ui.lead.tables import RowsModel

    model = RowsModel(["a", "b"])
    model.set_rows([("x", 1), ("y", 2.5)], red=[True, False])
    qtmodeltester.check(model)
    assert model.index(1, 1).data() == "250.0%"
    assert model.is_red(0)


def test_a_hand_over_another_lead_confirmed_meanwhile_is_told_not_doubled(
    window: LeadWindow, qtbot, app_context: AppContext
) -> None:  # type: ignore[no-untyped-def]
    """The money tab shows clerk1's money; another lead counts it at another PC before this
    lead presses Enter: nothing is recorded twice, this lead is told who counted what, and the
    tab shows the hand-over that is there now."""
    from returnsdesk.services.lead import cash, money_rows

    w = window
    w.tabs.setCurrentWidget(w.money)
    counted = w.findChild(QLineEdit, "handoverCounted")
    cash.confirm_handover(app_context.sessions, NOW.date(), "clerk1", "15", "", "刘哥", "pc-2")
    qtbot.keyClicks(counted, "15")
    qtbot.keyClick(counted, Qt.Key.Key_Return)
    assert "已由 刘哥 于" in w.money.status.text()
    assert "实点 15.00" in w.money.status.text()
    assert len(money_rows.handovers(app_context.sessions, NOW.date())) == 1
    assert len(cells(w.findChild(QTableView, "handoverTable"))) == 1  # shown as it is now


def test_open_banner_audit_trail_and_distribution_register(
    window: LeadWindow, qtbot, app_context: AppContext
) -> None:  # type: ignore[no-untyped-def]
    from returnsdesk.services.common import users
    from returnsdesk.services.lead import cash

    w = window
    w.show()
    assert w.open_banner.isVisible()  # no users: anyone can do anything, and it says so
    cash.confirm_handover(app_context.sessions, NOW.date(), "clerk1", "15", "", "张姐", "office")
    with app_context.sessions.begin() as s:
        o = order(s, buyer="dist_buyer", is_distribution=True)
        parcel(s, NOW.date(), [ItemSpec(bin="distribution")], order_id=o.id, buyer="dist_buyer")
    users.add_user(app_context.sessions, "老板", "admin", "9999", "", "office")
    w.bus.notify(Topic.USERS)
    assert not w.open_banner.isVisible()

    w.tabs.setCurrentWidget(w.audit)
    who = w.findChild(QLineEdit, "auditWho")
    who.setText("张姐")  # Chinese comes through the input method; QTest types ASCII only
    qtbot.keyClick(who, Qt.Key.Key_Return)
    rows = cells(w.findChild(QTableView, "auditTable"))
    assert [r[1] for r in rows] == ["张姐"]
    assert rows[0][3] == "确认交接"
    # the filter offers the names and filters on the act
    who.clear()
    qtbot.keyClick(who, Qt.Key.Key_Return)
    acts = w.findChild(QComboBox, "auditAction")
    assert {acts.itemText(i) for i in range(acts.count())} >= {"确认交接", "添加用户"}
    acts.setCurrentIndex(acts.findText("添加用户"))
    acts.activated.emit(acts.currentIndex())
    assert [(r[1], r[3]) for r in cells(w.findChild(QTableView, "auditTable"))] == [
        ("老板", "添加用户")
    ]

    w.tabs.setCurrentWidget(w.distribution)
    dist = cells(w.findChild(QTableView, "distributionTable"))
    assert [r[4] for r in dist] == ["dist_buyer"]
    out = app_context.settings.home / "分销件.xlsx"
    w.distribution.export_to(out)
    qtbot.waitUntil(lambda: "已导出" in w.distribution.status.text())
    sheet = load_workbook(out).active
    assert sheet.cell(2, 5).value == "dist_buyer"


def test_low_disk_for_clips_warns_the_lead(window: LeadWindow) -> None:
    w = window
    banner = w.findChild(QLabel, "diskBanner")
    w.free_space = lambda _root: 50 << 30
    w.check_disk()
    assert banner.isHidden()
    w.free_space = lambda _root: 1 << 30  # 1 GB free, the floor is 5 GB
    w.check_disk()
    assert not banner.isHidden()
    here = w.ctx.settings.station
    assert f"录像磁盘空间不足 ({here}): 剩余 1.0 GB, 低于 5.0 GB" in banner.text()
    w.free_space = lambda _root: 50 << 30
    w.check_disk()
    assert banner.isHidden()
    # a bench's own disk, as its last clean-up found it, told through the database
    stations.note_evidence_disk(w.ctx.sessions, "bench-2", 3 << 30, 5 << 30)
    w.bus.changed.emit(Topic.STATIONS)
    assert not banner.isHidden()
    assert "(bench-2): 剩余 3.0 GB, 低于 5.0 GB" in banner.text()
    stations.note_evidence_disk(w.ctx.sessions, "bench-2", 30 << 30, 5 << 30)
    w.bus.changed.emit(Topic.STATIONS)
    assert banner.isHidden()


def test_the_weekly_tab_counts_parcel_outcomes(
    qtbot, app_context: AppContext, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with app_context.sessions.begin() as s:
        parcel(s, W47, [ItemSpec()]).outcomes = "empty"
        parcel(s, W47, [ItemSpec()]).outcomes = "short,not_ours"
        parcel(s, W47, [ItemSpec()])
        parcel(s, W46, [ItemSpec()]).outcomes = "short"
    w = LeadWindow(app_context, OpsBus(), now=lambda: NOW)
    qtbot.addWidget(w)
    w.resize(1366, 728)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.summary.summary is not None and not w.summary.loading)
    picker = w.summary.picker
    picker.setCurrentIndex(picker.findData("outcome"))
    assert picker.currentText() == "按包裹结果"
    rows = cells(w.findChild(QTableView, "summaryTable"))
    assert {r[0]: r[1:5] for r in rows} == {
        "空包": ["1", "33.3%", "0", "0.0%"],
        "少件": ["1", "33.3%", "1", "100.0%"],
        "多件/非本店": ["1", "33.3%", "0", "0.0%"],
    }
    w.grab().save(str(tmp_path / "outcomes.png"))
