"""Weekly summary and XLSX export of a week over a year of registrations (report only).

Targets (issue: the lead's view): the summary over 500,000 registered items in under 1 s, the
XLSX export of a week in under 3 s. Size: RETURNSDESK_BENCH_REPORT_ITEMS (default 500000);
the generated database is kept in .benchmarks/ so a second run does not build it again.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from returnsdesk.config import Settings
from returnsdesk.context import AppContext
from returnsdesk.db.models import Order, Parcel, ParcelItem
from returnsdesk.domain.weeks import IsoWeek
from returnsdesk.reports.export import export_weekly
from returnsdesk.reports.weekly import bin_names_of, weekly_summary
from returnsdesk.services.common.setup import open_database

ITEMS = int(os.environ.get("RETURNSDESK_BENCH_REPORT_ITEMS", "500000"))
CACHE = Path(".benchmarks")
LAST_DAY = dt.date(2026, 11, 22)
WEEK = IsoWeek.of(LAST_DAY)
REASONS = ["尺码偏小", "尺码偏大", "不合适", "质量问题", "发错货", "物流破损", "后跟开裂", "不喜欢"]
BINS = ["restock", "repair", "damage", "transfer", "distribution"]
COURIERS = ["圆通", "中通", "申通", "韵达", "极兔", "顺丰", "EMS"]


def _fill(ctx: AppContext, items: int, seed: int = 5) -> None:
    """A year of registered parcels (1-3 items each) ending on ``LAST_DAY``."""
    rnd = random.Random(seed)
    orders = max(1, items // 10)
    with ctx.sessions.begin() as s:
        s.execute(
            insert(Order),
            [
                {
                    "id": i,
                    "order_no": f"B{i:09d}",
                    "buyer_id": f"buyer{i}",
                    "buyer_id_lower": f"buyer{i}",
                    "agent": f"客服{i % 12}",
                    "warehouse": "杭州" if i % 4 else "武汉",
                }
                for i in range(1, orders + 1)
            ],
        )
    pid, iid, parcels, rows = 0, 0, [], []
    while iid < items:
        pid += 1
        day = LAST_DAY - dt.timedelta(days=rnd.randrange(365))
        parcels.append(
            {
                "id": pid,
                "tracking_no": f"YT{pid:013d}",
                "courier": rnd.choice(COURIERS),
                "day": day,
                "received_at": dt.datetime.combine(day, dt.time(16)),
                "status": "registered",
                "slip_no": pid,
                "buyer_id": f"buyer{pid % orders + 1}",
                "order_id": pid % orders + 1,
            }
        )
        for _ in range(min(rnd.randint(1, 3), items - iid)):
            iid += 1
            rows.append(
                {
                    "id": iid,
                    "parcel_id": pid,
                    "model": str(5800 + rnd.randrange(60)),
                    "color": rnd.choice(["深紫", "灰色", "黑色"]),
                    "size": rnd.choice(["W5", "W6", "W7", "W8", "M8", "M9"]),
                    "qty": 1,
                    "reason": rnd.choice(REASONS),
                    "condition": rnd.choice(["完好", "损坏", "有穿着痕迹"]),
                    "bin": rnd.choice(BINS),
                }
            )
        if len(rows) >= 50000 or iid >= items:
            with ctx.sessions.begin() as s:
                s.execute(insert(Parcel), parcels)
                s.execute(insert(ParcelItem), rows)
            parcels, rows = [], []


@pytest.fixture(scope="module")
def ctx():  # type: ignore[no-untyped-def]
    home = CACHE / f"report-items-{ITEMS}"
    settings = Settings.resolve(home=str(home), db=f"sqlite:///{home / 'returnsdesk.db'}")
    ready = home / "ready"
    if not ready.exists():
        (home / "returnsdesk.db").unlink(missing_ok=True)
        context = open_database(settings)
        _fill(context, ITEMS)
        ready.touch()
    else:
        context = open_database(settings)
    yield context
    context.close()


def test_weekly_summary_over_all_items(benchmark, ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.sessions() as s:
        assert s.scalar(select(func.count(ParcelItem.id))) == ITEMS
    names = bin_names_of(ctx.settings.shop)
    summary = benchmark(weekly_summary, ctx.sessions, WEEK, names)
    assert summary.total > 0
    assert len(summary.breakdowns) == 8
    print(f"\nweekly summary over {ITEMS} items: week {WEEK} has {summary.total} items")


def test_xlsx_export_of_a_week(benchmark, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "week.xlsx"
    names = bin_names_of(ctx.settings.shop)
    summary = benchmark.pedantic(
        export_weekly, args=(ctx.sessions, WEEK, out, names), rounds=3, iterations=1
    )
    assert out.stat().st_size > 0
    assert summary.total > 0
    print(f"\nxlsx export of {summary.total} items: {out.stat().st_size} bytes")
