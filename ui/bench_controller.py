"""The bench's logic: scan → match → items → reason/condition → register, keyboard only.

The view (``bench_view.BenchView``) holds the widgets; every data change goes through a
service, and ``OpsBus.notify`` tells the other views.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStringListModel, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from returnsdesk.context import AppContext
from returnsdesk.domain import commands, routing, strings
from returnsdesk.domain.scan import ScanKind
from returnsdesk.errors import UserError
from returnsdesk.services import identify, lists, match, receive, register
from returnsdesk.services.identify import LINKABLE, Found
from returnsdesk.services.match import MatchView, SearchHit
from returnsdesk.services.receive import ParcelView
from returnsdesk.services.register import MoneyInput, NoInfoInput, RegisterInput
from returnsdesk.ui.bench_items import ItemEntry, line_spec
from returnsdesk.ui.bench_view import BenchView
from returnsdesk.ui.ops import OpsBus
from returnsdesk.ui.today_model import TodayModel

if TYPE_CHECKING:
    from returnsdesk.ui.print_preview import LabelPreview

_MONEY = re.compile(r"^\s*(?P<kind>[^\d\s.¥]*)\s*[¥]?(?P<amount>\d+(\.\d{1,2})?)\s*元?\s*$")


class BenchController(QObject):
    def __init__(
        self, view: BenchView, ctx: AppContext, bus: OpsBus, print_kick: object = None
    ) -> None:
        super().__init__(view)
        self.v = view
        self.ctx = ctx
        self.bus = bus
        self.s = ctx.settings
        self._print_kick = print_kick
        self.parcel: ParcelView | None = None
        self.match: MatchView | None = None
        self.last_registered: int | None = None
        self.hits: list[SearchHit] = []
        self.choices: list[tuple[str, str]] = []
        self.label_preview: LabelPreview | None = None

        self.today = TodayModel(ctx, self)
        view.today_table.setModel(self.today)
        self.reasons = lists.reasons(ctx.sessions)
        self.conditions = lists.conditions(ctx.sessions)
        view.reason_picker.set_choices(self.reasons)
        view.condition_picker.set_choices(self.conditions)
        self.items = ItemEntry(self)
        self._hits_model = QStringListModel(self)
        view.search_results.setModel(self._hits_model)
        self._search_timer = QTimer(self, singleShot=True, interval=120)
        self._search_timer.timeout.connect(self._search)

        view.scan_input.returnPressed.connect(self.on_scan_box)
        view.buyer_input.textEdited.connect(lambda _t: self._search_timer.start())
        view.buyer_input.returnPressed.connect(self.on_buyer_enter)
        view.search_results.activated.connect(lambda idx: self.attach_hit(idx.row()))
        view.commit_button.clicked.connect(self.commit)
        view.contents_input.returnPressed.connect(self.commit_no_info)
        view.noinfo_button.clicked.connect(self.commit_no_info)
        view.freight_check.toggled.connect(self._freight_toggled)
        bus.changed.connect(self._changed)
        self.today.reload()
        self.reset()

    # --- messages -----------------------------------------------------------------------
    def info(self, text: str) -> None:
        self.v.status_line.setStyleSheet("color:#1b5e20")
        self.v.status_line.setText(text)

    def error(self, text: str, field: QWidget | None = None) -> None:
        self.v.status_line.setStyleSheet("color:#c62828")
        self.v.status_line.setText(text)
        QApplication.beep()
        if field is not None:
            field.setStyleSheet("border: 2px solid #c62828;")
            field.setFocus()

    def _clear_marks(self) -> None:
        for w in (
            self.v.item_input,
            self.v.buyer_input,
            self.v.money_input,
            self.v.target_input,
            self.v.contents_input,
            self.v.reason_picker,
            self.v.condition_picker,
        ):
            w.setStyleSheet("")

    def _changed(self, kinds: set[str]) -> None:
        if "parcels" in kinds:
            self.today.reload()

    # --- the form -----------------------------------------------------------------------
    def reset(self) -> None:
        """Ready for the next parcel: empty form, focus in the scan box."""
        self.parcel = None
        self.match = None
        self.items.reset()
        v = self.v
        for w in (
            v.buyer_input,
            v.item_input,
            v.accessory_input,
            v.target_input,
            v.money_input,
            v.sender_name,
            v.sender_phone,
            v.sender_city,
            v.contents_input,
        ):
            w.clear()
        v.qty_input.setValue(1)
        v.item_input.setPlaceholderText(self.tr("商品: 扫条码或输入款号 (回车接受订单商品)"))
        v.lines_list.clear()
        v.freight_check.setChecked(False)
        v.packaging_check.setChecked(False)
        for label in (
            v.buyer_value,
            v.order_value,
            v.reason_value,
            v.agent_value,
            v.warehouse_value,
            v.receiver_value,
            v.courier_label,
        ):
            label.clear()
        v.warning_label.hide()
        v.buyer_box.hide()
        v.noinfo_box.hide()
        self._hits_model.setStringList([])
        self.choices = []
        self._clear_marks()
        v.scan_input.clear()
        v.scan_input.setFocus()

    def _show_parcel(self, p: ParcelView, m: MatchView | None) -> None:
        self.parcel, self.match = p, m
        v = self.v
        v.courier_label.setText(f"{p.courier}  {p.tracking_no}")
        v.slip_label.setText("")
        v.bin_label.clear()
        v.bin_label.setStyleSheet("")
        v.return_string_label.clear()
        v.register_line_label.clear()
        self._show_warning()
        self._show_match()

    def _show_warning(self) -> None:
        p = self.parcel
        if p is not None and p.needs_decision:
            what = self.tr("顺丰件") if p.is_sf else self.tr("到付件")
            self.v.warning_label.setText(
                self.tr(
                    "{0}: 按规定拒收。F2 拒收 · F3 接收(买家原因,运费分摊) · F4 接收(我方原因,店铺承担)"
                ).replace("{0}", what)
            )
            self.v.warning_label.show()
        else:
            self.v.warning_label.hide()

    def _show_match(self) -> None:
        v, m = self.v, self.match
        v.lines_list.clear()
        if m is None:
            v.buyer_box.show()
            v.buyer_input.setFocus()
            return
        v.buyer_box.hide()
        v.buyer_value.setText(m.buyer_id)
        v.order_value.setText(m.order_no)
        v.reason_value.setText(m.stated_reason)
        v.agent_value.setText(m.agent)
        dist = self.tr(" (分销)") if m.is_distribution else ""
        v.warehouse_value.setText(m.warehouse + dist)
        v.receiver_value.setText(f"{m.receiver_name} {m.phone_masked} {m.city}".strip())
        for line in m.lines:
            v.lines_list.addItem(f"{strings.item_text(line_spec(line), self.s.shop)}*{line.qty}")
        if m.lines:
            v.lines_list.setCurrentRow(0)
            v.item_input.setPlaceholderText(
                self.tr("回车接受订单商品: ") + v.lines_list.item(0).text()
            )
        v.item_input.setFocus()

    # --- scans --------------------------------------------------------------------------
    def on_scan_box(self) -> None:
        text = self.v.scan_input.text()
        self.v.scan_input.clear()
        self.on_scan(text)

    def on_scan(self, raw: str) -> None:
        ident = identify.identify_value(self.ctx.sessions, raw)
        scan = ident.scan
        self._clear_marks()
        unmatched = self.parcel is not None and self.match is None
        if scan.kind is ScanKind.COMMAND and scan.command is not None:
            self.run_command(scan.command)
        elif scan.kind is ScanKind.PARCEL_LABEL:
            self.show_parcel_label(scan.value)
        elif unmatched and ident.found & LINKABLE and Found.PARCEL not in ident.found:
            self.link(raw)
        elif ident.is_parcel_number:
            self.receive(raw)
        elif (Found.SKU in ident.found or scan.kind is ScanKind.SKU) and self.parcel is not None:
            self.items.add_item_text(ident.value)
        elif Found.SKU in ident.found or scan.kind is ScanKind.SKU:
            self.error(self.tr("这是商品条码, 请先扫描快递单号"), self.v.scan_input)
        elif scan.kind is ScanKind.TEXT and unmatched:
            self.attach(scan.value)
        elif scan.kind is ScanKind.TEXT or ident.found:
            self.error(
                self.tr("“{0}” 不是快递单号 (旺旺名请在买家栏输入)").replace(
                    "{0}", raw.strip()[:30]
                ),
                self.v.scan_input,
            )
        else:
            self.error(self.tr("无法识别的扫描内容, 请重扫"), self.v.scan_input)

    def link(self, raw: str) -> None:
        """A parcel that came back on a new waybill, matched by a second number or ID."""
        if self.parcel is None:
            return
        try:
            m = receive.link_number(
                self.ctx.sessions, self.parcel.id, raw, self.s.user, self.s.station
            )
        except UserError as exc:
            self.error(exc.text(self.s.lang), self.v.scan_input)
            return
        self.match = m
        self.parcel = replace(self.parcel, buyer_id=m.buyer_id, status="matched")
        self._show_match()
        self.bus.notify("parcels")
        self.info(
            self.tr("已按 {0} 匹配买家 {1}")
            .replace("{0}", raw.strip()[:30])
            .replace("{1}", m.buyer_id)
        )

    def receive(self, raw: str) -> None:
        if self.parcel is not None:
            self.info(self.tr("上一个包裹未登记, 已保留在今日列表"))
        try:
            got = receive.receive_scan(self.ctx.sessions, raw, self.s.user, self.s.station)
        except UserError as exc:
            self.error(exc.text(self.s.lang), self.v.scan_input)
            return
        self.reset()
        p = got.parcel
        if not got.created and p.status in ("registered", "no_info", "refused"):
            self._show_done(p)
            self.error(
                self.tr("重复扫描: 该包裹已登记, 纸条编号 {0}").replace(
                    "{0}", str(p.slip_no or "-")
                )
                + f" · {register.STATUS_NAMES[p.status]} · {p.return_string or p.register_line}"
            )
            self.v.scan_input.setFocus()
            return
        self._show_parcel(p, got.match)
        self.bus.notify("parcels")
        if not got.created:
            self.info(self.tr("该包裹已扫描, 继续登记"))
        elif got.match is None:
            self.info(self.tr("没有匹配的退货申请: 请输入纸条上的旺旺名, 或 F8 登记无信息件"))
        else:
            self.info(self.tr("已匹配买家 {0}").replace("{0}", got.match.buyer_id))

    def _show_done(self, p: ParcelView) -> None:
        row = self.today.row_of(p.id)
        if row >= 0:
            self.v.today_table.selectRow(row)
        self.v.slip_label.setText(self.tr("纸条 {0}").replace("{0}", str(p.slip_no or "-")))
        self.v.return_string_label.setText(p.return_string)
        self.v.register_line_label.setText(p.register_line)
        self.last_registered = p.id

    def show_parcel_label(self, code: str) -> None:
        from returnsdesk.domain.codes import parse_parcel_code

        pid = parse_parcel_code(code)
        row = self.today.row_of(pid) if pid is not None else -1
        if row < 0:
            self.error(self.tr("标签 {0} 不是今天的包裹").replace("{0}", code))
            return
        self.v.today_table.selectRow(row)
        self.last_registered = pid
        self.info(self.tr("已选中标签 {0}: F12 重打").replace("{0}", code))

    def run_command(self, cmd: commands.Command) -> None:
        actions = {
            "COMMIT": self.commit,
            "CANCEL": self.cancel,
            "REPRINT": self.reprint,
            "NOINFO": self.show_no_info,
            "COPY": self.copy_string,
        }
        if cmd.action in actions:
            actions[cmd.action]()
        elif cmd.action == "REASON" and not self.v.reason_picker.select_key(cmd.key):
            self.error(self.tr("没有这个原因键 {0}").replace("{0}", cmd.key))
        elif cmd.action == "CONDITION" and not self.v.condition_picker.select_key(cmd.key):
            self.error(self.tr("没有这个好坏键 {0}").replace("{0}", cmd.key))

    # --- buyer --------------------------------------------------------------------------
    def _search(self) -> None:
        """Results as the clerk types. Row by row: (buyer, order); a row for taking the typed
        text as the slip's Wangwang ID comes first unless a hit is exactly that ID."""
        self._search_timer.stop()
        text = self.v.buyer_input.text().strip()
        self.hits = match.search(self.ctx.sessions, text) if text else []
        exact = [i for i, h in enumerate(self.hits) if h.buyer_id.lower() == text.lower()]
        self.choices = [(h.buyer_id, h.order_no) for h in self.hits]
        rows = [f"{h.buyer_id}  {h.receiver_name}  {h.phone_masked}  {h.city}" for h in self.hits]
        best = exact[0] if exact else 0
        if text and not exact:
            self.choices.insert(0, (text, ""))
            rows.insert(0, self.tr("按纸条上的旺旺名登记: {0}").replace("{0}", text))
            sure = self.hits and self.hits[0].score >= 100
            best = 1 if sure else 0
        self._hits_model.setStringList(rows)
        if rows:
            self.v.search_results.setCurrentIndex(self._hits_model.index(best))

    def move_hit(self, step: int) -> None:
        """Up/Down in the buyer box moves through the results."""
        row = self.v.search_results.currentIndex().row() + step
        if 0 <= row < self._hits_model.rowCount():
            self.v.search_results.setCurrentIndex(self._hits_model.index(row))

    def on_buyer_enter(self) -> None:
        if not self.v.buyer_input.text().strip():
            self.error(self.tr("请输入旺旺名, 或 F8 登记无信息件"), self.v.buyer_input)
            return
        if self._search_timer.isActive() or not self.choices:
            self._search()
        self.attach_hit(self.v.search_results.currentIndex().row())

    def attach_hit(self, row: int) -> None:
        if 0 <= row < len(self.choices):
            self.attach(*self.choices[row])

    def attach(self, buyer: str, order_no: str = "") -> None:
        if self.parcel is None:
            return
        try:
            m = receive.attach_buyer(
                self.ctx.sessions, self.parcel.id, buyer, self.s.user, self.s.station, order_no
            )
        except UserError as exc:
            self.error(exc.text(self.s.lang), self.v.buyer_input)
            return
        self.match = m
        self.parcel = replace(self.parcel, buyer_id=m.buyer_id, status="matched")
        self._show_match()
        known = m.order_id is not None
        self.info(
            (
                self.tr("买家 {0}: 找到订单")
                if known
                else self.tr("买家 {0}: 没有订单记录, 按纸条登记")
            ).replace("{0}", m.buyer_id)
        )

    # --- items --------------------------------------------------------------------------
    def _money(self) -> tuple[MoneyInput, ...] | None:
        text = self.v.money_input.text().strip()
        if not text:
            return ()
        out = []
        for part in re.split(r"[,，;；]", text):
            m = _MONEY.match(part)
            if not m:
                self.error(self.tr("钱款格式: 邮费 10 或 现金 50.5"), self.v.money_input)
                return None
            out.append(MoneyInput(m.group("kind") or "邮费", m.group("amount")))
        return tuple(out)

    # --- decisions and commits ----------------------------------------------------------
    def _freight_toggled(self, on: bool) -> None:
        if self.parcel is None or on == self.parcel.is_freight_collect:
            return
        self._set_freight(freight_collect=on)

    def _set_freight(self, **kw: object) -> None:
        if self.parcel is None:
            self.error(self.tr("请先扫描快递单号"), self.v.scan_input)
            return
        try:
            p = receive.set_freight(
                self.ctx.sessions,
                self.parcel.id,
                self.s.user,
                self.s.station,
                **kw,  # type: ignore[arg-type]
            )
        except UserError as exc:
            self.error(exc.text(self.s.lang))
            return
        self.parcel = p
        self._show_warning()
        self.bus.notify("parcels")
        if p.status == "refused":
            self.reset()
            self.info(self.tr("已拒收 {0}").replace("{0}", p.tracking_no))
        elif kw.get("decision"):
            self.info(self.tr("已记录接收原因, 继续登记"))
            self.v.item_input.setFocus()

    def refuse(self) -> None:
        # what is stored is the shop's record, in Chinese whatever the UI language
        self._set_freight(decision="refused", note="按规定拒收")

    def accept_buyer(self) -> None:
        self._set_freight(decision="buyer_shared", payer="买家分摊运费", note="买家原因")

    def accept_ours(self) -> None:
        self._set_freight(decision="ours", payer="店铺承担", note="我方原因")

    def commit(self) -> None:
        if self.parcel is None:
            self.error(self.tr("请先扫描快递单号"), self.v.scan_input)
            return
        if self.v.item_input.text().strip():
            self.items.add_item_text(self.v.item_input.text().strip())
        if self.match is None:
            if self.v.noinfo_box.isVisible():
                self.commit_no_info()
            else:
                self.error(
                    self.tr("未匹配买家: 请输入旺旺名, 或 F8 登记无信息件"), self.v.buyer_input
                )
            return
        money = self._money()
        if money is None:
            return
        data = RegisterInput(
            self.items.inputs(), money, packaging_damaged=self.v.packaging_check.isChecked()
        )
        try:
            res = register.register_parcel(
                self.ctx.sessions, self.parcel.id, data, self.s.user, self.s.station, self.s.shop
            )
        except UserError as exc:
            field = self.v.reason_picker if "原因" in exc.text() else self.v.item_input
            self.error(exc.text(self.s.lang), field)
            return
        self._done(res)

    def show_no_info(self) -> None:
        if self.parcel is None:
            self.error(self.tr("请先扫描快递单号"), self.v.scan_input)
            return
        self.v.noinfo_box.show()
        self.v.sender_name.setFocus()
        self.info(self.tr("无信息件: 录入寄件人、电话、城市和包裹内容, 回车登记"))

    def commit_no_info(self) -> None:
        if self.parcel is None:
            return
        money = self._money()
        if money is None:
            return
        items = self.items.inputs()
        v = self.v
        data = NoInfoInput(
            v.sender_name.text(),
            v.sender_phone.text(),
            v.sender_city.text(),
            v.contents_input.text(),
            items,
            money,
            v.packaging_check.isChecked(),
        )
        try:
            res = register.mark_no_info(
                self.ctx.sessions, self.parcel.id, data, self.s.user, self.s.station, self.s.shop
            )
        except UserError as exc:
            self.error(exc.text(self.s.lang), v.contents_input)
            return
        self._done(res)

    def _done(self, res: register.RegisterResult) -> None:
        self.reset()
        self.last_registered = res.parcel_id
        self.v.slip_label.setText(self.tr("纸条 {0}").replace("{0}", str(res.slip_no)))
        self.items.show_bins(res.bins or [routing.PENDING])
        self.v.return_string_label.setText(res.return_string)
        self.v.register_line_label.setText(res.register_line)
        extra = f" · {res.repair_note}" if res.repair_note else ""
        if res.reship_slip_ids:
            extra += self.tr(" · 已生成补发单")
        self.print_label(res.parcel_id)
        self._preview_label(res.parcel_id)
        self.bus.notify("parcels", "reship", "money")
        self.info(self.tr("已登记: 纸条编号 {0}").replace("{0}", str(res.slip_no)) + extra)

    def _preview_label(self, parcel_id: int) -> None:
        from returnsdesk.ui.print_preview import LabelPreview

        if self.label_preview is None:
            self.label_preview = LabelPreview(self.ctx, height=240)
            self.v.preview_layout.addWidget(self.label_preview)
        self.v.preview_box.show()
        self.label_preview.show_parcel(parcel_id)

    def cancel(self) -> None:
        if self.parcel is not None:
            self.info(
                self.tr("已取消, 包裹 {0} 保留在今日列表 (未登记)").replace(
                    "{0}", self.parcel.tracking_no
                )
            )
        self.reset()

    # --- output -------------------------------------------------------------------------
    def copy_string(self) -> None:
        text = self.v.return_string_label.text() or self.v.register_line_label.text()
        if not text:
            self.error(self.tr("没有可复制的登记字符串"))
            return
        QApplication.clipboard().setText(text)
        self.info(self.tr("已复制: {0}").replace("{0}", text))

    def print_label(self, parcel_id: int) -> None:
        from returnsdesk.services import print_queue  # loads the PDF renderer: not at start-up

        try:
            print_queue.enqueue(
                self.ctx.sessions, "label", str(parcel_id), self.s.user, self.s.station
            )
        except UserError as exc:
            self.error(exc.text(self.s.lang))
            return
        kick = getattr(self._print_kick, "kick", None)
        if callable(kick):
            kick()
        self.bus.notify("print")

    def reprint(self) -> None:
        rows = self.v.today_table.selectionModel().selectedRows()
        pid = self.today.parcel_id(rows[0].row()) if rows else self.last_registered
        if pid is None:
            self.error(self.tr("请先在今日列表中选中包裹"))
            return
        self.print_label(pid)
        self.info(self.tr("已重新打印标签"))
        self.v.scan_input.setFocus()

    def day(self) -> dt.date:
        return dt.date.today()
