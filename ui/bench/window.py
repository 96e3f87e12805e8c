"""The unpacking bench main window: the view, its controller, keys and menus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWidget

from returnsdesk.context import AppContext
from returnsdesk.domain import barcode_commands
from returnsdesk.domain.barcode_commands import Action
from returnsdesk.domain.topics import Topic
from returnsdesk.ui.bench.controller import BenchController
from returnsdesk.ui.bench.scan_filter import ScanFilter
from returnsdesk.ui.bench.view import BASE_SCREEN, BenchView, scale_for
from returnsdesk.ui.common import sign_in
from returnsdesk.ui.common.ops import OpsBus, run_op
from returnsdesk.ui.common.windows import Windows

if TYPE_CHECKING:
    from returnsdesk.ui.common.print_runner import PrintQueueRunner

WARM_UP_MS = 300  # after the window shows: the renderer loads while the clerk looks up


class BenchWindow(QMainWindow):
    def __init__(
        self,
        ctx: AppContext,
        bus: OpsBus,
        print_runner: PrintQueueRunner | None = None,
        parent: QWidget | None = None,
        scale: float | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("benchWindow")
        self.ctx = ctx
        self.bus = bus
        self.print_runner = print_runner
        room = self.screen().availableGeometry()
        if scale is None:  # the bench's font and spacing follow the screen it opens on
            scale = scale_for(room.width(), room.height())
        self.view = BenchView(self, scale)
        self.setCentralWidget(self.view)
        self.controller = BenchController(self.view, ctx, bus, print_runner)
        self.scan_filter = ScanFilter(self, self.view.scan_input)
        self.scan_filter.scanned.connect(self.controller.on_scan)
        app = QApplication.instance()
        assert app is not None  # the window needs the application
        app.installEventFilter(self.scan_filter)
        self.windows = Windows(ctx, bus, print_runner)
        self._keys()
        self._menus()
        self._show_person()
        self.resize(round(BASE_SCREEN[0] * scale), round(BASE_SCREEN[1] * scale))
        self.show_demo()
        self.controller.restore()
        QTimer.singleShot(WARM_UP_MS, self.controller.warm_up)

    def _keys(self) -> None:
        c, v = self.controller, self.view
        keys: dict[str, Callable[[], None]] = {
            key: partial(c.command, action)
            for action, (key, _label) in barcode_commands.FIXED_ACTIONS.items()
            if key != "Enter"
        }
        keys.update(
            {
                "Ctrl+Shift+C": lambda: c.command(Action.COPY),
                "Ctrl+F": v.buyer_input.setFocus,
                "Ctrl+L": v.scan_input.setFocus,
                "Ctrl+T": v.today_table.setFocus,  # today's list: arrows, Enter resumes a parcel
                "F1": self.switch_person,
            }
        )
        for n in range(1, 10):
            keys[f"Alt+{n}"] = partial(c.pick_line, n - 1)
        for outcome, key in barcode_commands.OUTCOME_KEYS.items():
            keys[key] = partial(c.toggle_outcome, outcome)
        for seq, slot in keys.items():
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)
        for seq, step in (("Up", -1), ("Down", 1)):
            sc = QShortcut(QKeySequence(seq), v.buyer_input)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(lambda step=step: c.move_hit(step))
            sc = QShortcut(QKeySequence(seq), v.item_input)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(lambda step=step: c.move_line(step))

    def _show_person(self) -> None:
        """The signed-in person is in the title, and on every record the bench writes."""
        s = self.ctx.settings
        self.setWindowTitle(
            self.tr("退货拆包台 — {0} · {1}").replace("{0}", s.station).replace("{1}", s.user)
        )

    def switch_person(self) -> None:
        """F1: another person takes over the bench (a number key, the PIN, Enter)."""
        actor = sign_in.ask(self.ctx, self)
        if actor is not None:
            self.ctx.settings.user = actor.name
            self.controller.session.user = actor.name
            self._show_person()
            self.bus.notify(Topic.PERSON)  # every window of this station follows
            self.controller.info(self.tr("现在由 {0} 登记").replace("{0}", actor.name))
        self.activateWindow()  # back from the sign-in dialog
        self.controller.render()  # the keys go where the parcel in hand needs them

    def _menus(self) -> None:
        bar = self.menuBar()
        data = bar.addMenu(self.tr("文件(&F)"))
        # not modal: the bench keeps scanning while an import runs
        self._action(data, self.tr("导入订单/退款/商品…"), self.open_import)
        self._action(data, self.tr("打印机设置…"), self.open_print_settings)
        self._action(data, self.tr("摄像头设置…"), lambda: self.windows.camera_settings(self))
        data.addSeparator()
        quit_action = QAction(self.tr("退出"), self)
        quit_action.triggered.connect(self.close)
        data.addAction(quit_action)
        win = bar.addMenu(self.tr("窗口(&W)"))
        self._action(win, self.tr("补发单台"), self.open_reship)
        self._action(win, self.tr("主管视图"), self.open_lead)
        self._action(win, self.tr("打印队列"), self.open_print_queue)

    def _action(self, menu: QMenu, title: str, slot: Callable[[], object]) -> None:
        action = QAction(title, self)
        action.triggered.connect(slot)
        menu.addAction(action)

    # Other windows of the app (ui/common/windows.py).
    def open_import(self) -> QWidget:
        return self.windows.import_dialog()

    def open_reship(self) -> QWidget:
        return self.windows.reship()

    def open_lead(self) -> QWidget | None:
        done = run_op(self.windows.lead, says=self.controller, lang=self.ctx.settings.lang)
        return done.value if done is not None else None

    def open_print_queue(self) -> QWidget:
        return self.windows.print_queue()

    def open_print_settings(self) -> None:
        self.windows.print_settings(self)

    def show_start_of_day(self, now: dt.datetime | None = None) -> None:
        """Tell the clerk how many follow-ups are overdue when the bench opens."""
        from returnsdesk.services.lead.followup import overdue_count

        n = overdue_count(self.ctx.sessions, now or dt.datetime.now())
        if n:
            text = self.tr("有 {0} 个无信息件超过一天未跟进 (主管视图)").replace("{0}", str(n))
            self.controller.error(text)
            self.controller.banner(text)
        else:
            self.controller.info(self.tr("准备就绪: 请扫描快递单号"))

    def show_demo(self) -> None:
        """While the database is the demo shop: a few practice numbers to type, and where
        the practice sheet is; nothing in a real shop."""
        from returnsdesk.services.admin.practice import practice_info

        info = practice_info(self.ctx.sessions)
        panel = self.view.demo_panel
        panel.setVisible(info is not None)
        self.view.preview_box.setHidden(info is not None)  # both would not fit
        if info is None:
            return
        lang = self.ctx.settings.lang
        lines = [f"{e.code}  {e.title.text(lang)}" for e in info.entries[:3]]
        sheet = info.sheet or "returnsdesk demo --sheet FILE.pdf"
        panel.setText(
            "\n".join(
                [
                    self.tr("演示店: 扫描或输入这些号码"),
                    *lines,
                    self.tr("练习单 (全部号码和扫码指令): {0}").replace("{0}", sheet),
                ]
            )
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        app = QApplication.instance()
        assert app is not None
        app.removeEventFilter(self.scan_filter)
        self.controller.close()
        self.windows.close_all()
        super().closeEvent(event)
