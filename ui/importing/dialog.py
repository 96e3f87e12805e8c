"""导入 ERP 数据: pick a file, see what was detected, import in the background, read the result.

The import runs in a worker thread, so the bench keeps scanning while a year of orders comes
in; when it is done the views refresh through ``Topic.ORDERS``.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.context import AppContext
from returnsdesk.domain.topics import IMPORTED, Topic
from returnsdesk.errors import UserError
from returnsdesk.importing.presets import presets
from returnsdesk.importing.reasons import TOP_REASONS
from returnsdesk.importing.service import ImportResult, preview, run_import
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.common.tasks import Task, start
from returnsdesk.ui.importing.model import PreviewModel

PREVIEW_ROWS = 20
W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    """objectName for the automated GUI checks (docs/design.md, "Names checks rely on"), set where the widget is made."""
    widget.setObjectName(name)
    return widget


class ImportDialog(QDialog):
    def __init__(self, ctx: AppContext, bus: OpsBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bus = bus
        self.mapping_path: Path | None = None
        self.task: Task | None = None
        self.last_result: ImportResult | None = None
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("导入 ERP 数据"))
        self.resize(960, 600)
        self._build()
        self._connect()
        self._fill_presets()
        self._set_running(False)

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.file_edit = _named(QLineEdit(), "importFileEdit")
        self.file_edit.setPlaceholderText(
            self.tr("CSV 或 XLSX 文件 (淘宝订单报表、宝贝明细、退款、商品资料…)")
        )
        self.browse_button = _named(
            QPushButton(self.tr("选择文件… (Ctrl+O)")), "importBrowseButton"
        )
        self.kind_picker = _named(QComboBox(), "importKindPicker")
        for label, kind in (
            (self.tr("订单 (含宝贝明细)"), "orders"),
            (self.tr("退款/退货申请"), "refunds"),
            (self.tr("商品资料"), "catalog"),
        ):
            self.kind_picker.addItem(label, kind)
        self.preset_picker = _named(QComboBox(), "importPresetPicker")
        self.mapping_button = _named(QPushButton(self.tr("映射文件…")), "importMappingButton")
        self.mapping_label = _named(QLabel(), "importMappingFile")
        self.info_label = _named(QLabel(), "importMappingLabel")
        self.info_label.setWordWrap(True)
        self.error_label = _named(QLabel(), "importError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.model = PreviewModel(self)
        self.table = _named(QTableView(), "importPreviewTable")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAlternatingRowColors(True)
        self.progress = _named(QProgressBar(), "importProgress")
        self.summary = _named(QLabel(), "importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.start_button = _named(QPushButton(self.tr("开始导入")), "importStartButton")
        self.cancel_button = _named(QPushButton(self.tr("关闭")), "importCancelButton")
        # no default button: Enter in the file box previews and moves to 开始导入, and only an
        # Enter there starts (see keyPressEvent), so a typed path never starts by surprise
        for b in (self.browse_button, self.mapping_button, self.start_button, self.cancel_button):
            b.setAutoDefault(False)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        preset_row = QHBoxLayout()
        preset_row.addWidget(self.preset_picker, 1)
        preset_row.addWidget(self.mapping_button)
        preset_row.addWidget(self.mapping_label)
        form = QFormLayout()
        form.addRow(self.tr("文件"), file_row)
        form.addRow(self.tr("导入什么"), self.kind_picker)
        form.addRow(self.tr("格式"), preset_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.info_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.browse_button.clicked.connect(self.browse)
        self.file_edit.returnPressed.connect(self._file_entered)
        self.file_edit.editingFinished.connect(self.load_preview)
        self.kind_picker.currentIndexChanged.connect(self._kind_changed)
        self.preset_picker.currentIndexChanged.connect(self.load_preview)
        self.mapping_button.clicked.connect(self.choose_mapping)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+O"), self).activated.connect(self.browse)

    # --- choosing -------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return str(self.kind_picker.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind_picker.setCurrentIndex(max(0, self.kind_picker.findData(kind)))

    def _fill_presets(self) -> None:
        self.preset_picker.blockSignals(True)
        self.preset_picker.clear()
        self.preset_picker.addItem(self.tr("自动识别 (按表头)"), "")
        for name, p in presets().items():
            if p.kind == self.kind:
                self.preset_picker.addItem(p.label, name)
        self.preset_picker.blockSignals(False)

    def _kind_changed(self) -> None:
        self._fill_presets()
        self.load_preview()

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择 ERP 导出文件"),
            str(Path.home()),
            self.tr("导出文件 (*.csv *.xlsx *.txt);;所有文件 (*)"),
        )
        if path:
            self.file_edit.setText(path)
            self.load_preview()

    def choose_mapping(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择列映射文件"), str(Path.home()), self.tr("映射文件 (*.toml)")
        )
        self.set_mapping(Path(path) if path else None)

    def set_mapping(self, path: Path | None) -> None:
        self.mapping_path = path
        self.mapping_label.setText(path.name if path else "")
        self.preset_picker.setEnabled(path is None)
        self.load_preview()

    def _file_entered(self) -> None:
        self.load_preview()
        if self.start_button.isEnabled():  # after this key event, or the Enter would start
            QTimer.singleShot(0, self.start_button.setFocus)

    def _file(self) -> Path | None:
        text = self.file_edit.text().strip()
        return Path(text) if text else None

    def load_preview(self) -> None:
        """Detect the preset and show the first rows; problems are shown in place."""
        if self.task is not None:
            return
        self.error_label.clear()
        path = self._file()
        if self.last_result is not None:  # a new choice: the last summary no longer applies
            self.last_result = None
            self.summary.clear()
            self.progress.setVisible(False)
        if path is None:
            self.model.clear()
            self.info_label.clear()
            self.start_button.setEnabled(False)
            return
        try:
            p = preview(
                self.kind,
                path,
                self.preset_picker.currentData() or None,
                self.mapping_path,
                PREVIEW_ROWS,
            )
        except UserError as exc:
            self.model.clear()
            self.info_label.clear()
            self.error_label.setText(exc.text(self.ctx.settings.lang))
            self.start_button.setEnabled(False)
            return
        self.model.set_preview(p.headers, p.mapped, p.rows)
        fields = ", ".join(f"{ours} ← {theirs.strip()}" for ours, theirs in p.mapped)
        self.info_label.setText(
            self.tr("识别为: {label} · 编码 {enc} · 对应的列: {fields}").format(
                label=p.preset_label, enc=p.encoding, fields=fields
            )
        )
        self.start_button.setEnabled(True)

    # --- running --------------------------------------------------------------------------

    def start(self) -> None:
        path = self._file()
        if path is None or self.task is not None or not self.start_button.isEnabled():
            return
        s = self.ctx.settings
        fn = functools.partial(
            run_import,
            self.ctx.sessions,
            self.kind,
            path,
            home=s.home,
            user=s.user,
            station=s.station,
            preset=self.preset_picker.currentData() or None,
            mapping=self.mapping_path,
        )
        cancel = threading.Event()
        self.task = Task(lambda progress: fn(progress=progress, cancel=cancel), s.lang)
        self.task.cancel = cancel
        self.task.signals.progress.connect(self._on_progress)
        self.task.signals.done.connect(self._on_done)
        self.task.signals.failed.connect(self._on_failed)
        self.error_label.clear()
        self.summary.setText(self.tr("正在导入 {name} … 拆包台可以继续扫描").format(name=path.name))
        self._set_running(True)
        self.progress.setRange(0, 0)
        start(self.task)

    def _set_running(self, running: bool) -> None:
        for w in (self.file_edit, self.browse_button, self.kind_picker, self.mapping_button):
            w.setEnabled(not running)
        self.preset_picker.setEnabled(not running and self.mapping_path is None)
        self.start_button.setEnabled(not running and self.model.columnCount() > 0)
        self.cancel_button.setText(self.tr("取消导入") if running else self.tr("关闭"))
        self.cancel_button.setEnabled(True)
        self.progress.setVisible(running or self.last_result is not None)

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)

    def _on_done(self, result: ImportResult) -> None:
        self.task = None
        self.last_result = result
        self.progress.setRange(0, max(result.rows, 1))
        self.progress.setValue(max(result.rows, 1))
        lines = [
            self.tr(
                "{file}: 新增 {imported}, 更新 {updated}, 未变 {unchanged}, 拒绝 {rejected}"
            ).format(
                file=result.file_name,
                imported=result.imported,
                updated=result.updated,
                unchanged=result.unchanged,
                rejected=result.rejected,
            )
        ]
        if result.cancelled:
            lines.append(self.tr("已取消: 已完成的批次保留, 其余未导入"))
        if result.rejected:
            lines.append(self.tr("拒绝原因 (行数, 最多的在前):"))
        for kind, rows, first in result.reasons.top(TOP_REASONS):
            lines.append(
                self.tr("  {rows} 行: {reason} (如第 {row} 行)").format(
                    rows=rows, reason=kind, row=first
                )
            )
        kinds, rest = result.reasons.rest(TOP_REASONS)
        if kinds:
            lines.append(
                self.tr("  … 另有 {kinds} 种原因, 共 {rows} 行").format(kinds=kinds, rows=rest)
            )
        if result.report_path:
            lines.append(self.tr("被拒绝的行和原因: {path}").format(path=result.report_path))
        self.summary.setText("\n".join(lines))
        self._set_running(False)
        self.bus.notify(Topic.ORDERS | IMPORTED[result.kind])

    def _on_failed(self, message: str) -> None:
        self.task = None
        self.summary.clear()
        self.error_label.setText(message)
        self._set_running(False)
        self.progress.setVisible(False)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel.set()
            self.cancel_button.setEnabled(False)
            self.summary.setText(self.tr("正在取消: 等当前这一批写完…"))

    @property
    def running(self) -> bool:
        return self.task is not None

    def reject(self) -> None:
        """Esc / 关闭: while importing it cancels instead (the batch in progress finishes)."""
        if self.task is not None:
            self.cancel()
            return
        super().reject()

    def exec(self) -> int:
        """Opened with ``exec()`` (the bench's menu does), a modal dialog would take the
        scanner's keystrokes from the bench for the whole import: show it non-modal instead."""
        self.setModal(False)
        self.show()
        self.activateWindow()
        return 0

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()
            if isinstance(focus, QPushButton) and focus.isEnabled():
                focus.click()
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
