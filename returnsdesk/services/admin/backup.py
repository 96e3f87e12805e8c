"""Backups of the whole database, and restoring one.

SQLite: the sqlite3 online-backup API copies a consistent snapshot while benches keep working.
PostgreSQL: pg_dump / pg_restore (custom format), which every server installation ships.
Restoring first checks the backup's schema against what the migrations build for its
version (``schema_check``), then saves the current database, so a wrong restore can be undone.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, MetaData, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from returnsdesk.config import Settings
from returnsdesk.db.engine import make_engine, make_session_factory
from returnsdesk.db.migrate import head_revision, upgrade, upgrade_on
from returnsdesk.errors import BackupRefused, InvalidInput
from returnsdesk.services.admin import pg_restore
from returnsdesk.services.admin.pg_restore import DumpData
from returnsdesk.services.admin.schema_check import (
    describe,
    differences,
    known_revisions,
    version_of,
)
from returnsdesk.services.common import tx


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int


def _new_file(folder: Path, suffix: str, now: dt.datetime | None) -> Path:
    """``returnsdesk-20261122-173000.db``; never an existing file (two backups a second)."""
    stem = f"returnsdesk-{(now or dt.datetime.now()):%Y%m%d-%H%M%S}"
    path, n = folder / f"{stem}{suffix}", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}{suffix}", n + 1
    return path


def _sqlite_path(settings: Settings) -> Path:
    database = make_url(settings.db_url).database
    if not database or database == ":memory:":
        raise InvalidInput("内存数据库不能备份")
    return Path(database)


def _pg_args(settings: Settings) -> tuple[list[str], dict[str, str]]:
    url = make_url(settings.db_url)
    args = ["-h", url.host or "localhost", "-p", str(url.port or 5432), "-U", url.username or ""]
    env = {"PGPASSWORD": url.password or ""}
    return [*args, "-d", url.database or ""], env


def _run(cmd: list[str], env: dict[str, str]) -> str:
    import os

    if shutil.which(cmd[0]) is None:
        raise InvalidInput("找不到 {program}: 请安装 postgresql-client", program=cmd[0])
    done = subprocess.run(cmd, env={**os.environ, **env}, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise InvalidInput("{program} 失败: {last}", program=cmd[0], last=last)
    return done.stdout


def backup(
    settings: Settings, to: Path | None = None, now: dt.datetime | None = None
) -> BackupResult:
    """Write a backup file into ``to`` (default: $RETURNSDESK_HOME/backups)."""
    folder = to or settings.home / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    if settings.is_sqlite:
        source = _sqlite_path(settings)
        if not source.is_file():
            raise InvalidInput("数据库文件不存在: {source}", source=source)
        target = _new_file(folder, ".db", now)
        src = sqlite3.connect(source)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
    else:
        target = _new_file(folder, ".pgdump", now)
        args, env = _pg_args(settings)
        _run(["pg_dump", "-Fc", "-f", str(target), *args], env)
    return BackupResult(target, target.stat().st_size)


def _refuse_version(name: str, version: str | None) -> None:
    if version is None:
        raise BackupRefused("不能恢复 {name}: 不是退货拆包台的备份 (没有数据库版本)", name=name)
    if version not in known_revisions():
        raise BackupRefused(
            "不能恢复 {name}: 数据库版本 {version} 比本程序新 (或未知), 请用新版本程序恢复",
            name=name,
            version=version,
        )


def _compare(name: str, version: str, backup_db: Engine, reference: Engine) -> None:
    """Refuse unless the backup's schema is what the migrations build for ``version``."""
    upgrade(reference, version)
    diff = differences(describe(backup_db), describe(reference))
    if diff:
        raise BackupRefused(
            "不能恢复 {name}: 数据库结构与版本 {version} 不符 ({diff})",
            name=name,
            version=version,
            diff=diff,
        )


def _check_sqlite_backup(path: Path) -> str:
    """The backup's Alembic version, once file, integrity and schema are checked."""
    name = path.name
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError:
        raise InvalidInput("{name} 不是退货拆包台的备份", name=name) from None
    if ok != "ok":
        raise InvalidInput("{name} 已损坏: {ok}", name=name, ok=ok)
    source = create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    )
    reference = make_engine("sqlite://")
    try:
        version = version_of(source)
        _refuse_version(name, version)
        assert version is not None
        _compare(name, version, source, reference)
    finally:
        source.dispose()
        reference.dispose()
    return version


