"""The refund queue over refund ids (rows load lazily in chunks: id_table_model)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush

from returnsdesk.context import AppContext
from returnsdesk.domain.kinds import Verdict, outcomes_text, suggestion_name
from returnsdesk.services.refunds import queue as rq
from returnsdesk.services.refunds.rows import QueueRow, rows
from returnsdesk.ui.common.id_table_model import IdTableModel, Index
from returnsdesk.ui.lead.tables import OVERDUE_BG, OVERDUE_FG


class RefundModel(IdTableModel[QueueRow]):
    """One query for the queue's order and counts (``queue_state``), a handful per chunk of
    rows (a screenful: each row's suggestion needs its items and order lines)."""

    chunk = 50

    def __init__(
        self,
        ctx: AppContext,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(self._rows, parent)
        self._ctx, self._now = ctx, now
        self.headers = [
            self.tr("剩余"), self.tr("退款编号"), self.tr("订单编号"), self.tr("买家"),
            self.tr("申请金额"), self.tr("退回商品"), self.tr("未退回"), self.tr("款项"),
            self.tr("建议"), self.tr("建议金额"), self.tr("决定"), self.tr("平台"),
            self.tr("证据"),
        ]  # fmt: skip
        self.counts: dict[str, int] = {}
        self.undecided: frozenset[int] = frozenset()
        self._cells: dict[int, tuple[str, ...]] = {}

    def _rows(self, ids: list[int]) -> dict[int, QueueRow]:
        return rows(self._ctx.sessions, ids, self._ctx.settings.shop, self._now())

    def reload(self, view: str = "open") -> None:
        rules = self._ctx.settings.shop.refunds
        now = self._now()
        state = rq.queue_state(self._ctx.sessions, rules, now, view)
        self.counts, self.undecided = state.counts, state.undecided
        self._cells.clear()
        self.set_ids(state.ids)

    def next_due_row(self) -> int:
        """The first undecided request (the list is in deadline order), or -1."""
        return next((row for row, rid in enumerate(self._ids) if rid in self.undecided), -1)

    def cells(self, row: int) -> tuple[str, ...] | None:
        """A row's display texts, made once per load."""
        rid = self.id_at(row)
        if rid is None:
            return None
        if rid not in self._cells:
            r = self.record(row)
            if r is None:
                return None
            self._cells[rid] = (
                self.hours_text(r),
                r.refund_no,
                r.order_no,
                r.buyer_id,
                f"{r.asked:.2f}",
                r.found_text,
                r.missing_text,
                r.money_in(self._ctx.settings.lang),
                self.suggestion_text(r),
                f"{r.suggestion.amount:.2f}",
                self.decision_text(r),
                self.platform_text(r),
                self.evidence_text(r),
            )
        return self._cells[rid]

    def evidence_text(self, r: QueueRow) -> str:
        """What the request's parcels have to show: clips, photos, and their outcome."""
        lang = self._ctx.settings.lang
        parts = [
            self.tr("录像 {0}").replace("{0}", str(r.clips)) if r.clips else "",
            self.tr("照片 {0}").replace("{0}", str(r.photos)) if r.photos else "",
            outcomes_text(r.outcomes, lang),
        ]
        return " · ".join(p for p in parts if p) or self.tr("无")

    def hours_text(self, r: QueueRow) -> str:
        if r.decision is not None:
            return ""
        hours = f"{abs(r.hours_left):.0f}"
        if r.hours_left < 0:
            return self.tr("超时 {h} 小时").replace("{h}", hours)
        return self.tr("{h} 小时").replace("{h}", hours)

    def decision_text(self, r: QueueRow) -> str:
        d = r.decision
        if d is None:
            return ""
        if d.decision == Verdict.REFUSE:
            return self.tr("拒绝")
        return (
            self.tr("同意 {kind} {amount}")
            .replace("{kind}", d.kind)
            .replace("{amount}", f"{d.amount:.2f}")
        )

    def platform_text(self, r: QueueRow) -> str:
        if r.refunded_before_arrival:
            return self.tr("到货前已退款!")
        if r.follow_up:
            return self.tr("未执行, 请跟进")
        return {"refunded": self.tr("退款成功"), "closed": self.tr("已关闭")}.get(
            r.platform_state, ""
        )

    def suggestion_text(self, r: QueueRow) -> str:
        return suggestion_name(r.suggestion.decision, self._ctx.settings.lang)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.record(index.row())
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            cells = self.cells(index.row())
            return cells[col] if cells else None
        red = r.overdue or r.refunded_before_arrival or r.follow_up
        if role == Qt.ItemDataRole.BackgroundRole and red:
            return QBrush(OVERDUE_BG)
        if role == Qt.ItemDataRole.ForegroundRole and red:
            return QBrush(OVERDUE_FG)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (4, 9):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
