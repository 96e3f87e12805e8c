"""Who is where, and how fast each station answers: what the floor view reads.

A station says when it opens, who signs in there (at start and with F1), that it is still
there (a heartbeat a minute), and when it closes; it merges its measured pace (``domain.pace``)
into one row per station, day and step. Each is a small write through ``tx.run``."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from returnsdesk.db.base import local_now
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Station, StationTiming
from returnsdesk.domain.pace import Histogram, Step
from returnsdesk.services.common import tx

#: A station not heard from for this long is not listed as open (it crashed or lost power).
GONE_AFTER = dt.timedelta(minutes=3)


def _row(s: Session, station: str, now: dt.datetime) -> Station:
    row = s.get(Station, station)
    if row is None:
        row = Station(name=station, user="", opened_at=now, seen_at=now)
        s.add(row)
    return row


def open_station(
    sessions: SessionFactory, station: str, user: str, now: dt.datetime | None = None
) -> None:
    """The station started, with ``user`` signed in."""
    when = now or local_now()

    def work(s: Session) -> None:
        row = _row(s, station, when)
        row.opened_at = row.seen_at = when
        row.closed_at = None
        row.user, row.signed_in_at = user, when

    tx.run(sessions, work)


def sign_in(
    sessions: SessionFactory, station: str, user: str, now: dt.datetime | None = None
) -> None:
    """Another person took over the station (F1)."""
    when = now or local_now()

    def work(s: Session) -> None:
        row = _row(s, station, when)
        if row.user != user or row.signed_in_at is None:
            row.user, row.signed_in_at = user, when
        row.seen_at, row.closed_at = when, None

    tx.run(sessions, work)


def heartbeat(sessions: SessionFactory, station: str, now: dt.datetime | None = None) -> None:
    when = now or local_now()

    def work(s: Session) -> None:
        row = _row(s, station, when)
        row.seen_at, row.closed_at = when, None

    tx.run(sessions, work)


def note_evidence_disk(
    sessions: SessionFactory, station: str, free: int, floor: int, now: dt.datetime | None = None
) -> None:
    """The free space of the station's evidence folder and its floor, as its clean-up found
    them: the lead's view warns of a station below its floor from any PC."""
    when = now or local_now()

    def work(s: Session) -> None:
        row = _row(s, station, when)
        row.evidence_free, row.evidence_floor, row.evidence_checked_at = free, floor, when

    tx.run(sessions, work)


@dataclass(frozen=True)
class LowDisk:
    station: str
    free: int
    floor: int
    checked_at: dt.datetime


def low_evidence_disks(sessions: SessionFactory) -> list[LowDisk]:
    """The stations whose evidence folder was below its floor at their last clean-up."""
    with sessions() as s:
        rows = s.execute(
            select(Station.name, Station.evidence_free, Station.evidence_floor,
                   Station.evidence_checked_at)
            .where(Station.evidence_free < Station.evidence_floor)
            .order_by(Station.name)
        ).all()  # fmt: skip
    return [LowDisk(n, int(f or 0), int(fl or 0), at) for n, f, fl, at in rows if at is not None]


def close_station(sessions: SessionFactory, station: str, now: dt.datetime | None = None) -> None:
    when = now or local_now()

    def work(s: Session) -> None:
        row = s.get(Station, station)
        if row is not None:
            row.closed_at = row.seen_at = when

    tx.run(sessions, work)


def record_pace(
    sessions: SessionFactory,
    station: str,
    day: dt.date,
    measured: dict[Step, Histogram],
    now: dt.datetime | None = None,
) -> None:
    """Merge a station's counts since its last call into the day's rows."""
    when = now or local_now()
    wanted = {step: h for step, h in measured.items() if h.total}
    if not wanted:
        return

    def work(s: Session) -> None:
        for step, hist in wanted.items():
            row = s.get(StationTiming, (station, day, str(step)))
            if row is None:
                row = StationTiming(station=station, day=day, step=str(step), counts="[]")
                s.add(row)
            merged = Histogram.from_json(row.counts).merge(hist)
            row.counts, row.total, row.updated_at = merged.to_json(), merged.total, when

    tx.run(sessions, work)


@dataclass(frozen=True)
class StationPace:
    station: str
    step: Step
    count: int
    p50_ms: int | None
    p95_ms: int | None


def day_pace(sessions: SessionFactory, day: dt.date) -> list[StationPace]:
    with sessions() as s:
        rows = s.scalars(
            select(StationTiming)
            .where(StationTiming.day == day)
            .order_by(StationTiming.station, StationTiming.step)
        ).all()
    out = []
    for r in rows:
        h = Histogram.from_json(r.counts)
        step = Step(r.step) if r.step in Step._value2member_map_ else Step.SCAN_PANEL
        out.append(StationPace(r.station, step, h.total, h.quantile_ms(0.5), h.quantile_ms(0.95)))
    return out


class PaceMeter:
    """A station's measurements in memory until the next ``flush`` (thread-safe: the bench
    measures on the UI thread, a timer flushes)."""

    def __init__(self, station: str) -> None:
        self.station = station
        self._lock = threading.Lock()
        self._pending: dict[Step, Histogram] = {}
        self._day: dt.date | None = None

    def add(self, step: Step, seconds: float, today: dt.date | None = None) -> None:
        with self._lock:
            self._day = self._day or today or dt.date.today()
            self._pending.setdefault(step, Histogram()).add(seconds * 1000.0)

    def pending(self) -> int:
        with self._lock:
            return sum(h.total for h in self._pending.values())

    def flush(self, sessions: SessionFactory, now: dt.datetime | None = None) -> None:
        with self._lock:
            taken, day = self._pending, self._day
            self._pending, self._day = {}, None
        if taken and day is not None:
            record_pace(sessions, self.station, day, taken, now)
