"""One `register` line with many items: linear in items, and short enough not to hold the
write lock over other stations. Target (issue 26): 200 items under 1 s, on both databases.
500 and 1,000 are measured too (were 13.5 s and 100 s)."""

from __future__ import annotations

import time

import pytest

from returnsdesk.db.engine import make_session_factory
from returnsdesk.services.bench.session.batch import Batch
from returnsdesk.services.common.lists import ensure_lists

from helpers.factories import big_line


@pytest.mark.parametrize("db", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_register_line_of_many_items(benchmark, request, db, shop):
    engine = request.getfixturevalue("sqlite_engine" if db == "sqlite" else "pg_engine")
    sessions = make_session_factory(engine)
    ensure_lists(sessions, shop)
    batch = Batch(sessions, shop, "clerk", "bench-1")
    times: dict[int, float] = {}

    def lines() -> None:
        for k, n in enumerate((200, 500, 1000)):
            t0 = time.perf_counter()
            out = batch.line(big_line(n, f"YT98765432101{k:02d}"))
            times[n] = time.perf_counter() - t0
            assert "error" not in out, out

    benchmark.pedantic(lines, rounds=1, iterations=1)
    benchmark.extra_info.update({f"items_{n}_s": round(t, 3) for n, t in times.items()})
    assert times[200] < 1.0, times
    assert times[1000] < 5 * times[200] * 1.5, times  # linear, with room for noise
