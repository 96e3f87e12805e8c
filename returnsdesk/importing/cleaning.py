"""Cell cleaning that real ERP exports need: text guards, amounts, dates, Excel-damaged numbers.

Each function takes one raw cell (``str`` from CSV, or the value openpyxl gives) and returns a
clean value or raises ``BadCell`` with the reason that goes into the rejection report.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from returnsdesk.domain.couriers import courier_name_of, normalize, recognise


class BadCell(ValueError):
    """A cell that cannot be imported; ``str(exc)`` is the (Chinese) reason."""


_SCI = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$")
_DIGITS = re.compile(r"^\d+$")
_SPACES = " \t\r\n\u3000\xa0\ufeff"


_EDGE = frozenset(_SPACES + "='")


def text(value: object) -> str:
    """Plain text of a cell: strips Taobao's ``="…"`` guard, a leading tab or apostrophe, spaces."""
    if value.__class__ is str:
        if not value or (value[0] not in _EDGE and value[-1] not in _EDGE):
            return value
        s = value.strip(_SPACES)
        if s.startswith('="') and s.endswith('"') and len(s) >= 3:
            s = s[2:-1].strip(_SPACES)
        elif s.startswith("'"):
            s = s[1:].strip(_SPACES)
        return s
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value).strip()


def identifier(value: object, what: str) -> str:
    """An order/refund/tracking number, refusing numbers Excel has already destroyed.

    Excel keeps 15 significant digits: a longer number comes back as ``3.15E+18`` or with its
    tail turned to zeros (``3156900062392750000``). Such a value is rejected, never imported
    as a wrong number. A value inside Taobao's ``="…"`` guard was never touched by Excel.
    """
    if value.__class__ is str and value.isascii() and value.isalnum():
        v: str = value
        if v.isdigit():  # the common case, fast
            if len(v) > 15 and not v[15:].strip("0"):
                raise BadCell(f"{what}已被 Excel 截成 15 位有效数字 ({v}), 原号码已丢失")
            return v
        if "E" not in v and "e" not in v:
            return v
    if isinstance(value, float) and abs(value) >= 1e15:
        raise BadCell(f"{what}已被 Excel 改成浮点数 ({value:.15g}), 原号码已丢失, 请用原始导出文件")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 10**15:
        s = str(value)
        if s[15:].strip("0") == "":
            raise BadCell(f"{what}已被 Excel 截成 15 位有效数字 ({s}), 原号码已丢失")
        return s
    guarded = isinstance(value, str) and value.strip(_SPACES).startswith('="')
    s = text(value)
    if _SCI.match(s):
        raise BadCell(f"{what}已被 Excel 改成科学计数法 ({s}), 原号码已丢失, 请用原始导出文件")
    if not guarded and len(s) > 15 and _DIGITS.match(s) and s[15:].strip("0") == "":
        raise BadCell(f"{what}已被 Excel 截成 15 位有效数字 ({s}), 原号码已丢失")
    if s.endswith(".0") and _DIGITS.match(s[:-2]):
        s = s[:-2]
    return s


def amount(value: object, what: str = "金额") -> Decimal:
    """A money amount: ``¥1,299.00``, ``￥ 89``, ``1299`` → Decimal; empty → 0."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    if value.__class__ is str:
        return _amount(value, what)
    return _amount(text(value), what)


@lru_cache(maxsize=4096)
def _amount(raw: str, what: str) -> Decimal:
    s = text(raw)
    for ch in "¥￥,， 元":
        s = s.replace(ch, "")
    if not s or s == "-":
        return Decimal("0.00")
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise BadCell(f"{what}不是数字: {text(raw)}") from None
    if not d.is_finite() or abs(d) >= Decimal("1e10"):
        raise BadCell(f"{what}不是数字: {text(raw)}")
    return d.quantize(Decimal("0.01"))


def quantity(value: object) -> int:
    """A quantity (购买数量); empty → 1."""
    s = text(value)
    if not s:
        return 1
    try:
        q = Decimal(s)
    except InvalidOperation:
        raise BadCell(f"数量不是数字: {s}") from None
    if q != q.to_integral_value() or q < 0 or q > 100000:
        raise BadCell(f"数量不对: {s}")
    return int(q)


_DT_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y%m%d%H%M%S",
)


def timestamp(value: object, what: str = "时间") -> dt.datetime | None:
    """A date/time cell; empty → None."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    s = text(value)
    if not s or s in ("-", "null", "NULL"):
        return None
    if len(s) == 19 and s[4] == "-" and s[10] == " ":  # the common case, fast
        try:
            return dt.datetime(
                int(s[0:4]), int(s[5:7]), int(s[8:10]), int(s[11:13]), int(s[14:16]), int(s[17:19])
            )
        except ValueError:
            pass
    for fmt in _DT_FORMATS:
        try:
            return dt.datetime.strptime(s, fmt)
        except ValueError:
            continue
    raise BadCell(f"{what}看不懂: {s}")


def flag(value: object) -> bool:
    """A yes/no cell (是否分销 …)."""
    s = text(value).lower()
    return s not in ("", "0", "否", "no", "n", "false", "非分销", "普通", "-")


