"""A first large load into an empty table builds its plain indexes once, at the end.

Keeping the six lookup indexes of ``orders`` up to date row by row costs more than writing the
rows; built over the finished table each one is a single sort. This is done only when the table
is empty at the start (nothing can be found through those indexes yet anyway) and the file is
large. Unique indexes always stay: they keep re-imports and repeated rows correct. The same
SQLAlchemy index definitions are dropped and created on SQLite and PostgreSQL, each in its own
short transaction; an index a crashed import left missing is rebuilt by the next import.

These are schema changes, not use cases, so they do not go through ``services.common.tx``
(which lives above this layer): each statement is idempotent (``checkfirst``) and runs once
at the start or end of an import, whose row batches do go through ``tx.run``; a lock
conflict here ends the import with ``DatabaseBusy`` and the next import finishes the job.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import cast

from sqlalchemy import Index, Table, inspect, select

from returnsdesk.db import search_index
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order, OrderLine, Refund, Shipment, Sku

BULK_MIN_ROWS = 50_000  # below this, keeping the indexes up to date costs less than a rebuild

TABLES: dict[str, tuple[Table, ...]] = {
    "orders": tuple(cast(Table, m.__table__) for m in (Order, Shipment, OrderLine)),
    "refunds": (cast(Table, Refund.__table__),),
    "catalog": (cast(Table, Sku.__table__),),
}
ALL = tuple(t for tables in TABLES.values() for t in tables)


def plain_indexes(table: Table) -> list[Index]:
    """The non-unique indexes of ``table`` (sorted by name, so the order is always the same)."""
    return sorted((ix for ix in table.indexes if not ix.unique), key=lambda ix: str(ix.name))


def missing(sessions: SessionFactory, tables: Iterable[Table]) -> list[Index]:
    """Plain indexes the models define that the database does not have."""
    out: list[Index] = []
    with sessions.begin() as s:
        insp = inspect(s.connection())
        for table in tables:
            have = {ix["name"] for ix in insp.get_indexes(table.name)}
            out += [ix for ix in plain_indexes(table) if ix.name not in have]
    return out


def create(sessions: SessionFactory, indexes: Sequence[Index]) -> None:
    """Build ``indexes``, one transaction each, so other stations wait for one index at most;
    and the substring-search index if a bulk load dropped it."""
    for ix in indexes:
        with sessions.begin() as s:
            ix.create(s.connection(), checkfirst=True)
    with sessions.begin() as s:
        if not search_index.present(s.connection()):
            search_index.build(s.connection())


def drop_for_bulk(sessions: SessionFactory, kind: str, rows: int | None) -> list[Index]:
    """Drop the plain indexes of each empty table ``kind`` writes when ``rows`` is large;
    returns what was dropped, for ``create`` to build again when the import ends."""
    if rows is None or rows < BULK_MIN_ROWS:
        return []
    dropped: list[Index] = []
    with sessions.begin() as s:
        conn = s.connection()
        for table in TABLES.get(kind, ()):
            if s.execute(select(table.c.id).limit(1)).first() is not None:
                continue
            for ix in plain_indexes(table):
                ix.drop(conn, checkfirst=True)
                dropped.append(ix)
            if table.name == "orders":
                search_index.drop(conn)
    return dropped
