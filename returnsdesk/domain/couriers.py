"""Courier recognition from a tracking number, and the one normaliser for scans and cells.

Recognition only names a courier for a number the shop's data does not know yet: a stored
shipment's or return request's courier always wins (``services.identify``). All-digit numbers
are ambiguous between couriers; ``recognise`` ranks the candidates, most likely first, and
``rank_by_history`` re-ranks them by the shop's own shipments.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
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
        Courier("JT", "极兔", ("极兔速递", "极兔快递", "J&T", "JT", "JTEXPRESS", "JTSD")),
        Courier(
            "EMS",
            "EMS",
            ("EMS", "邮政", "中国邮政", "邮政EMS", "EMS经济快递", "邮政快递包裹", "YZPY"),
        ),
        Courier("JD", "京东", ("京东快递", "京东物流", "JD", "JDL")),
        Courier("DEPPON", "德邦", ("德邦快递", "德邦物流", "DEPPON", "DBL", "DBKD")),
        Courier("BEST", "百世", ("百世快递", "百世汇通", "汇通", "BEST", "HTKY")),
        Courier("UC", "优速", ("优速快递", "优速物流", "UC", "UC56")),
        Courier("ANE", "安能", ("安能物流", "安能快递", "安能快运", "ANE")),
        Courier("YMDD", "壹米滴答", ("壹米滴答快运", "YMDD")),
        Courier("ZTOKY", "中通快运", ("ZTOKY",)),
        Courier("FWX", "丰网", ("丰网速运", "丰网快递", "FWX")),
        Courier("CAINIAO", "菜鸟", ("菜鸟速递", "菜鸟裹裹", "丹鸟", "丹鸟物流", "CNSD", "DNWL")),
    )
}


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    score: float  # 1.0 sure, lower for ambiguous shapes


# (courier code, pattern, score). Where the shapes come from: the couriers' own tracking
# pages and waybill rules as repeated by public number validators (e.g. the courier tables
# that shop ERPs and logistics query services publish), and numbers printed on real
# waybills. Letter-prefixed shapes are unambiguous; all-digit ones are scored by how
# common the shape is for that courier today.
_PATTERNS: list[tuple[str, re.Pattern[str], float]] = [
    (code, re.compile(p), score)
    for code, p, score in (
        # letter prefixes: printed on the waybill by the courier's own e-waybill system
        ("SF", r"SF\d{12,13}", 1.0),  # 顺丰: SF + 13 digits (older 12)
        ("YTO", r"YT\d{12,13}", 1.0),  # 圆通: YT + 13 digits
        ("YTO", r"DD[89]\d{15}", 0.95),  # 圆通 D…: 18 characters, DD8… / DD9…
        ("YTO", r"D\d{12,17}", 0.6),
        ("JT", r"JT\d{12,13}", 1.0),  # 极兔 (also the former 百世 network): JT + 13 digits
        ("JD", r"JD[VXK][A-Z]?\d{11,13}", 1.0),  # 京东: JDVA/JDVB/JDVC + 11, JDX/JDK + 12
        ("JD", r"JD[A-Z0-9]{12,16}", 0.95),
        ("JD", r"V[ABC]\d{11}", 0.9),  # 京东 VA/VB/VC + 11 digits
        ("DEPPON", r"DPK\d{11,13}", 1.0),  # 德邦: DPK + 12 digits
        ("UC", r"VIP\d{9}|UC\d{10,15}", 0.9),  # 优速
        ("FWX", r"FW\d{10,15}", 0.95),  # 丰网: FW + 13 digits
        ("CAINIAO", r"CN\d{12,16}|LP\d{14}", 0.85),  # 菜鸟 / 丹鸟, 菜鸟 LP logistics numbers
        ("YMDD", r"YMDD\d{8,14}", 1.0),
        ("BEST", r"[ABDE]\d{12}|BXA\d{10}|K8\d{11}", 0.7),  # 百世 letter forms
        ("YTO", r"Y\d{12}", 0.6),
        # 15 digits
        ("STO", r"77\d{13}", 0.9),  # 申通: 773… 15 digits
        ("YUNDA", r"4[3-6]\d{13}", 0.9),  # 韵达 today: 15 digits from 46…, 43…
        ("BEST", r"5\d{14}", 0.6),  # 百世: 14-15 digits
        ("STO", r"(268|368|468|568|668|768|868|888|968)\d{12}", 0.5),
        # 14 digits
        ("STO", r"77\d{12}", 0.8),  # 申通 773… 14 digits
        ("ZTO", r"7[0-9]\d{12}", 0.75),  # 中通: 14 digits from 73, 75, 76, 78, 79 and 70–72
        ("BEST", r"[5-7]\d{13}", 0.5),
        # 18 digits
        ("YTO", r"[6-9]\d{17}", 0.8),  # 圆通 18 digits
        # 13 digits
        ("STO", r"(33|87)\d{11}", 0.8),  # 申通 13 digits from 33, 87
        ("YUNDA", r"(38|39|53)\d{11}", 0.8),  # 韵达 13 digits from 38, 39, 53
        ("YUNDA", r"4[0-6]\d{11}", 0.75),  # 韵达 13 digits from 43, 46 …
        ("YUNDA", r"3[0-24]\d{11}", 0.55),
        ("EMS", r"(10|11|50|51|52|95|97|98|99)\d{11}", 0.6),  # EMS / 邮政快递包裹
        ("EMS", r"1\d{12}|9\d{12}", 0.45),
        ("BEST", r"(55|56|57|70|71)\d{11}", 0.4),
        # 12 digits: old shapes of many couriers, and the freight networks
        ("STO", r"(268|368|468|568|588|668|688|768|868|888|968)\d{9}", 0.7),
        ("ZTO", r"(2[1-9]|4\d|5[4-6]|6[34]|72|9[0-58]|36|37|39|50|53|68)\d{10}", 0.5),
        ("ZTO", r"(120|780|881|882|885|960|665|666)\d{9}", 0.5),
        ("ZTOKY", r"20\d{10}", 0.45),  # 中通快运
        ("ANE", r"30\d{10}", 0.45),  # 安能
        ("YMDD", r"10\d{10}", 0.4),  # 壹米滴答
        ("UC", r"9001\d{8}", 0.6),  # 优速
        ("STO", r"(11|22|40)\d{10}", 0.35),
        ("SF", r"\d{12}", 0.2),
        # 11 digits: 京东's older numbers
        ("JD", r"(?!1[3-9])\d{11}", 0.4),  # (1[3-9]… is a mobile phone number)
        # 10 digits and fewer
        ("YTO", r"[0-9A-Z]\d{9}", 0.25),
        ("DEPPON", r"\d{8,10}", 0.3),
    )
]

_S10 = re.compile(r"[A-Z]{2}\d{9}[A-Z]{2}")
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
# AIM symbology identifiers some scanners send first (]C1 = Code 128, ]E0 = EAN …)
_AIM = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
# Taobao's order export writes 物流单号 as "No:1234…"; some ERPs write "NO." or "单号:"
_LABEL = re.compile(r"^(?:NO|单号|运单号|物流单号)\s*[:：.#]\s*", re.IGNORECASE)
# 京东's package barcode: the waybill number, then "-package-of-" ("-1-1-")
_JD_PACKAGE = re.compile(r"^(.{8,}?)-(\d{1,3})-(\d{1,3})-?$")
_EDGE_NOISE = re.compile(r"^[^0-9A-Za-z]+|[^0-9A-Za-z]+$")
_INNER_NOISE = re.compile(r"[\s\-_]+")
EMPTY_WORDS = frozenset({"NULL", "NONE", "NAN", "N/A", "-", "--", "无", "暂无", "空", "没有"})
TRACKING_SHAPE = re.compile(r"[A-Z]{0,4}\d{8,20}[A-Z]{0,2}")


def normalize(raw: str) -> str:
    """What a scanner, a hand or an export cell gave, as the plain upper-case number.

    One normaliser for the bench and the importer: folds full-width characters, drops an
    AIM prefix, Taobao's ``="…"`` guard, a leading apostrophe or tab, a ``No:`` label, a
    京东 package suffix (``-1-1-``), control characters, spaces and dashes inside and
    punctuation at either end. ``null``, ``-``, ``无``, ``暂无`` … are empty.
    """
    s = unicodedata.normalize("NFKC", raw)
    s = "".join(ch for ch in s if unicodedata.category(ch)[0] != "C").strip()
    if s.startswith('="') and s.endswith('"'):
        s = s[2:-1].strip()
    s = _AIM.sub("", s).lstrip("'").strip()
    if s.upper() in EMPTY_WORDS:
        return ""
    s = _LABEL.sub("", s)
    package = _JD_PACKAGE.match(s)
    if package and 0 < int(package[2]) <= int(package[3]):
        s = package[1]
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
    """Candidate couriers for a normalised tracking number by its shape, most likely first."""
    if is_s10(number):
        return [Candidate("EMS", COURIERS["EMS"].name, 1.0)]
    best: dict[str, float] = {}
    for code, pattern, score in _PATTERNS:
        if pattern.fullmatch(number) and score > best.get(code, 0.0):
            best[code] = score
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    return [Candidate(code, COURIERS[code].name, score) for code, score in ranked]


def rank_by_history(number: str, seen: Mapping[str, int]) -> list[Candidate]:
    """Candidates for ``number`` with the shop's own numbers of the same prefix and length.

    ``seen`` counts stored shipments of that shape per courier name. Their share lifts a
    courier (or adds one the patterns do not know); the patterns decide where there is no
    history.
    """
    cands = {c.name: c for c in recognise(number)}
    total = sum(seen.values())
    if not total:
        return list(cands.values())
    scored: dict[str, float] = {}
    for name in set(cands) | set(seen):
        shape = cands[name].score if name in cands else 0.0
        share = seen.get(name, 0) / total
        scored[name] = round(0.4 * shape + 0.6 * share, 4)
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Candidate(code_of(n), n, s) for n, s in ranked if s > 0]


def code_of(name: str) -> str:
    """The code of a courier name (``圆通`` → ``YTO``); an unknown name is its own code."""
    return next((c.code for c in COURIERS.values() if c.name == name), name)


def courier_name_of(text: str) -> str:
    """One courier name for the variants ERP exports use (圆通速递, YTO, 圆通快递 → 圆通)."""
    t = unicodedata.normalize("NFKC", text).strip()
    if not t:
        return ""
    up = t.upper().replace(" ", "")
    for c in COURIERS.values():
        if up == c.code or up in c.aliases or t == c.name:
            return c.name
    for c in sorted(COURIERS.values(), key=lambda c: -len(c.name)):
        if t.startswith(c.name) or any(a and up.startswith(a) for a in c.aliases if len(a) > 1):
            return c.name
    return t
