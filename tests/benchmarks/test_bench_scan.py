"""Scan-to-match time at 1,000 and 1,000,000 orders, and the bench's cold start.

Targets (issue: the unpacking bench): under 20 ms median at a million orders, within 2x of the
1,000-order figure; GUI cold start to a ready scan box under 1.5 s. The generated databases
are kept in .benchmarks/ so a second run does not build them again.
Sizes: RETURNSDESK_BENCH_ORDERS (default 1000000).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from returnsdesk.config import Settings
from returnsdesk.db.models import Refund
from returnsdesk.domain.scan import classify
from returnsdesk.services.demo import fill_demo
from returnsdesk.services.match import match_tracking
from returnsdesk.services.setup import open_database

LARGE = int(os.environ.get("RETURNSDESK_BENCH_ORDERS", "1000000"))
CACHE = Path(".benchmarks")
medians: dict[int, float] = {}


def _database(orders: int):  # type: ignore[no-untyped-def]
    home = CACHE / f"orders-{orders}"
    settings = Settings.resolve(home=str(home), db=f"sqlite:///{home / 'returnsdesk.db'}")
    ready = home / "ready"
    if not ready.exists():
        (home / "returnsdesk.db").unlink(missing_ok=True)
        ctx = open_database(settings)
        fill_demo(ctx.sessions, orders=orders, seed=11, batch=20000)
        ctx.close()
        ready.write_text("ok")
    return open_database(settings)


@pytest.mark.parametrize("orders", [1000, LARGE])
def test_scan_to_match(benchmark, orders):
    ctx = _database(orders)
    with ctx.sessions() as s:
        numbers = list(s.scalars(select(Refund.return_tracking).limit(2000)))
    rng = random.Random(1)

    def scan_and_match() -> None:
        scan = classify(f" {rng.choice(numbers).lower()}\r")
        with ctx.sessions() as s:
            assert match_tracking(s, scan.value) is not None

    benchmark.pedantic(scan_and_match, rounds=300, warmup_rounds=20)
    medians[orders] = benchmark.stats.stats.median
    ctx.close()
    if orders == LARGE and 1000 in medians:
        assert medians[LARGE] < 0.020
        assert medians[LARGE] < 2 * max(medians[1000], 0.001)


START = """
import sys, time
from PySide6.QtCore import QTimer
from returnsdesk.config import Settings
from returnsdesk.services.setup import open_database
from returnsdesk.ui.app import make_app
from returnsdesk.ui.bench_window import BenchWindow
from returnsdesk.ui.ops import OpsBus
settings = Settings.resolve(home=sys.argv[1])
app = make_app("zh_CN")
ctx = open_database(settings)
w = BenchWindow(ctx, OpsBus())
w.show()
def ready():
    assert w.view.scan_input.hasFocus() or w.view.scan_input.isVisible()
    print("READY", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def test_gui_cold_start(benchmark, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    home = CACHE / "orders-1000"

    def start() -> None:
        out = subprocess.run(
            [sys.executable, "-c", START, str(home)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        assert "READY" in out.stdout

    _database(1000).close()
    t0 = time.perf_counter()
    benchmark.pedantic(start, rounds=5, warmup_rounds=1)
    assert benchmark.stats.stats.median < 1.5, time.perf_counter() - t0
