"""A return request with its order and registered parcel, for the refund queue's tests."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from sqlalchemy.orm import Session

from returnsdesk.db.models import OrderLine, Refund

from helpers import factories
from helpers.factories import ItemSpec

_seq = itertools.count(1)
REGISTERED = dt.datetime(2026, 11, 22, 10, 0)
SHOE = ("5815", "深紫", "W7")
SOCKS = ("8001", "白色", "均码")


def request(
    s: Session,
    items: list[ItemSpec] | None,
    lines: tuple[tuple[tuple[str, str, str], int, str], ...] = ((SHOE, 1, "89.00"),),
    asked: str = "89.00",
    registered_at: dt.datetime = REGISTERED,
    status: str = "退款待处理",
    finished_at: dt.datetime | None = None,
    refund_no: str | None = None,
    order_no: str | None = None,
    buyer: str = "tb_xiaomei",
    parcel_status: str = "registered",
    account: str = "",
) -> Refund:
    """``items=None``: no parcel at all (the buyer has not sent one yet)."""
    n = next(_seq)
    order_no = order_no or f"31{n:08d}"
    o = factories.order(s, buyer=buyer, order_no=order_no) if order_no not in _orders(s) else None
    if o is not None:
        for i, ((model, color, size), qty, price) in enumerate(lines, start=1):
            s.add(
                OrderLine(
                    order_id=o.id,
                    line_no=i,
                    model=model,
                    color=color,
                    size=size,
                    qty=qty,
                    price=Decimal(price),
                )
            )
    r = Refund(
        refund_no=refund_no or f"20{n:08d}",
        order_no=order_no,
        buyer_id=buyer,
        amount=Decimal(asked),
        reason="尺码偏小",
        status=status,
        finished_at=finished_at,
        buyer_account=account,
    )
    s.add(r)
    s.flush()
    if items is not None:
        factories.parcel(
            s,
            registered_at.date(),
            items,
            status=parcel_status,
            buyer=buyer,
            refund_id=r.id,
            order_id=o.id if o else None,
            received_at=registered_at - dt.timedelta(minutes=5),
            registered_at=registered_at if parcel_status == "registered" else None,
        )
    return r


def _orders(s: Session) -> set[str]:
    from sqlalchemy import select

    from returnsdesk.db.models import Order

    return set(s.scalars(select(Order.order_no)))