def phone_digits(value: object) -> str:
    """A phone number as the export gives it, without guards; keeps masks like 138****5678."""
    return text(value).replace(" ", "").replace("-", "")


def last4(phone: str) -> str:
    if phone[-4:].isdigit():
        return phone[-4:]
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits[-4:] if len(digits) >= 4 else ""


_PROVINCE_END = ("省", "自治区", "特别行政区")
_CITY_END = ("自治州", "地区", "市", "盟")
_MUNICIPALITIES = ("北京", "上海", "天津", "重庆")
_CITY_RE = re.compile(r"^(?:.+?(?:省|自治区))?(.+?)(?:市|自治州|地区|盟)")


def city_of(address: str) -> str:
    """The city of an address: 杭州 from "浙江省 杭州市 西湖区 …", 北京 from "北京 北京市 …"."""
    parts = address.split()
    if len(parts) >= 2:
        first, second = parts[0], parts[1]
        if first.endswith(_PROVINCE_END) or first.rstrip("市") in _MUNICIPALITIES:
            return _strip_city(second)
        return _strip_city(first)
    for m in _MUNICIPALITIES:
        if address.startswith(m):
            return m
    match = _CITY_RE.match(address)
    return match.group(1) if match else ""


def _strip_city(token: str) -> str:
    for end in _CITY_END:
        if token.endswith(end) and len(token) > len(end):
            return token[: -len(end)]
    return token


_FLAG = re.compile(
    r"^\s*([红黄绿蓝紫灰橙])(?:色旗帜|色旗|旗帜|旗|色)(?=$|[\s:：,，])(?:[\s:：,，]+([^\s,，;；]+))?"
)


def agent_of(note: str) -> str:
    """The CS agent from a seller note that starts with a flag: "红旗 小慧" → 小慧 (else 红旗)."""
    m = _FLAG.match(note)
    if not m:
        return ""
    return m.group(2) or f"{m.group(1)}旗"


_COLOR_KEYS = ("颜色分类", "颜色", "主要颜色", "色号")
_SIZE_KEYS = ("尺码", "鞋码", "尺寸", "规格尺码")


def properties(value: str) -> tuple[str, str, str]:
    """``颜色分类:深紫;尺码:W7`` → (color, size, spec); other keys (适用车型 …) go to spec."""
    color = size = ""
    spec: list[str] = []
    for part in re.split(r"[;；]", value):
        key, sep, val = part.replace("：", ":").partition(":")
        key, val = key.strip(), val.strip()
        if not sep:
            if key:
                spec.append(key)
            continue
        if key in _COLOR_KEYS and not color:
            color = val
        elif key in _SIZE_KEYS and not size:
            size = val
        elif val:
            spec.append(val)
    return color, size, " ".join(spec)


_SPLIT_TRACKING = re.compile(r"[,，;；/、|\s]+")


def shipments(tracking_cell: object, courier_cell: object) -> list[tuple[str, str]]:
    """(tracking_no, courier) pairs of one cell; split shipments list several numbers."""
    if tracking_cell.__class__ is str and _PLAIN_TRACKING.match(tracking_cell):
        number: str = tracking_cell
        identifier(number, "物流单号")  # the common case: one number, nothing to clean
        names = _courier_names(text(courier_cell))
        if not names:
            cands = recognise(number)
            return [(number, (cands[0].name if cands else "")[:20])]
        return [(number, names[0][:20])]
    if not isinstance(tracking_cell, str) and tracking_cell is not None:
        tracking_cell = identifier(tracking_cell, "物流单号")
    raw = text(tracking_cell)
    if not raw:
        return []
    guarded = isinstance(tracking_cell, str) and tracking_cell.strip(_SPACES).startswith('="')
    plain = _PLAIN_TRACKING.match(raw) is not None
    parts = [raw] if plain else _pieces(raw)
    numbers = []
    for part in parts:
        if not guarded:
            identifier(part, "物流单号")
        number = part if plain else normalize(part)
        if number:
            numbers.append(number[:40])
    names = _courier_names(text(courier_cell))
    out: list[tuple[str, str]] = []
    for i, number in enumerate(numbers):
        if len(names) == len(numbers):
            name = names[i]
        elif names:
            name = names[0]
        else:
            cands = recognise(number)
            name = cands[0].name if cands else ""
        out.append((number, name[:20]))
    return out


_PLAIN_TRACKING = re.compile(r"^[A-Z0-9]{6,40}$")


def _pieces(raw: str) -> list[str]:
    """Split a cell of several numbers; a short piece ("YT 123…") joins the next one."""
    out: list[str] = []
    carry = ""
    for part in _SPLIT_TRACKING.split(raw):
        if not part:
            continue
        part = carry + part
        carry = ""
        if len(part) < 6:
            carry = part
        else:
            out.append(part)
    if carry:
        out.append(carry)
    return out


@lru_cache(maxsize=256)
def _courier_names(cell: str) -> list[str]:
    return [courier_name_of(c) for c in _SPLIT_TRACKING.split(cell) if c]


def courier(value: object) -> str:
    return courier_name_of(text(value))[:20]
