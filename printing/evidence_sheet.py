"""The dispute packet's one-page summary (举证说明): what was sold against what came back,
who opened the parcel where and when, and the SHA-256 of every clip and photo.

Plain values in (``services/evidence/export.py`` builds them), PDF bytes out; text in the
packet's language, given already translated.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from returnsdesk.printing.fonts import find_font
from returnsdesk.printing.layout import ruled_table


@dataclass(frozen=True)
class SheetParcel:
    heading: str  # tracking number, courier, buyer, order, refund
    facts: tuple[tuple[str, str], ...]  # (label, value): clerk, station, times, outcome
    sold: tuple[str, ...]  # order lines as sold
    received: tuple[str, ...]  # items as received, with reason and condition
    files: tuple[tuple[str, str, str], ...]  # (file in the packet, time, sha256)


@dataclass(frozen=True)
class EvidenceSheet:
    title: str
    subtitle: str
    labels: tuple[str, str, str, str, str]  # sold, received, file, time, SHA-256
    parcels: tuple[SheetParcel, ...]
    footer: str


def render_evidence_sheet(data: EvidenceSheet, font_path: str | None = None) -> bytes:
    font = find_font(font_path)
    small = ParagraphStyle("s", fontName=font, fontSize=7.5, leading=9.5)
    body = ParagraphStyle("b", fontName=font, fontSize=9, leading=12)
    head = ParagraphStyle("h", fontName=font, fontSize=15, leading=19)
    sub = ParagraphStyle("h2", fontName=font, fontSize=10.5, leading=14, spaceBefore=6)
    width = A4[0] - 30 * mm
    story: list[object] = [Paragraph(escape(data.title), head),
                           Paragraph(escape(data.subtitle), body), Spacer(1, 3 * mm)]  # fmt: skip
    sold_l, recv_l, file_l, time_l, hash_l = data.labels
    for p in data.parcels:
        story.append(Paragraph(escape(p.heading), sub))
        facts = " · ".join(f"{escape(k)}: {escape(v)}" for k, v in p.facts if v)
        story.append(Paragraph(facts, body))
        rows = max(len(p.sold), len(p.received), 1)
        lines = [[Paragraph(escape(sold_l), small), Paragraph(escape(recv_l), small)]]
        for i in range(rows):
            cells = [
                p.sold[i] if i < len(p.sold) else "",
                p.received[i] if i < len(p.received) else "",
            ]
            lines.append([Paragraph(escape(c), small) for c in cells])
        story.append(_table(lines, [width / 2, width / 2], font))
        if p.files:
            files = [[Paragraph(escape(x), small) for x in (file_l, time_l, hash_l)]]
            files += [[Paragraph(escape(x), small) for x in f] for f in p.files]
            story.append(Spacer(1, 2 * mm))
            story.append(_table(files, [width * 0.34, width * 0.22, width * 0.44], font))
    story += [Spacer(1, 4 * mm), Paragraph(escape(data.footer), small)]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=data.title)  # fmt: skip
    doc.build(story)
    return buf.getvalue()


def _table(rows: list[list[Paragraph]], widths: list[float], font: str) -> Table:
    return ruled_table(rows, widths, font)
