"""Restoring a PostgreSQL backup without running anything it brings.

A dump is a script: its functions, triggers and CHECK constraints run as they are created
and as data goes in, with the rights of whoever restores it. So none of it is executed:

1. ``pg_restore --list`` reads the archive's table of contents, and every object in it must be
   one the migrations create for the version the dump records (read from its data as text),
   else the backup is refused before anything is loaded;
2. ``pg_restore --data-only -f FILE`` writes the rows as text without a database; only
   ``COPY`` blocks of known tables with their known columns are taken from it, anything else
   refuses the backup;
3. the live schema is emptied, rebuilt by the migrations and filled with those rows through
   ``COPY`` statements of our own, all in one transaction: all of it, or nothing.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData
from sqlalchemy import text as sql

from returnsdesk.db.sequences import follow_ids
from returnsdesk.errors import BackupRefused

# table-of-contents kinds made of two or more words (pg_dump's names)
_KINDS = sorted(
    (
        "TABLE DATA", "SEQUENCE SET", "SEQUENCE OWNED BY", "FK CONSTRAINT", "CHECK CONSTRAINT",
        "DEFAULT ACL", "LARGE OBJECT", "MATERIALIZED VIEW DATA", "MATERIALIZED VIEW",
        "EVENT TRIGGER", "FOREIGN TABLE", "FOREIGN DATA WRAPPER", "FOREIGN SERVER",
        "USER MAPPING", "DATABASE PROPERTIES", "SHELL TYPE", "ACCESS METHOD",
        "OPERATOR CLASS", "OPERATOR FAMILY", "PROCEDURAL LANGUAGE", "SECURITY LABEL",
        "INDEX ATTACH", "TABLE ATTACH", "PUBLICATION TABLE", "PUBLICATION TABLES IN SCHEMA",
        "ROW SECURITY", "TEXT SEARCH CONFIGURATION", "TEXT SEARCH DICTIONARY",
        "TEXT SEARCH PARSER", "TEXT SEARCH TEMPLATE", "DEFAULT ACL",
    ),
    key=len,
    reverse=True,
)  # fmt: skip
# rows, not objects: checked against the tables and sequences the migrations made
_DATA = {"TABLE DATA", "SEQUENCE SET"}
# never executed here, and rights a shop grants to its station roles are its own
_IGNORED = {"ACL", "DEFAULT ACL", "COMMENT", "DATABASE PROPERTIES", "ENCODING", "STDSTRINGS",
            "SEARCHPATH"}  # fmt: skip
_ENTRY = re.compile(r"^\d+; \d+ \d+ (.*)$")
_COPY = re.compile(r'^COPY public\.("(?:[^"]|"")+"|[a-z_][a-z0-9_]*) \((.*)\) FROM stdin;$')
_HARMLESS = re.compile(
    r"^(--.*|SET \w+ = [^;]*;|SELECT pg_catalog\.set_config\([^;]*\);"
    r"|SELECT pg_catalog\.setval\([^;]*\);|\\(un)?restrict \w+|)$"
)

Entry = tuple[str, str, str]  # kind, schema, name


def toc_entries(listing: str) -> set[Entry]:
    """(kind, schema, name) of each entry of ``pg_restore --list``; the owner is left out,
    so a backup made by the database's owner compares with a reference made by another role."""
    out: set[Entry] = set()
    for line in listing.splitlines():
        m = _ENTRY.match(line)
        if m is None:
            continue
        rest = m.group(1).rsplit(" ", 1)[0]  # "KIND SCHEMA NAME OWNER", the owner may be ''
        kind = next((k for k in _KINDS if rest.startswith(k + " ")), rest.split(" ", 1)[0])
        schema, _, name = rest[len(kind) + 1 :].partition(" ")
        out.add((kind, schema, name))
    return out


def toc_differences(backup: set[Entry], reference: set[Entry]) -> set[tuple[str, ...]]:
    """Objects the backup has and the reference does not (+), and the other way (-)."""

    def objects(entries: set[Entry]) -> set[tuple[str, ...]]:
        return {
            (kind.lower(), name if schema in ("-", "public") else f"{schema}.{name}")
            for kind, schema, name in entries
            if kind not in _DATA and kind not in _IGNORED
        }

    extra = objects(backup) - objects(reference)
    missing = objects(reference) - objects(backup)
    tables = {n for k, s, n in reference if k == "TABLE" and s == "public"}
    sequences = {n for k, s, n in reference if k == "SEQUENCE" and s == "public"}
    for kind, schema, name in backup:
        known = tables if kind == "TABLE DATA" else sequences if kind == "SEQUENCE SET" else None
        if known is not None and (schema != "public" or name not in known):
            extra.add((kind.lower(), name))
    return {("+", *i) for i in extra} | {("-", *i) for i in missing}


@dataclass
class TableRows:
    """One table's ``COPY`` block, kept in a file: the dump's column order and its rows."""

    columns: list[str]
    path: Path
    rows: int = 0


