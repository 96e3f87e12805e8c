"""The command sheet: Code 128 barcodes the bench understands, a Chinese label beside each."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from returnsdesk.printing.barcodes import barcode_width, draw_code128, module_mm
from returnsdesk.printing.data import CommandSheetData
from returnsdesk.printing.layout import fit_size

CELL_H = 27 * mm
COLS = 2


def build_command_sheet(d: CommandSheetData, size: tuple[float, float], font: str) -> bytes:
    """A grid of labelled barcodes, groups in order, new page when one is full."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=size, pageCompression=0, initialFontName=font)
    c.setTitle(d.title)
    c.setAuthor("ReturnsDesk 退货拆包台")
    draw_command_groups(c, d, size, font)
    c.showPage()
    c.save()
    return buf.getvalue()


def draw_command_groups(
    c: Canvas, d: CommandSheetData, size: tuple[float, float], font: str, page: int = 1
) -> int:
    """Draw the groups from the top of a fresh page; returns the last page's number."""
    w, h = size
    m = 15 * mm
    col_w = (w - 2 * m) / COLS
    module = module_mm(3)

    def header() -> float:
        c.setFont(font, 18)
        c.drawString(m, h - m - 12, d.title)
        c.setFont(font, 9)
        c.drawRightString(w - m, h - m - 12, f"第 {page} 页")
        return float(h - m - 24)

    y = header()
    for heading, entries in d.groups:
        if y - 10 * mm - CELL_H < m:
            c.showPage()
            page += 1
            y = header()
        y -= 8 * mm
        c.setFont(font, 13)
        c.drawString(m, y, heading)
        y -= 2 * mm
        for i, e in enumerate(entries):
            col = i % COLS
            if col == 0:
                if y - CELL_H < m:
                    c.showPage()
                    page += 1
                    y = header() - 2 * mm
                y -= CELL_H
            cx = m + col * col_w
            s = fit_size(e.label, font, 14, col_w - 4)
            c.setFont(font, s)
            c.drawString(cx + 2 * mm, y + CELL_H - s - 2 * mm, e.label)
            bw = barcode_width(e.code, module)
            bh = CELL_H - s - 6 * mm - 10
            draw_code128(c, e.code, cx + (col_w - bw) / 2, y + 1 * mm, bh, module, font, 8)
    return page
