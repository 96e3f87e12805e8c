"""The reshipment desk's layout: widgets only, named for automated checks.

Logic lives in ``reship_window.ReshipWindow`` (the controller) and the services.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.domain.kinds import SlipState
from returnsdesk.ui.common.named import named
from returnsdesk.ui.common.status import StatusLine

# (state filter, label); "" = everything open plus recent shipped
# the queue's filters: the open slips, then each state
FILTERS = ("open", SlipState.PENDING, SlipState.PRINTED, SlipState.SHIPPED, SlipState.PROBLEM)


def _font(widget: QWidget, size: int, bold: bool = False) -> None:
    f = QFont(widget.font())
    f.setPointSize(size)
    f.setBold(bold)
    widget.setFont(f)


class ReshipView(QWidget):
    """Filters and actions on top, the queue in the middle, the scan loop on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        root = QVBoxLayout(self)

        # --- filters and actions
        top = QHBoxLayout()
        self.filter_group = QButtonGroup(self)
        self.filter_buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(FILTERS):
            b = named(QPushButton(), f"reshipFilter_{key}")
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.filter_group.addButton(b, i)
            self.filter_buttons[key] = b
            top.addWidget(b)
        self.filter_buttons["open"].setChecked(True)
        top.addStretch(1)
        self.new_button = named(QPushButton(self.tr("新建 (F2)")), "reshipNew")
        self.edit_button = named(QPushButton(self.tr("修改 (F3)")), "reshipEdit")
        self.print_button = named(QPushButton(self.tr("打印选中 (Ctrl+P)")), "reshipPrint")
        self.reprint_button = named(QPushButton(self.tr("重打 (Ctrl+Shift+P)")), "reshipReprint")
        self.recheck_button = named(QPushButton(self.tr("重新检查")), "reshipRecheck")
        self.cancel_button = named(QPushButton(self.tr("作废 (Del)")), "reshipCancel")
        self.reports_button = named(QPushButton(self.tr("问题表/归档 (F9)")), "reshipReports")
        for b in (
            self.new_button,
            self.edit_button,
            self.print_button,
            self.reprint_button,
            self.recheck_button,
            self.cancel_button,
            self.reports_button,
        ):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            top.addWidget(b)
        root.addLayout(top)

        # --- queue | scan loop
        split = QSplitter(Qt.Orientation.Horizontal)
        self.queue = named(QTableView(), "reshipQueue")
        self.queue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.queue.setAlternatingRowColors(True)
        self.queue.verticalHeader().setVisible(False)
        self.queue.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.queue.horizontalHeader().setStretchLastSection(True)
        split.addWidget(self.queue)

        side = QFrame()
        side.setFrameShape(QFrame.Shape.StyledPanel)
        col = QVBoxLayout(side)
        title = QLabel(self.tr("发货: 先扫补发单条码, 再扫新快递单号"))
        title.setWordWrap(True)
        _font(title, 11, True)
        col.addWidget(title)
        self.tracking_input = named(QLineEdit(), "reshipTrackingInput")
        self.tracking_input.setPlaceholderText(self.tr("扫码后回车"))
        _font(self.tracking_input, 16, True)
        col.addWidget(self.tracking_input)
        self.current_label = named(QLabel(), "reshipCurrent")
        self.current_label.setWordWrap(True)
        self.current_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(self.current_label)
        col.addWidget(QLabel(self.tr("给买家的留言:")))
        self.message_label = named(QLabel(), "reshipMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setMinimumHeight(60)
        self.message_label.setStyleSheet(
            "background: #f1f8e9; border: 1px solid #aed581; padding: 6px"
        )
        _font(self.message_label, 12)
        col.addWidget(self.message_label)
        self.copy_button = named(QPushButton(self.tr("复制留言 (F6)")), "reshipCopy")
        self.copy_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        col.addWidget(self.copy_button)
        col.addWidget(QLabel(self.tr("问题:")))
        self.problems_label = named(QLabel(), "reshipProblems")
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #c62828")
        col.addWidget(self.problems_label)
        col.addWidget(QLabel(self.tr("选中的补发单:")))
        self.detail_label = named(QLabel(), "reshipDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(self.detail_label)
        col.addStretch(1)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 320])
        root.addWidget(split, 1)

        # --- status
        bottom = QHBoxLayout()
        self.status = named(StatusLine(), "reshipStatus")
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        self.progress = named(QProgressBar(), "reshipProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        bottom.addWidget(self.progress)
        root.addLayout(bottom)
