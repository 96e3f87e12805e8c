"""The money kinds of the register, one vocabulary for the bench, the register and reports.

The procedures name three: exchange postage the buyer put in the parcel (换货邮费), cash found
(现金), a price difference paid (差价). Clerks type them short (``邮费 10``); the register keeps
the full name and the standard strings write the short one, as the paper register did.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from returnsdesk.errors import InvalidInput

KINDS = ("换货邮费", "现金", "差价")
_ALIASES = {
    "换货邮费": "换货邮费",
    "邮费": "换货邮费",
    "运费": "换货邮费",
    "换货运费": "换货邮费",
    "现金": "现金",
    "钱": "现金",
    "差价": "差价",
    "补差价": "差价",
}
_SHORT = {"换货邮费": "邮费"}


def kind_of(text: str) -> str | None:
    """The register's name for what a clerk typed, or None for an unknown kind."""
    return _ALIASES.get(text.strip())


def short_name(kind: str) -> str:
    """How the standard strings write a kind (``换货邮费`` → ``邮费``)."""
    return _SHORT.get(kind, kind)


def parse_money(text: str | Decimal, allow_zero: bool = True) -> Decimal:
    try:
        value = Decimal(str(text).replace("¥", "").replace("元", "").strip() or "x")
    except InvalidOperation:
        raise InvalidInput("金额 {value} 不是数字", field="amount", value=text) from None
    if not value.is_finite() or value < 0 or (value == 0 and not allow_zero):
        raise InvalidInput("金额 {value} 无效", field="amount", value=text)
    if value != value.quantize(Decimal("0.01")):
        raise InvalidInput("金额 {value} 最多两位小数", field="amount", value=text)
    return value.quantize(Decimal("0.01"))
