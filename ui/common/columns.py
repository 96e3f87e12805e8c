"""A table's columns as wide as their rows need, measured for the rows that arrive or change.

Qt's ``ResizeToContents`` measures every row on screen, every column, on every change: at
the bench that was a fifth of a scan's frame. Here a column only grows, when a row shown
needs more room; the clerk can still drag it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex
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
        model.modelReset.connect(self.fit_first)
        table.installEventFilter(self)
        self.fit_first()

    def fit_first(self) -> None:
        self.fit(0, MEASURED_ROWS - 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # shown, or its font changed (the bench scales its fonts to the screen): measured again
        if event.type() in (QEvent.Type.Show, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_first()
        return False

    def fit(self, first: int, last: int) -> None:
        """Widen the columns the rows ``first`` … ``last`` do not fit in."""
        table, model = self.table, self.table.model()
        header = table.horizontalHeader()
        rows = range(max(first, 0), min(last, first + MEASURED_ROWS - 1, model.rowCount() - 1) + 1)
        grid = 1 if table.showGrid() else 0  # as Qt's own measure: the grid line takes a pixel
        for col in range(model.columnCount() - 1):  # the last one stretches
            need = max(
                (table.sizeHintForIndex(model.index(r, col)).width() + grid for r in rows),
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
