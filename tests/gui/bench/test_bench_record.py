"""The bench's record is what the clerk chose: no list records a value by getting the focus,
Enter on a list with nothing chosen sounds and says what is missing, and a typed text
becomes a buyer only by an explicit choice. Keys and bursts go to whatever has the focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from returnsdesk.db.models import Order, OrderLine, Parcel, Refund
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.domain.topics import Topic
from returnsdesk.ui.common import ops

from helpers.gui import ENTER, burst, focused, ime, press


@pytest.fixture
def sounds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every refusal sound the bench makes."""
    made: list[int] = []
    monkeypatch.setattr(ops, "refuse_sound", lambda: made.append(1))
    return made


def _parcel(ctx, tracking: str) -> Parcel:  # type: ignore[no-untyped-def]
    with ctx.sessions() as s:
        stmt = select(Parcel).options(selectinload(Parcel.items))
        return s.scalars(stmt.where(Parcel.tracking_no == tracking)).one()


def _buyer_without_request(ctx) -> str:  # type: ignore[no-untyped-def]
    """A demo buyer with an order of one line and no return request: nothing says why."""
    with ctx.sessions() as s:
        asked = select(Refund.order_no)
        one_line = select(OrderLine.order_id).group_by(OrderLine.order_id).having(func.count() == 1)
        return s.scalars(
            select(Order.buyer_id)
            .where(Order.order_no.not_in(asked), Order.id.in_(one_line))
            .order_by(Order.id)
        ).first()


def test_enter_records_no_condition_nobody_chose(qtbot, bench, sounds):
    v = bench.view
    burst(qtbot, "YT1234567890123")  # the demo refund's waybill: the buyer said 尺码偏小
    qtbot.waitUntil(lambda: v.buyer_value.text() == "tb_xiaomei")
    for _ in range(4):
        press(qtbot, ENTER)
        qtbot.wait(60)
    item = bench.controller.session.draft.item()
    assert item.reason == "尺码偏小"  # the buyer's stated reason, shown and kept
    assert item.condition == ""  # nobody chose one
    assert focused("conditionPicker")
    assert "产品好坏" in v.status_line.text()
    assert sounds
    assert _parcel(bench.ctx, "YT1234567890123").status != ParcelStatus.REGISTERED
    press(qtbot, Qt.Key.Key_1)  # 完好, by its key
    qtbot.waitUntil(lambda: focused("scanInput"))
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: "已登记" in v.status_line.text())
    assert _parcel(bench.ctx, "YT1234567890123").items[0].condition == "完好"


def test_enter_records_no_reason_nobody_chose(qtbot, bench, sounds):
    v = bench.view
    buyer = _buyer_without_request(bench.ctx)
    burst(qtbot, "YT7777777777777")  # no match
    qtbot.waitUntil(lambda: focused("buyerInput"))
    qtbot.keyClicks(QApplication.focusWidget(), buyer)
    qtbot.waitUntil(lambda: v.search_results.model().rowCount() > 0)
    press(qtbot, Qt.Key.Key_Down)  # the order found, chosen with an arrow
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: v.buyer_value.text() == buyer)
    press(qtbot, ENTER)  # the order's line
    qtbot.waitUntil(lambda: focused("reasonPicker"))
    assert v.reason_picker.currentRow() == -1  # the focus chose nothing
    press(qtbot, ENTER)
    item = bench.controller.session.draft.item()
    assert item.reason == ""
    assert "退回原因" in v.status_line.text()
    assert sounds
    assert focused("reasonPicker")


def test_an_unknown_scan_over_an_unmatched_parcel_is_not_its_buyer(qtbot, bench, sounds):
    v = bench.view
    burst(qtbot, "YT7777777777777")
    qtbot.waitUntil(lambda: focused("buyerInput"))
    burst(qtbot, "zzzz_nobody_1")  # a scanner burst into the buyer box
    qtbot.wait(100)
    draft = bench.controller.session.draft
    assert draft.match is None
    assert sounds
    assert "zzzz_nobody_1" in v.status_line.text()
    assert _parcel(bench.ctx, "YT7777777777777").buyer_id in ("", None)


def test_a_searched_name_becomes_a_buyer_only_by_a_choice(qtbot, bench, sounds):
    v = bench.view
    burst(qtbot, "YT7777777777777")
    qtbot.waitUntil(lambda: focused("buyerInput"))
    qtbot.keyClicks(QApplication.focusWidget(), "tb_xia")  # part of a name, typed
    qtbot.waitUntil(lambda: v.search_results.model().rowCount() > 1)
    assert v.search_results.currentIndex().row() == -1
    press(qtbot, ENTER)
    assert bench.controller.session.draft.match is None  # nothing attached
    assert sounds
    assert focused("buyerInput")
    press(qtbot, Qt.Key.Key_Up)  # the slip's own ID, chosen
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: v.buyer_value.text() == "tb_xia")


