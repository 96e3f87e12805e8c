"""Is a database's schema exactly what the migrations build for its recorded version?

A backup is restored only if it is. The reference is not a hand-kept list: an empty scratch
database is migrated to the backup's Alembic version and both are described the same way
(SQLAlchemy's inspector for tables, columns, keys and indexes; the catalogue for triggers,
views, rules, functions, extensions and schemas). Objects the migrations create themselves
(a full-text index's shadow tables and triggers, an extension) are in the reference too;
anything else, a trigger or a view of the backup's own, a missing table, refuses it.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text

Item = tuple[str, ...]

_PG_SYSTEM = ("pg_catalog", "information_schema", "pg_toast")


def _norm(sql: Any) -> str:
    """Whitespace and case of SQL text do not matter; its content does."""
    return re.sub(r"\s+", " ", str(sql or "")).strip().lower()


def _tables(conn: Connection) -> set[Item]:
    insp = inspect(conn)
    out: set[Item] = set()
    for t in insp.get_table_names():
        out.add(("table", t))
        for c in insp.get_columns(t):
            out.add(
                ("column", t, c["name"], _norm(c["type"]), str(c["nullable"]), _norm(c["default"]))
            )
        pk = insp.get_pk_constraint(t)
        out.add(("primary key", t, ",".join(pk.get("constrained_columns") or [])))
        for ix in insp.get_indexes(t):
            cols = ",".join(str(c) for c in ix.get("column_names") or [])
            out.add(("index", t, str(ix["name"]), cols, str(bool(ix.get("unique")))))
        for uc in insp.get_unique_constraints(t):
            out.add(("unique", t, ",".join(uc["column_names"])))
        for fk in insp.get_foreign_keys(t):
            cols = ",".join(fk["constrained_columns"])
            ref = f"{fk['referred_table']}({','.join(fk['referred_columns'])})"
            out.add(("foreign key", t, cols, ref))
        for ck in insp.get_check_constraints(t):
            out.add(("check", t, _norm(ck.get("sqltext"))))
    for v in insp.get_view_names():
        out.add(("view", v, _norm(insp.get_view_definition(v))))
    return out


# What SQLite makes by itself: statistics tables (ANALYZE), the AUTOINCREMENT counter table
# and the indexes behind UNIQUE and PRIMARY KEY constraints (no SQL of their own)
_SQLITE_OWN_TABLES = {
    "sqlite_sequence": "create table sqlite_sequence(name,seq)",
    "sqlite_stat1": "create table sqlite_stat1(tbl,idx,stat)",
    "sqlite_stat4": "create table sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)",
}


def _sqlite_own(type_: str, name: str, sql: str) -> bool:
    if type_ == "table":
        return _SQLITE_OWN_TABLES.get(name) == sql
    return type_ == "index" and name.startswith("sqlite_autoindex_") and not sql


def _sqlite_objects(conn: Connection) -> set[Item]:
    """Every row of sqlite_master with its SQL: a trigger named like SQLite's own objects, or
    an index with the right name and columns but a WHERE clause, differs from the reference."""
    rows = conn.execute(text("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    out: set[Item] = set()
    for r in rows:
        sql = _norm(r.sql)
        if _sqlite_own(str(r.type), str(r.name), sql):
            continue
        if r.type in ("table", "index"):  # part of its table, named after it when it differs
            out.add((f"{r.type} sql", str(r.tbl_name), str(r.name), sql))
        else:
            out.add((str(r.type), str(r.name), str(r.tbl_name), sql))
    return out


_PG_QUERIES = {
    "schema": "SELECT nspname FROM pg_namespace WHERE nspname NOT IN "
    "('pg_catalog', 'information_schema', 'pg_toast') AND nspname NOT LIKE 'pg\\_temp\\_%' "
    "AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'",
    "extension": "SELECT extname, extversion FROM pg_extension",
    "trigger": "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
    "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal",
    "event trigger": "SELECT evtname, evtevent, evtfoid::regproc::text FROM pg_event_trigger",
    "rule": "SELECT rulename, tablename, definition FROM pg_rules "
    "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
    "policy": "SELECT policyname, tablename, cmd, coalesce(qual, ''), coalesce(with_check, '') "
    "FROM pg_policies",
    "function": "SELECT p.proname, pg_get_function_identity_arguments(p.oid), md5(p.prosrc) "
    "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
    "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND NOT EXISTS "
    "(SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')",
    "relation": "SELECT n.nspname, c.relname, c.relkind FROM pg_class c "
    "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN "
    "('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_%' "
    "AND c.relkind NOT IN ('t') AND NOT EXISTS "
    "(SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')",
    "type": "SELECT t.typname, t.typtype FROM pg_type t "
    "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname NOT IN "
    "('pg_catalog', 'information_schema', 'pg_toast') AND t.typtype IN ('e', 'd', 'r', 'm') "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')",
}


def _pg_objects(conn: Connection) -> set[Item]:
    out: set[Item] = set()
    for kind, query in _PG_QUERIES.items():
        for row in conn.execute(text(query)):
            out.add((kind, *(_norm(v) for v in row)))
    return out


def describe(engine: Engine) -> set[Item]:
    """Every object of the database's schema, as comparable tuples (no data)."""
    with engine.connect() as conn:
        items = _tables(conn)
        if engine.dialect.name == "sqlite":
            items |= _sqlite_objects(conn)
        elif engine.dialect.name == "postgresql":
            items |= _pg_objects(conn)
    return items


_PART_OF_TABLE = {
    "column",
    "primary key",
    "index",
    "unique",
    "foreign key",
    "check",
    "table sql",
    "index sql",
}
_ORDER = ["table", "view", "trigger", "function", "extension", "schema", "index", "column"]


def _readable(items: set[Item]) -> list[Item]:
    """Whole tables first, without listing the columns and indexes of a table already named."""
    tables = {i[1] for i in items if i[0] == "table"}
    kept = [i for i in items if not (i[0] in _PART_OF_TABLE and i[1] in tables)]
    rank = {kind: n for n, kind in enumerate(_ORDER)}
    return sorted(kept, key=lambda i: (rank.get(i[0], len(_ORDER)), i))


def differences(actual: set[Item], reference: set[Item], limit: int = 4) -> str:
    """'' when equal; else a short readable list of what is extra (+) and missing (-)."""
    extra = _readable(actual - reference)
    missing = _readable(reference - actual)
    if not extra and not missing:
        return ""

    def show(items: list[Item]) -> str:
        shown = ", ".join(" ".join(i[:3]) for i in items[:limit])
        return shown + (f" … (+{len(items) - limit})" if len(items) > limit else "")

    parts = []
    if extra:
        parts.append(f"+ {show(extra)}")
    if missing:
        parts.append(f"- {show(missing)}")
    return "; ".join(parts)


def version_of(engine: Engine) -> str | None:
    """The Alembic version recorded in the database, None without one."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return str(rows[0]) if len(rows) == 1 and rows[0] else None


def known_revisions() -> list[str]:
    """Revisions this program's migrations know, oldest first."""
    from alembic.script import ScriptDirectory

    from returnsdesk.db.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]
