"""A `register` line of many items: it registers, and the work grows with the items, not with
their square (the draft used to be stored whole after every step: 1,000 items took 100 s
while the line held the write lock). Timing is in tests/benchmarks/test_bench_register_big.py.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import ParcelItem
from returnsdesk.services.bench.session.batch import Batch
from returnsdesk.services.bench.session.store import MemoryStore

from helpers.factories import big_line


class CountingStore(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.saves = 0
        self.saved_items = 0

    def save(self, parcel_id: int, data: dict[str, Any], current: bool) -> None:
        self.saves += 1
        self.saved_items += len(data.get("items", []))
        super().save(parcel_id, data, current=current)


def _register(sessions: SessionFactory, shop: Any, n: int, tracking: str) -> CountingStore:
    batch = Batch(sessions, shop, "clerk", "bench-1")
    store = CountingStore()
    batch._bench("clerk", "bench-1").store = store
    out = batch.line(big_line(n, tracking))
    assert "error" not in out, out
    with sessions() as s:
        items = s.scalar(
            select(func.count()).select_from(ParcelItem).where(ParcelItem.parcel_id == out["id"])
        )
    assert items == n
    return store


def test_a_200_item_parcel_registers_storing_its_draft_a_bounded_number_of_times(
    any_sessions: SessionFactory, shop: Any
) -> None:
    small = _register(any_sessions, shop, 10, "YT9876543210123")
    big = _register(any_sessions, shop, 200, "YT9876543210124")
    assert big.saves == small.saves  # not one per key of the line
    assert big.saved_items <= 200 * 3  # the items stored a few times at most, not 200 x 200
