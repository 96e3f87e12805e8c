"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from returnsdesk.db.migrate import (
    SCHEMA_HEAD,
    current_revision,
    downgrade,
    head_revision,
    is_model_object,
    upgrade,
)
from returnsdesk.db.models import Base


def test_migrations_match_the_models(any_engine):
    assert current_revision(any_engine) == head_revision() == SCHEMA_HEAD
    with any_engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": is_model_object}
        )
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_downgrade_and_upgrade_again(any_engine):
    downgrade(any_engine, "base")
    assert set(inspect(any_engine).get_table_names()) <= {"alembic_version"}
    upgrade(any_engine)
    assert set(Base.metadata.tables) <= set(inspect(any_engine).get_table_names())


def test_open_database_refuses_a_file_that_is_not_a_database(settings):
    import pytest

    from returnsdesk.errors import DatabaseUnavailable
    from returnsdesk.services.common.setup import open_database

    settings.home.mkdir(parents=True, exist_ok=True)
    bad = settings.home / "returnsdesk.db"
    bad.write_bytes(b"\x00garbage" * 200)
    with pytest.raises(DatabaseUnavailable) as err:
        open_database(settings)
    assert "无法打开数据库" in err.value.text()
    assert bad.read_bytes().startswith(b"\x00garbage")  # nothing overwritten


def test_open_database_creates_an_empty_file(settings):
    from returnsdesk.services.common.setup import open_database

    ctx = open_database(settings)
    try:
        assert current_revision(ctx.engine) == head_revision()
    finally:
        ctx.close()


def test_open_database_rebuilds_lookup_indexes_a_killed_import_left_missing(settings):
    from sqlalchemy import text

    from returnsdesk.db import bulk
    from returnsdesk.services.common.setup import open_database

    ctx = open_database(settings)
    with ctx.engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_orders_buyer_id_lower"))
    assert [ix.name for ix in bulk.missing(ctx.sessions, bulk.ALL)] == ["ix_orders_buyer_id_lower"]
    ctx.close()
    ctx = open_database(settings)
    try:
        assert bulk.missing(ctx.sessions, bulk.ALL) == []
    finally:
        ctx.close()
