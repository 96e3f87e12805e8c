"""The lead's records: the audit trail with filters, and the 分销件 register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.context import AppContext
from returnsdesk.reports.tables import Table
from returnsdesk.services import audit, distribution
from returnsdesk.ui.lead_common import (
    RowsModel,
    StatusLabel,
    TableExport,
    ask_export_path,
    date_edit,
    make_table,
)


class AuditTab(QWidget):
    """Who did what, where and when; read only (the database refuses changes to it)."""

    def __init__(
        self, ctx: AppContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.who = QLineEdit()
        self.who.setObjectName("auditWho")
        self.who.setPlaceholderText(self.tr("谁 (用户名)"))
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.use_day = QCheckBox(self.tr("日期"))
        self.use_day.setObjectName("auditUseDay")
        self.day = date_edit(today or dt.date.today(), "auditDay")
        self.parcel = QLineEdit()
        self.parcel.setObjectName("auditParcel")
        self.parcel.setPlaceholderText(self.tr("包裹编号"))
        self.model = RowsModel(
            [
                self.tr("时间"),
                self.tr("用户"),
                self.tr("工位"),
                self.tr("操作"),
                self.tr("对象"),
                self.tr("编号"),
                self.tr("内容"),
            ]
        )
        self.table = make_table(self.model, "auditTable")
        self.status = StatusLabel()
        top = QHBoxLayout()
        for w in (self.who, self.action, self.use_day, self.day, self.parcel):
            top.addWidget(w)
        top.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        self.who.returnPressed.connect(self.refresh)
        self.parcel.returnPressed.connect(self.refresh)
        self.action.activated.connect(self.refresh)
        self.use_day.toggled.connect(self.refresh)
        self.day.dateChanged.connect(self.refresh)

    def refresh(self) -> None:
        keep = self.action.currentText()
        self.action.blockSignals(True)
        self.action.clear()
        self.action.addItems(["", *audit.actions(self.ctx.sessions)])
        self.action.setCurrentText(keep)
        self.action.blockSignals(False)
        parcel = self.parcel.text().strip()
        rows = audit.trail(
            self.ctx.sessions,
            who=self.who.text(),
            action=self.action.currentText(),
            day=self.day.date().toPython() if self.use_day.isChecked() else None,  # type: ignore[arg-type]
            parcel_id=int(parcel) if parcel.isdigit() else None,
        )
        self.model.set_rows(
            [(r.at, r.user, r.station, r.action, r.entity, r.entity_id, r.detail) for r in rows]
        )
        self.status.ok(self.tr("{n} 条记录").replace("{n}", str(len(rows))))


class DistributionTab(QWidget):
    """分销件: the distribution parcels of a period, as the procedures keep them apart."""

    def __init__(
        self, ctx: AppContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        last = today or dt.date.today()
        self.first = date_edit(last - dt.timedelta(days=last.weekday()), "distFrom")
        self.last = date_edit(last, "distTo")
        self.rows: list[distribution.DistributionRow] = []
        self.model = RowsModel([self.tr(h) for h in distribution.HEADERS])
        self.table = make_table(self.model, "distributionTable")
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setObjectName("distributionExport")
        self.status = StatusLabel()
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

    def refresh(self) -> None:
        first: dt.date = self.first.date().toPython()  # type: ignore[assignment]
        last: dt.date = self.last.date().toPython()  # type: ignore[assignment]
        self.rows = distribution.register_of(self.ctx.sessions, first, last)
        self.model.set_rows([distribution.cells(r) for r in self.rows], payload=self.rows)
        self.status.ok(self.tr("{n} 个分销件").replace("{n}", str(len(self.rows))))

    def choose_export(self) -> None:
        path = ask_export_path(
            self, self.tr("导出分销件登记表"), str(self.ctx.settings.home / "分销件.xlsx")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        rows = list(self.rows)
        self.exporter.run(
            path,
            lambda: [Table("分销件", distribution.HEADERS, [distribution.cells(r) for r in rows])],
        )
