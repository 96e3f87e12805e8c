"""The demo shop's past parcels, day by day: what came back, why, in what state, from whom.

Plain values only (rows as dicts, parcels as ``DemoParcel``); ``demo_history`` writes them
with the books around them. The mix is the shop's: mostly shoes, sizes too small or too
large, a few repairs and damaged items, refused deliveries, no-info parcels, 顺丰 parcels,
and one trend for the weekly view: model 5815's 尺码偏小 rises week after week.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from returnsdesk.config import ShopConfig
from returnsdesk.db.models import Parcel
from returnsdesk.domain import routing
from returnsdesk.domain.kinds import Bin, FreightDecision, ItemAction, MatchSource
from returnsdesk.domain.money import MoneyKind
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.domain.strings import ItemSpec, MoneyFound
from returnsdesk.services.admin.demo_data import (
    AGENTS,
    CITIES,
    COURIER_SHAPES,
    GIVEN,
    STREETS,
    SURNAMES,
    DemoSku,
    buyer_name,
)
from returnsdesk.services.bench.register import ItemInput, ItemResult, standard_strings

CLERKS = (("clerk1", "bench-1"), ("clerk2", "bench-2"))
# one model's size runs small: 5815 in W7 comes back 尺码偏小 more each week (the weekly
# view's 按款号+尺码 and 按退回原因 show it rising)
TREND_MODEL, TREND_SIZE = "5815", "W7"
WAITING = "买家已经退货,等待卖家确认收货"
REMOTE = ("新疆维吾尔自治区", "乌鲁木齐市", "天山区")

SHOE_REASONS = {
    "尺码偏小": 20, "尺码偏大": 14, "不喜欢": 14, "不合适": 10, "质量问题": 6, "后跟开裂": 5,
    "鞋边开裂": 3, "大小不一": 3, "发错货": 5, "少发漏发": 2, "客服推荐错误": 4, "物流破损": 2,
}  # fmt: skip
CAR_REASONS = {
    "尺寸不符": 30, "不合适": 20, "不喜欢": 10, "质量问题": 10, "物流破损": 8, "发错货": 8,
    "客服推荐错误": 8, "少发漏发": 3,
}  # fmt: skip
SIZE_UP = {"W5": "W6", "W6": "W7", "W7": "W8", "M7": "M8", "M8": "M9"}
SIZE_DOWN = {v: k for k, v in SIZE_UP.items()}
SENDERS = (("王女士", "广州"), ("李先生", "成都"), ("张", "郑州"), ("", "北京"), ("陈小姐", "厦门"))
CONTENTS = ("女鞋一双, 无鞋盒", "遮阳挡一个", "雨刷一对", "鞋子一双 深紫色", "车衣, 包装破")


def at_hour(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """``day`` at that time of the working day."""
    return dt.datetime.combine(day, dt.time(hour, minute))


@dataclass
class DemoItem:
    given: ItemInput
    bin: str
    suggested: str
    repair_closed_at: dt.datetime | None = None


@dataclass
class DemoParcel:
    """One parcel of the past, with everything a registration would have written."""

    id: int
    day: dt.date
    received_at: dt.datetime
    clerk: str
    station: str
    tracking: str
    courier: str
    status: str = ParcelStatus.REGISTERED
    registered_at: dt.datetime | None = None
    slip_no: int | None = None
    has_slip: bool = True
    order: dict[str, Any] | None = None
    refund_id: int | None = None
    match_source: str = MatchSource.REFUND
    linked_no: str | None = None
    is_sf: bool = False
    freight_decision: str = ""
    freight_payer: str = ""
    decision_note: str = ""
    packaging_damaged: bool = False
    sender: tuple[str, str, str] = ("", "", "")  # name, phone, city
    contents: str = ""
    resolved_at: dt.datetime | None = None
    items: list[DemoItem] = field(default_factory=list)
    money: list[MoneyFound] = field(default_factory=list)
    strings: tuple[str, str] = ("", "")  # return string, register line
    attempts: list[tuple[dt.datetime, str, str]] = field(default_factory=list)

    @property
    def buyer(self) -> str:
        return str(self.order["buyer_id"]) if self.order else ""


def _weighted(r: random.Random, weights: dict[str, int]) -> str:
    return r.choices(list(weights), weights=list(weights.values()))[0]


class Ids:
    """The next id of each table the history links rows of (they go in with ids given)."""

    def __init__(self, first: dict[str, int]) -> None:
        self._next = dict(first)

    def take(self, table: str) -> int:
        n = self._next[table]
        self._next[table] = n + 1
        return n


class ShopPast:
    """Makes the orders, return requests and parcels of the past weeks."""

    def __init__(
        self, r: random.Random, shop: ShopConfig, skus: list[DemoSku], ids: Ids, weeks: int
    ) -> None:
        self.r, self.shop, self.ids, self.weeks = r, shop, ids, max(weeks, 1)
        self.shoes = [k for k in skus if k.category == "鞋"]
        self.cars = [k for k in skus if k.category != "鞋"]
        self.by_code = {k.code: k for k in skus}
        self.orders: list[dict[str, Any]] = []
        self.lines: list[dict[str, Any]] = []
        self.shipments: list[dict[str, Any]] = []
        self.refunds: list[dict[str, Any]] = []
        self.parcels: list[DemoParcel] = []

    # --- what was sold ------------------------------------------------------------------

    def order(
        self, day: dt.date, picks: list[DemoSku], remote: bool = False, buyer: str = ""
    ) -> dict[str, Any]:
        r = self.r
        oid = self.ids.take("orders")
        province, city, district = REMOTE if remote else r.choice(CITIES)
        phone = f"1{r.choice('3578')}{r.randrange(10**8, 10**9)}"
        paid = dt.datetime.combine(day, dt.time(10)) - dt.timedelta(
            days=r.randrange(5, 15), minutes=r.randrange(0, 600)
        )
        buyer = buyer or buyer_name(r, oid)
        row = {
            "id": oid,
            "order_no": f"3{r.randrange(10**17, 10**18)}",
            "buyer_id": buyer,
            "buyer_id_lower": buyer.lower(),
            "receiver_name": r.choice(SURNAMES) + r.choice(GIVEN) + r.choice(("", *GIVEN)),
            "receiver_phone": phone,
            "phone_last4": phone[-4:],
            "address": f"{province} {city} {district} {r.choice(STREETS)}{r.randrange(1, 999)}号",
            "city": city.removesuffix("市"),
            "shop": "示例旗舰店",
            "agent": r.choice(AGENTS),
            "warehouse": "武汉" if r.random() < 0.06 else "杭州",
            "is_distribution": r.random() < 0.04,
            "status": "交易成功",
            "paid_at": paid,
            "shipped_at": paid + dt.timedelta(hours=r.randrange(2, 30)),
            "total": sum((k.price for k in picks), Decimal("0")),
        }
        self.orders.append(row)
        for n, k in enumerate(picks, 1):
            self.lines.append(
                {"order_id": oid, "line_no": n, "sku_code": k.code, "model": k.model,
                 "title": k.name, "category": k.category, "color": k.color, "size": k.size,
                 "spec": k.spec, "qty": 1, "price": k.price}
            )  # fmt: skip
        courier, shape = r.choice(COURIER_SHAPES)
        self.shipments.append({"order_id": oid, "tracking_no": shape(r), "courier": courier})
        row["_shipment"] = (self.shipments[-1]["tracking_no"], courier)
        row["_picks"] = picks
        return row

    def refund(
        self, order: dict[str, Any], reason: str, tracking: str, courier: str, day: dt.date
    ) -> int:
        rid = self.ids.take("refunds")
        self.refunds.append(
            {
                "id": rid,
                "refund_no": f"2{10**13 + rid:014d}",
                "order_no": order["order_no"],
                "buyer_id": order["buyer_id"],
                "amount": order["total"],
                "reason": reason,
                "return_courier": courier,
                "return_tracking": tracking,
                "status": WAITING,
                "requested_at": dt.datetime.combine(day, dt.time(9))
                - dt.timedelta(days=self.r.randrange(2, 6), minutes=self.r.randrange(0, 600)),
            }
        )
        return rid

    # --- what came back -----------------------------------------------------------------

    def _reason(self, sku: DemoSku, week: int) -> str:
        if sku.category != "鞋":
            return _weighted(self.r, CAR_REASONS)
        if (sku.model, sku.size) == (TREND_MODEL, TREND_SIZE) and self.r.random() < 0.9:
            return "尺码偏小"
        return _weighted(self.r, SHOE_REASONS)

    def _condition(self, reason: str) -> str:
        r = self.r
        if reason in ("后跟开裂", "鞋边开裂"):
            return "可维修" if r.random() < 0.8 else "损坏"
        if reason == "物流破损":
            return "损坏"
        if reason in ("质量问题", "大小不一"):
            return "损坏" if r.random() < 0.6 else "完好"
        return _weighted(r, {"完好": 82, "有穿着痕迹": 8, "缺配件": 6, "损坏": 4})

    def _action(self, reason: str, sku: DemoSku) -> tuple[str, ItemSpec | None]:
        spec = _spec(sku)
        default = self.shop.reason(reason)
        action = default.action if default is not None else ""
        if action == ItemAction.EXCHANGE and reason in ("尺码偏小", "尺码偏大"):
            if self.r.random() < 0.45 or sku.size not in SIZE_UP | SIZE_DOWN:
                return ItemAction.RETURN, None
            size = (SIZE_UP if reason == "尺码偏小" else SIZE_DOWN).get(sku.size, sku.size)
            return ItemAction.EXCHANGE, ItemSpec(sku.model, sku.category, sku.color, size)
        if action == ItemAction.EXCHANGE:
            return ItemAction.EXCHANGE, spec
        if action == ItemAction.REISSUE:
            return ItemAction.REISSUE, None
        return ItemAction.RETURN, None

    def item(
        self, sku: DemoSku, week: int, facts: routing.OrderFacts, reason: str = ""
    ) -> DemoItem:
        reason = reason or self._reason(sku, week)
        condition = self._condition(reason)
        action, target = self._action(reason, sku)
        acc = "鞋垫" if sku.category == "鞋" and self.r.random() < 0.05 else ""
        given = ItemInput(_spec(sku), acc, reason, condition, "", action, target)
        routed = routing.route(reason, condition, facts, self.shop)
        return DemoItem(given, routed, routed)

    def money(self, p: DemoParcel) -> None:
        r = self.r
        if any(i.given.action == ItemAction.EXCHANGE for i in p.items) and r.random() < 0.6:
            p.money.append(MoneyFound(MoneyKind.POSTAGE, Decimal(r.choice((10, 10, 12, 15)))))
        if r.random() < 0.03:
            p.money.append(MoneyFound(MoneyKind.CASH, Decimal(r.choice((20, 50, 100)))))
        if r.random() < 0.02:
            p.money.append(MoneyFound(MoneyKind.PRICE_DIFFERENCE, Decimal(r.choice((5, 8, 20)))))

    def finish(self, p: DemoParcel) -> None:
        """The strings a registration writes, from the same function the bench uses."""
        if p.status in (ParcelStatus.REFUSED, ParcelStatus.MATCHED):
            return
        probe = Parcel(
            day=p.day,
            courier=p.courier,
            tracking_no=p.tracking,
            has_slip=p.has_slip,
            buyer_id=p.buyer if p.status == ParcelStatus.REGISTERED else "",
            sender_city=p.sender[2],
        )
        items = tuple(i.given for i in p.items)
        results = tuple(ItemResult(i.bin, i.suggested, False) for i in p.items)
        ret, line, _repair = standard_strings(probe, items, p.money, results, self.shop)
        p.strings = (ret, line)

    # --- one parcel of each kind ----------------------------------------------------------

    def _picks(self, week: int) -> list[DemoSku]:
        r = self.r
        if r.random() < 0.025 * week:
            color = r.choice(("深紫", "灰色", "黑色"))
            return [self.by_code[f"{TREND_MODEL}-{color}-{TREND_SIZE}"]]
        if r.random() < 0.72:
            return r.sample(self.shoes, 1 if r.random() < 0.88 else 2)
        return [r.choice(self.cars)]

    def parcel(self, day: dt.date, at: dt.datetime, week: int, remote: bool = False) -> DemoParcel:
        """A parcel matched by its return request, most of the day's work."""
        r = self.r
        clerk, station = r.choice(CLERKS)
        order = self.order(day, self._picks(week), remote)
        facts = _facts(order)
        items = [self.item(k, week, facts) for k in order["_picks"]]
        courier, shape = r.choice(COURIER_SHAPES)
        tracking = shape(r)
        stated = items[0].given.reason if r.random() < 0.85 else r.choice(("", "不想要了"))
        rid = self.refund(order, stated, tracking, courier, day)
        p = DemoParcel(self.ids.take("parcels"), day, at, clerk, station, tracking, courier)
        p.order, p.refund_id, p.items = order, rid, items
        p.has_slip = r.random() > 0.04
        p.packaging_damaged = r.random() < 0.03
        self._variant(p)
        self.money(p)
        return p

    def _variant(self, p: DemoParcel) -> None:
        """Now and then: a 顺丰 parcel taken in, a new waybill."""
        r = self.r
        roll = r.random()
        if roll < 0.04:
            p.is_sf, p.courier = True, "顺丰"
            p.tracking = f"SF{r.randrange(10**12, 10**13)}"
            ours = p.items[0].given.reason in ("发错货", "质量问题", "少发漏发")
            p.freight_decision = FreightDecision.OURS if ours else FreightDecision.BUYER_SHARED
            p.freight_payer = "店铺" if ours else "买家与店铺各半"
            p.decision_note = "我方错发" if ours else "买家原因, 运费分摊"
        elif roll < 0.06:
            p.linked_no = p.tracking
            courier, shape = r.choice(COURIER_SHAPES)
            p.tracking, p.courier = shape(r), courier

    def refused_delivery(self, day: dt.date, at: dt.datetime, week: int) -> DemoParcel:
        """A buyer refused our delivery: it comes back on our own waybill (reason 拒收)."""
        clerk, station = self.r.choice(CLERKS)
        order = self.order(day, self._picks(week))
        tracking, courier = order["_shipment"]
        p = DemoParcel(self.ids.take("parcels"), day, at, clerk, station, tracking, courier)
        p.order, p.match_source = order, MatchSource.OUTBOUND
        p.items = [self.item(k, week, _facts(order), "拒收") for k in order["_picks"]]
        return p

    def refused(self, day: dt.date, at: dt.datetime) -> DemoParcel:
        """A 顺丰 到付 parcel the bench refused: no slip number, it goes no further."""
        clerk, station = self.r.choice(CLERKS)
        tracking = f"SF{self.r.randrange(10**12, 10**13)}"
        p = DemoParcel(self.ids.take("parcels"), day, at, clerk, station, tracking, "顺丰")
        p.status, p.is_sf, p.match_source = ParcelStatus.REFUSED, True, ""
        p.freight_decision = FreightDecision.REFUSED
        p.decision_note = "到付, 买家未说明"
        return p

    def no_info(self, day: dt.date, at: dt.datetime) -> DemoParcel:
        """Nobody could be found for it: what was read off the parcel, to the follow-up."""
        r = self.r
        clerk, station = r.choice(CLERKS)
        courier, shape = r.choice(COURIER_SHAPES)
        p = DemoParcel(self.ids.take("parcels"), day, at, clerk, station, shape(r), courier)
        p.status, p.has_slip, p.match_source = ParcelStatus.NO_INFO, False, ""
        name, city = r.choice(SENDERS)
        phone = f"1{r.choice('3578')}{r.randrange(10**8, 10**9)}" if r.random() < 0.6 else ""
        p.sender, p.contents = (name, phone, city), r.choice(CONTENTS)
        sku = r.choice(self.shoes if "鞋" in p.contents else self.cars)
        given = ItemInput(_spec(sku), "", "", "完好")
        p.items = [DemoItem(given, Bin.PENDING, Bin.PENDING)]
        return p


def _spec(sku: DemoSku) -> ItemSpec:
    return ItemSpec(sku.model, sku.category, sku.color, sku.size, sku.spec, 1, sku.code)


def _facts(order: dict[str, Any]) -> routing.OrderFacts:
    return routing.OrderFacts(
        known=True, is_distribution=bool(order["is_distribution"]), warehouse=order["warehouse"]
    )
