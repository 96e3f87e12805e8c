"""The demo shop's floor on its first start: the benches that worked today, who is signed in
at each and since when, and the pace each measured, so the lead's floor tab shows stations
with their p50/p95 instead of an empty list. bench-2 is the slower PC the floor is there to
reveal."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from sqlalchemy.orm import Session

from returnsdesk.db.models import Station, StationTiming
from returnsdesk.domain.pace import Histogram, Step
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.services.admin.demo_parcels import CLERKS, DemoParcel

#: Median milliseconds per station: (scan → panel, register → ready).
PACE_MS = {"bench-1": (14.0, 24.0), "bench-2": (31.0, 52.0)}


def _histogram(r: random.Random, median_ms: float, n: int) -> Histogram:
    h = Histogram()
    for _ in range(n):
        h.add(r.lognormvariate(0, 0.35) * median_ms)
    return h


def write_floor(s: Session, parcels: Sequence[DemoParcel], seed: int, now: dt.datetime) -> int:
    """Stations and today's measured pace (inside the caller's transaction); how many
    stations."""
    r = random.Random(seed * 104729)
    today = now.date()
    for clerk, station in CLERKS:
        mine = [p for p in parcels if p.day == today and p.station == station]
        first = min((p.received_at for p in mine), default=now - dt.timedelta(hours=1))
        opened = max(first - dt.timedelta(minutes=12), dt.datetime.combine(today, dt.time()))
        s.merge(Station(name=station, user=clerk, signed_in_at=opened, opened_at=opened,
                      seen_at=now, closed_at=None))  # fmt: skip
        scan_ms, register_ms = PACE_MS.get(station, (20.0, 35.0))
        done = sum(p.status == ParcelStatus.REGISTERED for p in mine)
        for step, median, n in (
            (Step.SCAN_PANEL, scan_ms, len(mine) + len(mine) // 5),
            (Step.REGISTER_READY, register_ms, done),
        ):
            h = _histogram(r, median, n)
            if h.total:
                s.merge(StationTiming(station=station, day=today, step=str(step),
                                    counts=h.to_json(), total=h.total, updated_at=now))  # fmt: skip
    return len(CLERKS)
