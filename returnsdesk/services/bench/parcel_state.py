"""Which parcels may still change at the bench, and who closed one that may not.

A registered, refused or no-info parcel is closed: another station's attach, decision or
registration must not touch it. Updates are conditional on the open states (and the row is
locked where the database has row locks), so the loser of a race finds out and is told who won.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import AuditEntry, Parcel
from returnsdesk.domain.kinds import AuditAction
from returnsdesk.domain.status import CLOSED as CLOSED
from returnsdesk.domain.status import OPEN as OPEN
from returnsdesk.domain.status import status_name
from returnsdesk.errors import BuyerChanged, ParcelTaken
from returnsdesk.i18n import Message

_CLOSING = (AuditAction.REGISTER, AuditAction.NO_INFO, AuditAction.FREIGHT)
_MATCHING = (AuditAction.ATTACH_BUYER, AuditAction.LINK_NUMBER)


def _last_act(session: Session, p: Parcel, acts: tuple[AuditAction, ...]) -> tuple[str, str]:
    """Who did the parcel's last act of ``acts``, at which station."""
    who = session.execute(
        select(AuditEntry.user, AuditEntry.station)
        .where(
            AuditEntry.entity == "parcel",
            AuditEntry.entity_id == str(p.id),
            AuditEntry.action.in_(acts),
        )
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    return (who[0], who[1]) if who is not None else (p.clerk, p.station)


def buyer_changed(session: Session, p: Parcel) -> BuyerChanged:
    """The error for a registration on a buyer the parcel no longer has: who named the new one."""
    user, station = _last_act(session, p, _MATCHING)
    return BuyerChanged(user=user, station=station, buyer=p.buyer_id or "-", field="buyer")


def taken(session: Session, p: Parcel) -> ParcelTaken:
    """The error for a change that came too late: the parcel's state and who put it there."""
    user, station = _last_act(session, p, _CLOSING)
    return ParcelTaken(
        parcel_id=p.id,
        slip_no=p.slip_no or "-",
        status=Message(status_name(p.status)),
        user=user,
        station=station,
    )


def tracking_of(sessions: SessionFactory, parcel_id: int) -> str | None:
    """The tracking number of a parcel picked by id (today's list, a box label)."""
    with sessions() as s:
        return s.scalar(select(Parcel.tracking_no).where(Parcel.id == parcel_id))


def slip_and_status(sessions: SessionFactory, parcel_id: int) -> tuple[int | None, str]:
    with sessions() as s:
        row = s.execute(select(Parcel.slip_no, Parcel.status).where(Parcel.id == parcel_id)).first()
    return (row[0], row[1]) if row is not None else (None, "")
