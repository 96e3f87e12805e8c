"""Rows of the bench's list of the day's parcels, loaded by id in chunks (lazy row cache)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Parcel
from returnsdesk.domain.status import status_name


@dataclass(frozen=True)
class TodayRow:
    id: int
    slip_no: int | None
    time: str
    tracking_no: str
    courier: str
    buyer_id: str
    status: str
    status_name: str
    bins: str
    text: str
    station: str


def day_ids(sessions: SessionFactory, day: dt.date) -> list[int]:
    """The day's parcel ids, newest first."""
    with sessions() as s:
        stmt = (
            select(Parcel.id)
            .where(Parcel.day == day)
            .order_by(Parcel.received_at.desc(), Parcel.id.desc())
        )
        return list(s.scalars(stmt))


def rows(
    sessions: SessionFactory, ids: Sequence[int], shop: ShopConfig, lang: str = "zh_CN"
) -> dict[int, TodayRow]:
    """The list's rows; status and bins named in ``lang``."""
    with sessions() as s:
        parcels = s.scalars(
            select(Parcel).where(Parcel.id.in_(list(ids))).options(selectinload(Parcel.items))
        )
        out = {}
        for p in parcels:
            bins = "/".join(dict.fromkeys(shop.bin_name(i.bin, lang) for i in p.items))
            out[p.id] = TodayRow(
                p.id,
                p.slip_no,
                p.received_at.strftime("%H:%M"),
                p.tracking_no,
                p.courier,
                p.buyer_id,
                p.status,
                status_name(p.status, lang),
                bins,
                p.return_string or p.register_line or p.decision_note,
                p.station,
            )
        return out
