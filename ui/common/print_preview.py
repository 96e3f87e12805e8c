"""On-screen preview of a label: the real PDF, rendered through QtPdf into a picture."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from returnsdesk.context import AppContext
from returnsdesk.domain.kinds import DocKind
from returnsdesk.errors import UserError
from returnsdesk.printing import settings as printer_settings
from returnsdesk.printing.render import render_label
from returnsdesk.services.printing.documents import label_data
from returnsdesk.ui.common import tasks
from returnsdesk.ui.common.named import named


def pdf_pixmap(pdf: bytes, height: int) -> QPixmap:
    """The first page of ``pdf`` as a pixmap ``height`` pixels high."""
    return QPixmap.fromImage(pdf_image(pdf, height))


def pdf_image(pdf: bytes, height: int) -> QImage:
    """The first page of ``pdf`` as an image ``height`` pixels high (any thread)."""
    buf = QBuffer()
    buf.setData(QByteArray(pdf))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buf)
    if doc.pageCount() == 0:
        return QImage()
    size = doc.pagePointSize(0)
    width = round(size.width() * height / size.height())
    image = doc.render(0, QSize(width, height))
    doc.close()
    page = QImage(image.size(), QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)  # the PDF page is transparent: paper is white
    painter = QPainter(page)
    painter.drawImage(0, 0, image)
    painter.end()
    return page


class LabelPreview(QWidget):
    """Shows the label of the parcel just registered, exactly as it prints."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, height: int = 300) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("labelPreview")
        self._height = height
        self.picture = named(QLabel(), "labelPreviewImage")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumHeight(height)
        self.message = named(QLabel(), "labelPreviewMessage")
        self.message.setWordWrap(True)
        self.message.hide()  # shown only with something to say: an empty line took a row
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture)
        layout.addWidget(self.message)
        self.parcel_id: int | None = None
        # the label asked for last (parcel, bin), and the one on screen
        self.wanted_label: tuple[int, str] | None = None
        self.shown_label: tuple[int, str] | None = None

    def show_parcel(self, parcel_id: int, bin_code: str = "") -> bool:
        """Render and show the label of ``parcel_id`` (of its items in ``bin_code`` when it
        gets one label per bin); a problem is shown in place."""
        s = self.ctx.settings
        prefs = printer_settings.load(s.home)
        try:
            data = label_data(self.ctx.sessions, parcel_id, s.shop, bin_code)
            pdf = render_label(data, prefs.for_kind(DocKind.LABEL).size, prefs.font or None)
        except UserError as exc:
            self.picture.clear()
            self._say(exc.text(s.lang))
            return False
        self.parcel_id = parcel_id
        self.show_pdf(pdf)
        return True

    def show_parcel_soon(self, parcel_id: int, bin_code: str = "", after_ms: int = 0) -> None:
        """``show_parcel`` with the rendering off the UI thread (the bench after a
        registration): the picture comes a moment later; a later request wins. The result is
        taken by this widget's own methods, so one that arrives after it closed goes nowhere.
        ``after_ms``: the rendering starts then (once the window has painted what the clerk
        waits for: a rendering thread holds Python's lock while the window paints)."""
        s = self.ctx.settings
        prefs = printer_settings.load(s.home)
        self.parcel_id = parcel_id
        wanted = self.wanted_label = (parcel_id, bin_code)

        def work(_progress: tasks.Progress) -> tuple[tuple[int, str], QImage | None, str]:
            try:
                data = label_data(self.ctx.sessions, parcel_id, s.shop, bin_code)
            except UserError as exc:
                return wanted, None, exc.text(s.lang)
            pdf = render_label(data, prefs.for_kind(DocKind.LABEL).size, prefs.font or None)
            return wanted, pdf_image(pdf, self._height), ""

        task = tasks.Task(work, s.lang)
        task.signals.done.connect(self._rendered)
        task.signals.failed.connect(self._not_rendered)
        if after_ms:
            QTimer.singleShot(after_ms, self, lambda: self._start(task, wanted))
        else:
            tasks.start(task)

    def _start(self, task: tasks.Task, wanted: tuple[int, str]) -> None:
        if wanted == self.wanted_label:  # not overtaken by a later request meanwhile
            tasks.start(task)

    def _rendered(self, result: tuple[tuple[int, str], QImage | None, str]) -> None:
        wanted, image, problem = result
        if wanted != self.wanted_label:
            return  # a later request is on its way
        self.shown_label = wanted
        if image is None:
            self.picture.clear()
        else:
            self.picture.setPixmap(QPixmap.fromImage(image))
        self._say(problem)

    def _not_rendered(self, text: str) -> None:
        self.picture.clear()
        self._say(text)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_pdf(self, pdf: bytes) -> None:
        """Show the first page of any printed document."""
        self.picture.setPixmap(pdf_pixmap(pdf, self._height))
        self._say("")

    def clear(self) -> None:
        self.parcel_id = None
        self.wanted_label = self.shown_label = None
        self.picture.clear()
        self._say("")
