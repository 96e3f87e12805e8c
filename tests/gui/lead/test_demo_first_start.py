"""A fresh demo shop, opened as a newcomer would: every tab of the lead's view and the
reshipment desk shows rows on the first start, and the weekly tab names its week honestly."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel, QTableView, QWidget
from pytestqt.exceptions import TimeoutError

from returnsdesk.context import AppContext
from returnsdesk.domain.weeks import IsoWeek
from returnsdesk.services.admin.demo import fill_demo
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.lead.window import LeadWindow
from returnsdesk.ui.reship.window import ReshipWindow


@pytest.fixture
def demo_shop(app_context: AppContext) -> tuple[AppContext, dt.datetime]:
    now = dt.datetime.now().replace(microsecond=0)
    fill_demo(app_context.sessions, orders=300, seed=11, weeks=2, shop=app_context.settings.shop,
              now=now)  # fmt: skip
    return app_context, now


def _rows(tab: QWidget) -> int:
    return max(v.model().rowCount() for v in tab.findChildren(QTableView))


def test_every_lead_tab_shows_rows_on_first_start(qtbot, demo_shop) -> None:  # type: ignore[no-untyped-def]
    ctx, now = demo_shop
    w = LeadWindow(ctx, OpsBus(), now=lambda: now)
    qtbot.addWidget(w)
    w.resize(1366, 728)
    w.show()
    qtbot.waitUntil(lambda: w.summary.summary is not None and not w.summary.loading)
    last = IsoWeek.last_full(now.date())
    totals = w.findChild(QLabel, "summaryTotals").text()
    assert totals.startswith(f"上周 {last}: ")
    assert "本周" not in totals
    assert w.summary.summary.parcels > 50
    assert w.summary.chart.legend() == ("上周", str(last.previous()))
    empty = []
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        tab = w.tabs.widget(i)
        try:
            qtbot.waitUntil(lambda tab=tab: _rows(tab) > 0, timeout=3000)
        except TimeoutError:
            empty.append(w.tabs.tabText(i))
    assert empty == []
    # this week, by the button: named 本周, its figures against 上周
    w.summary.set_week(IsoWeek.of(now.date()))
    qtbot.waitUntil(lambda: w.summary.summary.week == IsoWeek.of(now.date()))
    assert w.findChild(QLabel, "summaryTotals").text().startswith(f"本周 {IsoWeek.of(now.date())}")
    assert w.summary.chart.legend() == ("本周", "上周")


def test_reship_desk_shows_slips_in_every_state(qtbot, demo_shop) -> None:  # type: ignore[no-untyped-def]
    ctx, _now = demo_shop
    w = ReshipWindow(ctx, OpsBus())
    qtbot.addWidget(w)
    w.show()
    for key in ("open", "pending", "printed", "shipped", "problem"):
        w.set_filter(key)
        assert w.model.rowCount() > 0, key
