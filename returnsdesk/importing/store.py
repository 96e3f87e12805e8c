"""Batch upserts on natural keys, portable between SQLite and PostgreSQL.

A batch looks its keys up with ``IN (...)``, compares field by field, then writes with one
executemany INSERT and one executemany UPDATE per shape. No dialect-only upsert is used.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Hashable, Iterable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, bindparam, func, select
from sqlalchemy.orm import Session

# SQLite before 3.32 allows 999 variables per statement; newer ones 32766
IN_CHUNK = 5000 if sqlite3.sqlite_version_info >= (3, 32) else 900

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"


def chunks(items: Sequence[Any], size: int = IN_CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def fetch(
    session: Session, table: Table, by: str, values: Iterable[Any], columns: Sequence[str]
) -> list[Any]:
    """Rows of ``table`` whose ``by`` column is one of ``values``: id + ``columns``."""
    vals = list(dict.fromkeys(values))
    cols = [table.c.id, *(table.c[c] for c in columns)]
    # one expanding parameter: the statement is compiled once, not once per value
    stmt = select(*cols).where(table.c[by].in_(bindparam("values", expanding=True)))
    out: list[Any] = []
    for part in chunks(vals):
        out.extend(session.execute(stmt, {"values": list(part)}).all())
    return out


def lookup_ids(session: Session, table: Table, by: str, values: Iterable[str]) -> dict[str, int]:
    """``by`` value → id for the stored rows among ``values`` (text keys only).

    Plain driver SQL: no per-value bind objects and no result conversion, which is what a
    first import of a large file pays for every row while finding out that it is new.
    """
    conn = session.connection()
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    head = f"SELECT {quote(by)}, id FROM {quote(table.name)} WHERE {quote(by)} IN "
    out: dict[str, int] = {}
    for part in chunks(list(dict.fromkeys(values))):
        sql = head + "(" + ", ".join([mark] * len(part)) + ")"
        out.update(conn.exec_driver_sql(sql, tuple(part)).all())
    return out


class Sync:
    """The rows of one table touched by one batch: compare with what is stored, then write.

    ``existing`` maps the natural key to (id, stored values). ``offer`` takes one incoming row
    and says whether it is new, changes something, or changes nothing; later rows with the
    same key are compared with the earlier ones, so a repeated row counts as unchanged.
    """

    def __init__(
        self,
        table: Table,
        existing: dict[Hashable, tuple[int, dict[str, Any]]],
        keys: tuple[str, ...] = (),
    ) -> None:
        self.table = table
        self.keys = keys  # natural-key columns: equal by construction, not compared
        self.state: dict[Hashable, dict[str, Any]] = {k: v[1] for k, v in existing.items()}
        self.ids: dict[Hashable, int] = {k: v[0] for k, v in existing.items()}
        self.inserts: dict[Hashable, dict[str, Any]] = {}
        self.updates: dict[Hashable, dict[str, Any]] = {}

    def offer(self, key: Hashable, values: dict[str, Any]) -> str:
        pending = self.inserts.get(key)
        if pending is not None:
            changed = any(pending.get(k) != v for k, v in values.items())
            pending.update(values)
            return UPDATED if changed else UNCHANGED
        stored = self.state.get(key)
        if stored is None:
            self.inserts[key] = dict(values)
            return NEW
        diff = {k: v for k, v in values.items() if k not in self.keys and stored.get(k) != v}
        if not diff:
            return UNCHANGED
        stored.update(diff)
        self.updates.setdefault(key, {}).update(diff)
        return UPDATED

    def write(self, session: Session, extra: dict[str, Any] | None = None) -> None:
        """Run the INSERTs and UPDATEs; ``extra`` columns (updated_at …) go with every row."""
        add = extra or {}
        if self.inserts:
            rows = [{**row, **add} for row in self.inserts.values()]
            new_ids = insert_many(session, self.table, rows)
            if new_ids is not None:
                self.ids.update(zip(self.inserts, new_ids, strict=True))
        for group in by_shape({**v, **add, "id": self.ids[k]} for k, v in self.updates.items()):
            update_many(session, self.table, group)


def _defaults(table: Table) -> dict[str, Any]:
    """Column defaults, evaluated once per batch (the fast path below skips SQLAlchemy's)."""
    out: dict[str, Any] = {}
    for col in table.columns:
        if col.primary_key:
            continue
        default = col.default
        if default is None:
            out[col.name] = None
        elif getattr(default, "is_scalar", False):
            out[col.name] = default.arg  # type: ignore[attr-defined]
        elif getattr(default, "is_callable", False):
            out[col.name] = default.arg(None)  # type: ignore[attr-defined]
        else:
            out[col.name] = None
    return out


def _run_many(
    session: Session, table: Table, stmt: Any, binds: dict[str, str], rows: list[dict[str, Any]]
) -> None:
    """executemany straight to the driver: SQLAlchemy compiles the statement and supplies the
    type conversions, but per-row parameter handling (the slow part at 10⁶ rows) is ours."""
    conn = session.connection()
    dialect = conn.dialect
    compiled = stmt.compile(dialect=dialect)
    procs = {
        bind: table.c[col].type.dialect_impl(dialect).bind_processor(dialect)
        for bind, col in binds.items()
    }
    names = list(compiled.positiontup) if compiled.positional else list(binds)
    cols = [binds[n] for n in names]
    get = itemgetter(*cols) if len(cols) > 1 else (lambda r: (r[cols[0]],))
    conv = [(i, p) for i, n in enumerate(names) if (p := procs[n]) is not None]
    params: list[Any] = []
    for r in rows:
        v = list(get(r))
        for i, p in conv:
            if v[i] is not None:
                v[i] = p(v[i])
        params.append(tuple(v) if compiled.positional else dict(zip(names, v, strict=True)))
    conn.exec_driver_sql(str(compiled), params)


def insert_many(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int] | None:
    """INSERT the rows in order. On SQLite the new ids are returned: a writing transaction
    holds the database's only write lock, so its rowids are max(id)+1, +2 … in order.
    Elsewhere None: the caller looks the ids up by natural key."""
    if not rows:
        return []
    base = _defaults(table)
    cols = list(base)
    full = [{**base, **r} for r in rows]
    stmt = table.insert().values({c: bindparam(c) for c in cols})
    _run_many(session, table, stmt, {c: c for c in cols}, full)
    if session.get_bind().dialect.name != "sqlite":
        return None
    last = int(session.execute(select(func.max(table.c.id))).scalar_one())
    return list(range(last - len(rows) + 1, last + 1))


_SAMPLE = dt.datetime(2001, 2, 3, 4, 5, 6, 7)


def _fast(proc: Any) -> Any:
    """SQLite stores a datetime as text; when the type's converter writes exactly what
    ``isoformat`` writes (the default format), use that C method for plain datetimes."""
    if proc is None:
        return None
    try:
        same = proc(_SAMPLE) == _SAMPLE.isoformat(" ", "microseconds")
    except Exception:  # a converter for some other type
        return proc
    if not same:
        return proc

    def process(value: Any) -> Any:
        if value.__class__ is dt.datetime and value.tzinfo is None:
            return value.isoformat(" ", "microseconds")
        return proc(value)

    return process


def insert_tuples(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    extra: dict[str, Any] | None = None,
) -> list[int] | None:
    """INSERT plain tuples given in ``columns`` order; the other columns get ``extra`` or their
    default, converted once for the whole batch. Returns the new ids like ``insert_many``.

    The bulk path of the order import: no dict per row, only the columns that need a driver
    conversion (dates, money on SQLite) are touched per row.
    """
    if not rows:
        return []
    conn = session.connection()
    dialect = conn.dialect
    fixed = {**_defaults(table), **(extra or {})}
    for name in columns:
        fixed.pop(name, None)
    names = [*columns, *fixed]
    procs = [_fast(table.c[n].type.dialect_impl(dialect).bind_processor(dialect)) for n in names]
    tail = tuple(
        v if v is None or p is None else p(v)
        for v, p in zip(fixed.values(), procs[len(columns) :], strict=True)
    )
    conv = [(i, p) for i, p in enumerate(procs[: len(columns)]) if p is not None]
    if conv:
        params: list[tuple[Any, ...]] = []
        for row in rows:
            v = list(row)
            for i, p in conv:
                if v[i] is not None:
                    v[i] = p(v[i])
            params.append((*v, *tail))
    else:
        params = [(*row, *tail) for row in rows]
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join([mark] * len(names))})"
    )
    conn.exec_driver_sql(sql, params)
    if dialect.name != "sqlite":
        return None
    last = int(session.execute(select(func.max(table.c.id))).scalar_one())
    return list(range(last - len(rows) + 1, last + 1))


def update_many(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """UPDATE … WHERE id = ? for rows that all have the same keys (one of them ``id``)."""
    if not rows:
        return
    cols = [c for c in rows[0] if c != "id"]
    stmt = (
        table.update()
        .where(table.c.id == bindparam("b_id"))
        .values({c: bindparam(f"v_{c}") for c in cols})
    )
    binds = {f"v_{c}": c for c in cols}
    binds["b_id"] = "id"
    _run_many(session, table, stmt, binds, rows)


def by_shape(rows: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """executemany needs every row with the same keys: group them."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return list(groups.values())
