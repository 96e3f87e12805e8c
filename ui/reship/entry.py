"""Typing in or fixing a reshipment slip: buyer ID or order number fills the receiver."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.context import AppContext
from returnsdesk.domain.kinds import RESHIP_KINDS, ItemAction, action_name
from returnsdesk.errors import UserError
from returnsdesk.services.reship import slips as reship
from returnsdesk.services.reship.rows import SlipRow
from returnsdesk.services.reship.slips import SlipDraft
from returnsdesk.ui.common.field_marks import FieldMarks
from returnsdesk.ui.common.named import named
from returnsdesk.ui.common.ops import run_op
from returnsdesk.ui.common.status import StatusLine


class ReshipEntryDialog(QDialog):
    """New slip (``slip`` None) or a fix of a slip that has not printed yet."""

    def __init__(self, ctx: AppContext, slip: SlipRow | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reshipEntry")
        self._ctx = ctx
        self._slip = slip
        self.result_row: SlipRow | None = None
        self.setWindowTitle(self.tr("新建补发单") if slip is None else self.tr("修改补发单"))
        self.setMinimumWidth(560)

        self.kind = named(QComboBox(), "reshipKind")
        for kind in (k for k in ItemAction if k in RESHIP_KINDS):
            self.kind.addItem(action_name(kind, ctx.settings.lang), kind.value)
        self.lookup = named(QLineEdit(), "reshipLookup")
        self.lookup.setPlaceholderText(self.tr("买家ID 或 订单号, 回车查找"))
        self.lookup_button = QPushButton(self.tr("查找"))
        self.order_no = named(QLineEdit(), "reshipOrderNo")
        self.buyer = named(QLineEdit(), "reshipBuyer")
        self.receiver = named(QLineEdit(), "reshipReceiver")
        self.phone = named(QLineEdit(), "reshipPhone")
        self.address = named(QLineEdit(), "reshipAddress")
        self.address.setPlaceholderText(self.tr("省 市 区 详细地址"))
        self.courier = named(QComboBox(), "reshipCourier")
        self.courier.setEditable(True)
        self.courier.addItems(["", *ctx.settings.shop.reship.get("couriers", [])])
        self.postage = named(QLineEdit(), "reshipPostage")
        self.postage.setPlaceholderText("0")
        self.items = named(QPlainTextEdit(), "reshipItems")
        self.items.setPlaceholderText(self.tr("一行一个: 款号 颜色 尺码 *数量, 或 商家编码"))
        self.items.setTabChangesFocus(True)
        self.items.setFixedHeight(90)
        self.note = named(QLineEdit(), "reshipNote")
        self.note.setPlaceholderText(self.tr("留空则按规范生成, 如 换5815灰色W6*1"))
        self.message = named(StatusLine(), "reshipEntryMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828")
        self.marks = FieldMarks(
            lookup=self.lookup, kind=self.kind, postage=self.postage, items=self.items
        )

        find_row = QHBoxLayout()
        find_row.addWidget(self.lookup, 1)
        find_row.addWidget(self.lookup_button)
        form = QFormLayout()
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("查找订单"), find_row)
        form.addRow(self.tr("订单号"), self.order_no)
        form.addRow(self.tr("买家ID"), self.buyer)
        form.addRow(self.tr("收货人"), self.receiver)
        form.addRow(self.tr("电话"), self.phone)
        form.addRow(self.tr("地址"), self.address)
        form.addRow(self.tr("商品"), self.items)
        form.addRow(self.tr("快递"), self.courier)
        form.addRow(self.tr("邮费差价"), self.postage)
        form.addRow(self.tr("备注"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存 (Ctrl+S)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self.lookup.returnPressed.connect(self.fill_from_order)
        self.lookup_button.clicked.connect(self.fill_from_order)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)
        if slip is not None:
            self._load(slip)
        else:
            self.courier.setCurrentText(str(ctx.settings.shop.reship.get("default_courier", "")))
        self.lookup.setFocus(Qt.FocusReason.OtherFocusReason)

    def _load(self, slip: SlipRow) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(slip.kind)))
        self.order_no.setText(slip.order_no)
        self.buyer.setText(slip.buyer_id)
        self.receiver.setText(slip.receiver)
        self.phone.setText(slip.phone)
        self.address.setText(slip.address)
        self.courier.setCurrentText(slip.courier)
        self.postage.setText(f"{slip.postage_diff:f}" if slip.postage_diff else "")
        self.items.setPlainText(reship.item_lines(slip.items))
        self.note.setText(slip.note)
        if slip.problems:
            self.message.setText("\n".join(slip.problems))

    def fill_from_order(self) -> None:
        typed = self.lookup.text()
        done = run_op(
            lambda: reship.find_receiver(self._ctx.sessions, typed),
            says=self.message,
            lang=self._ctx.settings.lang,
            marks=self.marks,
        )
        if done is None:
            return
        found = done.value
        self.order_no.setText(found.order_no)
        self.buyer.setText(found.buyer_id)
        self.receiver.setText(found.receiver)
        self.phone.setText(found.phone)
        self.address.setText(found.address)
        self.message.setText("")
        self.items.setFocus()

    def draft(self) -> SlipDraft:
        text = self.postage.text().strip() or "0"
        try:
            postage = Decimal(text)
        except InvalidOperation as exc:
            raise UserError("邮费差价不是数字: {value}", field="postage", value=text) from exc
        return SlipDraft(
            kind=str(self.kind.currentData()),
            items=reship.parse_item_lines(self.items.toPlainText()),
            buyer_id=self.buyer.text(),
            order_no=self.order_no.text(),
            receiver=self.receiver.text(),
            phone=self.phone.text(),
            address=self.address.text(),
            courier=self.courier.currentText(),
            postage_diff=postage,
            note=self.note.text() if self._note_is_own() else "",
        )

    def _note_is_own(self) -> bool:
        """A note the user typed is kept; the generated one is made again from the items."""
        return self._slip is None or self.note.text().strip() != self._slip.note

    def save(self) -> None:
        s = self._ctx.settings
        slip = self._slip

        def work() -> SlipRow:
            draft = self.draft()
            if slip is None:
                return reship.create_slip(self._ctx.sessions, draft, s.shop, s.user, s.station)
            return reship.update_slip(self._ctx.sessions, slip.id, draft, s.shop, s.user, s.station)

        done = run_op(work, says=self.message, lang=s.lang, marks=self.marks)
        if done is None:
            return
        self.result_row = done.value
        self.accept()
