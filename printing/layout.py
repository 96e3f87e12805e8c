"""Page sizes and small text helpers shared by the documents (CJK text wraps per character)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from returnsdesk.domain.kinds import DocKind
from returnsdesk.domain.phone import mask_phone

# size name → (width, height) in points; the CUPS media name of each
SIZES: dict[str, tuple[float, float]] = {
    "100x150": (100 * mm, 150 * mm),
    "60x40": (60 * mm, 40 * mm),
    "A5": A5,
    "A4": A4,
}
MEDIA: dict[str, str] = {
    "100x150": "Custom.100x150mm",
    "60x40": "Custom.60x40mm",
    "A5": "A5",
    "A4": "A4",
}
# the sizes each document kind can be printed on; the first is the default
DOC_SIZES: dict[str, tuple[str, ...]] = {
    DocKind.LABEL: ("100x150", "60x40"),
    DocKind.RESHIP: ("100x150", "A5"),
    DocKind.DAY_SHEET: ("A4",),
    DocKind.COMMANDS: ("A4",),
}


def page_size(size: str) -> tuple[float, float]:
    try:
        return SIZES[size]
    except KeyError:
        raise ValueError(f"unknown page size {size!r}") from None


def masked(phone: str) -> str:
    """Phone as printed: masked, unless it already is."""
    return phone if "*" in phone or not phone else mask_phone(phone)


def wrap(text: str, font: str, size: float, width: float, max_lines: int = 0) -> list[str]:
    """Lines of ``text`` no wider than ``width``; breaks anywhere (Chinese has no spaces).

    With ``max_lines`` the last kept line ends in '…' when text was cut.
    """
    if "\n" not in text and stringWidth(text, font, size) <= width:
        return [text]
    lines: list[str] = []
    for para in text.split("\n"):
        cur, cur_w = "", 0.0
        for ch in para:
            ch_w = stringWidth(ch, font, size)
            if cur and cur_w + ch_w > width:
                lines.append(cur)
                cur, cur_w = ("", 0.0) if ch == " " else (ch, ch_w)
            else:
                cur, cur_w = cur + ch, cur_w + ch_w
        lines.append(cur)
    if max_lines and len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and stringWidth(last + "…", font, size) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last + "…"]
    return lines


def fit_size(text: str, font: str, max_size: float, width: float, min_size: float = 5) -> float:
    """The largest font size ≤ ``max_size`` at which ``text`` fits ``width`` on one line."""
    w = stringWidth(text, font, max_size)
    if w <= width or not text:
        return max_size
    return float(max(min_size, max_size * width / w))


def ruled_table(rows: list[list[object]], widths: list[float], font: str) -> Table:
    """A ruled table with a grey header row that repeats on every page (day sheet, the
    dispute packet's summary)."""
    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e0e0e0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t
