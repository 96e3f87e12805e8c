"""The refund queue after inspection: return requests whose parcel the bench registered.

``queue_state`` gives a list's ids (nearest deadline first) and the summary counts from one
indexed query (first registration, platform status, current decision per request);
``refund_rows`` loads the details of a chunk of them as the lazy table model asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select, true, union
from sqlalchemy.orm import Session, aliased

from returnsdesk.config import RefundRules
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import (
    Parcel,
    Refund,
    RefundDecision,
)
from returnsdesk.domain.kinds import RefundView, Verdict
from returnsdesk.domain.status import ParcelStatus

# what a list shows: 待审核 (open), 已超时 (due), 跟进 (followup), 平台先退款 (flagged), all
VIEWS = tuple(RefundView)


@dataclass(frozen=True)
class Entry:
    """One request in the queue, as much as deciding its place in a list needs."""

    refund_id: int
    registered_at: dt.datetime
    received_at: dt.datetime
    platform_status: str
    finished_at: dt.datetime | None
    decision: str | None  # the current decision: approve / refuse / None
    decided_at: dt.datetime | None
    due_at: dt.datetime

    def platform_state(self, rules: RefundRules) -> str:
        """refunded / closed / "" (still open on the platform)."""
        if self.platform_status in rules.platform_refunded:
            return "refunded"
        if self.platform_status in rules.platform_closed:
            return "closed"
        return ""

    def refunded_before_arrival(self, rules: RefundRules) -> bool:
        return (
            self.platform_state(rules) == "refunded"
            and self.finished_at is not None
            and self.finished_at < self.received_at
        )

    def follow_up(self, rules: RefundRules, now: dt.datetime) -> bool:
        """Decided to refund, yet the platform does not show it refunded after a while."""
        return (
            self.decision == Verdict.APPROVE
            and self.decided_at is not None
            and self.platform_state(rules) != "refunded"
            and now - self.decided_at >= dt.timedelta(hours=rules.followup_hours)
        )


def current_decisions() -> tuple[type[RefundDecision], object]:
    """The decisions no later one supersedes (an alias and the condition to join it on)."""
    cur = aliased(RefundDecision)
    later = aliased(RefundDecision)
    return cur, ~exists().where(later.supersedes_id == cur.id)


class _Queue:
    """The queue as SQL: each request's first registration, its platform status and its
    current decision. Lists filter and order it in the database, so a list of 10,000
    requests costs one query returning ids."""

    def __init__(self, only: Sequence[int] | None = None) -> None:
        where = [Parcel.status == ParcelStatus.REGISTERED, Parcel.refund_id.is_not(None)]
        if only is not None:
            where.append(Parcel.refund_id.in_(list(only)))
        self.first = (
            select(
                Parcel.refund_id.label("rid"),
                func.coalesce(func.min(Parcel.registered_at), func.min(Parcel.received_at)).label(
                    "reg"
                ),
                func.min(Parcel.received_at).label("rec"),
            )
            .where(*where)
            .group_by(Parcel.refund_id)
            .subquery()
        )
        self.cur, is_current = current_decisions()
        self.is_current = is_current

    def select(self, *columns: Any) -> Select[Any]:
        f, cur = self.first, self.cur
        return (
            select(*columns)
            .select_from(f)
            .join(Refund, Refund.id == f.c.rid)
            .outerjoin(cur, and_(cur.refund_id == f.c.rid, self.is_current))  # type: ignore[arg-type]
        )

    def condition(self, view: str, rules: RefundRules, now: dt.datetime) -> ColumnElement[bool]:
        f, cur = self.first, self.cur
        done = (*rules.platform_refunded, *rules.platform_closed)
        flagged = and_(
            Refund.status.in_(rules.platform_refunded),
            Refund.finished_at.is_not(None),
            Refund.finished_at < f.c.rec,
        )
        is_open = and_(cur.id.is_(None), or_(Refund.status.not_in(done), flagged))
        if view == RefundView.OPEN:
            return is_open
        if view == RefundView.DUE:
            return and_(is_open, f.c.reg <= now - dt.timedelta(hours=rules.due_hours))
        if view == RefundView.FOLLOWUP:
            return and_(
                cur.decision == Verdict.APPROVE,
                cur.decided_at <= now - dt.timedelta(hours=rules.followup_hours),
                Refund.status.not_in(rules.platform_refunded),
            )
        if view == RefundView.FLAGGED:
            return flagged
        return true()


def session_entries(
    s: Session, rules: RefundRules, only: Sequence[int] | None = None
) -> list[Entry]:
    queue = _Queue(only)
    f, cur = queue.first, queue.cur
    q = queue.select(
        f.c.rid, f.c.reg, f.c.rec, Refund.status, Refund.finished_at, cur.decision, cur.decided_at
    ).order_by(f.c.reg, f.c.rid)
    hours = dt.timedelta(hours=rules.due_hours)
    return [
        Entry(rid, reg, rec, status, fin, dec, at, reg + hours)
        for rid, reg, rec, status, fin, dec, at in s.execute(q)
    ]


@dataclass(frozen=True)
class OpenSince:
    """An open request the floor lists: first registered at ``registered_at``."""

    refund_id: int
    refund_no: str
    buyer_id: str
    registered_at: dt.datetime
    due_at: dt.datetime


def open_since(
    s: Session, rules: RefundRules, since: dt.datetime, now: dt.datetime
) -> list[OpenSince]:
    """The open requests (as the 待审核 list has them) first registered between ``since`` and
    ``now``, nearest deadline first: the floor's refunds, one query bounded by the parcels'
    time indexes, so its cost follows the recent days and not the shop's history.

    The requests with a parcel scanned or registered since then come first, one range scan
    per time index; given as a list, PostgreSQL's planner then looks their parcels up by
    ``refund_id`` instead of grouping every parcel with a request (as it does for a
    subquery it misjudges)."""
    recent = s.scalars(
        union(
            select(Parcel.refund_id).where(Parcel.registered_at >= since),
            select(Parcel.refund_id).where(Parcel.received_at >= since),
        )
    ).all()
    ids = [rid for rid in recent if rid is not None]
    if not ids:
        return []
    queue = _Queue(only=ids)
    reg = queue.first.c.reg
    q = (
        queue.select(queue.first.c.rid, Refund.refund_no, Refund.buyer_id, reg)
        .where(queue.condition(RefundView.OPEN, rules, now), reg >= since, reg <= now)
        .order_by(reg, queue.first.c.rid)
    )
    hours = dt.timedelta(hours=rules.due_hours)
    return [OpenSince(rid, no, buyer, at, at + hours) for rid, no, buyer, at in s.execute(q)]


COUNTED = (RefundView.OPEN, RefundView.DUE, RefundView.FOLLOWUP)


@dataclass(frozen=True)
class QueueState:
    ids: list[int]  # the list's requests, nearest deadline first
    counts: dict[str, int]  # how many are open, overdue, waiting for the platform
    undecided: frozenset[int]  # the list's requests without a decision yet


def queue_state(
    sessions: SessionFactory, rules: RefundRules, now: dt.datetime, view: str = RefundView.OPEN
) -> QueueState:
    """A list's requests and the counts the tab's summary shows, from one query: each
    request comes with a flag per list, filtered here."""
    queue = _Queue()
    views = (view, *COUNTED)
    flags = [case((queue.condition(v, rules, now), 1), else_=0) for v in views]
    q = queue.select(queue.first.c.rid, queue.cur.id, *flags).order_by(
        queue.first.c.reg, queue.first.c.rid
    )
    ids: list[int] = []
    undecided: set[int] = set()
    totals = [0] * len(COUNTED)
    with sessions() as s:
        for rid, decision_id, in_view, *counted in s.connection().execute(q):
            if in_view:
                ids.append(rid)
                if decision_id is None:
                    undecided.add(rid)
            for i, flag in enumerate(counted):
                totals[i] += flag
    return QueueState(ids, dict(zip(COUNTED, totals, strict=True)), frozenset(undecided))


def queue_ids(
    sessions: SessionFactory, rules: RefundRules, now: dt.datetime, view: str = RefundView.OPEN
) -> list[int]:
    """The requests of a list (``VIEWS``), nearest deadline first."""
    queue = _Queue()
    q = (
        queue.select(queue.first.c.rid)
        .where(queue.condition(view, rules, now))
        .order_by(queue.first.c.reg, queue.first.c.rid)
    )
    with sessions() as s:
        return list(s.connection().execute(q).scalars())


def counts(sessions: SessionFactory, rules: RefundRules, now: dt.datetime) -> dict[str, int]:
    """How many requests wait for a decision, are overdue, or wait for the platform."""
    return queue_state(sessions, rules, now).counts
