"""The print queue window: this station's jobs, with retry, send elsewhere and reprint.

``PrintQueueRunner`` (the worker) lives in ``print_runner`` and is re-exported here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.context import AppContext
from returnsdesk.domain.topics import Topic
from returnsdesk.printing.backends import display_name
from returnsdesk.services.printing import queue as print_queue
from returnsdesk.ui.common.named import named
from returnsdesk.ui.common.ops import OpsBus, run_op
from returnsdesk.ui.common.print_preview import LabelPreview
from returnsdesk.ui.common.print_runner import PrintQueueRunner
from returnsdesk.ui.common.status import StatusLine
from returnsdesk.ui.printing.jobs_model import PrintJobsModel

__all__ = ["PrintQueueRunner", "PrintQueueWidget", "printer_choices"]


def printer_choices(runner: PrintQueueRunner | None, ctx: AppContext) -> list[str]:
    """Every printer the backends offer, as ``scheme:target`` names."""
    names = [f"folder:{ctx.settings.home / 'print'}"]
    backends = runner.backends if runner is not None else {}
    for scheme in ("cups", "qt"):
        backend = backends.get(scheme)
        if backend is not None:
            names += [f"{scheme}:{p}" for p in backend.printers()]
    return names


class PrintQueueWidget(QWidget):
    """Jobs of today and every unfinished one; a failed job shows its reason in red."""

    def __init__(
        self,
        ctx: AppContext,
        bus: OpsBus | None = None,
        runner: PrintQueueRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bus = bus
        self.runner = runner
        self.setObjectName("printQueue")
        self.setWindowTitle(self.tr("打印队列"))
        self.resize(1100, 440)
        self.model = PrintJobsModel(self, ctx.settings.lang)
        self.table = named(QTableView(), "printJobsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.retry_button = named(QPushButton(self.tr("重试 (R)")), "retryButton")
        self.reprint_button = named(QPushButton(self.tr("重打 (P)")), "reprintButton")
        self.printer_combo = named(QComboBox(), "printerCombo")
        self.printer_combo.setMinimumWidth(220)
        self.elsewhere_button = named(QPushButton(self.tr("改用此打印机")), "elsewhereButton")
        self.status = named(StatusLine(), "printStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.reprint_button)
        buttons.addStretch(1)
        buttons.addWidget(QLabel(self.tr("其他打印机:")))
        buttons.addWidget(self.printer_combo)
        buttons.addWidget(self.elsewhere_button)
        self.preview = LabelPreview(ctx, self, height=260)
        self.preview.setFixedWidth(200)
        top = QHBoxLayout()
        top.addWidget(self.table, 1)
        top.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)

        self.retry_button.clicked.connect(self.retry)
        self.reprint_button.clicked.connect(self.reprint)
        self.elsewhere_button.clicked.connect(self.send_elsewhere)
        QShortcut(QKeySequence("R"), self, self.retry)
        QShortcut(QKeySequence("P"), self, self.reprint)
        if runner is not None:
            runner.job_changed.connect(lambda *_: self.refresh())
            runner.job_failed.connect(self._on_failed)
        if bus is not None:
            bus.changed.connect(self._on_changed)
        self.reload_printers()
        self.refresh()

    def _on_changed(self, topics: Topic) -> None:
        if Topic.PRINT_JOBS in topics:
            self.refresh()

    def _on_failed(self, job_id: int, reason: str) -> None:
        self.status.setText(
            self.tr("任务 %1 失败: %2").replace("%1", str(job_id)).replace("%2", reason)
        )

    def refresh(self) -> None:
        selected = self.selected_job_id()
        self.model.set_rows(print_queue.list_jobs(self.ctx.sessions, self.ctx.settings.station))
        self.table.resizeColumnsToContents()  # the kind's name is longer in English
        row = self.model.row_of(selected) if selected is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)

    def _show_selected(self) -> None:
        """The selected job's PDF as it was printed (or last tried), beside the list."""
        job_id = self.selected_job_id()
        path = print_queue.pdf_of(self.model.job(self.model.row_of(job_id))) if job_id else None
        if path is None:
            self.preview.clear()
            return
        try:
            self.preview.show_pdf(path.read_bytes())
        except OSError:
            self.preview.clear()

    def reload_printers(self) -> None:
        self.printer_combo.clear()
        for name in printer_choices(self.runner, self.ctx):
            self.printer_combo.addItem(display_name(name, self.ctx.settings.lang), name)

    def selected_job_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.job(rows[0].row()).id if rows else None

    def _act(self, fn: str) -> None:
        job_id = self.selected_job_id()
        if job_id is None:
            self.status.setText(self.tr("请先选中一个打印任务"))
            return
        s = self.ctx.settings
        printer = self.printer_combo.currentData()

        def work() -> str:
            if fn == "retry":
                print_queue.retry(self.ctx.sessions, job_id, s.user, s.station)
                return self.tr("任务 %1 已重新排队").replace("%1", str(job_id))
            if fn == "reprint":
                new = print_queue.reprint(self.ctx.sessions, job_id, s.user, s.station)
                return self.tr("已重打, 新任务 %1").replace("%1", str(new))
            print_queue.send_elsewhere(self.ctx.sessions, job_id, printer, s.user, s.station)
            return (
                self.tr("任务 %1 改送 %2")
                .replace("%1", str(job_id))
                .replace("%2", display_name(printer, s.lang))
            )

        done = run_op(work, says=self.status, lang=s.lang, bus=self.bus, changes=Topic.PRINT_JOBS)
        if done is None:
            return
        self.status.ok(done.value)
        if self.runner is not None:
            self.runner.kick()

    def retry(self) -> None:
        self._act("retry")

    def reprint(self) -> None:
        self._act("reprint")

    def send_elsewhere(self) -> None:
        self._act("elsewhere")
