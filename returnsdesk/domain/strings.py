"""The shop's standard strings: return string, register line, repair note, reshipment note.

Templates live in ``resources/shop.toml`` (per category for the item text). A field left empty
drops out together with the space before it, so one template serves with and without money
or accessories.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from returnsdesk.config import ShopConfig
from returnsdesk.domain.money import short_name
from returnsdesk.domain.text import one_line


@dataclass(frozen=True)
class ItemSpec:
    """An item as the strings name it: model code and the category's spec, and a quantity.

    ``sku_code`` is the shop's code for it (商家编码) where the item was given by that code
    (a reshipment line); the strings do not print it.
    """

    model: str
    category: str = ""
    color: str = ""
    size: str = ""
    spec: str = ""
    qty: int = 1
    sku_code: str = ""


@dataclass(frozen=True)
class MoneyFound:
    kind: str
    amount: Decimal


def short_date(day: dt.date) -> str:
    """``11-22``, ``11-6``: month and day without leading zeros, as the register writes them."""
    return f"{day.month}-{day.day}"


def item_text(item: ItemSpec, shop: ShopConfig) -> str:
    template = shop.item_templates.get(item.category) or shop.item_templates["default"]
    return template.format(
        model=item.model, color=item.color, size=item.size, spec=item.spec, category=item.category
    )


def items_text(items: Iterable[ItemSpec], shop: ShopConfig) -> str:
    return " ".join(f"{item_text(i, shop)}*{i.qty}" for i in items)


def amount_text(amount: Decimal) -> str:
    """``10.00`` → ``10``, ``12.50`` → ``12.5``."""
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def money_text(money: Iterable[MoneyFound]) -> str:
    return " ".join(f"{short_name(m.kind)}{amount_text(m.amount)}元" for m in money)


def _distinct(values: Iterable[str]) -> str:
    seen: list[str] = []
    for v in values:
        if v and v not in seen:
            seen.append(v)
    return "/".join(seen)


_SPACES = re.compile(r" {2,}")


def fill(template: str, **fields: str) -> str:
    """Fill a template; empty fields vanish with their surrounding extra space. A control or
    invisible character of a stored value is a space (``domain.text``): never a line break."""
    return _SPACES.sub(" ", one_line(template.format(**fields))).strip()


def per_item_text(
    items: Sequence[ItemSpec],
    reasons: Sequence[str],
    conditions: Sequence[str],
    shop: ShopConfig,
    accessories: Sequence[str] = (),
) -> str:
    """``5815深紫W7*1 后跟开裂 可维修, 6021灰色W6*1 不合适 完好``: each item with its own why
    and how, so a parcel of several items reads unambiguously."""
    extras = list(accessories) + [""] * (len(items) - len(accessories))
    parts = []
    for item, reason, condition, extra in zip(items, reasons, conditions, extras, strict=False):
        acc = f"配件:{extra}" if extra else ""
        parts.append(fill("{i} {a} {r} {c}", i=f"{item_text(item, shop)}*{item.qty}", a=acc,
                          r=reason, c=condition))  # fmt: skip
    return ", ".join(parts)


def return_string(
    buyer: str,
    items: Sequence[ItemSpec],
    reasons: Sequence[str],
    conditions: Sequence[str],
    shop: ShopConfig,
) -> str:
    """``tb_xiaomei 5815深紫W7*1 尺码偏小 完好``: pasted into the shop back-end or ERP note.

    Several items read per item: ``tb_x 5815深紫W7*1 后跟开裂 可维修, 6021灰色W6*1 不合适 完好``.
    """
    if len(items) > 1:
        return fill(
            shop.templates["return_string"],
            buyer=buyer,
            items=per_item_text(items, reasons, conditions, shop),
            reasons="",
            conditions="",
        )
    return fill(
        shop.templates["return_string"],
        buyer=buyer,
        items=items_text(items, shop),
        reasons=_distinct(reasons),
        conditions=_distinct(conditions),
    )


def register_line(
    day: dt.date,
    buyer: str,
    items: Sequence[ItemSpec],
    reasons: Sequence[str],
    conditions: Sequence[str],
    shop: ShopConfig,
    money: Sequence[MoneyFound] = (),
    accessories: Sequence[str] = (),
    targets: Sequence[tuple[str, ItemSpec]] = (),
) -> str:
    """The day register's line; with exchange/reissue targets it names them instead of 退.

    ``accessories`` runs along ``items`` (empty for an item without); several items read per
    item, each with its accessories, reason and condition.
    """
    items_field = items_text(items, shop)
    if len(items) > 1:
        items_field = per_item_text(items, reasons, conditions, shop, accessories)
        reasons, conditions, accessories = [], [], []
    fields = dict(
        date=short_date(day),
        buyer=buyer,
        items=items_field,
        money=money_text(money),
        accessories=f"配件:{_distinct(accessories)}" if _distinct(accessories) else "",
        reasons=_distinct(reasons),
        conditions=_distinct(conditions),
        targets=reship_targets(targets, shop),
    )
    key = "register_exchange" if targets else "register_return"
    return fill(shop.templates[key], **fields)


def register_line_no_slip(
    day: dt.date,
    courier: str,
    tracking: str,
    sender_city: str,
    items: Sequence[ItemSpec],
    shop: ShopConfig,
) -> str:
    """``11-22 无纸条 圆通 123456789 北京寄出 收到5815深紫W7*1``."""
    return fill(
        shop.templates["register_no_slip"],
        date=short_date(day),
        courier=courier,
        tracking=tracking,
        sender_city=sender_city,
        items=items_text(items, shop),
    )


def outcome_strings(
    day: dt.date,
    buyer: str,
    has_slip: bool,
    courier: str,
    tracking: str,
    sender_city: str,
    outcome: str,
    shop: ShopConfig,
    money: Sequence[MoneyFound] = (),
) -> tuple[str, str]:
    """The return string and register line of a parcel with nothing to list but what was
    wrong with it (an empty parcel): ``tb_xiaomei 空包``, ``11-22 ID:tb_xiaomei 收到空包 退``."""
    ret = fill(shop.templates["return_string"], buyer=buyer, items=outcome, reasons="",
               conditions="") if buyer else ""  # fmt: skip
    if buyer and has_slip:
        line = fill(shop.templates["register_return"], date=short_date(day), buyer=buyer,
                    items=outcome, money=money_text(money), accessories="", reasons="",
                    conditions="")  # fmt: skip
    else:
        line = fill(shop.templates["register_no_slip"], date=short_date(day), courier=courier,
                    tracking=tracking, sender_city=sender_city, items=outcome)  # fmt: skip
    return ret, line


def repair_note(
    day: dt.date, items: Sequence[ItemSpec], reasons: Sequence[str], shop: ShopConfig
) -> str:
    """``11-6收5815深紫W7*1 因后跟开裂,返厂维修中``: the flag note of a repair."""
    return fill(
        shop.templates["repair_note"],
        date=short_date(day),
        items=items_text(items, shop),
        reasons=_distinct(reasons),
    )


def reship_targets(targets: Sequence[tuple[str, ItemSpec]], shop: ShopConfig) -> str:
    """``换5815灰色W6*1`` / ``补5815栗色W5*1``; the kind is written once per run of equal kinds."""
    parts: list[str] = []
    last_kind = ""
    for kind, item in targets:
        text = f"{item_text(item, shop)}*{item.qty}"
        parts.append(text if kind == last_kind else f"{kind}{text}")
        last_kind = kind
    return " ".join(parts)


def reship_note(kind: str, items: Sequence[ItemSpec], shop: ShopConfig) -> str:
    """The note on a reshipment slip, e.g. ``补5815栗色W5*1``."""
    return fill(
        shop.templates["reship_note"], targets=reship_targets([(kind, i) for i in items], shop)
    )
