"""A keystroke in the money, target or accessory box, kept as the bench keeps it: what the UI
thread waits for (the parcel's own draft file replaced at once) and how long until it is
durable against a power cut (the background fsync), with no parcel parked and with 50.

Issue (one frame at the bench): the draft store writes only the parcel in hand, off the UI
thread, coalesced, and still survives a crash at any keystroke. The file is replaced before
the keystroke returns (a killed process loses nothing typed, the drafts' SIGKILL test shows
it); only the fsync, which matters for a power cut, waits in the background. A draft file
written whole on the UI thread took 2 ms a keystroke with 50 parked before.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from test_bench_register import _returns

from returnsdesk.services.admin.demo import fill_demo
from returnsdesk.services.bench.session import BenchSession, Event
from returnsdesk.services.bench.session.store import FileStore

KEYS = "邮费 12 现金 50"


@pytest.mark.parametrize("parked", [0, 50])
def test_keystroke_kept_and_durable(benchmark, app_context, tmp_path, parked):  # type: ignore[no-untyped-def]
    fill_demo(app_context.sessions, orders=1000, seed=7, today=dt.date.today())
    store = FileStore(tmp_path / "drafts", "bench-1")
    s = app_context.settings
    bench = BenchSession(app_context.sessions, s.shop, s.user, s.station, store=store)
    numbers = _returns(app_context.sessions, parked + 1)
    assert len(numbers) == parked + 1, "the demo shop has too few return requests"
    for tracking in numbers[:parked]:
        assert bench.scan(tracking).event is Event.RECEIVED
        bench.keep_typed("accessory:-1", "鞋垫")
        bench.cancel()  # parked, its draft kept
    assert bench.scan(numbers[-1]).event is Event.RECEIVED
    assert len(store.parked()) == parked
    durable: list[float] = []
    typed = iter(range(10**9))

    def keystroke() -> None:
        n = next(typed)
        bench.keep_typed("money", KEYS[: n % len(KEYS) + 1] + str(n))

    def then_durable() -> None:
        keystroke()
        t0 = time.perf_counter()
        assert store.syncer.wait()
        durable.append(time.perf_counter() - t0)

    for _ in range(50):
        then_durable()
    benchmark.pedantic(keystroke, rounds=300, iterations=1, warmup_rounds=5)
    store.syncer.wait()
    durable.sort()
    benchmark.extra_info.update(
        parked=parked,
        durable_p50_ms=round(durable[len(durable) // 2] * 1000, 2),
        durable_max_ms=round(durable[-1] * 1000, 2),
    )
    again = FileStore(tmp_path / "drafts", "bench-1")  # what a start after a crash reads
    current = again.current()
    assert current is not None
    assert current["typed"]["money"] == bench.draft.typed["money"]  # type: ignore[union-attr]
