"""Weeks of a running shop for the demo: every working day's parcels registered, and the
books around them: follow-ups, repairs sent back, money handed over (one count short),
exchange and reissue slips printed and shipped, refunds decided, days closed.

Calling the bench once per parcel would take a minute; the rows go in with bulk inserts
instead, under the rules the services keep: slip numbers 1, 2, 3 … per day with the day's
counter, strings from the bench's own function, bins from ``domain.routing``, the audit log
and the money register only appended to, a hand-over made unsealed, marking its entries and
sealed, one first refund decision per request with the suggestion the queue computes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from returnsdesk.config import ShopConfig
from returnsdesk.db.models import CashHandover, Order, Parcel, Refund, ReshipSlip, Sku
from returnsdesk.domain import routing
from returnsdesk.domain.kinds import Bin, ItemAction, MatchSource
from returnsdesk.domain.money import MoneyKind
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.domain.strings import ItemSpec, MoneyFound
from returnsdesk.services.admin.demo_books import Books
from returnsdesk.services.admin.demo_data import DemoSku
from returnsdesk.services.admin.demo_floor import write_floor
from returnsdesk.services.admin.demo_parcels import DemoItem, DemoParcel, Ids, ShopPast
from returnsdesk.services.admin.practice import GARBAGE, PracticeEntry, demo_detail
from returnsdesk.services.bench.register import ItemInput

WORKING_DAYS = 6  # Monday to Saturday
FIRST_SHIFT = dt.time(16, 0)  # registration runs from 16:00 and is done before 20:00
SHIFT_MINUTES = 225
TODAY_PARCELS = 9


@dataclass(frozen=True)
class HistoryResult:
    days: int
    parcels: int
    reship_slips: int
    decisions: int
    handovers: int
    closed_days: int


def working_days(today: dt.date, weeks: int) -> list[dt.date]:
    """Monday ``weeks`` weeks before this week's Monday up to today (today always works)."""
    start = today - dt.timedelta(days=today.weekday() + 7 * weeks)
    days = [start + dt.timedelta(days=n) for n in range((today - start).days)]
    return [d for d in days if d.weekday() < WORKING_DAYS] + [today]


def _first_ids(s: Session) -> Ids:
    columns = {"orders": Order.id, "refunds": Refund.id, "parcels": Parcel.id,
               "reship_slips": ReshipSlip.id, "cash_handovers": CashHandover.id}  # fmt: skip
    return Ids({name: (s.scalar(select(func.max(c))) or 0) + 1 for name, c in columns.items()})


