"""Pieces every tab of the lead's window shares: a read-only row model, a worker, a status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHeaderView,
    QTableView,
    QWidget,
)

from returnsdesk.context import AppContext
from returnsdesk.domain.topics import NOTHING, Topic
from returnsdesk.reports.tables import Table, write_csv, write_xlsx
from returnsdesk.ui.common.field_marks import FieldMarks
from returnsdesk.ui.common.ops import Done, OpsBus, run_op
from returnsdesk.ui.common.status import StatusLine
from returnsdesk.ui.common.tasks import Task, start

OVERDUE_BG = QColor("#ffcdd2")
OVERDUE_FG = QColor("#b71c1c")
Index = QModelIndex | QPersistentModelIndex


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, dt.datetime):
        return value.strftime("%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return f"{value * 100:.1f}%"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


T = TypeVar("T")


class LeadTab(QWidget):
    """A tab of the lead's view: the context, the bus, a status line, actions run one way."""

    def __init__(self, ctx: AppContext, bus: OpsBus | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.bus = ctx, bus
        self.status = StatusLine()

    def act(
        self, work: Callable[[], T], changes: Topic = NOTHING, marks: FieldMarks | None = None
    ) -> Done[T] | None:
        """``run_op`` with this tab's status line, language and bus."""
        return run_op(
            work,
            says=self.status,
            lang=self.ctx.settings.lang,
            bus=self.bus,
            changes=changes,
            marks=marks,
        )


class DayTab(LeadTab):
    """A tab about one day, picked in its date box."""

    def day_picker(self, today: dt.date | None, name: str) -> QDateEdit:
        """The tab's day: changing it refreshes the tab."""
        self.date = date_edit(today or dt.date.today(), name)
        self.date.dateChanged.connect(self.refresh)
        return self.date

    @property
    def day(self) -> dt.date:
        return picked_day(self.date)

    def refresh(self) -> None:
        raise NotImplementedError


class RowsModel(QAbstractTableModel):
    """Rows of plain values (one tuple each) with an optional 'red' flag per row.

    The lead's lists are small (a week's breakdown, the open follow-ups), so the rows are
    held whole; ``set_rows`` swaps them in one reset.
    """

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[Sequence[object]] = []
        self._red: list[bool] = []
        self.payload: list[Any] = []

    def set_headers(self, headers: Sequence[str]) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._rows, self._red, self.payload = [], [], []
        self.endResetModel()

    def set_rows(
        self,
        rows: Sequence[Sequence[object]],
        red: Sequence[bool] | None = None,
        payload: Sequence[Any] | None = None,
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._red = list(red) if red is not None else [False] * len(self._rows)
        self.payload = list(payload) if payload is not None else list(self._rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        value = row[index.column()] if index.column() < len(row) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float | Decimal):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self._red[index.row()]:
            return QBrush(OVERDUE_BG)
        if role == Qt.ItemDataRole.ForegroundRole and self._red[index.row()]:
            return QBrush(OVERDUE_FG)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def is_red(self, row: int) -> bool:
        return self._red[row]


def make_table(model: RowsModel, name: str, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)  # Tab leaves the table for the next field; arrows move inside
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def date_edit(day: dt.date, name: str) -> QDateEdit:
    """A keyboard-friendly date field (yyyy-MM-dd, calendar on Alt+Down)."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def picked_day(edit: QDateEdit) -> dt.date:
    """The day a ``date_edit`` shows."""
    return edit.date().toPython()  # type: ignore[return-value]  # stubs: toPython() -> object, not date


def selected_row(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].row() if rows else None


def ask_export_path(parent: QWidget, title: str, default: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(
        parent, title, default, parent.tr("Excel (*.xlsx);;CSV (*.csv)")
    )
    return Path(path) if path else None


class TableExport(QObject):
    """Writes report tables to a file in a worker; one per tab, reports into its status."""

    finished = Signal(str)

    def __init__(self, status: StatusLine, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.lang = lang
        self.path = Path()

    def run(self, path: Path, make: Callable[[], list[Table]]) -> None:
        fmt = path.suffix.lower()
        if fmt not in (".xlsx", ".csv"):
            self.status.error(self.tr("导出文件应为 .xlsx 或 .csv"))
            return
        self.path = path
        writer = write_xlsx if fmt == ".xlsx" else write_csv
        job = Task(lambda progress: writer(make(), path, progress), self.lang)
        job.signals.done.connect(self._done)
        job.signals.failed.connect(self.status.error)
        self.status.ok(self.tr("正在导出…"))
        start(job)

    def _done(self, _result: object) -> None:
        self.status.ok(self.tr("已导出 {path}").replace("{path}", str(self.path)))
        self.finished.emit(str(self.path))
