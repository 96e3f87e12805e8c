"""A newcomer's first parcels: the numbers come from the practice sheet's own text layer
(pdftotext), are typed into whatever has the focus, and registered with keys alone."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from returnsdesk.context import AppContext
from returnsdesk.db.models import Parcel
from returnsdesk.services.admin.demo import fill_demo
from returnsdesk.services.admin.practice import write_sheet
from returnsdesk.ui.bench.window import BenchWindow
from returnsdesk.ui.common.ops import OpsBus

from helpers.gui import burst, focused, press

ENTER = Qt.Key.Key_Return


def sheet_numbers(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.findall(r"号码: (\S+)", text)


def test_the_sheets_first_three_parcels_walked_with_keys(qtbot, app_context: AppContext, tmp_path):  # type: ignore[no-untyped-def]
    ctx = app_context
    fill_demo(ctx.sessions, orders=300, seed=11, weeks=1, shop=ctx.settings.shop,
              now=dt.datetime.now().replace(microsecond=0))  # fmt: skip
    sheet = write_sheet(ctx.sessions, ctx.settings.shop, tmp_path / "练习单.pdf", "demo", "")
    common, two_items, no_reason = sheet_numbers(sheet)[:3]
    window = BenchWindow(ctx, OpsBus())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(1366, 728)  # a 768-pixel screen less the taskbar
    window.show_start_of_day()
    window.activateWindow()
    window.view.scan_input.setFocus()
    qtbot.waitUntil(lambda: focused("scanInput"))
    panel = window.view.demo_panel
    assert panel.isVisible()
    assert common in panel.text()
    assert str(sheet) in panel.text()
    v = window.view

    def registered(code: str) -> Parcel:
        qtbot.waitUntil(lambda: "已登记" in v.status_line.text())
        with ctx.sessions() as s:
            p = s.scalars(select(Parcel).where(Parcel.tracking_no == code)).one()
            assert p.status == "registered"
            _ = p.items
        # the label's preview takes the practice numbers' place: the window does not grow
        assert (window.width(), window.height()) == (1366, 728)
        return p

    # 1. the common parcel: scan, Enter takes the item, Enter keeps the buyer's reason,
    # 1 = 完好, Enter on the empty scan box registers
    burst(qtbot, common)
    qtbot.waitUntil(lambda: focused("itemInput"))
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: focused("reasonPicker"))
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: focused("conditionPicker"))
    press(qtbot, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: focused("scanInput"))
    press(qtbot, ENTER)
    first = registered(common)
    assert [i.reason for i in first.items] == ["尺码偏小"]

    # 2. two items: the first as above, then Alt+2 takes the order's second line
    burst(qtbot, two_items)
    qtbot.waitUntil(lambda: focused("itemInput"))
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: focused("reasonPicker"))
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: focused("conditionPicker"))
    press(qtbot, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: focused("scanInput"))
    press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: focused("reasonPicker"))
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: focused("conditionPicker"))
    press(qtbot, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: focused("scanInput"))
    press(qtbot, ENTER)
    second = registered(two_items)
    assert len(second.items) == 2
    assert second.slip_no == first.slip_no + 1

    # 3. no stated reason: nothing is preselected, 5 chooses 不喜欢
    burst(qtbot, no_reason)
    qtbot.waitUntil(lambda: focused("itemInput"))
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: focused("reasonPicker"))
    press(qtbot, Qt.Key.Key_5)
    qtbot.waitUntil(lambda: focused("conditionPicker"))
    press(qtbot, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: focused("scanInput"))
    press(qtbot, ENTER)
    third = registered(no_reason)
    assert [i.reason for i in third.items] == ["不喜欢"]
