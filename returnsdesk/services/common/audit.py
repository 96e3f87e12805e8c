"""The audit trail: every service that changes data records who, where and what."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import AuditEntry
from returnsdesk.domain.kinds import AuditAction, AuditEntity


def record(
    session: Session,
    user: str,
    station: str,
    action: AuditAction,
    entity: AuditEntity,
    entity_id: object,
    detail: str = "",
) -> None:
    session.add(
        AuditEntry(
            user=user,
            station=station,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            detail=detail,
        )
    )


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime
    user: str
    station: str
    action: str
    entity: str
    entity_id: str
    detail: str


def trail(
    sessions: SessionFactory,
    who: str = "",
    action: str = "",
    day: dt.date | None = None,
    parcel_id: int | None = None,
    limit: int = 1000,
) -> list[AuditRow]:
    """The audit trail, newest first, filtered by who, what, day and parcel (the lead's view)."""
    q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if who.strip():
        q = q.where(AuditEntry.user == who.strip())
    if action.strip():
        q = q.where(AuditEntry.action == action.strip())
    if day is not None:
        start = dt.datetime.combine(day, dt.time())
        q = q.where(AuditEntry.at >= start, AuditEntry.at < start + dt.timedelta(days=1))
    if parcel_id is not None:
        q = q.where(AuditEntry.entity == "parcel", AuditEntry.entity_id == str(parcel_id))
    with sessions() as s:
        return [
            AuditRow(a.at, a.user, a.station, a.action, a.entity, a.entity_id, a.detail)
            for a in s.scalars(q)
        ]


def actions(sessions: SessionFactory) -> list[str]:
    """The kinds of act recorded so far, for the filter."""
    with sessions() as s:
        return list(s.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))
