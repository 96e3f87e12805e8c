"""The day's running slip number (纸条编号): 1, 2, 3 … per day, shared by every station.

The counter row is incremented inside the registering transaction: a rolled-back
registration gives its number back, so numbers are never skipped or used twice.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from returnsdesk.db.models import DayCounter


def next_slip_no(session: Session, day: dt.date) -> int:
    stmt = (
        update(DayCounter)
        .where(DayCounter.day == day)
        .values(last_slip_no=DayCounter.last_slip_no + 1)
        .returning(DayCounter.last_slip_no)
    )
    number = session.execute(stmt).scalar_one_or_none()
    if number is not None:
        return number
    try:
        with session.begin_nested():
            session.add(DayCounter(day=day, last_slip_no=1))
        return 1
    except IntegrityError:  # another station created today's counter just now
        return session.execute(stmt).scalar_one()


def last_slip_no(session: Session, day: dt.date) -> int:
    value = session.scalar(select(DayCounter.last_slip_no).where(DayCounter.day == day))
    return value or 0
