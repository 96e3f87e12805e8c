"""The preview table: the first rows of the file, headers marked with the field they feed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    """Read-only rows of strings; mapped columns show "our field ← their header"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._fields: dict[str, str] = {}  # their header → our field (Chinese)
        self._rows: list[list[str]] = []

    def set_preview(
        self, headers: list[str], mapped: list[tuple[str, str]], rows: list[list[str]]
    ) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._fields = {header: ours for ours, header in mapped}
        self._rows = [list(r) for r in rows]
        self.endResetModel()

    def clear(self) -> None:
        self.set_preview([], [], [])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            row = self._rows[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.BackgroundRole and self.is_mapped(index.column()):
            return QBrush(QColor("#e8f5e9"))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section >= len(self._headers):
            return None
        header = self._headers[section]
        ours = self._fields.get(header)
        return f"{ours} ← {header.strip()}" if ours else header.strip()

    def is_mapped(self, column: int) -> bool:
        return 0 <= column < len(self._headers) and self._headers[column] in self._fields
