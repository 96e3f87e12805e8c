"""The refund queue of 10,000 open requests loads in under 200 ms (issue: bench to refund).

"Loads" is what the lead's tab does on refresh: the queue's order in one query
(``refund_queue.queue_state``), then the first screen of rows through the lazy model (one chunk
of 100 requests with their items, order lines, money and suggestion). On SQLite and
PostgreSQL. Size: RETURNSDESK_BENCH_REFUNDS (default 10000).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import Engine, insert

from returnsdesk.config import Settings
from returnsdesk.context import AppContext
from returnsdesk.db.engine import make_session_factory
from returnsdesk.db.models import Order, OrderLine, Parcel, ParcelItem, Refund
from returnsdesk.ui.lead.refund_model import RefundModel

REQUESTS = int(os.environ.get("RETURNSDESK_BENCH_REFUNDS", "10000"))
NOW = dt.datetime(2026, 11, 23, 17, 0)
SCREEN_ROWS = 40


def _fill(ctx: AppContext, n: int) -> None:
    """``n`` requests, each with an order of two lines and a registered parcel of one item."""
    orders, lines, refunds, parcels, items = [], [], [], [], []
    for i in range(1, n + 1):
        orders.append({"id": i, "order_no": f"31{i:010d}", "buyer_id": f"b{i}",
                       "buyer_id_lower": f"b{i}", "total": Decimal("99.00")})  # fmt: skip
        lines += [
            {"order_id": i, "line_no": 1, "model": "5815", "color": "深紫", "size": "W7",
             "qty": 1, "price": Decimal("89.00")},
            {"order_id": i, "line_no": 2, "model": "8001", "color": "白色", "size": "均码",
             "qty": 1, "price": Decimal("10.00")},
        ]  # fmt: skip
        refunds.append({"id": i, "refund_no": f"20{i:010d}", "order_no": f"31{i:010d}",
                        "buyer_id": f"b{i}", "amount": Decimal("99.00"), "status": "退款待处理"})  # fmt: skip
        at = NOW - dt.timedelta(minutes=i * 3)
        parcels.append({"id": i, "tracking_no": f"YT{i:013d}", "day": at.date(), "received_at": at,
                        "registered_at": at, "status": "registered", "slip_no": i,
                        "buyer_id": f"b{i}", "order_id": i, "refund_id": i})  # fmt: skip
        items.append({"parcel_id": i, "model": "5815", "color": "深紫", "size": "W7", "qty": 1,
                      "reason": "尺码偏小", "condition": "完好" if i % 3 else "缺配件"})  # fmt: skip
    with ctx.sessions.begin() as s:
        for model, rows in ((Order, orders), (OrderLine, lines), (Refund, refunds),
                            (Parcel, parcels), (ParcelItem, items)):  # fmt: skip
            s.execute(insert(model), rows)
    if ctx.engine.dialect.name == "postgresql":  # as autovacuum would after such a load
        with ctx.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")


@pytest.fixture
def queue(any_engine: Engine, tmp_path: Path) -> Iterator[AppContext]:
    settings = Settings.resolve(home=str(tmp_path), db="sqlite://")
    ctx = AppContext(settings, any_engine, make_session_factory(any_engine))
    _fill(ctx, REQUESTS)
    return ctx


def test_queue_of_open_requests_loads_fast(benchmark, qapp, queue) -> None:  # type: ignore[no-untyped-def]
    model = RefundModel(queue, lambda: NOW)

    def load() -> list[str]:
        model.reload("open")
        return [
            model.index(r, c).data(Qt.ItemDataRole.DisplayRole)
            for r in range(SCREEN_ROWS)
            for c in range(model.columnCount())
        ]

    cells = benchmark.pedantic(load, rounds=10, warmup_rounds=1)
    assert model.rowCount() == REQUESTS
    assert cells[1] == f"20{REQUESTS:010d}"  # the oldest registration is due first
    print(f"\nrefund queue of {REQUESTS} open requests on {queue.engine.dialect.name}")
    if benchmark.stats is not None:
        assert benchmark.stats.stats.median < 0.200
