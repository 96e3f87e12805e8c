"""The money register (邮费/现金/差价 found in parcels) and the day's hand-over to the lead.

Entries are never edited or deleted: a correction is a new entry that reverses an old one
(negative amount, ``reverses_id``). A hand-over takes every entry of a clerk's day not yet
handed over, in one confirmed act that records the counted amount and any difference.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import CashHandover, MoneyEntry, Parcel
from returnsdesk.domain.kinds import AuditAction, AuditEntity
from returnsdesk.domain.money import kind_of, parse_money
from returnsdesk.domain.roles import OTHERS_MONEY, Act, may
from returnsdesk.errors import (
    Forbidden,
    HandoverChanged,
    InvalidInput,
    NotFound,
    UnknownMoneyKind,
)
from returnsdesk.services.common import audit, days, tx, users
from returnsdesk.services.lead.money_rows import ZERO, Handover


def _pending(s: Session, day: dt.date, clerk: str) -> list[MoneyEntry]:
    return list(
        s.scalars(
            select(MoneyEntry)
            .where(
                MoneyEntry.day == day,
                MoneyEntry.clerk == clerk,
                MoneyEntry.handover_id.is_(None),
            )
            .order_by(MoneyEntry.id)
            .with_for_update()
        )
    )


def pending_amount(sessions: SessionFactory, day: dt.date, clerk: str) -> Decimal:
    with sessions() as s:
        return sum((e.amount for e in _pending(s, day, clerk)), ZERO)


def confirm_handover(
    sessions: SessionFactory,
    day: dt.date,
    clerk: str,
    counted: str | Decimal,
    note: str,
    lead: str,
    station: str,
    now: dt.datetime | None = None,
    *,
    follows: int | None = None,
) -> Handover:
    """The lead confirms receiving the clerk's money of ``day``: counted vs registered.

    A difference needs a note; the entries taken over are marked with the hand-over.
    ``follows`` names the clerk's last hand-over of the day the lead saw (None: there was
    none). When another lead confirmed one since, nothing is written and ``HandoverChanged``
    says who counted what, when; the database's unique indexes hold the same rule.
    """
    counted_v = parse_money(counted)
    note = note.strip()

    def work(s: Session) -> Handover:
        actor = users.require(s, lead, Act.MONEY_CONFIRM)
        if actor.name == clerk:
            raise InvalidInput("不能确认自己的款项, 须由另一位主管确认")
        entries = _pending(s, day, clerk)
        short = s.scalar(
            select(func.sum(CashHandover.counted_amount - CashHandover.registered_amount)).where(
                CashHandover.day == day, CashHandover.clerk == clerk
            )
        )
        # read last, so a hand-over that the reads above saw is seen here too; one committed
        # after it collides with this one in the unique indexes
        latest = _latest(s, day, clerk)
        if (latest.id if latest is not None else None) != follows:
            raise _changed(day, clerk, latest)
        if not entries and not short:
            raise InvalidInput(
                "{clerk} 在 {day} 没有待交接的款项", field="clerk", clerk=clerk, day=day.isoformat()
            )
        registered = sum((e.amount for e in entries), ZERO)
        # an earlier short (or over) count of the day is settled with this hand-over
        expected = registered - Decimal(short or 0)
        diff = counted_v - expected
        if diff != 0 and not note:
            raise InvalidInput(
                "实点 {counted} 与应交 {expected} 不符, 请填写差额说明",
                field="note",
                counted=counted_v,
                expected=expected,
            )
        h = CashHandover(
            day=day,
            clerk=clerk,
            lead=lead,
            registered_amount=registered,
            counted_amount=counted_v,
            note=note[:200],
            confirmed_at=now or dt.datetime.now(),
            sealed=False,  # only an unsealed hand-over may mark entries (the database's rule)
            follows_id=follows,
        )
        s.add(h)
        s.flush()
        for e in entries:
            e.handover_id = h.id
        s.flush()
        h.sealed = True  # from here on no entry can be pointed at it
        s.flush()
        audit.record(
            s,
            lead,
            station,
            AuditAction.CASH_HANDOVER,
            AuditEntity.CASH_HANDOVER,
            h.id,
            f"{day} {clerk} 登记 {registered} 实点 {counted_v} {note}".strip(),
        )
        return Handover(
            h.id,
            day,
            clerk,
            lead,
            registered,
            counted_v,
            diff,
            h.note,
            h.confirmed_at,
            len(entries),
        )

    try:
        return tx.run(sessions, work)
    except IntegrityError:  # another lead's hand-over committed between our read and insert
        with sessions() as s:
            raise _changed(day, clerk, _latest(s, day, clerk)) from None


def _latest(s: Session, day: dt.date, clerk: str) -> CashHandover | None:
    """The clerk's last hand-over of the day: the end of the day's chain."""
    return s.scalar(
        select(CashHandover)
        .where(CashHandover.day == day, CashHandover.clerk == clerk)
        .order_by(CashHandover.id.desc())
        .limit(1)
    )


def _changed(day: dt.date, clerk: str, latest: CashHandover | None) -> HandoverChanged:
    """Another lead confirmed a hand-over since this one looked: who counted what, when."""
    if latest is None:  # the hand-over this lead meant to follow is not there
        return HandoverChanged(
            "{clerk} 在 {day} 的交接已变化, 请刷新后再确认",
            clerk=clerk,
            day=day.isoformat(),
            field="counted",
        )
    return HandoverChanged(
        clerk=clerk,
        day=day.isoformat(),
        who=latest.lead,
        when=latest.confirmed_at.strftime("%Y-%m-%d %H:%M:%S"),
        counted=f"{latest.counted_amount:.2f}",
        registered=f"{latest.registered_amount:.2f}",
        handover_id=latest.id,
        field="counted",
    )


def add_entry(
    sessions: SessionFactory,
    day: dt.date,
    kind: str,
    amount: str | Decimal,
    clerk: str,
    user: str,
    station: str,
    parcel_id: int | None = None,
    note: str = "",
) -> int:
    """Money registered outside a parcel registration (e.g. found later in a shoe)."""
    value = parse_money(amount, allow_zero=False)
    if not kind.strip():
        raise InvalidInput("请选择款项类型", field="kind")
    canonical = kind_of(kind)
    if canonical is None:
        raise UnknownMoneyKind(kind=kind)

    def work(s: Session) -> int:
        users.require(s, user, Act.BENCH)
        days.ensure_open(s, day)
        if parcel_id is not None and s.get(Parcel, parcel_id) is None:
            raise NotFound("包裹 {parcel_id}", parcel_id=parcel_id)
        e = MoneyEntry(
            parcel_id=parcel_id,
            day=day,
            kind=canonical,
            amount=value,
            clerk=clerk,
            station=station,
            note=note.strip()[:200],
        )
        s.add(e)
        s.flush()
        audit.record(
            s,
            user,
            station,
            AuditAction.MONEY_ADD,
            AuditEntity.MONEY_ENTRY,
            e.id,
            f"{canonical} {value}",
        )
        return e.id

    return tx.run(sessions, work)


def reverse_entry(
    sessions: SessionFactory, entry_id: int, note: str, user: str, station: str
) -> int:
    """Correct an entry by a reversing one (same day, clerk and kind, negated amount)."""
    note = note.strip()
    if not note:
        raise InvalidInput("冲正须填写原因", field="note")

    def work(s: Session) -> int:
        e = s.get(MoneyEntry, entry_id, with_for_update=True)
        if e is None:
            raise NotFound("款项 {entry_id}", entry_id=entry_id)
        # a clerk corrects an own entry before the hand-over; after it, only the lead
        actor = users.require(s, user, Act.BENCH if e.handover_id is None else Act.MONEY_REVERSE)
        clerk_only = actor.role is not None and not may(actor.role, Act.MONEY_REVERSE)
        if clerk_only and e.clerk != actor.name:
            raise Forbidden(what=OTHERS_MONEY, user=user)
        days.ensure_open(s, e.day)
        if e.reverses_id is not None:
            raise InvalidInput("冲正记录不能再冲正")
        done = s.scalar(select(MoneyEntry.id).where(MoneyEntry.reverses_id == e.id))
        if done is not None:
            raise InvalidInput("款项 {entry_id} 已被冲正", entry_id=entry_id)
        r = MoneyEntry(
            parcel_id=e.parcel_id,
            day=e.day,
            kind=e.kind,
            amount=-e.amount,
            clerk=e.clerk,
            station=station,
            reverses_id=e.id,
            note=note[:200],
        )
        s.add(r)
        try:
            s.flush()
        except IntegrityError:  # another station reversed it a moment ago
            raise InvalidInput("款项 {entry_id} 已被冲正", entry_id=entry_id) from None
        audit.record(
            s,
            user,
            station,
            AuditAction.MONEY_REVERSE,
            AuditEntity.MONEY_ENTRY,
            r.id,
            f"冲正 #{e.id} {note}",
        )
        return r.id

    return tx.run(sessions, work)
