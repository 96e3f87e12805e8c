"""Horizontal bar chart of a breakdown: this week against last week, drawn with QPainter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

THIS_WEEK = QColor("#1565c0")
LAST_WEEK = QColor("#b0bec5")
MAX_BARS = 12


class BarChart(QWidget):
    """Bars for up to ``MAX_BARS`` labels; ``bars`` is (label, this week, last week)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryChart")
        self._bars: list[tuple[str, int, int]] = []
        self._legend = (self.tr("本周"), self.tr("上周"))
        self._empty = self.tr("这两周均无登记")
        self.max_bars = MAX_BARS
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)

    def set_legend(self, shown: str, before: str) -> None:
        """What the two bars are called: the week shown and the one before it."""
        self._legend = (shown, before)
        self.update()

    def set_empty_text(self, text: str) -> None:
        """What the chart says when it has no bars."""
        self._empty = text
        self.update()

    def legend(self) -> tuple[str, str]:
        return self._legend

    def set_bars(self, bars: Sequence[tuple[str, int, int]]) -> None:
        self._bars = list(bars)[: self.max_bars]
        self.update()

    def bars(self) -> list[tuple[str, int, int]]:
        return list(self._bars)

    def sizeHint(self) -> QSize:
        return QSize(420, 40 + 30 * max(1, len(self._bars)))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        fm = QFontMetrics(self.font())
        if not self._bars:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty)
            return
        label_w = min(self.width() // 3, max(fm.horizontalAdvance(b[0]) for b in self._bars) + 12)
        top, legend_h = 6, fm.height() + 8
        self._draw_legend(p, fm, top)
        avail_h = self.height() - top - legend_h - 6
        row_h = min(40.0, max(14.0, avail_h / len(self._bars)))
        bar_h = max(4.0, (row_h - 6) / 2)
        peak = max(max(c, q) for _, c, q in self._bars) or 1
        width = self.width() - label_w - 50
        for i, (label, cur, prev) in enumerate(self._bars):
            y = top + legend_h + i * row_h
            text = fm.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 8)
            p.setPen(self.palette().text().color())
            p.drawText(
                QRectF(0, y, label_w - 6, row_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            for j, (value, colour) in enumerate(((cur, THIS_WEEK), (prev, LAST_WEEK))):
                by = y + 2 + j * bar_h
                w = width * value / peak
                p.fillRect(QRectF(label_w, by, w, bar_h - 1), colour)
                p.setPen(self.palette().text().color())
                p.drawText(
                    QRectF(label_w + w + 4, by - 2, 46, bar_h + 4),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    str(value),
                )
        p.end()

    def _draw_legend(self, p: QPainter, fm: QFontMetrics, top: int) -> None:
        x = self.width() - 10
        for text, colour in zip(self._legend[::-1], (LAST_WEEK, THIS_WEEK), strict=True):
            x -= fm.horizontalAdvance(text)
            p.setPen(self.palette().text().color())
            p.drawText(x, top + fm.ascent(), text)
            x -= 16
            p.fillRect(QRectF(x, top + 2, 12, fm.ascent() - 2), colour)
            x -= 14