def test_f1_mid_parcel_puts_the_new_person_on_every_record(qtbot, bench):
    """clerk1 scans, clerk2 takes over with F1 and registers: the parcel, its money, the
    audit trail and the day sheet name clerk2 (the label names the station, no person); the lead's open window follows;
    after F1 the keys go where the parcel needs them."""
    from PySide6.QtCore import QTimer

    from returnsdesk.db.models import AuditEntry, MoneyEntry
    from returnsdesk.domain.kinds import AuditAction
    from returnsdesk.services.common import users
    from returnsdesk.services.printing import documents
    from returnsdesk.ui.common.sign_in import SignInDialog

    ctx = bench.ctx
    users.add_user(ctx.sessions, "admin", "admin", "9999", "", "office")
    users.add_user(ctx.sessions, "clerk1", "clerk", "1111", "admin", "office")
    users.add_user(ctx.sessions, "clerk2", "clerk", "2222", "admin", "office")
    users.add_user(ctx.sessions, "lead", "lead", "4444", "admin", "office")
    users.add_user(ctx.sessions, "lead2", "lead", "5555", "admin", "office")
    ctx.settings.user = "lead"
    lead = bench.open_lead()  # the lead's view, open at this station
    assert lead is not None
    ctx.settings.user = "lead2"
    bench.bus.notify(Topic.PERSON)  # another lead signs in: the view follows
    assert lead.windowTitle().endswith("lead2")
    ctx.settings.user = bench.controller.session.user = "clerk1"
    bench.bus.notify(Topic.PERSON)  # a clerk: the lead's records close
    assert not lead.isVisible()
    assert bench.open_lead() is None  # and do not open for a clerk
    assert "无权限" in bench.view.status_line.text()
    bench.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    bench.view.scan_input.setFocus()
    v = bench.view
    burst(qtbot, "YT1234567890123")
    qtbot.waitUntil(lambda: v.buyer_value.text() == "tb_xiaomei")
    press(qtbot, ENTER)  # the order's line: the reason list is next
    qtbot.waitUntil(lambda: focused("reasonPicker"))

    def answer() -> None:
        assert isinstance(QApplication.activeModalWidget(), SignInDialog)
        for ch in "3" + "2222":  # clerk2 is the third person, then the PIN
            qtbot.keyClick(QApplication.focusWidget(), ch)
        qtbot.keyClick(QApplication.focusWidget(), ENTER)

    QTimer.singleShot(200, answer)
    press(qtbot, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: ctx.settings.user == "clerk2")
    qtbot.waitUntil(lambda: focused("reasonPicker"))  # where the parcel needs keys
    press(qtbot, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: focused("conditionPicker"))
    press(qtbot, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: focused("scanInput"))
    press(qtbot, Qt.Key.Key_F10)  # money found in the parcel
    qtbot.waitUntil(lambda: QApplication.focusWidget() is v.money_input)
    ime(v.money_input, "邮费 10")
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: focused("scanInput"))
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: "已登记" in v.status_line.text())
    p = _parcel(ctx, "YT1234567890123")
    with ctx.sessions() as s:
        money = s.scalars(select(MoneyEntry.clerk).where(MoneyEntry.parcel_id == p.id)).all()
        acted = s.scalars(
            select(AuditEntry.user).where(AuditEntry.action == AuditAction.REGISTER)
        ).all()
    assert p.clerk == "clerk2"
    assert money == ["clerk2"]
    assert acted == ["clerk2"]
    sheet = documents.day_sheet_data(ctx.sessions, p.day)
    assert [ln.clerk for ln in sheet.lines if ln.slip_no == p.slip_no] == ["clerk2"]


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    made: list[int] = []
    monkeypatch.setattr(ops, "notice_sound", lambda: made.append(1))
    return made


def _register_first(qtbot, bench) -> None:  # type: ignore[no-untyped-def]
    v = bench.view
    burst(qtbot, "YT1234567890123")
    qtbot.waitUntil(lambda: v.buyer_value.text() == "tb_xiaomei")
    for k in (ENTER, Qt.Key.Key_1, Qt.Key.Key_1):
        press(qtbot, k)
        qtbot.wait(60)
    qtbot.waitUntil(lambda: focused("scanInput"))
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: "已登记" in v.status_line.text())


def test_esc_and_a_duplicate_leave_no_other_parcel_on_screen(qtbot, bench, notices):
    v = bench.view
    _register_first(qtbot, bench)
    assert v.return_string_label.text()  # the registered parcel's result, until the next
    burst(qtbot, "YT7777777777777")  # another parcel, then Esc: set aside
    qtbot.waitUntil(lambda: focused("buyerInput"))
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: "保留在今日列表" in v.status_line.text())
    assert notices  # parking is heard
    assert v.return_string_label.text() == ""
    assert v.register_line_label.text() == ""
    assert v.bin_label.text() == ""
    burst(qtbot, "YT1234567890123")  # a duplicate of the registered one
    qtbot.waitUntil(lambda: "重复扫描" in v.status_line.text())
    assert v.bin_label.text() == ""
    assert v.return_string_label.text() == ""


