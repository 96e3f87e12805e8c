"""The import run off the UI thread: progress, result and errors come back as signals."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from returnsdesk.errors import UserError


class ImportSignals(QObject):
    progress = Signal(int, int)  # rows done, rows in the file (-1 when unknown)
    done = Signal(object)  # ImportResult
    failed = Signal(str)


class ImportTask(QRunnable):
    """Runs ``fn(progress, cancel)``; a user error comes back as its message, never a traceback."""

    def __init__(self, fn: Callable[..., Any], lang: str) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the dialog keeps it until the signals are in
        self.fn = fn
        self.lang = lang
        self.cancel = threading.Event()
        self.signals = ImportSignals()

    def _progress(self, done: int, total: int | None) -> None:
        self.signals.progress.emit(done, -1 if total is None else total)

    def run(self) -> None:
        try:
            result = self.fn(progress=self._progress, cancel=self.cancel)
        except UserError as exc:
            self.signals.failed.emit(exc.text(self.lang))
        except Exception as exc:  # shown in place in the dialog
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(result)
