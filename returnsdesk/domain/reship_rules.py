"""Checks a reshipment slip must pass before it prints, and the customer message after.

The procedures ask that every 补发单 is "格式和内容详细" before it prints; each failed check
is named in Chinese so the submitter can fix it and the lead can table it per person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from returnsdesk.config import ShopConfig
from returnsdesk.domain.kinds import action_name
from returnsdesk.i18n import translate

# the problems, as stored in ReshipSlip.problems (one a line) and shown to the user
NO_RECEIVER = "缺少收货人"
NO_PHONE = "缺少电话"
BAD_PHONE = "电话格式不对: {phone}"
NO_ADDRESS = "缺少地址"
INCOMPLETE_ADDRESS = "地址不完整: 缺{missing}"
NO_ITEMS = "没有商品"
BAD_QTY = "数量不对: {item}"
UNKNOWN_SKU = "商品编码不存在: {item}"
NO_COURIER = "未选快递"
REMOTE_NO_POSTAGE = "超区({area}): 需先补邮费差价"

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(?:[-转#]\d{1,6})?")
_COUNTRY = re.compile(r"^(?:中华人民共和国|中国)\s*")
_PHONE_SEPARATORS = re.compile(r"[\s\-()（）]")

_MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
_SPECIAL = ("香港", "澳门", "台湾")
_PROVINCE = re.compile(
    r"^(?P<p>(?:北京|天津|上海|重庆)市?|香港(?:特别行政区)?|澳门(?:特别行政区)?|台湾省?"
    r"|[^\s省]{2,3}省|[^\s]{2,9}?自治区)"
)
_CITY = re.compile(r"^(?P<c>[^\s]{1,12}?(?:自治州|地区|盟|市))")
_DISTRICT = re.compile(r"^(?P<d>[^\s]{1,10}?(?:新区|区|县|旗|市))")
_LATIN_ONLY = re.compile(r"^[\sA-Za-z0-9,.#'/\-]+$")


@dataclass(frozen=True)
class Address:
    """An address split into 省 / 市 / 区 / detail; empty parts were not found."""

    province: str = ""
    city: str = ""
    district: str = ""
    detail: str = ""


def split_address(text: str) -> Address:
    """Split ``浙江省 杭州市 西湖区 文三路1号`` (with or without spaces) into its parts.

    A municipality (北京, 上海 …) is its own city: ``北京市朝阳区…`` has city 北京市.
    """
    rest = _COUNTRY.sub("", unicodedata.normalize("NFKC", text).strip())
    m = _PROVINCE.match(rest)
    province = m.group("p") if m else ""
    rest = rest[m.end() :].strip() if m else rest
    city = ""
    base = province[:2]
    if province and base in _MUNICIPALITIES:
        city = base + "市"
        # 北京 北京市 朝阳区: the city repeated after the province
        for repeat in (base + "市", base):
            if rest.startswith(repeat):
                rest = rest[len(repeat) :].strip()
                break
    else:
        cm = _CITY.match(rest)
        if cm:
            city = cm.group("c")
            rest = rest[cm.end() :].strip()
    district = ""
    dm = _DISTRICT.match(rest)
    if dm:
        district = dm.group("d")
        rest = rest[dm.end() :].strip()
    return Address(province, city, district, rest)


def phone_problem(phone: str) -> str | None:
    """A mainland mobile (1[3-9] and 9 digits) or a landline with its area code; else why not."""
    raw = unicodedata.normalize("NFKC", phone).strip()
    if not raw:
        return NO_PHONE
    d = _PHONE_SEPARATORS.sub("", raw)
    if d.startswith("+86"):
        d = d[3:]
    elif d.startswith("86") and len(d) == 13:
        d = d[2:]
    if _MOBILE.fullmatch(d):
        return None
    # a landline keeps the dash before an extension: 0571-88886666-123
    landline = re.sub(r"[\s()（）]", "", raw).removeprefix("+86").lstrip("-")
    if _LANDLINE.fullmatch(landline) or _LANDLINE.fullmatch(d):
        return None
    return BAD_PHONE.format(phone=raw)


def address_problem(address: str, abroad_words: Sequence[str] = ()) -> str | None:
    """Province, city, district and a street detail must all be there (not abroad)."""
    if not address.strip():
        return NO_ADDRESS
    a = split_address(address)
    special = a.province[:2] in _SPECIAL
    missing = [
        name
        for name, value, needed in (
            ("省", a.province, True),
            ("市", a.city, not special),
            ("区/县", a.district, not special),
            ("详细地址", a.detail if len(a.detail) >= 2 else "", True),
        )
        if needed and not value
    ]
    if missing and is_abroad(address, abroad_words):
        return None  # an address abroad has no 省/市/区; the remote-area rule covers it
    return INCOMPLETE_ADDRESS.format(missing="、".join(missing)) if missing else None


def is_abroad(address: str, abroad_words: Sequence[str]) -> bool:
    text = unicodedata.normalize("NFKC", address).strip()
    if text and _LATIN_ONLY.fullmatch(text) and any(ch.isalpha() for ch in text):
        return True
    return any(text.startswith(w) for w in abroad_words)


def remote_area(address: str, shop: ShopConfig) -> str | None:
    """The remote area (超区) of an address by its province, e.g. 新疆; None when in range.

    Only the province counts: 青岛 香港中路 is not 香港.
    """
    cfg = shop.reship
    words: list[str] = list(cfg.get("abroad_words", []))
    if is_abroad(address, words):
        return "海外"
    province = split_address(address).province
    for area in cfg.get("remote_areas", []):
        if province.startswith(area):
            return str(area)
    return None


@dataclass(frozen=True)
class SlipFacts:
    """What the checks look at, as plain values (the service reads them off the slip)."""

    receiver: str
    phone: str
    address: str
    courier: str
    postage_diff: Decimal
    items: Sequence[str]  # item texts, for naming the item in a problem
    unknown_items: Sequence[str] = ()
    bad_qty_items: Sequence[str] = ()


def problems(facts: SlipFacts, shop: ShopConfig) -> list[str]:
    """Every reason this slip may not print yet, in the order the operator fixes them."""
    out: list[str] = []
    if not facts.receiver.strip():
        out.append(NO_RECEIVER)
    if p := phone_problem(facts.phone):
        out.append(p)
    if p := address_problem(facts.address, shop.reship.get("abroad_words", [])):
        out.append(p)
    if not facts.items:
        out.append(NO_ITEMS)
    out.extend(BAD_QTY.format(item=i) for i in facts.bad_qty_items)
    out.extend(UNKNOWN_SKU.format(item=i) for i in facts.unknown_items)
    if not facts.courier.strip():
        out.append(NO_COURIER)
    area = remote_area(facts.address, shop) if facts.address.strip() else None
    if area and facts.postage_diff <= 0:
        out.append(REMOTE_NO_POSTAGE.format(area=area))
    return out


PROBLEMS = (
    NO_RECEIVER, NO_PHONE, BAD_PHONE, NO_ADDRESS, INCOMPLETE_ADDRESS, NO_ITEMS, BAD_QTY,
    UNKNOWN_SKU, NO_COURIER, REMOTE_NO_POSTAGE,
)  # fmt: skip


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*)" for i, p in enumerate(parts))
    return re.compile(regex + "$")


_PROBLEM_PATTERNS = [(t, _pattern(t)) for t in PROBLEMS]


def problem_text(stored: str, lang: str) -> str:
    """A stored problem (Chinese, fields filled) in the user's language."""
    for template, pattern in _PROBLEM_PATTERNS:
        m = pattern.match(stored)
        if m:
            return translate(template, lang, **m.groupdict())
    return stored


def customer_message(kind: str, courier: str, tracking: str, shop: ShopConfig) -> str:
    """``亲,您的换货已发出,圆通 YT1234567890123,请注意查收`` (补发 for a reissue)."""
    return shop.templates["customer_message"].format(
        kind_name=action_name(kind), courier=courier, tracking=tracking
    )
