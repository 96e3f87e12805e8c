"""Shared fixtures: a migrated database per test (SQLite in memory, or a real PostgreSQL)."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from returnsdesk.config import Settings, load_shop_config
from returnsdesk.context import AppContext
from returnsdesk.db.engine import SessionFactory, make_engine, make_session_factory
from returnsdesk.db.migrate import upgrade
from returnsdesk.services.common.lists import ensure_lists

from helpers.services import need_service

PG_URL = os.environ.get("RETURNSDESK_TEST_PG", "")


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A PostgreSQL database migrated once, copied for each test that needs one."""
    need_service("PostgreSQL", bool(PG_URL))
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"rd_tpl_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    engine = make_engine(PG_URL.rsplit("/", 1)[0] + "/" + name)
    upgrade(engine)
    engine.dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def _pg_database(template: str) -> Iterator[Engine]:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"rd_t_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    engine = make_engine(PG_URL.rsplit("/", 1)[0] + "/" + name)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template() -> Iterator[sqlite3.Connection]:
    """A SQLite database migrated once; each test gets a copy (the sqlite3 backup API), as
    PostgreSQL's tests get theirs from a template database."""
    engine = make_engine("sqlite://")
    upgrade(engine)
    raw = engine.raw_connection()
    assert isinstance(raw.driver_connection, sqlite3.Connection)
    yield raw.driver_connection
    raw.close()
    engine.dispose()


def copy_sqlite(template: sqlite3.Connection, engine: Engine) -> None:
    raw = engine.raw_connection()
    try:
        assert isinstance(raw.driver_connection, sqlite3.Connection)
        template.backup(raw.driver_connection)
    finally:
        raw.close()


@pytest.fixture
def sqlite_engine(sqlite_template: sqlite3.Connection) -> Iterator[Engine]:
    engine = make_engine("sqlite://")
    copy_sqlite(sqlite_template, engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """The same test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_engine")
    else:
        yield from _pg_database(request.getfixturevalue("pg_template"))


@pytest.fixture
def pg_engine(pg_template: str) -> Iterator[Engine]:
    yield from _pg_database(pg_template)


@pytest.fixture
def shop():  # type: ignore[no-untyped-def]
    return load_shop_config()


@pytest.fixture
def sessions(sqlite_engine: Engine, shop) -> SessionFactory:  # type: ignore[no-untyped-def]
    factory = make_session_factory(sqlite_engine)
    ensure_lists(factory, shop)
    return factory


@pytest.fixture
def any_sessions(any_engine: Engine, shop) -> SessionFactory:  # type: ignore[no-untyped-def]
    factory = make_session_factory(any_engine)
    ensure_lists(factory, shop)
    return factory


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    home = tmp_path / "home"
    home.mkdir()
    return Settings.resolve(home=str(home), db=f"sqlite:///{home / 'returnsdesk.db'}")


@pytest.fixture
def app_context(settings: Settings, sqlite_template: sqlite3.Connection) -> Iterator[AppContext]:
    """A context over a migrated SQLite file in a temporary home, as the app opens it."""
    from returnsdesk.services.common.setup import open_database

    file = make_engine(settings.db_url)
    copy_sqlite(sqlite_template, file)
    file.dispose()
    ctx = open_database(settings)
    yield ctx
    ctx.close()
