"""A bench that waits too long for the database says so and keeps the clerk's work.

Another process holds SQLite's write lock (an import batch, another station) longer than a
bench waits; the clerk's Enter shows 数据库正忙 in the status line instead of a traceback,
the parcel and its items stay on the bench, and Enter again registers once the lock is free.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from test_bench import ENTER, key, parcels, scan_and_choose, status

from returnsdesk.db import engine as db_engine

HOLD = """
import sys, time
from sqlalchemy import text
from returnsdesk.db.engine import make_engine, make_session_factory
sessions = make_session_factory(make_engine(sys.argv[1]))
with sessions.begin() as s:
    s.execute(text("UPDATE parcels SET note = note WHERE id = -1"))
    print("held", flush=True)
    sys.stdin.readline()
"""


@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Benches wait half a second instead of five (set before the database is opened)."""
    monkeypatch.setattr(db_engine, "LOCK_WAIT_S", 0.5)


def test_busy_database_is_said_and_the_work_is_kept(short_wait, qtbot, bench):  # type: ignore[no-untyped-def]
    v = bench.view
    scan_and_choose(qtbot, bench)  # then Enter on the empty scan box registers
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, bench.ctx.settings.db_url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        key(qtbot, v.scan_input, ENTER)
        qtbot.waitUntil(lambda: "数据库正忙" in status(bench))
        assert "录入的内容已保留" in status(bench)
        draft = bench.controller.session.draft
        assert draft is not None
        assert len(draft.items) == 1
        assert [p.status for p in parcels(bench.ctx)] == ["matched"]
    finally:
        holder.communicate("done\n", timeout=30)
    key(qtbot, v.scan_input, ENTER)
    qtbot.waitUntil(lambda: "已登记" in status(bench))
    assert [p.status for p in parcels(bench.ctx)] == ["registered"]
