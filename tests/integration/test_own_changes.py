"""A station passes over the change notices of its own commits (its windows were told by its
own actions) and still hears every other station's, on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from returnsdesk.db.changes import BATCH_S, OwnCommits, watcher_for
from returnsdesk.db.engine import SessionFactory, make_engine, make_session_factory
from returnsdesk.db.migrate import upgrade
from returnsdesk.db.models import Station

QUIET_S = BATCH_S + 0.6


class Heard:
    def __init__(self) -> None:
        self.batches: list[frozenset[str] | None] = []
        self.event = threading.Event()

    def __call__(self, tables: frozenset[str] | None) -> None:
        self.batches.append(tables)
        self.event.set()

    def wait(self, timeout: float = 5.0) -> frozenset[str] | None:
        assert self.event.wait(timeout), "nothing heard"
        self.event.clear()
        return self.batches[-1]


def _write(sessions: SessionFactory, name: str) -> None:
    now = dt.datetime(2026, 11, 23, 9)
    with sessions.begin() as s:
        s.merge(Station(name=name, user="u", opened_at=now, seen_at=now))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'shared.db'}")
        upgrade(engine)
        engine.dispose()
        yield f"sqlite:///{tmp_path / 'shared.db'}"
    else:
        pg: Engine = request.getfixturevalue("pg_engine")
        yield pg.url.render_as_string(hide_password=False)


def test_own_commits_are_passed_over_and_others_heard(url: str) -> None:
    mine, theirs = make_engine(url), make_engine(url)
    own = OwnCommits().track(mine)
    heard = Heard()
    watcher = watcher_for(url, heard, own)
    assert watcher is not None
    watcher.start()
    try:
        assert watcher.connected.wait(10)
        mine_s, theirs_s = make_session_factory(mine), make_session_factory(theirs)
        for n in range(5):  # a bench's own scans (each read back): nothing comes back
            _write(mine_s, f"bench-{n}")
            with mine_s() as s:  # a reader's rollback does not undo what was committed
                s.get(Station, f"bench-{n}")
        time.sleep(QUIET_S)
        assert heard.batches == []
        assert own.skipped >= 1
        _write(theirs_s, "desk-2")  # another station's commit is heard
        assert heard.wait() == frozenset({"stations"})
        _write(mine_s, "bench-7")  # both at once: the other's is not lost in the own
        _write(theirs_s, "desk-3")
        assert "stations" in (heard.wait() or {"stations"})
        time.sleep(QUIET_S)
        count = len(heard.batches)
        _write(mine_s, "bench-8")
        time.sleep(QUIET_S)
        assert len(heard.batches) == count
    finally:
        watcher.stop()
        mine.dispose()
        theirs.dispose()


def test_without_tracking_own_commits_are_heard(url: str) -> None:
    """The watcher's old behaviour where it cannot tell (no ``OwnCommits``)."""
    mine = make_engine(url)
    heard = Heard()
    watcher = watcher_for(url, heard)
    assert watcher is not None
    watcher.start()
    try:
        assert watcher.connected.wait(10)
        _write(make_session_factory(mine), "bench-1")
        assert heard.wait() == frozenset({"stations"})
    finally:
        watcher.stop()
        mine.dispose()
