"""Follow-up tab: open no-info parcels (red after a day untouched), contact attempts, resolve."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.context import AppContext
from returnsdesk.domain.phone import phone_for
from returnsdesk.domain.roles import Act
from returnsdesk.domain.topics import Topic
from returnsdesk.services.common import users
from returnsdesk.services.lead import followup
from returnsdesk.ui.common.field_marks import FieldMarks
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.lead.tables import LeadTab, RowsModel, make_table, selected_row

Clock = Callable[[], dt.datetime]


class FollowupTab(LeadTab):
    def __init__(
        self,
        ctx: AppContext,
        bus: OpsBus,
        now: Clock = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, bus, parent)
        self.now = now
        self.items: list[followup.FollowUp] = []
        headers = [
            self.tr("纸条"),
            self.tr("收到"),
            self.tr("天数"),
            self.tr("快递"),
            self.tr("运单号"),
            self.tr("寄件人"),
            self.tr("电话"),
            self.tr("城市"),
            self.tr("内容"),
            self.tr("联系次数"),
            self.tr("最后处理"),
            self.tr("最后结果"),
            self.tr("已报主管"),
        ]
        self.model = RowsModel(headers)
        self.table = make_table(self.model, "followupTable")
        self.attempt_model = RowsModel(
            [self.tr("时间"), self.tr("方式"), self.tr("结果"), self.tr("经办人")]
        )
        self.attempt_table = make_table(self.attempt_model, "attemptTable")
        self.overdue_label = QLabel()
        self.overdue_label.setObjectName("overdueLabel")

        self.method = QComboBox()
        self.method.setObjectName("attemptMethod")
        self.method.addItems(list(followup.METHODS))  # stored as is: the shared vocabulary
        self.result = QLineEdit()
        self.result.setObjectName("attemptResult")
        self.result.setPlaceholderText(self.tr("联系结果, 如: 已留言 / 无人接听"))
        self.add_button = QPushButton(self.tr("记录联系"))
        self.add_button.setObjectName("attemptAdd")
        self.reported = QCheckBox(self.tr("已报主管"))
        self.reported.setObjectName("reportedCheck")
        self.buyer = QLineEdit()
        self.buyer.setObjectName("resolveBuyer")
        self.buyer.setPlaceholderText(self.tr("旺旺名"))
        self.order_no = QLineEdit()
        self.order_no.setObjectName("resolveOrder")
        self.order_no.setPlaceholderText(self.tr("订单号 (可选)"))
        self.resolve_button = QPushButton(self.tr("关联买家并登记"))
        self.resolve_button.setObjectName("resolveButton")
        self.marks = FieldMarks(
            method=self.method, result=self.result, buyer=self.buyer, order_no=self.order_no
        )
        self.status.setObjectName("followupStatus")

        contact = QGroupBox(self.tr("联系记录"))
        form = QFormLayout(contact)
        row = QHBoxLayout()
        row.addWidget(self.method)
        row.addWidget(self.result, 1)
        row.addWidget(self.add_button)
        form.addRow(row)
        form.addRow(self.reported)
        resolve = QGroupBox(self.tr("找到买家"))
        rl = QHBoxLayout(resolve)
        rl.addWidget(self.buyer)
        rl.addWidget(self.order_no)
        rl.addWidget(self.resolve_button)
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.attempt_table, 1)
        sl.addWidget(contact)
        sl.addWidget(resolve)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.overdue_label)
        lay.addWidget(split, 1)
        lay.addWidget(self.status)

        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.add_button.clicked.connect(self.add_attempt)
        self.result.returnPressed.connect(self.add_attempt)
        self.reported.clicked.connect(self.toggle_reported)
        self.resolve_button.clicked.connect(self.resolve)
        self._selected()

    def refresh(self) -> None:
        keep = self.current()
        self.items = followup.list_followups(self.ctx.sessions, self.now())
        # the lead calls these senders: whole numbers for whoever may see them
        self.full_phones = users.allowed(self.ctx.sessions, self.ctx.settings.user, Act.FULL_PHONES)
        overdue = sum(f.overdue for f in self.items)
        self.overdue_label.setText(
            self.tr("无信息件 {n} 个, 超过一天未跟进 {o} 个 (红色)")
            .replace("{n}", str(len(self.items)))
            .replace("{o}", str(overdue))
        )
        self.model.set_rows(
            [
                (
                    f.slip_no,
                    f.day,
                    f.age_days,
                    f.courier,
                    f.tracking_no,
                    f.sender_name,
                    phone_for(f.sender_phone, self.full_phones) if f.sender_phone else "",
                    f.sender_city,
                    f.contents,
                    f.attempts,
                    f.last_action_at,
                    f.last_result,
                    f.reported_to_lead,
                )
                for f in self.items
            ],
            red=[f.overdue for f in self.items],
            payload=self.items,
        )
        if keep is not None:
            self.select(keep.parcel_id)
        self._selected()

    def select(self, parcel_id: int) -> None:
        for i, f in enumerate(self.items):
            if f.parcel_id == parcel_id:
                self.table.selectRow(i)
                return

    def current(self) -> followup.FollowUp | None:
        row = selected_row(self.table)
        return self.items[row] if row is not None and row < len(self.items) else None

    def _selected(self) -> None:
        f = self.current()
        for w in (self.add_button, self.reported, self.resolve_button, self.result):
            w.setEnabled(f is not None)
        if f is None:
            self.attempt_model.set_rows([])
            return
        self.reported.setChecked(f.reported_to_lead)
        self.attempt_model.set_rows(
            [
                (a.at, a.method, a.result, a.who)
                for a in followup.attempts(self.ctx.sessions, f.parcel_id)
            ]
        )

    def _run(self, work: Callable[[], object], done: str) -> bool:
        if (
            self.act(
                work,
                Topic.PARCELS | Topic.FOLLOWUPS,
                marks=self.marks,
            )
            is None
        ):
            return False
        self.status.ok(done)
        return True

    def add_attempt(self) -> None:
        f = self.current()
        if f is None:
            return
        s = self.ctx.settings
        if self._run(
            lambda: followup.add_attempt(
                self.ctx.sessions,
                f.parcel_id,
                self.method.currentText(),
                self.result.text(),
                s.user,
                s.station,
                at=self.now(),
            ),
            self.tr("已记录联系"),
        ):
            self.result.clear()

    def toggle_reported(self) -> None:
        f = self.current()
        if f is None:
            return
        s = self.ctx.settings
        flag = self.reported.isChecked()
        self._run(
            lambda: followup.set_reported(self.ctx.sessions, f.parcel_id, flag, s.user, s.station),
            self.tr("已标记报主管") if flag else self.tr("已取消报主管"),
        )

    def resolve(self) -> None:
        f = self.current()
        if f is None:
            return
        s = self.ctx.settings
        if self._run(
            lambda: followup.resolve_recorded(
                self.ctx.sessions,
                f.parcel_id,
                self.buyer.text(),
                self.order_no.text(),
                s.user,
                s.station,
                s.shop,
            ),
            self.tr("已关联买家并登记, 纸条编号 {n}").replace("{n}", str(f.slip_no or "-")),
        ):
            self.buyer.clear()
            self.order_no.clear()
