"""The reshipment queue as a table model over slip ids with a lazy row cache."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from returnsdesk.context import AppContext
from returnsdesk.domain.kinds import SlipState, action_name, slip_state_name
from returnsdesk.domain.reship_rules import problem_text
from returnsdesk.services.reship import rows as reship_rows
from returnsdesk.services.reship.rows import SlipRow
from returnsdesk.ui.common.id_table_model import IdTableModel, Index

STATE_COLORS: dict[str, str] = {
    SlipState.PROBLEM: "#c62828",
    SlipState.SHIPPED: "#757575",
    SlipState.PRINTED: "#1565c0",
}


class ReshipModel(IdTableModel[SlipRow]):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(lambda ids: reship_rows.rows_by_id(ctx.sessions, ids), parent)
        self._ctx = ctx
        self.headers = [
            self.tr("补发单"), self.tr("类型"), self.tr("状态"), self.tr("买家"),
            self.tr("收货人"), self.tr("电话"), self.tr("商品"), self.tr("快递"),
            self.tr("提交人"), self.tr("提交时间"), self.tr("打印"), self.tr("问题 / 发货单号"),
        ]  # fmt: skip

    reload = IdTableModel.set_ids
    slip_id = IdTableModel.id_at
    slip = IdTableModel.record

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.slip(index.row())
        if r is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            lang = self._ctx.settings.lang
            problems = [problem_text(p, lang) for p in r.problems]
            last = "; ".join(problems) or f"{r.out_courier} {r.out_tracking}".strip()
            values = (
                r.code, action_name(r.kind, lang), slip_state_name(r.state, lang),
                r.buyer_id, r.receiver, r.masked_phone, r.note, r.courier, r.submitter,
                r.created_at.strftime("%m-%d %H:%M"), r.print_count or "", last,
            )  # fmt: skip
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and r.problems:
            return "\n".join(problem_text(p, self._ctx.settings.lang) for p in r.problems)
        if role == Qt.ItemDataRole.ForegroundRole and r.state in STATE_COLORS:
            return QColor(STATE_COLORS[r.state])
        return None
