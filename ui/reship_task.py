"""One slow call off the UI thread (printing, exports); the answer comes back as a signal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from returnsdesk.errors import UserError


class TaskSignals(QObject):
    done = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """Runs ``fn`` in a thread pool; a user error comes back as its message, in place."""

    def __init__(self, fn: Callable[[], Any], lang: str) -> None:
        super().__init__()
        self.fn = fn
        self.lang = lang
        self.signals = TaskSignals()

    def run(self) -> None:
        try:
            result = self.fn()
        except UserError as exc:
            self.signals.failed.emit(exc.text(self.lang))
        except Exception as exc:  # shown in the status line, never as a traceback dialog
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(result)
