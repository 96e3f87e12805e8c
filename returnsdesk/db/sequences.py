"""PostgreSQL id sequences after rows went in with their ids given (demo data, a restore).

A row inserted with an explicit id does not move its table's sequence; the next ordinary
insert would then draw an id already taken. SQLite needs nothing: it takes max(id) + 1.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Integer, Table, text

from returnsdesk.db.base import Base


def _serial_tables() -> list[Table]:
    out = []
    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and pk[0].name == "id" and isinstance(pk[0].type, Integer):
            out.append(table)
    return out


def follow_ids(conn: Connection, tables: Iterable[Table] | None = None) -> None:
    """Move each table's id sequence past its largest id (to 1 again on an empty table)."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables if tables is not None else _serial_tables():
        seq = conn.scalar(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name})
        if seq is None:
            continue
        conn.execute(
            text(
                f'SELECT setval(:seq, coalesce((SELECT max(id) FROM "{table.name}"), 1), '
                f'(SELECT max(id) IS NOT NULL FROM "{table.name}"))'
            ),
            {"seq": seq},
        )
