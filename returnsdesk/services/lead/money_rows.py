"""Reading the money register: the day's entries, each clerk's sums, the hand-overs, and the
days still open. The writes (entries, reversals, hand-overs) are ``cash``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import CashHandover, MoneyEntry, Parcel

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
