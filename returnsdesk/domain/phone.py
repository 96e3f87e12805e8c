"""Phone numbers: masking for labels and slips, the last four digits for search."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\D")
_MOBILE = re.compile(r"(1[3-9]\d{9})$")


def digits(phone: str) -> str:
    return _DIGITS.sub("", phone)


def mask_phone(phone: str) -> str:
    """``13812345678`` → ``138****5678``; anything shorter keeps only its last four digits."""
    d = digits(phone)
    mobile = _MOBILE.search(d)
    if mobile:
        m = mobile.group(1)
        return f"{m[:3]}****{m[-4:]}"
    if len(d) > 4:
        return "*" * (len(d) - 4) + d[-4:]
    return d


def phone_for(phone: str, full: bool) -> str:
    """The one rule for showing a phone: whole where the job needs it (the reshipment slip the
    warehouse copies onto the waybill, the follow-ups the lead calls), masked everywhere else.
    ``full`` comes from the viewer's role (``Act.FULL_PHONES``) or the document's purpose."""
    return phone.strip() if full else mask_phone(phone)


def last4(phone: str) -> str:
    return digits(phone)[-4:]
