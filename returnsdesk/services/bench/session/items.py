"""The items of the parcel in hand: each with its own reason, condition, bin and target."""

from __future__ import annotations

from dataclasses import replace

from returnsdesk.domain import routing, strings
from returnsdesk.domain.items import parse_item
from returnsdesk.domain.kinds import ItemAction, MatchSource, action_name, outcomes_text
from returnsdesk.domain.money import parse_money
from returnsdesk.services.bench import match
from returnsdesk.services.bench.match import LineView
from returnsdesk.services.bench.session.base import SessionBase
from returnsdesk.services.bench.session.state import (
    BinPreview,
    Event,
    Field,
    ItemDraft,
    Outcome,
    ParcelDraft,
    Preview,
    Sound,
)

REFUSED_REASON = "拒收"  # a parcel matched on our own outbound number: a refused delivery


def line_spec(line: LineView) -> strings.ItemSpec:
    return strings.ItemSpec(
        line.model, line.category, line.color, line.size, line.spec, line.qty, line.sku_code
    )


class ItemOps(SessionBase):
    def item_name(self, spec: strings.ItemSpec) -> str:
        return f"{strings.item_text(spec, self.shop)}*{spec.qty}"

    def default_reason(self, d: ParcelDraft) -> str:
        """The buyer's stated reason when it is one of ours; 拒收 for a refused delivery;
        otherwise none, and the clerk is asked."""
        codes = {c.code for c in self.reasons}
        stated = d.match.stated_reason if d.match else ""
        if stated in codes:
            return stated
        if (
            d.match is not None
            and d.match.source == MatchSource.OUTBOUND
            and REFUSED_REASON in codes
        ):
            return REFUSED_REASON
        return ""

    def _line_of(self, d: ParcelDraft, spec: strings.ItemSpec) -> int | None:
        lines = d.match.lines if d.match else ()
        for i, ln in enumerate(lines):
            if spec.sku_code and ln.sku_code == spec.sku_code:
                return i
        key = (spec.model, spec.color, spec.size.upper(), spec.spec)
        for i, ln in enumerate(lines):
            if (ln.model, ln.color, ln.size.upper(), ln.spec) == key:
                return i
        return None

    # --- adding ------------------------------------------------------------------------
    def add_spec(self, spec: strings.ItemSpec, accessories: str = "") -> Outcome:
        if (missing := self.need_parcel()) is not None:
            return missing
        texts = (spec.model, spec.category, spec.color, spec.size, spec.spec, spec.sku_code)
        if bad := self.bad_text("model", *texts) or self.bad_text("accessory", accessories):
            return bad
        d = self.draft
        assert d is not None
        item = ItemDraft(spec, accessories.strip(), line=self._line_of(d, spec))
        item.reason = self.default_reason(d)
        d.items.append(item)
        d.current = len(d.items) - 1
        d.target_action = ""
        if item.line is not None:
            d.line = item.line + 1
        self.save()
        n, name = len(d.items), self.item_name(spec)
        if item.in_order or d.match is None or not d.match.lines:
            return self.ok(
                Event.ITEM_ADDED, self.tr("第 {n} 件: {item}", n=n, item=name), item=n - 1
            )
        return self.ok(
            Event.ITEM_ADDED,
            self.tr("第 {n} 件: {item}", n=n, item=name),
            banner=self.tr("{item} 不在订单里: 请核对, 登记时需确认", item=name),
            item=n - 1,
        )

    def pick_line(self, index: int) -> Outcome:
        """Take the matched order's line ``index`` (0-based) as what came back."""
        if (missing := self.need_parcel()) is not None:
            return missing
        d = self.draft
        assert d is not None
        lines = d.match.lines if d.match else ()
        if not 0 <= index < len(lines):
            return self.fail(self.tr("订单没有第 {n} 行商品", n=index + 1), Field.ITEM)
        d.line = index
        return self.add_spec(line_spec(lines[index]))

    def move_line(self, step: int) -> Outcome:
        if (missing := self.need_parcel()) is not None:
            return missing
        d = self.draft
        assert d is not None
        count = len(d.match.lines) if d.match else 0
        if count:
            d.line = (d.line + step) % count
        return self.ok(Event.PARCEL_CHANGED, "", field=Field.ITEM, sound=Sound.NONE)

    def item_enter(self, text: str, qty: int = 1) -> Outcome:
        """Enter in the item box: the order's next line when empty, else a barcode or text."""
        if (missing := self.need_parcel()) is not None:
            return missing
        d = self.draft
        assert d is not None
        text = text.strip()
        if not text:
            lines = d.match.lines if d.match else ()
            taken = {it.line for it in d.items}
            ahead = [*range(d.line, len(lines)), *range(min(d.line, len(lines)))]
            line = next((i for i in ahead if i not in taken), None)
            if line is not None:  # the line under the cursor, else the next one not taken
                return self.pick_line(line)
            if d.items:
                return self.ok(Event.ITEM_CHANGED, self.tr("请选择原因和产品好坏, 或回车登记"))
            return self.fail(
                self.tr("请扫商品条码, 或输入 款号颜色尺码 (如 5815深紫W7)"), Field.ITEM
            )
        out = self.add_text(text)
        if qty != 1 and out.event is Event.ITEM_ADDED and d.item() is not None:
            item = d.item()
            assert item is not None
            item.spec = replace(item.spec, qty=qty)
            self.save()
        return out

    def add_text(self, text: str) -> Outcome:
        """A scanned item barcode, an order line's text, or typed ``5815深紫W7``."""
        d = self.draft
        assert d is not None
        if (bad := self.bad_text("model", text)) is not None:
            return bad
        sku = match.sku_by_barcode(self.sessions, text)
        if sku is not None:
            return self.add_spec(line_spec(sku))
        for i, line in enumerate(d.match.lines if d.match else ()):
            if strings.item_text(line_spec(line), self.shop) == text:
                return self.pick_line(i)
        spec = parse_item(text, self.shop.item_templates)
        if spec is None:
            return self.fail(
                self.tr("看不懂 “{value}”: 请扫商品条码, 或输入 款号颜色尺码 (如 5815深紫W7)",
                        value=text[:40]),
                Field.ITEM,
            )  # fmt: skip
        return self.add_spec(spec)

    # --- the current item ---------------------------------------------------------------
    def _current(self) -> tuple[ParcelDraft, ItemDraft] | Outcome:
        if (missing := self.need_parcel()) is not None:
            return missing
        d = self.draft
        assert d is not None
        item = d.item()
        if item is None:
            return self.fail(self.tr("请先录入收到的商品"), Field.ITEM)
        return d, item

    def set_reason(self, code: str) -> Outcome:
        got = self._current()
        if isinstance(got, Outcome):
            return got
        d, item = got
        if not code:  # Enter on the list with nothing chosen: nothing is recorded
            return self.fail(self.tr("第 {n} 件还没有选退回原因: 请按原因前的键", n=d.current + 1),
                             Field.REASON, item=d.current)  # fmt: skip
        if code not in {c.code for c in self.reasons}:
            return self.fail(self.tr("未知的退回原因 “{code}”", code=code), Field.REASON)
        item.reason, item.reason_seen = code, True
        self.save()
        return self.ok(Event.ITEM_CHANGED, self.tr("第 {n} 件: {reason}", n=d.current + 1,
                                                   reason=code), item=d.current)  # fmt: skip

    def set_condition(self, code: str) -> Outcome:
        got = self._current()
        if isinstance(got, Outcome):
            return got
        d, item = got
        if not code:
            return self.fail(self.tr("第 {n} 件还没有选产品好坏: 请按好坏前的键", n=d.current + 1),
                             Field.CONDITION, item=d.current)  # fmt: skip
        if code not in {c.code for c in self.conditions}:
            return self.fail(self.tr("未知的产品好坏 “{code}”", code=code), Field.CONDITION)
        item.condition, item.reason_seen = code, True
        self.save()
        return self.ok(Event.ITEM_CHANGED, self.tr("第 {n} 件: {reason}", n=d.current + 1,
                                                   reason=code), item=d.current)  # fmt: skip

    def reason_key(self, key: str) -> Outcome:
        code = self.reason_of_key(key)
        if code is None:
            return self.fail(self.tr("没有这个原因键 {key}", key=key), Field.REASON)
        return self.set_reason(code)

    def condition_key(self, key: str) -> Outcome:
        code = self.condition_of_key(key)
        if code is None:
            return self.fail(self.tr("没有这个好坏键 {key}", key=key), Field.CONDITION)
        return self.set_condition(code)

    def select_item(self, index: int) -> Outcome:
        if (missing := self.need_parcel()) is not None:
            return missing
        d = self.draft
        assert d is not None
        if not 0 <= index < len(d.items):
            return self.fail(self.tr("没有第 {n} 件商品", n=index + 1), Field.ITEM)
        d.current = index
        self.save()
        item = d.items[index]
        text = self.tr("第 {n} 件: {item}", n=index + 1, item=self.item_name(item.spec))
        return self.ok(Event.ITEM_CHANGED, text, item=index, sound=Sound.NONE)

    def next_item(self) -> Outcome:
        """The clerk will enter another item (keys go to the item box)."""
        if (missing := self.need_parcel()) is not None:
            return missing
        return self.ok(Event.ITEM_CHANGED, self.tr("请扫描或输入下一件商品"), field=Field.ITEM)

    def remove_item(self) -> Outcome:
        got = self._current()
        if isinstance(got, Outcome):
            return got
        d, item = got
        del d.items[d.current]
        d.current = min(d.current, len(d.items) - 1)
        self.save()
        return self.ok(
            Event.ITEM_REMOVED, self.tr("已删除: {item}", item=self.item_name(item.spec))
        )

    def set_accessories(self, text: str) -> Outcome:
        got = self._current()
        if isinstance(got, Outcome):
            return got
        d, item = got
        if (bad := self.bad_text("accessory", text)) is not None:
            return bad
        item.accessories = text.strip()
        d.typed.pop(f"accessory:{d.current}", None)
        self.save()
        text = self.tr("第 {n} 件配件: {value}", n=d.current + 1, value=item.accessories or "-")
        return self.ok(Event.ITEM_CHANGED, text, item=d.current)

    def set_bin(self, code: str) -> Outcome:
        """Send the current item to another bin than the rules say (recorded as overridden)."""
        got = self._current()
        if isinstance(got, Outcome):
            return got
        d, item = got
        if code and code not in self.shop.bins:
            return self.fail(self.tr("未知的区域 {code}", code=code), Field.BIN)
        item.bin_override = "" if code == self.suggested_bin(item) else code
        self.save()
        name = self.shop.bin_name(code or self.suggested_bin(item))
        return self.ok(Event.ITEM_CHANGED, self.tr("第 {n} 件放入 {bin}", n=d.current + 1,
                                                   bin=name), item=d.current)  # fmt: skip

    def cycle_bin(self) -> Outcome:
        """One key: the current item's next bin in the shop's order."""
        got = self._current()
        if isinstance(got, Outcome):
            return got
        _d, item = got
        codes = list(self.shop.bins)
        now = item.bin_override or self.suggested_bin(item)
        return self.set_bin(codes[(codes.index(now) + 1) % len(codes)] if now in codes else "")

    def start_target(self, action: str) -> Outcome:
        got = self._current()
        if isinstance(got, Outcome):
            return got
        d, _item = got
        d.target_action = action
        name = action_name(action, self.lang)
        text = self.tr("输入要{action}的款式, 如 W6 或 灰色W6, 回车确认", action=name)
        return self.ok(Event.ITEM_CHANGED, text, field=Field.TARGET)

    def set_target(self, text: str, action: str = "") -> Outcome:
        got = self._current()
        if isinstance(got, Outcome):
            return got
        d, item = got
        if (bad := self.bad_text("target", text)) is not None:
            return bad
        action = action or d.target_action or ItemAction.EXCHANGE
        base = replace(item.spec, qty=1)
        target = parse_item(text, self.shop.item_templates, base=base) if text.strip() else None
        if target is None:
            return self.fail(self.tr("看不懂 “{value}”", value=text[:40]), Field.TARGET)
        item.action, item.target, d.target_action = action, target, ""
        d.typed.pop("target", None)
        self.save()
        text = f"{action_name(action, self.lang)} {self.item_name(target)}"
        return self.ok(Event.ITEM_CHANGED, self.tr("第 {n} 件: {value}", n=d.current + 1,
                                                   value=text), item=d.current)  # fmt: skip

    # --- what it will be ----------------------------------------------------------------
    def facts(self) -> routing.OrderFacts:
        m = self.draft.match if self.draft else None
        if m is None or (self.draft is not None and self.draft.no_info):
            return routing.OrderFacts(known=False)
        return routing.OrderFacts(True, m.is_distribution, m.warehouse)

    def suggested_bin(self, item: ItemDraft) -> str:
        return routing.route(item.reason, item.condition, self.facts(), self.shop)

    def preview(self) -> Preview:
        d = self.draft
        if d is None:
            return Preview()
        said = outcomes_text(d.outcomes)
        if not d.items:
            if not said or d.match is None:
                return Preview()
            ret, line = strings.outcome_strings(
                d.parcel.received_at.date(), d.match.buyer_id, d.has_slip, d.parcel.courier,
                d.parcel.tracking_no, "", said, self.shop)  # fmt: skip
            return Preview((), ret, line)
        groups: dict[str, list[int]] = {}
        for i, it in enumerate(d.items):
            groups.setdefault(it.bin_override or self.suggested_bin(it), []).append(i)
        bins = tuple(
            BinPreview(code, self.shop.bin_name(code), self.shop.bin_color(code), tuple(idx),
                       any(d.items[i].bin_override for i in idx))
            for code, idx in groups.items()
        )  # fmt: skip
        ret = line = ""
        if d.match is not None and all(it.reason and it.condition for it in d.items):
            specs = [it.spec for it in d.items]
            reasons = [it.reason for it in d.items]
            conds = [it.condition for it in d.items]
            ret = strings.return_string(d.match.buyer_id, specs, reasons, conds, self.shop)
            targets = [(it.action, it.target) for it in d.items if it.target is not None]
            line = strings.register_line(
                d.parcel.received_at.date(), d.match.buyer_id, specs, reasons, conds, self.shop,
                [strings.MoneyFound(m.kind, parse_money(m.amount, allow_zero=False)) for m in d.money],
                [it.accessories for it in d.items], targets,
            )  # fmt: skip
            if said:
                ret, line = f"{ret} {said}", f"{line} {said}"
        return Preview(bins, ret, line)
