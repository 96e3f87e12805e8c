"""Hearing what other processes committed, without polling the tables.

PostgreSQL: a dedicated connection ``LISTEN``s to the notices the triggers of migration 0009
send at commit ("table kind id"). It checks it is alive (``SELECT 1`` every few seconds,
TCP keepalives, a short user timeout), reconnects by itself and then reports everything as
changed, since notices sent while it was away are gone.

SQLite: ``PRAGMA data_version`` on one connection, read a few milliseconds apart, moves when
any other connection committed; the per-table counters in ``change_hints`` say which tables.
A move that no counter explains (a bulk import of orders) reports everything.

Both gather a burst for ``BATCH_S`` and hand the set of table names (``None``: not known,
refresh everything) to ``deliver`` on their own thread; the caller moves it to its UI.

A station already told its own windows what its own actions changed, so ``OwnCommits``
lets its watcher pass over its own commits where it can tell: on PostgreSQL a notice
carries the backend pid of the session that sent it, and the engine's connections are
known by theirs; on SQLite a writing transaction holds the write lock from ``BEGIN
IMMEDIATE`` to ``COMMIT``, so the ``change_hints`` counters it reads at both ends are
exactly the steps it made. A commit it cannot place is reported, never lost.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url

from returnsdesk.db.engine import WRITE_OPTION

log = logging.getLogger(__name__)

CHANNEL = "returnsdesk_changes"
#: A burst of notices is handed on once, this long after its first one.
BATCH_S = 0.2
#: How often the listening connection proves it is alive, and how long it may take.
ALIVE_EVERY_S = 5.0
ALIVE_TIMEOUT_S = 2.0
#: How long to wait before connecting again after the server went away.
RETRY_S = 0.5
#: How often SQLite's data_version is read.
POLL_S = 0.02

Deliver = Callable[[frozenset[str] | None], None]


def parse_notice(payload: str) -> str:
    """The table a notice names ("parcels update 12" → "parcels")."""
    return payload.split(" ", 1)[0]


class OwnCommits:
    """This process's own commits, as its watcher sees them (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pids: set[int] = set()
        self._steps: dict[str, set[tuple[int, int]]] = {}
        self.skipped = 0  # notices or moves passed over as this process's own

    def track(self, engine: Engine) -> OwnCommits:
        """Learns ``engine``'s connections (PostgreSQL) or writing transactions (SQLite)."""
        if engine.dialect.name == "postgresql":
            event.listen(engine, "connect", self._pg_connect)
            event.listen(engine, "close", self._pg_close)
            event.listen(engine, "close_detached", self._pg_close)
        elif engine.dialect.name == "sqlite":
            # after the engine's own "begin" listener, which ran BEGIN IMMEDIATE
            event.listen(engine, "begin", self._sqlite_begin)
            event.listen(engine, "commit", self._sqlite_commit)
            event.listen(engine, "rollback", self._sqlite_rollback)
        return self

    # PostgreSQL -------------------------------------------------------------------------

    def _pg_connect(self, dbapi_conn: Any, _record: Any) -> None:
        pid = getattr(getattr(dbapi_conn, "info", None), "backend_pid", None)
        if isinstance(pid, int):
            dbapi_conn._returnsdesk_pid = pid
            with self._lock:
                self._pids.add(pid)

    def _pg_close(self, dbapi_conn: Any, *_: Any) -> None:
        pid = getattr(dbapi_conn, "_returnsdesk_pid", None)
        with self._lock:
            self._pids.discard(pid)

    def is_own_pid(self, pid: int) -> bool:
        with self._lock:
            own = pid in self._pids
        self.skipped += own
        return own

    # SQLite -----------------------------------------------------------------------------

    @staticmethod
    def _hints(conn: Any) -> dict[str, int] | None:
        try:
            cur = conn.connection.dbapi_connection.cursor()
            try:
                return {str(t): int(n) for t, n in cur.execute("SELECT tbl, n FROM change_hints")}
            finally:
                cur.close()
        except sqlite3.Error:  # a database from before migration 0009
            return None

    def _sqlite_begin(self, conn: Any) -> None:
        # the connection's previous commit went through: its steps stay (a reader's rollback
        # later on this connection must not withdraw them)
        conn.info.pop("returnsdesk_steps", None)
        if conn.get_execution_options().get(WRITE_OPTION):
            conn.info["returnsdesk_hints"] = self._hints(conn)

    def _sqlite_commit(self, conn: Any) -> None:
        before = conn.info.pop("returnsdesk_hints", None)
        if before is None:
            return
        after = self._hints(conn) or {}
        steps = {(t, before.get(t, 0), n) for t, n in after.items() if n != before.get(t, 0)}
        conn.info["returnsdesk_steps"] = steps
        with self._lock:
            for t, lo, hi in steps:
                self._steps.setdefault(t, set()).add((lo, hi))

    def _sqlite_rollback(self, conn: Any) -> None:
        conn.info.pop("returnsdesk_hints", None)
        with self._lock:  # a commit that failed: its steps were never made
            for t, lo, hi in conn.info.pop("returnsdesk_steps", ()):
                self._steps.get(t, set()).discard((lo, hi))

    def others(self, before: dict[str, int], after: dict[str, int]) -> set[str]:
        """Of the tables whose counters moved from ``before`` to ``after``, those that some
        other process's commit moved (not wholly covered by this process's own steps)."""
        out = set()
        with self._lock:
            for t, n in after.items():
                start = before.get(t, 0)
                if n == start:
                    continue
                steps = self._steps.get(t, set())
                at = start
                while at != n and (nxt := next((hi for lo, hi in steps if lo == at), None)):
                    at = nxt
                if at != n:
                    out.add(t)
                self._steps[t] = {(lo, hi) for lo, hi in steps if hi > n}
        moved = any(after.get(t, 0) != before.get(t, 0) for t in after)
        if moved and not out:
            self.skipped += 1
        return out


