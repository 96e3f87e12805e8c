"""Drawing the bench: the parcel in hand as the session holds it, and the last result.

Layout is ``view.py``'s, the keys and the session's outcomes ``controller.py``'s; this only
puts what the session holds on the screen, so a refresh never changes the record."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QListWidgetItem

from returnsdesk.config import Settings
from returnsdesk.domain.kinds import Bin, action_name, outcomes_text
from returnsdesk.domain.money import entries_text
from returnsdesk.services.bench.match import MatchView
from returnsdesk.services.bench.register import RegisterResult
from returnsdesk.services.bench.session import BenchSession, ParcelDraft
from returnsdesk.services.bench.session.items import line_spec
from returnsdesk.ui.bench.pickers import KeyPicker
from returnsdesk.ui.bench.view import BenchView
from returnsdesk.ui.common.named import restyle


def camera_icon(size: int = 16) -> QIcon:
    """The camera mark drawn, so it shows without an emoji font: a body, a lens, a flash."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#37474f"))
    p.drawRoundedRect(QRectF(size * 0.05, size * 0.28, size * 0.9, size * 0.62), 2, 2)
    p.drawRect(QRectF(size * 0.3, size * 0.15, size * 0.35, size * 0.2))
    p.setBrush(QColor("white"))
    p.drawEllipse(QRectF(size * 0.3, size * 0.38, size * 0.4, size * 0.4))
    p.setBrush(QColor("#37474f"))
    p.drawEllipse(QRectF(size * 0.4, size * 0.48, size * 0.2, size * 0.2))
    p.end()
    return QIcon(pix)


