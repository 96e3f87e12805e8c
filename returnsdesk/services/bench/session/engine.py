"""The bench session: one Qt-free engine behind the window, the scanner and ``register``.

It takes scans and keys as plain values, holds the parcel in hand (stored as it is typed),
calls the services and answers each with an ``Outcome``. The window only shows outcomes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from returnsdesk.domain import barcode_commands
from returnsdesk.domain.barcode_commands import Action
from returnsdesk.domain.kinds import FreightDecision, ItemAction, ParcelOutcome
from returnsdesk.domain.status import OPEN, ParcelStatus, status_name
from returnsdesk.errors import DuplicateParcel, UserError
from returnsdesk.services.bench import identify, parcel_state, receive, register
from returnsdesk.services.bench.identify import Meaning
from returnsdesk.services.bench.match import MatchView
from returnsdesk.services.bench.register import NoInfoInput, RegisterInput
from returnsdesk.services.bench.session.photos import PhotoOps
from returnsdesk.services.bench.session.state import Event, Field, Outcome, ParcelDraft, Sound


class BenchSession(PhotoOps):
    # --- scans --------------------------------------------------------------------------
    def scan(self, raw: str) -> Outcome:
        """A scan (or a value typed into the scan box): identified once, then dispatched."""
        ident = identify.identify_value(self.sessions, raw)
        m, d = ident.meaning, self.draft
        shown = raw.strip()[:40]
        unmatched = d is not None and d.match is None and not d.no_info
        if m is Meaning.COMMAND and ident.scan.command is not None:
            return self.command(ident.scan.command)
        if m is Meaning.PARCEL_LABEL:
            return self.pick_label(ident.value)
        if unmatched and ident.links:
            return self.link(raw)
        if m is Meaning.TRACKING:
            return self.receive(raw, ident)
        if d is not None and m is Meaning.SKU:
            return self.add_text(ident.value)
        if unmatched and m is Meaning.TEXT:  # a buyer is chosen in the buyer box, not guessed
            return self.fail(self.tr("没有找到 “{value}”: 旺旺名请在买家栏输入并选择, 或按 F8 登记为无信息件",
                                     value=shown), Field.BUYER, event=Event.IGNORED)  # fmt: skip
        if d is not None and m is Meaning.TEXT:
            return self.add_text(ident.value)
        if m is Meaning.SKU:
            return self.fail(self.tr("这是商品条码 {value}, 请先扫描快递单号", value=shown),
                             Field.SCAN, event=Event.IGNORED)  # fmt: skip
        if m is Meaning.RESHIP_SLIP:
            return self.fail(self.tr("这是补发单条码 {value}: 请在补发单台扫描", value=shown),
                             Field.SCAN, event=Event.IGNORED)  # fmt: skip
        if m is not Meaning.GARBAGE:
            return self.fail(self.tr("“{value}” 不是快递单号 (旺旺名请在买家栏输入)", value=shown),
                             Field.SCAN, event=Event.IGNORED)  # fmt: skip
        return self.fail(self.tr("无法识别的扫描内容 “{value}”, 请重扫", value=shown),
                         Field.SCAN, event=Event.IGNORED)  # fmt: skip

    def command(self, cmd: barcode_commands.Command) -> Outcome:
        simple: dict[Action, Callable[[], Outcome]] = {
            Action.COMMIT: self.commit,
            Action.CANCEL: self.cancel,
            Action.REFUSE: lambda: self.decide(FreightDecision.REFUSED),
            Action.ACCEPTBUYER: lambda: self.decide(FreightDecision.BUYER_SHARED),
            Action.ACCEPTOURS: lambda: self.decide(FreightDecision.OURS),
            Action.FREIGHT: self.toggle_freight_collect,
            Action.EXCHANGE: lambda: self.start_target(ItemAction.EXCHANGE),
            Action.REISSUE: lambda: self.start_target(ItemAction.REISSUE),
            Action.NOINFO: self.start_no_info,
            Action.COPY: self.copy,
            Action.MONEY: self.ask_money,
            Action.PACKAGING: self.toggle_packaging,
            Action.REPRINT: self.reprint,
            Action.NEXT: self.next_item,
            Action.REMOVE: self.remove_item,
            Action.BIN: self.cycle_bin,
            Action.PHOTO: self.take_photo,
        }
        if cmd.action in simple:
            return simple[cmd.action]()
        if cmd.action is Action.REASON:
            return self.reason_key(cmd.key)
        if cmd.action is Action.CONDITION:
            return self.condition_key(cmd.key)
        if cmd.action is Action.LINE:
            return self.pick_line(int(cmd.key) - 1)
        if cmd.action is Action.BINTO:
            return self.set_bin(cmd.key)
        if cmd.action is Action.OUTCOME:
            return self.toggle_outcome(cmd.key)
        return self.fail(self.tr("未知的指令 {code}", code=cmd.action), event=Event.IGNORED)

    # --- the parcel in hand -------------------------------------------------------------
    def receive(self, raw: str, ident: identify.Identified | None = None) -> Outcome:
        """A tracking number: park what is in hand, sign the parcel in (or find it again)."""
        try:
            got = receive.receive_scan(self.sessions, raw, self.user, self.station,
                                       identified=ident)  # fmt: skip
        except UserError as exc:
            return self.refused(exc, Field.SCAN)
        p = got.parcel
        d = self.draft
        if d is not None and d.parcel.id == p.id:
            return self.ok(Event.RESUMED, self.tr("这个包裹正在登记中"), sound=Sound.NONE)
        parked = self.park()
        if p.status not in OPEN:
            self.selected = p.id
            self.store.drop(p.id)
            status = status_name(p.status, self.lang)
            text = self.tr("重复扫描: 该包裹已登记, 纸条编号 {slip}", slip=p.slip_no or "-")
            banner = f"{text} · {status} · {p.return_string or p.register_line}"
            return self.fail(text, Field.SCAN, event=Event.DUPLICATE, parcel_id=p.id,
                             banner="\n".join(x for x in (banner, parked) if x))  # fmt: skip
        self.draft = ParcelDraft(p, got.match)
        stored = self.store.get(p.id)
        if stored is not None:
            try:
                self.draft.apply(stored)
            except (TypeError, ValueError, KeyError, AttributeError):
                self.draft = ParcelDraft(p, got.match)  # a draft this version cannot read
                stored = None
        self.save()
        if stored is not None:
            text = self.tr("继续登记 {tracking}: 已恢复录入的内容", tracking=p.tracking_no)
            event = Event.RESUMED
        elif got.match is None:
            text = self.tr("没有匹配的退货申请: 请输入纸条上的旺旺名, 或 F8 登记无信息件")
            event = Event.RECEIVED
        elif not got.created:
            text, event = self.tr("该包裹已扫描, 继续登记"), Event.RESUMED
        else:
            text = self.tr("已匹配买家 {buyer}", buyer=got.match.buyer_id)
            event = Event.RECEIVED
        return self.ok(event, text, banner=parked or self.decision_banner(), parcel_id=p.id)

    def park(self) -> str:
        """Put the parcel in hand aside, its draft kept; the banner line saying so."""
        d, self.draft = self.draft, None
        if d is None:
            return ""
        if d.touched:
            self.store.save(d.parcel.id, d.to_dict(), current=False)
        else:
            self.store.drop(d.parcel.id)
        self.store.set_current(None)
        return self.tr("上一个包裹 {tracking} 未登记, 已保留: 在今日列表选中或再扫一次可继续",
                       tracking=d.parcel.tracking_no)  # fmt: skip

    def resume(self, parcel_id: int) -> Outcome:
        """Back to a parcel picked in today's list (or a draft found at start-up)."""
        tracking = parcel_state.tracking_of(self.sessions, parcel_id)
        if tracking is None:
            return self.fail(self.tr("找不到包裹 {id}", id=parcel_id), Field.SCAN)
        return self.receive(tracking)

    def restore(self) -> Outcome | None:
        """At start-up: the parcel that was in hand when the bench closed, as typed. Drafts
        of parcels closed since (another station, the day close) are let go."""
        for pid in self.store.parked():
            if parcel_state.slip_and_status(self.sessions, pid)[1] not in parcel_state.OPEN:
                self.store.drop(pid)
        stored = self.store.current()
        if stored is None:
            return None
        self.store.set_current(None)
        out = self.resume(int(stored["parcel_id"]))
        if out.failed or self.draft is None:
            return out
        text = self.tr("已恢复上次未登记完的包裹 {tracking}: 打过的字都在",
                       tracking=self.draft.parcel.tracking_no)  # fmt: skip
        return replace(out, message=text, banner=text)

    def parked(self) -> list[int]:
        return self.store.parked()

    def pick_label(self, code: str) -> Outcome:
        from returnsdesk.domain.codes import parse_parcel_code

        pid = parse_parcel_code(code)
        if pid is None or parcel_state.tracking_of(self.sessions, pid) is None:
            return self.fail(self.tr("标签 {code} 不是本系统的包裹", code=code), Field.SCAN)
        self.selected = pid
        text = self.tr("已选中标签 {code}: F12 重打", code=code)
        return self.ok(Event.SELECTED, text, parcel_id=pid, field=self.next_field())

    def attach(self, buyer: str, order_no: str = "") -> Outcome:
        if (missing := self.need_parcel()) is not None:
            return missing
        if (bad := self.bad_text("buyer", buyer, order_no)) is not None:
            return bad
        m = self._matched(
            lambda d: receive.attach_buyer(
                self.sessions, d.parcel.id, buyer, self.user, self.station, order_no
            )
        )
        if isinstance(m, Outcome):
            return m
        text = (
            self.tr("买家 {buyer}: 找到订单", buyer=m.buyer_id)
            if m.order_id is not None
            else self.tr("买家 {buyer}: 没有订单记录, 按纸条登记", buyer=m.buyer_id)
        )
        return self.ok(Event.ATTACHED, text)

    def _matched(self, find: Callable[[ParcelDraft], MatchView]) -> MatchView | Outcome:
        """Match the parcel in hand (``find``); its items' reasons default from the match."""
        d = self.draft
        assert d is not None
        try:
            m = find(d)
        except DuplicateParcel as exc:
            return self._lost(exc)
        except UserError as exc:
            return self.refused(exc, Field.BUYER)
        d.match = m
        for it in d.items:
            it.reason = it.reason or self.default_reason(d)
        self.save()
        return m

    def link(self, raw: str) -> Outcome:
        """A parcel that came back on a new waybill, matched by a second number or ID."""
        m = self._matched(
            lambda d: receive.link_number(self.sessions, d.parcel.id, raw, self.user, self.station)
        )
        if isinstance(m, Outcome):
            return m
        text = self.tr("已按 {value} 匹配买家 {buyer}", value=raw.strip()[:30], buyer=m.buyer_id)
        return self.ok(Event.ATTACHED, text)

    # --- registering --------------------------------------------------------------------
    def commit(self) -> Outcome:
        """Register the parcel in hand (Enter, 登记, ``RD+COMMIT``); asks for what is missing."""
        if (missing := self.need_parcel()) is not None:
            return missing
        d = self.draft
        assert d is not None
        if d.parcel.needs_decision:
            return self.fail(self.decision_banner(), Field.DECISION, banner=self.decision_banner())
        if d.no_info:
            sender = (d.sender_name, d.sender_phone, d.sender_city, d.contents)
            if (bad := self.bad_text("contents", *sender)) is not None:
                return bad
            refusal, waiver = self.photo_gate()
            if refusal is not None:
                return refusal
            return self.with_waiver(self._finish(lambda: register.mark_no_info(
                self.sessions, d.parcel.id,
                NoInfoInput(d.sender_name, d.sender_phone, d.sender_city, d.contents,
                            tuple(d.items), tuple(d.money),
                            d.packaging_damaged),
                self.user, self.station, self.shop, self.labels), Field.NO_INFO), waiver)  # fmt: skip
        if d.match is None:
            return self.fail(self.tr("未匹配买家: 请输入旺旺名, 或 F8 登记无信息件"), Field.BUYER)
        if not d.items and ParcelOutcome.EMPTY not in d.outcomes:
            return self.fail(self.tr("请至少录入一件收到的商品 (空包: Ctrl+1)"), Field.ITEM)
        for i, it in enumerate(d.items):
            name = self.item_name(it.spec)
            if not it.reason or not it.condition:
                d.current = i
                what = self.tr("退回原因") if not it.reason else self.tr("产品好坏")
                field = Field.REASON if not it.reason else Field.CONDITION
                text = self.tr("第 {n} 件 {item}: 请选择{what}", n=i + 1, item=name, what=what)
                return self.fail(text, field, item=i)
        unsure = [i for i, it in enumerate(d.items) if not it.in_order and not it.confirmed]
        if unsure and d.match.lines:
            if not d.confirm_pending:
                names = ", ".join(self.item_name(d.items[i].spec) for i in unsure)
                text = self.tr("{items} 不在订单里: 确认无误请再按一次登记", items=names)
                self.save()
                d.confirm_pending = True
                return self.fail(text, Field.SCAN, banner=text, item=unsure[0])
            for i in unsure:
                d.items[i].confirmed = True
        refusal, waiver = self.photo_gate()
        if refusal is not None:
            return refusal
        data = RegisterInput(tuple(d.items), tuple(d.money), d.has_slip,
                             d.packaging_damaged,
                             buyer=d.match.buyer_id if d.match else "",
                             outcomes=tuple(d.outcomes))  # fmt: skip
        return self.with_waiver(self._finish(lambda: register.register_parcel(
            self.sessions, d.parcel.id, data, self.user, self.station, self.shop, self.labels),
            Field.ITEM),
            waiver)  # fmt: skip

    def _finish(self, work: Callable[[], register.RegisterResult], field: Field) -> Outcome:
        d = self.draft
        assert d is not None
        try:
            res = work()
        except DuplicateParcel as exc:
            return self._lost(exc)
        except UserError as exc:
            return self.refused(exc, field)
        self.store.drop(d.parcel.id)
        self.draft = None
        self.last = res
        self.selected = res.parcel_id  # its labels were queued with it
        text = self.tr("已登记: 纸条编号 {slip}", slip=res.slip_no)
        if res.status == ParcelStatus.NO_INFO:
            text = self.tr("无信息件已登记: 纸条编号 {slip}", slip=res.slip_no)
        if res.repair_note:
            text += f" · {res.repair_note}"
        if res.reship_slip_ids:
            text += self.tr(" · 已生成补发单")
        event = Event.NO_INFO if res.status == ParcelStatus.NO_INFO else Event.REGISTERED
        return self.ok(event, text, result=res, parcel_id=res.parcel_id)

    def warm_up(self) -> None:
        """Before the first parcel (the window calls it once it shows)."""
        from returnsdesk.services.bench.session.warm import warm_up

        reason = self.reasons[0].code if self.reasons else ""
        cond = self.conditions[0].code if self.conditions else ""
        warm_up(self.sessions, self.shop, self.user, self.station, reason, cond)

    def print_labels(self, parcel_id: int) -> list[int]:
        """One box label per bin the parcel's items go to."""
        from returnsdesk.services.printing import queue  # the renderer loads late

        return queue.queue_labels(self.sessions, parcel_id, self.user, self.station)

    def cancel(self) -> Outcome:
        """Esc: the parcel stays in today's list, its draft kept for when it comes back."""
        d = self.draft
        if d is None:
            return self.ok(Event.PARKED, "", sound=Sound.NONE)
        self.park()
        text = self.tr(
            "已取消, 包裹 {tracking} 保留在今日列表 (未登记)", tracking=d.parcel.tracking_no
        )
        return self.ok(Event.PARKED, text, parcel_id=d.parcel.id, sound=Sound.NOTICE)

    # --- output -------------------------------------------------------------------------
    def copy(self) -> Outcome:
        last = self.last
        text = (last.return_string or last.register_line) if last is not None else ""
        if not text:
            return self.fail(self.tr("没有可复制的登记字符串"))
        return self.ok(Event.COPIED, self.tr("已复制: {value}", value=text), copy_text=text)

    def reprint(self, parcel_id: int | None = None) -> Outcome:
        pid = parcel_id or self.selected or (self.last.parcel_id if self.last else None)
        if pid is None:
            return self.fail(self.tr("请先在今日列表中选中包裹"))
        try:
            self.print_labels(pid)
        except UserError as exc:
            return self.refused(exc)
        return self.ok(Event.REPRINTED, self.tr("已重新打印标签"), parcel_id=pid)
