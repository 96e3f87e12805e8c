"""Summary tab: the weekly breakdowns as a table and bar chart, week picker, export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.context import AppContext
from returnsdesk.domain.summary import WeeklySummary
from returnsdesk.domain.weeks import IsoWeek
from returnsdesk.reports.export import export_weekly, format_of
from returnsdesk.reports.weekly import bin_names_of, weekly_summary
from returnsdesk.ui.common.field_marks import FieldMarks
from returnsdesk.ui.common.tasks import Task, start
from returnsdesk.ui.lead.chart import BarChart
from returnsdesk.ui.lead.tables import LeadTab, RowsModel, make_table


class SummaryTab(LeadTab):
    """View and controller of the weekly summary (small enough to stay one class)."""

    def __init__(
        self, ctx: AppContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, None, parent)
        self.today = today or dt.date.today()
        self.week = IsoWeek.last_full(self.today)
        self.summary: WeeklySummary | None = None
        self._loading = 0
        self._export_path = Path()

        self.week_input = QLineEdit(str(self.week))
        self.week_input.setObjectName("weekInput")
        self.week_input.setMaximumWidth(110)
        self.prev_button = QPushButton(self.tr("◀ 上一周"))
        self.prev_button.setObjectName("weekPrev")
        self.next_button = QPushButton(self.tr("下一周 ▶"))
        self.next_button.setObjectName("weekNext")
        self.range_label = QLabel()
        self.picker = QComboBox()
        self.picker.setObjectName("breakdownPicker")
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.picker.setMinimumContentsLength(7)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setObjectName("exportButton")
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.totals_label = QLabel()
        self.totals_label.setObjectName("summaryTotals")
        self.marks = FieldMarks(week=self.week_input)
        self.status.setObjectName("leadStatus")

        self.model = RowsModel([])
        self.table = make_table(self.model, "summaryTable")
        self.chart = BarChart()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("周:")))
        top.addWidget(self.week_input)
        top.addWidget(self.prev_button)
        top.addWidget(self.next_button)
        top.addWidget(self.range_label)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("分类:")))
        top.addWidget(self.picker)
        top.addWidget(self.export_button)
        top.addWidget(self.progress)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.chart)
        split.setSizes([520, 420])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.totals_label)
        lay.addWidget(split, 1)
        lay.addWidget(self.status)

        self.week_input.returnPressed.connect(self._week_typed)
        self.prev_button.clicked.connect(lambda: self.set_week(self.week.previous()))
        self.next_button.clicked.connect(lambda: self.set_week(self.week.next()))
        self.picker.currentIndexChanged.connect(self._show_breakdown)
        self.export_button.clicked.connect(self.choose_export)

    # --- loading -----------------------------------------------------------------------

    def set_week(self, week: IsoWeek) -> None:
        self.week = week
        self.week_input.setText(str(week))
        self.refresh()

    def _week_typed(self) -> None:
        week = self.act(
            lambda: IsoWeek.parse(self.week_input.text()),
            marks=self.marks,
        )
        if week is not None:
            self.set_week(week.value)

    def refresh(self) -> None:
        week = self.week
        self.range_label.setText(f"{week.monday:%Y-%m-%d} ~ {week.sunday:%Y-%m-%d}")
        s = self.ctx.settings
        sessions, names = self.ctx.sessions, bin_names_of(s.shop, s.lang)
        job = Task(lambda _p: weekly_summary(sessions, week, names), self.ctx.settings.lang)
        job.signals.done.connect(self._loaded)
        job.signals.failed.connect(self.status.error)
        self._loading += 1
        start(job)

    def _loaded(self, summary: WeeklySummary) -> None:
        self._loading -= 1
        if summary.week != self.week:
            return  # an older request finished after the week changed
        self.summary = summary
        self.totals_label.setText(
            self.tr("{w}: {p} 个包裹, {n} 件; {prev}: {pp} 个包裹, {pn} 件")
            .replace("{w}", self._long_name(summary.week))
            .replace("{prev}", self._long_name(summary.week.previous()))
            .replace("{p}", str(summary.parcels))
            .replace("{n}", str(summary.total))
            .replace("{pp}", str(summary.prev_parcels))
            .replace("{pn}", str(summary.prev_total))
        )
        current = self.picker.currentData()
        self.picker.blockSignals(True)
        self.picker.clear()
        for b in summary.breakdowns:
            self.picker.addItem(self.tr(b.title), b.key)
        idx = self.picker.findData(current)
        self.picker.setCurrentIndex(max(0, idx))
        self.picker.blockSignals(False)
        self._show_breakdown()

    def week_names(self, week: IsoWeek) -> tuple[str, str]:
        """Short names of the week shown and the one before it, for columns and the chart."""
        return self._short_name(week), self._short_name(week.previous())

    def _short_name(self, week: IsoWeek) -> str:
        current = IsoWeek.of(self.today)
        if week == current:
            return self.tr("本周")
        if week == current.previous():
            return self.tr("上周")
        return str(week)

    def _long_name(self, week: IsoWeek) -> str:
        """``上周 2026-W48`` for the last full week, ``本周 2026-W49`` for this one: the
        lead reads which week the figures are, never a past week called this week."""
        short = self._short_name(week)
        return short if short == str(week) else f"{short} {week}"

    @property
    def loading(self) -> bool:
        return self._loading > 0

    def _show_breakdown(self) -> None:
        if self.summary is None or self.picker.currentIndex() < 0:
            return
        bd = self.summary.breakdown(self.picker.currentData())
        shown, before = self.week_names(self.summary.week)
        headers = [
            *(self.tr(c) for c in bd.columns),
            shown,
            self.tr("占比"),
            before,
            self.tr("占比"),
            self.tr("变化"),
            self.tr("占比变化"),
        ]
        self.model.set_headers(headers)
        self.model.set_rows(
            [
                (
                    *r.key,
                    r.count,
                    r.share,
                    r.prev_count,
                    r.prev_share,
                    f"{r.delta_count:+d}",
                    f"{r.delta_share * 100:+.1f}",
                )
                for r in bd.rows
            ]
        )
        self.chart.set_legend(shown, before)
        self.chart.set_bars([(" ".join(r.key), r.count, r.prev_count) for r in bd.rows])

    # --- export ------------------------------------------------------------------------

    def choose_export(self) -> None:
        name = self.tr("退货周报-{week}.xlsx").replace("{week}", str(self.week))
        default = str(self.ctx.settings.home / name)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出周报"),
            default,
            self.tr("Excel (*.xlsx);;CSV (*.csv);;PDF (*.pdf)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the shown week to ``path`` in a worker; progress and result show in place."""
        if self.act(lambda: format_of(path)) is None:
            return
        week, sessions, lang = self.week, self.ctx.sessions, self.ctx.settings.lang
        names = bin_names_of(self.ctx.settings.shop, lang)
        job = Task(
            lambda progress: export_weekly(sessions, week, path, names, progress, lang),
            self.ctx.settings.lang,
        )
        job.signals.progress.connect(self._progress)
        self._export_path = path
        job.signals.done.connect(self._exported)
        job.signals.failed.connect(self._export_failed)
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.ok(self.tr("正在导出…"))
        start(job)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _exported(self, _summary: object) -> None:
        path = self._export_path
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.ok(self.tr("已导出 {path}").replace("{path}", str(path)))

    def _export_failed(self, text: str) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.error(text)
