"""What the bench records about the parcel in hand besides its items: the 顺丰/到付 decision,
money found, damaged packaging, the no-info form; and losing a parcel to another station."""

from __future__ import annotations

import re

from returnsdesk.domain.kinds import (
    FreightDecision,
    ParcelOutcome,
    outcomes_of,
    parcel_outcome_name,
)
from returnsdesk.domain.money import entries_text, kind_of, parse_money
from returnsdesk.errors import DuplicateParcel, InvalidInput, UnknownMoneyKind, UserError
from returnsdesk.services.bench import receive
from returnsdesk.services.bench.register import MoneyInput
from returnsdesk.services.bench.session.items import ItemOps
from returnsdesk.services.bench.session.state import Event, Field, Outcome, Sound

_MONEY = re.compile(r"^\s*(?P<kind>[^\d.¥+-]*?)\s*[¥]?(?P<amount>[+-]?\d+(\.\d+)?)\s*元?\s*$")
DEFAULT_MONEY_KIND = "邮费"  # what a bare amount in a parcel usually is: exchange postage
DECISIONS: dict[str, tuple[str, str]] = {
    # decision -> (payer, note); stored in Chinese, the shop's record, whatever the UI language
    FreightDecision.REFUSED: ("", "按规定拒收"),
    FreightDecision.BUYER_SHARED: ("买家分摊运费", "买家原因"),
    FreightDecision.OURS: ("店铺承担", "我方原因"),
}


def parse_money_entries(text: str) -> list[MoneyInput]:
    """``邮费 10, 现金 50.5`` → entries; a bare amount is postage. Raises InvalidInput."""
    out = []
    for part in re.split(r"[,，;；]", text):
        if not part.strip():
            continue
        m = _MONEY.match(part)
        if m is None:
            raise InvalidInput("钱款格式: 邮费 10 或 现金 50.5", field="money")
        amount = parse_money(m.group("amount"), allow_zero=False)
        typed = m.group("kind") or DEFAULT_MONEY_KIND
        kind = kind_of(typed)
        if kind is None:
            raise UnknownMoneyKind(kind=typed)
        out.append(MoneyInput(kind, amount))
    return out


