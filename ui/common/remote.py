"""Changes other processes committed, told on this process's bus like its own.

The core's watcher (``db.changes``: PostgreSQL ``LISTEN``, SQLite ``data_version``) runs on
its own thread and names the tables that changed; here they become the same typed topics a
window's own actions announce (``domain.topics.topics_of``) and reach the UI thread through a
queued signal, so every window refreshes only what a topic touches."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from returnsdesk.db import changes
from returnsdesk.domain.topics import Topic, topics_of
from returnsdesk.ui.common.ops import OpsBus


class RemoteChanges(QObject):
    """Starts the watcher for ``url`` and tells ``bus`` what it hears; with ``own`` (this
    process's engine tracked) it passes over what this process committed, which its own
    actions already announced, so a bench does not refresh twice per scan."""

    arrived = Signal(object)  # a Topic, emitted from the watcher's thread

    def __init__(
        self,
        url: str,
        bus: OpsBus,
        parent: QObject | None = None,
        own: changes.OwnCommits | None = None,
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.arrived.connect(self._tell, Qt.ConnectionType.QueuedConnection)
        self.watcher = changes.watcher_for(url, self._heard, own)

    def start(self) -> None:
        if self.watcher is not None:
            self.watcher.start()

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()

    def _heard(self, tables: frozenset[str] | None) -> None:
        topics = topics_of(tables)
        if topics:
            self.arrived.emit(topics)

    def _tell(self, topics: object) -> None:
        if isinstance(topics, Topic):
            self.bus.notify(topics)
