"""Table model of print jobs: today's jobs and every unfinished one, newest first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from returnsdesk.domain.kinds import JobState, doc_name, job_state_name
from returnsdesk.printing.backends import display_name
from returnsdesk.services.printing.queue import JobRow

Index = QModelIndex | QPersistentModelIndex

STATE_COLORS: dict[str, str] = {
    JobState.FAILED: "#c62828",
    JobState.QUEUED: "#1565c0",
    JobState.PRINTING: "#ef6c00",
}


class PrintJobsModel(QAbstractTableModel):
    """Rows are ``JobRow``s handed in by ``set_rows``; the model runs no query itself."""

    def __init__(self, parent: QObject | None = None, lang: str = "zh_CN") -> None:
        super().__init__(parent)
        self.lang = lang
        self._rows: list[JobRow] = []
        self._headers = [
            self.tr("编号"),
            self.tr("类型"),
            self.tr("单据"),
            self.tr("打印机"),
            self.tr("状态"),
            self.tr("原因"),
            self.tr("时间"),
            self.tr("次数"),
        ]

    def set_rows(self, rows: list[JobRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def job(self, row: int) -> JobRow:
        return self._rows[row]

    def row_of(self, job_id: int) -> int:
        return next((i for i, j in enumerate(self._rows) if j.id == job_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        j = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(j, col)
        if role == Qt.ItemDataRole.ForegroundRole and col in (4, 5) and j.state in STATE_COLORS:
            return QColor(STATE_COLORS[j.state])
        if role == Qt.ItemDataRole.ToolTipRole and col == 5:
            return j.error or None
        if role == Qt.ItemDataRole.UserRole:
            return j.id
        return None

    def _text(self, j: JobRow, col: int) -> str:
        if col == 0:
            return str(j.id)
        if col == 1:
            return doc_name(j.kind, self.lang)
        if col == 2:
            return j.ref_id
        if col == 3:
            return display_name(j.printer, self.lang) if j.printer else self.tr("默认")
        if col == 4:
            return job_state_name(j.state, self.lang)
        if col == 5:
            return j.error
        if col == 6:
            return j.updated_at.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M:%S")
        return str(j.attempts)
