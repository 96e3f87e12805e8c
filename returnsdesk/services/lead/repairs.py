"""Repairs outstanding (返厂维修): items in the repair bin, against the factory's deadline.

The factory takes an item back only within a number of days of its receipt, configured per
product category in ``shop.toml`` ``[repairs]``; overdue items come first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Parcel, ParcelItem
from returnsdesk.domain.kinds import AuditAction, AuditEntity, Bin
from returnsdesk.domain.roles import Act
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.errors import InvalidInput, NotFound
from returnsdesk.services.common import audit, tx, users

DEFAULT_DAYS = 30


@dataclass(frozen=True)
class RepairRow:
    item_id: int
    parcel_id: int
    day: dt.date
    slip_no: int | None
    buyer_id: str
    category: str
    model: str
    color: str
    size: str
    spec: str
    qty: int
    reason: str
    days_since: int
    deadline: dt.date
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def deadline_days(category: str, days: Mapping[str, int]) -> int:
    return int(days.get(category, days.get("default", DEFAULT_DAYS)))


def outstanding(
    sessions: SessionFactory, today: dt.date, days: Mapping[str, int]
) -> list[RepairRow]:
    """Open repair items, overdue (and nearest deadline) first."""
    q = (
        select(ParcelItem, Parcel.day, Parcel.slip_no, Parcel.buyer_id)
        .join(Parcel, Parcel.id == ParcelItem.parcel_id)
        .where(
            ParcelItem.bin == Bin.REPAIR,
            ParcelItem.repair_closed_at.is_(None),
            Parcel.status == ParcelStatus.REGISTERED,
        )
    )
    out = []
    with sessions() as s:
        for it, day, slip, buyer in s.execute(q):
            deadline = day + dt.timedelta(days=deadline_days(it.category, days))
            out.append(
                RepairRow(
                    it.id,
                    it.parcel_id,
                    day,
                    slip,
                    buyer,
                    it.category,
                    it.model,
                    it.color,
                    it.size,
                    it.spec,
                    it.qty,
                    it.reason,
                    (today - day).days,
                    deadline,
                    (deadline - today).days,
                )
            )
    out.sort(key=lambda r: (r.deadline, r.day, r.item_id))
    return out


def close_repairs(
    sessions: SessionFactory,
    item_ids: Sequence[int],
    user: str,
    station: str,
    now: dt.datetime | None = None,
) -> int:
    """The items went back to the factory: they leave the outstanding list."""
    if not item_ids:
        raise InvalidInput("请选择要返厂的商品", field="items")
    at = now or dt.datetime.now()

    def work(s: Session) -> int:
        users.require(s, user, Act.REPAIRS)
        items = list(s.scalars(select(ParcelItem).where(ParcelItem.id.in_(list(item_ids)))))
        if len(items) != len(set(item_ids)):
            raise NotFound("维修商品")
        for it in items:
            if it.bin != Bin.REPAIR:
                raise InvalidInput("商品 {model} 不在返厂维修区", model=it.model)
            if it.repair_closed_at is None:
                it.repair_closed_at = at
                audit.record(
                    s,
                    user,
                    station,
                    AuditAction.REPAIR_CLOSED,
                    AuditEntity.PARCEL_ITEM,
                    it.id,
                    it.model,
                )
        return len(items)

    return tx.run(sessions, work)
