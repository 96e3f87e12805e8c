"""Today's parcels, newest first, over parcel ids (rows load lazily: id_table_model)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QColor

from returnsdesk.context import AppContext
from returnsdesk.domain.status import OPEN, ParcelStatus
from returnsdesk.services.bench import today
from returnsdesk.services.bench.today import TodayRow
from returnsdesk.ui.common import tasks
from returnsdesk.ui.common.id_table_model import IdTableModel, Index

log = logging.getLogger(__name__)

DISPLAY = int(Qt.ItemDataRole.DisplayRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
OPEN_COLOR = QColor("#c62828")
REFUSED_COLOR = QColor("#757575")
RETRY_MS = 1000  # a read the database refused is tried again after this


def _placed(
    day: dt.date, fresh: dict[int, TodayRow], ids: list[int], top: TodayRow | None
) -> list[int] | None:
    """``ids`` with ``fresh`` rows in place: those no longer of ``day`` out, new ones of the
    day on top; None when a new one is older than the top row (the day's ids decide)."""
    kept = [i for i in ids if i not in fresh or fresh[i].day == day]
    listed = set(ids)
    new = sorted(
        (r for i, r in fresh.items() if r.day == day and i not in listed),
        key=lambda r: (r.received_at, r.id),
        reverse=True,
    )
    if new and kept:
        first = fresh.get(kept[0]) or (top if top is not None and top.id == kept[0] else None)
        if first is None or (new[-1].received_at, new[-1].id) < (first.received_at, first.id):
            return None
    return [r.id for r in new] + kept


class TodayModel(IdTableModel[TodayRow]):
    def __init__(self, ctx: AppContext, parent: QObject | None = None, after_ms: int = 0) -> None:
        s = ctx.settings
        super().__init__(lambda ids: today.rows(ctx.sessions, ids, s.shop, s.lang), parent)
        self._ctx = ctx
        self.headers = [
            self.tr("纸条编号"), self.tr("时间"), self.tr("运单号"), self.tr("快递"),
            self.tr("买家"), self.tr("状态"), self.tr("区域"), self.tr("登记"),
        ]  # fmt: skip
        self._task: tasks.Task | None = None
        self._due: set[int] | None = set()  # read next (None: the day's ids and every row)
        self._after_ms = after_ms
        self._later = QTimer(self)  # ``reload_soon`` starts reading this much later
        self._later.setSingleShot(True)
        self._later.timeout.connect(self._read_due)

    def reload(self, day: dt.date | None = None, changed: Collection[int] | None = None) -> None:
        """Today's parcels again. ``changed``: the parcels this window just touched; only
        their rows are read and put in place (a new parcel goes on top), without asking for
        the day's ids. When None (a change made elsewhere) the day's ids are read again."""
        day = day or dt.date.today()
        ids, fresh = self._read(day, changed, list(self._ids), self._top())
        self.set_ids(ids, changed, fresh)

    @property
    def busy(self) -> bool:
        """A background reload is on its way, or waiting for the one on its way."""
        return self._task is not None or self._due is None or bool(self._due)

    def reload_soon(self, changed: Collection[int] | None) -> None:
        """``reload`` a moment later (``after_ms``: the bench paints the parcel first), with
        the reading in a background thread, one at a time: the window only puts the rows in
        place. Changes that come meanwhile join it, and never delay it."""
        self._due = None if changed is None or self._due is None else self._due | set(changed)
        if self._task is None and self.busy and not self._later.isActive():
            self._later.start(self._after_ms)

    def _read_next(self) -> None:
        changed, self._due = self._due, set()
        day, ids, top = dt.date.today(), list(self._ids), self._top()
        task = tasks.Task(lambda _progress: (changed, self._read(day, changed, ids, top)), "")
        task.signals.done.connect(self._read_done)
        task.signals.failed.connect(self._read_failed)
        self._task = tasks.start(task)

    def _read_done(
        self, result: tuple[set[int] | None, tuple[list[int], dict[int, TodayRow]]]
    ) -> None:
        self._task = None
        changed, (ids, fresh) = result
        self.set_ids(ids, changed, fresh)
        if self.busy:
            self._read_next()

    def _read_failed(self, text: str) -> None:
        """A busy database: the list stays as it was and every row is read again a second
        later."""
        log.warning("today's list not read: %s", text)
        self._task = None
        self._due = None
        self._later.start(RETRY_MS)

    def _read_due(self) -> None:
        if self._task is None and self.busy:
            self._read_next()

    def _top(self) -> TodayRow | None:
        return self._cache.get(self._ids[0]) if self._ids else None

    def _read(
        self,
        day: dt.date,
        changed: Collection[int] | None,
        ids: list[int],
        top: TodayRow | None,
    ) -> tuple[list[int], dict[int, TodayRow]]:
        """What a reload reads, in any thread: the rows of ``changed`` and the list with them
        in place (``ids``: the list as shown, ``top``: its first row if already read), or the
        day's ids when that cannot be told from them."""
        sessions = self._ctx.sessions
        if changed is None:
            return today.day_ids(sessions, day), {}
        fresh = self._load(list(changed)) if changed else {}
        if ids and top is None:
            top = fresh.get(ids[0]) or self._load([ids[0]]).get(ids[0])
        placed = _placed(day, fresh, ids, top)
        return (placed if placed is not None else today.day_ids(sessions, day)), fresh

    parcel_id = IdTableModel.id_at

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # asked for every role of every cell on every paint: the roles it has no value for
        # are answered before the row is looked at
        if role != DISPLAY and role != FOREGROUND:
            return None
        r = self.record(index.row())
        if r is None:
            return None
        if role == DISPLAY:
            return r.cells[index.column()]
        if r.status in OPEN:
            return OPEN_COLOR
        return REFUSED_COLOR if r.status == ParcelStatus.REFUSED else None
