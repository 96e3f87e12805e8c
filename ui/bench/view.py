"""The bench window's layout: widgets only, named for automated checks (docs/design.md, "Names checks rely on").

Logic lives in the bench session (core) and ``bench_controller``; this file only builds and
exposes widgets. Three columns that never grow: who (match, buyer search or no-info form,
one at a time, and the last label), what came back (items, reasons, conditions), where it
goes (bins, strings, money); today's list below keeps at least eight rows at 1366×768.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.ui.bench.pickers import KeyPicker
from returnsdesk.ui.common.named import named

TODAY_ROWS = 8  # today's list never shows fewer
ROW_HEIGHT = 22
# The layout is drawn for the smallest screen the bench meets: 1366×768 less a taskbar.
BASE_SCREEN = (1366, 728)
MAX_SCALE = 1.75


def scale_for(width: int, height: int) -> float:
    """How much larger than the base layout the bench is drawn on a screen with this much room:
    fonts, spacing and fixed heights grow together, so a 1920×1080 screen reads from a step
    back; a smaller screen keeps the base layout (it is already as small as reads well)."""
    fit = min(width / BASE_SCREEN[0], height / BASE_SCREEN[1])
    return min(MAX_SCALE, max(1.0, fit))


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _no_focus(*widgets: QWidget) -> None:
    """Buttons and boxes the keyboard never rests on: a scanner's Enter must not press them."""
    for w in widgets:
        w.setFocusPolicy(Qt.FocusPolicy.NoFocus)


class _Column(QWidget):
    """One of the bench's three columns. Its wrapped labels wrap inside it, but neither the
    row of columns nor the bench asks for height by width: Qt would then take every part at
    its preferred height, not its minimum, and the window would grow past the screen."""

    def hasHeightForWidth(self) -> bool:
        return False


