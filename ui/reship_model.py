"""The reshipment queue as a table model over slip ids with a lazy row cache."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from returnsdesk.context import AppContext
from returnsdesk.domain.reship_rules import problem_text
from returnsdesk.services import reship
from returnsdesk.services.reship import SlipRow

CHUNK = 100
Index = QModelIndex | QPersistentModelIndex
STATE_COLORS = {"problem": "#c62828", "shipped": "#757575", "printed": "#1565c0"}


class ReshipModel(QAbstractTableModel):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ids: list[int] = []
        self._cache: dict[int, SlipRow] = {}
        self.state_names = {
            "pending": self.tr("待打印"),
            "printed": self.tr("已打印"),
            "shipped": self.tr("已发货"),
            "problem": self.tr("有问题"),
        }
        self._headers = [
            self.tr("补发单"), self.tr("类型"), self.tr("状态"), self.tr("买家"),
            self.tr("收货人"), self.tr("电话"), self.tr("商品"), self.tr("快递"),
            self.tr("提交人"), self.tr("提交时间"), self.tr("打印"), self.tr("问题 / 发货单号"),
        ]  # fmt: skip

    def reload(self, ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._cache.clear()
        self.endResetModel()

    def slip_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, slip_id: int) -> int:
        return self._ids.index(slip_id) if slip_id in self._ids else -1

    def slip(self, row: int) -> SlipRow | None:
        if not 0 <= row < len(self._ids):
            return None
        sid = self._ids[row]
        if sid not in self._cache:
            start = (row // CHUNK) * CHUNK
            chunk = [i for i in self._ids[start : start + CHUNK] if i not in self._cache]
            self._cache.update(reship.rows_by_id(self._ctx.sessions, chunk))
        return self._cache.get(sid)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.slip(index.row())
        if r is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            problems = [problem_text(p, self._ctx.settings.lang) for p in r.problems]
            last = "; ".join(problems) or f"{r.out_courier} {r.out_tracking}".strip()
            values = (
                r.code, r.kind, self.state_names.get(r.state, r.state), r.buyer_id, r.receiver,
                r.masked_phone, r.note, r.courier, r.submitter,
                r.created_at.strftime("%m-%d %H:%M"), r.print_count or "", last,
            )  # fmt: skip
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and r.problems:
            return "\n".join(problem_text(p, self._ctx.settings.lang) for p in r.problems)
        if role == Qt.ItemDataRole.ForegroundRole and r.state in STATE_COLORS:
            return QColor(STATE_COLORS[r.state])
        return None
