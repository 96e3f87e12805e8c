"""``returnsdesk gui --quit-after SECONDS [--screenshot FILE]``: proof that an installed copy
opens the bench, for a smoke test or a cold-start measurement.

Once the event loop runs with the window shown, one line goes to stdout (``scan box ready``,
or what is missing); after SECONDS the window is saved as PNG and the app exits, 0 only if the
scan box was ready.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget


class StartupCheck(QObject):
    def __init__(self, window: QWidget, seconds: float, screenshot: Path | None) -> None:
        super().__init__(window)
        self.window = window
        self.seconds = max(0.0, seconds)
        self.screenshot = screenshot
        self.ready = False

    def arm(self) -> None:
        QTimer.singleShot(0, self._check)
        QTimer.singleShot(int(self.seconds * 1000), self._finish)

    def _check(self) -> None:
        scan = self.window.findChild(QLineEdit, "scanInput")
        self.ready = bool(
            self.window.isVisible() and scan and scan.isVisible() and scan.isEnabled()
        )
        focus = QApplication.focusWidget() is scan
        line = "scan box ready" if self.ready else "scan box missing"
        print(f"{line} (focus: {'yes' if focus else 'no'})", flush=True)

    def _finish(self) -> None:
        if self.screenshot is not None and not self.window.grab().save(str(self.screenshot)):
            print(f"cannot save {self.screenshot}", file=sys.stderr, flush=True)
            self.ready = False
        app = QApplication.instance()
        if app is not None:
            app.exit(0 if self.ready else 1)
