"""The money register (邮费/现金/差价 found in parcels) and the day's hand-over to the lead.

Entries are never edited or deleted: a correction is a new entry that reverses an old one
(negative amount, ``reverses_id``). A hand-over takes every entry of a clerk's day not yet
handed over, in one confirmed act that records the counted amount and any difference.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

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

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class MoneyRow:
    id: int
    day: dt.date
    kind: str
    amount: Decimal
    clerk: str
    station: str
    created_at: dt.datetime
    slip_no: int | None
    buyer_id: str
    tracking_no: str
    reverses_id: int | None
    reversed_by: int | None
    handover_id: int | None
    note: str


@dataclass(frozen=True)
class ClerkDay:
    """One clerk's money of a day: what is registered, what is handed over, what is left,
    and what the lead counted against it (a short or over count stays until settled)."""

    day: dt.date
    clerk: str
    by_kind: dict[str, Decimal]
    registered: Decimal
    handed_over: Decimal
    pending: Decimal
    handovers: int
    counted: Decimal = ZERO
    last_handover: int | None = None  # the hand-over a new one follows (None: the first)

    @property
    def difference(self) -> Decimal:
        """Counted minus registered of what was handed over: red while not zero."""
        return self.counted - self.handed_over


@dataclass(frozen=True)
class Handover:
    id: int
    day: dt.date
    clerk: str
    lead: str
    registered_amount: Decimal
    counted_amount: Decimal
    difference: Decimal
    note: str
    confirmed_at: dt.datetime
    entries: int


def _rows(s: Session, where: list[ColumnElement[bool]]) -> list[MoneyRow]:
    rev = aliased(MoneyEntry)
    q = (
        select(MoneyEntry, Parcel.slip_no, Parcel.buyer_id, Parcel.tracking_no, rev.id)
        .outerjoin(Parcel, Parcel.id == MoneyEntry.parcel_id)
        .outerjoin(rev, rev.reverses_id == MoneyEntry.id)
        .where(*where)
        .order_by(MoneyEntry.day, MoneyEntry.clerk, MoneyEntry.id)
    )
    return [
        MoneyRow(
            e.id,
            e.day,
            e.kind,
            e.amount,
            e.clerk,
            e.station,
            e.created_at,
            slip,
            buyer or "",
            tracking or "",
            e.reverses_id,
            rev_id,
            e.handover_id,
            e.note,
        )
        for e, slip, buyer, tracking, rev_id in s.execute(q)
    ]


def entries_of_day(sessions: SessionFactory, day: dt.date) -> list[MoneyRow]:
    with sessions() as s:
        return _rows(s, [MoneyEntry.day == day])


def entries_of_month(sessions: SessionFactory, year: int, month: int) -> list[MoneyRow]:
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    with sessions() as s:
        return _rows(s, [MoneyEntry.day >= first, MoneyEntry.day < nxt])


def day_summary(sessions: SessionFactory, day: dt.date) -> list[ClerkDay]:
    """Per clerk: sums by kind, handed over or not (one GROUP BY)."""
    handed = MoneyEntry.handover_id.is_not(None)
    q = (
        select(MoneyEntry.clerk, MoneyEntry.kind, handed, func.sum(MoneyEntry.amount))
        .where(MoneyEntry.day == day)
        .group_by(MoneyEntry.clerk, MoneyEntry.kind, handed)
    )
    kinds: dict[str, dict[str, Decimal]] = {}
    split: dict[tuple[str, bool], Decimal] = {}
    with sessions() as s:
        for clerk, kind, is_handed, total in s.execute(q):
            amount = Decimal(total or 0).quantize(Decimal("0.01"))
            per = kinds.setdefault(clerk, {})
            per[kind] = per.get(kind, ZERO) + amount
            split[clerk, bool(is_handed)] = split.get((clerk, bool(is_handed)), ZERO) + amount
        counts = {
            clerk: (int(n), Decimal(counted or 0).quantize(Decimal("0.01")), last)
            for clerk, n, counted, last in s.execute(
                select(
                    CashHandover.clerk,
                    func.count(CashHandover.id),
                    func.sum(CashHandover.counted_amount),
                    func.max(CashHandover.id),
                )
                .where(CashHandover.day == day)
                .group_by(CashHandover.clerk)
            )
        }
    out = []
    for clerk in sorted(kinds):
        done, left = split.get((clerk, True), ZERO), split.get((clerk, False), ZERO)
        n, counted, last = counts.get(clerk, (0, ZERO, None))
        out.append(ClerkDay(day, clerk, kinds[clerk], done + left, done, left, n, counted, last))
    return out


@dataclass(frozen=True)
class OpenMoney:
    """Money of a clerk's day not yet handed over, or counted short or over."""

    day: dt.date
    clerk: str
    pending: Decimal
    difference: Decimal
    last_handover: int | None = None  # the hand-over a new one follows (None: the first)


def open_money(sessions: SessionFactory) -> list[OpenMoney]:
    """Every day and clerk with money not handed over or a count not settled, oldest first."""
    with sessions() as s:
        pending = {
            (d, c): Decimal(a or 0)
            for d, c, a in s.execute(
                select(MoneyEntry.day, MoneyEntry.clerk, func.sum(MoneyEntry.amount))
                .where(MoneyEntry.handover_id.is_(None))
                .group_by(MoneyEntry.day, MoneyEntry.clerk)
            )
        }
        diff: dict[tuple[dt.date, str], tuple[Decimal, int]] = {
            (d, c): (Decimal(a or 0), last)
            for d, c, a, last in s.execute(
                select(
                    CashHandover.day,
                    CashHandover.clerk,
                    func.sum(CashHandover.counted_amount - CashHandover.registered_amount),
                    func.max(CashHandover.id),
                ).group_by(CashHandover.day, CashHandover.clerk)
            )
        }
    keys = sorted(k for k in {*pending, *diff} if pending.get(k) or diff.get(k, (0,))[0])
    out = []
    for d, c in keys:
        short, last = diff.get((d, c), (ZERO, None))
        out.append(
            OpenMoney(d, c, pending.get((d, c), ZERO).quantize(ZERO), short.quantize(ZERO), last)
        )
    return out


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


def handovers(sessions: SessionFactory, day: dt.date) -> list[Handover]:
    with sessions() as s:
        n = dict(
            s.execute(
                select(MoneyEntry.handover_id, func.count(MoneyEntry.id))
                .where(MoneyEntry.handover_id.is_not(None), MoneyEntry.day == day)
                .group_by(MoneyEntry.handover_id)
            ).all()
        )
        rows = s.scalars(
            select(CashHandover).where(CashHandover.day == day).order_by(CashHandover.id)
        )
        return [
            Handover(
                h.id,
                h.day,
                h.clerk,
                h.lead,
                h.registered_amount,
                h.counted_amount,
                h.counted_amount - h.registered_amount,
                h.note,
                h.confirmed_at,
                int(n.get(h.id, 0)),
            )
            for h in rows
        ]


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
