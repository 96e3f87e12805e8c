"""A realistic synthetic shop for `returnsdesk demo` and `make run`: a shoe line and car
accessories, buyers, orders with outbound tracking numbers, refunds with return numbers.

Rows go in with bulk inserts in batches, so a million orders take about a minute.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from returnsdesk.config import ShopConfig, load_shop_config
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order, OrderLine, Parcel, Refund, Shipment, Sku
from returnsdesk.db.sequences import follow_ids
from returnsdesk.services.admin.demo_data import (
    AGENTS,
    CAR_PRODUCTS,
    CITIES,
    COURIER_SHAPES,
    GIVEN,
    REASONS,
    STREETS,
    SURNAMES,
    DemoSku,
    buyer_name,
    catalog,
    sku_barcode,
)
from returnsdesk.services.admin.demo_history import build_history
from returnsdesk.services.common import tx


@dataclass(frozen=True)
class DemoResult:
    skus: int
    orders: int
    refunds: int
    # the weeks of history (``weeks``): working days, parcels registered over them
    days: int = 0
    parcels: int = 0


def _orders(
    r: random.Random, count: int, skus: list[DemoSku], today: dt.date
) -> Iterator[dict[str, Any]]:
    start = dt.datetime.combine(today, dt.time(10)) - dt.timedelta(days=365)
    fixed = ("tb_xiaomei", "车友小王", "wiper_fan88")
    for i in range(count):
        province, city, district = r.choice(CITIES)
        name = r.choice(SURNAMES) + r.choice(GIVEN) + r.choice(("", *GIVEN))
        phone = f"1{r.choice('3578')}{r.randrange(10**8, 10**9)}"
        paid = start + dt.timedelta(minutes=r.randrange(0, 365 * 24 * 60))
        is_fixed = i >= count - len(fixed)
        if is_fixed:
            paid = dt.datetime.combine(today - dt.timedelta(days=8), dt.time(12))
        yield {
            "order_no": f"3{r.randrange(10**17, 10**18)}",
            "buyer_id": fixed[count - i - 1] if i >= count - len(fixed) else buyer_name(r, i),
            "receiver_name": name,
            "receiver_phone": phone,
            "phone_last4": phone[-4:],
            "address": f"{province} {city} {district} {r.choice(STREETS)}{r.randrange(1, 999)}号",
            "city": city.removesuffix("市"),
            "shop": "示例旗舰店",
            "agent": r.choice(AGENTS),
            "warehouse": "武汉" if r.random() < 0.15 and not is_fixed else "杭州",
            "is_distribution": r.random() < 0.05 and not is_fixed,
            "status": "交易成功",
            "paid_at": paid,
            "shipped_at": paid + dt.timedelta(hours=r.randrange(2, 48)),
        }


def fill_demo(
    sessions: SessionFactory,
    orders: int = 5000,
    seed: int = 7,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    batch: int = 5000,
    weeks: int = 0,
    shop: ShopConfig | None = None,
    now: dt.datetime | None = None,
) -> DemoResult:
    """Add the catalog (once) and ``orders`` orders; about 8% have a return request.

    With ``weeks``, also the shop's past: that many weeks of registered parcels before this
    one and today's first parcels, with everything the lead and the reshipment desk see
    (``demo_history``); only into a database with no parcels yet.
    """
    r = random.Random(seed)
    day = today or (now.date() if now else dt.date.today())
    skus = catalog()
    shoes = [k for k in skus if k.category == "鞋"]
    cars = {c: [k for k in skus if k.category == c] for c, _ in CAR_PRODUCTS}
    refunds = 0

    def work(s: Session) -> int:
        if not s.scalar(select(func.count()).select_from(Sku)):
            s.execute(
                insert(Sku),
                [
                    {
                        "sku_code": k.code,
                        "model": k.model,
                        "name": k.name,
                        "category": k.category,
                        "color": k.color,
                        "size": k.size,
                        "spec": k.spec,
                        "barcode": sku_barcode(seed, k.code),
                    }
                    for k in skus
                ],
            )
        return (s.scalar(select(func.max(Order.id))) or 0) + 1

    first_id = tx.run(sessions, work)
    it = _orders(r, orders, skus, day)
    done = 0
    refund_seq = first_id
    while done < orders:
        rows = [next(it) for _ in range(min(batch, orders - done))]
        line_rows, ship_rows, refund_rows = [], [], []
        for k, row in enumerate(rows):
            oid = first_id + done + k
            row["id"] = oid
            row["buyer_id_lower"] = row["buyer_id"].lower()
            if row["buyer_id"] == "车友小王":
                picks = [next(x for x in cars["遮阳挡"] if x.spec == "2019款凯美瑞(新款)")]
            elif row["buyer_id"] == "wiper_fan88":
                picks = [next(x for x in cars["雨刷"] if x.spec == "24寸+16寸")]
            elif row["buyer_id"] == "tb_xiaomei":
                picks = [next(x for x in shoes if x.code == "5815-深紫-W7")]
            elif r.random() < 0.75:
                picks = r.sample(shoes, 1 if r.random() < 0.85 else 2)
            else:
                picks = [r.choice(cars[r.choice(list(cars))])]
            total = Decimal("0")
            for n, k_ in enumerate(picks, 1):
                line_rows.append(
                    {
                        "order_id": oid,
                        "line_no": n,
                        "sku_code": k_.code,
                        "model": k_.model,
                        "title": k_.name,
                        "category": k_.category,
                        "color": k_.color,
                        "size": k_.size,
                        "spec": k_.spec,
                        "qty": 1,
                        "price": k_.price,
                    }
                )
                total += k_.price
            row["total"] = total
            courier, shape = r.choice(COURIER_SHAPES)
            ship_rows.append({"order_id": oid, "tracking_no": shape(r), "courier": courier})
            fixed = row["buyer_id"] in ("tb_xiaomei", "车友小王", "wiper_fan88")
            if fixed or r.random() < 0.08:
                rc, rshape = r.choice(COURIER_SHAPES)
                refund_seq += 1
                refund_rows.append(
                    {
                        "refund_no": f"2{refund_seq:014d}",
                        "order_no": row["order_no"],
                        "buyer_id": row["buyer_id"],
                        "amount": total,
                        "reason": {"车友小王": "尺寸不符", "wiper_fan88": "不合适"}.get(
                            row["buyer_id"], "尺码偏小" if fixed else r.choice(REASONS)
                        ),
                        "return_courier": "圆通" if row["buyer_id"] == "tb_xiaomei" else rc,
                        "return_tracking": "YT1234567890123"
                        if row["buyer_id"] == "tb_xiaomei"
                        else rshape(r),
                        # returned, waiting for the shop to check it (the refund queue)
                        "status": "买家已经退货,等待卖家确认收货",
                        "requested_at": row["paid_at"] + dt.timedelta(days=r.randrange(3, 10)),
                    }
                )

        tx.run(sessions, partial(_insert_batch, rows, line_rows, ship_rows, refund_rows))
        refunds += len(refund_rows)
        done += len(rows)
        if progress:
            progress(done, orders)
    # the orders went in with their ids: the next import goes on after them
    tx.run(sessions, lambda s: follow_ids(s.connection()))
    if weeks <= 0:
        return DemoResult(len(skus), orders, refunds)
    at = now or _now_on(day)
    shop_ = shop or load_shop_config()
    past = tx.run(
        sessions,
        lambda s: None if has_parcels(s) else build_history(s, shop_, skus, seed, at, weeks),
    )
    if past is None:
        return DemoResult(len(skus), orders, refunds)
    return DemoResult(len(skus), orders, refunds, past.days, past.parcels)


def _now_on(day: dt.date) -> dt.datetime:
    """Now, or the evening of another day (a test's fixed day): its registrations are done."""
    now = dt.datetime.now().replace(microsecond=0)
    return now if now.date() == day else dt.datetime.combine(day, dt.time(20, 30))


def has_parcels(s: Session) -> bool:
    return s.scalar(select(Parcel.id).limit(1)) is not None


def _insert_batch(
    rows: list[dict[str, Any]],
    line_rows: list[dict[str, Any]],
    ship_rows: list[dict[str, Any]],
    refund_rows: list[dict[str, Any]],
    s: Session,
) -> None:
    s.execute(insert(Order), rows)
    s.execute(insert(OrderLine), line_rows)
    s.execute(insert(Shipment), ship_rows)
    if refund_rows:
        s.execute(insert(Refund), refund_rows)


def is_empty(sessions: SessionFactory) -> bool:
    with sessions() as s:
        return not s.scalar(select(func.count()).select_from(Order))
