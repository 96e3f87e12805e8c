"""The codes printed on our own documents: a parcel's box label and a reshipment slip.

One function each way, so the label printer and the bench's scan box agree on the format.
Code 128 carries them; the prefixes do not clash with courier tracking numbers or ``RD+``.
"""

from __future__ import annotations

import re

PARCEL_PREFIX = "P"
RESHIP_PREFIX = "RS"
_PARCEL = re.compile(r"^P(\d{8,})$")
_RESHIP = re.compile(r"^RS(\d{8,})$")


def parcel_code(parcel_id: int) -> str:
    """``1234`` → ``P00001234``: the parcel's database id as printed on its box label."""
    return f"{PARCEL_PREFIX}{parcel_id:08d}"


def parse_parcel_code(value: str) -> int | None:
    """The parcel id of a scanned box label, or None when ``value`` is not one."""
    m = _PARCEL.match(value.strip().upper())
    return int(m.group(1)) if m else None


def reship_code(slip_id: int) -> str:
    """``12`` → ``RS00000012``: a reshipment slip's id as printed on the slip."""
    return f"{RESHIP_PREFIX}{slip_id:08d}"


def parse_reship_code(value: str) -> int | None:
    """The slip id of a scanned reshipment slip, or None."""
    m = _RESHIP.match(value.strip().upper())
    return int(m.group(1)) if m else None
