"""A window's last message, in place: green for done, red with a sound for a refusal."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from returnsdesk.ui.common import ops


class StatusLine(QLabel):
    def ok(self, text: str) -> None:
        self.setStyleSheet("color: #2e7d32;")
        self.setText(text)

    def warn(self, text: str) -> None:
        """Done, but worth a second look (a decision that differs from what was asked)."""
        self.setStyleSheet("color: #c62828; font-weight: bold;")
        self.setText(text)

    def error(self, text: str) -> None:
        self.setStyleSheet("color: #c62828; font-weight: bold;")
        self.setText(text)
        ops.refuse_sound()
