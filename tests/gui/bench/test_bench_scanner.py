"""The bench with the scanner alone: every burst goes to whatever has the focus, as a real
keyboard-wedge scanner types it, and the bench takes it as a scan."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from returnsdesk.db.models import OrderLine, Parcel, ParcelItem, PrintJob, Sku
from returnsdesk.domain import barcode_commands
from returnsdesk.domain.barcode_commands import Action
from returnsdesk.ui.bench.view import scale_for
from returnsdesk.ui.bench.window import BenchWindow
from returnsdesk.ui.common.ops import OpsBus

from helpers.gui import burst, ime

ENTER = Qt.Key.Key_Return


def two_line_order(ctx) -> tuple[str, str]:
    """tb_xiaomei's order gets a second line; both lines' SKUs have barcodes."""
    with ctx.sessions.begin() as s:
        first = s.scalars(select(Sku).where(Sku.sku_code == "5815-深紫-W7")).one()
        other = s.scalars(select(Sku).where(Sku.model == "6021")).first()
        line = s.scalars(select(OrderLine).where(OrderLine.sku_code == first.sku_code)).first()
        s.add(OrderLine(order_id=line.order_id, line_no=9, sku_code=other.sku_code,
                        model=other.model, category=other.category, color=other.color,
                        size=other.size, qty=1))  # fmt: skip
        return first.barcode, other.barcode


def test_two_items_scanner_only_with_their_own_reasons_and_conditions(qtbot, bench):
    bar_a, bar_b = two_line_order(bench.ctx)
    v = bench.view
    landed = []
    for code in (
        "YT1234567890123",
        bar_a,
        barcode_commands.reason_code("6"),  # 质量问题
        barcode_commands.condition_code("4"),  # 损坏
        bar_b,
        barcode_commands.reason_code("3"),  # 不合适
        barcode_commands.condition_code("1"),  # 完好
        barcode_commands.code(Action.COMMIT),
    ):
        landed.append(burst(qtbot, code))
    qtbot.waitUntil(lambda: "已登记" in v.status_line.text())
    # the bursts landed in the reason and condition lists too, and were taken as scans
    assert {"reasonPicker", "conditionPicker"} <= set(landed), landed
    with bench.ctx.sessions() as s:
        items = s.scalars(select(ParcelItem).order_by(ParcelItem.id)).all()
        assert [(i.model, i.reason, i.condition, i.bin) for i in items] == [
            ("5815", "质量问题", "损坏", "damage"),
            ("6021", "不合适", "完好", "restock"),
        ]
        assert len(s.scalars(select(PrintJob)).all()) == 2  # one label per bin
    assert v.return_string_label.text().startswith("tb_xiaomei 5815深紫W7*1 质量问题 损坏, 6021")
    assert v.bin_label.text().startswith("报损")
    assert v.bin_chip(1).text().startswith("良品")
    assert QApplication.focusWidget() is v.scan_input


def test_enter_after_a_condition_does_not_register_a_half_parcel(qtbot, bench):
    """Issue: with the focus resting after the condition, the second item's scan must not
    press 登记: the keys are in the scan box and the barcode adds the item."""
    bar_a, bar_b = two_line_order(bench.ctx)
    v = bench.view
    burst(qtbot, "YT1234567890123")
    burst(qtbot, bar_a)
    qtbot.keyClick(QApplication.focusWidget(), "1")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is v.condition_picker)
    qtbot.keyClick(v.condition_picker, "1")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is v.scan_input)
    burst(qtbot, bar_b)
    assert v.items_list.count() == 2
    with bench.ctx.sessions() as s:
        assert s.scalar(select(Parcel.status)) == "matched"


def test_unknown_and_short_bursts_beep_and_say_what_they_were(qtbot, bench):
    v = bench.view
    burst(qtbot, "YT1234567890123")
    burst(qtbot, "RD+XYZ")
    assert "RD+XYZ" in v.status_line.text() or "XYZ" in v.status_line.text()
    burst(qtbot, "RS00000042")
    assert "补发单" in v.status_line.text()


def test_a_new_scan_parks_the_parcel_and_a_closed_window_gives_the_draft_back(
    qtbot, bench, demo_context
):
    from returnsdesk.ui.bench.window import BenchWindow
    from returnsdesk.ui.common.ops import OpsBus

    v = bench.view
    burst(qtbot, "YT1234567890123")
    burst(qtbot, "RD+L1")
    burst(qtbot, "RD+R7")
    burst(qtbot, "YT7777777777777")
    assert "YT1234567890123" in v.warning_label.text()
    assert v.warning_label.isVisible()
    burst(qtbot, "RD+PACKAGING")  # the banner stays while the clerk goes on
    assert "YT1234567890123" in v.warning_label.text()
    assert v.warning_label.isVisible()
    burst(qtbot, "YT1234567890123")  # back to it: the item and its reason are there
    assert v.items_list.count() == 1
    assert "后跟开裂" in v.items_list.item(0).text()
    burst(qtbot, "RD+C3")
    bench.close()
    again = BenchWindow(demo_context, OpsBus())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.view.items_list.count() == 1
    assert "后跟开裂  可维修" in again.view.items_list.item(0).text()
    assert again.view.buyer_value.text() == "tb_xiaomei"


def test_the_window_fits_1366x728_and_does_not_grow(qtbot, bench):
    """A 768-pixel screen less the taskbar leaves 728, in every state, banners included
    (tests/gui/common/test_i18n_gui.py walks the same in English)."""
    v = bench.view
    bench.resize(1366, 728)
    qtbot.wait(50)
    sizes = []
    steps = ("SF1234567890123", "RD+ACCEPTBUYER", "RD+CANCEL", "YT7777777777777", "RD+FREIGHT",
             "RD+NOINFO", "RD+CANCEL", "YT1234567890123", "RD+L1")  # fmt: skip
    for step in steps:
        burst(qtbot, step)
        sizes.append((bench.width(), bench.height()))
        assert bench.minimumSizeHint().height() <= 728, step
    assert set(sizes) == {(1366, 728)}
    # every reason and condition shows without scrolling, the active list is marked
    for picker in (v.reason_picker, v.condition_picker):
        last = picker.visualItemRect(picker.item(picker.count() - 1))
        assert picker.viewport().rect().contains(last), picker.objectName()
    assert "border" in v.reason_picker.styleSheet()
    assert v.condition_picker.styleSheet() == ""
    # today's list keeps at least eight rows
    rows = v.today_table.viewport().height() // v.today_table.verticalHeader().defaultSectionSize()
    assert rows >= 8


def test_a_larger_screen_draws_the_bench_larger_and_it_still_fits(qtbot, demo_context):
    """On a 1920×1080 screen (1040 left by the taskbar) the bench's font, spacing and fixed
    heights grow together; every state still fits and every reason still shows."""
    scale = scale_for(1920, 1040)
    assert scale == pytest.approx(1920 / 1366)  # the width is the tighter of the two
    assert scale_for(1280, 680) == 1.0  # a smaller screen keeps the base layout
    small = BenchWindow(demo_context, OpsBus(), scale=1.0)
    large = BenchWindow(demo_context, OpsBus(), scale=scale)
    for window in (small, large):
        qtbot.addWidget(window)
    assert (large.width(), large.height()) == (1920, round(728 * scale))
    for name in ("scan_input", "bin_label", "status_line", "buyer_value", "reason_picker"):
        grown = getattr(large.view, name).font().pointSizeF()
        assert grown == pytest.approx(getattr(small.view, name).font().pointSizeF() * scale), name
    ratio = large.view.today_table.verticalHeader().defaultSectionSize() / (
        small.view.today_table.verticalHeader().defaultSectionSize()
    )
    assert ratio == pytest.approx(scale, rel=0.05)
    small.close()
    large.show()
    qtbot.waitExposed(large)
    large.activateWindow()
    large.view.scan_input.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is large.view.scan_input)
    for step in ("SF1234567890123", "RD+ACCEPTBUYER", "RD+CANCEL", "YT1234567890123", "RD+L1"):
        burst(qtbot, step)
        assert large.minimumSizeHint().height() <= round(728 * scale), step
        assert (large.width(), large.height()) == (1920, round(728 * scale)), step
    for picker in (large.view.reason_picker, large.view.condition_picker):
        last = picker.visualItemRect(picker.item(picker.count() - 1))
        assert picker.viewport().rect().contains(last), picker.objectName()


def test_a_parked_parcel_comes_back_from_todays_list(qtbot, bench):
    v = bench.view
    burst(qtbot, "YT1234567890123")
    burst(qtbot, "RD+L1")
    burst(qtbot, "RD+R7")
    burst(qtbot, "YT7777777777777")
    model = v.today_table.model()
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    row = next(r for r in range(model.rowCount()) if model.index(r, 2).data() == "YT1234567890123")
    v.today_table.selectRow(row)
    v.today_table.activated.emit(model.index(row, 0))
    assert v.courier_label.text().endswith("YT1234567890123")
    assert "后跟开裂" in v.items_list.item(0).text()


def test_money_and_accessories_typed_without_enter_are_kept(qtbot, bench):
    v = bench.view
    for code in ("YT1234567890123", "RD+L1", "RD+R1", "RD+C1"):
        burst(qtbot, code)
    ime(v.accessory_input, "鞋垫")
    ime(v.money_input, "邮费 10")
    burst(qtbot, "RD+COMMIT")
    qtbot.waitUntil(lambda: "已登记" in v.status_line.text())
    assert "邮费10元 配件:鞋垫" in v.register_line_label.text()


def test_warm_up_after_a_registration_keeps_the_label_preview(qtbot, bench):
    for code in ("YT1234567890123", "RD+L1", "RD+R1", "RD+C1", "RD+COMMIT"):
        burst(qtbot, code)
    preview = bench.controller.label_preview
    assert preview is not None
    qtbot.waitUntil(lambda: not preview.picture.pixmap().isNull())  # rendered off the UI thread
    bench.controller.warm_up()
    assert not preview.picture.pixmap().isNull()
    assert preview.parcel_id is not None


def test_the_warm_up_leaves_what_start_up_made_out_of_full_collections(qtbot, bench):
    """A full garbage collection walked every object the bench made at start (80 ms, a
    parcel's wait): after the warm-up those are frozen, and a collection walks only what the
    day makes since."""
    import gc

    gc.unfreeze()
    bench.controller.warm_up()
    assert gc.get_freeze_count() > 10_000
    assert len(gc.get_objects(generation=2)) < gc.get_freeze_count()


def test_the_warm_up_leaves_the_label_preview_in_place_for_the_first_parcel(qtbot, bench):
    """A burst that comes right after the warm-up, before the event loop ran again, finds
    the label's widget shown in its box: the first parcel does not lay the window out again
    (it made the first scan twice as slow as the others)."""
    bench.controller.warm_up()
    preview = bench.controller.label_preview
    assert preview is not None
    assert preview.isVisibleTo(bench.view.preview_box)
