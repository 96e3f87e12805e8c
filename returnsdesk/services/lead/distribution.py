"""The 分销件 register: parcels of drop-ship (distribution) orders, kept in their own table as
the procedures keep them, for a day or a week, on screen and exported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order, Parcel, ParcelItem
from returnsdesk.domain.kinds import Bin
from returnsdesk.domain.status import ParcelStatus


@dataclass(frozen=True)
class DistributionRow:
    day: dt.date
    slip_no: int | None
    tracking_no: str
    courier: str
    buyer_id: str
    order_no: str
    items: str  # 5815深紫W7*1 尺码偏小 完好, one item after another
    register_line: str
    clerk: str


HEADERS = ("日期", "纸条", "运单号", "快递", "旺旺名", "订单号", "商品", "登记", "登记员")


def register_of(sessions: SessionFactory, first: dt.date, last: dt.date) -> list[DistributionRow]:
    """Registered parcels from ``first`` to ``last`` of a distribution order, or with an item
    routed to the distribution bin, by day and slip number."""
    q = (
        select(Parcel, Order.order_no)
        .outerjoin(Order, Order.id == Parcel.order_id)
        .where(Parcel.day >= first, Parcel.day <= last, Parcel.status == ParcelStatus.REGISTERED)
        .where(
            or_(
                Order.is_distribution.is_(True),
                Parcel.id.in_(
                    select(ParcelItem.parcel_id).where(ParcelItem.bin == Bin.DISTRIBUTION)
                ),
            )
        )
        .order_by(Parcel.day, Parcel.slip_no)
    )
    with sessions() as s:
        return [
            DistributionRow(
                p.day,
                p.slip_no,
                p.tracking_no,
                p.courier,
                p.buyer_id,
                order_no or "",
                ", ".join(
                    f"{i.model}{i.color}{i.size}{i.spec}*{i.qty} {i.reason} {i.condition}"
                    for i in p.items
                ),
                p.register_line,
                p.clerk,
            )
            for p, order_no in s.execute(q)
        ]


def cells(row: DistributionRow) -> tuple[object, ...]:
    return (
        row.day,
        row.slip_no,
        row.tracking_no,
        row.courier,
        row.buyer_id,
        row.order_no,
        row.items,
        row.register_line,
        row.clerk,
    )
