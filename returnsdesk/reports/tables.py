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

import xlsxwriter

from returnsdesk.domain.cells import DANGEROUS_START, csv_safe

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

    XlsxWriter (openpyxl, which reads our imports, writes a busy week's ~200,000 cells about
    twice as slowly); its default mode keeps the cells until the file is written, which is
    faster than its constant-memory mode and small for a week's report. Strings are never
    turned into formulas; text that looks like one also gets Excel's quote prefix.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_urls": False},
    )
    bold = wb.add_format({"bold": True})
    quoted = wb.add_format({"quote_prefix": True})
    date_formats = {k: wb.add_format({"num_format": v}) for k, v in DATE_FORMATS.items()}
    used: set[str] = set()
    for i, table in enumerate(tables):
        rows = iter(table.rows)
        head = list(islice(rows, WIDTH_SAMPLE))
        ws = wb.add_worksheet(_sheet_title(table.title, used))
        formats = {
            c: wb.add_format({"num_format": f}) for c, f in (table.number_formats or {}).items()
        }
        for c, h in enumerate(table.headers):
            width = max([text_width(h), *(text_width(r[c]) for r in head)]) + 2
            ws.set_column(c, c, min(MAX_WIDTH, width), formats.get(c))
        ws.freeze_panes(1, 0)
        ws.write_row(0, 0, list(table.headers), bold)
        write_string, write_number = ws.write_string, ws.write_number
        for r, row in enumerate(_chain(head, rows), start=1):
            for c, v in enumerate(row):
                if type(v) is str:  # most cells; XlsxWriter escapes control characters
                    write_string(r, c, v, quoted if v.startswith(DANGEROUS_START) else None)
                elif v is None:
                    continue
                elif isinstance(v, bool):
                    ws.write_boolean(r, c, v)
                elif isinstance(v, int | float | Decimal):
                    write_number(r, c, v, formats.get(c))
                elif isinstance(v, dt.date):
                    ws.write_datetime(r, c, v, formats.get(c) or date_formats[type(v)])
                else:
                    write_string(r, c, str(v))
        if progress:
            progress(i + 1, len(tables))
    wb.close()


DATE_FORMATS = {dt.datetime: "yyyy-mm-dd hh:mm", dt.date: "yyyy-mm-dd"}


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
