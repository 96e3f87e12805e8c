"""Repairs outstanding, courier claims and the 分销件 register: lists the lead works through
and exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from returnsdesk.context import AppContext
from returnsdesk.domain.topics import Topic
from returnsdesk.reports import claims
from returnsdesk.reports.lead_tables import repair_cells, repairs_table
from returnsdesk.reports.tables import Table
from returnsdesk.services.lead import distribution, repairs
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.lead.packet import PacketExport
from returnsdesk.ui.lead.tables import (
    LeadTab,
    RowsModel,
    TableExport,
    ask_export_path,
    date_edit,
    make_table,
    picked_day,
    selected_row,
)

Today = Callable[[], dt.date]


class RepairsTab(LeadTab):
    def __init__(
        self,
        ctx: AppContext,
        bus: OpsBus,
        today: Today = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, bus, parent)
        self.today = today
        self.rows: list[repairs.RepairRow] = []
        self.model = RowsModel(
            [
                self.tr("收到"),
                self.tr("纸条"),
                self.tr("旺旺名"),
                self.tr("品类"),
                self.tr("款号"),
                self.tr("颜色"),
                self.tr("尺码"),
                self.tr("规格"),
                self.tr("数量"),
                self.tr("原因"),
                self.tr("已收天数"),
                self.tr("返厂期限"),
                self.tr("剩余天数"),
            ]
        )
        self.table = make_table(self.model, "repairTable")
        self.summary = QLabel()
        self.summary.setObjectName("repairSummary")
        self.close_button = QPushButton(self.tr("已返厂"))
        self.close_button.setObjectName("repairClose")
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setObjectName("repairExport")
        self.exporter = TableExport(self.status, ctx.settings.lang, self)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.close_button)
        top.addWidget(self.export_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        self.close_button.clicked.connect(self.close_selected)
        self.export_button.clicked.connect(self.choose_export)

    def refresh(self) -> None:
        self.rows = repairs.outstanding(
            self.ctx.sessions, self.today(), self.ctx.settings.shop.repair_days
        )
        overdue = sum(r.overdue for r in self.rows)
        self.summary.setText(
            self.tr("待返厂 {n} 件, 已超期 {o} 件")
            .replace("{n}", str(len(self.rows)))
            .replace("{o}", str(overdue))
        )
        self.model.set_rows(
            [repair_cells(r) for r in self.rows],
            red=[r.overdue for r in self.rows],
            payload=self.rows,
        )

    def close_selected(self) -> None:
        row = selected_row(self.table)
        if row is None:
            self.status.error(self.tr("请先选择已返厂的商品"))
            return
        s = self.ctx.settings
        item_id = self.rows[row].item_id
        done = self.act(
            lambda: repairs.close_repairs(self.ctx.sessions, [item_id], s.user, s.station),
            Topic.REPAIRS,
        )
        if done is not None:
            self.status.ok(self.tr("已记录返厂"))

    def choose_export(self) -> None:
        path = ask_export_path(
            self, self.tr("导出返厂维修清单"), str(self.ctx.settings.home / "返厂维修.xlsx")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        rows = list(self.rows)
        self.exporter.run(path, lambda: [repairs_table(rows)])


class PeriodTab(LeadTab):
    """A list over a date range that the lead reads and exports (claims, the 分销件 register).

    Subclasses say how to load the rows (``load``) and what the export holds (``tables``).
    """

    export_title = ""
    export_file = ""

    def __init__(
        self,
        ctx: AppContext,
        name: str,
        headers: Sequence[str],
        first: dt.date,
        last: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, None, parent)
        self.first = date_edit(first, f"{name}From")
        self.last = date_edit(last, f"{name}To")
        self.rows: list[Any] = []
        self.model = RowsModel([self.tr(h) for h in headers])
        self.table = make_table(self.model, f"{name}Table")
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setObjectName(f"{name}Export")
        self.exporter = TableExport(self.status, ctx.settings.lang, self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("从")))
        top.addWidget(self.first)
        top.addWidget(QLabel(self.tr("到")))
        top.addWidget(self.last)
        top.addStretch(1)
        top.addWidget(self.export_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        self.first.dateChanged.connect(self.refresh)
        self.last.dateChanged.connect(self.refresh)
        self.export_button.clicked.connect(self.choose_export)

    def load(self, first: dt.date, last: dt.date) -> list[Any]:
        raise NotImplementedError

    def tables(self, rows: list[Any]) -> list[Table]:
        raise NotImplementedError

    def count_text(self, n: int) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        first = picked_day(self.first)
        last = picked_day(self.last)
        self.rows = self.load(first, last)
        cells = [tuple(r) for r in self.tables(self.rows)[0].rows]
        self.model.set_rows(cells, payload=self.rows)
        self.status.ok(self.count_text(len(self.rows)))

    def choose_export(self) -> None:
        default = str(self.ctx.settings.home / self.export_file)
        path = ask_export_path(self, self.tr(self.export_title), default)
        if path:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        rows = list(self.rows)
        self.exporter.run(path, lambda: self.tables(rows))


class ClaimsTab(PeriodTab):
    export_title = "导出快递索赔清单"
    export_file = "快递索赔.xlsx"

    def __init__(
        self, ctx: AppContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        last = today or dt.date.today()
        super().__init__(ctx, "claim", claims.HEADERS, last - dt.timedelta(days=30), last, parent)
        # the claim's proof for the courier: the parcel's dispute packet (E, or the button)
        self.packet = PacketExport(ctx, self.status, self)
        self.packet_button = QPushButton(self.tr("举证包 (E)"))
        self.packet_button.setObjectName("claimPacket")
        self.packet_button.clicked.connect(self.choose_packet)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.packet_button)
        lay = self.layout()
        assert isinstance(lay, QVBoxLayout)
        lay.insertLayout(2, row)
        QShortcut(QKeySequence(Qt.Key.Key_E), self.table, self.choose_packet,
                  context=Qt.ShortcutContext.WidgetShortcut)  # fmt: skip

    def choose_packet(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.payload):
            self.status.error(self.tr("请先选择一个包裹"))
            return
        self.packet.choose(self.model.payload[index.row()].tracking_no)

    def load(self, first: dt.date, last: dt.date) -> list[Any]:
        return claims.claims(self.ctx.sessions, first, last)

    def tables(self, rows: list[Any]) -> list[Table]:
        return [claims.claims_table(rows)]

    def count_text(self, n: int) -> str:
        return self.tr("{n} 个索赔包裹").replace("{n}", str(n))


class DistributionTab(PeriodTab):
    """分销件: the distribution parcels of a period, as the procedures keep them apart."""

    export_title = "导出分销件登记表"
    export_file = "分销件.xlsx"

    def __init__(
        self, ctx: AppContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        last = today or dt.date.today()
        monday = last - dt.timedelta(days=last.weekday())
        super().__init__(ctx, "distribution", distribution.HEADERS, monday, last, parent)

    def load(self, first: dt.date, last: dt.date) -> list[Any]:
        return distribution.register_of(self.ctx.sessions, first, last)

    def tables(self, rows: list[Any]) -> list[Table]:
        return [Table("分销件", distribution.HEADERS, [distribution.cells(r) for r in rows])]

    def count_text(self, n: int) -> str:
        return self.tr("{n} 个分销件").replace("{n}", str(n))
