"""Code 128 as vector bars: python-barcode encodes, ReportLab draws one rectangle per bar.

Module widths are whole printer dots at 203 dpi (the common thermal label printer), never
below 0.25 mm, with the 10-module quiet zone on each side that scanners need.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import barcode
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

DOT_MM = 25.4 / 203
QUIET_MODULES = 10
MIN_MODULE_MM = 0.25


def module_mm(dots: int) -> float:
    """Width in mm of ``dots`` printer dots at 203 dpi; 2 dots is the narrowest we allow."""
    return max(dots, 2) * DOT_MM


@lru_cache(maxsize=4096)
def modules(value: str) -> str:
    """The Code 128 module pattern of ``value`` ('1' bar, '0' space), without quiet zones."""
    code = barcode.get("code128", value)
    return "".join(code.build())


@dataclass(frozen=True)
class BarcodeBox:
    """Where a drawn barcode ended up, so a layout can place text around it."""

    width: float
    height: float


def barcode_width(value: str, module: float) -> float:
    """Total width in points, quiet zones included, of ``value`` at ``module`` mm per module."""
    return float((len(modules(value)) + 2 * QUIET_MODULES) * module * mm)


def fit_module(value: str, max_width: float, max_dots: int = 4) -> float:
    """The widest whole-dot module (mm) with which ``value`` fits ``max_width`` points."""
    for dots in range(max_dots, 2, -1):
        if barcode_width(value, module_mm(dots)) <= max_width:
            return module_mm(dots)
    return module_mm(2)


def draw_code128(
    c: Canvas,
    value: str,
    x: float,
    y: float,
    bar_height: float,
    module: float,
    font: str,
    font_size: float = 8,
    text: str | None = None,
) -> BarcodeBox:
    """Bars from (x, y) upwards with quiet zones, human-readable ``text`` (default value) under.

    ``x``/``y`` is the lower-left corner of the whole box (quiet zone, text line included).
    """
    if module < MIN_MODULE_MM:
        raise ValueError(f"module {module} mm is below {MIN_MODULE_MM} mm")
    pattern = modules(value)
    m = module * mm
    text_h = font_size * 1.25 if font_size else 0.0
    bars_y = y + text_h
    bx = x + QUIET_MODULES * m
    c.saveState()
    c.setFillColorRGB(0, 0, 0)
    path = c.beginPath()
    i = 0
    n = len(pattern)
    while i < n:
        if pattern[i] == "1":
            j = i
            while j < n and pattern[j] == "1":
                j += 1
            path.rect(bx + i * m, bars_y, (j - i) * m, bar_height)
            i = j
        else:
            i += 1
    c.drawPath(path, stroke=0, fill=1)
    width = (n + 2 * QUIET_MODULES) * m
    if font_size:
        c.setFont(font, font_size)
        c.drawCentredString(
            x + width / 2, y + font_size * 0.25, text if text is not None else value
        )
    c.restoreState()
    return BarcodeBox(width, bar_height + text_h)
