"""Opening the database: create the home folder, migrate a local SQLite file, seed lists."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.exc import DatabaseError, OperationalError

from returnsdesk.config import Settings
from returnsdesk.context import AppContext
from returnsdesk.db.migrate import is_current, upgrade
from returnsdesk.errors import DatabaseUnavailable
from returnsdesk.i18n import Message
from returnsdesk.services.common.lists import ensure_lists


def open_database(settings: Settings, migrate: bool | None = None) -> AppContext:
    """Open (and on SQLite, migrate) the database; a file that is not a database is refused.

    A shared PostgreSQL server is migrated only by ``returnsdesk db upgrade`` unless
    ``migrate`` is set, so one bench starting up never changes the schema under the others.
    """
    settings.home.mkdir(parents=True, exist_ok=True)
    ctx = AppContext.open(settings)
    where = settings.db_url.split("@")[-1]
    try:
        if migrate or (migrate is None and settings.is_sqlite and not is_current(ctx.engine)):
            upgrade(ctx.engine)
        if not is_current(ctx.engine):
            raise DatabaseUnavailable(
                where=where,
                detail=Message("数据库结构不是最新版本, 请先运行 returnsdesk db upgrade"),
            )
        if not inspect(ctx.engine).has_table("reasons"):
            raise DatabaseUnavailable(where=where, detail=Message("不是退货拆包台的数据库"))
        ensure_lists(ctx.sessions, settings.shop)
        _repair_lookup_indexes(ctx)
    except (OperationalError, DatabaseError) as exc:
        ctx.close()
        detail = str(exc.orig) if exc.orig is not None else str(exc)
        raise DatabaseUnavailable(where=where, detail=detail.splitlines()[0]) from exc
    except DatabaseUnavailable:
        ctx.close()
        raise
    return ctx


def _repair_lookup_indexes(ctx: AppContext) -> None:
    """A first bulk import builds its lookup indexes at the end; if it was killed before, the
    bench would search without them. Rebuild what is missing (usually nothing: one query)."""
    from returnsdesk.db import bulk

    bulk.create(ctx.sessions, bulk.missing(ctx.sessions, bulk.ALL))
