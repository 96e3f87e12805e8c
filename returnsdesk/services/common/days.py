"""Closed days: once the lead has closed a day it takes no registrations or money until the
lead reopens it. Every service that writes to a day asks ``ensure_open`` first.

Closing is decided once against the writes of the day: on PostgreSQL a write holds the day's
advisory lock shared until it commits and closing or reopening holds it alone, so a close
waits for the registrations in progress, counts them, and holds off new ones, which then find
the day closed. SQLite has one writer at a time, which gives the same order.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text
from sqlalchemy.orm import Session

from returnsdesk.db.models import DayClose
from returnsdesk.errors import DayClosed

_DAYS = 0x5244  # the class of the advisory locks on days


def _lock(session: Session, day: dt.date, shared: bool) -> None:
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite: one writer at a time already
    how = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    session.execute(text(f"SELECT {how}(:days, :day)"), {"days": _DAYS, "day": day.toordinal()})


def hold(session: Session, day: dt.date) -> DayClose | None:
    """For closing or reopening ``day``: waits for its writes in progress and holds off new
    ones until the transaction ends; the day's close, if it is closed."""
    _lock(session, day, shared=False)
    return session.get(DayClose, day)


def ensure_open(session: Session, day: dt.date) -> None:
    _lock(session, day, shared=True)
    closed = session.get(DayClose, day)
    if closed is not None:
        raise DayClosed(day=day.isoformat(), who=closed.closed_by)