class BenchView(_Column):
    def __init__(self, parent: QWidget | None = None, scale: float = 1.0) -> None:
        super().__init__(parent)
        self.scale = scale
        base = QFont(self.font())
        base.setPointSizeF(base.pointSizeF() * scale)
        self.setFont(base)
        root = QVBoxLayout(self)
        root.setContentsMargins(self.px(6), self.px(4), self.px(6), self.px(4))
        root.setSpacing(self.px(4))

        # --- scan row
        scan_row = QHBoxLayout()
        self.scan_input = named(QLineEdit(), "scanInput")
        self.scan_input.setPlaceholderText(self.tr("扫描快递单号 (或输入后回车; 空回车 = 登记)"))
        self.font_of(self.scan_input, 16, True)
        self.courier_label = named(QLabel(), "courierLabel")
        self.font_of(self.courier_label, 13, True)
        self.slip_label = named(QLabel(), "slipLabel")
        self.font_of(self.slip_label, 22, True)
        scan_row.addWidget(self.scan_input, 4)
        scan_row.addWidget(self.courier_label, 2)
        scan_row.addWidget(self.slip_label, 1)
        root.addLayout(scan_row)

        # --- the banner: duplicates, a parked parcel, a decision, overdue follow-ups
        self.warning_label = named(QLabel(), "banner")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(
            f"background:#c62828;color:white;padding:{self.px(4)}px;font-weight:bold;"
            f"font-size:{round(13 * scale)}pt"
        )
        self.warning_label.hide()
        root.addWidget(self.warning_label)

        cols = QHBoxLayout()
        cols.setSpacing(self.px(6))
        root.addLayout(cols, 1)
        cols.addWidget(self._who(), 3)
        cols.addWidget(self._what(), 4)
        cols.addWidget(self._where(), 3)

        # --- today's parcels
        self.today_table = named(QTableView(), "todayTable")
        self.today_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.today_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.today_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.today_table.verticalHeader().hide()
        self.today_table.verticalHeader().setDefaultSectionSize(self.px(ROW_HEIGHT))
        # the header is about one row high; the frame a few pixels
        self.today_table.setMinimumHeight((TODAY_ROWS + 1) * self.px(ROW_HEIGHT) + 8)
        root.addWidget(self.today_table, 1)

        self.hint_label = QLabel(
            self.tr(
                "空回车 登记 · Esc 取消(保留) · F2 拒收 · F3/F4 接收 · F5 到付 · F6 换 · F7 补 · "
                "F8 无信息件 · F9 复制 · F10 钱款 · F11 外包装破损 · F12 重打 · Ctrl+N 下一件 · "
                "Ctrl+Del 删除 · Ctrl+B 换区域 · Ctrl+P 拍照 · Ctrl+1 空包 · Ctrl+2 调包 · Ctrl+3 少件 · "
                "Ctrl+4 非本店 · Alt+1…9 订单行 · Ctrl+T 今日列表"
            )
        )
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color:#555")
        root.addWidget(self.hint_label)
        self.status_line = named(QLabel(), "statusLine")
        self.status_line.setWordWrap(True)
        self.font_of(self.status_line, 12, True)
        root.addWidget(self.status_line)

    # --- left: who the parcel is from, one panel at a time, and the last label ------------
    def _who(self) -> QWidget:
        left = _Column()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        self.who_stack = named(QStackedWidget(), "whoStack")
        self.match_panel = named(QGroupBox(self.tr("买家与订单")), "matchPanel")
        form = QFormLayout(self.match_panel)
        form.setVerticalSpacing(self.px(2))
        self.buyer_value = _value_label()
        self.font_of(self.buyer_value, 14, True)
        self.order_value = _value_label()
        self.reason_value = _value_label()
        self.agent_value = _value_label()
        self.warehouse_value = _value_label()
        self.receiver_value = _value_label()
        form.addRow(self.tr("旺旺名"), self.buyer_value)
        form.addRow(self.tr("订单"), self.order_value)
        form.addRow(self.tr("买家原因"), self.reason_value)
        form.addRow(self.tr("客服"), self.agent_value)
        form.addRow(self.tr("发货仓"), self.warehouse_value)
        form.addRow(self.tr("收货人"), self.receiver_value)
        self.lines_list = named(QListWidget(), "orderLines")
        self.lines_list.setMaximumHeight(self.px(56))
        form.addRow(self.tr("订单商品"), self.lines_list)
        self.who_stack.addWidget(self.match_panel)

        # a group box's title never wraps: the title is short, the explanation wraps below it
        self.buyer_box = QGroupBox(self.tr("没有匹配"))
        buyer_layout = QVBoxLayout(self.buyer_box)
        how = QLabel(self.tr("输入纸条上的旺旺名, 或按电话/姓名/城市搜索"))
        how.setWordWrap(True)
        buyer_layout.addWidget(how)
        self.buyer_input = named(QLineEdit(), "buyerInput")
        self.buyer_input.setPlaceholderText(self.tr("旺旺名 / 电话 / 后四位 / 姓名 / 城市"))
        self.search_results = named(QListView(), "searchResults")
        self.search_results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        buyer_layout.addWidget(self.buyer_input)
        buyer_layout.addWidget(self.search_results, 1)
        self.who_stack.addWidget(self.buyer_box)

        self.noinfo_box = named(QGroupBox(self.tr("无信息件 (查不到信息)")), "noInfoForm")
        ni = QFormLayout(self.noinfo_box)
        self.sender_name = named(QLineEdit(), "senderName")
        self.sender_phone = named(QLineEdit(), "senderPhone")
        self.sender_city = named(QLineEdit(), "senderCity")
        self.contents_input = named(QLineEdit(), "contentsInput")
        ni.addRow(self.tr("寄件人"), self.sender_name)
        ni.addRow(self.tr("电话"), self.sender_phone)
        ni.addRow(self.tr("寄出城市"), self.sender_city)
        ni.addRow(self.tr("包裹内容"), self.contents_input)
        self.noinfo_button = named(QPushButton(self.tr("登记无信息件 (回车)")), "noInfoButton")
        ni.addRow(self.noinfo_button)
        self.who_stack.addWidget(self.noinfo_box)
        box.addWidget(self.who_stack, 3)

        # the last label as it printed; filled on the first registration so that the PDF
        # renderer is not loaded at start-up. Its place is kept from the start: the first
        # registration does not lay the window out again (the demo shop's panel takes it)
        self.preview_box = named(QGroupBox(self.tr("刚登记的标签")), "previewBox")
        self.preview_layout = QVBoxLayout(self.preview_box)
        self.preview_layout.setContentsMargins(2, 2, 2, 2)
        box.addWidget(self.preview_box, 2)
        # the demo shop's practice numbers and where its sheet is (hidden in a real shop)
        self.demo_panel = named(QLabel(), "demoPanel")
        self.demo_panel.setWordWrap(True)
        self.demo_panel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_panel.setStyleSheet("background:#e3f2fd;color:#0d47a1;padding:4px")
        self.demo_panel.hide()
        box.addWidget(self.demo_panel)
        box.addStretch(0)
        _no_focus(self.lines_list, self.noinfo_button)
        return left

    # --- middle: what came back ---------------------------------------------------------
    def _what(self) -> QWidget:
        mid = _Column()
        grid = QGridLayout(mid)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(self.px(3))
        self.item_input = named(QLineEdit(), "itemInput")
        self.item_input.setPlaceholderText(self.tr("商品: 扫条码或输入款号"))
        self.font_of(self.item_input, 12)
        self.qty_input = named(QSpinBox(), "qtyInput")
        self.qty_input.setRange(1, 999)
        self.accessory_input = named(QLineEdit(), "accessoryInput")
        self.accessory_input.setPlaceholderText(self.tr("本件配件 (如 鞋垫), 回车"))
        self.target_input = named(QLineEdit(), "targetInput")
        self.target_input.setPlaceholderText(self.tr("换成 / 补发 (F6 换 / F7 补), 如 W6"))
        self.items_list = named(QListWidget(), "itemsList")
        self.items_list.setMaximumHeight(self.px(70))
        grid.addWidget(QLabel(self.tr("收到的商品")), 0, 0)
        grid.addWidget(self.item_input, 0, 1, 1, 2)
        grid.addWidget(self.qty_input, 0, 3)
        grid.addWidget(self.accessory_input, 1, 0, 1, 2)
        grid.addWidget(self.target_input, 1, 2, 1, 2)
        grid.addWidget(self.items_list, 2, 0, 1, 4)

        self.reason_title = named(QLabel(self.tr("退回原因 (按键选择)")), "reasonTitle")
        self.reason_picker = KeyPicker(object_name="reasonPicker", columns=True)
        self.condition_title = named(QLabel(self.tr("产品好坏 (按键选择)")), "conditionTitle")
        self.condition_picker = KeyPicker(object_name="conditionPicker", columns=True)
        grid.addWidget(self.reason_title, 3, 0, 1, 4)
        grid.addWidget(self.reason_picker, 4, 0, 1, 4)
        grid.addWidget(self.condition_title, 5, 0, 1, 4)
        grid.addWidget(self.condition_picker, 6, 0, 1, 4)
        grid.setRowStretch(7, 1)
        return mid

    # --- right: where it goes -----------------------------------------------------------
    def _where(self) -> QWidget:
        right = _Column()
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(self.px(3))
        self.bins_row = QHBoxLayout()
        self.bin_label = named(QLabel(), "binLabel")
        self.bin_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bin_label.setMinimumHeight(self.px(64))
        self.bin_label.setWordWrap(True)
        self.bin_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.font_of(self.bin_label, 26, True)
        self.bin_label.setFrameShape(QFrame.Shape.Box)
        self.bins_row.addWidget(self.bin_label, 1)
        self.other_bins: list[QLabel] = []
        box.addLayout(self.bins_row)
        self.commit_button = named(QPushButton(self.tr("登记 (回车)")), "commitButton")
        self.commit_button.setMinimumHeight(self.px(44))
        self.font_of(self.commit_button, 15, True)
        box.addWidget(self.commit_button)

        self.return_string_label = named(QLabel(), "returnStringLabel")
        self.return_string_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.return_string_label.setWordWrap(True)
        self.font_of(self.return_string_label, 12, True)
        self.register_line_label = named(QLabel(), "registerLineLabel")
        self.register_line_label.setWordWrap(True)
        box.addWidget(self.return_string_label)
        box.addWidget(self.register_line_label)

        self.money_input = named(QLineEdit(), "moneyInput")
        self.money_input.setPlaceholderText(self.tr("F10 邮费/现金, 如: 邮费 10 或 现金 50"))
        box.addWidget(self.money_input)
        checks = QHBoxLayout()
        self.packaging_check = named(QCheckBox(self.tr("外包装破损 (F11)")), "packagingDamaged")
        self.freight_check = named(QCheckBox(self.tr("到付 (F5)")), "freightCollect")
        checks.addWidget(self.freight_check)
        checks.addWidget(self.packaging_check)
        box.addLayout(checks)
        box.addStretch(1)
        # the camera preview (cameraPreview), put here by the controller when there is one
        self.camera_slot = QHBoxLayout()
        # the parcel's outcome (空包, 调包/货不对版, 少件, 多件/非本店: Ctrl+1 … Ctrl+4)
        self.outcome_label = named(QLabel(), "outcomeLabel")
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.font_of(self.outcome_label, 14, True)
        self.outcome_label.setStyleSheet("color:white;background:#6a1b9a;padding:4px")
        self.outcome_label.hide()
        self.camera_slot.addWidget(self.outcome_label, 0, Qt.AlignmentFlag.AlignTop)
        self.camera_slot.addStretch(1)
        box.addLayout(self.camera_slot)
        _no_focus(self.commit_button, self.packaging_check, self.freight_check)
        return right

    def px(self, pixels: int) -> int:
        """A distance of the base layout at this screen's scale."""
        return round(pixels * self.scale)

    def font_of(self, widget: QWidget, size: int, bold: bool = False) -> None:
        """``widget`` in ``size`` points of the base layout, at this screen's scale."""
        f = QFont(widget.font())
        f.setPointSizeF(size * self.scale)
        f.setBold(bold)
        widget.setFont(f)

    def bin_chip(self, index: int) -> QLabel:
        """The label for the parcel's ``index``-th bin (0 is ``binLabel``)."""
        if index == 0:
            return self.bin_label
        while len(self.other_bins) < index:
            chip = named(QLabel(), f"binLabel{len(self.other_bins) + 2}")
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setWordWrap(True)
            chip.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self.font_of(chip, 18, True)
            self.bins_row.addWidget(chip, 1)
            self.other_bins.append(chip)
        return self.other_bins[index - 1]
