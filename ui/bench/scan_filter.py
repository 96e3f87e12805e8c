"""Takes a scanner's burst wherever the keyboard focus is.

Every burst (fast characters, then Enter) is a scan, of any length from two characters:
it goes to the bench session, never to the field or list that had the focus; a field gets
back what it had before the burst, and a key list ignores it.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from returnsdesk.domain.key_bursts import BurstDetector


class ScanFilter(QObject):
    """Application event filter for one window; emits ``scanned`` for a burst it takes."""

    scanned = Signal(str)

    def __init__(self, window: QWidget, scan_box: QLineEdit) -> None:
        super().__init__(window)
        self._window = window
        self._scan_box = scan_box
        self._detector = BurstDetector()
        self._snapshot: tuple[QLineEdit, str, int] | None = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(obj, QWidget):
            return False
        if obj is self._scan_box or obj.window() is not self._window:
            return False
        assert isinstance(event, QKeyEvent)
        now = time.monotonic() * 1000
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            burst = self._detector.enter(now)
            if burst is None:
                return False
            if self._snapshot is not None:
                field, text, cursor = self._snapshot
                field.setText(text)
                field.setCursorPosition(cursor)
            self._snapshot = None
            self.scanned.emit(burst)
            return True
        text = event.text()
        if text and text.isprintable():
            if self._detector.key(text, now):
                focus = QApplication.focusWidget()
                self._snapshot = (
                    (focus, focus.text(), focus.cursorPosition())
                    if isinstance(focus, QLineEdit)
                    else None
                )
        else:
            self._detector.reset()
        return False
