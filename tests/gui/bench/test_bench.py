"""The bench walked as a clerk would: scanner bursts with keyClicks, single keys, Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTableView
from sqlalchemy import func, select

from returnsdesk.db.models import Order, Parcel, ReshipSlip

from helpers.gui import child, focused, ime

ENTER = Qt.Key.Key_Return


def scan(qtbot, window, text):
    box = child(window, QLineEdit, "scanInput")
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, ENTER)


def key(qtbot, widget, k):
    qtbot.keyClick(widget, k)


def status(window) -> str:
    return child(window, QLabel, "statusLine").text()


def parcels(ctx) -> list[Parcel]:
    with ctx.sessions() as s:
        return list(s.scalars(select(Parcel).order_by(Parcel.id)))


def scan_and_choose(qtbot, bench):
    """Scan, Enter (accept the order's line), 1 (reason), 1 (condition): the keys go back to
    the scan box, where Enter registers and the next scan is taken."""
    v = bench.view
    scan(qtbot, bench, "YT1234567890123")
    qtbot.waitUntil(lambda: v.buyer_value.text() == "tb_xiaomei")
    assert focused("itemInput")
    key(qtbot, v.item_input, ENTER)
    assert focused("reasonPicker")
    key(qtbot, v.reason_picker, "1")
    qtbot.waitUntil(lambda: focused("conditionPicker"))
    key(qtbot, v.condition_picker, "1")
    qtbot.waitUntil(lambda: focused("scanInput"))


def register_matched(qtbot, bench):
    """The common parcel: four keys after the scan, then Enter registers."""
    scan_and_choose(qtbot, bench)
    key(qtbot, bench.view.scan_input, ENTER)
    qtbot.waitUntil(lambda: "已登记" in status(bench))


def test_matched_parcel_takes_three_keys_and_enter(qtbot, bench, tmp_path):
    v = bench.view
    register_matched(qtbot, bench)
    assert "纸条编号 1" in status(bench)
    assert child(bench, QLabel, "binLabel").text() == "良品"
    assert (
        child(bench, QLabel, "returnStringLabel").text() == "tb_xiaomei 5815深紫W7*1 尺码偏小 完好"
    )
    assert v.slip_label.text() == "纸条 1"
    table = child(bench, QTableView, "todayTable")
    assert table.model().rowCount() == 1
    assert table.model().index(0, 4).data() == "tb_xiaomei"
    assert focused("scanInput")
    key(qtbot, v.scan_input, Qt.Key.Key_F9)
    assert QApplication.clipboard().text() == "tb_xiaomei 5815深紫W7*1 尺码偏小 完好"
    bench.grab().save(str(tmp_path / "bench.png"))
    assert (tmp_path / "bench.png").stat().st_size > 10_000


def test_double_scan_shows_the_registration_and_creates_nothing(qtbot, bench):
    register_matched(qtbot, bench)
    scan(qtbot, bench, "YT1234567890123")
    qtbot.waitUntil(lambda: "重复扫描" in status(bench))
    assert "纸条编号 1" in status(bench)
    assert len(parcels(bench.ctx)) == 1


def test_no_match_then_buyer_id_from_the_slip(qtbot, bench):
    v = bench.view
    scan(qtbot, bench, "YT7777777777777")
    qtbot.waitUntil(lambda: v.buyer_box.isVisible())
    assert focused("buyerInput")
    qtbot.keyClicks(v.buyer_input, "tb_xiaomei")
    qtbot.waitUntil(lambda: v.search_results.model().rowCount() > 0)
    key(qtbot, v.buyer_input, ENTER)
    qtbot.waitUntil(lambda: v.buyer_value.text() == "tb_xiaomei")
    key(qtbot, v.item_input, ENTER)
    key(qtbot, v.reason_picker, "2")
    qtbot.waitUntil(lambda: focused("conditionPicker"))
    key(qtbot, v.condition_picker, "1")
    qtbot.waitUntil(lambda: focused("scanInput"))
    key(qtbot, v.scan_input, ENTER)
    qtbot.waitUntil(lambda: "已登记" in status(bench))
    assert v.return_string_label.text() == "tb_xiaomei 5815深紫W7*1 尺码偏大 完好"


def test_buyer_search_by_last_four_digits_and_a_new_buyer_from_the_slip(qtbot, bench):
    v = bench.view
    scan(qtbot, bench, "YT7777777777771")
    qtbot.waitUntil(lambda: v.buyer_box.isVisible())
    with bench.ctx.sessions() as s:
        phone = s.scalars(select(Order.receiver_phone).where(Order.buyer_id == "tb_xiaomei")).one()
    qtbot.keyClicks(v.buyer_input, phone[-4:])
    qtbot.wait(60)  # a person's Enter, not a scanner's burst
    key(qtbot, v.buyer_input, ENTER)  # before the results show: searched at once
    assert v.buyer_value.text() == ""  # nothing chosen yet: said, not guessed
    assert "选择" in status(bench)
    key(qtbot, v.buyer_input, Qt.Key.Key_Down)  # the first hit
    key(qtbot, v.buyer_input, ENTER)
    qtbot.waitUntil(lambda: v.buyer_value.text() != "")
    assert v.buyer_value.text() in {h.buyer_id for h in bench.controller.hits}
    bench.controller.cancel()

    scan(qtbot, bench, "YT7777777777772")
    qtbot.waitUntil(lambda: v.buyer_box.isVisible())
    qtbot.keyClicks(v.buyer_input, "tb_xiao")  # a buyer with no order: the slip is right
    qtbot.waitUntil(lambda: v.search_results.model().rowCount() > 1)
    qtbot.wait(60)
    assert v.search_results.currentIndex().row() == -1  # the slip's ID is never preselected
    key(qtbot, v.buyer_input, Qt.Key.Key_Up)  # the last row: as the slip says
    key(qtbot, v.buyer_input, ENTER)
    qtbot.waitUntil(lambda: v.buyer_value.text() == "tb_xiao")
    assert v.order_value.text() == ""


def test_no_info_parcel(qtbot, bench):
    v = bench.view
    scan(qtbot, bench, "YT7777777777778")
    qtbot.waitUntil(lambda: v.buyer_box.isVisible())
    key(qtbot, v.buyer_input, Qt.Key.Key_F8)
    assert v.noinfo_box.isVisible()
    assert focused("senderName")
    ime(v.sender_name, "王先生")
    ime(v.sender_city, "北京")
    ime(v.contents_input, "女鞋5815深紫W7一双")
    key(qtbot, v.contents_input, ENTER)
    qtbot.waitUntil(lambda: "已登记" in status(bench))
    assert v.bin_label.text() == "待查"
    p = parcels(bench.ctx)[0]
    assert p.status == "no_info"
    assert p.sender_city == "北京"
    assert p.slip_no == 1
    assert v.register_line_label.text().startswith(
        f"{p.day.month}-{p.day.day} 无纸条 圆通 YT7777777777778 北京寄出"
    )


def test_sf_parcel_refused_with_one_key(qtbot, bench):
    v = bench.view
    scan(qtbot, bench, "SF1234567890123")
    qtbot.waitUntil(lambda: v.warning_label.isVisible())
    assert "顺丰" in v.warning_label.text()
    key(qtbot, v.buyer_input, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: "已拒收" in status(bench))
    assert parcels(bench.ctx)[0].status == "refused"
    assert focused("scanInput")


def test_exchange_queues_a_reshipment_slip(qtbot, bench):
    v = bench.view
    scan_and_choose(qtbot, bench)
    key(qtbot, v.scan_input, Qt.Key.Key_F6)
    assert focused("targetInput")
    ime(v.target_input, "灰色W6")
    key(qtbot, v.target_input, ENTER)
    key(qtbot, v.scan_input, Qt.Key.Key_F10)
    assert focused("moneyInput")
    ime(v.money_input, "邮费 10")
    key(qtbot, v.money_input, ENTER)
    assert focused("scanInput")
    key(qtbot, v.scan_input, ENTER)
    qtbot.waitUntil(lambda: "已登记" in status(bench))
    assert v.register_line_label.text().endswith("收到5815深紫W7*1 邮费10元 换5815灰色W6*1")
    with bench.ctx.sessions() as s:
        slip = s.scalars(select(ReshipSlip)).one()
        assert slip.note == "换5815灰色W6*1"
        assert slip.buyer_id == "tb_xiaomei"


def test_garbage_and_wrong_kinds_of_scan_are_named(qtbot, bench):
    scan(qtbot, bench, "6900000000003")
    qtbot.waitUntil(lambda: "商品条码" in status(bench))
    scan(qtbot, bench, "tb_xiaomei")
    qtbot.waitUntil(lambda: "不是快递单号" in status(bench))
    scan(qtbot, bench, "#$%^&")
    qtbot.waitUntil(lambda: "无法识别" in status(bench))
    assert parcels(bench.ctx) == []


def test_scan_while_typing_elsewhere_goes_to_the_scan_box(qtbot, bench):
    v = bench.view
    scan(qtbot, bench, "YT7777777777779")
    qtbot.waitUntil(lambda: v.buyer_box.isVisible())
    qtbot.keyClicks(v.buyer_input, "tb_x")
    qtbot.wait(80)  # the clerk pauses; then the scanner fires into the buyer field
    qtbot.keyClicks(v.buyer_input, "YT1234567890123")
    key(qtbot, v.buyer_input, ENTER)
    qtbot.waitUntil(lambda: v.buyer_value.text() == "tb_xiaomei")
    assert "YT" not in v.buyer_input.text()
    with bench.ctx.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Parcel)) == 2


def test_command_barcodes_drive_the_bench(qtbot, bench):
    v = bench.view
    scan(qtbot, bench, "YT1234567890123")
    qtbot.waitUntil(lambda: v.buyer_value.text() == "tb_xiaomei")
    key(qtbot, v.item_input, ENTER)
    for code in ("RD+R2", "RD+C1", "RD+COMMIT"):
        scan(qtbot, bench, code)
    qtbot.waitUntil(lambda: "已登记" in status(bench))
    assert v.return_string_label.text() == "tb_xiaomei 5815深紫W7*1 尺码偏大 完好"


def test_parcel_on_a_new_waybill_is_matched_by_scanning_the_original(qtbot, bench):
    """A 退回件 came back on its own SF waybill; the clerk scans the original one on the
    return label into whatever has the focus, as the scanner does."""
    from returnsdesk.db.models import Shipment

    v = bench.view
    with bench.ctx.sessions() as s:
        number, buyer = s.execute(
            select(Shipment.tracking_no, Order.buyer_id).join(Order).limit(1)
        ).one()
    scan(qtbot, bench, "SF1999999999999")
    qtbot.waitUntil(lambda: v.buyer_box.isVisible())
    target = QApplication.focusWidget()
    qtbot.keyClicks(target, number.lower())
    qtbot.keyClick(target, ENTER)
    qtbot.waitUntil(lambda: v.buyer_value.text() == buyer)
    p = parcels(bench.ctx)[-1]
    assert (p.tracking_no, p.linked_no, p.buyer_id) == ("SF1999999999999", number, buyer)
    # the original number found later shows the same parcel, and makes no new one
    scan(qtbot, bench, number)
    assert len(parcels(bench.ctx)) == 1


def test_buyer_search_as_you_type_runs_off_the_ui_thread_and_keeps_a_chosen_row(
    qtbot, bench, monkeypatch
):
    """Keys are never held up by a search (tens of milliseconds at a million orders on
    PostgreSQL): the pause's search runs in the thread pool. Its answer for the text shown
    already does not undo the row the clerk chose meanwhile."""
    import threading

    from returnsdesk.services.bench import match

    v = bench.view
    searched_in: list[threading.Thread] = []
    search = match.search

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        searched_in.append(threading.current_thread())
        return search(*args, **kwargs)

    monkeypatch.setattr(match, "search", recorded)
    scan(qtbot, bench, "YT7777777777773")
    qtbot.waitUntil(lambda: v.buyer_box.isVisible())
    qtbot.keyClicks(v.buyer_input, "tb_xiao")
    qtbot.waitUntil(lambda: v.search_results.model().rowCount() > 1)
    assert searched_in
    assert threading.main_thread() not in searched_in
    key(qtbot, v.buyer_input, Qt.Key.Key_Down)
    bench.controller.search.search_soon()  # the same text searched again, as a late answer
    qtbot.waitUntil(lambda: len(searched_in) == 2)
    qtbot.wait(100)
    assert v.search_results.currentIndex().row() == 0


def test_a_search_answer_after_the_bench_closed_goes_nowhere(qtbot, demo_context, monkeypatch):
    """The clerk closes the bench while a search is running: its answer is let go, not put
    into widgets that are gone."""
    import time

    from PySide6.QtCore import QEvent

    from returnsdesk.services.bench import match
    from returnsdesk.ui.bench.window import BenchWindow
    from returnsdesk.ui.common.ops import OpsBus

    search = match.search

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.3)
        return search(*args, **kwargs)

    monkeypatch.setattr(match, "search", slow)
    window = BenchWindow(demo_context, OpsBus())  # its own: closed and deleted here
    window.show()
    window.view.buyer_input.setText("tb_xiao")
    window.controller.search.search_soon()
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(600)  # the answer arrives; pytest-qt fails the test on an error in a slot


def test_a_search_that_answers_at_once_is_shown(qtbot, bench, monkeypatch):
    """A worker may finish before the UI thread goes on (a quiet pool, a short search): its
    answer still reaches the list, as it does when the search takes its time."""
    from returnsdesk.ui.bench import search as search_module
    from returnsdesk.ui.common import tasks

    def at_once(task: tasks.Task, pool: object = None) -> tasks.Task:
        task.run()  # the worker's whole run, before start returns
        return task

    monkeypatch.setattr(search_module, "start", at_once)
    v = bench.view
    scan(qtbot, bench, "YT7777777777773")
    qtbot.waitUntil(lambda: v.buyer_box.isVisible())
    qtbot.keyClicks(v.buyer_input, "tb_xiao")
    qtbot.waitUntil(lambda: v.search_results.model().rowCount() > 1)
