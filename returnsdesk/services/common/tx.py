"""One transaction per use case, retried when another station holds the database a moment.

Every writing use case in ``services`` runs through ``run`` (``tests/project`` refuses a
``sessions.begin()`` anywhere else in services). A conflict is recognised by the driver's
error code (``db.engine.is_transient``): SQLite's busy or locked, PostgreSQL's deadlock,
serialization failure or lock timeout. Each is safe to retry from the start of the use case,
since the database rolled the whole transaction back. SQLite's busy timeout waits for the
write lock; after it, or once a few conflicts took longer than ``LOCK_WAIT_S`` in all, the use
case ends with ``DatabaseBusy`` (the bench says so and keeps the clerk's work).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from returnsdesk.db import engine as db_engine
from returnsdesk.db.engine import SessionFactory
from returnsdesk.errors import DatabaseBusy

T = TypeVar("T")

#: How often a use case is run at most before the station is told the database is busy.
ATTEMPTS = 5


def run(sessions: SessionFactory, work: Callable[[Session], T], attempts: int = ATTEMPTS) -> T:
    """Run ``work`` in one transaction and commit; rerun it on a lock or serialization conflict.

    ``work`` may run more than once, so it changes nothing outside its session (results are
    returned, not stored on the caller's objects).
    """
    if isinstance(sessions.kw.get("bind"), Connection):
        attempts = 1  # inside a caller's transaction (a savepoint): the caller's run retries
    deadline = time.monotonic() + db_engine.LOCK_WAIT_S
    for attempt in range(attempts):
        last = attempt == attempts - 1 or time.monotonic() >= deadline
        try:
            with sessions.begin() as session:
                return work(session)
        except (DatabaseBusy, DBAPIError) as exc:
            if not db_engine.is_transient(exc):
                raise
            if last:
                if isinstance(exc, DatabaseBusy):
                    raise
                raise DatabaseBusy(seconds=f"{db_engine.LOCK_WAIT_S:g}") from exc
        time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")
