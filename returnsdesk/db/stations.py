"""The stations as they last said: who is signed in where, and each one's own pace
(migration 0009)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from returnsdesk.db.base import Base, utcnow


class Station(Base):
    """A station (bench, desk, lead's PC) as it last said: who is signed in there and since
    when, when it opened, when it was last seen (a heartbeat), when it closed."""

    __tablename__ = "stations"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    user: Mapped[str] = mapped_column(String(40), default="")
    signed_in_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # the free space of its evidence folder and the floor, at its last clean-up (a station's
    # folder is often its own disk: the lead's PC cannot look at it)
    evidence_free: Mapped[int | None] = mapped_column(BigInteger)
    evidence_floor: Mapped[int | None] = mapped_column(BigInteger)
    evidence_checked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class StationTiming(Base):
    """A station's own pace on one day: a small histogram of one measured step (scan to
    panel, register to ready), counts per fixed bucket as JSON; merged in, never one row per
    keystroke."""

    __tablename__ = "station_timings"
    station: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    step: Mapped[str] = mapped_column(String(20), primary_key=True)
    counts: Mapped[str] = mapped_column(Text, default="[]")
    total: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
