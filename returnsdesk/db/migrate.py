"""Alembic migrations, run from code: ``returnsdesk db upgrade`` and the app's start-up."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision. Start-up compares the database with it without loading Alembic (a
# quarter second of imports); tests/unit/test_migrations.py checks it is Alembic's head.
SCHEMA_HEAD = "0011"


# Objects the migrations make by hand, outside the models: the substring-search index
# (SQLite FTS5 table and its shadow tables, PostgreSQL's pg_trgm index), and SQLite's
# per-table write counters that tell other processes what changed (migration 0009).
SEARCH_OBJECTS = ("order_search", "ix_orders_search", "change_hints")


def is_model_object(obj: object, name: str | None, type_: str, *_: object) -> bool:
    """For Alembic's comparison: leave out what the models do not describe."""
    return not (name or "").startswith(SEARCH_OBJECTS)


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("returnsdesk.db") / "migrations"))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == SCHEMA_HEAD


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` in one transaction per migration step."""
    from alembic import command

    cfg = alembic_config()
    # not through the retrying helper: a migration is run once, by the owner, and a conflict
    # means another upgrade or a station holds the tables; rerunning schema changes blindly
    # against that could race it, so the upgrade stops and says so
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def upgrade_on(conn: Connection, revision: str = "head") -> None:
    """``upgrade`` inside a transaction the caller holds (a restore: all of it, or nothing)."""
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
