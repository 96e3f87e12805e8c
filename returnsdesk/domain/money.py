"""The money kinds of the register, one vocabulary for the bench, the register and reports.

The procedures name three: exchange postage the buyer put in the parcel (换货邮费), cash found
(现金), a price difference paid (差价). Clerks type them short (``邮费 10``); the register keeps
the full name and the standard strings write the short one, as the paper register did.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Protocol

from returnsdesk.domain.kinds import Named
from returnsdesk.errors import InvalidInput


class MoneyKind(Named):
    """A kind of money found in a parcel; the stored value is the register's Chinese name."""

    POSTAGE = "换货邮费"
    CASH = "现金"
    PRICE_DIFFERENCE = "差价"


# what clerks type, in either language (case and spaces aside)
_TYPED = {
    MoneyKind.POSTAGE: (
        "换货邮费",
        "邮费",
        "运费",
        "换货运费",
        "postage",
        "exchangepostage",
        "freight",
    ),
    MoneyKind.CASH: ("现金", "钱", "cash"),
    MoneyKind.PRICE_DIFFERENCE: ("差价", "补差价", "pricedifference", "difference"),
}
_ALIASES = {word: kind for kind, words in _TYPED.items() for word in words}
_SHORT: dict[str, str] = {MoneyKind.POSTAGE: "邮费"}


def kind_of(text: str) -> MoneyKind | None:
    """The kind a clerk typed, in either language, or None for an unknown kind."""
    return _ALIASES.get("".join(text.split()).lower())


class Entry(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def amount(self) -> Decimal | str: ...


def entries_text(money: Iterable[Entry], lang: str = "zh_CN") -> str:
    """``换货邮费 10.00, 现金 50.50`` in the user's language, as the bench shows it."""
    return ", ".join(f"{MoneyKind.name_of(m.kind, lang)} {m.amount}" for m in money)


def short_name(kind: str) -> str:
    """How the standard strings write a kind (``换货邮费`` → ``邮费``)."""
    return _SHORT.get(kind, kind)


#: The most one entry may say: more is a typo (an extra 0), not money found in a parcel.
MAX_AMOUNT = Decimal("100000.00")


def parse_money(text: str | Decimal, allow_zero: bool = True) -> Decimal:
    """The one reading of an amount, for the bench, ``register``, the register and refunds."""
    try:
        value = Decimal(str(text).replace("¥", "").replace("元", "").strip() or "x")
    except InvalidOperation:
        raise InvalidInput("金额 {value} 不是数字", field="amount", value=text) from None
    if not value.is_finite() or value < 0 or (value == 0 and not allow_zero):
        raise InvalidInput("金额 {value} 无效", field="amount", value=text)
    if value != value.quantize(Decimal("0.01")):
        raise InvalidInput("金额 {value} 最多两位小数", field="amount", value=text)
    if value > MAX_AMOUNT:
        raise InvalidInput(
            "金额 {value} 超过上限 {max}", field="amount", value=text, max=MAX_AMOUNT
        )
    return value.quantize(Decimal("0.01"))
