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
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from returnsdesk.errors import DatabaseBusy

#: How long a writer waits for another one before the bench is told the database is busy.
LOCK_WAIT_S = 5.0

#: Execution option that marks a connection's transaction as a writing one (SQLite).
WRITE_OPTION = "returnsdesk_write"


def is_lock_error(exc: BaseException) -> bool:
    """SQLite's 'database is locked' (busy timeout passed, or a stale snapshot)."""
    if not isinstance(exc, OperationalError):
        return False
    text = str(exc.orig if exc.orig is not None else exc).lower()
    return "database is locked" in text or "database is busy" in text


class SessionFactory(sessionmaker[Session]):
    """``sessions()`` opens a reading session; ``sessions.begin()`` a writing transaction."""

    @contextmanager
    def begin(self) -> Iterator[Session]:
        try:
            with self() as session, session.begin():
                session.connection(execution_options={WRITE_OPTION: True})
                yield session
        except OperationalError as exc:
            if is_lock_error(exc):
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
    return create_engine(url, **kwargs)


def make_session_factory(engine: Engine) -> SessionFactory:
    return SessionFactory(engine, expire_on_commit=False)
