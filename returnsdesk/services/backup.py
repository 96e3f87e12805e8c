"""Backups of the whole database, and restoring one.

SQLite: the sqlite3 online-backup API copies a consistent snapshot while benches keep working.
PostgreSQL: pg_dump / pg_restore (custom format), which every server installation ships.
Restoring first saves the current database, so a wrong restore can be undone.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from returnsdesk.config import Settings
from returnsdesk.db.migrate import SCHEMA_HEAD
from returnsdesk.errors import InvalidInput


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
        raise InvalidInput(detail="内存数据库不能备份")
    return Path(database)


def _pg_args(settings: Settings) -> tuple[list[str], dict[str, str]]:
    url = make_url(settings.db_url)
    args = ["-h", url.host or "localhost", "-p", str(url.port or 5432), "-U", url.username or ""]
    env = {"PGPASSWORD": url.password or ""}
    return [*args, "-d", url.database or ""], env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    import os

    if shutil.which(cmd[0]) is None:
        raise InvalidInput(detail=f"找不到 {cmd[0]}: 请安装 postgresql-client")
    done = subprocess.run(cmd, env={**os.environ, **env}, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise InvalidInput(detail=f"{cmd[0]} 失败: {last}")


def backup(
    settings: Settings, to: Path | None = None, now: dt.datetime | None = None
) -> BackupResult:
    """Write a backup file into ``to`` (default: $RETURNSDESK_HOME/backups)."""
    folder = to or settings.home / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    if settings.is_sqlite:
        source = _sqlite_path(settings)
        if not source.is_file():
            raise InvalidInput(detail=f"数据库文件不存在: {source}")
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


def _check_sqlite_backup(path: Path) -> None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            version = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        raise InvalidInput(detail=f"{path.name} 不是退货拆包台的备份") from None
    if ok != "ok":
        raise InvalidInput(detail=f"{path.name} 已损坏: {ok}")
    if version is None or version[0] != SCHEMA_HEAD:
        raise InvalidInput(detail=f"{path.name} 的数据库版本不同, 请用同版本程序恢复")


def restore(settings: Settings, source: Path, now: dt.datetime | None = None) -> BackupResult:
    """Replace the database with ``source``; the current one is backed up first.

    Close the app on every station before restoring: their open connections would keep
    writing to the database being replaced.
    """
    if not source.is_file():
        raise InvalidInput(detail=f"找不到备份文件: {source}")
    if settings.is_sqlite:
        _check_sqlite_backup(source)
        target = _sqlite_path(settings)
        saved = backup(settings, now=now) if target.is_file() else None
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        return saved or BackupResult(target, target.stat().st_size)
    saved = backup(settings, now=now)
    args, env = _pg_args(settings)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            str(source),
        ],
        env,
    )
    return saved
