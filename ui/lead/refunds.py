"""The refund queue tab (退款审核): keyboard-driven like the bench.

In the table: N the next request due, Enter accepts the suggestion, A changes the amount
(Enter in the amount approves it), R refuses (type why, Enter), F9 copies the note for the
shop back-end, E exports the request's dispute packet. Esc goes back to the table. Every decision is a service call; the tab only
shows rows and passes keys on.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.context import AppContext
from returnsdesk.domain.kinds import RefundView, SuggestionKind, Verdict, responsibility_name
from returnsdesk.domain.topics import Topic
from returnsdesk.i18n import translate
from returnsdesk.services.refunds.rows import QueueRow
from returnsdesk.ui.common.field_marks import FieldMarks
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.common.tasks import Task, start
from returnsdesk.ui.lead.packet import PacketExport
from returnsdesk.ui.lead.refund_model import RefundModel
from returnsdesk.ui.lead.tables import LeadTab, date_edit, picked_day

Now = Callable[[], dt.datetime]


class RefundsTab(LeadTab):
    def __init__(
        self,
        ctx: AppContext,
        bus: OpsBus,
        now: Now = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, bus, parent)
        self.now = now
        self.refusing = False
        self._export_path = Path()
        self.model = RefundModel(ctx, now, self)
        self.view_picker = QComboBox()
        self.view_picker.setObjectName("refundView")
        for view in RefundView:
            self.view_picker.addItem(view.display(ctx.settings.lang), str(view))
        self.summary = QLabel()
        self.summary.setObjectName("refundSummary")
        self.day = date_edit(now().date(), "refundDay")
        self.export_button = QPushButton(self.tr("导出退款清单…"))
        self.export_button.setObjectName("refundExport")
        self.table = QTableView()
        self.table.setObjectName("refundTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        # widths from the headers and a typical value of each column (measuring the rows would
        # load them all): refund and order numbers and amounts show whole at 1366 pixels
        header, cells = self.table.horizontalHeader().fontMetrics(), self.table.fontMetrics()
        samples = (self.tr("超时 {h} 小时").replace("{h}", "23"), "200000000000003", "3156900062392749367", "tb_xiaomei",
                   "1299.00", "5815深紫W7*1", "5815深紫W7*1", "邮费10.00", "部分退款",
                   "1299.00", "同意 1299.00")  # fmt: skip
        for col, sample in enumerate(samples):
            text = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            wide = max(cells.horizontalAdvance(sample), header.horizontalAdvance(text))
            self.table.setColumnWidth(col, wide + 24)
        self.detail = QLabel()
        self.detail.setObjectName("refundDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.kind = QComboBox()
        self.kind.setObjectName("refundKind")
        self.kind.addItems(list(ctx.settings.shop.refunds.kinds))
        self.amount = QLineEdit()
        self.amount.setObjectName("refundAmount")
        self.amount.setMaximumWidth(110)
        self.note = QLineEdit()
        self.note.setObjectName("refundNote")
        self.note.setPlaceholderText(self.tr("备注 (拒绝时必填)"))
        self.approve_button = QPushButton(self.tr("同意 (Enter)"))
        self.approve_button.setObjectName("refundApprove")
        self.refuse_button = QPushButton(self.tr("拒绝 (R)"))
        self.refuse_button.setObjectName("refundRefuse")
        self.copy_button = QPushButton(self.tr("复制备注 (F9)"))
        self.copy_button.setObjectName("refundCopy")
        self.packet_button = QPushButton(self.tr("举证包 (E)"))
        self.packet_button.setObjectName("refundPacket")
        self.packet = PacketExport(ctx, self.status, self)
        self.marks = FieldMarks(amount=self.amount, decision=self.amount, note=self.note)
        self.status.setObjectName("refundStatus")
        self._layout()
        self.view_picker.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.approve_button.clicked.connect(self.approve_amount)
        self.refuse_button.clicked.connect(self.start_refusal)
        self.copy_button.clicked.connect(self.copy_note)
        self.packet_button.clicked.connect(self.choose_packet)
        self.export_button.clicked.connect(self.choose_export)
        self.amount.returnPressed.connect(self.approve_amount)
        self.note.returnPressed.connect(self._note_entered)
        for widget in (self.table, self.amount, self.note):
            widget.installEventFilter(self)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.view_picker)
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel(self.tr("清单日期")))
        top.addWidget(self.day)
        top.addWidget(self.export_button)
        act = QHBoxLayout()
        act.addWidget(QLabel(self.tr("类型")))
        act.addWidget(self.kind)
        act.addWidget(QLabel(self.tr("金额")))
        act.addWidget(self.amount)
        act.addWidget(self.note, 1)
        act.addWidget(self.approve_button)
        act.addWidget(self.refuse_button)
        act.addWidget(self.copy_button)
        act.addWidget(self.packet_button)
        keys = QLabel(
            self.tr(
                "N 下一个到期 · Enter 按建议处理 · A 改金额 · R 拒绝 · F9 复制备注 · E 举证包 · Esc 返回列表"
            )
        )
        keys.setStyleSheet("color: #616161;")
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 3)
        lay.addWidget(self.detail, 2)
        lay.addLayout(act)
        lay.addWidget(keys)
        lay.addWidget(self.status)

    # --- the list ---------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.current_id()
        self.model.reload(str(self.view_picker.currentData()))
        c = self.model.counts
        self.summary.setText(
            self.tr("待审核 {n} 个, 已超时 {d} 个, 待平台退款 {f} 个")
            .replace("{n}", str(c.get("open", 0)))
            .replace("{d}", str(c.get("due", 0)))
            .replace("{f}", str(c.get("followup", 0)))
        )
        row = self.model.row_of(keep) if keep is not None else -1
        if row >= 0:
            self.select(row)
        else:
            self.next_due()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def current(self) -> QueueRow | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, 1))
            self.table.scrollTo(self.model.index(row, 1))
        else:
            self._show(None)

    def next_due(self) -> None:
        """The undecided request with the nearest deadline (the list is in deadline order)."""
        row = self.model.next_due_row()
        self.select(row if row >= 0 else (0 if self.model.rowCount() else -1))
        self.table.setFocus()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.model.record(current.row()) if current.isValid() else None)

    def _show(self, r: QueueRow | None) -> None:
        self.refusing = False
        self.note.clear()
        if r is None:
            self.detail.setText(self.tr("没有待审核的退款"))
            self.amount.clear()
            return
        if r.decision is not None:
            self.amount.setText(f"{r.decision.amount:.2f}")
            self.kind.setCurrentText(r.decision.kind)
        else:
            self.amount.setText(f"{r.suggestion.amount:.2f}")
            self.kind.setCurrentIndex(0)
        self.detail.setText(self._detail_html(r))

    def _detail_html(self, r: QueueRow) -> str:
        e = html.escape
        lang = self.ctx.settings.lang
        found = "<br>".join(
            f"{e(f.text)} {e(f.condition)} {e(f.reason)} ({e(responsibility_name(f.responsibility, lang))})"
            for f in r.found
        )
        sug = r.suggestion
        order, buyer, asked = self.tr("订单"), self.tr("买家"), self.tr("申请")
        parcels, back, gone = self.tr("包裹"), self.tr("退回"), self.tr("未退回")
        money, cap, advice = self.tr("款项"), self.tr("最多可退"), self.tr("建议")
        lines = [
            f"<b>{e(r.refund_no)}</b> {order} {e(r.order_no)} · {buyer} {e(r.buyer_id)}"
            f" · {asked} <b>{r.asked:.2f}</b> · {e(r.buyer_reason)} · {parcels} {e(r.slips)}",
            f"{back}: {found or '-'}",
            f"{gone}: {e(r.missing_text) or '-'} · {money}: {e(r.money_in(self.ctx.settings.lang)) or '-'}"
            f" · {cap} {r.cap:.2f}",
            f"<b>{advice}: {self.model.suggestion_text(r)} {sug.amount:.2f}</b>"
            f" — {e(sug.grounds_in(self._core_text))}",
        ]
        if r.refunded_before_arrival:
            flag = self.tr("平台在包裹到达前已退款")
            lines.append(f"<span style='color:#c62828'><b>{flag}</b></span>")
        refused, approved = self.tr("拒绝"), self.tr("同意")
        for d in r.history:
            what = (
                refused
                if d.decision == Verdict.REFUSE
                else f"{approved} {e(d.kind)} {d.amount:.2f}"
            )
            lines.append(
                f"{d.decided_at:%m-%d %H:%M} {e(d.decided_by)} {what} {e(d.note)}"
                f"<br><small>{e(d.backend_note)}</small>"
            )
        return "<br>".join(lines)

    def _core_text(self, text: str) -> str:
        """A fixed text of the core (a rule's name) in the user's language."""
        return translate(text, self.ctx.settings.lang)

    # --- keys ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.table:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept_suggestion()
            elif key == Qt.Key.Key_N:
                self.next_due()
            elif key == Qt.Key.Key_A:
                self.amount.setFocus()
                self.amount.selectAll()
            elif key == Qt.Key.Key_R:
                self.start_refusal()
            elif key == Qt.Key.Key_F9:
                self.copy_note()
            elif key == Qt.Key.Key_E:
                self.choose_packet()
            else:
                return False
            return True
        if key == Qt.Key.Key_Escape:
            self.refusing = False
            self.table.setFocus()
            return True
        if key == Qt.Key.Key_F9:
            self.copy_note()
            return True
        return False

    # --- decisions ----------------------------------------------------------------------

    def accept_suggestion(self) -> None:
        r = self.current()
        if r is None:
            return
        sug = r.suggestion
        if sug.decision == SuggestionKind.REFUSE:
            self._decide(r, refuse=True, note=self.note.text() or sug.grounds_text)
        else:
            self._decide(r, approve=f"{sug.amount:.2f}", note=self.note.text())

    def approve_amount(self) -> None:
        r = self.current()
        if r is not None:
            self._decide(r, approve=self.amount.text(), note=self.note.text())

    def start_refusal(self) -> None:
        if self.current() is None:
            return
        self.refusing = True
        self.note.setFocus()
        self.status.ok(self.tr("输入拒绝原因, Enter 确认拒绝, Esc 取消"))

    def _note_entered(self) -> None:
        r = self.current()
        if r is None:
            return
        if self.refusing:
            self._decide(r, refuse=True, note=self.note.text())
        else:
            self._decide(r, approve=self.amount.text(), note=self.note.text())

    def _decide(
        self, r: QueueRow, approve: str | None = None, refuse: bool = False, note: str = ""
    ) -> None:
        from returnsdesk.services.refunds.decide import decide

        s = self.ctx.settings
        kind, now = self.kind.currentText(), self.now()
        done = self.act(
            lambda: decide(
                self.ctx.sessions,
                s.shop,
                r.refund_no,
                s.user,
                s.station,
                approve=approve,
                refuse=refuse,
                kind=kind,
                note=note,
                replaces=r.decision.id if r.decision is not None else None,
                now=now,
            ),
            Topic.REFUNDS,
            marks=self.marks,
        )
        if done is None:
            return
        result = done.value
        self.refusing = False
        QGuiApplication.clipboard().setText(result.backend_note)
        if result.decision == Verdict.REFUSE:
            text = self.tr("已拒绝 {no}, 备注已复制").replace("{no}", result.refund_no)
        else:
            text = (
                self.tr("已同意 {no} {amount} 元, 备注已复制")
                .replace("{no}", result.refund_no)
                .replace("{amount}", f"{result.amount:.2f}")
            )
        if result.differs:
            text += self.tr(" (与申请金额 {asked} 不同)").replace("{asked}", f"{result.asked:.2f}")
            self.status.warn(text)
        else:
            self.status.ok(text)
        self.table.setFocus()

    def copy_note(self) -> None:
        r = self.current()
        if r is None or r.decision is None:
            self.status.error(self.tr("这个退款还没有决定, 没有备注可复制"))
            return
        QGuiApplication.clipboard().setText(r.decision.backend_note)
        self.status.ok(self.tr("备注已复制"))

    def choose_packet(self) -> None:
        """The dispute packet of the request in the row: its parcels' clips, photos, summary."""
        r = self.current()
        if r is not None:
            self.packet.choose(r.refund_no)

    # --- the day's list for finance -----------------------------------------------------

    def choose_export(self) -> None:
        day = picked_day(self.day)
        default = str(self.ctx.settings.home / f"退款清单-{day:%Y-%m-%d}.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出退款清单"),
            default,
            self.tr("Excel (*.xlsx);;CSV (*.csv);;PDF (*.pdf)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        from returnsdesk.reports.refund_list import export_refund_list

        day = picked_day(self.day)
        sessions = self.ctx.sessions
        job = Task(
            lambda progress: export_refund_list(sessions, day, path, progress),
            self.ctx.settings.lang,
        )
        self._export_path = path
        job.signals.done.connect(self._exported)
        job.signals.failed.connect(self.status.error)
        self.status.ok(self.tr("正在导出…"))
        start(job)

    def _exported(self, _rows: object) -> None:
        self.status.ok(self.tr("已导出 {path}").replace("{path}", str(self._export_path)))
