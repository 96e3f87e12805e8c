"""ISO weeks ("2026-W47"): the lead's reporting period, Monday to Sunday."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from returnsdesk.errors import InvalidInput

_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """``2026-W47`` (or ``2026W47``); a week that does not exist is a user error."""
        m = _WEEK.match(text)
        if not m:
            raise InvalidInput("周格式应为 2026-W47: {text}", field="week", text=text)
        year, week = int(m.group(1)), int(m.group(2))
        try:
            dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise InvalidInput("没有这一周: {text}", field="week", text=text) from None
        return cls(year, week)

    @classmethod
    def of(cls, day: dt.date) -> IsoWeek:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def last_full(cls, today: dt.date) -> IsoWeek:
        """The week before the one ``today`` is in: the default of every weekly report."""
        return cls.of(today - dt.timedelta(days=7))

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    def previous(self) -> IsoWeek:
        return IsoWeek.of(self.monday - dt.timedelta(days=7))

    def next(self) -> IsoWeek:
        return IsoWeek.of(self.monday + dt.timedelta(days=7))

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"