class ParcelOps(ItemOps):
    def decision_banner(self) -> str:
        d = self.draft
        if d is None or not d.parcel.needs_decision:
            return ""
        what = self.tr("顺丰件") if d.parcel.is_sf else self.tr("到付件")
        return self.tr("{what}: 按规定拒收。F2 拒收 · F3 接收(买家原因,运费分摊) · "
                       "F4 接收(我方原因,店铺承担)", what=what)  # fmt: skip

    def _lost(self, exc: DuplicateParcel) -> Outcome:
        """Another station closed the parcel first: let it go, say who."""
        if self.draft is not None:
            self.store.drop(self.draft.parcel.id)
        self.draft = None
        text = exc.text(self.lang)
        return self.fail(text, Field.SCAN, event=Event.DUPLICATE, banner=text,
                         parcel_id=exc.parcel_id)  # fmt: skip

    def _set_freight(self, **kw: object) -> Outcome | None:
        d = self.draft
        assert d is not None
        try:
            d.parcel = receive.set_freight(self.sessions, d.parcel.id, self.user, self.station,
                                           **kw)  # type: ignore[arg-type]  # fmt: skip
        except DuplicateParcel as exc:
            return self._lost(exc)
        except UserError as exc:
            return self.refused(exc, Field.DECISION)
        return None

    def decide(self, kind: str, payer: str = "", note: str = "") -> Outcome:
        """F2 refuse / F3 accept, buyer's fault / F4 accept, ours: a 顺丰 or 到付 parcel."""
        if (missing := self.need_parcel()) is not None:
            return missing
        d = self.draft
        assert d is not None
        if (bad := self.bad_text("note", payer, note)) is not None:
            return bad
        payer, note = (payer, note) if payer or note else DECISIONS[kind]
        if (err := self._set_freight(decision=kind, payer=payer, note=note)) is not None:
            return err
        if kind == FreightDecision.REFUSED:
            self.store.drop(d.parcel.id)
            self.draft = None
            self.selected = d.parcel.id
            return self.ok(
                Event.REFUSED, self.tr("已拒收 {tracking}", tracking=d.parcel.tracking_no)
            )
        self.save()
        return self.ok(Event.DECIDED, self.tr("已记录接收原因, 继续登记"))

    def toggle_freight_collect(self) -> Outcome:
        if (missing := self.need_parcel()) is not None:
            return missing
        d = self.draft
        assert d is not None
        on = not d.parcel.is_freight_collect
        if (err := self._set_freight(freight_collect=on)) is not None:
            return err
        self.save()
        text = self.tr("到付件: 请决定拒收或接收") if on else self.tr("已取消到付")
        return self.ok(Event.PARCEL_CHANGED, text, banner=self.decision_banner())

    def toggle_packaging(self) -> Outcome:
        if (missing := self.need_parcel()) is not None:
            return missing
        d = self.draft
        assert d is not None
        d.packaging_damaged = not d.packaging_damaged
        self.save()
        on = d.packaging_damaged
        text = self.tr("外包装破损: 已记录") if on else self.tr("外包装破损: 已取消")
        return self.ok(Event.PARCEL_CHANGED, text)

    def toggle_outcome(self, code: str) -> Outcome:
        """空包, 调包/货不对版, 少件, 多件/非本店: on the parcel in hand, or off again."""
        if (missing := self.need_parcel()) is not None:
            return missing
        d = self.draft
        assert d is not None
        if code not in frozenset(ParcelOutcome):
            return self.fail(self.tr("未知的包裹结果 {value}", value=code), event=Event.IGNORED)
        name = parcel_outcome_name(code, self.lang)
        if code in d.outcomes:
            d.outcomes.remove(code)
            text = self.tr("已取消: {outcome}", outcome=name)
        else:
            d.outcomes.append(code)
            text = self.tr("包裹结果: {outcome} (已记录, 请拍照或录像为证)", outcome=name)
        d.outcomes = list(outcomes_of(",".join(d.outcomes)))
        self.save()
        return self.ok(Event.PARCEL_CHANGED, text)

    def ask_money(self) -> Outcome:
        if (missing := self.need_parcel()) is not None:
            return missing
        return self.ok(Event.PARCEL_CHANGED, self.tr("钱款: 如 邮费 10 或 现金 50, 回车确认"),
                       field=Field.MONEY, sound=Sound.NONE)  # fmt: skip

    def set_money(self, text: str) -> Outcome:
        if (missing := self.need_parcel()) is not None:
            return missing
        d = self.draft
        assert d is not None
        try:
            d.money = parse_money_entries(text)
        except UserError as exc:
            return self.refused(exc, Field.MONEY)
        d.typed.pop("money", None)
        self.save()
        shown = entries_text(d.money, self.lang) or "-"
        return self.ok(Event.PARCEL_CHANGED, self.tr("钱款: {money}", money=shown))

    def start_no_info(self) -> Outcome:
        if (missing := self.need_parcel()) is not None:
            return missing
        d = self.draft
        assert d is not None
        d.no_info = True
        self.save()
        text = self.tr("无信息件: 录入寄件人、电话、城市和包裹内容, 回车登记")
        return self.ok(Event.PARCEL_CHANGED, text, field=Field.NO_INFO)

    def keep_typed(self, box: str, text: str) -> None:
        """A keystroke in the money, accessory or target box: stored as typed at once."""
        d = self.draft
        if d is not None and d.typed.get(box) != text:
            d.typed[box] = text
            self.save()

    def set_sender(self, name: str, phone: str, city: str, contents: str) -> None:
        """What the clerk reads off a no-info parcel, stored as typed."""
        d = self.draft
        if d is not None:
            d.sender_name, d.sender_phone, d.sender_city, d.contents = name, phone, city, contents
            self.save()
