"""What a scanned or typed value is: a tracking number, a command, one of our labels, a SKU
barcode, or text (a Wangwang ID, a phone number, a name)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from returnsdesk.domain import barcode_commands, codes, couriers


class ScanKind(StrEnum):
    COMMAND = "command"
    PARCEL_LABEL = "parcel_label"
    RESHIP_SLIP = "reship_slip"
    TRACKING = "tracking"
    SKU = "sku"
    TEXT = "text"
    GARBAGE = "garbage"


@dataclass(frozen=True)
class Scan:
    kind: ScanKind
    value: str
    candidates: tuple[couriers.Candidate, ...] = ()
    command: barcode_commands.Command | None = None


# China's GS1 prefixes 690-699: no courier number starts so with 13 digits. Shops print
# their own 69… codes without a valid check digit, so EAN-13 is taken by shape, EAN-8 by check.
_EAN13_CN = re.compile(r"69\d{11}")
_EAN8 = re.compile(r"\d{8}")
_PRINTABLE_TEXT = re.compile(r"[\w\u4e00-\u9fff.@+\-* ]+")


def ean_valid(code: str) -> bool:
    """GS1 check digit of an EAN-13 / EAN-8 barcode."""
    digits = [int(c) for c in code]
    body, check = digits[:-1], digits[-1]
    weights = (3, 1) if len(code) == 8 else (1, 3)
    total = sum(d * weights[i % 2] for i, d in enumerate(body))
    return (10 - total % 10) % 10 == check


def classify(raw: str) -> Scan:
    """Classify one scan (a burst of characters ended by Enter) or typed value."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        return Scan(ScanKind.GARBAGE, raw)
    cmd = barcode_commands.parse(text)
    if cmd is not None:
        return Scan(ScanKind.COMMAND, text.upper(), command=cmd)
    if codes.parse_parcel_code(text) is not None:
        return Scan(ScanKind.PARCEL_LABEL, text.upper())
    if codes.parse_reship_code(text) is not None:
        return Scan(ScanKind.RESHIP_SLIP, text.upper())
    number = couriers.normalize(text)
    if _EAN13_CN.fullmatch(number) or (_EAN8.fullmatch(number) and ean_valid(number)):
        return Scan(ScanKind.SKU, number)
    candidates = tuple(couriers.recognise(number))
    if candidates:
        return Scan(ScanKind.TRACKING, number, candidates)
    if _PRINTABLE_TEXT.fullmatch(text) and any(c.isalnum() for c in text):
        return Scan(ScanKind.TEXT, text)
    return Scan(ScanKind.GARBAGE, raw)
