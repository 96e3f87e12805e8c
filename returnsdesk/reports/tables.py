"""A report table (title, headers, rows) and the CSV/XLSX writers every export shares."""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from returnsdesk.reports.safe import csv_safe, is_dangerous

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
    """Each table on its own sheet: bold frozen header, widths from the content."""
    wb = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E8EAF6")
    for i, table in enumerate(tables):
        ws = wb.create_sheet(_sheet_title(table.title, used))
        rows = iter(table.rows)
        head = list(islice(rows, WIDTH_SAMPLE))
        for col, header in enumerate(table.headers, start=1):
            width = max([text_width(header), *(text_width(r[col - 1]) for r in head)])
            ws.column_dimensions[get_column_letter(col)].width = min(MAX_WIDTH, width + 2)
        ws.freeze_panes = "A2"
        cells = []
        for h in table.headers:
            c = WriteOnlyCell(ws, value=h)
            c.font, c.fill = bold, fill
            cells.append(c)
        ws.append(cells)
        formats = table.number_formats or {}
        for row in _chain(head, rows):
            ws.append([_xlsx_cell(ws, v, formats.get(j)) for j, v in enumerate(row)])
        if progress:
            progress(i + 1, len(tables))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def _chain(
    head: list[Sequence[object]], rest: Iterable[Sequence[object]]
) -> Iterable[Sequence[object]]:
    yield from head
    yield from rest


def _xlsx_cell(ws: object, value: object, number_format: str | None) -> object:
    if isinstance(value, Decimal):
        value = float(value)
    if is_dangerous(value):
        c = WriteOnlyCell(ws, value=value)
        c.data_type = "s"
        c.quotePrefix = True
        return c
    if number_format and isinstance(value, int | float):
        c = WriteOnlyCell(ws, value=value)
        c.number_format = number_format
        return c
    return value


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
