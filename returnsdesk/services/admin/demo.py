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

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order, OrderLine, Refund, Shipment, Sku
from returnsdesk.db.sequences import follow_ids
from returnsdesk.services.common import tx

SHOE_MODELS = ("5815", "6021", "6022", "7301", "8806")
SHOE_COLORS = ("深紫", "灰色", "栗色", "黑色", "米白")
SHOE_SIZES = ("W5", "W6", "W7", "W8", "M7", "M8", "M9")
CARS = ("凯美瑞", "轩逸", "卡罗拉", "思域", "朗逸", "途观L", "CR-V", "雅阁")
CAR_PRODUCTS = (("遮阳挡", "Z10"), ("车衣", "C20"), ("雨刷", "Y30"))
WIPER_SIZES = ("24寸+16寸", "26寸+16寸", "22寸+18寸", "24寸+18寸")
CITIES = (
    ("浙江省", "杭州市", "西湖区"),
    ("上海", "上海市", "浦东新区"),
    ("北京", "北京市", "朝阳区"),
    ("广东省", "广州市", "天河区"),
    ("江苏省", "南京市", "鼓楼区"),
    ("湖北省", "武汉市", "洪山区"),
    ("四川省", "成都市", "武侯区"),
    ("山东省", "青岛市", "市南区"),
    ("福建省", "厦门市", "思明区"),
    ("河南省", "郑州市", "金水区"),
)
STREETS = ("文三路", "人民路", "中山路", "解放路", "建设路", "和平路", "长江路", "学院路")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高肖"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "杰", "娟", "涛", "明", "超")
NICK = ("xiaomei", "lucky", "momo", "jenny", "sunny", "coco", "leo", "amy", "kiki", "tom", "yoyo")
AGENTS = ("红旗-小张", "黄旗-小李", "绿旗-小王", "蓝旗-小赵", "紫旗-小陈")
REASONS = ("尺码偏小", "尺码偏大", "不喜欢", "质量问题", "发错货", "尺寸不符", "不合适", "后跟开裂")
# (courier name, number maker)
COURIER_SHAPES: tuple[tuple[str, Callable[[random.Random], str]], ...] = (
    ("圆通", lambda r: f"YT{r.randrange(10**12, 10**13)}"),
    ("中通", lambda r: f"7{r.choice('3568')}{r.randrange(10**11, 10**12)}"),
    ("申通", lambda r: f"77{r.randrange(10**12, 10**13)}"),
    ("韵达", lambda r: f"43{r.randrange(10**10, 10**11)}"),
    ("极兔", lambda r: f"JT{r.randrange(10**12, 10**13)}"),
    ("EMS", lambda r: f"1{r.randrange(10**11, 10**12)}"),
)


@dataclass(frozen=True)
class DemoResult:
    skus: int
    orders: int
    refunds: int


@dataclass(frozen=True)
class _Sku:
    code: str
    model: str
    name: str
    category: str
    color: str
    size: str
    spec: str
    price: Decimal


def catalog() -> list[_Sku]:
    out: list[_Sku] = []
    n = 0
    for model in SHOE_MODELS:
        for color in SHOE_COLORS:
            for size in SHOE_SIZES:
                out.append(
                    _Sku(
                        f"{model}-{color}-{size}",
                        model,
                        f"女鞋{model}",
                        "鞋",
                        color,
                        size,
                        "",
                        Decimal("129.00"),
                    )
                )
    for category, model in CAR_PRODUCTS:
        specs = (
            WIPER_SIZES
            if category == "雨刷"
            else [
                f"{year}款{car}({'新款' if year >= 2019 else '老款'})"
                if category == "遮阳挡"
                else car
                for car in CARS
                for year in (2017, 2019)
            ]
        )
        for spec in dict.fromkeys(specs):
            n += 1
            out.append(
                _Sku(f"{model}-{n:03d}", model, category, category, "", "", spec, Decimal("89.00"))
            )
    return out


def _buyer(r: random.Random, i: int) -> str:
    kind = r.random()
    if kind < 0.4:
        return f"tb_{r.randrange(10**7, 10**8)}"
    if kind < 0.7:
        return f"{r.choice(NICK)}_{i:x}"
    return f"{r.choice(SURNAMES)}{r.choice(GIVEN)}{r.choice(('小店', '宝宝', '妈妈', ''))}{i}"


def _orders(
    r: random.Random, count: int, skus: list[_Sku], today: dt.date
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
            "buyer_id": fixed[count - i - 1] if i >= count - len(fixed) else _buyer(r, i),
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
) -> DemoResult:
    """Add the catalog (once) and ``orders`` orders; about 8% have a return request."""
    r = random.Random(seed)
    day = today or dt.date.today()
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
                        "barcode": f"69{abs(hash((seed, k.code))) % 10**11:011d}",
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
    return DemoResult(len(skus), orders, refunds)


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
