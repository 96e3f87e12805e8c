"""The floor, for the lead: the day's pace by hour and by clerk, what waits, who is where.

Read from committed rows with a few indexed queries (the day's parcels by ``day``, the open
refunds of the last ``REFUND_DAYS`` through the refund queue's definition, open reship slips
by state, the stations), then counted in Python: a day is a few hundred parcels, and the same
code runs on SQLite and PostgreSQL. ``floor_export`` writes it out (XLSX sheets, JSON).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from returnsdesk.config import RefundRules
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import AuditEntry, Parcel, ParcelItem, ReshipSlip, Station
from returnsdesk.domain.kinds import AuditAction, SlipState
from returnsdesk.domain.pace import Step, percentile
from returnsdesk.domain.status import OPEN, ParcelStatus
from returnsdesk.services.common import stations
from returnsdesk.services.refunds import queue as refund_queue

#: Parcels waiting unregistered longer than this are red.
WAIT_MINUTES = 60
#: Refunds with less than this left of their deadline are red.
URGENT_HOURS = 2.0
#: How far back open parcels are looked for (older ones are the day close's business).
WAIT_DAYS = 7
#: How far back open refunds are looked for: those first registered earlier are long overdue,
#: and the refunds tab's 已超时 list holds them (the floor would otherwise group the whole
#: history of returns on every refresh).
REFUND_DAYS = 7
#: What a clerk did that undoes or corrects: a scan taken back, a money entry reversed.
CORRECTIONS = (AuditAction.DISCARD, AuditAction.MONEY_REVERSE)
DONE = (ParcelStatus.REGISTERED, ParcelStatus.NO_INFO)


@dataclass(frozen=True)
class HourRow:
    hour: int
    received: int
    registered: int
    refused: int
    parked: int  # received this hour, set aside unregistered (not the one in hand)
    waiting: int  # scanned and not registered at the end of the hour


@dataclass(frozen=True)
class ClerkRow:
    clerk: str
    parcels: int
    items: int
    median_min: float | None  # first scan to registration
    p90_min: float | None
    refusals: int
    corrections: int


@dataclass(frozen=True)
class WaitingParcel:
    parcel_id: int
    tracking_no: str
    station: str
    clerk: str
    received_at: dt.datetime
    minutes: int
    late: bool


@dataclass(frozen=True)
class RefundDue:
    refund_no: str
    buyer_id: str
    due_at: dt.datetime
    hours_left: float
    urgent: bool


@dataclass(frozen=True)
class SlipWaiting:
    slip_id: int
    kind: str
    buyer_id: str
    state: str
    since: dt.datetime


@dataclass(frozen=True)
class StationRow:
    station: str
    user: str
    signed_in_at: dt.datetime | None
    seen_at: dt.datetime
    open: bool
    last_tracking: str
    last_at: dt.datetime | None
    scan_p50_ms: int | None = None
    scan_p95_ms: int | None = None
    register_p50_ms: int | None = None
    register_p95_ms: int | None = None
    measured: int = 0


@dataclass(frozen=True)
class FloorReport:
    day: dt.date
    at: dt.datetime
    wait_minutes: int
    hours: list[HourRow]
    clerks: list[ClerkRow]
    waiting: list[WaitingParcel]
    refunds: list[RefundDue]
    to_print: list[SlipWaiting]
    to_ship: list[SlipWaiting]
    stations: list[StationRow]
    totals: dict[str, int] = field(default_factory=dict)

    def refund_bands(self) -> dict[str, int]:
        """Open refunds by time left: overdue, under 2 h, 2–6 h, 6–12 h, 12 h and more."""
        bands = {"overdue": 0, "lt2": 0, "lt6": 0, "lt12": 0, "rest": 0}
        for r in self.refunds:
            key = (
                "overdue"
                if r.hours_left < 0
                else "lt2"
                if r.hours_left < URGENT_HOURS
                else "lt6"
                if r.hours_left < 6
                else "lt12"
                if r.hours_left < 12
                else "rest"
            )
            bands[key] += 1
        return bands


@dataclass
class _P:
    id: int
    tracking_no: str
    received_at: dt.datetime
    registered_at: dt.datetime | None
    status: str
    clerk: str
    station: str
    updated_at: dt.datetime


def floor(
    sessions: SessionFactory,
    day: dt.date,
    now: dt.datetime,
    rules: RefundRules,
    wait_minutes: int = WAIT_MINUTES,
) -> FloorReport:
    """The floor of ``day`` as the database holds it at ``now``."""
    start = dt.datetime.combine(day, dt.time())
    with sessions() as s:
        parcels = [
            _P(*row)
            for row in s.execute(
                select(
                    Parcel.id, Parcel.tracking_no, Parcel.received_at, Parcel.registered_at,
                    Parcel.status, Parcel.clerk, Parcel.station, Parcel.updated_at,
                ).where(Parcel.day == day)
            )
        ]  # fmt: skip
        items = dict(
            s.execute(
                select(ParcelItem.parcel_id, func.sum(ParcelItem.qty))
                .join(Parcel, Parcel.id == ParcelItem.parcel_id)
                .where(Parcel.day == day)
                .group_by(ParcelItem.parcel_id)
            ).all()
        )
        corrections = dict(
            s.execute(
                select(AuditEntry.user, func.count())
                .where(
                    AuditEntry.at >= start,
                    AuditEntry.at < start + dt.timedelta(days=1),
                    AuditEntry.action.in_([str(a) for a in CORRECTIONS]),
                )
                .group_by(AuditEntry.user)
            ).all()
        )
        waiting = _waiting(s, day, now, wait_minutes)
        refunds = _refunds(s, rules, day, now)
        slips = _slips(s)
        station_rows = s.scalars(select(Station).order_by(Station.name)).all()
    in_hand = _in_hand(parcels)
    report = FloorReport(
        day=day,
        at=now,
        wait_minutes=wait_minutes,
        hours=_hours(parcels, in_hand, day, now),
        clerks=_clerks(parcels, items, corrections),
        waiting=waiting,
        refunds=refunds,
        to_print=[x for x in slips if x.state != SlipState.PRINTED],
        to_ship=[x for x in slips if x.state == SlipState.PRINTED],
        stations=_stations(sessions, station_rows, parcels, day, now),
    )
    report.totals.update(
        received=len(parcels),
        registered=sum(p.status in DONE for p in parcels),
        refused=sum(p.status == ParcelStatus.REFUSED for p in parcels),
        open=sum(p.status in OPEN for p in parcels),
        items=int(sum(int(n or 0) for n in items.values())),
    )
    return report


def _closed_at(p: _P) -> dt.datetime | None:
    if p.status in DONE:
        return p.registered_at or p.updated_at
    if p.status == ParcelStatus.REFUSED:
        return p.received_at
    return None


def _in_hand(parcels: Sequence[_P]) -> set[int]:
    """Per station, the latest scanned parcel if it is still open: the one in hand. Other open
    parcels were set aside (parked)."""
    latest: dict[str, _P] = {}
    for p in parcels:
        cur = latest.get(p.station)
        if cur is None or (p.received_at, p.id) > (cur.received_at, cur.id):
            latest[p.station] = p
    return {p.id for p in latest.values() if p.status in OPEN}


def _hours(
    parcels: Sequence[_P], in_hand: set[int], day: dt.date, now: dt.datetime
) -> list[HourRow]:
    if not parcels:
        return []
    stamps = [p.received_at for p in parcels] + [
        t for p in parcels if (t := _closed_at(p)) is not None and t.date() == day
    ]
    first = min(t.hour for t in stamps if t.date() == day) if stamps else 0
    last = max(t.hour for t in stamps if t.date() == day) if stamps else 0
    if now.date() == day:
        last = max(last, now.hour)
    received: dict[int, int] = defaultdict(int)
    registered: dict[int, int] = defaultdict(int)
    refused: dict[int, int] = defaultdict(int)
    parked: dict[int, int] = defaultdict(int)
    for p in parcels:
        received[p.received_at.hour] += 1
        if p.status in OPEN and p.id not in in_hand:
            parked[p.received_at.hour] += 1
        closed = _closed_at(p)
        if p.status == ParcelStatus.REFUSED:
            refused[p.received_at.hour] += 1
        elif closed is not None and closed.date() == day:
            registered[closed.hour] += 1
    rows = []
    for h in range(first, last + 1):
        end = dt.datetime.combine(day, dt.time(h)) + dt.timedelta(hours=1)
        waiting = sum(
            1
            for p in parcels
            if p.received_at < end
            and p.status != ParcelStatus.REFUSED
            and ((c := _closed_at(p)) is None or c >= end)
        )
        rows.append(HourRow(h, received[h], registered[h], refused[h], parked[h], waiting))
    return rows


def _clerks(
    parcels: Sequence[_P], items: dict[int, Any], corrections: dict[str, int]
) -> list[ClerkRow]:
    by: dict[str, list[_P]] = defaultdict(list)
    for p in parcels:
        by[p.clerk].append(p)
    for name in corrections:
        by.setdefault(name, [])
    out = []
    for clerk in sorted(by):
        done = [p for p in by[clerk] if p.status in DONE]
        minutes = [
            (p.registered_at - p.received_at).total_seconds() / 60
            for p in done
            if p.registered_at is not None and p.registered_at >= p.received_at
        ]
        med, p90 = percentile(minutes, 0.5), percentile(minutes, 0.9)
        out.append(
            ClerkRow(
                clerk=clerk,
                parcels=len(done),
                items=int(sum(int(items.get(p.id) or 0) for p in done)),
                median_min=round(med, 1) if med is not None else None,
                p90_min=round(p90, 1) if p90 is not None else None,
                refusals=sum(p.status == ParcelStatus.REFUSED for p in by[clerk]),
                corrections=int(corrections.get(clerk, 0)),
            )
        )
    return out


def _waiting(s: Any, day: dt.date, now: dt.datetime, wait_minutes: int) -> list[WaitingParcel]:
    rows = s.execute(
        select(Parcel.id, Parcel.tracking_no, Parcel.station, Parcel.clerk, Parcel.received_at)
        .where(
            Parcel.day >= day - dt.timedelta(days=WAIT_DAYS),
            Parcel.day <= day,
            Parcel.status.in_([str(x) for x in OPEN]),
        )
        .order_by(Parcel.received_at, Parcel.id)
    ).all()
    out = []
    for pid, tracking, station, clerk, at in rows:
        minutes = max(0, int((now - at).total_seconds() // 60))
        out.append(
            WaitingParcel(pid, tracking, station, clerk, at, minutes, minutes > wait_minutes)
        )
    return out


def _slips(s: Any) -> list[SlipWaiting]:
    waiting = (SlipState.PENDING, SlipState.PROBLEM, SlipState.PRINTED)
    rows = s.execute(
        select(
            ReshipSlip.id, ReshipSlip.kind, ReshipSlip.buyer_id, ReshipSlip.state,
            ReshipSlip.created_at, ReshipSlip.printed_at,
        )
        .where(ReshipSlip.state.in_([str(x) for x in waiting]))
        .order_by(ReshipSlip.created_at, ReshipSlip.id)
    ).all()  # fmt: skip
    return [
        SlipWaiting(
            sid, kind, buyer, state, (printed or created) if state == "printed" else created
        )
        for sid, kind, buyer, state, created, printed in rows
    ]


def _refunds(s: Any, rules: RefundRules, day: dt.date, now: dt.datetime) -> list[RefundDue]:
    since = dt.datetime.combine(day - dt.timedelta(days=REFUND_DAYS), dt.time())
    out = []
    for e in refund_queue.open_since(s, rules, since, now):
        left = (e.due_at - now).total_seconds() / 3600
        out.append(
            RefundDue(e.refund_no, e.buyer_id, e.due_at, round(left, 2), left < URGENT_HOURS)
        )
    return out


def _stations(
    sessions: SessionFactory,
    rows: Iterable[Station],
    parcels: Sequence[_P],
    day: dt.date,
    now: dt.datetime,
) -> list[StationRow]:
    last: dict[str, _P] = {}
    for p in parcels:
        cur = last.get(p.station)
        if cur is None or (p.updated_at, p.id) > (cur.updated_at, cur.id):
            last[p.station] = p
    pace: dict[str, dict[Step, stations.StationPace]] = defaultdict(dict)
    for sp in stations.day_pace(sessions, day):
        pace[sp.station][sp.step] = sp
    out = []
    names = {r.name: r for r in rows}
    for name in sorted(set(names) | set(pace)):
        r = names.get(name)
        lp = last.get(name)
        scan, reg = pace[name].get(Step.SCAN_PANEL), pace[name].get(Step.REGISTER_READY)
        is_open = bool(r and r.closed_at is None and now - r.seen_at <= stations.GONE_AFTER)
        out.append(
            StationRow(
                station=name,
                user=r.user if r else "",
                signed_in_at=r.signed_in_at if r else None,
                seen_at=r.seen_at if r else now,
                open=is_open,
                last_tracking=lp.tracking_no if lp else "",
                last_at=lp.updated_at if lp else None,
                scan_p50_ms=scan.p50_ms if scan else None,
                scan_p95_ms=scan.p95_ms if scan else None,
                register_p50_ms=reg.p50_ms if reg else None,
                register_p95_ms=reg.p95_ms if reg else None,
                measured=(scan.count if scan else 0) + (reg.count if reg else 0),
            )
        )
    return out


# --- out ---------------------------------------------------------------------------------
