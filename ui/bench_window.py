"""The unpacking bench main window: the view, its controller, keys and menus."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from returnsdesk.context import AppContext
from returnsdesk.ui.bench_controller import BenchController
from returnsdesk.ui.bench_view import BenchView
from returnsdesk.ui.ops import OpsBus
from returnsdesk.ui.scan_filter import ScanFilter


class BenchWindow(QMainWindow):
    def __init__(
        self,
        ctx: AppContext,
        bus: OpsBus,
        print_runner: object = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("benchWindow")
        self.ctx = ctx
        self.bus = bus
        self.print_runner = print_runner
        s = ctx.settings
        self.setWindowTitle(
            self.tr("退货拆包台 — {0} · {1}").replace("{0}", s.station).replace("{1}", s.user)
        )
        self.view = BenchView(self)
        self.setCentralWidget(self.view)
        self.controller = BenchController(self.view, ctx, bus, print_runner)
        self.view.commit_button.setAutoDefault(True)
        self.scan_filter = ScanFilter(self, self.view.scan_input)
        self.scan_filter.scanned.connect(self.controller.on_scan)
        QApplication.instance().installEventFilter(self.scan_filter)  # type: ignore[union-attr]
        self._windows: dict[str, QWidget] = {}
        self._keys()
        self._menus()
        self.resize(1280, 860)

    def _keys(self) -> None:
        c = self.controller
        keys: dict[str, Callable[[], None]] = {
            "Esc": c.cancel,
            "F2": c.refuse,
            "F3": c.accept_buyer,
            "F4": c.accept_ours,
            "F5": self.view.freight_check.toggle,
            "F6": lambda: c.items.start_target("换"),
            "F7": lambda: c.items.start_target("补"),
            "F8": c.show_no_info,
            "F9": c.copy_string,
            "Ctrl+Shift+C": c.copy_string,
            "F10": self.view.money_input.setFocus,
            "F11": self.view.packaging_check.toggle,
            "F12": c.reprint,
            "Ctrl+F": self.view.buyer_input.setFocus,
            "Ctrl+L": self.view.scan_input.setFocus,
        }
        for seq, slot in keys.items():
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)
        for seq, step in (("Up", -1), ("Down", 1)):
            sc = QShortcut(QKeySequence(seq), self.view.buyer_input)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(lambda step=step: c.move_hit(step))

    def _menus(self) -> None:
        bar = self.menuBar()
        data = bar.addMenu(self.tr("文件(&F)"))
        # not modal: the bench keeps scanning while an import runs
        self._action(data, self.tr("导入订单/退款/商品…"), "import_dialog", "ImportDialog")
        self._action(
            data, self.tr("打印机设置…"), "print_settings", "PrintSettingsDialog", modal=True
        )
        data.addSeparator()
        quit_action = QAction(self.tr("退出"), self)
        quit_action.triggered.connect(self.close)
        data.addAction(quit_action)
        win = bar.addMenu(self.tr("窗口(&W)"))
        self._action(win, self.tr("补发单台"), "reship_window", "ReshipWindow")
        self._action(win, self.tr("主管视图"), "lead_window", "LeadWindow")
        self._action(win, self.tr("打印队列"), "print_queue", "PrintQueueWidget")

    def _action(self, menu: object, title: str, module: str, cls: str, modal: bool = False) -> None:
        action = QAction(title, self)
        action.triggered.connect(lambda: self.open_window(module, cls, modal))
        menu.addAction(action)  # type: ignore[attr-defined]

    def open_window(self, module: str, cls: str, modal: bool = False) -> QWidget:
        """Open (or raise) another window of the app; each takes (ctx, bus, parent)."""
        key = f"{module}.{cls}"
        w = self._windows.get(key)
        if w is None:
            factory = getattr(importlib.import_module(f"returnsdesk.ui.{module}"), cls)
            if cls == "PrintSettingsDialog":
                w = factory(self.ctx, self)
            elif cls == "PrintQueueWidget":
                w = factory(self.ctx, self.bus, self.print_runner)
            elif cls == "ReshipWindow":
                w = factory(self.ctx, self.bus, None, print_runner=self.print_runner)
            else:
                w = factory(self.ctx, self.bus, None if not modal else self)
            if not modal:
                self._windows[key] = w
        if modal:
            w.exec()  # type: ignore[attr-defined]
        else:
            w.show()
            w.raise_()
            w.activateWindow()
        return w

    def show_start_of_day(self, now: dt.datetime | None = None) -> None:
        """Tell the clerk how many follow-ups are overdue when the bench opens."""
        from returnsdesk.services.followup import overdue_count

        n = overdue_count(self.ctx.sessions, now or dt.datetime.now())
        if n:
            self.controller.error(
                self.tr("有 {0} 个无信息件超过一天未跟进 (主管视图)").replace("{0}", str(n))
            )
        else:
            self.controller.info(self.tr("准备就绪: 请扫描快递单号"))

    def closeEvent(self, event: QCloseEvent) -> None:
        QApplication.instance().removeEventFilter(self.scan_filter)  # type: ignore[union-attr]
        for w in self._windows.values():
            w.close()
        super().closeEvent(event)
