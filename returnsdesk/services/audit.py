"""The audit trail: every service that changes data records who, where and what."""

from __future__ import annotations

from sqlalchemy.orm import Session

from returnsdesk.db.models import AuditEntry


def record(
    session: Session,
    user: str,
    station: str,
    action: str,
    entity: str,
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
