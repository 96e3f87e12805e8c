"""The batch writer's driver-level shortcuts give exactly what SQLAlchemy would write."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Boolean, DateTime, Numeric
from sqlalchemy.dialects import sqlite

from returnsdesk.importing.store import _fast

SQLITE = sqlite.dialect()  # type: ignore[no-untyped-call]


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(2026, 10, 4, 10, 55, 30),
        dt.datetime(999, 1, 2, 3, 4, 5, 6),
        dt.datetime(2026, 10, 4, 10, 55, 30, tzinfo=dt.UTC),
        dt.date(2026, 10, 4),
    ],
)
def test_sqlite_datetime_text_is_the_same(value: dt.datetime) -> None:
    proc = DateTime().dialect_impl(SQLITE).bind_processor(SQLITE)
    assert proc is not None
    fast = _fast(proc)
    assert fast is not proc
    assert fast(value) == proc(value)


def test_other_converters_are_kept() -> None:
    for kind in (Numeric(12, 2), Boolean()):
        proc = kind.dialect_impl(SQLITE).bind_processor(SQLITE)
        assert _fast(proc) is proc
    assert _fast(None) is None
