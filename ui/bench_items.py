"""The items part of the bench: what came back, entered by Enter on the order's line, a
barcode or typed text; one reason and condition per item; the bin and return string preview."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter

from returnsdesk.domain import routing, strings
from returnsdesk.domain.items import parse_item
from returnsdesk.services import match
from returnsdesk.services.match import LineView
from returnsdesk.services.register import ItemInput

if TYPE_CHECKING:
    from returnsdesk.ui.bench_controller import BenchController


@dataclass
class Draft:
    """An item being entered; reason and condition are picked after it."""

    spec: strings.ItemSpec
    sku_code: str = ""
    accessories: str = ""
    reason: str = ""
    condition: str = ""
    action: str = "退"
    target: strings.ItemSpec | None = None

    def to_input(self) -> ItemInput:
        s = self.spec
        return ItemInput(
            model=s.model,
            category=s.category,
            color=s.color,
            size=s.size,
            spec=s.spec,
            qty=s.qty,
            sku_code=self.sku_code,
            accessories=self.accessories,
            reason=self.reason,
            condition=self.condition,
            action=self.action,
            target=self.target,
        )


def line_spec(line: LineView) -> strings.ItemSpec:
    return strings.ItemSpec(line.model, line.category, line.color, line.size, line.spec, line.qty)


class ItemEntry(QObject):
    """Owns the drafts of the parcel being registered; the controller owns the parcel."""

    def __init__(self, bench: BenchController) -> None:
        super().__init__(bench)
        self.bench = bench
        self.drafts: list[Draft] = []
        v = bench.v
        self._completions = QStringListModel(self)
        completer = QCompleter(self._completions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        v.item_input.setCompleter(completer)
        v.item_input.textEdited.connect(self.complete)
        v.item_input.returnPressed.connect(self.on_item_enter)
        v.target_input.returnPressed.connect(self.on_target_enter)
        v.reason_picker.picked.connect(self.on_reason)
        v.condition_picker.picked.connect(self.on_condition)
        v.items_list.currentRowChanged.connect(self.show_draft)

    def reset(self) -> None:
        self.drafts = []
        self.bench.v.items_list.clear()

    def inputs(self) -> tuple[ItemInput, ...]:
        return tuple(d.to_input() for d in self.drafts)

    def complete(self, text: str) -> None:
        lines = [
            strings.item_text(line_spec(ln), self.bench.s.shop)
            for ln in (self.bench.match.lines if self.bench.match else ())
        ]
        found = (
            match.complete_items(self.bench.ctx.sessions, text) if len(text.strip()) >= 2 else []
        )
        self._completions.setStringList(
            lines + [strings.item_text(line_spec(k), self.bench.s.shop) for k in found]
        )

    def on_item_enter(self) -> None:
        text = self.bench.v.item_input.text().strip()
        if self.bench.parcel is None:
            self.bench.error(self.tr("请先扫描快递单号"), self.bench.v.scan_input)
            return
        if not text and self.bench.match and self.bench.match.lines:
            row = max(self.bench.v.lines_list.currentRow(), 0)
            line = self.bench.match.lines[row]
            self.add(Draft(line_spec(line), sku_code=line.sku_code))
            return
        if not text and self.drafts:
            self.bench.v.reason_picker.setFocus()
            return
        self.add_item_text(text)

    def add_item_text(self, text: str) -> None:
        sku = match.sku_by_barcode(self.bench.ctx.sessions, text)
        if sku is not None:
            self.add(Draft(line_spec(sku), sku_code=sku.sku_code))
            return
        for line in self.bench.match.lines if self.bench.match else ():
            if strings.item_text(line_spec(line), self.bench.s.shop) == text:
                self.add(Draft(line_spec(line), sku_code=line.sku_code))
                return
        spec = parse_item(text, self.bench.s.shop.item_templates)
        if spec is None:
            self.bench.error(
                self.tr("看不懂 “{0}”: 请扫商品条码, 或输入 款号颜色尺码 (如 5815深紫W7)").replace(
                    "{0}", text
                ),
                self.bench.v.item_input,
            )
            return
        self.add(Draft(spec))

    def add(self, draft: Draft) -> None:
        v = self.bench.v
        qty = v.qty_input.value()
        if qty != 1 and draft.spec.qty == 1:
            draft.spec = replace(draft.spec, qty=qty)
        draft.accessories = v.accessory_input.text().strip()
        stated = self.bench.match.stated_reason if self.bench.match else ""
        draft.reason = stated if any(r.code == stated for r in self.bench.reasons) else ""
        draft.condition = self.bench.conditions[0].code if self.bench.conditions else ""
        self.drafts.append(draft)
        v.items_list.addItem("")
        v.items_list.setCurrentRow(len(self.drafts) - 1)
        self.refresh()
        v.item_input.clear()
        v.qty_input.setValue(1)
        v.accessory_input.clear()
        if draft.reason:
            v.reason_picker.select_code(draft.reason)
        else:
            v.reason_picker.setCurrentRow(-1)
        v.condition_picker.select_code(draft.condition)
        v.reason_picker.setFocus()

    def current(self) -> Draft | None:
        row = self.bench.v.items_list.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None

    def show_draft(self, _row: int) -> None:
        d = self.current()
        if d is not None:
            self.bench.v.reason_picker.select_code(d.reason)
            self.bench.v.condition_picker.select_code(d.condition)

    def refresh(self) -> None:
        shop = self.bench.s.shop
        for i, d in enumerate(self.drafts):
            text = (
                f"{strings.item_text(d.spec, shop)}*{d.spec.qty}  {d.reason or '?'}  {d.condition}"
            )
            if d.accessories:
                text += f"  配件:{d.accessories}"
            if d.target is not None:
                text += f"  → {d.action}{strings.item_text(d.target, shop)}*{d.target.qty}"
            self.bench.v.items_list.item(i).setText(text)
        self.preview()

    def on_reason(self, code: str) -> None:
        d = self.current()
        if d is None:
            self.bench.error(self.tr("请先录入商品"), self.bench.v.item_input)
            return
        d.reason = code
        self.refresh()
        self.bench.v.condition_picker.setFocus()

    def on_condition(self, code: str) -> None:
        d = self.current()
        if d is None:
            self.bench.error(self.tr("请先录入商品"), self.bench.v.item_input)
            return
        d.condition = code
        self.refresh()
        self.bench.v.commit_button.setFocus()

    def start_target(self, action: str) -> None:
        d = self.current()
        if d is None:
            self.bench.error(self.tr("请先录入收到的商品"), self.bench.v.item_input)
            return
        d.action = action
        self.bench.v.target_input.setProperty("action", action)
        self.bench.v.target_input.setFocus()
        self.bench.info(
            self.tr("输入要{0}的款式, 如 W6 或 灰色W6, 回车确认").replace("{0}", action)
        )

    def on_target_enter(self) -> None:
        d = self.current()
        action = str(self.bench.v.target_input.property("action") or "换")
        text = self.bench.v.target_input.text().strip()
        if d is None or not text:
            self.bench.error(self.tr("请先录入收到的商品"), self.bench.v.item_input)
            return
        target = parse_item(text, self.bench.s.shop.item_templates, base=replace(d.spec, qty=1))
        if target is None:
            self.bench.error(
                self.tr("看不懂 “{0}”").replace("{0}", text), self.bench.v.target_input
            )
            return
        d.action, d.target = action, target
        self.bench.v.target_input.clear()
        self.refresh()
        self.bench.v.commit_button.setFocus()

    def facts(self) -> routing.OrderFacts:
        m = self.bench.match
        if m is None:
            return routing.OrderFacts(known=False)
        return routing.OrderFacts(True, m.is_distribution, m.warehouse)

    def preview(self) -> None:
        """Bin and return string as they will be, before the clerk commits."""
        shop = self.bench.s.shop
        if not self.drafts:
            return
        bins = [routing.route(d.reason, d.condition, self.facts(), shop) for d in self.drafts]
        self.show_bins(bins)
        if self.bench.match is not None and all(d.reason for d in self.drafts):
            self.bench.v.return_string_label.setText(
                strings.return_string(
                    self.bench.match.buyer_id,
                    [d.spec for d in self.drafts],
                    [d.reason for d in self.drafts],
                    [d.condition for d in self.drafts],
                    shop,
                )
            )

    def show_bins(self, bins: list[str]) -> None:
        shop = self.bench.s.shop
        first = bins[0] if bins else ""
        names = " / ".join(dict.fromkeys(shop.bin_name(b) for b in bins))
        self.bench.v.bin_label.setText(names)
        self.bench.v.bin_label.setStyleSheet(
            f"background:{shop.bin_color(first)};color:white;border-radius:6px"
        )
