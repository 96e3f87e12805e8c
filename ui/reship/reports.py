"""The lead's reshipment tables on screen: the day's problems per submitter, the month's
archive of shipped slips, each exported to XLSX or CSV."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.context import AppContext
from returnsdesk.domain.roles import Act
from returnsdesk.reports import reship_report
from returnsdesk.reports.reship_report import ArchiveRow, ProblemRow
from returnsdesk.services.common import users
from returnsdesk.ui.common.named import named
from returnsdesk.ui.common.tasks import Task

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of report rows (dataclasses), one column per field."""

    def __init__(self, header: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._header = list(header)
        self._rows: list[list[str]] = []

    def set_rows(self, rows: Sequence[ProblemRow] | Sequence[ArchiveRow]) -> None:
        self.beginResetModel()
        self._rows = [
            [
                v.strftime("%m-%d %H:%M") if isinstance(v, dt.datetime) else str(v)
                for v in vars(r).values()
            ]
            for r in rows
        ]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._header)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._header[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self._rows[index.row()][index.column()]
        return None


class _Tab(QWidget):
    def __init__(self, header: Sequence[str], date_format: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setDisplayFormat(date_format)
        self.date.setCalendarPopup(True)
        self.export_button = QPushButton(self.tr("导出 XLSX/CSV…"))
        self.summary = QLabel()
        self.table = QTableView()
        self.model = RowsModel(header, self)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.date)
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button)
        col = QVBoxLayout(self)
        col.addLayout(top)
        col.addWidget(self.table, 1)


class ReshipReportsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reshipReports")
        self.setWindowTitle(self.tr("补发单: 问题表 / 月度归档"))
        self.resize(1100, 560)
        self._ctx = ctx
        self._pool = QThreadPool(self)
        self._tasks: set[Task] = set()
        self.tabs = QTabWidget()
        self.problems = _Tab([self.tr(h) for h in reship_report.PROBLEM_HEADER], "yyyy-MM-dd", self)
        self.archive = _Tab([self.tr(h) for h in reship_report.ARCHIVE_HEADER], "yyyy-MM", self)
        self.tabs.addTab(self.problems, self.tr("当天问题表 (按提交人)"))
        self.tabs.addTab(self.archive, self.tr("月度归档 (已发货)"))
        self.status = named(QLabel(), "reshipReportsStatus")
        col = QVBoxLayout(self)
        col.addWidget(self.tabs, 1)
        col.addWidget(self.status)
        self.problems.date.dateChanged.connect(lambda _d: self.load())
        self.archive.date.dateChanged.connect(lambda _d: self.load())
        self.problems.export_button.clicked.connect(lambda: self.ask_export(self.problems))
        self.archive.export_button.clicked.connect(lambda: self.ask_export(self.archive))
        self.load()

    def _full_phones(self) -> bool:
        """Whole phone numbers in the month's archive for the roles that may see them."""
        return users.allowed(self._ctx.sessions, self._ctx.settings.user, Act.FULL_PHONES)

    def day(self) -> dt.date:
        d = self.problems.date.date()
        return dt.date(d.year(), d.month(), d.day())

    def month(self) -> str:
        d = self.archive.date.date()
        return f"{d.year()}-{d.month():02d}"

    def load(self) -> None:
        sessions = self._ctx.sessions
        rows = reship_report.problem_rows(sessions, self.day())
        self.problems.model.set_rows(rows)
        counts = reship_report.problem_counts(rows)
        self.problems.summary.setText(
            ", ".join(f"{n}: {c}" for n, c in counts) or self.tr("无问题")
        )
        year, mon = reship_report.parse_month(self.month())
        shipped = reship_report.archive_rows(sessions, year, mon, self._full_phones())
        self.archive.model.set_rows(shipped)
        self.archive.summary.setText(self.tr("已发货 {n} 张").format(n=len(shipped)))
        for tab in (self.problems, self.archive):
            tab.table.resizeColumnsToContents()

    def ask_export(self, tab: _Tab) -> None:
        name = (
            f"补发单问题_{self.day()}.xlsx"
            if tab is self.problems
            else f"补发单_{self.month()}.xlsx"
        )
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出"),
            str(self._ctx.settings.home / name),
            "Excel (*.xlsx);;CSV (*.csv)",
        )
        if path:
            self.export(tab, Path(path))

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def export(self, tab: _Tab, path: Path) -> None:
        """Write the table in a worker thread; the status line says where it went."""
        sessions, day, month = self._ctx.sessions, self.day(), self.month()

        def work() -> tuple[Path, int]:
            if tab is self.problems:
                return reship_report.export_problems(sessions, day, path)
            return reship_report.export_archive(sessions, month, path, self._full_phones())

        task = Task(lambda _progress: work(), self._ctx.settings.lang)
        self._tasks.add(task)

        def done(result: tuple[Path, int]) -> None:
            self._tasks.discard(task)
            out, n = result
            self.status.setText(self.tr("已导出 {n} 行: {path}").format(n=n, path=out))

        def failed(text: str) -> None:
            self._tasks.discard(task)
            self.status.setText(text)

        task.signals.done.connect(done)
        task.signals.failed.connect(failed)
        self.status.setText(self.tr("正在导出…"))
        self._pool.start(task)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._pool.waitForDone(10000)
        super().closeEvent(event)
