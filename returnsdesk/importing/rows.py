"""What every kind's row handler shares: cell access by field and column-length fitting."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import String, Table
from sqlalchemy.orm import Session

from returnsdesk.importing.cleaning import BadCell
from returnsdesk.importing.presets import Mapping

# A batch's outcome: per row either a status (new/updated/unchanged) or a rejection reason.
Outcome = tuple[int, str, str]  # (file row number, status or "rejected", reason)


class Handler(Protocol):
    db_rejects: bool  # can write() still reject a row (then the raw cells are kept for it)

    def parse(self, cells: list[Any]) -> Any: ...

    def write(self, session: Session, batch: list[tuple[int, Any]]) -> list[Outcome]: ...


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
