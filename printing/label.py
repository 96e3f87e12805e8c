"""The box label: slip number and bin large, who/what/why, and the parcel's Code 128.

Two layouts: the 100x150 mm shipping-label size and the small 60x40 mm one; anything at
least 90 mm high gets the large layout.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from returnsdesk.domain.codes import parcel_code
from returnsdesk.printing.barcodes import barcode_width, draw_code128, fit_module
from returnsdesk.printing.data import LabelData
from returnsdesk.printing.layout import fit_size, masked, wrap


def draw_label(c: Canvas, d: LabelData, w: float, h: float, font: str) -> None:
    """One label on the current page of ``c`` (page size ``w`` x ``h`` points)."""
    if h >= 90 * mm:
        _large(c, d, w, h, font)
    else:
        _small(c, d, w, h, font)


def _slip(d: LabelData) -> str:
    return str(d.slip_no) if d.slip_no is not None else "—"


def _head(c: Canvas, d: LabelData, x: float, top: float, w: float, band: float, font: str) -> None:
    """Slip number left, bin right in an inverted box: the two things read from a metre away."""
    cap = max(5.0, band * 0.12)
    left_w = w * 0.48
    c.setFont(font, cap)
    c.drawString(x, top - cap, "纸条编号")
    slip = _slip(d)
    size = fit_size(slip, font, band * 0.8, left_w)
    c.setFont(font, size)
    c.drawString(x, top - band + band * 0.08, slip)
    bx = x + w * 0.52
    bw = w * 0.48
    c.rect(bx, top - band, bw, band, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    size = fit_size(d.bin_name, font, band * 0.55, bw - 4)
    c.setFont(font, size)
    c.drawCentredString(bx + bw / 2, top - band / 2 - size * 0.35, d.bin_name)
    c.setFillColorRGB(0, 0, 0)


def _large(c: Canvas, d: LabelData, w: float, h: float, font: str) -> None:
    m = 4 * mm
    x, iw = m, w - 2 * m
    y = h - m
    band = 34 * mm
    _head(c, d, x, y, iw, band, font)
    y -= band + 3 * mm
    c.setLineWidth(0.8)
    c.line(x, y, x + iw, y)
    y -= 2 * mm
    cap_w = 11 * mm
    rows: list[tuple[str, str, float, int]] = [
        ("买家", d.buyer_id, 18, 1),
        ("商品", d.items_text, 13, 2),
        ("原因", d.reasons, 13, 1),
        ("状况", d.condition, 13, 1),
        ("电话", masked(d.phone), 12, 1),
        ("日期", f"{d.date}   工位 {d.station}", 11, 1),
    ]
    for caption, value, size, max_lines in rows:
        if not value and caption == "电话":
            continue
        lines = wrap(value, font, size, iw - cap_w, max_lines) if max_lines > 1 else [value]
        s = size if max_lines > 1 else fit_size(value, font, size, iw - cap_w)
        y -= s * 1.05
        c.setFont(font, 9)
        c.drawString(x, y, caption)
        c.setFont(font, s)
        for i, line in enumerate(lines):
            if i:
                y -= s * 1.15
            c.drawString(x + cap_w, y, line)
        y -= s * 0.35
    if d.return_string:
        y -= 2 * mm
        c.setLineWidth(0.4)
        c.line(x, y, x + iw, y)
        c.setFont(font, 9)
        for line in wrap(d.return_string, font, 9, iw, 3):
            y -= 11
            c.drawString(x, y, line)
    code = parcel_code(d.parcel_id)
    module = fit_module(code, iw)
    bw = barcode_width(code, module)
    draw_code128(c, code, x + (iw - bw) / 2, m, 16 * mm, module, font, 10)


def _small(c: Canvas, d: LabelData, w: float, h: float, font: str) -> None:
    m = 2 * mm
    x, iw = m, w - 2 * m
    y = h - m
    band = 12 * mm
    _head(c, d, x, y, iw, band, font)
    y -= band + 1.2 * mm
    for text, size in (
        (f"{d.buyer_id}  {masked(d.phone)}".strip(), 7.5),
        (d.items_text, 7),
        (f"{d.reasons} {d.condition}  {d.date} {d.station}".strip(), 6.5),
    ):
        s = fit_size(text, font, size, iw)
        y -= s * 1.1
        c.setFont(font, s)
        c.drawString(x, y, text)
    code = parcel_code(d.parcel_id)
    module = fit_module(code, iw, max_dots=3)
    bw = barcode_width(code, module)
    bar_h = max(5 * mm, y - m - 7.5 - 1 * mm)
    draw_code128(c, code, x + (iw - bw) / 2, m * 0.5, min(bar_h, 10 * mm), module, font, 6)
