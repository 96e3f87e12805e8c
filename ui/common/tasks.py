"""One way to run slow work off the UI thread: imports, exports, reshipment printing, big reads.

Like Anki's ``QueryOp``: the work runs in the thread pool; progress, the result or the error
come back on the UI thread as signals. Any exception reaches the user as one line and the log,
never a hang: a user error in the user's language, a file that could not be written as such,
anything else with its type. The task is kept alive until what it ends with has reached the UI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from returnsdesk.errors import UserError
from returnsdesk.outputs import from_os_error

log = logging.getLogger(__name__)

Progress = Callable[[int, int | None], None]  # done, total (None when unknown)


class TaskSignals(QObject):
    progress = Signal(int, int)  # done, total (-1 when unknown)
    done = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """Runs ``work(progress)`` in the pool; ``cancel`` is there for work that can stop early."""

    running: ClassVar[set[Task]] = set()

    def __init__(self, work: Callable[[Progress], object], lang: str) -> None:
        super().__init__()  # the pool deletes the C++ side after run(); ``running`` keeps ours
        self.signals = TaskSignals()
        self.cancel = threading.Event()
        self._work = work
        self._lang = lang

    def _progress(self, done: int, total: int | None) -> None:
        self.signals.progress.emit(done, -1 if total is None else total)

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except UserError as exc:
            self.signals.failed.emit(exc.text(self._lang))
        except OSError as exc:
            self.signals.failed.emit(from_os_error(exc).text(self._lang))
        except Exception as exc:  # a bug: logged, and said in place instead of a hang
            log.exception("background task failed")
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(result)


def start(task: Task, pool: QThreadPool | None = None) -> Task:
    """Run ``task`` in the pool. It is kept until its result or error has reached the UI
    thread: let go in the worker, its signals would die with it and the result be lost."""
    Task.running.add(task)
    task.signals.done.connect(lambda _result: Task.running.discard(task))
    task.signals.failed.connect(lambda _text: Task.running.discard(task))
    (pool or QThreadPool.globalInstance()).start(task)
    return task
