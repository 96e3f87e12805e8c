"""One signal for 'data changed': views refresh on it instead of calling each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class OpsBus(QObject):
    """Emitted after a service changed data; ``kinds`` names what changed, e.g. {"parcels"}."""

    changed = Signal(set)

    def notify(self, *kinds: str) -> None:
        self.changed.emit(set(kinds))
