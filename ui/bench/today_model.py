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
        """Today's ids again; only the rows of ``changed`` parcels (all when None) are read."""
        self.set_ids(today.day_ids(self._ctx.sessions, day or dt.date.today()), changed)

    parcel_id = IdTableModel.id_at

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        r = self.record(index.row())
        if r is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                r.slip_no if r.slip_no is not None else "",
                r.time,
                r.tracking_no,
                r.courier,
                r.buyer_id,
                r.status_name,
                r.bins,
                r.text,
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and r.status in OPEN:
            return QColor("#c62828")
        if role == Qt.ItemDataRole.ForegroundRole and r.status == ParcelStatus.REFUSED:
            return QColor("#757575")
        return None
