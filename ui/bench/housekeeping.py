"""The bench keeps the evidence folder: at start and once a day, in the background.

The clean-up (``StationCamera.housekeeping``: clips a crash left unrecorded, retention, the
free-space floor) runs in its own one-thread pool, a few seconds after the bench opens so the
first scan never waits for it; the window waits for a run in progress when it closes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from returnsdesk.services.evidence.camera import Housekept, StationCamera
from returnsdesk.ui.common.tasks import Task, start

log = logging.getLogger(__name__)
FIRST_MS = 3_000  # after the bench opens
CHECK_MS = 3_600_000  # how often it looks whether a new day began


class EvidenceKeeper(QObject):
    done = Signal(object)  # a Housekept
    failed = Signal(str)

    def __init__(
        self,
        camera: StationCamera,
        lang: str,
        parent: QObject | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.camera, self.lang, self.today = camera, lang, today
        self.last: dt.date | None = None
        self.running = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self.run_if_new_day)
        self._first = QTimer(self, singleShot=True, interval=FIRST_MS)
        self._first.timeout.connect(self.run_if_new_day)

    def start(self) -> None:
        """Keep the folder from now on: the first run soon, then one each new day."""
        if not (self.camera.enabled or self.camera.root.is_dir()):
            return  # no camera here and no clips yet: nothing to keep
        self._first.start()
        self._timer.start()

    def run_if_new_day(self) -> None:
        if self.last != self.today():
            self.run()

    def run(self) -> None:
        if self.running:
            return
        self.running, self.last = True, self.today()
        task = Task(lambda _p: self.camera.housekeeping(), self.lang)
        task.signals.done.connect(self._done)
        task.signals.failed.connect(self._failed)
        start(task, self._pool)

    def _done(self, result: Housekept) -> None:
        self.running = False
        if result.cleaned.disk.low:
            log.warning("evidence folder below its free-space floor: %d bytes free",
                        result.cleaned.disk.free)  # fmt: skip
        self.done.emit(result)

    def _failed(self, message: str) -> None:
        self.running = False
        log.warning("evidence clean-up: %s", message)
        self.failed.emit(message)

    def close(self) -> None:
        self._first.stop()
        self._timer.stop()
        self._pool.waitForDone(30_000)
