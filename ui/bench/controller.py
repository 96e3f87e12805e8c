"""The bench window's controller: feeds keys and scans to the bench session (core) and shows
what it answers. The workflow itself lives in ``returnsdesk.services.bench.session``.
"""

from __future__ import annotations

import gc
import itertools
import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCompleter, QWidget

from returnsdesk.context import AppContext
from returnsdesk.domain import barcode_commands, strings
from returnsdesk.domain.barcode_commands import Action
from returnsdesk.domain.money import entries_text
from returnsdesk.domain.pace import Step
from returnsdesk.domain.topics import Topic
from returnsdesk.services.bench import match
from returnsdesk.services.bench.match import SearchHit
from returnsdesk.services.bench.session import (
    BenchSession,
    Event,
    Field,
    FileStore,
    Outcome,
    Sound,
)
from returnsdesk.services.bench.session.camera import ClipFollower
from returnsdesk.services.bench.session.items import line_spec
from returnsdesk.services.evidence.camera import StationCamera
from returnsdesk.ui.bench.camera_view import CameraPreview
from returnsdesk.ui.bench.housekeeping import EvidenceKeeper
from returnsdesk.ui.bench.labels import FRAME_MS, BenchLabels
from returnsdesk.ui.bench.pace import BenchPace
from returnsdesk.ui.bench.parcel_view import ParcelPainter
from returnsdesk.ui.bench.search import BuyerSearch
from returnsdesk.ui.bench.today_model import TodayModel
from returnsdesk.ui.bench.view import BenchView
from returnsdesk.ui.common import ops
from returnsdesk.ui.common.columns import GrowingColumns
from returnsdesk.ui.common.named import restyle
from returnsdesk.ui.common.ops import OpsBus

if TYPE_CHECKING:
    from returnsdesk.ui.common.print_preview import LabelPreview
    from returnsdesk.ui.common.print_runner import PrintQueueRunner

log = logging.getLogger(__name__)
ACTIVE = "border:3px solid #1565c0;"
ERROR = "border:2px solid #c62828;"
# events that start or end a parcel: a banner from before is over
NEXT_PARCEL = {Event.RECEIVED, Event.RESUMED, Event.REGISTERED, Event.NO_INFO, Event.REFUSED,
               Event.PARKED}  # fmt: skip
# events after which other views (today's list, queues) must refresh
CHANGES = {Event.RECEIVED, Event.ATTACHED, Event.DECIDED, Event.REFUSED, Event.REGISTERED,
           Event.NO_INFO, Event.PARCEL_CHANGED, Event.REPRINTED}  # fmt: skip


