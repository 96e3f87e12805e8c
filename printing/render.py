"""Documents to PDF bytes: one entry point per kind, and ``render`` choosing by kind.

Every function takes the plain data, a page size name (``layout.SIZES``) and optionally a
configured font path; the PDF embeds the Chinese font it was drawn with.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeAlias, TypeVar

from reportlab.pdfgen.canvas import Canvas

from returnsdesk.domain.kinds import DocKind, doc_name
from returnsdesk.printing.data import (
    CommandSheetData,
    DaySheetData,
    LabelData,
    PracticeSheetData,
    ReshipSlipData,
)
from returnsdesk.printing.fonts import find_font
from returnsdesk.printing.label import draw_label
from returnsdesk.printing.layout import DOC_SIZES, page_size

Document: TypeAlias = LabelData | ReshipSlipData | DaySheetData | CommandSheetData
T = TypeVar("T")


def _canvas(buf: io.BytesIO, size: tuple[float, float], title: str, font: str) -> Canvas:
    """A canvas whose initial font is ours, so no non-embedded Helvetica lands in the PDF."""
    c = Canvas(buf, pagesize=size, pageCompression=0, initialFontName=font)
    c.setTitle(title)
    c.setAuthor("ReturnsDesk 退货拆包台")
    c.setCreator("ReturnsDesk")
    return c


def _one_per_page(
    items: Iterable[T],
    draw: Callable[[Canvas, T, float, float, str], None],
    size: str,
    title: str,
    font: str | None,
) -> bytes:
    """Documents of one kind into one PDF, a page each (a batch for one printer)."""
    name = find_font(font)
    w, h = page_size(size)
    buf = io.BytesIO()
    c = _canvas(buf, (w, h), title, name)
    for d in items:
        draw(c, d, w, h, name)
        c.showPage()
    c.save()
    return buf.getvalue()


def render_labels(
    labels: Iterable[LabelData], size: str = "100x150", font: str | None = None
) -> bytes:
    """Many labels into one PDF, one page each."""
    return _one_per_page(labels, draw_label, size, doc_name(DocKind.LABEL), font)


def render_label(d: LabelData, size: str = "100x150", font: str | None = None) -> bytes:
    return render_labels([d], size, font)


def render_reship(
    slips: Iterable[ReshipSlipData], size: str = "100x150", font: str | None = None
) -> bytes:
    """Reshipment slips, one page each."""
    from returnsdesk.printing.reship import draw_reship

    return _one_per_page(slips, draw_reship, size, doc_name(DocKind.RESHIP), font)


def render_day_sheet(d: DaySheetData, size: str = "A4", font: str | None = None) -> bytes:
    from returnsdesk.printing.day_sheet import build_day_sheet

    return build_day_sheet(d, page_size(size), find_font(font))


def render_commands(d: CommandSheetData, size: str = "A4", font: str | None = None) -> bytes:
    from returnsdesk.printing.command_sheet import build_command_sheet

    return build_command_sheet(d, page_size(size), find_font(font))


def render_practice(d: PracticeSheetData, size: str = "A4", font: str | None = None) -> bytes:
    """The demo shop's practice sheet (``returnsdesk demo``), A4."""
    from returnsdesk.printing.practice_sheet import build_practice_sheet

    return build_practice_sheet(d, page_size(size), find_font(font))


def render(kind: str, data: Document, size: str | None = None, font: str | None = None) -> bytes:
    """The PDF of one document of ``kind`` (a ``DocKind``)."""
    size = size or DOC_SIZES[kind][0]
    if kind == DocKind.LABEL and isinstance(data, LabelData):
        return render_label(data, size, font)
    if kind == DocKind.RESHIP and isinstance(data, ReshipSlipData):
        return render_reship([data], size, font)
    if kind == DocKind.DAY_SHEET and isinstance(data, DaySheetData):
        return render_day_sheet(data, size, font)
    if kind == DocKind.COMMANDS and isinstance(data, CommandSheetData):
        return render_commands(data, size, font)
    raise ValueError(f"cannot render {type(data).__name__} as {kind!r}")


def write(path: Path, pdf: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)
    return path
