"""Sign-in of a parcel (签收): a scanned tracking number becomes a parcel row at once.

The row exists from the scan on, so a parcel scanned but never registered shows on the day
sheet, and a crash before registration loses nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Parcel, Refund
from returnsdesk.domain import couriers
from returnsdesk.domain.kinds import ACCEPTED, AuditAction, AuditEntity, FreightDecision
from returnsdesk.domain.roles import Act
from returnsdesk.domain.status import OPEN, ParcelStatus
from returnsdesk.errors import (
    ConcurrentChange,
    InvalidInput,
    NotFound,
    NumberOfAnotherParcel,
    UnknownTrackingNumber,
)
from returnsdesk.services.bench import parcel_state
from returnsdesk.services.bench.identify import Found, Identified, identify
from returnsdesk.services.bench.match import MatchView, match_buyer, match_tracking
from returnsdesk.services.common import audit, days, tx, users


@dataclass(frozen=True)
class ParcelView:
    id: int
    tracking_no: str
    courier: str
    status: str
    slip_no: int | None
    is_sf: bool
    is_freight_collect: bool
    freight_decision: str
    buyer_id: str
    return_string: str
    register_line: str
    received_at: dt.datetime
    station: str
    clerk: str

    @property
    def needs_decision(self) -> bool:
        """顺丰 and 到付 parcels are refused unless a reason to accept is recorded."""
        return (self.is_sf or self.is_freight_collect) and not self.freight_decision


@dataclass(frozen=True)
class ReceiveResult:
    parcel: ParcelView
    match: MatchView | None
    created: bool  # False: the parcel was already scanned (double scan): nothing new was made


def parcel_view(p: Parcel) -> ParcelView:
    return ParcelView(
        p.id,
        p.tracking_no,
        p.courier,
        p.status,
        p.slip_no,
        p.is_sf,
        p.is_freight_collect,
        p.freight_decision,
        p.buyer_id,
        p.return_string,
        p.register_line,
        p.received_at,
        p.station,
        p.clerk,
    )


def match_of(session: Session, p: Parcel) -> MatchView | None:
    if p.order_id is None and not p.buyer_id:
        return None
    found = match_tracking(session, p.tracking_no)
    if found is not None and found.buyer_id == p.buyer_id:
        return found
    order_no = p.order.order_no if p.order is not None else ""
    return match_buyer(session, p.buyer_id, order_no)


def existing_parcel(session: Session, number: str) -> Parcel | None:
    """The parcel scanned under ``number``, or linked to it later."""
    return session.scalars(
        select(Parcel).where(or_(Parcel.tracking_no == number, Parcel.linked_no == number))
    ).first()


def sign_in_in(
    session: Session,
    tracking: str,
    courier: str,
    match: MatchView | None,
    when: dt.datetime,
    user: str,
    station: str,
) -> Parcel:
    """The parcel signed in under ``tracking`` inside the caller's transaction, matched or
    not, with its audit line; the day it comes in is opened if it was not."""
    days.ensure_open(session, when.date())
    p = Parcel(
        tracking_no=tracking,
        courier=courier,
        day=when.date(),
        received_at=when,
        station=station,
        clerk=user,
        status=ParcelStatus.MATCHED if match else ParcelStatus.RECEIVED,
        is_sf=courier == couriers.COURIERS["SF"].name,
        buyer_id=match.buyer_id if match else "",
        order_id=match.order_id if match else None,
        refund_id=match.refund_id if match else None,
        match_source=match.source if match else "",
    )
    session.add(p)
    session.flush()
    audit.record(session, user, station, AuditAction.RECEIVE, AuditEntity.PARCEL, p.id, tracking)
    return p


def receive_scan(
    sessions: SessionFactory,
    raw: str,
    user: str,
    station: str,
    now: dt.datetime | None = None,
    identified: Identified | None = None,
) -> ReceiveResult:
    """Sign in a scanned parcel number; the same number again returns the existing parcel.

    A number the data holds (a return waybill, our shipment, a parcel) is taken whatever its
    shape; an unknown one must look like a waybill. ``identified`` is ``raw`` as the caller
    identified it a moment ago (the bench's scan): it is not looked up a second time; the
    parcel itself is still looked for inside the transaction.
    """
    when = now or dt.datetime.now()

    def existing(session: Session, number: str) -> ReceiveResult | None:
        p = existing_parcel(session, number)
        if p is None:
            return None
        return ReceiveResult(parcel_view(p), match_of(session, p), created=False)

    def work(session: Session) -> ReceiveResult:
        users.require(session, user, Act.BENCH)
        ident = identified if identified is not None else identify(session, raw)
        if not ident.is_parcel_number:
            raise UnknownTrackingNumber(value=raw.strip()[:40])
        tracking = ident.value
        found = existing(session, tracking)
        if found is not None:
            return found
        match = match_tracking(session, tracking)
        p = sign_in_in(session, tracking, ident.courier, match, when, user, station)
        return ReceiveResult(parcel_view(p), match, created=True)

    try:
        return tx.run(sessions, work)
    except IntegrityError:  # another station signed in the same parcel at the same moment
        with sessions() as session:
            found = existing(session, couriers.normalize(raw))
        if found is None:
            raise
        return found


def link_number(
    sessions: SessionFactory, parcel_id: int, raw: str, user: str, station: str
) -> MatchView:
    """Match a parcel that came back on a new waybill by a second value scanned or typed: the
    original waybill printed on the return label, an order or refund number, a Wangwang ID.

    A waybill is kept as the parcel's linked number, so scanning either finds it later.
    Refused unless the data knows the value; a registered parcel is never changed.
    """

    def work(session: Session) -> MatchView:
        users.require(session, user, Act.BENCH)
        p = _load(session, parcel_id)
        if p.status not in OPEN:
            raise ConcurrentChange()
        ident = identify(session, raw)
        match: MatchView | None = None
        if ident.found & {Found.RETURN_TRACKING, Found.SHIPMENT}:
            match = match_tracking(session, ident.value)
        elif Found.REFUND in ident.found:
            refund = session.scalars(select(Refund).where(Refund.refund_no == ident.value)).first()
            if refund is not None:
                match = match_buyer(session, refund.buyer_id, refund.order_no)
        elif Found.ORDER in ident.found:
            match = match_buyer(session, "", ident.value)
        elif Found.BUYER in ident.found:
            match = match_buyer(session, ident.value)
        if match is None:
            raise NotFound(raw.strip()[:40])
        if ident.found & {Found.RETURN_TRACKING, Found.SHIPMENT} and ident.value != p.tracking_no:
            other = existing_parcel(session, ident.value)
            if other is not None and other.id != p.id:
                raise NumberOfAnotherParcel(number=ident.value)
            p.linked_no = ident.value
        p.buyer_id = match.buyer_id
        p.order_id = match.order_id
        p.refund_id = match.refund_id
        p.match_source = match.source
        p.status = ParcelStatus.MATCHED
        audit.record(
            session, user, station, AuditAction.LINK_NUMBER, AuditEntity.PARCEL, p.id, ident.value
        )
        return match

    return tx.run(sessions, work)


def _load(session: Session, parcel_id: int) -> Parcel:
    p = session.get(Parcel, parcel_id, with_for_update=True)
    if p is None:
        raise NotFound("包裹 {parcel_id}", parcel_id=parcel_id)
    return p


def _update_open(session: Session, p: Parcel, **values: object) -> bool:
    """Change a parcel only while it is open (not registered, refused or no-info).

    The WHERE on the state holds even where the row lock does not (another station's commit
    between our read and our write); False when the parcel was closed meanwhile.
    """
    values = values or {"status": Parcel.status}
    done = session.execute(
        update(Parcel)
        .where(Parcel.id == p.id, Parcel.status.in_(parcel_state.OPEN))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.refresh(p)
    return bool(getattr(done, "rowcount", 0))


def attach_buyer(
    sessions: SessionFactory,
    parcel_id: int,
    buyer_id: str,
    user: str,
    station: str,
    order_no: str = "",
) -> MatchView:
    """The clerk names the buyer (from the slip, or a search hit) of an unmatched parcel."""
    buyer_id = buyer_id.strip()
    if not buyer_id:
        raise InvalidInput("旺旺名不能为空", field="buyer")

    def work(session: Session) -> MatchView:
        users.require(session, user, Act.BENCH)
        p = _load(session, parcel_id)
        match = match_buyer(session, buyer_id, order_no)
        if not _update_open(session, p, buyer_id=match.buyer_id, order_id=match.order_id,
                            refund_id=match.refund_id, match_source=match.source,
                            status=ParcelStatus.MATCHED):  # fmt: skip
            raise parcel_state.taken(session, p)
        audit.record(
            session, user, station, AuditAction.ATTACH_BUYER, AuditEntity.PARCEL, p.id, buyer_id
        )
        return match

    return tx.run(sessions, work)


def set_freight(
    sessions: SessionFactory,
    parcel_id: int,
    user: str,
    station: str,
    *,
    freight_collect: bool | None = None,
    decision: str | None = None,
    payer: str = "",
    note: str = "",
) -> ParcelView:
    """Flag a 到付 parcel, and record the decision on a 顺丰/到付 one.

    ``REFUSED`` ends the parcel's way here; the others accept it with who pays the freight.
    """
    if decision is not None and decision not in frozenset(FreightDecision):
        raise InvalidInput("未知的决定 {decision}", field="decision", decision=decision)
    if decision in ACCEPTED and not (note.strip() or payer.strip()):
        raise InvalidInput("接收顺丰/到付件须写明原因或运费由谁承担", field="note")

    def work(session: Session) -> ParcelView:
        users.require(session, user, Act.BENCH)
        p = _load(session, parcel_id)
        values: dict[str, object] = {}
        if freight_collect is not None:
            values["is_freight_collect"] = freight_collect
        if decision is not None:
            values.update(freight_decision=decision, freight_payer=payer.strip(),
                          decision_note=note.strip())  # fmt: skip
            if decision == FreightDecision.REFUSED:
                values["status"] = ParcelStatus.REFUSED
        if not _update_open(session, p, **values):
            raise parcel_state.taken(session, p)
        audit.record(
            session,
            user,
            station,
            AuditAction.FREIGHT,
            AuditEntity.PARCEL,
            p.id,
            f"{decision} {payer} {note}".strip(),
        )
        return parcel_view(p)

    return tx.run(sessions, work)


def discard_scan(sessions: SessionFactory, parcel_id: int, user: str, station: str) -> None:
    """Undo a scan made by mistake: only a parcel with nothing recorded on it yet."""

    def work(session: Session) -> None:
        users.require(session, user, Act.BENCH)
        p = _load(session, parcel_id)
        if p.status not in OPEN or p.slip_no is not None or p.items:
            raise InvalidInput("已登记的包裹不能撤销")
        audit.record(
            session, user, station, AuditAction.DISCARD, AuditEntity.PARCEL, p.id, p.tracking_no
        )
        session.delete(p)

    tx.run(sessions, work)
