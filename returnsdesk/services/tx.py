"""One transaction per use case, retried when another station holds the database a moment.

SQLite answers 'database is locked' when two benches write at once; PostgreSQL may report a
deadlock or serialization failure. Both are safe to retry from the start of the use case.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from returnsdesk.db.engine import SessionFactory

T = TypeVar("T")

_RETRYABLE = ("database is locked", "deadlock detected", "could not serialize", "database is busy")


def _retryable(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    return any(word in text for word in _RETRYABLE)


def run(sessions: SessionFactory, work: Callable[[Session], T], attempts: int = 5) -> T:
    """Run ``work`` in one transaction and commit; retry a few times on a lock conflict."""
    for attempt in range(attempts):
        try:
            with sessions.begin() as session:
                return work(session)
        except DBAPIError as exc:
            if attempt == attempts - 1 or not _retryable(exc):
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")
