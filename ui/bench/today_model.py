"""Today's parcels, newest first, over parcel ids (rows load lazily: id_table_model)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from returnsdesk.context import AppContext
from returnsdesk.domain.status import OPEN, ParcelStatus
from returnsdesk.services.bench import today
from returnsdesk.services.bench.today import TodayRow
from returnsdesk.ui.common.id_table_model import IdTableModel, Index

DISPLAY = int(Qt.ItemDataRole.DisplayRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
OPEN_COLOR = QColor("#c62828")
REFUSED_COLOR = QColor("#757575")


class TodayModel(IdTableModel[TodayRow]):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        s = ctx.settings
        super().__init__(lambda ids: today.rows(ctx.sessions, ids, s.shop, s.lang), parent)
        self._ctx = ctx
        self.headers = [
            self.tr("纸条编号"), self.tr("时间"), self.tr("运单号"), self.tr("快递"),
            self.tr("买家"), self.tr("状态"), self.tr("区域"), self.tr("登记"),
        ]  # fmt: skip

    def reload(self, day: dt.date | None = None, changed: Collection[int] | None = None) -> None:
        """Today's parcels again. ``changed``: the parcels this window just touched; only
        their rows are read and put in place (a new parcel goes on top), without asking for
        the day's ids. When None (a change made elsewhere) the day's ids are read again."""
        day = day or dt.date.today()
        if changed is not None:
            fresh = self._load(list(changed)) if changed else {}
            ids = self._placed(day, fresh)
            if ids is not None:
                self.set_ids(ids, changed, fresh)
                return
        self.set_ids(today.day_ids(self._ctx.sessions, day), changed)

    def _placed(self, day: dt.date, fresh: dict[int, TodayRow]) -> list[int] | None:
        """The list with ``fresh`` rows in place: those no longer of ``day`` out, new ones of
        the day on top; None when a new one is older than the top row (the day's ids decide)."""
        ids = [i for i in self._ids if i not in fresh or fresh[i].day == day]
        new = sorted(
            (r for i, r in fresh.items() if r.day == day and i not in self._ids),
            key=lambda r: (r.received_at, r.id),
            reverse=True,
        )
        if new and ids:
            top = fresh.get(ids[0]) or self._cache.get(ids[0]) or self._load([ids[0]]).get(ids[0])
            if top is None or (new[-1].received_at, new[-1].id) < (top.received_at, top.id):
                return None
        return [r.id for r in new] + ids

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
