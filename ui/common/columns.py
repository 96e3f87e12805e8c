"""A table's columns as wide as their rows need, measured for the rows that arrive or change.

Qt's ``ResizeToContents`` measures every row on screen, every column, on every change: at
the bench that was a fifth of a scan's frame. Here a column only grows, when a row shown
needs more room; the clerk can still drag it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtWidgets import QHeaderView, QTableView

#: A change of many rows at once (another station's) is measured on its first rows only.
MEASURED_ROWS = 60


class GrowingColumns(QObject):
    """Set on a table whose model is set; the last column stretches."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        model = table.model()
        model.rowsInserted.connect(self._inserted)
        model.dataChanged.connect(self._changed)
        model.modelReset.connect(lambda: self.fit(0, MEASURED_ROWS - 1))
        self.fit(0, MEASURED_ROWS - 1)

    def fit(self, first: int, last: int) -> None:
        """Widen the columns the rows ``first`` … ``last`` do not fit in."""
        table, model = self.table, self.table.model()
        header = table.horizontalHeader()
        rows = range(max(first, 0), min(last, first + MEASURED_ROWS - 1, model.rowCount() - 1) + 1)
        for col in range(model.columnCount() - 1):  # the last one stretches
            need = max(
                (table.sizeHintForIndex(model.index(r, col)).width() for r in rows),
                default=0,
            )
            need = max(need, header.sectionSizeHint(col))
            if need > header.sectionSize(col):
                header.resizeSection(col, need)

    def _inserted(
        self, _parent: QModelIndex | QPersistentModelIndex, first: int, last: int
    ) -> None:
        self.fit(first, last)

    def _changed(
        self, top: QModelIndex | QPersistentModelIndex, bottom: QModelIndex | QPersistentModelIndex
    ) -> None:
        self.fit(top.row(), bottom.row())