@dataclass
class DumpData:
    tables: dict[str, TableRows] = field(default_factory=dict)
    problem: str = ""  # a line that is neither a COPY block nor a harmless setting

    def version(self) -> str | None:
        block = self.tables.get("alembic_version")
        if block is None or block.rows != 1 or block.columns != ["version_num"]:
            return None
        return block.path.read_text(encoding="utf-8").strip() or None


def _ident(token: str) -> str:
    token = token.strip()
    if token.startswith('"') and token.endswith('"') and len(token) >= 2:
        return token[1:-1].replace('""', '"')
    return token


def _columns(listed: str) -> list[str] | None:
    names = [_ident(t) for t in re.findall(r'"(?:[^"]|"")+"|[^,]+', listed)]
    return names if all(re.fullmatch(r"[a-z_][a-z0-9_]*", n) for n in names) else None


def read_data(script: Path, folder: Path) -> DumpData:
    """The rows of a data-only script, one file per table, without executing any of it."""
    data = DumpData()
    block: TableRows | None = None
    out = None
    with script.open(encoding="utf-8", errors="strict", newline="\n") as lines:
        for n, line in enumerate(lines, 1):
            if block is not None and out is not None:
                if line.rstrip("\n") == "\\.":
                    out.close()
                    block, out = None, None
                else:
                    out.write(line)
                    block.rows += 1
                continue
            stripped = line.rstrip("\n")
            m = _COPY.match(stripped)
            columns = _columns(m.group(2)) if m else None
            if m and columns is not None:
                name = _ident(m.group(1))
                if name in data.tables:
                    data.problem = f"{n}: {name}"
                    break
                block = data.tables[name] = TableRows(columns, folder / f"{len(data.tables)}.copy")
                out = block.path.open("w", encoding="utf-8", newline="\n")
            elif not _HARMLESS.match(stripped):
                data.problem = f"{n}: {stripped[:60]}"
                break
    if out is not None:
        out.close()
        data.problem = data.problem or "COPY"
    return data


def column_differences(data: DumpData, reference: MetaData) -> set[tuple[str, ...]]:
    """Columns of each COPY block against the table the migrations made."""
    out: set[tuple[str, ...]] = set()
    for name, block in data.tables.items():
        table = reference.tables.get(name)
        if table is None:
            out.add(("+", "table data", name))
            continue
        have, want = set(block.columns), {c.name for c in table.columns}
        out |= {("+", "column", name, c) for c in have - want}
        out |= {("-", "column", name, c) for c in want - have}
    return out


_RANK = ["table", "view", "materialized view", "trigger", "event trigger", "function",
         "procedure", "extension", "schema", "type", "rule", "policy", "column", "table data"]  # fmt: skip


def describe(diff: set[tuple[str, ...]], limit: int = 4) -> str:
    """Whole tables first; a table's own constraints, defaults and sequences not repeated."""
    parts = []
    for sign in ("+", "-"):
        items = [i[1:] for i in diff if i[0] == sign]
        tables = {i[1] for i in items if i[0] == "table"}
        kept = [
            i
            for i in items
            if not (
                i[0] != "table"
                and (i[1].split(" ")[0] in tables or i[1].split("_id_seq")[0] in tables)
            )
        ]
        kept.sort(key=lambda i: (_RANK.index(i[0]) if i[0] in _RANK else len(_RANK), i))
        shown = [" ".join(i) for i in kept]
        if shown:
            more = f" … (+{len(shown) - limit})" if len(shown) > limit else ""
            parts.append(f"{sign} {', '.join(shown[:limit])}{more}")
    return "; ".join(parts)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def load(conn: Connection, data: DumpData) -> None:
    """Fill the freshly migrated schema on ``conn`` with the rows (in foreign-key order)."""
    meta = MetaData()
    meta.reflect(conn)
    raw = conn.connection.dbapi_connection
    assert raw is not None
    for table in meta.sorted_tables:
        block = data.tables.get(table.name)
        if table.name == "alembic_version" or block is None or not block.rows:
            continue
        statement = (
            f"COPY public.{_quote(table.name)} ({', '.join(_quote(c) for c in block.columns)}) "
            "FROM STDIN"
        )
        with raw.cursor() as cur, cur.copy(statement) as copy, block.path.open("rb") as f:  # type: ignore[attr-defined]
            while chunk := f.read(1 << 20):
                copy.write(chunk)
    follow_ids(conn, [t for t in meta.sorted_tables if "id" in t.columns])


def refused(name: str, detail: str) -> BackupRefused:
    return BackupRefused(
        "不能恢复 {name}: 不是退货拆包台的备份 ({detail})", name=name, detail=detail
    )


@contextmanager
def scratch_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="returnsdesk-restore-") as tmp:
        yield Path(tmp)


def reflected(engine: Engine) -> MetaData:
    meta = MetaData()
    meta.reflect(engine)
    return meta


def replace_schema(conn: Connection) -> None:
    conn.execute(sql("DROP SCHEMA public CASCADE"))
    conn.execute(sql("CREATE SCHEMA public"))
