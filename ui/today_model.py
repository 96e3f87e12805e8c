"""Today's parcels as a table model over row ids with a lazy row cache (as Anki's browser)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from returnsdesk.context import AppContext
from returnsdesk.services import today
from returnsdesk.services.today import TodayRow

CHUNK = 100
Index = QModelIndex | QPersistentModelIndex


class TodayModel(QAbstractTableModel):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ids: list[int] = []
        self._cache: dict[int, TodayRow] = {}
        self._headers = [
            self.tr("纸条编号"),
            self.tr("时间"),
            self.tr("运单号"),
            self.tr("快递"),
            self.tr("买家"),
            self.tr("状态"),
            self.tr("区域"),
            self.tr("登记"),
        ]

    def reload(self, day: dt.date | None = None) -> None:
        self.beginResetModel()
        self._ids = today.day_ids(self._ctx.sessions, day or dt.date.today())
        self._cache.clear()
        self.endResetModel()

    def parcel_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, parcel_id: int) -> int:
        return self._ids.index(parcel_id) if parcel_id in self._ids else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def _row(self, row: int) -> TodayRow | None:
        pid = self._ids[row]
        if pid not in self._cache:
            start = (row // CHUNK) * CHUNK
            chunk = [i for i in self._ids[start : start + CHUNK] if i not in self._cache]
            self._cache.update(today.rows(self._ctx.sessions, chunk, self._ctx.settings.shop))
        return self._cache.get(pid)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        r = self._row(index.row())
        if r is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                r.slip_no if r.slip_no is not None else "",
                r.time,
                r.tracking_no,
                r.courier,
                r.buyer_id,
                self.tr(r.status_name),
                r.bins,
                r.text,
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and r.status in ("received", "matched"):
            return QColor("#c62828")
        if role == Qt.ItemDataRole.ForegroundRole and r.status == "refused":
            return QColor("#757575")
        return None
