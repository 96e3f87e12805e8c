"""The lead's window (主管视图): weekly summary, follow-ups, money, repairs, claims, day close,
the 分销件 register, the audit trail and the refund queue after inspection."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TypeAlias

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from returnsdesk.context import AppContext
from returnsdesk.domain.roles import Act
from returnsdesk.domain.topics import NOTHING, Topic
from returnsdesk.services.common import stations, users
from returnsdesk.services.evidence import records, retention
from returnsdesk.services.evidence.retention import FreeSpace
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.common.status import StatusLine
from returnsdesk.ui.common.windows import Windows
from returnsdesk.ui.lead.day_close import DayCloseTab
from returnsdesk.ui.lead.floor import FloorTab
from returnsdesk.ui.lead.followups import FollowupTab
from returnsdesk.ui.lead.lists import ClaimsTab, DistributionTab, RepairsTab
from returnsdesk.ui.lead.money import MoneyTab
from returnsdesk.ui.lead.packet import PacketLookup
from returnsdesk.ui.lead.records import AuditTab
from returnsdesk.ui.lead.refunds import RefundsTab
from returnsdesk.ui.lead.summary import SummaryTab

log = logging.getLogger(__name__)
DISK_CHECK_MS = 300_000  # how often the evidence folder's free space is looked at

# what the floor tab shows: the day's parcels, refunds, slips, stations, corrections of money
FLOOR_TOPICS = Topic.PARCELS | Topic.REFUNDS | Topic.RESHIP | Topic.STATIONS | Topic.MONEY

# the tabs; each reloads what it shows on refresh()
Page: TypeAlias = (
    SummaryTab
    | FollowupTab
    | MoneyTab
    | RepairsTab
    | ClaimsTab
    | DayCloseTab
    | RefundsTab
    | DistributionTab
    | AuditTab
    | FloorTab
)


class LeadWindow(QMainWindow):
    """Tabs refresh when shown and whenever a service reports a change on the bus."""

    def __init__(
        self,
        ctx: AppContext,
        bus: OpsBus,
        parent: QWidget | None = None,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        windows: Windows | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("leadWindow")
        self.windows = windows or Windows(ctx, bus)
        self.ctx, self.bus = ctx, bus
        self._show_person()
        today = now().date()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("leadTabs")
        self.summary = SummaryTab(ctx, today)
        self.followups = FollowupTab(ctx, bus, now)
        self.money = MoneyTab(ctx, bus, today)
        self.repairs = RepairsTab(ctx, bus, lambda: now().date())
        self.claims = ClaimsTab(ctx, today)
        self.day_close = DayCloseTab(ctx, bus, today)
        self.refunds = RefundsTab(ctx, bus, now)
        self.distribution = DistributionTab(ctx, today)
        self.audit = AuditTab(ctx, today)
        self.floor = FloorTab(ctx, today, now)
        # each tab with the topics it shows: a change refreshes only the tabs it touches
        pages: tuple[tuple[Page, str, Topic], ...] = (
            (self.summary, self.tr("周报"), Topic.PARCELS | Topic.ORDERS),
            (self.followups, self.tr("无信息件跟进"), Topic.PARCELS | Topic.FOLLOWUPS),
            (self.money, self.tr("款项"), Topic.MONEY | Topic.DAYS),
            (self.repairs, self.tr("返厂维修"), Topic.PARCELS | Topic.REPAIRS),
            (self.claims, self.tr("快递索赔"), Topic.PARCELS),
            (self.day_close, self.tr("日结"), Topic.PARCELS | Topic.MONEY | Topic.DAYS),
            (self.refunds, self.tr("退款审核"), Topic.PARCELS | Topic.REFUNDS),
            (self.distribution, self.tr("分销件"), Topic.PARCELS | Topic.ORDERS),
            (self.audit, self.tr("操作记录"), ~NOTHING),
            (self.floor, self.tr("现场"), FLOOR_TOPICS),
        )
        for page, title, _topics in pages:
            self.tabs.addTab(page, title)
        # any parcel's, refund's or order's dispute packet by its number (Ctrl+E)
        self.packet_status = StatusLine()
        self.packet_status.setObjectName("packetStatus")
        self.statusBar().addWidget(self.packet_status, 1)
        self.packet = PacketLookup(ctx, self.packet_status)
        self.tabs.setCornerWidget(self.packet)
        QShortcut(QKeySequence("Ctrl+E"), self, self._find_packet)
        self._pages = [page for page, _title, _topics in pages]  # in tab order
        self._topics = [topics for _page, _title, topics in pages]
        self.open_banner = QLabel(
            self.tr(
                "尚未设置用户: 任何人都可以做任何操作。"
                "添加第一个管理员 (returnsdesk user add NAME --role admin --pin-stdin) 后, "
                "每个工位都需要登录。"
            )
        )
        self.open_banner.setObjectName("openBanner")
        self.open_banner.setWordWrap(True)
        self.open_banner.setStyleSheet(
            "background: #fff3e0; color: #e65100; padding: 6px; font-weight: bold;"
        )
        # the clips' folder below its free-space floor: the clean-up removes the oldest first
        self.disk_banner = QLabel()
        self.disk_banner.setObjectName("diskBanner")
        self.disk_banner.setWordWrap(True)
        self.disk_banner.setStyleSheet(
            "background: #ffebee; color: #b71c1c; padding: 6px; font-weight: bold;"
        )
        self.disk_banner.hide()
        self.free_space: FreeSpace = retention.free_bytes
        self._disk_timer = QTimer(self, interval=DISK_CHECK_MS)
        self._disk_timer.timeout.connect(self.check_disk)
        self._disk_timer.start()
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.open_banner)
        lay.addWidget(self.disk_banner)
        lay.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._show_banner()
        self.check_disk()
        data = self.menuBar().addMenu(self.tr("数据(&D)"))
        data.addAction(self.tr("导入订单/退款/商品…"), self.open_import)
        self.resize(1100, 720)
        for i in range(self.tabs.count()):
            QShortcut(QKeySequence(f"Alt+{i + 1}"), self, lambda i=i: self.tabs.setCurrentIndex(i))
        self._stale: set[int] = set()
        self.tabs.currentChanged.connect(self._tab_shown)
        bus.changed.connect(self._changed)
        self.summary.refresh()
        self._stale = set(range(1, self.tabs.count()))

    def open_import(self) -> None:
        """The lead brings in the shop's ERP exports here too (the bench has the same menu)."""
        self.windows.import_dialog(self)

    def _show_banner(self) -> None:
        with self.ctx.sessions() as s:
            self.open_banner.setVisible(not users.has_users(s))

    def _find_packet(self) -> None:
        self.packet.input.setFocus()
        self.packet.input.selectAll()

    def check_disk(self) -> None:
        """Warn while an evidence folder has less free space than its floor: this PC's own,
        or a station's as its last clean-up found it (a bench's folder is often its own disk)."""
        s = self.ctx.settings
        cfg = s.shop.evidence
        low = {d.station: (d.free, d.floor) for d in stations.low_evidence_disks(self.ctx.sessions)}
        try:
            here = retention.disk_state(records.folder(s.home, cfg), cfg, self.free_space)
        except OSError:
            log.warning("free space of the evidence folder not known", exc_info=True)
        else:
            if here.low:
                low[s.station] = (here.free, here.floor)
            else:
                low.pop(s.station, None)  # this PC's disk as it is now
        self.disk_banner.setVisible(bool(low))
        if not low:
            return
        said = [
            self.tr("录像磁盘空间不足 ({station}): 剩余 {free} GB, 低于 {floor} GB")
            .replace("{station}", station)
            .replace("{free}", f"{free / retention.GB:.1f}")
            .replace("{floor}", f"{floor / retention.GB:.1f}")
            for station, (free, floor) in sorted(low.items())
        ]
        self.disk_banner.setText(
            self.tr("{low}。最旧的未受保护录像和照片会先被删除; 请清理磁盘或换更大的磁盘。")
            .replace("{low}", "; ".join(said))
        )  # fmt: skip

    def _tab_shown(self, index: int) -> None:
        if index in self._stale:
            self._stale.discard(index)
            self._pages[index].refresh()

    def _changed(self, topics: Topic) -> None:
        """Refresh the tabs a change touches: the visible one now, the others when shown."""
        self._stale |= {i for i, shown in enumerate(self._topics) if shown & topics}
        self._tab_shown(self.tabs.currentIndex())
        if Topic.USERS in topics:
            self._show_banner()
        if topics & (Topic.PARCELS | Topic.STATIONS):
            self.check_disk()
        if Topic.PERSON in topics:
            self._show_person()
            if not users.allowed(self.ctx.sessions, self.ctx.settings.user, Act.RECORDS):
                self.close()  # the new person may not see the lead's records

    def _show_person(self) -> None:
        """Who is signed in at this station: the one every action here runs as."""
        title = self.tr("主管视图 - 退货拆包台")
        self.setWindowTitle(f"{title} · {self.ctx.settings.user}")
