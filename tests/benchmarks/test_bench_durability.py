"""What synchronous=FULL (durable on power loss) costs per registration on a SQLite file.

The same registrations with the shipped setting (FULL) and with NORMAL, the WAL default that
can lose the last commits in a power cut; the README quotes the difference.
Rounds: RETURNSDESK_BENCH_REGISTRATIONS (default 300).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from returnsdesk.db.engine import make_engine, make_session_factory
from returnsdesk.db.migrate import upgrade
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.services.bench import receive, register
from returnsdesk.services.bench.register import ItemInput, RegisterInput
from returnsdesk.services.common.lists import ensure_lists

ROUNDS = int(os.environ.get("RETURNSDESK_BENCH_REGISTRATIONS", "300"))
ITEM = ItemInput(ItemSpec("5815", "鞋", "深紫", "W7"), reason="尺码偏小", condition="完好")
NOW = dt.datetime(2026, 11, 22, 17, 0)


@pytest.mark.parametrize("synchronous", ["FULL", "NORMAL"])
def test_registration_cost_of_synchronous(
    benchmark: Any, tmp_path: Path, shop: Any, synchronous: str
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'bench.db'}")
    if synchronous != "FULL":

        @event.listens_for(engine, "connect")
        def _weaker(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.execute(f"PRAGMA synchronous={synchronous}")

    upgrade(engine)
    sessions = make_session_factory(engine)
    ensure_lists(sessions, shop)
    with engine.connect() as conn:
        level = conn.execute(text("PRAGMA synchronous")).scalar()
        assert level == {"FULL": 2, "NORMAL": 1}[synchronous]
    parcels: list[int] = []
    for n in range(ROUNDS + 5):
        got = receive.receive_scan(sessions, f"YT{n:013d}", "c", "bench-1", now=NOW)
        receive.attach_buyer(sessions, got.parcel.id, f"buyer{n}", "c", "bench-1")
        parcels.append(got.parcel.id)
    todo: Iterator[int] = iter(parcels)

    def register_one() -> None:
        register.register_parcel(sessions, next(todo), RegisterInput((ITEM,)), "c", "bench-1", shop)

    benchmark.pedantic(register_one, rounds=ROUNDS, warmup_rounds=3)
    engine.dispose()
