"""Follow-up queue of no-info parcels (无信息件): who tried what, and what is left untouched.

A parcel counts as *overdue* when nothing was done for it for a day: no contact attempt
since the later of its receipt and its last attempt. The bench shows the overdue count at the
start of the day (``overdue_count``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import ContactAttempt, Order, Parcel, ParcelItem
from returnsdesk.domain.kinds import AuditAction, AuditEntity, MatchSource
from returnsdesk.domain.roles import Act
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.errors import FollowupResolved, InvalidInput, NotFound
from returnsdesk.services.bench.register import (
    ItemInput,
    RegisterInput,
    RegisterResult,
    register_in,
)
from returnsdesk.services.common import audit, tx, users

OVERDUE_AFTER = dt.timedelta(days=1)
METHODS = ("旺旺", "电话", "短信", "查物流", "其他")


@dataclass(frozen=True)
class FollowUp:
    parcel_id: int
    day: dt.date
    slip_no: int | None
    courier: str
    tracking_no: str
    sender_name: str
    sender_phone: str
    sender_city: str
    contents: str
    received_at: dt.datetime
    attempts: int
    last_action_at: dt.datetime
    last_result: str
    reported_to_lead: bool
    age_days: int
    overdue: bool


@dataclass(frozen=True)
class Attempt:
    id: int
    at: dt.datetime
    method: str
    result: str
    who: str


@dataclass(frozen=True)
class Resolved:
    parcel_id: int
    buyer_id: str
    order_no: str
    slip_no: int | None


def _last_attempts() -> Any:
    return (
        select(
            ContactAttempt.parcel_id.label("pid"),
            func.max(ContactAttempt.at).label("last_at"),
            func.count(ContactAttempt.id).label("n"),
        )
        .group_by(ContactAttempt.parcel_id)
        .subquery()
    )


def list_followups(sessions: SessionFactory, now: dt.datetime) -> list[FollowUp]:
    """Open no-info parcels, overdue ones first, then oldest first."""
    la = _last_attempts()
    q = (
        select(Parcel, la.c.last_at, la.c.n)
        .outerjoin(la, la.c.pid == Parcel.id)
        .where(Parcel.status == ParcelStatus.NO_INFO, Parcel.resolved_at.is_(None))
        .order_by(Parcel.day, Parcel.slip_no, Parcel.id)
    )
    out: list[FollowUp] = []
    with sessions() as s:
        for p, last_at, n in s.execute(q):
            last = max(p.received_at, last_at) if last_at else p.received_at
            result = ""
            if n:
                result = (
                    s.scalar(
                        select(ContactAttempt.result)
                        .where(ContactAttempt.parcel_id == p.id)
                        .order_by(ContactAttempt.at.desc(), ContactAttempt.id.desc())
                        .limit(1)
                    )
                    or ""
                )
            out.append(
                FollowUp(
                    parcel_id=p.id,
                    day=p.day,
                    slip_no=p.slip_no,
                    courier=p.courier,
                    tracking_no=p.tracking_no,
                    sender_name=p.sender_name,
                    sender_phone=p.sender_phone,
                    sender_city=p.sender_city,
                    contents=p.contents,
                    received_at=p.received_at,
                    attempts=int(n or 0),
                    last_action_at=last,
                    last_result=result,
                    reported_to_lead=p.reported_to_lead,
                    age_days=(now.date() - p.day).days,
                    overdue=now - last >= OVERDUE_AFTER,
                )
            )
    out.sort(key=lambda f: (not f.overdue, f.day, f.slip_no or 0))
    return out


def overdue_count(sessions: SessionFactory, now: dt.datetime) -> int:
    """How many open no-info parcels had no action for a day (the bench shows it at start)."""
    la = _last_attempts()
    cutoff = now - OVERDUE_AFTER
    q = (
        select(func.count(Parcel.id))
        .outerjoin(la, la.c.pid == Parcel.id)
        .where(
            Parcel.status == ParcelStatus.NO_INFO,
            Parcel.resolved_at.is_(None),
            Parcel.received_at <= cutoff,
            (la.c.last_at.is_(None)) | (la.c.last_at <= cutoff),
        )
    )
    with sessions() as s:
        return int(s.scalar(q) or 0)


def _open_parcel(s: Session, parcel_id: int) -> Parcel:
    """The no-info parcel, locked; one another lead resolved meanwhile says who, to whom."""
    p = s.get(Parcel, parcel_id, with_for_update=True)
    if p is None:
        raise NotFound("包裹 {parcel_id}", parcel_id=parcel_id)
    if p.status == ParcelStatus.REGISTERED and p.resolved_at is not None:
        raise FollowupResolved(
            tracking_no=p.tracking_no,
            user=p.clerk,
            when=p.resolved_at.strftime("%Y-%m-%d %H:%M"),
            buyer=p.buyer_id or "-",
            field="buyer",
        )
    if p.status != ParcelStatus.NO_INFO or p.resolved_at is not None:
        raise InvalidInput("包裹 {tracking_no} 不在待跟进列表中", tracking_no=p.tracking_no)
    return p


def attempts(sessions: SessionFactory, parcel_id: int) -> list[Attempt]:
    with sessions() as s:
        rows = s.scalars(
            select(ContactAttempt)
            .where(ContactAttempt.parcel_id == parcel_id)
            .order_by(ContactAttempt.at, ContactAttempt.id)
        )
        return [Attempt(a.id, a.at, a.method, a.result, a.who) for a in rows]


def add_attempt(
    sessions: SessionFactory,
    parcel_id: int,
    method: str,
    result: str,
    user: str,
    station: str,
    at: dt.datetime | None = None,
) -> Attempt:
    """Record one try to find the buyer (how, with what result, by whom)."""
    method, result = method.strip(), result.strip()
    if not method:
        raise InvalidInput("请选择联系方式", field="method")
    if not result:
        raise InvalidInput("请填写联系结果", field="result")

    def work(s: Session) -> Attempt:
        users.require(s, user, Act.FOLLOWUP)
        _open_parcel(s, parcel_id)
        a = ContactAttempt(
            parcel_id=parcel_id,
            at=at or dt.datetime.now(),
            method=method[:20],
            result=result[:200],
            who=user,
        )
        s.add(a)
        s.flush()
        audit.record(
            s,
            user,
            station,
            AuditAction.CONTACT_ATTEMPT,
            AuditEntity.PARCEL,
            parcel_id,
            f"{method}: {result}",
        )
        return Attempt(a.id, a.at, a.method, a.result, a.who)

    return tx.run(sessions, work)


def set_reported(
    sessions: SessionFactory, parcel_id: int, reported: bool, user: str, station: str
) -> None:
    """The clerk has told the lead about this parcel (or takes that back)."""

    def work(s: Session) -> None:
        users.require(s, user, Act.FOLLOWUP)
        p = _open_parcel(s, parcel_id)
        p.reported_to_lead = reported
        audit.record(
            s,
            user,
            station,
            AuditAction.REPORTED_TO_LEAD,
            AuditEntity.PARCEL,
            parcel_id,
            str(reported),
        )

    tx.run(sessions, work)


def attach_buyer(
    sessions: SessionFactory,
    parcel_id: int,
    buyer_id: str,
    order_no: str,
    user: str,
    station: str,
) -> Resolved:
    """The buyer was found: put buyer (and order) on the parcel, still no_info.

    The parcel then registers as usual (``services.register.register_parcel`` accepts a
    no-info parcel, keeps its slip number and marks it resolved); ``resolve`` does both.
    """
    buyer_id, order_no = buyer_id.strip(), order_no.strip()
    if not buyer_id and not order_no:
        raise InvalidInput("请填写旺旺名或订单号", field="buyer")

    return tx.run(sessions, lambda s: _attach(s, parcel_id, buyer_id, order_no, user, station))


def _attach(
    s: Session, parcel_id: int, buyer_id: str, order_no: str, user: str, station: str
) -> Resolved:
    """``attach_buyer`` inside the caller's transaction."""
    users.require(s, user, Act.FOLLOWUP)
    p = _open_parcel(s, parcel_id)
    order = None
    buyer = buyer_id
    if order_no:
        order = s.scalar(select(Order).where(Order.order_no == order_no))
        if order is None:
            raise NotFound("订单 {order_no}", field="order_no", order_no=order_no)
        if buyer and buyer.lower() != order.buyer_id_lower:
            raise InvalidInput(
                "订单 {order_no} 的买家是 {buyer_id}",
                field="buyer",
                order_no=order_no,
                buyer_id=order.buyer_id,
            )
        buyer = order.buyer_id
    p.buyer_id = buyer
    p.order_id = order.id if order else None
    p.match_source = MatchSource.FOLLOWUP
    audit.record(
        s,
        user,
        station,
        AuditAction.FOLLOWUP_ATTACH,
        AuditEntity.PARCEL,
        parcel_id,
        f"{buyer} {order_no}",
    )
    return Resolved(p.id, buyer, order_no, p.slip_no)


