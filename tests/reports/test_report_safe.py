"""Formula injection: which cell text is dangerous, and how CSV and XLSX write it."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from openpyxl import load_workbook

from returnsdesk.domain.cells import csv_safe, is_dangerous
from returnsdesk.reports.tables import Table, write_csv, write_xlsx

EVIL = ["=1+1", "+8613812345678", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd"]
FINE = ["tb_xiaomei", "5815深紫W7", "a=b", " =1", ""]


def excel_text(value: str) -> str:
    """What Excel shows for a stored string: it decodes ``_xHHHH_`` (openpyxl does not)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), value)


def test_dangerous_text_only() -> None:
    assert all(is_dangerous(v) for v in EVIL)
    assert not any(is_dangerous(v) for v in FINE)
    assert csv_safe(-5) == -5
    assert csv_safe("=1") == "'=1"
    assert csv_safe("ok") == "ok"


def test_both_writers_keep_evil_text_as_text(tmp_path: Path) -> None:
    rows = [(v, -3, 1.5) for v in EVIL + FINE]
    table = Table("t", ("text", "int", "float"), rows)
    write_xlsx([table], tmp_path / "t.xlsx")
    wb = load_workbook(tmp_path / "t.xlsx")
    ws = wb["t"]
    got = list(ws.iter_rows(min_row=2))
    for cells, v in zip(got, EVIL + FINE, strict=True):
        if v:
            assert excel_text(cells[0].value) == v
            assert cells[0].data_type == "s"
            assert cells[0].quotePrefix == is_dangerous(v)
        assert cells[1].value == -3
        assert cells[1].data_type == "n"
    wb.close()
    write_csv([Table("t", ("text", "int", "float"), rows)], tmp_path / "t.csv")
    with (tmp_path / "t.csv").open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    texts = [r[0] for r in lines[1:]]
    assert texts == ["'" + v for v in EVIL] + FINE
    assert all(r[1] == "-3" for r in lines[1:] if r)


def test_xlsx_cells_keep_their_types_and_odd_text(tmp_path: Path) -> None:
    import datetime as dt
    from decimal import Decimal

    odd = ["a<b>&c", "_x0041_", "bell\x07gone", "深紫 W7"]
    row = (dt.date(2026, 11, 22), dt.datetime(2026, 11, 22, 17, 30), Decimal("-10.50"), True, *odd)
    write_xlsx(
        [Table("表/1", [f"h{i}" for i in range(len(row))], [row], {2: "0.00"})], tmp_path / "o.xlsx"
    )
    wb = load_workbook(tmp_path / "o.xlsx")
    assert wb.sheetnames == ["表1"]
    cells = next(wb["表1"].iter_rows(min_row=2))
    assert cells[0].value == dt.datetime(2026, 11, 22)
    assert cells[0].number_format == "yyyy-mm-dd"
    assert cells[1].value == dt.datetime(2026, 11, 22, 17, 30)
    assert cells[2].value == -10.5
    assert cells[2].number_format == "0.00"
    assert cells[3].value is True
    texts = [c.value for c in cells[4:]]
    # a control character is kept, escaped as Excel does (_x0007_)
    assert texts[0] == "a<b>&c"
    assert [excel_text(t) for t in texts[2:]] == [
        "bell\x07gone",
        "深紫 W7",
    ]
    # Excel would read a stored "_x0041_" as an escaped "A": the writer escapes the underscore,
    # and Excel (like openpyxl reading shared strings) shows the text as it was written
    assert texts[1] == "_x0041_"
    assert wb["表1"]["A1"].font.b
    wb.close()
