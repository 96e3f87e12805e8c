"""Engine and session set-up for SQLite (embedded, WAL) and PostgreSQL (shared server).

On SQLite a reading transaction (``with sessions() as s``) begins deferred: in WAL mode it
reads its own snapshot beside the one writer and never waits. A writing transaction
(``with sessions.begin() as s``, and so every ``tx.run``) begins IMMEDIATE: it takes the write
lock first, waits at most ``LOCK_WAIT_S`` for it, and then reads what the previous writer
saved (two stations saving one parcel: the second sees the first one's save).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from returnsdesk.errors import DatabaseBusy

#: How long a writer waits for another one before the bench is told the database is busy.
LOCK_WAIT_S = 5.0

#: Execution option that marks a connection's transaction as a writing one (SQLite).
WRITE_OPTION = "returnsdesk_write"


#: SQLite's primary result codes for "another connection holds the lock" (the extended codes,
#: e.g. SQLITE_BUSY_SNAPSHOT or SQLITE_LOCKED_SHAREDCACHE, carry them in their low byte).
_SQLITE_TRANSIENT = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
#: PostgreSQL's SQLSTATEs that a rerun of the whole transaction may clear: serialization
#: failure, deadlock detected, lock not available (lock_timeout, NOWAIT).
_PG_TRANSIENT = {"40001", "40P01", "55P03"}


def is_transient(exc: BaseException | None) -> bool:
    """A lock conflict or serialization failure: the transaction may succeed if run again.

    Decided by the driver's error code (sqlite3's ``sqlite_errorcode``, psycopg's
    ``sqlstate``), never by message text; looks through SQLAlchemy's wrapper and through
    exceptions raised from one (``raise DatabaseBusy(...) from exc``).
    """
    seen = 0
    while exc is not None and seen < 8:
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in _SQLITE_TRANSIENT:
            return True
        if getattr(exc, "sqlstate", None) in _PG_TRANSIENT:
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__
        seen += 1
    return False


class SessionFactory(sessionmaker[Session]):
    """``sessions()`` opens a reading session; ``sessions.begin()`` a writing transaction."""

    @contextmanager
    def lookup(self) -> Iterator[Session]:
        """A short read whose statements need no common snapshot (a scan's lookups): on
        PostgreSQL each statement runs on its own, without a transaction's BEGIN and ROLLBACK
        round trips; on SQLite, or inside a caller's transaction (sessions bound to its
        connection: ``register``'s lines), a reading session as ``sessions()``."""
        bind = self.kw.get("bind")
        with self() as session:
            if isinstance(bind, Engine) and bind.dialect.name == "postgresql":
                session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
            yield session

    @contextmanager
    def begin(self) -> Iterator[Session]:
        try:
            with self() as session, session.begin():
                session.connection(execution_options={WRITE_OPTION: True})
                yield session
        except DBAPIError as exc:
            if is_transient(exc):
                raise DatabaseBusy(seconds=f"{LOCK_WAIT_S:g}") from exc
            raise


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, begin transactions (see _sqlite_begin).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={int(LOCK_WAIT_S * 1000)}")
    cur.execute("PRAGMA journal_mode=WAL")
    # FULL: a registration the bench confirmed survives a power cut (NORMAL may lose the
    # last commits in WAL mode); `make bench` measures what it costs per registration.
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    """Writers take the write lock at BEGIN (IMMEDIATE); readers begin deferred.

    With a deferred BEGIN, two stations could both read a parcel as unregistered and the
    second writer would fail at once on its stale snapshot; BEGIN IMMEDIATE makes it wait
    (busy_timeout) and then read the first one's save. Readers never take the lock, so a long
    report or export does not hold up the benches.
    """
    if conn.get_execution_options().get(WRITE_OPTION):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Build an engine; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    if url.startswith("sqlite"):
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs.setdefault("poolclass", StaticPool)
            kwargs.setdefault("connect_args", {"check_same_thread": False})
        else:
            kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": LOCK_WAIT_S})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    # a lock held too long by another station ends as "busy" (55P03, retried, then told),
    # as SQLite's busy timeout does, instead of a bench that waits without end
    args = kwargs.setdefault("connect_args", {})
    args.setdefault("options", f"-c lock_timeout={int(LOCK_WAIT_S * 1000)}")
    return create_engine(url, **kwargs)


def make_session_factory(engine: Engine) -> SessionFactory:
    return SessionFactory(engine, expire_on_commit=False)
