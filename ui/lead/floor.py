"""The floor (现场): the day's pace by hour and by clerk, what waits, who is where.

Everything comes from ``reports.floor`` in one call; the tab refreshes when a parcel, refund,
reship slip or station changes (here or at another station, through the database) and once a
minute while it is shown, since waiting times grow by themselves. A refresh keeps each
table's selection and scroll position."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.context import AppContext
from returnsdesk.domain.kinds import slip_state_name
from returnsdesk.reports import floor as fl
from returnsdesk.reports import floor_export
from returnsdesk.ui.lead.chart import BarChart
from returnsdesk.ui.lead.tables import (
    DayTab,
    RowsModel,
    TableExport,
    ask_export_path,
    make_table,
)

# While shown, the tab reads the floor again this often (waiting times grow by themselves).
TICK_MS = 60_000


def _ms(value: int | None) -> str:
    return "" if value is None else f"{value}"


def _min(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class FloorTab(DayTab):
    def __init__(
        self,
        ctx: AppContext,
        today: dt.date,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, None, parent)
        self.setObjectName("floorView")
        self.now = now
        self.report: fl.FloorReport | None = None
        self.wait_box = QSpinBox()
        self.wait_box.setObjectName("floorWaitMinutes")
        self.wait_box.setRange(5, 24 * 60)
        self.wait_box.setValue(fl.WAIT_MINUTES)
        self.wait_box.setSuffix(self.tr(" 分钟"))
        self.totals = QLabel()
        self.totals.setObjectName("floorTotals")
        self.totals.setWordWrap(True)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setObjectName("floorExport")
        self.exporter = TableExport(self.status, ctx.settings.lang, self)
        self.chart = BarChart()
        self.chart.setObjectName("floorChart")
        self.chart.max_bars = 24
        self.chart.set_legend(self.tr("签收"), self.tr("登记"))
        self.chart.set_empty_text(self.tr("这一天还没有包裹"))
        self.chart.setMinimumHeight(120)
        self.models: dict[str, RowsModel] = {}
        self.views: dict[str, QTableView] = {}
        self._tables()
        self._layout(today)
        self.wait_box.valueChanged.connect(self.refresh)
        self.export_button.clicked.connect(self.choose_export)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tables(self) -> None:
        headers = {
            "hours": (self.tr("小时"), self.tr("签收"), self.tr("登记"), self.tr("拒收"), self.tr("搁置"), self.tr("待登记")),
            "clerks": (self.tr("登记员"), self.tr("包裹"), self.tr("件数"), self.tr("中位(分)"), self.tr("P90(分)"),
                       self.tr("拒收"), self.tr("更正")),
            "waiting": (self.tr("运单号"), self.tr("工位"), self.tr("登记员"), self.tr("扫描"), self.tr("已等(分)")),
            "refunds": (self.tr("退款编号"), self.tr("买家"), self.tr("截止"), self.tr("剩余(时)")),
            "slips": (self.tr("单号"), self.tr("买家"), self.tr("状态"), self.tr("自")),
            "stations": (self.tr("工位"), self.tr("在线"), self.tr("登录人"), self.tr("登录时间"), self.tr("最后包裹"),
                         self.tr("扫描→面板 P50/P95 (ms)"), self.tr("登记→就绪 P50/P95 (ms)")),
        }  # fmt: skip
        for key, names in headers.items():
            self.models[key] = RowsModel(names, self)
            view = make_table(self.models[key], f"floor{key.title()}")
            view.verticalHeader().setVisible(False)
            self.views[key] = view

    def _box(self, title: str, key: str) -> QGroupBox:
        box = QGroupBox(title)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.views[key])
        return box

    def _layout(self, today: dt.date) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("日期")))
        top.addWidget(self.day_picker(today, "floorDate"))
        top.addWidget(QLabel(self.tr("待登记超过")))
        top.addWidget(self.wait_box)
        top.addWidget(self.totals, 1)
        top.addWidget(self.export_button)
        upper = QSplitter()
        chart_box = QGroupBox(self.tr("按小时"))
        chart_lay = QVBoxLayout(chart_box)
        chart_lay.setContentsMargins(4, 4, 4, 4)
        chart_lay.addWidget(self.chart, 3)
        chart_lay.addWidget(self.views["hours"], 2)
        upper.addWidget(chart_box)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self._box(self.tr("各登记员"), "clerks"))
        right.addWidget(self._box(self.tr("工位: 谁在哪里"), "stations"))
        upper.addWidget(right)
        upper.setSizes([420, 900])
        lower = QSplitter()
        lower.addWidget(self._box(self.tr("待登记包裹"), "waiting"))
        lower.addWidget(self._box(self.tr("退款 (24 小时时限)"), "refunds"))
        lower.addWidget(self._box(self.tr("补发单: 待打印 / 已打印未发货"), "slips"))
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(upper)
        outer.addWidget(lower)
        outer.setSizes([380, 260])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(outer, 1)
        lay.addWidget(self.status)

    # --- reading -------------------------------------------------------------------------

    def _tick(self) -> None:
        if self.isVisible():
            self.refresh()

    def _as_of(self) -> dt.datetime:
        now = self.now()
        if self.day < now.date():  # a past day: as it stood at its end
            return dt.datetime.combine(self.day, dt.time(23, 59, 59))
        return now

    def refresh(self) -> None:
        s = self.ctx.settings
        r = fl.floor(
            self.ctx.sessions, self.day, self._as_of(), s.shop.refunds, self.wait_box.value()
        )
        self.report = r
        self.chart.set_bars([(f"{h.hour:02d}:00", h.received, h.registered) for h in r.hours])
        self._show_totals(r)
        self._fill(
            "hours",
            [(f"{h.hour:02d}:00", h.received, h.registered, h.refused, h.parked, h.waiting)
             for h in r.hours],
        )  # fmt: skip
        self._fill(
            "clerks",
            [(c.clerk or "-", c.parcels, c.items, _min(c.median_min), _min(c.p90_min),
              c.refusals, c.corrections) for c in r.clerks],
        )  # fmt: skip
        self._fill(
            "waiting",
            [(w.tracking_no, w.station, w.clerk, w.received_at, w.minutes) for w in r.waiting],
            [w.late for w in r.waiting],
        )
        self._fill(
            "refunds",
            [(x.refund_no, x.buyer_id, x.due_at, f"{x.hours_left:.1f}") for x in r.refunds],
            [x.urgent for x in r.refunds],
        )
        slips = [*r.to_print, *r.to_ship]
        self._fill(
            "slips",
            [(x.slip_id, x.buyer_id, slip_state_name(x.state, s.lang), x.since) for x in slips],
        )
        self._fill("stations", [self._station_cells(st) for st in r.stations])

    def _station_cells(self, st: fl.StationRow) -> tuple[object, ...]:
        last = st.last_tracking
        if st.last_at is not None:
            last = f"{last} ({st.last_at:%H:%M})"
        return (
            st.station,
            self.tr("在线") if st.open else self.tr("离线"),
            st.user,
            st.signed_in_at,
            last,
            f"{_ms(st.scan_p50_ms)} / {_ms(st.scan_p95_ms)}" if st.scan_p50_ms else "",
            f"{_ms(st.register_p50_ms)} / {_ms(st.register_p95_ms)}" if st.register_p50_ms else "",
        )

    def _show_totals(self, r: fl.FloorReport) -> None:
        t = r.totals
        late = sum(w.late for w in r.waiting)
        urgent = sum(x.urgent for x in r.refunds)
        self.totals.setText(
            self.tr(
                "签收 %1 · 登记 %2 · 拒收 %3 · 待登记 %4 (超时 %5) · 退款待审 %6 (不足2小时 %7)"
            )
            .replace("%1", str(t.get("received", 0)))
            .replace("%2", str(t.get("registered", 0)))
            .replace("%3", str(t.get("refused", 0)))
            .replace("%4", str(len(r.waiting)))
            .replace("%5", str(late))
            .replace("%6", str(len(r.refunds)))
            .replace("%7", str(urgent))
        )

    def _fill(
        self, key: str, rows: Sequence[Sequence[object]], red: Sequence[bool] | None = None
    ) -> None:
        """Swap the rows in; the same row (by its first cell) stays selected and the table
        stays where it was scrolled."""
        view, model = self.views[key], self.models[key]
        bar = view.verticalScrollBar()
        scrolled = bar.value()
        picked = view.selectionModel().selectedRows()
        key_cell = model.index(picked[0].row(), 0).data() if picked else None
        model.set_rows(rows, red)
        if key_cell is not None:
            for row in range(model.rowCount()):
                if model.index(row, 0).data() == key_cell:
                    view.selectRow(row)
                    break
        bar.setValue(scrolled)

    # --- export --------------------------------------------------------------------------

    def choose_export(self) -> None:
        name = f"现场-{self.day.isoformat()}.xlsx"
        path = ask_export_path(self, self.tr("导出现场"), str(self.ctx.settings.home / name))
        if path:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        report, lang = self.report, self.ctx.settings.lang
        if report is None:
            return
        self.exporter.run(path, lambda: floor_export.floor_tables(report, lang))
