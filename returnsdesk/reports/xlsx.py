"""A small streaming XLSX writer for report tables: the sheet XML is written row by row.

Report sheets need only text, numbers, dates, a bold frozen header, column widths, a few
number formats and Excel's quote prefix; writing that XML directly is several times faster
than a general library (a busy week's registrations are ~200,000 cells, target < 3 s).
Formula cells are never written, so no text can become a formula.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
EPOCH = dt.datetime(1899, 12, 30)

# cellXfs: 0 plain, 1 header, 2 quote prefix (text that looks like a formula), 3 date,
# 4 date-time; number formats of the tables follow from 5 on.
HEADER, QUOTED, DATE, DATETIME, FIRST_FORMAT = 1, 2, 3, 4, 5
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


_PLAIN = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x")


def _text(value: str) -> str:
    """XML text of a cell; CR survives as a character reference, control characters go."""
    if not _PLAIN.search(value):
        return value
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    if "_x" in value:  # Excel would read "_x0041_" as an escaped character
        value = _EXCEL_ESCAPE.sub(r"_x005F_\1", value)
    text = escape(value)
    return text.replace("\r", "&#13;") if "\r" in text else text


class SheetWriter:
    """Writes one worksheet's XML to ``out`` (a stream inside the zip)."""

    def __init__(self, out: IO[bytes], widths: Sequence[float], first: bool) -> None:
        self.out = out
        self.letters = [get_column_letter(i + 1) for i in range(max(1, len(widths)))]
        self.row = 0
        self._buffer: list[str] = []
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w:.1f}" customWidth="1"/>'
            for i, w in enumerate(widths, start=1)
        )
        selected = ' tabSelected="1"' if first else ""
        self._put(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
            f'<sheetViews><sheetView workbookViewId="0"{selected}>'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
            "</sheetView></sheetViews>"
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "")
            + "<sheetData>"
        )

    def _put(self, text: str) -> None:
        self.out.write(text.encode("utf-8"))

    def write_row(
        self, values: Sequence[object], styles: Sequence[int] = (), header: bool = False
    ) -> None:
        self.row += 1
        r = self.row
        parts = [f'<row r="{r}">']
        letters = self.letters
        for c, v in enumerate(values):
            if v is None or v == "":
                continue
            if c >= len(letters):
                letters.append(get_column_letter(c + 1))
            ref = f"{letters[c]}{r}"
            style = HEADER if header else (styles[c] if c < len(styles) else 0)
            if isinstance(v, str):
                s = QUOTED if not header and v[0] in "=+-@\t\r" else style
                sa = f' s="{s}"' if s else ""
                parts.append(f'<c r="{ref}" t="inlineStr"{sa}><is><t xml:space="preserve">')
                parts.append(_text(v))
                parts.append("</t></is></c>")
            elif isinstance(v, bool):
                parts.append(f'<c r="{ref}" t="b"><v>{int(v)}</v></c>')
            elif isinstance(v, int | float | Decimal):
                sa = f' s="{style}"' if style else ""
                parts.append(f'<c r="{ref}"{sa}><v>{_number(v)}</v></c>')
            elif isinstance(v, dt.datetime):
                serial = (v - EPOCH).total_seconds() / 86400
                parts.append(f'<c r="{ref}" s="{DATETIME}"><v>{serial!r}</v></c>')
            elif isinstance(v, dt.date):
                serial_d = (v - EPOCH.date()).days
                parts.append(f'<c r="{ref}" s="{DATE}"><v>{serial_d}</v></c>')
            else:
                parts.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">')
                parts.append(_text(str(v)))
                parts.append("</t></is></c>")
        parts.append("</row>")
        self._buffer.append("".join(parts))
        if len(self._buffer) >= 500:
            self._flush()

    def _flush(self) -> None:
        self._put("".join(self._buffer))
        self._buffer.clear()

    def close(self) -> None:
        self._flush()
        self._put("</sheetData></worksheet>")


def _number(v: int | float | Decimal) -> str:
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, float):
        return repr(v) if v == v and v not in (float("inf"), float("-inf")) else "0"
    return str(v)


def _styles(formats: Sequence[str]) -> str:
    num_fmts = ["yyyy-mm-dd", "yyyy-mm-dd hh:mm", *formats]
    nf = "".join(
        f'<numFmt numFmtId="{164 + i}" formatCode={quoteattr(f)}/>' for i, f in enumerate(num_fmts)
    )
    xfs = [
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" '
        'applyFill="1" applyBorder="1"/>',
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>',
    ]
    xfs += [
        f'<xf numFmtId="{164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" '
        'applyNumberFormat="1"/>'
        for i in range(len(num_fmts))
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<styleSheet xmlns="{MAIN_NS}">'
        f'<numFmts count="{len(num_fmts)}">{nf}</numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="3"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill>'
        '<fill><patternFill patternType="solid"><fgColor rgb="FFE8EAF6"/>'
        '<bgColor indexed="64"/></patternFill></fill></fills>'
        '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
        '<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom>'
        "<diagonal/></border></borders>"
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def _workbook(names: Sequence[str]) -> str:
    sheets = "".join(
        f'<sheet name={quoteattr(n)} sheetId="{i}" r:id="rId{i}"/>'
        for i, n in enumerate(names, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{sheets}</sheets></workbook>"
    )


def _workbook_rels(n: int) -> str:
    ws = f"{REL_NS}/worksheet"
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{ws}" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, n + 1)
    )
    rels += f'<Relationship Id="rId{n + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_REL}">{rels}</Relationships>'
    )


def _content_types(n: int) -> str:
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{ct}.worksheet+xml"/>'
        for i in range(1, n + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
        f"{sheets}</Types>"
    )


ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
    f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)


class Workbook:
    """``add_sheet`` for each table, in order, then ``close``; a context manager."""

    def __init__(self, path: Path, number_formats: Iterable[str] = ()) -> None:
        self.formats = list(dict.fromkeys(number_formats))
        self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self.names: list[str] = []

    def style_of(self, number_format: str | None) -> int:
        if not number_format:
            return 0
        return FIRST_FORMAT + self.formats.index(number_format)

    def sheet(self, name: str, widths: Sequence[float]) -> tuple[SheetWriter, IO[bytes]]:
        self.names.append(name)
        out = self.zip.open(f"xl/worksheets/sheet{len(self.names)}.xml", "w")
        return SheetWriter(out, widths, first=len(self.names) == 1), out

    def close(self) -> None:
        n = len(self.names)
        self.zip.writestr("[Content_Types].xml", _content_types(n))
        self.zip.writestr("_rels/.rels", ROOT_RELS)
        self.zip.writestr("xl/workbook.xml", _workbook(self.names))
        self.zip.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(n))
        self.zip.writestr("xl/styles.xml", _styles(self.formats))
        self.zip.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
