"""Money tab: a day's register per clerk, the confirmed hand-over, reversals, month export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.context import AppContext
from returnsdesk.domain.money import MoneyKind
from returnsdesk.domain.topics import Topic
from returnsdesk.reports.lead_tables import money_table
from returnsdesk.services.lead import cash, money_rows
from returnsdesk.ui.common.field_marks import FieldMarks
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.lead.tables import (
    DayTab,
    RowsModel,
    TableExport,
    ask_export_path,
    make_table,
    selected_row,
)


class MoneyTab(DayTab):
    def __init__(
        self,
        ctx: AppContext,
        bus: OpsBus,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, bus, parent)
        self.entries: list[money_rows.MoneyRow] = []
        self.last_seen: dict[str, int | None] = {}
        self.day_picker(today, "moneyDate")
        self.export_button = QPushButton(self.tr("导出本月…"))
        self.export_button.setObjectName("moneyExport")
        self.clerk_model = RowsModel([])
        self.clerk_table = make_table(self.clerk_model, "moneyClerkTable")
        self.model = RowsModel(
            [
                self.tr("编号"),
                self.tr("类型"),
                self.tr("金额"),
                self.tr("登记员"),
                self.tr("时间"),
                self.tr("纸条"),
                self.tr("旺旺名"),
                self.tr("冲正"),
                self.tr("已交接"),
                self.tr("备注"),
            ]
        )
        self.table = make_table(self.model, "moneyTable")
        self.handover_model = RowsModel(
            [
                self.tr("登记员"),
                self.tr("主管"),
                self.tr("登记"),
                self.tr("实点"),
                self.tr("差额"),
                self.tr("说明"),
                self.tr("确认时间"),
            ]
        )
        self.handover_table = make_table(self.handover_model, "handoverTable")
        self.clerk = QComboBox()
        self.clerk.setObjectName("handoverClerk")
        self.counted = QLineEdit()
        self.counted.setObjectName("handoverCounted")
        self.counted.setPlaceholderText(self.tr("实点金额"))
        self.note = QLineEdit()
        self.note.setObjectName("handoverNote")
        self.note.setPlaceholderText(self.tr("差额说明 (有差额时必填)"))
        self.confirm_button = QPushButton(self.tr("确认收款"))
        self.confirm_button.setObjectName("handoverConfirm")
        self.reverse_note = QLineEdit()
        self.reverse_note.setObjectName("reverseNote")
        self.reverse_note.setPlaceholderText(self.tr("冲正原因"))
        self.reverse_button = QPushButton(self.tr("冲正所选款项"))
        self.reverse_button.setObjectName("reverseButton")
        self.open_label = QLabel()
        self.open_label.setObjectName("openMoney")
        self.open_label.setWordWrap(True)
        self.marks = FieldMarks(clerk=self.clerk, amount=self.counted, note=self.note)
        self.reverse_marks = FieldMarks(note=self.reverse_note)
        self.status.setObjectName("moneyStatus")
        self.exporter = TableExport(self.status, ctx.settings.lang, self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("日期:")))
        top.addWidget(self.date)
        top.addStretch(1)
        top.addWidget(self.export_button)
        hand = QGroupBox(self.tr("交接给主管"))
        hl = QHBoxLayout(hand)
        hl.addWidget(self.clerk)
        hl.addWidget(self.counted)
        hl.addWidget(self.note, 1)
        hl.addWidget(self.confirm_button)
        rev = QHBoxLayout()
        rev.addWidget(self.reverse_note, 1)
        rev.addWidget(self.reverse_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(QLabel(self.tr("各登记员合计 (红色: 还有未交接的款项, 或实点有差额未结清)")))
        lay.addWidget(self.clerk_table, 1)
        lay.addWidget(self.open_label)
        lay.addWidget(hand)
        lay.addWidget(QLabel(self.tr("交接记录")))
        lay.addWidget(self.handover_table, 1)
        lay.addWidget(QLabel(self.tr("款项明细 (更正只能冲正, 不能修改)")))
        lay.addWidget(self.table, 2)
        lay.addLayout(rev)
        lay.addWidget(self.status)

        self.confirm_button.clicked.connect(self.confirm_handover)
        self.counted.returnPressed.connect(self.confirm_handover)
        self.note.returnPressed.connect(self.confirm_handover)
        self.reverse_button.clicked.connect(self.reverse)
        self.export_button.clicked.connect(self.choose_export)

    def refresh(self) -> None:
        sessions, day = self.ctx.sessions, self.day
        clerks = money_rows.day_summary(sessions, day)
        seen = {k for c in clerks for k in c.by_kind}
        kinds = [*MoneyKind, *sorted(seen - set(MoneyKind))]  # the usual three, then others
        self.clerk_model.set_headers(
            [
                self.tr("登记员"),
                *(MoneyKind.name_of(k, self.ctx.settings.lang) for k in kinds),
                self.tr("登记合计"),
                self.tr("已交接"),
                self.tr("实点"),
                self.tr("差额"),
                self.tr("待交接"),
                self.tr("交接次数"),
            ]
        )
        self.clerk_model.set_rows(
            [
                (
                    c.clerk,
                    *(c.by_kind.get(k, money_rows.ZERO) for k in kinds),
                    c.registered,
                    c.handed_over,
                    c.counted,
                    c.difference,
                    c.pending,
                    c.handovers,
                )
                for c in clerks
            ],
            red=[c.pending != 0 or c.difference != 0 for c in clerks],
        )
        open_days = money_rows.open_money(sessions)
        self.open_label.setText(
            self.tr("各天未交接或差额未结清: {0}").replace(
                "{0}",
                "; ".join(f"{m.day:%m-%d} {m.clerk} {m.pending}/{m.difference}" for m in open_days)
                or self.tr("无"),
            )
        )
        self.open_label.setStyleSheet("color: #c62828;" if open_days else "")
        # the hand-over a new one follows, as this view shows it: another lead's since is told
        self.last_seen = {c.clerk: c.last_handover for c in clerks}
        keep = self.clerk.currentText()
        self.clerk.clear()
        self.clerk.addItems([c.clerk for c in clerks if c.pending != 0 or c.difference != 0])
        if keep:
            self.clerk.setCurrentIndex(max(0, self.clerk.findText(keep)))
        self.entries = money_rows.entries_of_day(sessions, day)
        self.model.set_rows(
            [
                (
                    e.id,
                    e.kind,
                    e.amount,
                    e.clerk,
                    e.created_at,
                    e.slip_no,
                    e.buyer_id,
                    f"#{e.reverses_id}"
                    if e.reverses_id
                    else (f"→#{e.reversed_by}" if e.reversed_by else ""),
                    e.handover_id is not None,
                    e.note,
                )
                for e in self.entries
            ],
            payload=self.entries,
        )
        self.handover_model.set_rows(
            [
                (
                    h.clerk,
                    h.lead,
                    h.registered_amount,
                    h.counted_amount,
                    h.difference,
                    h.note,
                    h.confirmed_at,
                )
                for h in money_rows.handovers(sessions, day)
            ],
            red=[h.difference != 0 for h in money_rows.handovers(sessions, day)],
        )

    def confirm_handover(self) -> None:
        s = self.ctx.settings
        clerk = self.clerk.currentText()
        if not clerk:
            self.status.error(self.tr("没有待交接的款项"))
            return
        day, counted, note = self.day, self.counted.text(), self.note.text()
        follows = self.last_seen.get(clerk)
        done = self.act(
            lambda: cash.confirm_handover(
                self.ctx.sessions, day, clerk, counted, note, s.user, s.station, follows=follows
            ),
            Topic.MONEY,
            marks=self.marks,
        )
        if done is None:  # refused; another lead's hand-over since is shown, to count again on
            self.refresh()
            return
        h = done.value
        self.counted.clear()
        self.note.clear()
        self.status.ok(
            self.tr("已确认 {clerk} 交接: 登记 {r} 元, 实点 {c} 元")
            .replace("{clerk}", h.clerk)
            .replace("{r}", f"{h.registered_amount:.2f}")
            .replace("{c}", f"{h.counted_amount:.2f}")
        )

    def reverse(self) -> None:
        row = selected_row(self.table)
        if row is None:
            self.status.error(self.tr("请先选择要冲正的款项"))
            return
        s = self.ctx.settings
        entry = self.entries[row]
        note = self.reverse_note.text()
        done = self.act(
            lambda: cash.reverse_entry(self.ctx.sessions, entry.id, note, s.user, s.station),
            Topic.MONEY,
            marks=self.reverse_marks,
        )
        if done is None:
            return
        self.reverse_note.clear()
        self.status.ok(self.tr("已冲正款项 #{id}").replace("{id}", str(entry.id)))

    def choose_export(self) -> None:
        d = self.day
        path = ask_export_path(
            self, self.tr("导出本月款项"), str(self.ctx.settings.home / f"款项-{d:%Y-%m}.xlsx")
        )
        if path:
            self.export_month(path)

    def export_month(self, path: Path) -> None:
        d, sessions = self.day, self.ctx.sessions
        self.exporter.run(
            path,
            lambda: [
                money_table(
                    money_rows.entries_of_month(sessions, d.year, d.month), f"{d:%Y-%m} 款项"
                )
            ],
        )
