"""The declarative base, the naming convention and the column types every model shares."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import MetaData, Numeric
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Numeric(12, 2)


def utcnow() -> dt.datetime:
    """Local wall-clock time, naive: the shop works in one time zone and its day sheets,
    follow-up ages and 'today' are local. (Name kept for the callers; see local_now.)"""
    return dt.datetime.now()


local_now = utcnow


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
