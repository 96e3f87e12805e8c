"""This station on the floor view: opened, who is signed in (at start and after F1), a
heartbeat every minute, closed. A database that is busy or away costs a log line, never a
dialog: the next heartbeat says it again."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from returnsdesk.context import AppContext
from returnsdesk.domain.topics import Topic
from returnsdesk.errors import UserError
from returnsdesk.services.common import stations
from returnsdesk.ui.common.ops import OpsBus

log = logging.getLogger(__name__)

HEARTBEAT_MS = 60_000


class StationPresence(QObject):
    def __init__(self, ctx: AppContext, bus: OpsBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._timer = QTimer(self)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self.beat)
        bus.changed.connect(self._changed)

    def start(self) -> None:
        s = self.ctx.settings
        self._quietly(lambda: stations.open_station(self.ctx.sessions, s.station, s.user))
        self._timer.start()

    def beat(self) -> None:
        s = self.ctx.settings
        self._quietly(lambda: stations.heartbeat(self.ctx.sessions, s.station))

    def stop(self) -> None:
        self._timer.stop()
        s = self.ctx.settings
        self._quietly(lambda: stations.close_station(self.ctx.sessions, s.station))

    def _changed(self, topics: Topic) -> None:
        if Topic.PERSON in topics:
            s = self.ctx.settings
            self._quietly(lambda: stations.sign_in(self.ctx.sessions, s.station, s.user))

    def _quietly(self, work: Callable[[], None]) -> None:
        try:
            work()
        except UserError as exc:
            log.warning("station presence not recorded: %s", exc.text(self.ctx.settings.lang))
