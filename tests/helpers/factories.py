"""Small builders for rows the bench would have written, for tests of reports and services.

They insert rows directly (no matching, routing or slip counters), so a test states exactly
the data it reasons about.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from returnsdesk.db.models import MoneyEntry, Order, Parcel, ParcelItem

_seq = itertools.count(1)


@dataclass
class ItemSpec:
    model: str = "5815"
    color: str = "深紫"
    size: str = "W7"
    qty: int = 1
    reason: str = "尺码偏小"
    condition: str = "完好"
    bin: str = "restock"
    category: str = "鞋"
    spec: str = ""
    action: str = "退"


def shoe_item(**kw: Any) -> ParcelItem:
    """A registered item, the demo shoe unless told otherwise."""
    base: dict[str, Any] = dict(
        model="5815", category="鞋", color="深紫", size="W7", qty=1,
        reason="尺码偏小", condition="完好", bin="restock",
    )  # fmt: skip
    return ParcelItem(**{**base, **kw})


def order(
    s: Session, agent: str = "", warehouse: str = "杭州", buyer: str = "", **kw: Any
) -> Order:
    n = next(_seq)
    o = Order(
        order_no=kw.pop("order_no", f"O{n:08d}"),
        buyer_id=buyer or f"buyer{n}",
        buyer_id_lower=(buyer or f"buyer{n}").lower(),
        agent=agent,
        warehouse=warehouse,
        **kw,
    )
    s.add(o)
    s.flush()
    return o


def parcel(
    s: Session,
    day: dt.date,
    items: list[ItemSpec] | None = None,
    status: str = "registered",
    courier: str = "圆通",
    buyer: str = "",
    order_id: int | None = None,
    slip_no: int | None = None,
    received_at: dt.datetime | None = None,
    **kw: Any,
) -> Parcel:
    n = next(_seq)
    p = Parcel(
        tracking_no=kw.pop("tracking_no", f"YT{n:013d}"),
        courier=courier,
        day=day,
        received_at=received_at or dt.datetime.combine(day, dt.time(16, 0)),
        status=status,
        slip_no=slip_no if slip_no is not None else (n if status != "refused" else None),
        buyer_id=buyer,
        order_id=order_id,
        clerk=kw.pop("clerk", "clerk1"),
        station=kw.pop("station", "bench-1"),
        **kw,
    )
    for it in items or []:
        p.items.append(
            ParcelItem(
                model=it.model,
                color=it.color,
                size=it.size,
                qty=it.qty,
                reason=it.reason,
                condition=it.condition,
                bin=it.bin,
                category=it.category,
                spec=it.spec,
                action=it.action,
            )
        )
    s.add(p)
    s.flush()
    return p


def money(
    s: Session,
    day: dt.date,
    amount: str,
    kind: str = "换货邮费",
    clerk: str = "clerk1",
    parcel_id: int | None = None,
    **kw: Any,
) -> MoneyEntry:
    e = MoneyEntry(
        day=day, amount=Decimal(amount), kind=kind, clerk=clerk, parcel_id=parcel_id, **kw
    )
    s.add(e)
    s.flush()
    return e


def big_line(n: int, tracking: str = "YT9876543210123") -> dict[str, Any]:
    """A ``register`` line of ``n`` identical items (a no-info parcel of buyer tb_big)."""
    item = {"model": "5815", "color": "深紫", "size": "W7", "qty": 1, "reason": "尺码偏小",
            "condition": "完好"}  # fmt: skip
    return {"tracking": tracking, "buyer": "tb_big", "items": [dict(item) for _ in range(n)]}
