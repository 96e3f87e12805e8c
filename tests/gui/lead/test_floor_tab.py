"""The lead's floor tab: what it shows, red where limits passed, and a change told on the
bus (here, or from another station through the database) refreshes it in place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtWidgets import QTableView, QWidget

from returnsdesk.context import AppContext
from returnsdesk.domain.topics import Topic
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.lead.window import LeadWindow

from helpers.factories import ItemSpec, parcel

NOW = dt.datetime(2026, 11, 23, 18, 30)
DAY = NOW.date()


def _at(h: int, m: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(h, m))


def test_floor_tab_shows_the_day_and_refreshes_in_place(
    qtbot, app_context: AppContext, tmp_path: Path
):  # type: ignore[no-untyped-def]
    with app_context.sessions.begin() as s:
        for n in range(30):
            parcel(s, DAY, [ItemSpec()], received_at=_at(16), registered_at=_at(16, 5 + n % 3))
        parcel(s, DAY, [], status="matched", received_at=_at(17), tracking_no="YT1000000000001")
        parcel(s, DAY, [], status="received", received_at=_at(18, 20))
    bus = OpsBus()
    w = LeadWindow(app_context, bus, now=lambda: NOW)
    qtbot.addWidget(w)
    w.resize(1366, 728)
    w.show()
    floor = w.findChild(QWidget, "floorView")
    assert floor is w.floor
    w.tabs.setCurrentWidget(floor)
    waiting = w.findChild(QTableView, "floorWaiting")
    assert waiting.model().rowCount() == 2
    assert waiting.model().index(0, 0).data() == "YT1000000000001"
    assert waiting.model().is_red(0)
    assert not waiting.model().is_red(1)
    assert "签收 32" in w.floor.totals.text()
    assert w.floor.chart.bars()[0] == ("16:00", 30, 30)
    clerks = w.findChild(QTableView, "floorClerks")
    clerks.selectRow(0)
    # another station registers a parcel: the tab refreshes, the selection stays
    with app_context.sessions.begin() as s:
        parcel(s, DAY, [ItemSpec()], clerk="clerk2", received_at=_at(18), registered_at=_at(18, 3))
    bus.notify(Topic.PARCELS)
    assert "签收 33" in w.floor.totals.text()
    picked = clerks.selectionModel().selectedRows()
    assert [clerks.model().index(i.row(), 0).data() for i in picked] == ["clerk1"]
    out = tmp_path / "floor.xlsx"
    w.floor.export_to(out)
    qtbot.waitUntil(out.exists, timeout=10_000)
    qtbot.waitUntil(lambda: "floor.xlsx" in w.floor.status.text(), timeout=10_000)
    wb = load_workbook(out)
    assert wb["按小时"]["B2"].value == 30
    wb.close()
