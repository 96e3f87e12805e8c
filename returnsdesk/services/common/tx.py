"""One transaction per use case, retried when another station holds the database a moment.

SQLite's busy timeout waits for the write lock; after it, or once a few conflicts took longer
than ``LOCK_WAIT_S`` in all, the use case ends with ``DatabaseBusy`` (the bench says so and
keeps the clerk's work). PostgreSQL may report a deadlock or serialization failure; both are
safe to retry from the start of the use case.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from returnsdesk.db import engine as db_engine
from returnsdesk.db.engine import SessionFactory
from returnsdesk.errors import DatabaseBusy

T = TypeVar("T")

_RETRYABLE = ("database is locked", "deadlock detected", "could not serialize", "database is busy")


def _retryable(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    return any(word in text for word in _RETRYABLE)


def run(sessions: SessionFactory, work: Callable[[Session], T], attempts: int = 5) -> T:
    """Run ``work`` in one transaction and commit; retry a few times on a lock conflict."""
    deadline = time.monotonic() + db_engine.LOCK_WAIT_S
    for attempt in range(attempts):
        last = attempt == attempts - 1 or time.monotonic() >= deadline
        try:
            with sessions.begin() as session:
                return work(session)
        except DatabaseBusy:
            if last:
                raise
        except DBAPIError as exc:
            if not _retryable(exc):
                raise
            if last:
                raise DatabaseBusy(seconds=f"{db_engine.LOCK_WAIT_S:g}") from exc
        time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")