class History:
    """The past weeks, made in memory from the seed, then written in one transaction."""

    def __init__(
        self,
        shop: ShopConfig,
        skus: list[DemoSku],
        seed: int,
        now: dt.datetime,
        weeks: int,
        ids: Ids,
    ) -> None:
        self.r = random.Random(seed * 7919 + weeks)
        self.shop, self.now, self.today, self.weeks = shop, now, now.date(), weeks
        self.past = ShopPast(self.r, shop, skus, ids, weeks)
        self.untouched = True  # no no-info parcel left untried yet

    # --- the days -----------------------------------------------------------------------

    def _times(self, day: dt.date, n: int) -> Iterator[dt.datetime]:
        start = dt.datetime.combine(day, FIRST_SHIFT)
        for i in range(n):
            at = start + dt.timedelta(minutes=i * SHIFT_MINUTES // n + self.r.randrange(0, 3))
            if day == self.today:  # today's parcels were all done before the demo was made
                at = min(at, self.now - dt.timedelta(minutes=3 * (n - i) + 5))
                at = max(at, dt.datetime.combine(day, dt.time(0, 1)) + dt.timedelta(seconds=i))
            yield at.replace(microsecond=0)

    def _count(self, day: dt.date, week: int) -> int:
        if day == self.today:
            return TODAY_PARCELS
        n = 15 + week + self.r.randrange(0, 8)
        return n + (6 if day.weekday() == 0 else 0) - (4 if day.weekday() == 5 else 0)

    def _one(self, day: dt.date, at: dt.datetime, week: int) -> DemoParcel:
        roll = self.r.random()
        if roll < 0.05:
            return self.past.refused_delivery(day, at, week)
        if roll < 0.085:
            return self.past.no_info(day, at)
        if roll < 0.10:
            return self.past.refused(day, at)
        return self.past.parcel(day, at, week)

    def make(self) -> list[DemoParcel]:
        days = working_days(self.today, self.weeks)
        first_monday = days[0]
        for day in days:
            week = (day - first_monday).days // 7
            parcels = [self._one(day, at, week) for at in self._times(day, self._count(day, week))]
            if day == self.today:
                self._today_has_everything(day, parcels)
            self._number(parcels)
            self.past.parcels += parcels
        for p in self.past.parcels:
            self._follow_up(p)
            self._repairs(p)
            self.past.finish(p)
        return self.past.parcels

    def _today_has_everything(self, day: dt.date, parcels: list[DemoParcel]) -> None:
        """Each tab that opens on today shows something: an exchange held by a problem
        (a remote address), a 分销 item, money found; and two parcels, registered."""
        at = [p.received_at for p in parcels]
        parcels[0] = self.past.parcel(day, at[0], self.weeks, remote=True)
        _exchange(parcels[0], self.shop)
        parcels[1] = self.past.parcel(day, at[1], self.weeks)
        parcels[1].order = dict(parcels[1].order or {}, is_distribution=True)
        _reroute(parcels[1], self.shop)
        found = ((2, "clerk1", MoneyKind.POSTAGE), (3, "clerk2", MoneyKind.CASH))
        for i, clerk, kind in found:
            parcels[i] = self.past.parcel(day, at[i], self.weeks)
            parcels[i].clerk, parcels[i].station = clerk, f"bench-{clerk[-1]}"
            parcels[i].money = [MoneyFound(kind, Decimal(10 if i == 2 else 50))]
        parcels[4] = self.past.no_info(day, at[4])
        # scanned and matched a moment ago, set aside: the day close lists it as unregistered
        waiting = self.past.parcel(day, at[-1], self.weeks)
        waiting.status, waiting.items, waiting.money = ParcelStatus.MATCHED, [], []
        parcels[-1] = waiting

    def _number(self, parcels: list[DemoParcel]) -> None:
        """Slip numbers 1, 2, 3 … in the order the day's parcels were done."""
        n = 0
        for p in sorted(parcels, key=lambda p: p.received_at):
            if p.status not in (ParcelStatus.REGISTERED, ParcelStatus.NO_INFO):
                continue
            n += 1
            p.slip_no = n
            if p.status == ParcelStatus.REGISTERED:
                p.registered_at = p.received_at + dt.timedelta(minutes=self.r.randrange(1, 3))

    def _follow_up(self, p: DemoParcel) -> None:
        """Older no-info parcels were mostly found (the lead's follow-up registered them);
        the rest wait, some tried today, some untouched for days (red)."""
        if p.status != ParcelStatus.NO_INFO:
            return
        age = (self.today - p.day).days
        r = self.r
        red = self.untouched and age >= 2  # the oldest one waits, untried for days: red
        self.untouched = self.untouched and not red
        tries = r.randrange(0, 3) if age >= 2 else 0
        for k in range(tries):
            at = dt.datetime.combine(p.day + dt.timedelta(days=k + 1), dt.time(10, 30 + k))
            method, result = r.choice(
                (("旺旺", "已留言, 未回复"), ("电话", "无人接听"), ("查物流", "寄件人电话空号"))
            )
            p.attempts.append((at, method, result))
        if red:
            return
        if age >= 4 and r.random() < 0.8:
            found = p.day + dt.timedelta(days=min(age - 1, tries + 2))
            p.attempts.append((dt.datetime.combine(found, dt.time(11)), "旺旺", "买家回复, 已找到"))
            self._resolve(p, dt.datetime.combine(found, dt.time(11, 5)))
        elif age >= 2 and r.random() < 0.6:  # tried again today: not red
            at = min(dt.datetime.combine(self.today, dt.time(10, 45)), self.now)
            p.attempts.append((at - dt.timedelta(minutes=1), "电话", "买家说这周内回复"))

    def _resolve(self, p: DemoParcel, at: dt.datetime) -> None:
        sku = self.past.by_code[p.items[0].given.spec.sku_code]
        order = self.past.order(p.day, [sku])
        p.order, p.match_source = order, MatchSource.FOLLOWUP
        p.status, p.registered_at, p.resolved_at = ParcelStatus.REGISTERED, at, at
        facts = routing.OrderFacts(True, bool(order["is_distribution"]), order["warehouse"])
        p.items = [self.past.item(sku, self.weeks, facts, self.r.choice(("不合适", "不喜欢")))]

    def _repairs(self, p: DemoParcel) -> None:
        """Repairs older than ten days went back to the factory, most of them."""
        for item in p.items:
            age = (self.today - p.day).days
            if item.bin == Bin.REPAIR and age >= 10 and self.r.random() < 0.75:
                back = p.day + dt.timedelta(days=self.r.randrange(5, 10))
                item.repair_closed_at = dt.datetime.combine(back, dt.time(15))


def _exchange(p: DemoParcel, shop: ShopConfig) -> None:
    """The parcel's first item came wrong (发错货): the buyer gets the right one."""
    first = p.items[0].given
    same = ItemSpec(first.spec.model, first.spec.category, first.spec.color, first.spec.size,
                    first.spec.spec)  # fmt: skip
    given = ItemInput(first.spec, "", "发错货", "完好", "", ItemAction.EXCHANGE, same)
    p.items[0] = DemoItem(given, Bin.RESTOCK, Bin.RESTOCK)
    _reroute(p, shop)


def _reroute(p: DemoParcel, shop: ShopConfig) -> None:
    order = p.order or {}
    facts = routing.OrderFacts(True, bool(order.get("is_distribution")), order.get("warehouse", ""))
    for item in p.items:
        item.bin = item.suggested = routing.route(
            item.given.reason, item.given.condition, facts, shop
        )


COMMON = ("YT1234567890123", "圆通", "tb_xiaomei", "5815-深紫-W7", "尺码偏小")
# lesson -> the request's stated reason and the SKUs ordered (the common parcel is COMMON)
LESSON_ORDERS = {
    "two_items": ("不合适", ("6021-灰色-W6", "7301-米白-W7")),
    "no_reason": ("", ("8806-黑色-M8",)),
    "sf": ("尺码偏大", ("6022-栗色-W5",)),
    "new_waybill": ("尺码偏小", ("5815-米白-W8",)),
}


def _plain(order: dict[str, Any]) -> dict[str, Any]:
    """A practice parcel's order ships from this bench's warehouse, not a distributor's."""
    order.update(warehouse="杭州", is_distribution=False)
    return order


def _practice(history: History, s: Session, parcels: list[DemoParcel]) -> list[PracticeEntry]:
    """A return request waiting for each parcel lesson, and the numbers of the others."""
    past, r, today = history.past, history.r, history.today
    entries = []
    tracking, courier, buyer, sku, reason = COMMON
    if s.scalar(select(Refund.id).where(Refund.return_tracking == tracking)) is None:
        order = _plain(past.order(today, [past.by_code[sku]], buyer=buyer))
        past.refund(order, reason, tracking, courier, today)
    entries.append(PracticeEntry("common", tracking))
    for lesson, (stated, codes) in LESSON_ORDERS.items():
        order = _plain(past.order(today, [past.by_code[c] for c in codes]))
        if lesson == "sf":
            number, courier = f"SF{r.randrange(10**12, 10**13)}", "顺丰"
        else:
            number, courier = f"YT{r.randrange(10**12, 10**13)}", "圆通"
        past.refund(order, stated, number, courier, today)
        if lesson == "new_waybill":  # it came back on a new 极兔 waybill the data never saw
            entries.append(PracticeEntry(lesson, f"JT{r.randrange(10**12, 10**13)}", number))
        else:
            entries.append(PracticeEntry(lesson, number))
    entries.append(PracticeEntry("no_info", f"73{r.randrange(10**11, 10**12)}"))
    done = [p for p in parcels if p.day == today and p.status == ParcelStatus.REGISTERED]
    if done:
        entries.append(PracticeEntry("duplicate", done[0].tracking))
    barcode = s.scalar(select(Sku.barcode).where(Sku.sku_code == COMMON[3]))
    if barcode:
        entries.append(PracticeEntry("sku", barcode))
    entries.append(PracticeEntry("garbage", GARBAGE))
    return entries


def build_history(
    s: Session,
    shop: ShopConfig,
    skus: list[DemoSku],
    seed: int,
    now: dt.datetime,
    weeks: int,
) -> HistoryResult:
    """Make and write the past ``weeks`` weeks (inside the caller's transaction)."""
    history = History(shop, skus, seed, now, weeks, _first_ids(s))
    parcels = history.make()
    practice = _practice(history, s, parcels)
    books = Books(s, shop, history.r, now, history.past)
    books.write(parcels, demo_detail(practice))
    write_floor(s, parcels, seed, now)
    return HistoryResult(
        days=len({p.day for p in parcels}),
        parcels=len(parcels),
        reship_slips=books.slips,
        decisions=books.decisions,
        handovers=books.handovers,
        closed_days=books.closed_days,
    )
