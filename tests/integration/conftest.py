"""Several stations on one database: a file SQLite shares, or a real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from returnsdesk.db.engine import make_engine
from returnsdesk.db.migrate import upgrade


@pytest.fixture(params=["sqlite-file", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """One database that several connections, threads or processes open at once."""
    if request.param == "sqlite-file":
        engine = make_engine(f"sqlite:///{tmp_path / 'shared.db'}")
        upgrade(engine)
        yield engine
        engine.dispose()
    else:
        yield request.getfixturevalue("pg_engine")
