"""The floor view's queries over a shop's history, on SQLite and PostgreSQL.

Target (issue 23): answered in under 100 ms at 200k parcels. Size:
RETURNSDESK_BENCH_FLOOR_PARCELS (default 200000), about 280 a working day, a quarter of them
with a return request; the last day has parcels waiting, refunds near their deadline, slips.
No request is ever decided, so every one of the 50,000 is open: the worst backlog there is.

Measured at 200k parcels (medians, 2 shared cores), before → after bounding the floor's
refunds to those first registered in the last ``REFUND_DAYS`` (the queue's own definition of
open, looked up through the parcels' time indexes instead of grouping the whole history):
SQLite 1,111 ms → 23 ms; PostgreSQL 2,759 ms (1,634 ms with statistics) → 24–48 ms with
statistics (107 ms on a just-loaded database that has none yet, hence the ANALYZE below)."""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, insert, text

from returnsdesk.config import RefundRules
from returnsdesk.db.engine import make_session_factory
from returnsdesk.db.models import Parcel, ParcelItem, Refund, ReshipSlip
from returnsdesk.reports.floor import floor

PARCELS = int(os.environ.get("RETURNSDESK_BENCH_FLOOR_PARCELS", "200000"))
PER_DAY = 280
LAST_DAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 18, 0)


def _fill(engine: Engine, parcels: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    days = max(1, parcels // PER_DAY)
    refunds, rows, items = [], [], []
    for i in range(1, parcels + 1):
        day = LAST_DAY - dt.timedelta(days=days - 1 - (i - 1) // PER_DAY)
        received = dt.datetime.combine(day, dt.time(9)) + dt.timedelta(minutes=rnd.randrange(600))
        last = day == LAST_DAY
        open_ = last and rnd.random() < 0.05
        refund_id = i if i % 4 == 0 else None
        if refund_id:
            refunds.append({"id": i, "refund_no": f"R{i:09d}", "order_no": f"O{i}",
                            "buyer_id": f"b{i}", "return_tracking": f"YT{i:013d}"})  # fmt: skip
        rows.append({
            "id": i, "tracking_no": f"YT{i:013d}", "day": day, "received_at": received,
            "registered_at": None if open_ else received + dt.timedelta(minutes=rnd.randrange(1, 9)),
            "status": "matched" if open_ else "registered", "clerk": f"clerk{i % 3}",
            "station": f"bench-{i % 2}", "refund_id": refund_id, "updated_at": received,
        })  # fmt: skip
        items.append({"parcel_id": i, "model": "5815", "qty": 1 + i % 2})
    with engine.begin() as conn:
        for chunk in range(0, len(refunds), 20000):
            conn.execute(insert(Refund), refunds[chunk : chunk + 20000])
        for chunk in range(0, len(rows), 20000):
            conn.execute(insert(Parcel), rows[chunk : chunk + 20000])
            conn.execute(insert(ParcelItem), items[chunk : chunk + 20000])
        conn.execute(insert(ReshipSlip), [
            {"kind": "换", "buyer_id": f"b{n}", "state": ("pending", "printed", "shipped")[n % 3],
             "created_at": NOW - dt.timedelta(hours=n)} for n in range(300)
        ])  # fmt: skip


@pytest.fixture
def floor_engine(any_engine: Engine) -> Iterator[Engine]:
    _fill(any_engine, PARCELS)
    if any_engine.dialect.name == "postgresql":
        # as autovacuum does within a minute of a load this size: without statistics the
        # planner reads every parcel for a time range (default selectivity), which no shop
        # that has run a day sees
        with any_engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    return any_engine


def test_floor_queries_at_scale(benchmark, floor_engine) -> None:  # type: ignore[no-untyped-def]
    sessions = make_session_factory(floor_engine)
    report = benchmark(floor, sessions, LAST_DAY, NOW, RefundRules())
    benchmark.extra_info.update(
        parcels=PARCELS,
        open_refunds_listed=len(report.refunds),
        before_median_ms={"sqlite": 1111, "postgresql": 2759},
    )
    assert report.totals["received"] == min(PARCELS, PER_DAY)
    assert report.to_print
    assert report.to_ship
