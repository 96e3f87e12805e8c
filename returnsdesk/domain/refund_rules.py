"""The suggested refund decision after inspection, from what the bench found and the order.

Pure rules (``[refunds]`` of shop.toml): full when the fault is ours or everything asked for
came back resellable; partial when items are missing or came back worn, damaged or without
accessories (the amount of the lines concerned is withheld); refuse when nothing of the
order came back. The suggestion names the rule and the items that decided it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from returnsdesk.config import RefundRules
from returnsdesk.domain.kinds import ParcelOutcome, SuggestionKind

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


# rule codes → the name the grounds show (Chinese; translated through the catalogue)
RULE_NAMES = {
    "our_fault": "责任在我方",
    "all_back": "全部退回且可二次销售",
    "condition": "成色不足",
    "accessories": "缺配件",
    "missing": "商品未退回",
    "nothing_back": "未退回本订单商品",
    "over_paid": "申请金额超过订单实付",
    # the parcel's outcomes recorded at the bench (ParcelOutcome), with the evidence kept
    "empty": "空包",
    "wrong_item": "调包/货不对版",
    "short": "少件",
    "not_ours": "多件/非本店",
}


@dataclass(frozen=True)
class Line:
    """An order line: what the buyer bought and paid per piece."""

    line_no: int
    model: str
    color: str = ""
    size: str = ""
    spec: str = ""
    sku_code: str = ""
    qty: int = 1
    price: Decimal = ZERO
    name: str = ""  # as the standard strings name it (the category's template)

    @property
    def text(self) -> str:
        return self.name or f"{self.model}{self.color}{self.size}{self.spec}"


@dataclass(frozen=True)
class Returned:
    """An item the bench registered, with its reason's responsibility."""

    model: str
    color: str = ""
    size: str = ""
    spec: str = ""
    sku_code: str = ""
    qty: int = 1
    condition: str = ""
    reason: str = ""
    responsibility: str = "buyer"
    name: str = ""  # as the standard strings name it (the category's template)

    @property
    def text(self) -> str:
        return self.name or f"{self.model}{self.color}{self.size}{self.spec}"


@dataclass(frozen=True)
class Ground:
    rule: str
    items: tuple[str, ...]
    amount: Decimal = ZERO  # the amount this ground withholds (0 for full/refuse grounds)
    evidence: str = ""  # what proves it: ``录像 1 照片 2`` (the parcel's clips and photos)

    @property
    def rule_name(self) -> str:
        return RULE_NAMES.get(self.rule, self.rule)

    @property
    def text(self) -> str:
        return self.describe(self.rule_name)

    def describe(self, rule_name: str) -> str:
        """``成色不足: 6021黑色W8*1 有穿着痕迹 -129.00`` with the rule's name as given."""
        items = " ".join(self.items)
        money = f" -{self.amount:.2f}" if self.amount else ""
        proof = f" [{self.evidence}]" if self.evidence else ""
        return (f"{rule_name}: {items}{money}" if items else f"{rule_name}{money}") + proof


@dataclass(frozen=True)
class Missing:
    line: Line
    qty: int


@dataclass(frozen=True)
class Suggestion:
    decision: SuggestionKind
    amount: Decimal
    rule: str
    grounds: tuple[Ground, ...]
    missing: tuple[Missing, ...]
    paid: Decimal  # what the order lines paid

    @property
    def name(self) -> str:
        return self.decision.label

    @property
    def grounds_text(self) -> str:
        return "; ".join(g.text for g in self.grounds)

    def grounds_in(self, name: Callable[[str], str]) -> str:
        """The grounds with each rule's name passed through ``name`` (a translation)."""
        return "; ".join(g.describe(name(g.rule_name)) for g in self.grounds)


def paid_total(lines: Sequence[Line], order_total: Decimal = ZERO) -> Decimal:
    """What the order lines paid; the order's total when the export had no line prices."""
    total = sum((ln.price * ln.qty for ln in lines), ZERO)
    return (total if total > 0 else order_total).quantize(CENT)


