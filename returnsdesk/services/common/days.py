"""Closed days: once the lead has closed a day it takes no registrations or money until the
lead reopens it. Every service that writes to a day asks ``ensure_open`` first."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from returnsdesk.db.models import DayClose
from returnsdesk.errors import DayClosed


def ensure_open(session: Session, day: dt.date) -> None:
    closed = session.get(DayClose, day)
    if closed is not None:
        raise DayClosed(day=day.isoformat(), who=closed.closed_by)
