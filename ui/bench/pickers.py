"""A list picked with one key per entry (reasons, conditions): the bench needs no mouse."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from returnsdesk.services.common.lists import Choice

# A key is acted on after this pause, so a scanner's burst typed into the list picks nothing.
SETTLE_MS = 40


class KeyPicker(QListWidget):
    """Shows ``key  label`` rows; the key picks a row and emits ``picked``; Enter keeps the
    current row. Getting the focus chooses nothing: Enter on a list with no row chosen emits
    ``picked("")``, which the bench refuses with a sound and says what is missing."""

    picked = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, object_name: str = "", columns: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self._columns = columns
        if columns:  # rows of entries that wrap, so every one shows without scrolling
            self.setFlow(QListView.Flow.LeftToRight)
            self.setWrapping(True)
            self.setResizeMode(QListView.ResizeMode.Adjust)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._keys: dict[str, int] = {}
        self._pending = ""
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self._settle)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setUniformItemSizes(True)

    def _settle(self) -> None:
        key, self._pending = self._pending, ""
        if len(key) == 1:
            self.select_key(key)

    def set_choices(self, choices: list[Choice]) -> None:
        self.clear()
        self._keys = {}
        for row, c in enumerate(choices):
            item = QListWidgetItem(f"{c.key}  {c.code}")
            item.setData(Qt.ItemDataRole.UserRole, c.code)
            self.addItem(item)
            if c.key:
                self._keys[c.key.upper()] = row
        if self._columns and choices:
            fm = self.fontMetrics()
            wide = max(fm.horizontalAdvance(f"{c.key}  {c.code}") for c in choices) + 24
            cell = QSize(wide, fm.height() + 8)
            self.setGridSize(cell)
            for row in range(self.count()):
                self.item(row).setSizeHint(cell)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """As tall as its rows of entries at this width: all show, none scrolls, no gap."""
        super().resizeEvent(event)
        if self._columns and self.count():
            rows = self.rows_for(self.viewport().width() - 8)
            height = rows * self.gridSize().height() + 2 * self.frameWidth() + 8
            if self.height() != height:
                self.setFixedHeight(height)

    def rows_for(self, width: int) -> int:
        """How many rows the entries take at ``width`` (the layout keeps them all visible)."""
        per_row = max(1, width // max(1, self.gridSize().width()))
        return -(-self.count() // per_row)

    def code(self) -> str:
        item = self.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def select_code(self, code: str) -> bool:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == code:
                self.setCurrentRow(row)
                return True
        return False

    def select_key(self, key: str) -> bool:
        row = self._keys.get(key.upper())
        if row is None:
            return False
        self.setCurrentRow(row)
        self.picked.emit(self.code())
        return True

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Qt makes the first row current when a list gets the focus; here nothing is
        chosen until a key, an arrow or a scan chooses it."""
        row = self.currentRow()
        super().focusInEvent(event)
        if row < 0 and self.currentRow() >= 0:
            self.setCurrentRow(-1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            burst = len(self._pending) > 1
            self._pending = ""
            self._timer.stop()
            if not burst:
                self.picked.emit(self.code())
            return
        text = event.text()
        if text and text.strip() and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._pending += text
            self._timer.start()
            return
        super().keyPressEvent(event)