def resolve(
    sessions: SessionFactory,
    parcel_id: int,
    buyer_id: str,
    order_no: str,
    data: RegisterInput,
    user: str,
    station: str,
    shop: ShopConfig,
) -> RegisterResult:
    """Attach the buyer and register the parcel as normal, keeping its slip number, in one
    transaction: of two leads resolving one parcel, one wins and the other is told who."""
    buyer_id, order_no = buyer_id.strip(), order_no.strip()
    if not buyer_id and not order_no:
        raise InvalidInput("请填写旺旺名或订单号", field="buyer")

    def work(s: Session) -> RegisterResult:
        found = _attach(s, parcel_id, buyer_id, order_no, user, station)
        return register_in(s, parcel_id, replace(data, buyer=found.buyer_id), user, station, shop)

    return tx.run(sessions, work)


def recorded_items(sessions: SessionFactory, parcel_id: int) -> RegisterInput:
    """What the clerk recorded in the no-info parcel, as a registration of those items."""
    with sessions() as s:
        items = s.scalars(
            select(ParcelItem).where(ParcelItem.parcel_id == parcel_id).order_by(ParcelItem.id)
        ).all()
        if not items:
            raise InvalidInput("该包裹未录入商品, 请在拆包台扫描后登记")
        return RegisterInput(
            items=tuple(
                ItemInput(
                    ItemSpec(i.model, i.category, i.color, i.size, i.spec, i.qty, i.sku_code),
                    accessories=i.accessories,
                    reason=i.reason,
                    condition=i.condition,
                )
                for i in items
            ),
            has_slip=False,
        )


def resolve_recorded(
    sessions: SessionFactory,
    parcel_id: int,
    buyer_id: str,
    order_no: str,
    user: str,
    station: str,
    shop: ShopConfig,
) -> RegisterResult:
    """Resolve from the lead's desk: register the items already recorded on the parcel."""
    data = recorded_items(sessions, parcel_id)
    return resolve(sessions, parcel_id, buyer_id, order_no, data, user, station, shop)
