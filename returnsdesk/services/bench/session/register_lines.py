"""A ``returnsdesk register`` line checked field by field against its type and column.

Bad input answers with the field's path (``items[0].qty``) and the value, before anything
is written; the lengths are the database columns'.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from returnsdesk.domain.kinds import FreightDecision, ItemAction, ParcelOutcome, outcomes_of
from returnsdesk.domain.money import MAX_AMOUNT, MoneyKind, kind_of, parse_money
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.domain.text import bad_character, visible
from returnsdesk.errors import InvalidInput, UserError
from returnsdesk.i18n import Message
from returnsdesk.services.bench.register import ItemInput
from returnsdesk.services.bench.session.parcel import DEFAULT_MONEY_KIND

MAX_QTY = 999
TEXT = {
    "tracking": 40, "buyer": 100, "order": 40, "station": 40, "user": 40,
    "sender_name": 100, "sender_phone": 40, "sender_city": 40, "contents": 300,
    "model": 32, "category": 32, "color": 64, "size": 32, "spec": 200, "sku_code": 64,
    "accessories": 200, "reason": 40, "condition": 40, "bin": 20, "kind": 20,
    "payer": 40, "note": 200, "decision": 20,
}  # fmt: skip


class FieldError(UserError):
    """A bad field of a ``register`` line: ``field`` is its JSON path (``items[0].qty``)."""

    message = "{path}: {detail} ({value})"

    def __init__(self, path: str, detail: str, value: Any, **limits: Any) -> None:
        self.value = visible(value) if isinstance(value, str) else value
        shown = visible(json.dumps(value, ensure_ascii=False, default=str))[:60]
        super().__init__(field=path, path=path, detail=Message(detail, **limits), value=shown)


@dataclass(frozen=True)
class ParcelLine:
    tracking: str
    buyer: str = ""
    order: str = ""
    station: str = ""
    user: str = ""
    items: tuple[ItemInput, ...] = ()
    money: tuple[tuple[str, Decimal], ...] = ()
    freight_collect: bool = False
    decision: str = ""
    payer: str = ""
    note: str = ""
    has_slip: bool = True
    packaging_damaged: bool = False
    sender: tuple[str, str, str, str] = ("", "", "", "")  # name, phone, city, contents
    outcomes: tuple[str, ...] = ()  # ParcelOutcome codes: 空包 (empty), 少件 (short) …
    extra: dict[str, Any] = field(default_factory=dict)


def _text(obj: dict[str, Any], name: str, path: str, required: bool = False) -> str:
    value = obj.get(name)
    where = f"{path}{name}"
    if value is None:
        if required:
            raise FieldError(where, "必填", value)
        return ""
    if not isinstance(value, str):
        raise FieldError(where, "须为文本", value)
    if (char := bad_character(value)) is not None:  # domain.text: one rule for every field
        raise FieldError(where, "含有控制字符或不可见字符 {char}", value, char=char)
    value = value.strip()
    if required and not value:
        raise FieldError(where, "必填", value)
    if len(value) > TEXT[name]:
        raise FieldError(where, "最长 {n} 个字", value, n=TEXT[name])
    return value


def _flag(obj: dict[str, Any], name: str, default: bool) -> bool:
    value = obj.get(name, default)
    if not isinstance(value, bool):
        raise FieldError(name, "须为 true 或 false", value)
    return value


def _qty(obj: dict[str, Any], path: str) -> int:
    value = obj.get("qty", 1)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_QTY:
        raise FieldError(f"{path}qty", "须为 1 到 {n} 的整数", value, n=MAX_QTY)
    return value


def _obj(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FieldError(path, "须为 JSON 对象", value)
    return value


def _spec(obj: dict[str, Any], path: str, base: ItemSpec | None = None) -> ItemSpec:
    model = _text(obj, "model", path) or (base.model if base else "")
    spec = _text(obj, "spec", path)
    if not (model or spec):
        raise FieldError(f"{path}model", "必填", obj.get("model"))
    size = _text(obj, "size", path)
    default_cat = (base.category if base else "") or ("鞋" if size else "")
    category = _text(obj, "category", path) or default_cat
    return ItemSpec(model, category, _text(obj, "color", path), size, spec, _qty(obj, path))


def _item(raw: Any, i: int, known: dict[str, set[str]]) -> ItemInput:
    path = f"items[{i}]."
    obj = _obj(raw, f"items[{i}]")
    spec = _spec(obj, path)
    for name in ("reason", "condition", "bin"):
        value = _text(obj, name, path)
        if value and value not in known[name]:
            raise FieldError(f"{path}{name}", "未知的代码, 可用: {codes}", value,
                                 codes="/".join(sorted(known[name])))  # fmt: skip
    action: str = ItemAction.RETURN
    target = None
    for key, kind in (("exchange_to", ItemAction.EXCHANGE), ("reissue", ItemAction.REISSUE)):
        if obj.get(key) is not None:
            base = ItemSpec(spec.model, spec.category)
            action, target = kind, _spec(_obj(obj[key], f"{path}{key}"), f"{path}{key}.", base)
    spec = replace(spec, sku_code=_text(obj, "sku_code", path))
    return ItemInput(spec, _text(obj, "accessories", path), _text(obj, "reason", path),
                     _text(obj, "condition", path), _text(obj, "bin", path), action, target)  # fmt: skip


def _outcomes(raw: Any) -> tuple[str, ...]:
    """``["empty"]`` or ``["空包"]``: each a ParcelOutcome by its code or its Chinese name."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise FieldError("outcomes", "须为列表", raw)
    by_name = {o.label: o.value for o in ParcelOutcome}
    codes = []
    for i, value in enumerate(raw):
        code = by_name.get(value, value) if isinstance(value, str) else None
        if code not in frozenset(ParcelOutcome):
            raise FieldError(f"outcomes[{i}]", "须为 empty / wrong_item / short / not_ours", value)
        codes.append(str(code))
    return outcomes_of(",".join(codes))


