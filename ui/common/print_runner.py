"""The print queue runner: takes this station's queued jobs and prints them in a worker thread.

The bench calls ``kick()`` after queueing a job; ``job_changed`` tells the views when a job
moved (queued again, printing, done, failed). Every tick also puts failed jobs whose printer
accepts again back in the queue. The UI thread never waits for a printer.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from returnsdesk.context import AppContext
from returnsdesk.domain.kinds import JobState
from returnsdesk.domain.topics import Topic
from returnsdesk.errors import UserError
from returnsdesk.printing.backends import Backend, default_backends
from returnsdesk.services.printing import queue as print_queue
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.common.print_qt import QtBackend
from returnsdesk.ui.common.tasks import Task, start


class PrintQueueRunner(QObject):
    """Processes queued print jobs of ``ctx.settings.station`` off the UI thread."""

    job_changed = Signal(int, str)  # job id, new state
    job_failed = Signal(int, str)  # job id, reason
    idle = Signal()
    failed = Signal(str)  # the worker itself stopped on an error; the next tick tries again

    def __init__(
        self,
        ctx: AppContext,
        bus: OpsBus | None = None,
        backends: Mapping[str, Backend] | None = None,
        poll_ms: int = 5000,
        parent: QObject | None = None,
        retry_rest: Callable[[int], dt.timedelta] = print_queue.backoff,
    ) -> None:
        super().__init__(parent)
        self.retry_rest = retry_rest
        self.ctx = ctx
        self.bus = bus
        self.backends: Mapping[str, Backend] = backends or {
            **default_backends(ctx.settings.home),
            "qt": QtBackend(),
        }
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._lock = threading.Lock()
        self._busy = False
        self._again = False
        self._stopping = False
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.kick)
        self.job_changed.connect(self._notify)
        self._poll_ms = poll_ms

    def start(self) -> None:
        """Re-queue jobs a crash left 'printing', then print what is waiting."""
        print_queue.recover(self.ctx.sessions, self.ctx.settings.station)
        if self._poll_ms > 0:
            self._timer.start()
        self.kick()

    def kick(self) -> None:
        """Wake the worker: a job was queued (or may have been, by another program)."""
        with self._lock:
            if self._stopping:
                return
            if self._busy:
                self._again = True
                return
            self._busy = True
        task = Task(lambda _progress: self._drain(), self.ctx.settings.lang)
        task.signals.failed.connect(self._drain_failed)
        start(task, self._pool)

    def _drain_failed(self, message: str) -> None:
        """The worker stopped on an error (a busy database …): said, and the next tick goes on."""
        with self._lock:
            self._busy = False
            self._again = False
        self.failed.emit(message)
        self.idle.emit()

    def _drain(self) -> None:
        while True:
            for retried in self._retry_ready():
                self.job_changed.emit(retried, JobState.QUEUED)
            while not self._stopping:
                job_id = print_queue.claim_next(self.ctx.sessions, self.ctx.settings.station)
                if job_id is None:
                    break
                self.job_changed.emit(job_id, JobState.PRINTING)
                job = print_queue.run_job(
                    self.ctx.sessions, job_id, self.ctx.settings, self.backends
                )
                self.job_changed.emit(job.id, job.state)
                if job.state == JobState.FAILED:
                    self.job_failed.emit(job.id, job.error)
            with self._lock:
                if not self._again or self._stopping:
                    self._busy = False
                    break
                self._again = False
        self.idle.emit()

    def _retry_ready(self) -> list[int]:
        """Failed jobs whose printer accepts again go back to the queue (never raises)."""
        if self._stopping:
            return []
        try:
            return print_queue.retry_ready(
                self.ctx.sessions, self.ctx.settings, self.backends, rest=self.retry_rest
            )
        except UserError:  # a busy database: the next tick tries again
            return []

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the worker finished (tests and shutdown)."""
        return self._pool.waitForDone(msecs)

    def stop(self) -> None:
        """Finish the job being printed, leave the rest queued for the next start."""
        self._stopping = True
        self._timer.stop()
        self._pool.waitForDone(30000)

    def _notify(self, job_id: int, state: str) -> None:
        if self.bus is not None:
            self.bus.notify(Topic.PRINT_JOBS)
