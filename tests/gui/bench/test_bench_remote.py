"""The bench while other stations work: their parcels arrive in today's list through the
database (``PRAGMA data_version`` on the shared file), the clerk's scan box keeps the focus and
what was typed, the list keeps its selected parcel and the rows in view; the bench's own
registration is not heard back; and the bench's measured pace ends in ``station_timings``."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView
from test_bench import register_matched

from returnsdesk.db.changes import OwnCommits
from returnsdesk.db.engine import make_engine, make_session_factory
from returnsdesk.domain.pace import Step
from returnsdesk.services.bench import receive
from returnsdesk.services.common import stations
from returnsdesk.ui.common.remote import RemoteChanges

from helpers.gui import child, focused


def _other_station(ctx):  # type: ignore[no-untyped-def]
    """A second station's connection to the same file (the watcher cannot tell it from
    another process's: only this process's tracked engine is its own)."""
    return make_session_factory(make_engine(ctx.settings.db_url))


def _remote(qtbot, ctx, bus) -> tuple[RemoteChanges, list[object]]:  # type: ignore[no-untyped-def]
    own = OwnCommits().track(ctx.engine)
    ctx.engine.dispose()
    remote = RemoteChanges(ctx.settings.db_url, bus, own=own)
    heard: list[object] = []
    remote.arrived.connect(heard.append)
    remote.start()
    assert remote.watcher is not None
    assert remote.watcher.connected.wait(10)
    return remote, heard


def test_remote_refresh_keeps_focus_typing_selection_and_scroll(qtbot, bench):
    ctx = bench.ctx
    remote, heard = _remote(qtbot, ctx, bench.controller.bus)
    other = _other_station(ctx)
    try:
        table = child(bench, QTableView, "todayTable")
        model = table.model()
        for n in range(40):
            receive.receive_scan(other, f"YT8{n:012d}", "clerk2", "bench-2")
        qtbot.waitUntil(lambda: model.rowCount() >= 40, timeout=5000)
        table.resize(table.width(), 200)
        table.selectRow(12)
        table.verticalScrollBar().setValue(table.verticalScrollBar().maximum() // 2)
        QApplication.processEvents()
        chosen = model.index(12, 0).data()
        top = model.index(table.rowAt(0), 0).data()
        box = child(bench, QLineEdit, "scanInput")
        box.setFocus()
        qtbot.keyClicks(box, "YT12")  # half a number typed when the others' parcels come
        rows = model.rowCount()
        for n in range(40, 45):
            receive.receive_scan(other, f"YT8{n:012d}", "clerk2", "bench-2")
        qtbot.waitUntil(lambda: model.rowCount() == rows + 5, timeout=5000)
        QApplication.processEvents()
        assert focused("scanInput")
        assert box.text() == "YT12"
        selected = table.selectionModel().selectedRows()
        assert [model.index(i.row(), 0).data() for i in selected] == [chosen]
        assert model.index(table.rowAt(0), 0).data() == top
        assert heard
    finally:
        remote.stop()
        other.kw["bind"].dispose()


def test_own_registration_is_not_heard_back(qtbot, bench):
    remote, heard = _remote(qtbot, bench.ctx, bench.controller.bus)
    try:
        register_matched(qtbot, bench)
        qtbot.wait(600)  # a batch is handed on 200 ms after its first notice
        assert heard == []
        assert remote.watcher is not None
        assert remote.watcher.own is not None
        assert remote.watcher.own.skipped >= 1
    finally:
        remote.stop()


def test_the_bench_records_its_pace(qtbot, bench):
    register_matched(qtbot, bench)
    bench.controller.pace.flush()
    pace = {
        p.step: p
        for p in stations.day_pace(bench.ctx.sessions, dt.date.today())
        if p.station == bench.ctx.settings.station
    }
    assert pace[Step.SCAN_PANEL].count >= 1
    assert pace[Step.REGISTER_READY].count == 1
    assert pace[Step.SCAN_PANEL].p50_ms is not None


def test_the_half_minute_pace_write_runs_off_the_ui_thread(qtbot, bench, monkeypatch):
    """A parcel never waits for the pace's write: the timer's flush runs in the thread pool,
    and what it merged is in the day's rows once it is done."""
    import threading

    pace = bench.controller.pace
    writers: list[threading.Thread] = []
    flush = pace.meter.flush

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        writers.append(threading.current_thread())
        return flush(*args, **kwargs)

    monkeypatch.setattr(pace.meter, "flush", recorded)
    register_matched(qtbot, bench)
    pace.flush_soon()
    QThreadPool.globalInstance().waitForDone(5000)  # the write in the pool is done
    assert writers
    assert writers[0] is not threading.main_thread()
    rows = stations.day_pace(bench.ctx.sessions, dt.date.today())
    assert any(p.step == Step.REGISTER_READY and p.count == 1 for p in rows)