def _money(raw: Any) -> tuple[tuple[str, Decimal], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise FieldError("money", "须为列表", raw)
    out = []
    for i, m in enumerate(raw):
        obj = _obj(m, f"money[{i}]")
        value = obj.get("amount")
        where = f"money[{i}].amount"
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise FieldError(where, "须为金额", value)
        try:
            amount = parse_money(str(value), allow_zero=False)
        except InvalidInput:
            raise FieldError(where, "须大于 0, 最多 {n}, 两位小数", value, n=MAX_AMOUNT) from None
        kind = _text(obj, "kind", f"money[{i}].") or DEFAULT_MONEY_KIND
        if kind_of(kind) is None:
            raise FieldError(f"money[{i}].kind", "未知的款项类型, 可用: {codes}", kind,
                             codes="/".join(MoneyKind))  # fmt: skip
        out.append((kind, amount))
    return tuple(out)


def parse_line(record: Any, known: dict[str, set[str]]) -> ParcelLine:
    """``known``: the reason, condition and bin codes. Raises FieldError on the first bad field."""
    obj = _obj(record, "$")
    raw_items = obj.get("items", [])
    if not isinstance(raw_items, list):
        raise FieldError("items", "须为列表", raw_items)
    decision = payer = note = ""
    if obj.get("freight") is not None:
        f = _obj(obj["freight"], "freight")
        decision = _text(f, "decision", "freight.", required=True)
        if decision not in frozenset(FreightDecision):
            raise FieldError("freight.decision", "须为 buyer_shared / ours / refused", decision)
        payer, note = _text(f, "payer", "freight."), _text(f, "note", "freight.")
    sender = tuple(_text(obj, n, "") for n in ("sender_name", "sender_phone", "sender_city",
                                               "contents"))  # fmt: skip
    return ParcelLine(
        tracking=_text(obj, "tracking", "", required=True),
        buyer=_text(obj, "buyer", ""),
        order=_text(obj, "order", ""),
        station=_text(obj, "station", ""),
        user=_text(obj, "user", ""),
        items=tuple(_item(it, i, known) for i, it in enumerate(raw_items)),
        money=_money(obj.get("money")),
        freight_collect=_flag(obj, "freight_collect", False),
        decision=decision,
        payer=payer,
        note=note,
        has_slip=_flag(obj, "has_slip", True),
        packaging_damaged=_flag(obj, "packaging_damaged", False),
        sender=(sender[0], sender[1], sender[2], sender[3]),
        outcomes=_outcomes(obj.get("outcomes")),
    )
