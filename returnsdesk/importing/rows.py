"""What every kind's row handler shares: cell access by field and column-length fitting."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import String, Table
from sqlalchemy.orm import Session

from returnsdesk.domain.text import bad_character
from returnsdesk.importing.cleaning import BadCell
from returnsdesk.importing.presets import Mapping

# A batch's outcome: per row either a status (new/updated/unchanged) or a rejection reason.
Outcome = tuple[int, str, str]  # (file row number, status or "rejected", reason)


class Handler(Protocol):
    db_rejects: bool  # can write() still reject a row (then the raw cells are kept for it)

    def parse(self, cells: list[Any]) -> Any: ...

    def write(self, session: Session, batch: list[tuple[int, Any]]) -> list[Outcome]: ...


# Control and invisible format characters: never part of a number, an ID or a code (a NUL or a
# zero-width space there means a damaged file, and the value would never match a scan).
# Tabs, line breaks and spaces are left to the cell cleaning (they separate split shipments).
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)


def _refused(what: str, ch: str) -> BadCell:
    return BadCell(f"{what}含有控制字符, 文件可能损坏 (U+{ord(ch):04X})")


def printable(value: str, what: str) -> str:
    """``value`` (a cleaned identifier) if it has no control, format or line-break character."""
    if not value.isprintable():
        raise _refused(what, next(ch for ch in value if not ch.isprintable()))
    return value


def visible(value: str) -> str:
    """``value`` with control characters shown as U+FFFD (for the rejected-rows report)."""
    return _CONTROL.sub("\ufffd", value)


def no_controls(cell: object, what: str) -> None:
    """Refuse a raw cell with a control character; whitespace is left to the cleaning."""
    if isinstance(cell, str) and (m := _CONTROL.search(cell)):
        raise _refused(what, m.group())


# free text a file may break over lines (a seller's note, an address, a product title): its
# tabs and line breaks are spaces; any other refused character rejects the row all the same
_FREE_TEXT = frozenset({"address", "seller_note", "title", "reason", "name"})
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]+")


def text_rule(names: Sequence[str], values: list[Any]) -> None:
    """``domain.text`` on every text value of a row, in place; names are the columns.

    One search over the row's text in the common case, so a million rows hardly notice it."""
    if bad_character("".join(v for v in values if isinstance(v, str))) is None:
        return
    for i, name in enumerate(names):
        value = values[i]
        if not isinstance(value, str):
            continue
        if name in _FREE_TEXT:
            value = values[i] = _BREAKS.sub(" ", value).strip()
        if (char := bad_character(value)) is not None:
            raise BadCell(f"{name} 含有控制字符或不可见字符 ({char})")


def text_rule_of(values: dict[str, Any]) -> None:
    """``text_rule`` on a row kept as a dict."""
    names = list(values)
    row = [values[n] for n in names]
    text_rule(names, row)
    values.update(zip(names, row, strict=True))


class Cells:
    """Field access on a raw record through a resolved mapping."""

    def __init__(self, mapping: Mapping) -> None:
        self.index = dict(mapping.index)

    def has(self, name: str) -> bool:
        return name in self.index

    def get(self, cells: list[Any], name: str) -> Any:
        i = self.index.get(name)
        return None if i is None else cells[i]  # rows are padded to the header's width


def lengths(table: Table) -> dict[str, int]:
    return {
        c.name: c.type.length for c in table.columns if isinstance(c.type, String) and c.type.length
    }


def fit(values: dict[str, Any], limits: dict[str, int], keys: tuple[str, ...] = ()) -> None:
    """Trim free text to its column; a key that does not fit rejects the row instead."""
    for name, value in values.items():
        limit = limits.get(name)
        if limit and isinstance(value, str) and len(value) > limit:
            if name in keys:
                raise BadCell(f"{name} 太长 ({len(value)} 个字符, 最多 {limit})")
            values[name] = value[:limit]
