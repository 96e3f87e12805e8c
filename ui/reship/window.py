"""The reshipment desk (补发单台): queue, batch print, scan-to-ship, customer message.

``ReshipWindow(ctx, bus)`` is opened from the main window's menu. It refreshes when the bus
says "reship" changed and tells the bus after every change it makes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QWidget

from returnsdesk.context import AppContext
from returnsdesk.domain.codes import reship_code
from returnsdesk.domain.kinds import (
    EDITABLE_SLIPS,
    OPEN_SLIPS,
    DocKind,
    SlipState,
    action_name,
    slip_state_name,
)
from returnsdesk.domain.reship_rules import problem_text
from returnsdesk.domain.topics import Topic
from returnsdesk.errors import UserError
from returnsdesk.services.printing import queue as print_queue
from returnsdesk.services.reship import flow as reship_flow
from returnsdesk.services.reship import rows as reship_rows
from returnsdesk.services.reship import slips as reship
from returnsdesk.services.reship.rows import SlipRow
from returnsdesk.ui.common.ops import OpsBus, run_op
from returnsdesk.ui.common.print_runner import PrintQueueRunner
from returnsdesk.ui.common.tasks import Task
from returnsdesk.ui.reship.entry import ReshipEntryDialog
from returnsdesk.ui.reship.model import ReshipModel
from returnsdesk.ui.reship.scan import ScanLoop
from returnsdesk.ui.reship.view import FILTERS, ReshipView

SHIPPED_DAYS = 31
_NO_MODS = Qt.KeyboardModifier.NoModifier


class ReshipWindow(QMainWindow):
    def __init__(
        self,
        ctx: AppContext,
        bus: OpsBus,
        parent: QWidget | None = None,
        print_runner: PrintQueueRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reshipWindow")
        self.setWindowTitle(self.tr("补发单台"))
        self.resize(1280, 720)
        self._ctx = ctx
        self._bus = bus
        self.view = ReshipView(self)
        self.setCentralWidget(self.view)
        self.model = ReshipModel(ctx, self)
        self.view.queue.setModel(self.model)
        self.scan = ScanLoop(ctx.sessions, ctx.settings)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._tasks: set[Task] = set()
        self.filter = "open"
        self.last_message = ""
        self._cancel_armed: list[int] = []
        # the app's print runner when given; else one of our own, woken only by us
        self._own_runner = print_runner is None
        self.print_runner = print_runner or PrintQueueRunner(ctx, bus, poll_ms=0, parent=self)
        self.print_runner.job_failed.connect(self._job_failed)

        v = self.view
        v.filter_group.idClicked.connect(lambda i: self.set_filter(FILTERS[i]))
        v.new_button.clicked.connect(self.new_slip)
        v.edit_button.clicked.connect(self.edit_current)
        v.print_button.clicked.connect(lambda: self.print_selected(False))
        v.reprint_button.clicked.connect(lambda: self.print_selected(True))
        v.recheck_button.clicked.connect(self.recheck_selected)
        v.cancel_button.clicked.connect(self.cancel_selected)
        v.reports_button.clicked.connect(self.open_reports)
        v.copy_button.clicked.connect(self.copy_message)
        v.tracking_input.returnPressed.connect(self.on_scan)
        v.queue.doubleClicked.connect(lambda _i: self.edit_current())
        v.queue.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show(cur.row()))
        bus.changed.connect(self._on_changed)
        v.queue.installEventFilter(self)
        for keys, slot in (
            ("F2", self.new_slip),
            ("F3", self.edit_current),
            ("Ctrl+P", lambda: self.print_selected(False)),
            ("Ctrl+Shift+P", lambda: self.print_selected(True)),
            ("F6", self.copy_message),
            ("F9", self.open_reports),
            ("Delete", self.cancel_selected),
            ("F4", self.focus_scan),
            ("Escape", self.cancel_scan),
            *(
                (f"Ctrl+{i + 1}", lambda key=key: self.set_filter(key))
                for i, key in enumerate(FILTERS)
            ),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        self.refresh()
        self.focus_scan()

    # --- queue -------------------------------------------------------------------------

    def _on_changed(self, topics: Topic) -> None:
        if Topic.RESHIP in topics:
            self.refresh()

    def set_filter(self, key: str) -> None:
        self.filter = key
        self.view.filter_buttons[key].setChecked(True)
        self.refresh()

    def refresh(self) -> None:
        sessions = self._ctx.sessions
        selected = self.selected_ids()
        since = dt.datetime.now() - dt.timedelta(days=SHIPPED_DAYS)
        states = OPEN_SLIPS if self.filter == "open" else (self.filter,)
        self.model.reload(reship_rows.slip_ids(sessions, states, since))
        counts = reship_rows.count_by_state(sessions)
        lang = self._ctx.settings.lang
        for key in FILTERS:
            n = sum(counts.get(s, 0) for s in (OPEN_SLIPS if key == "open" else (key,)))
            label = self.tr("待处理") if key == "open" else slip_state_name(key, lang)
            self.view.filter_buttons[key].setText(f"{label} ({n})")
        self.view.queue.resizeColumnsToContents()
        self.select_ids(selected)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.queue.selectionModel().selectedRows()})
        return [sid for r in rows if (sid := self.model.slip_id(r)) is not None]

    def select_ids(self, ids: list[int]) -> None:
        sel = self.view.queue.selectionModel()
        sel.clearSelection()
        for sid in ids:
            row = self.model.row_of(sid)
            if row >= 0:
                sel.select(
                    self.model.index(row, 0),
                    sel.SelectionFlag.Select | sel.SelectionFlag.Rows,
                )
                # not view.setCurrentIndex: with Ctrl still held that would toggle it off
                sel.setCurrentIndex(self.model.index(row, 0), sel.SelectionFlag.NoUpdate)

    def _show(self, row: int) -> None:
        slip = self.model.slip(row)
        lang = self._ctx.settings.lang
        problems = [problem_text(p, lang) for p in slip.problems] if slip else []
        self.view.problems_label.setText("\n".join(problems))
        self.view.detail_label.setText(self._detail(slip) if slip else "")
        if slip is not None and slip.state == SlipState.SHIPPED:
            self.last_message = reship_flow.message_of(slip, self._ctx.settings.shop)
            self.view.message_label.setText(self.last_message)

    def _kind(self, slip: SlipRow) -> str:
        return action_name(slip.kind, self._ctx.settings.lang)

    def _detail(self, slip: SlipRow) -> str:
        lines = [
            f"{slip.code}  {self._kind(slip)}  {slip_state_name(slip.state, self._ctx.settings.lang)}",
            f"{slip.receiver}  {slip.phone}",
            slip.address,
            f"{slip.note}  {slip.courier}  {slip.warehouse}",
        ]
        if slip.postage_diff:
            lines.append(self.tr("邮费差价 {amount} 元").format(amount=f"{slip.postage_diff:f}"))
        if slip.order_no:
            lines.append(self.tr("订单 {order}").format(order=slip.order_no))
        return "\n".join(line for line in lines if line.strip())

    def _say(self, text: str, error: bool = False) -> None:
        (self.view.status.error if error else self.view.status.ok)(text)

    # --- typing in and fixing slips ------------------------------------------------------

    def new_slip(self) -> None:
        self._entry(None)

    def edit_current(self) -> None:
        slip = self.model.slip(self.view.queue.currentIndex().row())
        if slip is None:
            self._say(self.tr("请先选择一张补发单"), error=True)
            return
        if slip.state not in EDITABLE_SLIPS:
            self._say(self.tr("{code} 已打印, 不能再修改").format(code=slip.code), error=True)
            return
        self._entry(slip)

    def entry_dialog(self, slip: SlipRow | None) -> ReshipEntryDialog:
        return ReshipEntryDialog(self._ctx, slip, self)

    def _entry(self, slip: SlipRow | None) -> None:
        dialog = self.entry_dialog(slip)
        if dialog.exec() and dialog.result_row is not None:
            self._saved(dialog.result_row)

    def _saved(self, row: SlipRow) -> None:
        if row.problems:
            lang = self._ctx.settings.lang
            problems = "; ".join(problem_text(p, lang) for p in row.problems)
            self._say(f"{row.code}: {problems}", error=True)
        else:
            self._say(self.tr("{code} 已保存, 可以打印").format(code=row.code))
        self._bus.notify(Topic.RESHIP)
        self.select_ids([row.id])

    def recheck_selected(self) -> None:
        s = self._ctx.settings
        ids = self.selected_ids()
        done = run_op(
            lambda: reship.recheck(self._ctx.sessions, ids, s.shop, s.user, s.station),
            says=self.view.status,
            lang=s.lang,
            bus=self._bus,
            changes=Topic.RESHIP,
        )
        if done is None:
            return
        bad = sum(1 for r in done.value if r.problems)
        self._say(self.tr("已检查 {n} 张, {bad} 张有问题").format(n=len(done.value), bad=bad))

    def cancel_selected(self) -> None:
        """Withdraw the selected unprinted slips; the first press asks, the second does it."""
        ids = self.selected_ids()
        if not ids:
            self._say(self.tr("请先选择要作废的补发单"), error=True)
            return
        if ids != self._cancel_armed:
            self._cancel_armed = ids
            self.view.status.warn(
                self.tr("再按一次 Del 作废选中的 {n} 张补发单").format(n=len(ids))
            )
            return
        self._cancel_armed = []
        s = self._ctx.settings
        done, refused = [], []
        for sid in ids:
            try:
                done.append(reship.cancel_slip(self._ctx.sessions, sid, s.user, s.station))
            except UserError as exc:
                refused.append(exc.text(s.lang))
        text = self.tr("已作废 {n} 张").format(n=len(done))
        self._say("; ".join([text, *refused]), error=bool(refused))
        self._bus.notify(Topic.RESHIP)

    # --- printing ---------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def _run(self, fn: Callable[[], Any], done: Callable[[Any], None], label: str) -> None:
        task = Task(lambda _progress: fn(), self._ctx.settings.lang)
        self._tasks.add(task)
        self.view.progress.setRange(0, 0)
        self.view.progress.setFormat(label)
        self.view.progress.setVisible(True)

        def finish() -> None:
            self._tasks.discard(task)
            self.view.progress.setVisible(bool(self._tasks))

        def ok(result: object) -> None:
            finish()
            done(result)

        def failed(text: str) -> None:
            finish()
            self._say(text, error=True)
            self._bus.notify(Topic.RESHIP | Topic.PRINT_JOBS)

        task.signals.done.connect(ok)
        task.signals.failed.connect(failed)
        self.pool.start(task)

    def print_selected(self, reprint: bool = False) -> None:
        ids = self.selected_ids()
        if not ids:
            self._say(self.tr("请先选择要打印的补发单"), error=True)
            return
        ctx = self._ctx
        s = ctx.settings

        def work() -> reship_flow.PrintOutcome:
            return reship_flow.print_slips(
                ctx.sessions, ids, s.shop, s.user, s.station, reprint=reprint
            )

        self._say(self.tr("正在打印 {n} 张…").format(n=len(ids)))
        self._run(work, self._printed, self.tr("打印中"))

    def _printed(self, out: reship_flow.PrintOutcome) -> None:
        """The slips are on the print queue; the runner prints them off the UI thread."""
        parts = [self.tr("已打印 {n} 张").format(n=len(out.printed))]
        lang = self._ctx.settings.lang
        parts += [f"{r.code} {r.text(lang)}" for r in out.refused]
        self._say("; ".join(parts), error=bool(out.refused))
        if out.printed:
            self.print_runner.kick()
        self._bus.notify(Topic.RESHIP | Topic.PRINT_JOBS)

    def _job_failed(self, job_id: int, reason: str) -> None:
        job = print_queue.get_job(self._ctx.sessions, job_id)
        if job.kind == DocKind.RESHIP:
            code = reship_code(int(job.ref_id))
            self._say(self.tr("{code} 打印失败: {why}").format(code=code, why=reason), error=True)

    # --- the scan loop ------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Typing (or a scanner burst) while the queue has focus goes to the scan box."""
        if obj is self.view.queue and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            mods = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            text = event.text()
            if text and text.isprintable() and not text.isspace() and mods == _NO_MODS:
                box = self.view.tracking_input
                if not box.hasFocus():
                    box.clear()
                    box.setFocus(Qt.FocusReason.OtherFocusReason)
                box.insert(text)
                return True
        return super().eventFilter(obj, event)

    def focus_scan(self) -> None:
        self.view.tracking_input.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.view.tracking_input.selectAll()

    def cancel_scan(self) -> None:
        self.scan.reset()
        self.view.current_label.setText("")
        self.view.tracking_input.clear()
        self._say(self.tr("已取消, 请扫补发单条码"))

    def on_scan(self) -> None:
        value = self.view.tracking_input.text()
        self.view.tracking_input.clear()
        out = self.scan.handle(value)
        self._say(out.text, error=out.kind == "error")
        if out.slip is not None:
            self.select_ids([out.slip.id])
            self.view.current_label.setText(
                f"{out.slip.code}  {self._kind(out.slip)}  {out.slip.receiver}  {out.slip.note}"
            )
        if out.message:
            self.last_message = out.message
            self.view.message_label.setText(out.message)
        if out.kind == "shipped":
            self.copy_message()
            self._bus.notify(Topic.RESHIP)
            self.select_ids([out.slip.id] if out.slip else [])

    def copy_message(self) -> None:
        if not self.last_message:
            self._say(self.tr("还没有可复制的留言"), error=True)
            return
        QGuiApplication.clipboard().setText(self.last_message)
        self._say(self.tr("已复制给买家的留言: {m}").format(m=self.last_message))

    # --- the lead's tables --------------------------------------------------------------

    def open_reports(self) -> None:
        from returnsdesk.ui.reship.reports import ReshipReportsDialog

        ReshipReportsDialog(self._ctx, self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.pool.waitForDone(10000)
        if self._own_runner:  # the app's runner outlives this window
            self.print_runner.wait(30000)
        super().closeEvent(event)
