"""Restores that cannot harm: crafted backups are refused and the live database is untouched.

Each backup is made from a real database and then changed the way a damaged or tampered file
would be: only alembic_version, a missing table, a trigger or a view of its own, an extra
table, a newer version. On SQLite and on PostgreSQL (pg_dump custom format).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from returnsdesk.cli import main
from returnsdesk.config import Settings
from returnsdesk.db.engine import make_engine
from returnsdesk.db.migrate import current_revision, head_revision, upgrade
from returnsdesk.db.models import Order
from returnsdesk.errors import BackupRefused
from returnsdesk.services.admin.backup import backup, restore
from returnsdesk.services.admin.demo import fill_demo
from returnsdesk.services.admin.schema_check import describe, differences, known_revisions
from returnsdesk.services.common.setup import open_database

EVIL_TRIGGER = (
    "CREATE TRIGGER wipe AFTER INSERT ON parcels BEGIN DELETE FROM audit_log; "
    "UPDATE money_entries SET amount = 0; END"
)
PG_EVIL = [
    "CREATE FUNCTION wipe() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN DELETE FROM audit_log; RETURN NEW; END $$",
    "CREATE TRIGGER wipe AFTER INSERT ON parcels FOR EACH ROW EXECUTE FUNCTION wipe()",
]


# a trigger in SQLite's own namespace (the check used to skip every sqlite_ name) that makes
# an admin at the next audited act; and a known index turned partial by a WHERE clause
HIDDEN_TRIGGER = [
    "CREATE TRIGGER evil AFTER INSERT ON audit_log BEGIN INSERT INTO users "
    "(name, role, pin_hash, active, failed_attempts, created_at) VALUES "
    "('evil', 'admin', 'x', 1, 0, '2026-01-01'); END",
    "PRAGMA writable_schema=ON",
    "UPDATE sqlite_master SET name = 'sqlite_autoindex_audit_9', "
    "sql = replace(sql, 'TRIGGER evil', 'TRIGGER sqlite_autoindex_audit_9') WHERE name = 'evil'",
]
PARTIAL_INDEX = [
    "DROP INDEX ix_orders_buyer_id",
    "CREATE INDEX ix_orders_buyer_id ON orders (buyer_id) WHERE buyer_id <> 'tb_xiaomei'",
]


def _open(settings: Settings):  # type: ignore[no-untyped-def]
    return open_database(settings, migrate=None if settings.is_sqlite else True)


def _orders(settings: Settings) -> int:
    ctx = _open(settings)
    try:
        with ctx.sessions() as s:
            return s.scalar(select(func.count()).select_from(Order)) or 0
    finally:
        ctx.close()


def _fill(settings: Settings, n: int) -> None:
    ctx = _open(settings)
    try:
        fill_demo(ctx.sessions, orders=n, seed=n)
    finally:
        ctx.close()


def _refused(settings: Settings, path: Path, *words: str) -> None:
    """Refused with a message naming the problem; the live database keeps its 5 orders."""
    backups = settings.home / "backups"
    before = sorted(backups.glob("*")) if backups.is_dir() else []
    with pytest.raises(BackupRefused) as caught:
        restore(settings, path)
    message = caught.value.text()
    assert all(w in message for w in words), message
    assert _orders(settings) == 5
    after = sorted(backups.glob("*")) if backups.is_dir() else []
    assert after == before  # refused before anything, even the safety copy, was written


# ---------------------------------------------------------------- SQLite


@pytest.fixture
def sqlite_backup(settings: Settings, tmp_path: Path) -> Path:
    """A good backup (3 orders); the live database then has 5."""
    _fill(settings, 3)
    good = backup(settings, tmp_path / "b").path
    _fill(settings, 2)
    return good


def _crafted(good: Path, tmp_path: Path, *sql: str) -> Path:
    path = tmp_path / f"crafted-{len(list(tmp_path.glob('crafted-*')))}.db"
    shutil.copyfile(good, path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys=OFF")
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()
    return path


def test_sqlite_good_backup_is_restored(settings: Settings, sqlite_backup: Path) -> None:
    restore(settings, sqlite_backup)
    assert _orders(settings) == 3


def test_sqlite_only_alembic_version_is_refused(
    settings: Settings, sqlite_backup: Path, tmp_path: Path
) -> None:
    path = tmp_path / "only-version.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    con.execute("INSERT INTO alembic_version VALUES (?)", (head_revision(),))
    con.commit()
    con.close()
    _refused(settings, path, "数据库结构", "- table audit_log")


@pytest.mark.parametrize(
    ("sql", "words"),
    [
        (["DROP TABLE parcel_items"], ["数据库结构", "- ", "parcel_items"]),
        ([EVIL_TRIGGER], ["数据库结构", "+ ", "trigger wipe"]),
        (["CREATE TABLE extra (id INTEGER)"], ["+ ", "table extra"]),
        (["CREATE VIEW buyers AS SELECT buyer_id FROM orders"], ["+ ", "view buyers"]),
        (["CREATE INDEX ix_extra ON orders (total)"], ["+ ", "ix_extra"]),
        (["UPDATE alembic_version SET version_num = '9999'"], ["9999", "新"]),
        (["DELETE FROM alembic_version"], ["不是退货拆包台的备份"]),
        (HIDDEN_TRIGGER, ["+ ", "trigger sqlite_autoindex_audit_9"]),
        (PARTIAL_INDEX, ["+ ", "ix_orders_buyer_id"]),
    ],
    ids=[
        "missing-table",
        "trigger",
        "table",
        "view",
        "index",
        "newer",
        "no-version",
        "sqlite-named-trigger",
        "index-predicate",
    ],
)
def test_sqlite_crafted_backup_is_refused(
    settings: Settings, sqlite_backup: Path, tmp_path: Path, sql: list[str], words: list[str]
) -> None:
    _refused(settings, _crafted(sqlite_backup, tmp_path, *sql), *words)


def test_sqlite_statistics_of_analyze_do_not_refuse_a_good_backup(
    settings: Settings, sqlite_backup: Path, tmp_path: Path
) -> None:
    restore(settings, _crafted(sqlite_backup, tmp_path, "ANALYZE"))
    assert _orders(settings) == 3


def test_sqlite_refusal_on_the_command_line_is_one_line(
    settings: Settings, sqlite_backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _crafted(sqlite_backup, tmp_path, EVIL_TRIGGER)
    code = main(["restore", str(path), "--home", str(settings.home), "--db", settings.db_url])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1
    assert "wipe" in err[0]
    code = main(
        [
            "restore",
            str(path),
            "--home",
            str(settings.home),
            "--db",
            settings.db_url,
            "--lang",
            "en",
        ]
    )
    assert code == 1
    assert "Cannot restore" in capsys.readouterr().err
    assert _orders(settings) == 5


def test_sqlite_older_backup_is_migrated_after_restore(settings: Settings, tmp_path: Path) -> None:
    older = known_revisions()[:-1]
    if not older:
        pytest.skip("one schema version so far: no older backup can exist")
    old = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{old}")
    upgrade(engine, older[-1])
    engine.dispose()
    _fill(settings, 5)
    restore(settings, old)
    engine = make_engine(settings.db_url)
    assert current_revision(engine) == head_revision()
    reference = make_engine("sqlite://")
    upgrade(reference)
    assert differences(describe(engine), describe(reference)) == ""
    engine.dispose()
    reference.dispose()
    assert _orders(settings) == 0


# ---------------------------------------------------------------- PostgreSQL


@pytest.fixture
def pg_live(pg_engine: Engine, tmp_path: Path) -> Settings:
    url = pg_engine.url.render_as_string(hide_password=False)
    return Settings.resolve(home=str(tmp_path / "home"), db=url)


def _pg_crafted(
    settings: Settings, engine: Engine, tmp_path: Path, change: list[str], undo: list[str]
) -> Path:
    """A pg_dump of the live database taken with ``change`` applied, then undone."""
    with engine.begin() as conn:
        for sql in change:
            conn.execute(text(sql))
    try:
        return backup(settings, tmp_path / "crafted").path
    finally:
        with engine.begin() as conn:
            for sql in undo:
                conn.execute(text(sql))


def _pg_dump(settings: Settings, engine: Engine, tmp_path: Path, *options: str) -> Path:
    url = engine.url
    path = tmp_path / f"partial-{len(list(tmp_path.glob('partial-*')))}.pgdump"
    subprocess.run(
        [
            "pg_dump",
            "-Fc",
            "-f",
            str(path),
            "-h",
            url.host or "",
            "-p",
            str(url.port),
            "-U",
            url.username or "",
            "-d",
            url.database or "",
            *options,
        ],
        check=True,
    )
    return path


@pytest.mark.postgres
def test_pg_crafted_backups_are_refused(
    pg_live: Settings, pg_engine: Engine, tmp_path: Path
) -> None:
    _fill(pg_live, 3)
    good = backup(pg_live, tmp_path / "good").path
    cases: list[tuple[Callable[[], Path], list[str]]] = [
        (
            lambda: _pg_dump(pg_live, pg_engine, tmp_path, "-t", "alembic_version"),
            ["- table audit_log"],
        ),
        (
            lambda: _pg_dump(pg_live, pg_engine, tmp_path, "-T", "parcel_items"),
            ["- ", "parcel_items"],
        ),
        (
            lambda: _pg_crafted(
                pg_live, pg_engine, tmp_path, PG_EVIL, ["DROP FUNCTION wipe() CASCADE"]
            ),
            ["+ ", "wipe"],
        ),
        (
            lambda: _pg_crafted(
                pg_live, pg_engine, tmp_path, ["CREATE TABLE extra (id int)"], ["DROP TABLE extra"]
            ),
            ["+ ", "extra"],
        ),
        (
            lambda: _pg_crafted(
                pg_live,
                pg_engine,
                tmp_path,
                ["CREATE VIEW buyers AS SELECT buyer_id FROM orders"],
                ["DROP VIEW buyers"],
            ),
            ["+ ", "buyers"],
        ),
        (
            lambda: _pg_crafted(
                pg_live,
                pg_engine,
                tmp_path,
                ["UPDATE alembic_version SET version_num = '9999'"],
                [f"UPDATE alembic_version SET version_num = '{head_revision()}'"],
            ),
            ["9999", "新"],
        ),
    ]
    crafted = [(make(), words) for make, words in cases]
    _fill(pg_live, 2)
    for path, words in crafted:
        _refused(pg_live, path, *words)
    with pg_engine.connect() as conn:  # the live database kept no trace of any of them
        names = {r[0] for r in conn.execute(text("SELECT tgname FROM pg_trigger"))}
        assert "wipe" not in names
    restore(pg_live, good)
    assert _orders(pg_live) == 3


@pytest.mark.postgres
def test_pg_older_backup_is_migrated_after_restore(
    pg_live: Settings, pg_engine: Engine, tmp_path: Path
) -> None:
    older = known_revisions()[:-1]
    if not older:
        pytest.skip("one schema version so far: no older backup can exist")
    from returnsdesk.db.migrate import downgrade

    _fill(pg_live, 5)
    downgrade(pg_engine, older[-1])
    old = backup(pg_live, tmp_path / "old").path
    upgrade(pg_engine)
    restore(pg_live, old)
    assert current_revision(pg_engine) == head_revision()
    assert _orders(pg_live) == 5


def _evil_sql(marker: Path, role: str, live: str) -> str:
    """A function that, run anywhere but the live database it was made in (as the scratch
    database a check restored the dump into), makes a superuser and runs a program."""
    return (
        "CREATE FUNCTION evil() RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN "
        f"IF current_database() <> '{live}' THEN "
        f"EXECUTE 'CREATE ROLE {role} SUPERUSER LOGIN'; "
        f"EXECUTE 'COPY (SELECT 1) TO PROGRAM ''touch {marker}'''; "
        "END IF; RETURN true; END $$"
    )


def _roles(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return {r[0] for r in conn.execute(text("SELECT rolname FROM pg_roles"))}


@pytest.mark.postgres
def test_pg_a_dump_is_refused_before_any_of_its_code_runs(
    pg_live: Settings, pg_engine: Engine, tmp_path: Path
) -> None:
    _fill(pg_live, 3)
    live = pg_engine.url.database or ""
    marker, role = tmp_path / "ran", f"rd_evil_{tmp_path.name[-8:].lower()}"
    role = "".join(c if c.isalnum() else "_" for c in role)
    crafted = _pg_crafted(
        pg_live,
        pg_engine,
        tmp_path,
        [
            _evil_sql(marker, role, live),
            "ALTER TABLE orders ADD CONSTRAINT ck_evil CHECK (evil())",
        ],
        ["ALTER TABLE orders DROP CONSTRAINT ck_evil", "DROP FUNCTION evil()"],
    )
    _fill(pg_live, 2)
    _refused(pg_live, crafted, "+ ", "evil")
    assert not marker.exists()
    assert role not in _roles(pg_engine)


@pytest.mark.postgres
def test_pg_a_dump_brings_data_only_the_schema_is_the_migrations(
    pg_live: Settings, pg_engine: Engine, tmp_path: Path
) -> None:
    """Same names as the migrations' objects, other code: restored, and the code is ours."""
    _fill(pg_live, 3)
    with pg_engine.connect() as conn:
        body = conn.scalar(
            text("SELECT prosrc FROM pg_proc WHERE proname = 'returnsdesk_append_only'")
        )
    crafted = _pg_crafted(
        pg_live,
        pg_engine,
        tmp_path,
        [
            "CREATE OR REPLACE FUNCTION returnsdesk_append_only() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$",
        ],
        [f"CREATE OR REPLACE FUNCTION returnsdesk_append_only() RETURNS trigger "
         f"LANGUAGE plpgsql AS $body${body}$body$"],
    )  # fmt: skip
    _fill(pg_live, 2)
    restore(pg_live, crafted)
    assert _orders(pg_live) == 3
    with pg_engine.connect() as conn:
        now = conn.scalar(
            text("SELECT prosrc FROM pg_proc WHERE proname = 'returnsdesk_append_only'")
        )
        audit_rows = conn.scalar(text("SELECT count(*) FROM orders"))
    assert now == body
    assert audit_rows == 3
    # ids go on after the restored rows
    _fill(pg_live, 1)
    assert _orders(pg_live) == 4


@pytest.mark.postgres
def test_pg_what_is_not_an_archive_is_refused(pg_live: Settings, tmp_path: Path) -> None:
    _fill(pg_live, 5)
    script = tmp_path / "plain.sql"
    script.write_text("DROP TABLE orders;\n", encoding="utf-8")
    _refused(pg_live, script, "不是退货拆包台的备份")
