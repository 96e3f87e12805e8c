"""The lead's audit trail with filters (read only: the database refuses changes to it)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.context import AppContext
from returnsdesk.domain.kinds import audit_action_name, audit_detail, audit_entity_name
from returnsdesk.services.common import audit
from returnsdesk.ui.lead.tables import (
    LeadTab,
    RowsModel,
    date_edit,
    make_table,
    picked_day,
)


class AuditTab(LeadTab):
    """Who did what, where and when; read only (the database refuses changes to it)."""

    def __init__(
        self, ctx: AppContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, None, parent)
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
        lang = self.ctx.settings.lang
        keep = self.action.currentData()
        self.action.blockSignals(True)
        self.action.clear()
        self.action.addItem("", "")
        for code in audit.actions(self.ctx.sessions):
            self.action.addItem(audit_action_name(code, lang), code)
        self.action.setCurrentIndex(max(self.action.findData(keep), 0))
        self.action.blockSignals(False)
        parcel = self.parcel.text().strip()
        rows = audit.trail(
            self.ctx.sessions,
            who=self.who.text(),
            action=str(self.action.currentData() or ""),
            day=picked_day(self.day) if self.use_day.isChecked() else None,
            parcel_id=int(parcel) if parcel.isdigit() else None,
        )
        self.model.set_rows(
            [
                (r.at, r.user, r.station, audit_action_name(r.action, lang),
                 audit_entity_name(r.entity, lang), r.entity_id,
                 audit_detail(r.action, r.detail, lang))
                for r in rows
            ]
        )  # fmt: skip
        self.status.ok(self.tr("{n} 条记录").replace("{n}", str(len(rows))))
