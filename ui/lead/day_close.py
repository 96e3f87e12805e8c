"""Day close tab: the day's totals, what is still unregistered, close and print the day sheet."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.context import AppContext
from returnsdesk.domain.money import MoneyKind
from returnsdesk.domain.status import ParcelStatus, status_name
from returnsdesk.domain.topics import Topic
from returnsdesk.services.lead import day_close
from returnsdesk.ui.common.field_marks import FieldMarks
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.lead.tables import DayTab, RowsModel, make_table


class DayCloseTab(DayTab):
    def __init__(
        self,
        ctx: AppContext,
        bus: OpsBus,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, bus, parent)
        self.totals: day_close.DayTotals | None = None
        self.day_picker(today, "closeDate")
        self.totals_label = QLabel()
        self.totals_label.setObjectName("closeTotals")
        self.totals_label.setWordWrap(True)
        self.model = RowsModel(
            [
                self.tr("运单号"),
                self.tr("快递"),
                self.tr("状态"),
                self.tr("扫描时间"),
                self.tr("登记员"),
                self.tr("工位"),
            ]
        )
        self.table = make_table(self.model, "unregisteredTable")
        self.force = QCheckBox(self.tr("有未登记包裹或未交接款项也日结"))
        self.force.setObjectName("closeForce")
        self.close_button = QPushButton(self.tr("日结并打印日报"))
        self.close_button.setObjectName("closeButton")
        self.note = QLineEdit()
        self.note.setObjectName("closeNote")
        self.note.setPlaceholderText(self.tr("原因 (强制日结有未交接款项、或重新打开时必填)"))
        self.reopen_button = QPushButton(self.tr("重新打开这一天"))
        self.reopen_button.setObjectName("reopenButton")
        self.marks = FieldMarks(note=self.note)
        self.status.setObjectName("closeStatus")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("日期:")))
        top.addWidget(self.date)
        top.addStretch(1)
        top.addWidget(self.force)
        top.addWidget(self.note, 1)
        top.addWidget(self.close_button)
        top.addWidget(self.reopen_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.totals_label)
        lay.addWidget(QLabel(self.tr("未登记的包裹:")))
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        self.close_button.clicked.connect(self.close_day)
        self.reopen_button.clicked.connect(self.reopen_day)

    def refresh(self) -> None:
        t = day_close.day_totals(self.ctx.sessions, self.day)
        self.totals = t
        st = t.by_status
        shop = self.ctx.settings.shop
        lang = self.ctx.settings.lang
        bins = ", ".join(f"{shop.bin_name(b, lang)} {n}" for b, n in sorted(t.by_bin.items()))
        money = (
            ", ".join(
                f"{MoneyKind.name_of(k, lang)} {v:.2f}" for k, v in sorted(t.money_by_kind.items())
            )
            or "0"
        )
        lines = [
            self.tr("包裹 {n} 个: 已登记 {r}, 无信息件 {i}, 拒收 {x}, 未登记 {u}")
            .replace("{n}", str(t.parcels))
            .replace("{r}", str(st.get(ParcelStatus.REGISTERED, 0)))
            .replace("{i}", str(st.get(ParcelStatus.NO_INFO, 0)))
            .replace("{x}", str(st.get(ParcelStatus.REFUSED, 0)))
            .replace("{u}", str(len(t.unregistered))),
            self.tr("商品 {n} 件: {bins}")
            .replace("{n}", str(t.pieces))
            .replace("{bins}", bins or "-"),
            self.tr("款项 {total} 元 ({money}), 待交接 {p} 元")
            .replace("{total}", f"{t.money_total:.2f}")
            .replace("{money}", money)
            .replace("{p}", f"{t.money_pending:.2f}"),
        ]
        if t.closed_at:
            lines.append(
                self.tr("已日结: {who} {at}")
                .replace("{who}", t.closed_by)
                .replace("{at}", f"{t.closed_at:%Y-%m-%d %H:%M}")
            )
        self.totals_label.setText("\n".join(lines))
        self.model.set_rows(
            [
                (
                    p.tracking_no,
                    p.courier,
                    status_name(p.status, lang),
                    p.received_at,
                    p.clerk,
                    p.station,
                )
                for p in t.unregistered
            ],
            red=[True] * len(t.unregistered),
        )

    def close_day(self) -> None:
        s = self.ctx.settings
        day, force, note = self.day, self.force.isChecked(), self.note.text()
        done = self.act(
            lambda: day_close.close_day(
                self.ctx.sessions, day, s.user, s.station, force=force, note=note
            ),
            Topic.DAYS | Topic.PRINT_JOBS,
            marks=self.marks,
        )
        if done is None:
            return
        self.force.setChecked(False)
        self.note.clear()
        text = self.tr("{day} 已日结").replace("{day}", day.isoformat())
        if done.value.print_job_id is not None:
            text += self.tr(", 日报已加入打印队列")
        self.status.ok(text)

    def reopen_day(self) -> None:
        """The lead opens a closed day again (a late parcel, a correction), with the reason."""
        s = self.ctx.settings
        day, note = self.day, self.note.text()
        done = self.act(
            lambda: day_close.reopen_day(self.ctx.sessions, day, note, s.user, s.station),
            Topic.DAYS,
            marks=self.marks,
        )
        if done is None:
            return
        self.note.clear()
        self.status.ok(self.tr("{day} 已重新打开").replace("{day}", day.isoformat()))
