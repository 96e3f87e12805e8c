"""The practice sheet of the demo shop: a row per number (what it is, what it teaches, its
Code 128), then the command barcodes. Printed, it is what a newcomer scans on the first
morning; on screen, the numbers can be typed."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from returnsdesk.printing.barcodes import barcode_width, draw_code128, module_mm
from returnsdesk.printing.command_sheet import draw_command_groups
from returnsdesk.printing.data import PracticeLine, PracticeSheetData
from returnsdesk.printing.layout import fit_size, wrap

ROW_H = 25 * mm
MARGIN = 15 * mm
BAR_H = 11 * mm


def build_practice_sheet(d: PracticeSheetData, size: tuple[float, float], font: str) -> bytes:
    buf = io.BytesIO()
    w, h = size
    c = Canvas(buf, pagesize=size, pageCompression=0, initialFontName=font)
    c.setTitle(d.title)
    c.setAuthor("ReturnsDesk 退货拆包台")
    page = 1

    def header() -> float:
        c.setFont(font, 18)
        c.drawString(MARGIN, h - MARGIN - 12, d.title)
        c.setFont(font, 9)
        c.drawRightString(w - MARGIN, h - MARGIN - 12, f"第 {page} 页")
        c.setFont(font, 10)
        c.drawString(MARGIN, h - MARGIN - 30, d.intro)
        return float(h - MARGIN - 36)

    y = header()
    for n, line in enumerate(d.lines, 1):
        if y - ROW_H < MARGIN:
            c.showPage()
            page += 1
            y = header()
        y -= ROW_H
        _row(c, n, line, (MARGIN, y, w - 2 * MARGIN), font)
    c.showPage()
    draw_command_groups(c, d.commands, size, font, page + 1)
    c.showPage()
    c.save()
    return buf.getvalue()


def _row(c: Canvas, n: int, line: PracticeLine, box: tuple[float, float, float], font: str) -> None:
    """Text on the left half, the barcode(s) on the right; a thin rule under the row."""
    x, y, width = box
    text_w = width * 0.46
    c.setFont(font, fit_size(f"{n}. {line.title}", font, 13, text_w))
    c.drawString(x, y + ROW_H - 14, f"{n}. {line.title}")
    c.setFont(font, 10)
    c.drawString(x, y + ROW_H - 28, f"号码: {line.code}")
    c.setFont(font, 8.5)
    for i, part in enumerate(wrap(line.teaches, font, 8.5, text_w, max_lines=3)):
        c.drawString(x, y + ROW_H - 41 - i * 10.5, part)
    codes = [(line.code, "")] + ([(line.beside, line.beside_label)] if line.beside else [])
    right = x + width * 0.5
    slot = width * 0.5 / len(codes)
    for i, (code, label) in enumerate(codes):
        module = module_mm(3) if barcode_width(code, module_mm(3)) <= slot else module_mm(2)
        bw = barcode_width(code, module)
        bx = right + i * slot + (slot - bw) / 2
        if label:
            c.setFont(font, 8)
            c.drawCentredString(bx + bw / 2, y + ROW_H - 10, label)
        draw_code128(c, code, bx, y + 3 * mm, BAR_H, module, font, 8)
    c.setLineWidth(0.3)
    c.line(x, y, x + width, y)
