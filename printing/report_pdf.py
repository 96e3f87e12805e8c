"""The lead's weekly summary as an A4 PDF: overview, then a bar chart and table per breakdown.

The Chinese font is embedded (``printing.fonts``) so the PDF reads the same on any PC.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from returnsdesk.domain.summary import Breakdown, WeeklySummary
from returnsdesk.printing.fonts import find_font

CHART_ROWS = 10
TABLE_ROWS = 25
THIS_WEEK = colors.HexColor("#1565c0")
LAST_WEEK = colors.HexColor("#b0bec5")


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def _signed(n: int) -> str:
    return f"{n:+d}" if n else "0"


def _chart(bd: Breakdown, font: str, width: float) -> Drawing:
    rows = bd.rows[:CHART_ROWS][::-1]  # largest at the top
    height = 24 + 16 * max(1, len(rows))
    d = Drawing(width, height + 16, initialFontName=font)
    c = HorizontalBarChart()
    c.x, c.y, c.width, c.height = 110, 10, width - 130, height - 10
    c.data = [[r.prev_count for r in rows] or [0], [r.count for r in rows] or [0]]
    c.categoryAxis.categoryNames = [" ".join(r.key)[:14] for r in rows] or [""]
    c.categoryAxis.labels.fontName = font
    c.categoryAxis.labels.fontSize = 7
    c.valueAxis.labels.fontName = font
    c.valueAxis.labels.fontSize = 7
    c.valueAxis.valueMin = 0
    c.bars[0].fillColor = LAST_WEEK
    c.bars[1].fillColor = THIS_WEEK
    c.bars.strokeWidth = 0
    c.barLabelFormat = "%d"
    c.barLabels.fontName = font
    c.barLabels.fontSize = 6
    c.barLabels.nudge = 6
    d.add(c)
    legend = Legend()
    legend.fontName, legend.fontSize = font, 7
    legend.x, legend.y = width - 120, height + 12
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [(THIS_WEEK, "该周"), (LAST_WEEK, "前一周")]
    d.add(legend)
    return d


def _table(data: list[list[Any]], font: str, widths: list[float] | None = None) -> Table:
    t = Table(data, colWidths=widths, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eaf6")),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9e9e9e")),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return t


def _breakdown_table(bd: Breakdown, font: str) -> Table:
    head = [*bd.columns, "该周", "占比", "前一周", "占比", "变化", "占比变化"]
    data: list[list[Any]] = [head]
    for r in bd.rows[:TABLE_ROWS]:
        data.append(
            [
                *r.key,
                r.count,
                _pct(r.share),
                r.prev_count,
                _pct(r.prev_share),
                _signed(r.delta_count),
                f"{r.delta_share * 100:+.1f}",
            ]
        )
    if len(bd.rows) > TABLE_ROWS:
        data.append([f"… 另 {len(bd.rows) - TABLE_ROWS} 行见 Excel 导出"] + [""] * (len(head) - 1))
    return _table(data, font)


def render_weekly_pdf(summary: WeeklySummary, out: Path, shop_name: str = "") -> Path:
    """Write ``summary`` to ``out`` (A4 portrait) and return the path."""
    font = find_font()
    title = ParagraphStyle("t", fontName=font, fontSize=16, leading=20, spaceAfter=4 * mm)
    h2 = ParagraphStyle("h", fontName=font, fontSize=12, leading=16, spaceBefore=4 * mm)
    body = ParagraphStyle("b", fontName=font, fontSize=9, leading=12)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"退货周报 {summary.week}",
        initialFontName=font,
    )
    w, p = summary.week, summary.prev_week
    story: list[Any] = [
        Paragraph(f"{shop_name}退货原因周报 {w}".strip(), title),
        Paragraph(
            f"{w} {w.monday:%Y-%m-%d} ~ {w.sunday:%Y-%m-%d}, 对比前一周 {p} "
            f"({p.monday:%Y-%m-%d} ~ {p.sunday:%Y-%m-%d}). 件数为退回商品件数合计.",
            body,
        ),
        Spacer(1, 3 * mm),
        _table(
            [
                ["", "该周", "前一周", "变化"],
                [
                    "登记包裹",
                    summary.parcels,
                    summary.prev_parcels,
                    _signed(summary.parcels - summary.prev_parcels),
                ],
                [
                    "退回件数",
                    summary.total,
                    summary.prev_total,
                    _signed(summary.total - summary.prev_total),
                ],
            ],
            font,
            [40 * mm, 30 * mm, 30 * mm, 30 * mm],
        ),
    ]
    width = A4[0] - 30 * mm
    for bd in summary.breakdowns:
        block: list[Any] = [Paragraph(bd.title, h2)]
        if bd.rows:
            block.append(_chart(bd, font, width))
        else:
            block.append(Paragraph("该周与前一周均无登记", body))
        story.append(KeepTogether(block))
        if bd.rows:
            story.append(Spacer(1, 2 * mm))
            story.append(_breakdown_table(bd, font))
    doc.build(story)
    return out


def render_table_pdf(title: str, subtitle: str, headers: list[str], rows: list[list[Any]],
                     out: Path, widths: list[float] | None = None) -> Path:  # fmt: skip
    """One table on A4 landscape pages (header repeated), e.g. the day's refund list."""
    from reportlab.lib.pagesizes import landscape

    font = find_font()
    size = landscape(A4)
    cell = ParagraphStyle("c", fontName=font, fontSize=7, leading=9)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(out),
        pagesize=size,
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=title,
        initialFontName=font,
    )
    # long text wraps inside its column; numbers and short codes stay on one line
    data: list[list[Any]] = [list(headers)]
    for r in rows:
        data.append([Paragraph(escape(v), cell) if isinstance(v, str) and len(v) > 12 else v
                     for v in r])  # fmt: skip
    story: list[Any] = [
        Paragraph(title, ParagraphStyle("t", fontName=font, fontSize=14, leading=18)),
        Paragraph(subtitle, ParagraphStyle("b", fontName=font, fontSize=9, leading=12)),
        Spacer(1, 3 * mm),
        _table(data, font, widths),
    ]
    doc.build(story)
    return out