class ParcelPainter(QObject):
    def __init__(
        self, view: BenchView, session: BenchSession, settings: Settings, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.v, self.se, self.s = view, session, settings
        self.camera = camera_icon()

    def show_result(self, res: RegisterResult) -> list[str]:
        """A registration's slip number, bins and strings, until the next parcel; its bins."""
        v = self.v
        v.slip_label.setText(self.tr("纸条 {0}").replace("{0}", str(res.slip_no)))
        bins = list(dict.fromkeys(res.bins)) or [Bin.PENDING]
        self.show_bins([(b, [i for i, x in enumerate(res.bins) if x == b], False) for b in bins])
        v.return_string_label.setText(res.return_string)
        v.register_line_label.setText(res.register_line)
        return bins

    def clear_result(self) -> None:
        v = self.v
        v.slip_label.clear()
        self.show_bins([])
        v.return_string_label.clear()
        v.register_line_label.clear()

    def show_bins(self, groups: list[tuple[str, list[int], bool]]) -> None:
        """One chip per bin, with the items going there; ``*`` marks a bin the clerk chose
        instead of the routed one."""
        shop = self.s.shop
        many = len(groups) > 1
        for i, (code, idx, overridden) in enumerate(groups):
            chip = self.v.bin_chip(i)
            name = shop.bin_name(code, self.s.lang)
            if many:
                name += "\n" + self.tr("第 {0} 件").replace(
                    "{0}", ",".join(str(n + 1) for n in idx)
                )
            chip.setText(name + (" *" if overridden else ""))
            restyle(chip, f"background:{shop.bin_color(code)};color:white;border-radius:6px")
            chip.show()
        for chip in self.v.other_bins[max(len(groups) - 1, 0) :]:
            chip.hide()
        if not groups:
            self.v.bin_label.clear()
            restyle(self.v.bin_label, "")

    def clear_parcel(self) -> None:
        """No parcel in hand: nothing of the last one stays on screen."""
        v = self.v
        for label in (v.buyer_value, v.order_value, v.reason_value, v.agent_value,
                      v.warehouse_value, v.receiver_value, v.courier_label):  # fmt: skip
            label.clear()
        for box in (v.buyer_input, v.sender_name, v.sender_phone, v.sender_city,
                    v.contents_input, v.accessory_input, v.target_input, v.money_input,
                    v.item_input):  # fmt: skip
            box.clear()
        v.who_stack.setCurrentWidget(v.match_panel)
        v.freight_check.setChecked(False)
        v.packaging_check.setChecked(False)
        v.reason_picker.setCurrentRow(-1)
        v.condition_picker.setCurrentRow(-1)

    def paint(self) -> None:
        """The parcel in hand (or none) as the session holds it."""
        v, se = self.v, self.se
        d = se.draft
        v.lines_list.clear()
        v.items_list.clear()
        if d is None or d.item() is None:
            v.reason_picker.setCurrentRow(-1)
            v.condition_picker.setCurrentRow(-1)
        said = outcomes_text(d.outcomes, self.s.lang) if d is not None else ""
        v.outcome_label.setText(said)
        v.outcome_label.setVisible(bool(said))
        if d is None:
            self.clear_parcel()
            return
        p, m = d.parcel, d.match
        v.courier_label.setText(f"{p.courier}  {p.tracking_no}{self.photo_mark(len(d.photos))}")
        v.slip_label.clear()
        v.freight_check.setChecked(p.is_freight_collect)
        v.packaging_check.setChecked(d.packaging_damaged)
        if d.no_info:
            v.who_stack.setCurrentWidget(v.noinfo_box)
            for box, text in ((v.sender_name, d.sender_name), (v.sender_phone, d.sender_phone),
                              (v.sender_city, d.sender_city), (v.contents_input, d.contents)):  # fmt: skip
                if box.text() != text:
                    box.setText(text)
        elif m is None:
            v.who_stack.setCurrentWidget(v.buyer_box)
        else:
            self._show_match(m, d.line)
        self._show_items(d)
        item = d.item()
        if item is not None:
            self._select(v.reason_picker, item.reason)
            self._select(v.condition_picker, item.condition)
        typed = d.typed
        if not v.accessory_input.hasFocus():
            shown = item.accessories if item is not None else ""
            v.accessory_input.setText(typed.get(f"accessory:{d.current}", shown))
        v.money_input.setText(typed.get("money", entries_text(d.money, self.s.lang)))
        if "target" in typed and not v.target_input.hasFocus():
            v.target_input.setText(typed["target"])
        preview = se.preview()
        self.show_bins([(b.code, list(b.items), b.overridden) for b in preview.bins])
        v.return_string_label.setText(preview.return_string)
        v.register_line_label.setText(preview.register_line)

    def _show_match(self, m: MatchView, line: int) -> None:
        v, se = self.v, self.se
        v.who_stack.setCurrentWidget(v.match_panel)
        v.buyer_value.setText(m.buyer_id)
        v.order_value.setText(m.order_no)
        v.reason_value.setText(m.stated_reason)
        v.agent_value.setText(m.agent)
        dist = self.tr(" (分销)") if m.is_distribution else ""
        v.warehouse_value.setText(m.warehouse + dist)
        v.receiver_value.setText(f"{m.receiver_name} {m.phone_masked} {m.city}".strip())
        for i, order_line in enumerate(m.lines):
            v.lines_list.addItem(f"Alt+{i + 1}  {se.item_name(line_spec(order_line))}")
        if m.lines:
            v.lines_list.setCurrentRow(min(line, len(m.lines) - 1))

    def _show_items(self, d: ParcelDraft) -> None:
        v, se, shop, lang, m = self.v, self.se, self.s.shop, self.s.lang, d.match
        for i, it in enumerate(d.items):
            text = f"{i + 1}. {se.item_name(it.spec)}  {it.reason or '?'}  {it.condition or '?'}"
            if it.accessories:
                text += self.tr("  配件:{0}").replace("{0}", it.accessories)
            if it.target is not None:
                text += f"  → {action_name(it.action, lang)} {se.item_name(it.target)}"
            text += self.photo_mark(len(it.photos))
            if it.bin_override:
                text += f"  [{shop.bin_name(it.bin_override, lang)}]"
            if not it.in_order and m is not None and m.lines:
                text += self.tr("  (不在订单里)")
            row = QListWidgetItem(text)
            if it.photos:
                row.setIcon(self.camera)
            v.items_list.addItem(row)
        v.items_list.setCurrentRow(d.current)

    def photo_mark(self, count: int) -> str:
        """The text beside the camera mark of an item (or the parcel) with photos."""
        if count <= 0:
            return ""
        return self.tr("  [照片 {0}]").replace("{0}", str(count))

    @staticmethod
    def _select(picker: KeyPicker, code: str) -> None:
        if not code or not picker.select_code(code):
            picker.setCurrentRow(-1)