class _Batch:
    """Table names gathered since the first of a burst; ``None`` once everything changed."""

    def __init__(self) -> None:
        self.tables: set[str] | None = set()
        self.since: float | None = None

    def add(self, tables: set[str] | None) -> None:
        if self.since is None:
            self.since = time.monotonic()
        if tables is None or self.tables is None:
            self.tables = None
        else:
            self.tables |= tables

    def due_in(self) -> float | None:
        if self.since is None:
            return None
        return max(0.0, self.since + BATCH_S - time.monotonic())

    def flush(self, deliver: Deliver) -> None:
        tables = None if self.tables is None else frozenset(self.tables)
        self.tables, self.since = set(), None
        try:
            deliver(tables)
        except Exception:  # the listener outlives a receiver's bug; the log has it
            log.exception("delivering a change failed")


class Watcher(threading.Thread):
    """The common part: a daemon thread, a stop flag, ``connected`` set once listening."""

    def __init__(self, deliver: Deliver, own: OwnCommits | None = None) -> None:
        super().__init__(daemon=True, name=type(self).__name__)
        self.deliver = deliver
        self.own = own
        self.connected = threading.Event()
        self.reconnects = 0
        self._stop_flag = threading.Event()
        self._batch = _Batch()

    def stop(self, wait: float = 2.0) -> None:
        self._stop_flag.set()
        if self.is_alive():
            self.join(wait)

    @property
    def stopping(self) -> bool:
        return self._stop_flag.is_set()

    def _flush_if_due(self) -> None:
        due = self._batch.due_in()
        if due is not None and due <= 0:
            self._batch.flush(self.deliver)


