"""A report table (title, headers, rows) and the CSV/XLSX writers every export shares."""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from returnsdesk.reports.safe import csv_safe
from returnsdesk.reports.xlsx import Workbook

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while an export runs (``total`` may be 0: unknown)."""

WIDTH_SAMPLE = 200
MAX_WIDTH = 60


@dataclass
class Table:
    """One sheet of an export. ``rows`` may be a generator: it is read once."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[object]]
    number_formats: dict[int, str] | None = None


def text_width(value: object) -> int:
    """Display width: CJK characters take two columns in Excel's default font."""
    text = _cell_text(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _sheet_title(title: str, used: set[str]) -> str:
    base = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"
    name, n = base, 2
    while name in used:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def write_xlsx(tables: Sequence[Table], path: Path, progress: Progress | None = None) -> None:
    """Each table on its own sheet: bold frozen header, widths from the content.

    Rows stream to the file; text that looks like a formula is text with Excel's quote prefix.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    formats = [f for t in tables for f in (t.number_formats or {}).values()]
    used: set[str] = set()
    with Workbook(path, formats) as wb:
        for i, table in enumerate(tables):
            rows = iter(table.rows)
            head = list(islice(rows, WIDTH_SAMPLE))
            widths = [
                min(MAX_WIDTH, max([text_width(h), *(text_width(r[c]) for r in head)]) + 2)
                for c, h in enumerate(table.headers)
            ]
            sheet, out = wb.sheet(_sheet_title(table.title, used), widths)
            styles = [wb.style_of((table.number_formats or {}).get(c)) for c in range(len(widths))]
            sheet.write_row(list(table.headers), header=True)
            for row in _chain(head, rows):
                sheet.write_row(row, styles)
            sheet.close()
            out.close()
            if progress:
                progress(i + 1, len(tables))


def _chain(
    head: list[Sequence[object]], rest: Iterable[Sequence[object]]
) -> Iterable[Sequence[object]]:
    yield from head
    yield from rest


def write_csv(tables: Sequence[Table], path: Path, progress: Progress | None = None) -> None:
    """All tables in one CSV (UTF-8 with BOM so Excel opens Chinese right), a title row each."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        for i, table in enumerate(tables):
            if len(tables) > 1:
                if i:
                    w.writerow([])
                w.writerow([csv_safe(table.title)])
            w.writerow([csv_safe(h) for h in table.headers])
            for row in table.rows:
                w.writerow([csv_safe(_csv_value(v)) for v in row])
            if progress:
                progress(i + 1, len(tables))


def _csv_value(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return value
