"""Rows of the bench's list of the day's parcels, loaded by id in chunks (lazy row cache)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import select

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Parcel, ParcelItem
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
    day: dt.date
    received_at: dt.datetime

    @cached_property
    def cells(self) -> tuple[int | str, ...]:
        """What the list's columns show, in order."""
        slip = self.slip_no if self.slip_no is not None else ""
        return (slip, self.time, self.tracking_no, self.courier, self.buyer_id,
                self.status_name, self.bins, self.text)  # fmt: skip


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
    """The list's rows; status and bins named in ``lang``. Plain columns, no objects: the
    bench reads the rows a scan touched while the clerk waits."""
    wanted = list(ids)
    p = Parcel
    with sessions.lookup() as s:
        bins: dict[int, list[str]] = {}
        for parcel_id, bin_code in s.execute(
            select(ParcelItem.parcel_id, ParcelItem.bin)
            .where(ParcelItem.parcel_id.in_(wanted))
            .order_by(ParcelItem.id)
        ):
            bins.setdefault(parcel_id, []).append(bin_code)
        found = s.execute(
            select(
                p.id,
                p.slip_no,
                p.received_at,
                p.tracking_no,
                p.courier,
                p.buyer_id,
                p.status,
                p.return_string,
                p.register_line,
                p.decision_note,
                p.station,
                p.day,
            ).where(p.id.in_(wanted))
        )
        return {
            r.id: TodayRow(
                r.id,
                r.slip_no,
                r.received_at.strftime("%H:%M"),
                r.tracking_no,
                r.courier,
                r.buyer_id,
                r.status,
                status_name(r.status, lang),
                "/".join(dict.fromkeys(shop.bin_name(b, lang) for b in bins.get(r.id, ()))),
                r.return_string or r.register_line or r.decision_note,
                r.station,
                r.day,
                r.received_at,
            )
            for r in found
        }