def _same(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower()


def _line_of(item: Returned, lines: Sequence[Line], left: dict[int, int]) -> Line | None:
    """The order line an item is: by 商家编码, else model+colour+size, else the model alone."""
    tests: tuple[Callable[[Line], bool], ...] = (
        lambda ln: bool(item.sku_code) and _same(item.sku_code, ln.sku_code),
        lambda ln: (
            _same(item.model, ln.model)
            and _same(item.color, ln.color)
            and _same(item.size, ln.size)
        ),
        lambda ln: _same(item.model, ln.model),
    )
    for test in tests:
        for ln in lines:
            if left[ln.line_no] > 0 and test(ln):
                return ln
    return None


def _unit_prices(lines: Sequence[Line], asked: Decimal) -> dict[int, Decimal]:
    """Each line's price per piece; without line prices the asked amount is spread by piece."""
    if any(ln.price > 0 for ln in lines):
        return {ln.line_no: ln.price for ln in lines}
    pieces = sum(ln.qty for ln in lines) or 1
    return {ln.line_no: asked / pieces for ln in lines}


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def suggest(
    found: Sequence[Returned],
    lines: Sequence[Line],
    asked: Decimal,
    rules: RefundRules,
    order_total: Decimal = ZERO,
    outcomes: Sequence[str] = (),
    evidence: str = "",
) -> Suggestion:
    """The suggestion from what came back; the parcel's outcomes decide first: an empty
    parcel or a swapped item is refused, a short parcel is partial, each with its evidence."""
    base = _suggest(found, lines, asked, rules, order_total)
    if not outcomes:
        return base
    for refused in (ParcelOutcome.EMPTY, ParcelOutcome.WRONG_ITEM):
        if refused in outcomes:
            texts = tuple(f"{it.text}*{it.qty}" for it in found)
            ground = Ground(refused, texts, ZERO, evidence)
            return Suggestion(SuggestionKind.REFUSE, ZERO, refused, (ground,), base.missing,
                              base.paid)  # fmt: skip
    grounds = list(base.grounds)
    rule: str = base.rule
    if ParcelOutcome.SHORT in outcomes:
        gone = tuple(f"{m.line.text}*{m.qty}" for m in base.missing)
        short = [g for g in grounds if g.rule == "missing"]
        amount = short[0].amount if short else ZERO
        grounds = [g for g in grounds if g.rule != "missing"]
        grounds.insert(0, Ground(ParcelOutcome.SHORT, gone, amount, evidence))
        rule = ParcelOutcome.SHORT if base.decision != SuggestionKind.FULL or short else rule
    if ParcelOutcome.NOT_OURS in outcomes:
        foreign = _foreign(found, lines)
        grounds.append(Ground(ParcelOutcome.NOT_OURS, foreign, ZERO, evidence))
        if base.rule == "nothing_back":
            grounds = [g for g in grounds if g.rule != "nothing_back"]
            rule = ParcelOutcome.NOT_OURS
    return Suggestion(base.decision, base.amount, rule, tuple(grounds), base.missing, base.paid)


def _foreign(found: Sequence[Returned], lines: Sequence[Line]) -> tuple[str, ...]:
    """The items that are no line of the order (多件/非本店)."""
    left = {ln.line_no: ln.qty for ln in lines}
    out = []
    for item in found:
        qty = item.qty
        while qty > 0:
            ln = _line_of(item, lines, left)
            if ln is None:
                out.append(f"{item.text}*{qty}")
                break
            take = min(qty, left[ln.line_no])
            left[ln.line_no] -= take
            qty -= take
    return tuple(out)


def _suggest(
    found: Sequence[Returned],
    lines: Sequence[Line],
    asked: Decimal,
    rules: RefundRules,
    order_total: Decimal = ZERO,
) -> Suggestion:
    paid = paid_total(lines, order_total)
    asked = asked if asked > 0 else paid
    left = {ln.line_no: ln.qty for ln in lines}
    matched: list[tuple[Returned, Line, int]] = []
    foreign: list[str] = []
    for item in found:
        qty = item.qty
        while qty > 0:
            ln = _line_of(item, lines, left)
            if ln is None:
                foreign.append(f"{item.text}*{qty}")
                break
            take = min(qty, left[ln.line_no])
            left[ln.line_no] -= take
            matched.append((item, ln, take))
            qty -= take
    missing = tuple(Missing(ln, left[ln.line_no]) for ln in lines if left[ln.line_no] > 0)
    if not matched:
        ground = Ground("nothing_back", tuple(foreign))
        return Suggestion(SuggestionKind.REFUSE, ZERO, "nothing_back", (ground,), missing, paid)

    ours = [
        f"{it.text}*{q} {it.reason}" for it, _, q in matched if it.responsibility in rules.our_fault
    ]
    if ours:
        amount = min(asked, paid) if paid > 0 else asked
        return Suggestion(
            SuggestionKind.FULL,
            _cents(amount),
            "our_fault",
            (Ground("our_fault", tuple(ours)),),
            missing,
            paid,
        )

    price = _unit_prices(lines, asked)
    back_value = ZERO
    withheld: dict[str, tuple[list[str], Decimal]] = {}
    for item, ln, qty in matched:
        value = price[ln.line_no] * qty
        share = rules.withhold.get(item.condition, ZERO)
        back_value += value * (1 - share)
        if share > 0:
            rule = "accessories" if item.condition in rules.accessory_conditions else "condition"
            names, total = withheld.get(rule, ([], ZERO))
            names.append(f"{item.text}*{qty} {item.condition}")
            withheld[rule] = (names, total + value * share)
    amount = _cents(min(asked, back_value))
    if amount >= _cents(asked):
        back = tuple(f"{it.text}*{q}" for it, _, q in matched)
        return Suggestion(
            SuggestionKind.FULL, amount, "all_back", (Ground("all_back", back),), missing, paid
        )
    grounds = [
        Ground(rule, tuple(names), _cents(total)) for rule, (names, total) in withheld.items()
    ]
    short = _cents(asked - min(asked, sum((price[ln.line_no] * q for _, ln, q in matched), ZERO)))
    if short > 0:
        gone = tuple(f"{m.line.text}*{m.qty}" for m in missing)
        grounds.append(Ground("missing" if gone else "over_paid", gone, short))
    if not grounds:  # only rounding kept it under the asked amount
        return Suggestion(SuggestionKind.FULL, amount, "all_back", (), missing, paid)
    grounds.sort(key=lambda g: -g.amount)
    decision = SuggestionKind.PARTIAL if amount > 0 else SuggestionKind.REFUSE
    return Suggestion(decision, amount, grounds[0].rule, tuple(grounds), missing, paid)
