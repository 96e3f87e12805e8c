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
from typing import Any

import xlsxwriter

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
    """Each table on its own sheet: bold frozen header, widths from the content.

    XlsxWriter streams rows (``constant_memory``) and never turns text into a formula;
    dangerous text also gets Excel's quote prefix, so editing the cell keeps it text.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_date_format": "yyyy-mm-dd",
        },
    )
    header_fmt = wb.add_format({"bold": True, "bg_color": "#E8EAF6", "bottom": 1})
    quoted = wb.add_format({"quote_prefix": True})
    dates: dict[type, Any] = {
        dt.date: wb.add_format({"num_format": "yyyy-mm-dd"}),
        dt.datetime: wb.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
    }
    used: set[str] = set()
    try:
        for i, table in enumerate(tables):
            ws = wb.add_worksheet(_sheet_title(table.title, used))
            rows = iter(table.rows)
            head = list(islice(rows, WIDTH_SAMPLE))
            for col, header in enumerate(table.headers):
                width = max([text_width(header), *(text_width(r[col]) for r in head)])
                ws.set_column(col, col, min(MAX_WIDTH, width + 2))
            ws.freeze_panes(1, 0)
            ws.write_row(0, 0, list(table.headers), header_fmt)
            formats = {
                col: wb.add_format({"num_format": f})
                for col, f in (table.number_formats or {}).items()
            }
            for r, row in enumerate(_chain(head, rows), start=1):
                for c, value in enumerate(row):
                    _write_cell(ws, r, c, value, formats.get(c) or dates.get(type(value)), quoted)
            if progress:
                progress(i + 1, len(tables))
    finally:
        wb.close()


def _chain(
    head: list[Sequence[object]], rest: Iterable[Sequence[object]]
) -> Iterable[Sequence[object]]:
    yield from head
    yield from rest


def _write_cell(ws: Any, r: int, c: int, value: object, fmt: Any, quoted: Any) -> None:
    if value is None or value == "":
        return
    if isinstance(value, str):
        if is_dangerous(value):
            ws.write_string(r, c, value, quoted)
        else:
            ws.write_string(r, c, value)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, int | float | Decimal):
        ws.write_number(r, c, float(value), fmt)
    elif isinstance(value, dt.datetime | dt.date):
        ws.write_datetime(r, c, value, fmt)
    else:
        ws.write_string(r, c, str(value))


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