class BenchController(QObject):
    def __init__(
        self,
        view: BenchView,
        ctx: AppContext,
        bus: OpsBus,
        printer: PrintQueueRunner | None = None,
    ) -> None:
        super().__init__(view)
        self.v, self.ctx, self.bus, self.s = view, ctx, bus, ctx.settings
        s = self.s
        self.session = BenchSession(ctx.sessions, s.shop, s.user, s.station, s.lang,
                                    store=FileStore(s.home / "drafts", s.station))  # fmt: skip
        self.painter = ParcelPainter(view, self.session, s, self)
        # the station's camera: a clip per parcel visit, recorded in the camera's own thread
        self.clips = ClipFollower(StationCamera(ctx.sessions, s, s.user).start(), s.lang)
        self.session.camera = self.clips.camera  # photos (Ctrl+P) of the item in hand
        self.camera_preview = CameraPreview(self.clips.camera, view)
        # the evidence folder kept to its retention and free-space floor, in the background
        self.keeper = EvidenceKeeper(self.clips.camera, s.lang, self)
        self.keeper.start()
        view.camera_slot.addWidget(self.camera_preview)
        self.labels = BenchLabels(view, ctx, printer, self)
        self.warmed = False  # the warm-up ran (the window starts it once shown)
        self._rendering = False
        # the bench times itself (scan → panel, register → ready) and tells the floor view
        self.pace = BenchPace(ctx.sessions, s.station, s.lang, self)

        # the clerk waits for the panel, not for the list: it follows a frame later
        self.today = TodayModel(ctx, self, after_ms=FRAME_MS)
        # the parcels this bench's last outcome touched: today's list reads only their rows
        self._held: int | None = None
        self._touched: set[int] | None = None
        view.today_table.setModel(self.today)
        GrowingColumns(view.today_table)  # set before the first rows arrive
        view.reason_picker.set_choices(self.session.reasons)
        view.condition_picker.set_choices(self.session.conditions)
        self.search = BuyerSearch(view, ctx, self)
        self.search.chosen.connect(
            lambda buyer, order: self.apply(self.session.attach(buyer, order))
        )
        self.search.missing.connect(self.error)
        self._completions = QStringListModel(self)
        completer = QCompleter(self._completions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        view.item_input.setCompleter(completer)

        se = self.session
        view.scan_input.returnPressed.connect(self.on_scan_box)
        view.item_input.returnPressed.connect(self.on_item_enter)
        # completion after a pause in typing: a scanner's burst never opens the popup
        self._complete_timer = QTimer(self, singleShot=True, interval=150)
        self._complete_timer.timeout.connect(lambda: self._complete(view.item_input.text()))
        view.item_input.textEdited.connect(lambda _t: self._complete_timer.start())
        view.accessory_input.returnPressed.connect(
            lambda: self.apply(se.set_accessories(view.accessory_input.text()))
        )
        view.target_input.returnPressed.connect(
            lambda: self.apply(se.set_target(view.target_input.text()))
        )
        view.money_input.returnPressed.connect(
            lambda: self.apply(se.set_money(view.money_input.text()))
        )
        # every keystroke in these boxes is kept as typed: a crash loses none of it
        view.money_input.textEdited.connect(lambda text: se.keep_typed("money", text))
        view.target_input.textEdited.connect(lambda text: se.keep_typed("target", text))
        view.accessory_input.textEdited.connect(
            lambda text: se.keep_typed(f"accessory:{se.draft.current if se.draft else -1}", text)
        )
        view.reason_picker.picked.connect(lambda code: self.apply(se.set_reason(code)))
        view.condition_picker.picked.connect(lambda code: self.apply(se.set_condition(code)))
        view.items_list.currentRowChanged.connect(self._item_row)
        for w in (view.sender_name, view.sender_phone, view.sender_city, view.contents_input):
            w.textChanged.connect(self._sender_typed)
        view.contents_input.returnPressed.connect(self.commit)
        # the no-info form: Enter moves on to the next box, and registers from the last one
        form = (view.sender_name, view.sender_phone, view.sender_city, view.contents_input)
        for box, after in itertools.pairwise(form):
            box.returnPressed.connect(after.setFocus)
        view.noinfo_button.clicked.connect(self.commit)
        view.commit_button.clicked.connect(self.commit)
        view.freight_check.clicked.connect(lambda: self.command(Action.FREIGHT))
        view.packaging_check.clicked.connect(lambda: self.command(Action.PACKAGING))
        view.today_table.activated.connect(self._resume_row)
        bus.changed.connect(self._changed)
        self.today.reload()
        self.render(Field.SCAN)

    # --- driving the session ------------------------------------------------------------
    def on_scan(self, raw: str) -> None:
        """A scanner burst, wherever the focus was (the scan filter), or the scan box."""
        if barcode_commands.parse(raw) == barcode_commands.Command(Action.COMMIT):
            self.commit()  # as Enter: what was typed without Enter counts
        else:
            started = time.perf_counter()
            self.apply(self.session.scan(raw))
            self.pace.add(Step.SCAN_PANEL, time.perf_counter() - started)

    def on_scan_box(self) -> None:
        text = self.v.scan_input.text()
        self.v.scan_input.clear()
        if text.strip():
            self.on_scan(text)
        elif self.session.draft is not None:
            self.commit()  # Enter on the empty scan box registers the parcel in hand

    def on_item_enter(self) -> None:
        out = self.session.item_enter(self.v.item_input.text(), self.v.qty_input.value())
        if not out.failed:
            self.v.item_input.clear()
            self.v.qty_input.setValue(1)
        self.apply(out)

    def command(self, action: Action) -> None:
        """A key of the window: the same as its command barcode."""
        if action is Action.COMMIT:
            self.commit()
        else:
            self.apply(self.session.command(barcode_commands.Command(action)))

    def toggle_outcome(self, outcome: str) -> None:
        """Ctrl+1 … Ctrl+4: the parcel's outcome (空包 …), as its command barcode."""
        self.apply(self.session.command(barcode_commands.Command(Action.OUTCOME, outcome)))

    def commit(self) -> None:
        """Register; what was typed in the money or accessory box without Enter counts."""
        d, v, se = self.session.draft, self.v, self.session
        item = d.item() if d is not None else None
        if item is not None and v.accessory_input.text().strip() != item.accessories:
            out = se.set_accessories(v.accessory_input.text())
            if out.failed:
                self.apply(out)
                return
        typed = entries_text(d.money, self.ctx.settings.lang) if d is not None else ""
        if d is not None and v.money_input.text().strip() != typed:
            out = se.set_money(v.money_input.text())
            if out.failed:
                self.apply(out)
                return
        started = time.perf_counter()
        out = se.commit()
        self.apply(out)
        if not out.failed:
            self.pace.add(Step.REGISTER_READY, time.perf_counter() - started)

    def cancel(self) -> None:
        self.command(Action.CANCEL)

    def close(self) -> None:
        """The window closes: the clip in hand is closed and recorded, the camera let go."""
        self.camera_preview.stop()
        self.keeper.close()
        self.clips.close()
        self.pace.close()

    def restore(self) -> None:
        """At start-up: the parcel that was in hand when the bench closed, as typed."""
        out = self.session.restore()
        if out is not None:
            self.apply(out)

    @property
    def hits(self) -> list[SearchHit]:
        return self.search.hits

    def move_hit(self, step: int) -> None:
        self.search.move(step)

    def move_line(self, step: int) -> None:
        self.apply(self.session.move_line(step))

    def pick_line(self, index: int) -> None:
        self.apply(self.session.pick_line(index))

    def _item_row(self, row: int) -> None:
        d = self.session.draft
        if not self._rendering and d is not None and row >= 0 and row != d.current:
            self.apply(self.session.select_item(row))

    def _sender_typed(self) -> None:
        if self._rendering:
            return
        v = self.v
        self.session.set_sender(v.sender_name.text(), v.sender_phone.text(),
                                v.sender_city.text(), v.contents_input.text())  # fmt: skip

    def _resume_row(self) -> None:
        rows = self.v.today_table.selectionModel().selectedRows()
        pid = self.today.parcel_id(rows[0].row()) if rows else None
        if pid is not None:
            self.apply(self.session.resume(pid))

    def _changed(self, topics: Topic) -> None:
        touched, self._touched = self._touched, None  # another window's change: every row
        if Topic.PARCELS in topics:
            self.today.reload_soon(changed=touched)

    @property
    def list_pending(self) -> bool:
        """Today's list has a change still to show."""
        return self.today.busy

    # --- showing outcomes ---------------------------------------------------------------
    def ok(self, text: str) -> None:
        self.info(text)

    def info(self, text: str) -> None:
        restyle(self.v.status_line, "color:#1b5e20")
        self.v.status_line.setText(text)

    def error(self, text: str) -> None:
        restyle(self.v.status_line, "color:#c62828")
        self.v.status_line.setText(text)
        ops.refuse_sound()

    def banner(self, text: str) -> None:
        self.v.warning_label.setText(text)
        self.v.warning_label.setVisible(bool(text))

    def apply(self, out: Outcome) -> None:
        held = self.session.draft.parcel.id if self.session.draft is not None else None
        result = out.result.parcel_id if out.result is not None else None
        self._touched = {p for p in (self._held, held, out.parcel_id, result) if p is not None}
        self._held = held
        self._say(out)
        if out.copy_text:
            QApplication.clipboard().setText(out.copy_text)
        no_clip = self.clips.follow(self.session.draft, self.session.user)
        if no_clip:
            ops.notice_sound()
        # a banner stays until the next parcel: the clerk cannot miss it by typing on
        decision = self.session.decision_banner()
        # a photo taken answers the banner that asked for it
        if (
            out.banner
            or decision
            or no_clip
            or out.event in NEXT_PARCEL
            or out.event is Event.PHOTO
        ):
            self.banner("\n".join(x for x in (out.banner or decision, no_clip) if x))
        self._show_event(out)
        if out.event in CHANGES and out.result is None:
            self.bus.notify(Topic.PARCELS | Topic.PRINT_JOBS)
        self.render(out.field if out.field is not Field.NONE else None)
        if out.failed and out.field is not Field.NONE:
            # render put the keys on the field; the no-info form refuses for what it still
            # needs, what is inside
            w = self.v.contents_input if out.field is Field.NO_INFO else self._widget(out.field)
            if out.field is Field.NO_INFO:
                self.v.contents_input.setFocus()
            if w is not None and w is not self.v.scan_input:
                w.setStyleSheet(w.styleSheet() + ERROR)
        self._touched = None

    def _say(self, out: Outcome) -> None:
        if out.message:
            (self.error if out.sound is Sound.ERROR else self.info)(out.message)
        elif out.sound is Sound.ERROR:
            ops.refuse_sound()
        if out.sound is Sound.NOTICE:
            ops.notice_sound()

    def _show_event(self, out: Outcome) -> None:
        """What the outcome shows besides its message: a result, a parcel named, a label."""
        if out.event in (Event.REGISTERED, Event.NO_INFO) and out.result is not None:
            self._show_result(out)
        if out.event in (Event.PARKED, Event.DUPLICATE, Event.REFUSED):
            self.painter.clear_result()  # nothing of another parcel stays on screen as if registered
        if out.event in (Event.DUPLICATE, Event.SELECTED) and out.parcel_id is not None:
            self._select_today(out.parcel_id)
            if self.label_preview is not None:  # the preview shows the parcel just named
                self.labels.show(self.tr("所选包裹的标签"), out.parcel_id)
        if out.event is Event.REPRINTED:
            self.labels.print_soon()
            if out.parcel_id is not None and self.label_preview is not None:
                self.labels.show(self.tr("所选包裹的标签"), out.parcel_id)

    def _show_result(self, out: Outcome) -> None:
        res = out.result
        assert res is not None
        bins = self.painter.show_result(res)
        self.labels.print_soon()
        title = self.tr("刚登记的标签: 纸条 {0}").replace("{0}", str(res.slip_no))
        self.labels.show(title, res.parcel_id, bins[0] if len(bins) > 1 else "")
        self.bus.notify(Topic.PARCELS | Topic.RESHIP | Topic.MONEY | Topic.PRINT_JOBS)

    @property
    def label_preview(self) -> LabelPreview | None:
        return self.labels.preview

    def warm_up(self) -> None:
        """Load the label renderer, its font and the PDF view before the first parcel, not at
        start-up: the first registration of the day is as quick as the others."""
        self.labels.warm_up()

        try:
            self.session.warm_up()
        except Exception:  # only a head start: the first parcel works without it
            log.exception("bench warm-up")
        # what start-up made lives as long as the bench: left out of Python's full
        # collections, which walked it all (80 ms, a parcel's wait, with 180,000 objects) and
        # now walk only what the day makes
        gc.freeze()
        self.warmed = True

    def _select_today(self, parcel_id: int) -> None:
        row = self.today.row_of(parcel_id)
        if row >= 0:
            self.v.today_table.selectRow(row)

    def _widget(self, field: Field) -> QWidget | None:
        v = self.v
        return {
            Field.SCAN: v.scan_input, Field.DECISION: v.scan_input, Field.BUYER: v.buyer_input,
            Field.ITEM: v.item_input, Field.ACCESSORY: v.accessory_input,
            Field.REASON: v.reason_picker, Field.CONDITION: v.condition_picker,
            Field.BIN: v.items_list, Field.TARGET: v.target_input, Field.MONEY: v.money_input,
            Field.NO_INFO: v.sender_name,
        }.get(field)  # fmt: skip

    def render(self, focus: Field | None = None) -> None:
        """Show the parcel in hand as the session holds it; keys go where it says."""
        self._rendering = True
        try:
            self.painter.paint()
            if self.session.draft is None:
                self.search.clear()
        finally:
            self._rendering = False
        field = focus or self.session.next_field()
        for title, picker, f in ((self.v.reason_title, self.v.reason_picker, Field.REASON),
                                 (self.v.condition_title, self.v.condition_picker,
                                  Field.CONDITION)):  # fmt: skip
            restyle(picker, ACTIVE if field is f else "")
            restyle(title, "color:#1565c0;font-weight:bold" if field is f else "")
        for line in (self.v.item_input, self.v.buyer_input, self.v.money_input,
                     self.v.target_input, self.v.accessory_input, self.v.sender_name):  # fmt: skip
            restyle(line, "")
        completer = self.v.item_input.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None and field is not Field.ITEM and popup.isVisible():
            popup.hide()
            self.v.window().activateWindow()
        target = self._widget(field) or self.v.scan_input
        if field is Field.NO_INFO and self.v.sender_name.text():
            target = self.v.contents_input
        target.setFocus()

    # --- item completion (what the clerk sees while typing) -----------------------------
    def _complete(self, text: str) -> None:
        if not self.v.item_input.hasFocus():
            return
        d = self.session.draft
        lines = [strings.item_text(line_spec(ln), self.s.shop)
                 for ln in (d.match.lines if d and d.match else ())]  # fmt: skip
        found = match.complete_items(self.ctx.sessions, text) if len(text.strip()) >= 2 else []
        self._completions.setStringList(
            lines + [strings.item_text(line_spec(k), self.s.shop) for k in found]
        )
