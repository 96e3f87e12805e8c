"""The week's registrations, one row per returned item: the raw sheet behind the summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from sqlalchemy import func, select

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order, Parcel, ParcelItem, Reason
from returnsdesk.domain.kinds import responsibility_name
from returnsdesk.domain.status import ParcelStatus

HEADERS: tuple[str, ...] = (
    "日期",
    "纸条编号",
    "快递",
    "运单号",
    "旺旺名",
    "订单号",
    "客服",
    "发货仓",
    "款号",
    "颜色",
    "尺码",
    "规格",
    "数量",
    "配件",
    "退回原因",
    "责任方",
    "产品状况",
    "去向",
    "处理",
    "登记员",
    "工位",
    "退件登记",
)

Row = tuple[object, ...]


def registration_rows(
    sessions: SessionFactory,
    first: dt.date,
    last: dt.date,
    bin_names: Mapping[str, str] | None = None,
    batch: int = 2000,
) -> Iterator[Row]:
    """Items of parcels registered between ``first`` and ``last`` (inclusive), in slip order.

    Rows stream from the database in batches, so a long period never sits in memory twice.
    """
    names = dict(bin_names or {})
    q = (
        select(
            Parcel.day,
            Parcel.slip_no,
            Parcel.courier,
            Parcel.tracking_no,
            Parcel.buyer_id,
            Order.order_no,
            Order.agent,
            Order.warehouse,
            ParcelItem.model,
            ParcelItem.color,
            ParcelItem.size,
            ParcelItem.spec,
            ParcelItem.qty,
            ParcelItem.accessories,
            ParcelItem.reason,
            func.coalesce(Reason.responsibility, ""),
            ParcelItem.condition,
            ParcelItem.bin,
            ParcelItem.action,
            Parcel.clerk,
            Parcel.station,
            Parcel.return_string,
        )
        .select_from(ParcelItem)
        .join(Parcel, Parcel.id == ParcelItem.parcel_id)
        .outerjoin(Order, Order.id == Parcel.order_id)
        .outerjoin(Reason, Reason.code == ParcelItem.reason)
        .where(Parcel.status == ParcelStatus.REGISTERED, Parcel.day >= first, Parcel.day <= last)
        .order_by(Parcel.day, Parcel.slip_no, Parcel.id, ParcelItem.id)
        .execution_options(yield_per=batch)
    )
    with sessions() as s:
        for r in s.execute(q):
            row = list(r)
            row[5] = row[5] or ""
            row[6] = row[6] or ""
            row[7] = row[7] or ""
            row[15] = responsibility_name(row[15])
            row[17] = names.get(row[17], row[17])
            yield tuple(row)
