"""A list picked with one key per entry (reasons, conditions): the bench needs no mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from returnsdesk.services.lists import Choice

# A key is acted on after this pause, so a scanner's burst typed into the list picks nothing.
SETTLE_MS = 40


class KeyPicker(QListWidget):
    """Shows ``key  label`` rows; the key picks a row and emits ``picked``; Enter keeps the
    current row."""

    picked = Signal(str)

    def __init__(self, parent: object = None, objectName: str = "") -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setObjectName(objectName)
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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            burst = len(self._pending) > 1
            self._pending = ""
            self._timer.stop()
            if self.currentItem() and not burst:
                self.picked.emit(self.code())
            return
        text = event.text()
        if text and text.strip() and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._pending += text
            self._timer.start()
            return
        super().keyPressEvent(event)
