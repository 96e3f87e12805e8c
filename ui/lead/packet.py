"""The dispute packet (举证包) from the lead's view: of a refund row (E in the 退款审核 tab) or
of any tracking, refund or order number typed in the window's lookup box (Ctrl+E).

The packet is written off the UI thread with its progress in the status line; the service
allows leads and admins only and audits every export, so a refusal shows in place.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from returnsdesk.context import AppContext
from returnsdesk.services.evidence import records
from returnsdesk.services.evidence.export import Packet, export_packet
from returnsdesk.ui.common.status import StatusLine
from returnsdesk.ui.common.tasks import Task, start

_UNSAFE = re.compile(r"[^0-9A-Za-z_-]+")


class PacketExport(QObject):
    """Writes one packet at a time; ``finished`` gives the Packet, ``failed`` the message."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, status: StatusLine, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx, self.status, self.widget = ctx, status, parent
        self.busy = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    def default_path(self, value: str) -> Path:
        name = _UNSAFE.sub("_", value.strip()).strip("_") or "packet"
        return self.ctx.settings.home / f"举证包-{name}.zip"

    def choose(self, value: str) -> None:
        """Ask where, then write the packet of ``value`` (tracking, refund or order number)."""
        if not value.strip():
            self.status.error(self.tr("请输入快递单号、退款编号或订单号"))
            return
        path, _ = QFileDialog.getSaveFileName(self.widget, self.tr("导出举证包"),
                                              str(self.default_path(value)),
                                              self.tr("举证包 (*.zip)"))  # fmt: skip
        if path:
            self.export_to(value, Path(path))

    def export_to(self, value: str, path: Path) -> Task | None:
        if self.busy:
            self.status.warn(self.tr("上一个举证包还在导出, 请稍候"))
            return None
        s = self.ctx.settings
        sessions, shop = self.ctx.sessions, s.shop
        root = records.folder(s.home, shop.evidence)
        user, station, lang = s.user, s.station, s.lang
        task = Task(lambda progress: export_packet(sessions, shop, value, path, root, user,
                                                   station, lang, progress), lang)  # fmt: skip
        task.signals.progress.connect(self._progress)
        task.signals.done.connect(self._done)
        task.signals.failed.connect(self._failed)
        self.busy = True
        self.status.ok(self.tr("正在导出举证包 {value} …").replace("{value}", value.strip()))
        return start(task, self._pool)

    def _progress(self, done: int, total: int) -> None:
        self.status.ok(
            self.tr("正在导出举证包: {done}/{total} 个文件")
            .replace("{done}", str(done))
            .replace("{total}", str(max(total, 0)))
        )

    def _done(self, packet: Packet) -> None:
        self.busy = False
        text = (
            self.tr("举证包 {path}: {n} 个包裹, {clips} 段录像, {photos} 张照片")
            .replace("{path}", str(packet.path))
            .replace("{n}", str(len(packet.trackings)))
            .replace("{clips}", str(packet.clips))
            .replace("{photos}", str(packet.photos))
        )
        if packet.missing:
            more = self.tr(" (缺失或已删除 {n} 个, 未放入)").replace(
                "{n}", str(len(packet.missing))
            )
            self.status.warn(text + more)
        else:
            self.status.ok(text)
        self.finished.emit(packet)

    def _failed(self, message: str) -> None:
        self.busy = False
        self.status.error(message)
        self.failed.emit(message)

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)


class PacketLookup(QWidget):
    """The window's lookup box: any parcel's, refund's or order's packet by its number."""

    def __init__(self, ctx: AppContext, status: StatusLine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.input = QLineEdit()
        self.input.setObjectName("packetLookup")
        self.input.setPlaceholderText(self.tr("快递单号 / 退款编号 / 订单号"))
        self.input.setMinimumWidth(220)
        self.button = QPushButton(self.tr("导出举证包…"))
        self.button.setObjectName("packetLookupExport")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.exporter = PacketExport(ctx, status, self)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        lay.addWidget(self.input)
        lay.addWidget(self.button)
        self.input.returnPressed.connect(self.choose)
        self.button.clicked.connect(self.choose)

    def choose(self) -> None:
        self.exporter.choose(self.input.text())
