"""The bench window's layout: widgets only, named for automated checks (CONTRACT.md).

Logic lives in ``bench_window.BenchController``; this file only builds and exposes widgets.
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
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.ui.pickers import KeyPicker


def _font(widget: QWidget, size: int, bold: bool = False) -> None:
    f = QFont(widget.font())
    f.setPointSize(size)
    f.setBold(bold)
    widget.setFont(f)


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class BenchView(QWidget):
    """Scan box on top; what matched on the left; what came back on the right; today below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        root = QVBoxLayout(self)

        # --- scan row
        scan_row = QHBoxLayout()
        self.scan_input = QLineEdit(objectName="scanInput")
        self.scan_input.setPlaceholderText(self.tr("扫描快递单号 (或输入后回车)"))
        _font(self.scan_input, 20, True)
        self.courier_label = QLabel(objectName="courierLabel")
        _font(self.courier_label, 14, True)
        self.slip_label = QLabel(objectName="slipLabel")
        _font(self.slip_label, 28, True)
        scan_row.addWidget(self.scan_input, 4)
        scan_row.addWidget(self.courier_label, 1)
        scan_row.addWidget(self.slip_label, 1)
        root.addLayout(scan_row)

        self.warning_label = QLabel(objectName="freightWarning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(
            "background:#c62828;color:white;padding:6px;font-weight:bold;font-size:15pt"
        )
        self.warning_label.hide()
        root.addWidget(self.warning_label)

        split = QSplitter(Qt.Orientation.Horizontal)
        root.addWidget(split, 3)

        # --- left: match, buyer search, no-info form
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        self.match_panel = QGroupBox(self.tr("买家与订单"), objectName="matchPanel")
        form = QFormLayout(self.match_panel)
        self.buyer_value = _value_label()
        _font(self.buyer_value, 16, True)
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
        self.lines_list = QListWidget(objectName="orderLines")
        self.lines_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines_list.setMaximumHeight(90)
        form.addRow(self.tr("订单商品"), self.lines_list)
        left_box.addWidget(self.match_panel)

        self.buyer_box = QGroupBox(self.tr("没有匹配: 输入纸条上的旺旺名, 或按电话/姓名/城市搜索"))
        buyer_layout = QVBoxLayout(self.buyer_box)
        self.buyer_input = QLineEdit(objectName="buyerInput")
        self.buyer_input.setPlaceholderText(self.tr("旺旺名 / 电话 / 后四位 / 姓名 / 城市"))
        self.search_results = QListView(objectName="searchResults")
        self.search_results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.search_results.setMaximumHeight(140)
        buyer_layout.addWidget(self.buyer_input)
        buyer_layout.addWidget(self.search_results)
        left_box.addWidget(self.buyer_box)

        self.noinfo_box = QGroupBox(self.tr("无信息件 (查不到信息)"), objectName="noInfoForm")
        ni = QFormLayout(self.noinfo_box)
        self.sender_name = QLineEdit(objectName="senderName")
        self.sender_phone = QLineEdit(objectName="senderPhone")
        self.sender_city = QLineEdit(objectName="senderCity")
        self.contents_input = QLineEdit(objectName="contentsInput")
        ni.addRow(self.tr("寄件人"), self.sender_name)
        ni.addRow(self.tr("电话"), self.sender_phone)
        ni.addRow(self.tr("寄出城市"), self.sender_city)
        ni.addRow(self.tr("包裹内容"), self.contents_input)
        self.noinfo_button = QPushButton(self.tr("登记无信息件 (回车)"), objectName="noInfoButton")
        ni.addRow(self.noinfo_button)
        left_box.addWidget(self.noinfo_box)
        # the label of the parcel just registered; filled on the first registration so that
        # the PDF renderer is not loaded at start-up
        self.preview_box = QGroupBox(self.tr("刚登记的标签"), objectName="previewBox")
        self.preview_layout = QVBoxLayout(self.preview_box)
        self.preview_box.hide()
        left_box.addWidget(self.preview_box)
        left_box.addStretch(1)
        split.addWidget(left)

        # --- right: items, reason, condition, bin, strings
        right = QWidget()
        grid = QGridLayout(right)
        grid.setContentsMargins(0, 0, 0, 0)
        self.item_input = QLineEdit(objectName="itemInput")
        self.item_input.setPlaceholderText(self.tr("商品: 扫条码或输入款号 (回车接受订单商品)"))
        _font(self.item_input, 14)
        self.qty_input = QSpinBox(objectName="qtyInput")
        self.qty_input.setRange(1, 999)
        self.accessory_input = QLineEdit(objectName="accessoryInput")
        self.accessory_input.setPlaceholderText(self.tr("配件 (如 鞋垫)"))
        self.target_input = QLineEdit(objectName="targetInput")
        self.target_input.setPlaceholderText(
            self.tr("换成 / 补发 (F6 换 / F7 补), 如 W6 或 5815灰色W6")
        )
        self.items_list = QListWidget(objectName="itemsList")
        self.items_list.setMaximumHeight(100)
        grid.addWidget(QLabel(self.tr("收到的商品")), 0, 0)
        grid.addWidget(self.item_input, 0, 1, 1, 2)
        grid.addWidget(self.qty_input, 0, 3)
        grid.addWidget(self.accessory_input, 1, 1)
        grid.addWidget(self.target_input, 1, 2, 1, 2)
        grid.addWidget(self.items_list, 2, 0, 1, 4)

        self.reason_picker = KeyPicker(objectName="reasonPicker")
        self.condition_picker = KeyPicker(objectName="conditionPicker")
        grid.addWidget(QLabel(self.tr("退回原因 (按键选择)")), 3, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("产品好坏 (按键选择)")), 3, 2, 1, 2)
        self.reason_picker.setMinimumHeight(200)
        self.condition_picker.setMinimumHeight(200)
        grid.addWidget(self.reason_picker, 4, 0, 1, 2)
        grid.addWidget(self.condition_picker, 4, 2, 1, 2)

        money_row = QHBoxLayout()
        self.money_input = QLineEdit(objectName="moneyInput")
        self.money_input.setPlaceholderText(self.tr("F10 邮费/现金, 如: 邮费 10 或 现金 50"))
        self.packaging_check = QCheckBox(self.tr("外包装破损 (F11)"), objectName="packagingDamaged")
        self.freight_check = QCheckBox(self.tr("到付 (F5)"), objectName="freightCollect")
        money_row.addWidget(self.money_input, 2)
        money_row.addWidget(self.freight_check)
        money_row.addWidget(self.packaging_check)
        grid.addLayout(money_row, 5, 0, 1, 4)

        self.bin_label = QLabel(objectName="binLabel")
        self.bin_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bin_label.setMinimumHeight(90)
        _font(self.bin_label, 36, True)
        self.bin_label.setFrameShape(QFrame.Shape.Box)
        grid.addWidget(self.bin_label, 6, 0, 1, 3)
        self.commit_button = QPushButton(self.tr("登记 (回车)"), objectName="commitButton")
        self.commit_button.setMinimumHeight(90)
        _font(self.commit_button, 18, True)
        grid.addWidget(self.commit_button, 6, 3)

        self.return_string_label = QLabel(objectName="returnStringLabel")
        self.return_string_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.return_string_label.setWordWrap(True)
        _font(self.return_string_label, 14, True)
        self.register_line_label = QLabel(objectName="registerLineLabel")
        self.register_line_label.setWordWrap(True)
        grid.addWidget(self.return_string_label, 7, 0, 1, 4)
        grid.addWidget(self.register_line_label, 8, 0, 1, 4)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)

        # --- today's parcels
        self.today_table = QTableView(objectName="todayTable")
        self.today_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.today_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.today_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.today_table.verticalHeader().hide()
        self.today_table.horizontalHeader().setStretchLastSection(True)
        self.today_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        root.addWidget(self.today_table, 2)

        self.hint_label = QLabel(
            self.tr(
                "Esc 取消 · F2 拒收 · F3 接收(买家原因) · F4 接收(我方原因) · F5 到付 · F6 换货 · "
                "F7 补发 · F8 无信息件 · F9 复制登记字符串 · F10 钱款 · F11 外包装破损 · F12 重打标签"
            )
        )
        self.hint_label.setStyleSheet("color:#555")
        root.addWidget(self.hint_label)
        self.status_line = QLabel(objectName="statusLine")
        self.status_line.setWordWrap(True)
        _font(self.status_line, 13, True)
        root.addWidget(self.status_line)
