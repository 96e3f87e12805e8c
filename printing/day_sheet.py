"""售后登记日报: the day's register on A4, paginated, a header and "第 x / y 页" on each page."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from returnsdesk.domain.kinds import DocKind, doc_name
from returnsdesk.printing.data import DaySheetData
from returnsdesk.printing.layout import masked, ruled_table


def _numbered_canvas(font: str, title: str) -> type[Canvas]:
    """A canvas that knows the page count when it writes each footer (two-pass numbering)."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no types
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = font
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                w, h = self._pagesize
                self.setFont(font, 9)
                self.drawString(15 * mm, h - 10 * mm, title)
                self.drawRightString(w - 15 * mm, 8 * mm, f"第 {self._pageNumber} / {total} 页")
                self.line(15 * mm, h - 11.5 * mm, w - 15 * mm, h - 11.5 * mm)
                super().showPage()
            super().save()

    return NumberedCanvas


def _table(rows: list[list[str]], widths: list[float], font: str, style: ParagraphStyle) -> Table:
    body = [[Paragraph(_esc(cell), style) for cell in row] for row in rows]
    return ruled_table(body, widths, font)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_day_sheet(d: DaySheetData, size: tuple[float, float], font: str) -> bytes:
    buf = io.BytesIO()
    title = f"{doc_name(DocKind.DAY_SHEET)}  {d.date}"
    doc = SimpleDocTemplate(
        buf,
        pagesize=size,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=16 * mm,
        bottomMargin=14 * mm,
        title=title,
        author="ReturnsDesk 退货拆包台",
    )
    h1 = ParagraphStyle("h1", fontName=font, fontSize=16, leading=20, spaceAfter=4)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=11.5, wordWrap="CJK")
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13)
    width = size[0] - 30 * mm
    story: list[Any] = [Paragraph(_esc(title), h1)]
    summary = (
        f"登记 {len(d.lines)} 件; 无信息件 {len(d.no_info)} 件; "
        f"未登记 {len(d.unregistered)} 件; 现金/邮费合计 {d.money_total} 元"
    )
    if d.outcomes:
        summary += "; 包裹结果: " + ", ".join(f"{name} {n} 个" for name, n in d.outcomes)
    story.append(Paragraph(_esc(summary), body))
    if d.generated_at:
        story.append(Paragraph(_esc(f"打印时间 {d.generated_at}"), body))

    story.append(Paragraph("登记明细", h2))
    rows = [["纸条编号", "登记内容", "工位", "登记员"]]
    rows += [[_no(li.slip_no), li.line, li.station, li.clerk] for li in d.lines]
    story.append(_table(rows, [18 * mm, width - 58 * mm, 20 * mm, 20 * mm], font, cell))

    story.append(Paragraph("无信息件", h2))
    rows = [["纸条编号", "快递", "单号", "寄出地", "寄件人", "电话", "内容"]]
    rows += [
        [
            _no(n.slip_no),
            n.courier,
            n.tracking,
            n.sender_city,
            n.sender_name,
            masked(n.phone),
            n.contents,
        ]
        for n in d.no_info
    ]
    w7 = [16 * mm, 14 * mm, 32 * mm, 18 * mm, 18 * mm, 24 * mm]
    story.append(_table(rows, [*w7, width - sum(w7)], font, cell))

    story.append(Paragraph("现金 / 邮费", h2))
    rows = [["类别", "金额 (元)"], *([k, a] for k, a in d.money), ["合计", d.money_total]]
    story.append(_table(rows, [40 * mm, 40 * mm], font, cell))

    story.append(Paragraph("未登记包裹", h2))
    rows = [["快递", "单号", "状态", "签收时间", "工位"]]
    rows += [[u.courier, u.tracking, u.status, u.received_at, u.station] for u in d.unregistered]
    story.append(_table(rows, [20 * mm, 45 * mm, 25 * mm, 40 * mm, width - 130 * mm], font, cell))
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph("登记员签字: ____________    主管签字: ____________", body))
    doc.build(story, canvasmaker=_numbered_canvas(font, title))
    return buf.getvalue()


def _no(n: int | None) -> str:
    return "" if n is None else str(n)
