"""Courier recognition from a tracking number, and scanner-noise clean-up.

The patterns follow the couriers' published number shapes. All-digit numbers are ambiguous
between several couriers; ``recognise`` ranks the candidates, most likely first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Courier:
    code: str
    name: str
    aliases: tuple[str, ...] = ()


COURIERS: dict[str, Courier] = {
    c.code: c
    for c in (
        Courier("SF", "顺丰", ("顺丰速运", "顺丰快递", "SF", "SFEXPRESS")),
        Courier("YTO", "圆通", ("圆通速递", "圆通快递", "YTO", "YTOEXPRESS")),
        Courier("ZTO", "中通", ("中通快递", "中通速递", "ZTO")),
        Courier("STO", "申通", ("申通快递", "申通速递", "STO")),
        Courier("YUNDA", "韵达", ("韵达快递", "韵达速递", "YUNDA", "YD")),
        Courier("JT", "极兔", ("极兔速递", "极兔快递", "J&T", "JT", "JTEXPRESS")),
        Courier(
            "EMS", "EMS", ("EMS", "邮政", "中国邮政", "邮政EMS", "EMS经济快递", "邮政快递包裹")
        ),
        Courier("JD", "京东", ("京东快递", "京东物流", "JD", "JDL")),
        Courier("DEPPON", "德邦", ("德邦快递", "德邦物流", "DEPPON", "DBL")),
        Courier("BEST", "百世", ("百世快递", "百世汇通", "汇通", "BEST", "HTKY")),
    )
}


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    score: float  # 1.0 sure, lower for ambiguous shapes


# (courier code, pattern, score). Letter-prefixed shapes are unambiguous.
_PATTERNS: list[tuple[str, re.Pattern[str], float]] = [
    (code, re.compile(p), score)
    for code, p, score in (
        ("SF", r"SF\d{12,13}", 1.0),
        ("YTO", r"YT\d{13}", 1.0),
        ("JT", r"JT\d{13}", 1.0),
        ("JD", r"JD[A-Z0-9]{12,16}", 1.0),
        ("DEPPON", r"DPK\d{12}", 1.0),
        ("ZTO", r"7[3-9]\d{12}", 0.9),
        ("STO", r"77\d{13}", 0.9),
        ("YUNDA", r"4[3-6]\d{11}", 0.85),
        ("YUNDA", r"3[1-4]\d{11}", 0.6),
        ("EMS", r"1\d{12}", 0.8),
        ("EMS", r"9[5-9]\d{11}", 0.6),
        ("STO", r"(268|368|468|568|668|868|888|900)\d{9}", 0.7),
        ("BEST", r"(55|56|57|70)\d{11}", 0.6),
        ("ZTO", r"7\d{11}", 0.5),
        ("DEPPON", r"\d{10}", 0.3),
        ("YTO", r"[0-9]\d{9}", 0.2),
        ("SF", r"\d{12}", 0.3),
    )
]

_S10 = re.compile(r"[A-Z]{2}\d{9}[A-Z]{2}")
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
# AIM symbology identifiers some scanners send first (]C1 = Code 128, ]E0 = EAN …)
_AIM = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_EDGE_NOISE = re.compile(r"^[^0-9A-Za-z]+|[^0-9A-Za-z]+$")
_INNER_NOISE = re.compile(r"[\s\-_]+")
TRACKING_SHAPE = re.compile(r"[A-Z]{0,4}\d{8,20}[A-Z]{0,2}")


def normalize(raw: str) -> str:
    """What a scanner or a hand typed, as the plain upper-case number.

    Folds full-width characters, drops an AIM prefix, control characters, spaces and
    dashes inside, and punctuation at either end.
    """
    s = unicodedata.normalize("NFKC", raw)
    s = "".join(ch for ch in s if unicodedata.category(ch)[0] != "C")
    s = _AIM.sub("", s.strip())
    s = _EDGE_NOISE.sub("", s)
    return _INNER_NOISE.sub("", s).upper()


def s10_check_digit(serial: str) -> int:
    """UPU S10 check digit of the 8-digit serial number."""
    total = sum(int(d) * w for d, w in zip(serial, _S10_WEIGHTS, strict=True))
    check = 11 - total % 11
    return 5 if check == 11 else 0 if check == 10 else check


def is_s10(number: str) -> bool:
    """An international postal item number like ``EA123456785CN`` with a valid check digit."""
    if not _S10.fullmatch(number):
        return False
    return s10_check_digit(number[2:10]) == int(number[10])


def recognise(number: str) -> list[Candidate]:
    """Candidate couriers for a normalised tracking number, most likely first; [] if none."""
    if is_s10(number):
        return [Candidate("EMS", COURIERS["EMS"].name, 1.0)]
    best: dict[str, float] = {}
    for code, pattern, score in _PATTERNS:
        if pattern.fullmatch(number) and score > best.get(code, 0.0):
            best[code] = score
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    return [Candidate(code, COURIERS[code].name, score) for code, score in ranked]


def looks_like_tracking(number: str) -> bool:
    return bool(recognise(number)) or bool(TRACKING_SHAPE.fullmatch(number))


def courier_name_of(text: str) -> str:
    """One courier name for the variants ERP exports use (圆通速递, YTO, 圆通快递 → 圆通)."""
    t = unicodedata.normalize("NFKC", text).strip()
    if not t:
        return ""
    up = t.upper().replace(" ", "")
    for c in COURIERS.values():
        if up == c.code or up in c.aliases or t == c.name:
            return c.name
    for c in COURIERS.values():
        if t.startswith(c.name) or any(a and up.startswith(a) for a in c.aliases if len(a) > 1):
            return c.name
    return t


def name_of_code(code: str) -> str:
    return COURIERS[code].name if code in COURIERS else code
