"""Printer settings: printer, paper size and copies per document kind, with a test print.

Saved to ``printers.json`` in the home folder (``returnsdesk.printing.settings``). The test
print runs in a worker thread; its result shows in the dialog, never as a popup.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.context import AppContext
from returnsdesk.domain.kinds import doc_name
from returnsdesk.domain.roles import ACT_NAMES, Act
from returnsdesk.errors import Forbidden, UserError
from returnsdesk.printing import settings as printer_settings
from returnsdesk.printing.backends import Backend, backend_for, default_backends, display_name
from returnsdesk.printing.layout import DOC_SIZES, MEDIA
from returnsdesk.printing.render import render
from returnsdesk.services.common import users
from returnsdesk.services.printing.documents import sample_document
from returnsdesk.ui.common.named import named
from returnsdesk.ui.common.print_qt import QtBackend

SIZE_NAMES = {"100x150": "100x150 mm", "60x40": "60x40 mm", "A5": "A5", "A4": "A4"}


class _TestSignals(QObject):
    done = Signal(str, bool, str)  # kind, ok, message


class _TestPrint(QRunnable):
    def __init__(
        self,
        signals: _TestSignals,
        ctx: AppContext,
        backends: Mapping[str, Backend],
        kind: str,
        doc: printer_settings.DocPrinter,
        font: str,
    ) -> None:
        super().__init__()
        self.signals, self.ctx, self.backends = signals, ctx, backends
        self.kind, self.doc, self.font = kind, doc, font

    def run(self) -> None:
        try:
            data = sample_document(self.kind, self.ctx.settings.shop)
            pdf = render(self.kind, data, self.doc.size, self.font or None)
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "test.pdf"
                path.write_bytes(pdf)
                backend, target = backend_for(self.backends, self.doc.printer)
                note = backend.send(path, target, MEDIA[self.doc.size], 1, "打印测试")
        except UserError as exc:
            self.signals.done.emit(self.kind, False, exc.text(self.ctx.settings.lang))
            return
        except Exception as exc:  # shown in place, never a traceback dialog
            self.signals.done.emit(self.kind, False, f"{type(exc).__name__}: {exc}")
            return
        self.signals.done.emit(self.kind, True, note)


class PrintSettingsDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        backends: Mapping[str, Backend] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("printSettingsDialog")
        self.setWindowTitle(self.tr("打印机设置"))
        self.backends: Mapping[str, Backend] = backends or {
            **default_backends(ctx.settings.home),
            "qt": QtBackend(),
        }
        self.prefs = printer_settings.load(ctx.settings.home)
        self._pool = QThreadPool(self)
        self._signals = _TestSignals(self)
        self._signals.done.connect(self._tested)
        self.printers: dict[str, QComboBox] = {}
        self.sizes: dict[str, QComboBox] = {}
        self.copies: dict[str, QSpinBox] = {}
        self.tests: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for col, head in enumerate(
            [self.tr("单据"), self.tr("打印机"), self.tr("纸张"), self.tr("份数"), ""]
        ):
            grid.addWidget(QLabel(head), 0, col)
        choices = self._choices()
        for row, kind in enumerate(DOC_SIZES, start=1):
            doc = self.prefs.for_kind(kind)
            printer = named(QComboBox(), f"printer_{kind}")
            printer.setEditable(True)
            printer.setMinimumWidth(280)
            for name in choices:
                printer.addItem(display_name(name, ctx.settings.lang), name)
            i = printer.findData(doc.printer)
            if i < 0:
                printer.addItem(display_name(doc.printer, ctx.settings.lang), doc.printer)
                i = printer.count() - 1
            printer.setCurrentIndex(i)
            size = named(QComboBox(), f"size_{kind}")
            for s in DOC_SIZES[kind]:
                size.addItem(SIZE_NAMES.get(s, s), s)
            size.setCurrentIndex(max(0, size.findData(doc.size)))
            copies = named(QSpinBox(), f"copies_{kind}")
            copies.setRange(1, 20)
            copies.setValue(doc.copies)
            test = named(QPushButton(self.tr("测试打印")), f"test_{kind}")
            test.clicked.connect(lambda _=False, k=kind: self.test_print(k))
            grid.addWidget(QLabel(doc_name(kind, ctx.settings.lang)), row, 0)
            grid.addWidget(printer, row, 1)
            grid.addWidget(size, row, 2)
            grid.addWidget(copies, row, 3)
            grid.addWidget(test, row, 4)
            self.printers[kind], self.sizes[kind] = printer, size
            self.copies[kind], self.tests[kind] = copies, test

        self.font_edit = named(QLineEdit(self.prefs.font), "fontPath")
        self.font_edit.setPlaceholderText(self.tr("留空: 自动查找中文字体 (微软雅黑/苹方/文泉驿)"))
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self._browse_font)
        font_row = QHBoxLayout()
        font_row.addWidget(QLabel(self.tr("字体文件:")))
        font_row.addWidget(self.font_edit, 1)
        font_row.addWidget(browse)

        self.status = named(QLabel(), "printSettingsStatus")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(font_row)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def _choices(self) -> list[str]:
        names = [""]
        for scheme in ("cups", "qt"):
            backend = self.backends.get(scheme)
            if backend is not None:
                names += [f"{scheme}:{p}" for p in backend.printers()]
        return names

    def _printer_of(self, kind: str) -> str:
        combo = self.printers[kind]
        text = combo.currentText().strip()
        i = combo.findText(text)
        return str(combo.itemData(i)) if i >= 0 else text  # typed: a CUPS name or scheme:…

    def current(self) -> printer_settings.PrinterSettings:
        prefs = printer_settings.PrinterSettings(font=self.font_edit.text().strip())
        for kind in DOC_SIZES:
            prefs = prefs.with_kind(
                kind,
                printer_settings.DocPrinter(
                    self._printer_of(kind),
                    str(self.sizes[kind].currentData()),
                    self.copies[kind].value(),
                ),
            )
        return prefs

    def test_print(self, kind: str) -> None:
        prefs = self.current()
        self.tests[kind].setEnabled(False)
        self.status.setText(self.tr("正在测试打印…"))
        self._pool.start(
            _TestPrint(
                self._signals, self.ctx, self.backends, kind, prefs.for_kind(kind), prefs.font
            )
        )

    def _tested(self, kind: str, ok: bool, message: str) -> None:
        self.tests[kind].setEnabled(True)
        if ok:
            self.status.setText(self.tr("测试打印已发送: %1").replace("%1", message))
            self.status.setStyleSheet("color: #2e7d32")
        else:
            self.status.setText(self.tr("测试打印失败: %1").replace("%1", message))
            self.status.setStyleSheet("color: #c62828")

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    def _browse_font(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择中文字体"), "", self.tr("TrueType 字体 (*.ttf *.ttc)")
        )
        if path:
            self.font_edit.setText(path)

    def accept(self) -> None:
        s = self.ctx.settings
        if not users.allowed(self.ctx.sessions, s.user, Act.SETTINGS):  # the admin's act
            self.status.setText(Forbidden(what=ACT_NAMES[Act.SETTINGS], user=s.user).text(s.lang))
            return
        printer_settings.save(s.home, self.current())
        super().accept()

    def done(self, result: int) -> None:
        self._pool.waitForDone(30000)
        super().done(result)