class PgListener(Watcher):
    """``LISTEN`` on its own connection; reconnects and reports everything after a loss."""

    def __init__(self, url: str, deliver: Deliver, own: OwnCommits | None = None) -> None:
        super().__init__(deliver, own)
        u = make_url(url)
        self.conninfo = u.set(drivername="postgresql").render_as_string(hide_password=False)

    def run(self) -> None:
        import psycopg

        first = True
        while not self.stopping:
            try:
                conn = psycopg.connect(
                    self.conninfo,
                    autocommit=True,
                    connect_timeout=3,
                    keepalives=1,
                    keepalives_idle=5,
                    keepalives_interval=2,
                    keepalives_count=2,
                    tcp_user_timeout=int(ALIVE_TIMEOUT_S * 1000) + 1000,
                    application_name="returnsdesk-listen",
                )
            except psycopg.Error:
                self._stop_flag.wait(RETRY_S)
                continue
            try:
                with conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    if not first:  # notices sent while away are lost: refresh everything
                        self.reconnects += 1
                        self._batch.add(None)
                    first = False
                    self.connected.set()
                    self._listen(conn)
            except psycopg.Error as exc:
                log.warning("change notices lost the server, reconnecting: %s", exc)
            finally:
                self.connected.clear()
            self._stop_flag.wait(RETRY_S)

    def _listen(self, conn: object) -> None:
        import psycopg

        assert isinstance(conn, psycopg.Connection)
        checked = time.monotonic()
        while not self.stopping:
            due = self._batch.due_in()
            wait = min(0.25, due if due is not None else 0.25)
            for notice in conn.notifies(timeout=max(wait, 0.005)):
                if self.own is None or not self.own.is_own_pid(notice.pid):
                    self._batch.add({parse_notice(notice.payload)})
            self._flush_if_due()
            if time.monotonic() - checked >= ALIVE_EVERY_S:
                self._alive(conn)
                checked = time.monotonic()

    @staticmethod
    def _alive(conn: object) -> None:
        import psycopg

        assert isinstance(conn, psycopg.Connection)
        conn.execute(f"SET statement_timeout = {int(ALIVE_TIMEOUT_S * 1000)}")
        conn.execute("SELECT 1").fetchone()


class SqliteWatcher(Watcher):
    """``PRAGMA data_version`` a few ms apart; ``change_hints`` says which tables moved."""

    def __init__(self, path: str, deliver: Deliver, own: OwnCommits | None = None) -> None:
        super().__init__(deliver, own)
        self.path = path

    def run(self) -> None:
        conn = sqlite3.connect(self.path, timeout=1.0, isolation_level=None)
        try:
            version = self._version(conn)
            hints = self._hints(conn)
            self.connected.set()
            while not self.stopping:
                self._stop_flag.wait(POLL_S)
                try:
                    now = self._version(conn)
                    if now != version:
                        seen = self._hints(conn)
                        # a commit between the two reads: read both again next time (else the
                        # next move would find no counter moved and refresh everything)
                        if self._version(conn) == now:
                            version = now
                            report, tables = self._moved(hints, seen)
                            hints = seen
                            if report:
                                self._batch.add(tables)
                except sqlite3.Error as exc:  # a busy moment: read again next time
                    log.debug("data_version: %s", exc)
                self._flush_if_due()
        finally:
            conn.close()

    def _moved(self, before: dict[str, int], after: dict[str, int]) -> tuple[bool, set[str] | None]:
        """Whether to report a move, and the tables (``None``: no counter explains it)."""
        moved = {t for t, n in after.items() if before.get(t) != n}
        if not moved:
            return True, None
        if self.own is None:
            return True, moved
        others = self.own.others(before, after)
        return bool(others), others

    @staticmethod
    def _version(conn: sqlite3.Connection) -> int:
        return int(conn.execute("PRAGMA data_version").fetchone()[0])

    @staticmethod
    def _hints(conn: sqlite3.Connection) -> dict[str, int]:
        try:
            return {str(t): int(n) for t, n in conn.execute("SELECT tbl, n FROM change_hints")}
        except sqlite3.OperationalError:  # a database from before migration 0009
            return {}


def watcher_for(url: str, deliver: Deliver, own: OwnCommits | None = None) -> Watcher | None:
    """The watcher for a database URL; None where no other process can write (in memory).
    With ``own`` (tracking this process's engine) it passes over this process's commits."""
    u = make_url(url)
    if u.get_backend_name() == "postgresql":
        return PgListener(url, deliver, own)
    if u.get_backend_name() == "sqlite" and u.database not in (None, "", ":memory:"):
        return SqliteWatcher(u.database, deliver, own)
    return None