def test_the_override_mark_is_on_the_overridden_bin_only(qtbot, bench):
    v = bench.view
    two = bench.controller.session
    burst(qtbot, "YT1234567890123")
    qtbot.waitUntil(lambda: v.buyer_value.text() == "tb_xiaomei")
    for k in (ENTER, Qt.Key.Key_1, Qt.Key.Key_1):
        press(qtbot, k)
        qtbot.wait(60)
    two.add_text("5815深紫W6")  # a second item, its own reason and condition
    bench.controller.apply(two.set_reason("尺码偏小"))
    bench.controller.apply(two.set_condition("损坏"))  # routed to the damage bin
    bench.controller.apply(two.cycle_bin())  # the clerk overrides the second item's bin
    chips = [v.bin_label, *v.other_bins]
    shown = [c.text() for c in chips if c.isVisible()]
    assert len(shown) == 2
    assert sum("*" in text for text in shown) == 1


KILLED_MID_PARCEL = r"""
import os, signal, sys
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from returnsdesk.config import Settings
from returnsdesk.services.common.setup import open_database
from returnsdesk.ui.bench.window import BenchWindow
from returnsdesk.ui.common.ops import OpsBus

app = QApplication([])
ctx = open_database(Settings.resolve(home=sys.argv[1], db=sys.argv[2]))
w = BenchWindow(ctx, OpsBus())
w.show()
v = w.view
QTest.keyClicks(v.scan_input, "YT1234567890123")
QTest.keyClick(v.scan_input, Qt.Key.Key_Return)
QTest.keyClick(v.item_input, Qt.Key.Key_Return)  # the order's line
QTest.keyClicks(v.accessory_input, "insole")  # typed, no Enter
QTest.keyClicks(v.money_input, "postage 10")  # typed, no Enter
os.kill(os.getpid(), signal.SIGKILL)  # the power goes out
"""


def test_typed_text_survives_a_kill_and_the_bench_says_what_it_restored(qtbot, demo_context):
    import os
    import subprocess
    import sys

    from returnsdesk.db.models import MoneyEntry
    from returnsdesk.ui.bench.window import BenchWindow
    from returnsdesk.ui.common.ops import OpsBus

    s = demo_context.settings
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", KILLED_MID_PARCEL, str(s.home), s.db_url],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -9, done.stderr.decode(errors="replace")
    bench = BenchWindow(demo_context, OpsBus())
    qtbot.addWidget(bench)
    bench.show()
    qtbot.waitExposed(bench)
    bench.activateWindow()
    v = bench.view
    assert "YT1234567890123" in v.status_line.text()
    assert "已恢复" in v.status_line.text()
    assert v.money_input.text() == "postage 10"
    assert v.accessory_input.text() == "insole"
    qtbot.waitUntil(lambda: focused("reasonPicker"))
    press(qtbot, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: focused("conditionPicker"))
    press(qtbot, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: focused("scanInput"))
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: "已登记" in v.status_line.text())
    p = _parcel(demo_context, "YT1234567890123")
    assert p.items[0].accessories == "insole"
    with demo_context.sessions() as session:
        amounts = session.scalars(select(MoneyEntry.amount).where(MoneyEntry.parcel_id == p.id))
        assert [str(a) for a in amounts] == ["10.00"]


def test_the_no_info_form_with_enter_alone(qtbot, bench, sounds):
    v = bench.view
    burst(qtbot, "YT7777777777777")
    qtbot.waitUntil(lambda: focused("buyerInput"))
    press(qtbot, Qt.Key.Key_F8)  # no buyer to be found: a no-info parcel
    qtbot.waitUntil(lambda: QApplication.focusWidget() is v.sender_name)
    for box, text in ((v.sender_name, "Li"), (v.sender_phone, "13800000000"),
                      (v.sender_city, "Beijing")):  # fmt: skip
        assert QApplication.focusWidget() is box
        qtbot.keyClicks(box, text, delay=60)  # a person types slower than a scanner
        qtbot.wait(60)
        press(qtbot, ENTER)  # on to the next box
    assert QApplication.focusWidget() is v.contents_input
    press(qtbot, ENTER)  # nothing said about what is inside: refused, the cursor stays
    assert sounds
    assert QApplication.focusWidget() is v.contents_input
    qtbot.keyClicks(v.contents_input, "shoes", delay=60)
    qtbot.wait(60)
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: _parcel(bench.ctx, "YT7777777777777").status == ParcelStatus.NO_INFO)
    assert _parcel(bench.ctx, "YT7777777777777").sender_city == "Beijing"


def test_todays_list_is_one_key_away(qtbot, bench):
    _register_first(qtbot, bench)
    press(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert focused("todayTable")
