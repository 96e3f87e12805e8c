"""The bench times itself (scan → panel, register → ready) and merges what it measured into
the day's row for the floor view every half minute, off the UI thread, and at close
(``PaceMeter``)."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer

from returnsdesk.db.engine import SessionFactory
from returnsdesk.domain.pace import Step
from returnsdesk.errors import UserError
from returnsdesk.services.common.stations import PaceMeter
from returnsdesk.ui.common.tasks import Task, start

log = logging.getLogger(__name__)

FLUSH_MS = 30_000


class BenchPace(QObject):
    def __init__(
        self, sessions: SessionFactory, station: str, lang: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.sessions, self.lang = sessions, lang
        self.meter = PaceMeter(station)
        self._timer = QTimer(self)
        self._timer.setInterval(FLUSH_MS)
        self._timer.timeout.connect(self.flush_soon)
        self._timer.start()
        self._writing = threading.Lock()  # one merge into the station's rows at a time

    def add(self, step: Step, seconds: float) -> None:
        self.meter.add(step, seconds)

    def flush(self) -> None:
        """Merge what the bench measured into the day's row; a busy database keeps none of it
        (the next half minute measures again)."""
        with self._writing:  # at close: after the half minute's write still running
            if not self.meter.pending():
                return
            try:
                self.meter.flush(self.sessions)
            except UserError as exc:
                log.warning("pace not recorded: %s", exc.text(self.lang))

    def flush_soon(self) -> None:
        """``flush`` in the thread pool: a parcel never waits for the write (or for another
        station holding the database). The meter is thread-safe; writes take turns."""
        if self.meter.pending():
            start(Task(lambda _progress: self.flush(), self.lang))

    def close(self) -> None:
        self._timer.stop()
        self.flush()