@contextmanager
def _scratch_databases(settings: Settings, n: int) -> Iterator[list[Engine]]:
    """``n`` empty databases on the live server, dropped afterwards whatever happens."""
    url = make_url(settings.db_url)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    names = [f"rd_restore_{uuid.uuid4().hex[:12]}" for _ in range(n)]
    made: list[str] = []
    engines: list[Engine] = []
    try:
        with admin.connect() as conn:
            for name in names:
                try:
                    conn.execute(text(f'CREATE DATABASE "{name}"'))
                except DBAPIError as exc:
                    raise BackupRefused(
                        "检查备份需要在服务器上建临时数据库 (CREATEDB 权限): {detail}",
                        detail=str(exc.orig).strip().splitlines()[0],
                    ) from None
                made.append(name)
        engines = [make_engine(url.set(database=name).render_as_string(False)) for name in names]
        yield engines
    finally:
        for engine in engines:
            engine.dispose()
        with admin.connect() as conn:
            for name in made:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _pg_read(source: Path, folder: Path) -> tuple[str, DumpData]:
    """The archive's table of contents and its rows as text; nothing reaches a database."""
    try:
        listing = _run(["pg_restore", "--list", str(source)], {})
        script = folder / "data.sql"
        _run(["pg_restore", "--data-only", "-f", str(script), str(source)], {})
        data = pg_restore.read_data(script, folder)
    except InvalidInput as exc:
        raise pg_restore.refused(source.name, str(exc.params.get("last", ""))) from None
    except UnicodeDecodeError:
        raise pg_restore.refused(source.name, "UTF-8") from None
    if data.problem:
        raise pg_restore.refused(source.name, data.problem)
    return listing, data


def _pg_reference(settings: Settings, version: str, folder: Path) -> tuple[str, MetaData]:
    """What the migrations build for ``version``: its table of contents and its tables."""
    with _scratch_databases(settings, 1) as (reference,):
        upgrade(reference, version)
        args, env = _pg_args(settings)
        args[-1] = reference.url.database or ""
        dump = folder / "reference.pgdump"
        _run(["pg_dump", "-Fc", "--schema-only", "-f", str(dump), *args], env)
        return _run(["pg_restore", "--list", str(dump)], {}), pg_restore.reflected(reference)


def _pg_restore(settings: Settings, source: Path, now: dt.datetime | None) -> BackupResult:
    """Check the dump by its table of contents, then load its rows only, into a schema the
    migrations build, in one transaction (``services.admin.pg_restore``)."""
    name = source.name
    with pg_restore.scratch_folder() as folder:
        listing, data = _pg_read(source, folder)
        version = data.version()
        _refuse_version(name, version)
        assert version is not None
        ref_listing, tables = _pg_reference(settings, version, folder)
        diff = pg_restore.toc_differences(
            pg_restore.toc_entries(listing), pg_restore.toc_entries(ref_listing)
        ) | pg_restore.column_differences(data, tables)
        if diff:
            raise BackupRefused(
                "不能恢复 {name}: 数据库结构与版本 {version} 不符 ({diff})",
                name=name,
                version=version,
                diff=pg_restore.describe(diff),
            )
        saved = backup(settings, now=now)
        engine = make_engine(settings.db_url)

        def rebuild(session: Session) -> None:
            conn = session.connection()
            pg_restore.replace_schema(conn)
            upgrade_on(conn, version)
            pg_restore.load(conn, data)
            upgrade_on(conn)  # an older backup comes up to this program's schema

        try:
            tx.run(make_session_factory(engine), rebuild)
        except DBAPIError as exc:
            raise BackupRefused(
                "不能恢复 {name}: 备份的数据载入失败, 数据库未改动 ({detail})",
                name=name,
                detail=str(exc.orig or exc).strip().splitlines()[0],
            ) from None
        finally:
            engine.dispose()
    return saved


def _migrate_if_older(settings: Settings, version: str) -> None:
    if version != head_revision():
        engine = make_engine(settings.db_url)
        try:
            upgrade(engine)
        finally:
            engine.dispose()


def restore(settings: Settings, source: Path, now: dt.datetime | None = None) -> BackupResult:
    """Replace the database with ``source``; the current one is backed up first.

    Only a backup whose schema is exactly what the migrations build for its recorded version
    is restored (an older one is then migrated); anything else is refused before the live
    database is touched. Close the app on every station before restoring: their open
    connections would keep writing to the database being replaced.
    """
    if not source.is_file():
        raise InvalidInput("找不到备份文件: {source}", source=source)
    if settings.is_sqlite:
        version = _check_sqlite_backup(source)
        target = _sqlite_path(settings)
        saved = backup(settings, now=now) if target.is_file() else None
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        _migrate_if_older(settings, version)
        return saved or BackupResult(target, target.stat().st_size)
    return _pg_restore(settings, source, now)
