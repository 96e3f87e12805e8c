"""The Qt print backend: PDF pages rendered through QtPdf onto a QPrinter (Windows, macOS).

Painting on a QPrinter and QPdfDocument.render work in a worker thread, so the queue runner
calls this off the UI thread like the other backends.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from returnsdesk.errors import PrinterUnavailable
from returnsdesk.i18n import Message

MAX_RENDER_DPI = 300  # enough for 203/300 dpi label printers; keeps A4 images small


class QtBackend:
    """``qt:NAME`` prints on the system printer NAME (empty: the default printer).

    ``pdf_output`` makes it print into a PDF file through Qt's own PDF engine instead
    (used by tests and machines without a printer).
    """

    scheme = "qt"

    def __init__(self, pdf_output: Path | None = None) -> None:
        self.pdf_output = pdf_output

    def _printer(self, target: str) -> QPrinter:
        if self.pdf_output is not None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self.pdf_output))
            return printer
        info = QPrinterInfo.printerInfo(target) if target else QPrinterInfo.defaultPrinter()
        if info.isNull():
            raise PrinterUnavailable(
                printer=target or Message("默认打印机"), detail=Message("打印机不存在")
            )
        return QPrinter(info, QPrinter.PrinterMode.HighResolution)

    def send(self, pdf: Path, target: str, media: str, copies: int, title: str) -> str:
        doc = QPdfDocument()
        if doc.load(str(pdf)) != QPdfDocument.Error.None_ or doc.pageCount() == 0:
            raise PrinterUnavailable(printer=target, detail=Message("无法读取要打印的 PDF"))
        printer = self._printer(target)
        printer.setDocName(title)
        printer.setCopyCount(max(1, copies))
        printer.setFullPage(True)
        first = doc.pagePointSize(0)
        printer.setPageLayout(
            QPageLayout(
                QPageSize(QSizeF(first.width(), first.height()), QPageSize.Unit.Point, title),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        painter = QPainter()
        if not painter.begin(printer):
            raise PrinterUnavailable(
                printer=target or Message("默认打印机"), detail=Message("无法开始打印")
            )
        try:
            dpi = min(printer.resolution(), MAX_RENDER_DPI)
            for i in range(doc.pageCount()):
                if i and not printer.newPage():
                    raise PrinterUnavailable(printer=target, detail=Message("打印中断"))
                size = doc.pagePointSize(i)
                image = doc.render(
                    i, QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72))
                )
                page = printer.pageRect(QPrinter.Unit.DevicePixel)
                painter.drawImage(QRectF(0, 0, page.width(), page.height()), image)
        finally:
            painter.end()
        doc.close()
        return str(self.pdf_output) if self.pdf_output else target

    def printers(self) -> list[str]:
        return [str(name) for name in QPrinterInfo.availablePrinterNames()]
