"""Day close (日结): the day's totals, what is still unregistered, and the day sheet, in one step.

Registration runs from 16:00 and must be complete before 20:00; closing a day with parcels
still unregistered needs an explicit ``force`` (the lead decides), and is recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import AuditEntry, DayClose, MoneyEntry, Parcel, ParcelItem
from returnsdesk.domain.kinds import AuditAction, AuditEntity, DocKind
from returnsdesk.domain.roles import Act
from returnsdesk.domain.status import OPEN, ParcelStatus
from returnsdesk.errors import (
    DayAlreadyClosed,
    DayAlreadyOpen,
    DayNotComplete,
    InvalidInput,
    MoneyNotHandedOver,
    UserError,
)
from returnsdesk.services.common import audit, days, tx, users


@dataclass(frozen=True)
class OpenParcel:
    parcel_id: int
    tracking_no: str
    courier: str
    status: str
    received_at: dt.datetime
    clerk: str
    station: str


@dataclass
class DayTotals:
    day: dt.date
    by_status: dict[str, int] = field(default_factory=dict)
    pieces: int = 0
    by_bin: dict[str, int] = field(default_factory=dict)
    money_by_kind: dict[str, Decimal] = field(default_factory=dict)
    money_pending: Decimal = Decimal("0.00")
    unregistered: list[OpenParcel] = field(default_factory=list)
    closed_at: dt.datetime | None = None
    closed_by: str = ""

    @property
    def parcels(self) -> int:
        return sum(self.by_status.values())

    @property
    def money_total(self) -> Decimal:
        return sum(self.money_by_kind.values(), Decimal("0.00"))


@dataclass(frozen=True)
class DayClosed:
    day: dt.date
    totals: DayTotals
    print_job_id: int | None
    forced: bool


def day_totals(sessions: SessionFactory, day: dt.date) -> DayTotals:
    with sessions() as s:
        return _totals(s, day)


def _totals(s: Session, day: dt.date) -> DayTotals:
    t = DayTotals(day)
    t.by_status = {
        st: int(n)
        for st, n in s.execute(
            select(Parcel.status, func.count(Parcel.id))
            .where(Parcel.day == day)
            .group_by(Parcel.status)
        )
    }
    for b, n in s.execute(
        select(ParcelItem.bin, func.sum(ParcelItem.qty))
        .join(Parcel, Parcel.id == ParcelItem.parcel_id)
        .where(
            Parcel.day == day,
            Parcel.status.in_((ParcelStatus.REGISTERED, ParcelStatus.NO_INFO)),
        )
        .group_by(ParcelItem.bin)
    ):
        t.by_bin[b] = int(n or 0)
    t.pieces = sum(t.by_bin.values())
    for kind, total in s.execute(
        select(MoneyEntry.kind, func.sum(MoneyEntry.amount))
        .where(MoneyEntry.day == day)
        .group_by(MoneyEntry.kind)
    ):
        t.money_by_kind[kind] = Decimal(total or 0).quantize(Decimal("0.01"))
    pending = s.scalar(
        select(func.sum(MoneyEntry.amount)).where(
            MoneyEntry.day == day, MoneyEntry.handover_id.is_(None)
        )
    )
    t.money_pending = Decimal(pending or 0).quantize(Decimal("0.01"))
    t.unregistered = [
        OpenParcel(p.id, p.tracking_no, p.courier, p.status, p.received_at, p.clerk, p.station)
        for p in s.scalars(
            select(Parcel)
            .where(Parcel.day == day, Parcel.status.in_(OPEN))
            .order_by(Parcel.received_at, Parcel.id)
        )
    ]
    closed = s.get(DayClose, day)
    if closed is not None:
        t.closed_at, t.closed_by = closed.closed_at, closed.closed_by
    return t


def enqueue_day_sheet(sessions: SessionFactory, day: dt.date, user: str, station: str) -> int:
    """Queue the day sheet (售后登记日报) for printing; the printing service renders it."""
    from returnsdesk.services.printing.queue import enqueue

    return enqueue(sessions, DocKind.DAY_SHEET, day.isoformat(), user, station)


def close_day(
    sessions: SessionFactory,
    day: dt.date,
    user: str,
    station: str,
    force: bool = False,
    print_sheet: bool = True,
    note: str = "",
) -> DayClosed:
    """Close ``day`` (the lead's act): refuse while parcels are unregistered or money is not
    handed over, unless ``force`` with a note for the money; record who closed it. A closed
    day takes no registrations or money until ``reopen_day``."""
    note = note.strip()

    def work(s: Session) -> DayTotals:
        users.require(s, user, Act.DAY_CLOSE)
        closed = days.hold(s, day)  # the registrations in progress end first, and count
        if closed is not None:
            raise DayAlreadyClosed(
                day=day.isoformat(), who=closed.closed_by, when=f"{closed.closed_at:%H:%M:%S}"
            )
        totals = _totals(s, day)
        if totals.unregistered and not force:
            raise DayNotComplete(day=day.isoformat(), count=len(totals.unregistered))
        if totals.money_pending and not (force and note):
            raise MoneyNotHandedOver(
                field="note", day=day.isoformat(), amount=str(totals.money_pending)
            )
        s.add(DayClose(day=day, closed_by=user, note=note[:200]))
        audit.record(
            s,
            user,
            station,
            AuditAction.DAY_CLOSE,
            AuditEntity.DAY,
            day.isoformat(),
            f"包裹 {totals.parcels} 件数 {totals.pieces} 款项 {totals.money_total} "
            f"未交接 {totals.money_pending} 未登记 {len(totals.unregistered)} {note}".strip(),
        )
        return totals

    try:
        totals = tx.run(sessions, work)
    except IntegrityError:  # SQLite's write order makes this PostgreSQL's case alone
        with sessions() as s:
            closed = s.get(DayClose, day)
        if closed is None:
            raise
        raise DayAlreadyClosed(
            day=day.isoformat(), who=closed.closed_by, when=f"{closed.closed_at:%H:%M:%S}"
        ) from None
    job = enqueue_day_sheet(sessions, day, user, station) if print_sheet else None
    forced = bool(totals.unregistered) or bool(totals.money_pending)
    return DayClosed(day, day_totals(sessions, day), job, forced)


def reopen_day(sessions: SessionFactory, day: dt.date, note: str, user: str, station: str) -> None:
    """The lead reopens a closed day (a late parcel, a correction); recorded with the reason."""
    note = note.strip()
    if not note:
        raise InvalidInput("重新打开须填写原因", field="note")

    def work(s: Session) -> None:
        users.require(s, user, Act.DAY_CLOSE)
        closed = days.hold(s, day)
        if closed is None:
            raise _not_closed(s, day)
        s.delete(closed)
        audit.record(
            s, user, station, AuditAction.DAY_REOPEN, AuditEntity.DAY, day.isoformat(), note
        )

    tx.run(sessions, work)


def _not_closed(s: Session, day: dt.date) -> UserError:
    """Reopening a day that is open: who reopened it last, if anyone."""
    last = s.execute(
        select(AuditEntry.user, AuditEntry.at)
        .where(
            AuditEntry.entity == AuditEntity.DAY,
            AuditEntry.entity_id == day.isoformat(),
            AuditEntry.action == AuditAction.DAY_REOPEN,
        )
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    if last is None:
        return InvalidInput("这一天没有日结")
    return DayAlreadyOpen(day=day.isoformat(), who=last[0], when=f"{last[1]:%H:%M:%S}")
