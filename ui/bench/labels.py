"""What follows a registration a frame after its panel is painted: the label's preview,
rendered off the UI thread, and the print runner's work on the labels just queued. Either
thread holds Python's lock while it renders, so neither starts while the window paints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from returnsdesk.context import AppContext
from returnsdesk.ui.bench.view import BenchView

if TYPE_CHECKING:
    from returnsdesk.ui.common.print_preview import LabelPreview
    from returnsdesk.ui.common.print_runner import PrintQueueRunner

# a frame: today's list, the label's preview and its printing follow the panel by one
FRAME_MS = 16
PREVIEW_HEIGHT = 110


class BenchLabels(QObject):
    def __init__(
        self,
        view: BenchView,
        ctx: AppContext,
        printer: PrintQueueRunner | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.v, self.ctx = view, ctx
        self.printer = printer  # the station's print runner: told when labels are queued
        self.preview: LabelPreview | None = None  # made at the warm-up, not at start-up

    def widget(self) -> LabelPreview:
        from returnsdesk.ui.common.print_preview import LabelPreview

        if self.preview is None:
            self.preview = LabelPreview(self.ctx, height=PREVIEW_HEIGHT)
            self.v.preview_layout.addWidget(self.preview)
            self.preview.show()  # now, not at the first parcel (the layout shows it later)
        return self.preview

    def warm_up(self) -> None:
        """The renderer, its font and the PDF view loaded before the first parcel."""
        from returnsdesk.printing.render import render_label
        from returnsdesk.services.printing.documents import sample_label
        from returnsdesk.ui.common.print_preview import pdf_pixmap

        self.widget()  # the widget only: it may already show a real label
        pdf_pixmap(render_label(sample_label(self.ctx.settings.shop)), PREVIEW_HEIGHT)

    def show(self, title: str, parcel_id: int, bin_code: str = "") -> None:
        """The label just queued or named, as it prints (one bin's, when there are
        several): never the one before."""
        self.v.preview_box.setTitle(title)
        self.v.demo_panel.hide()  # the label takes its place (first: both would not fit)
        self.v.preview_box.show()
        self.widget().show_parcel_soon(parcel_id, bin_code, after_ms=FRAME_MS)

    def print_soon(self) -> None:
        if self.printer is not None:
            QTimer.singleShot(FRAME_MS, self.printer, self.printer.kick)
