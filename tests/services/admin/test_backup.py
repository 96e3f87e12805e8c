"""`returnsdesk backup` and `restore` on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from returnsdesk.cli import main
from returnsdesk.config import Settings
from returnsdesk.db.models import Order
from returnsdesk.services.admin.backup import backup, restore
from returnsdesk.services.admin.demo import fill_demo
from returnsdesk.services.common.setup import open_database


def orders(settings: Settings) -> int:
    ctx = open_database(settings, migrate=None if settings.is_sqlite else True)
    try:
        with ctx.sessions() as s:
            return s.scalar(select(func.count()).select_from(Order)) or 0
    finally:
        ctx.close()


def add_orders(settings: Settings, n: int) -> None:
    ctx = open_database(settings, migrate=None if settings.is_sqlite else True)
    try:
        fill_demo(ctx.sessions, orders=n, seed=n)
    finally:
        ctx.close()


def roundtrip(settings: Settings, tmp_path) -> None:
    add_orders(settings, 10)
    saved = backup(settings, tmp_path / "b")
    assert saved.path.parent == tmp_path / "b"
    assert saved.size > 0
    add_orders(settings, 5)
    assert orders(settings) == 15
    previous = restore(settings, saved.path)
    assert orders(settings) == 10
    restore(settings, previous.path)  # the database before the restore was kept
    assert orders(settings) == 15


def test_sqlite_backup_and_restore(settings, tmp_path):
    roundtrip(settings, tmp_path)


@pytest.mark.postgres
def test_postgresql_backup_and_restore(pg_engine, tmp_path):
    url = pg_engine.url.render_as_string(hide_password=False)
    settings = Settings.resolve(home=str(tmp_path / "home"), db=url)
    roundtrip(settings, tmp_path)


def test_restore_refuses_what_is_not_a_backup(settings, tmp_path, capsys):
    add_orders(settings, 3)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 100)
    code = main(["restore", str(bad), "--home", str(settings.home), "--db", settings.db_url])
    assert code == 1
    assert "不是退货拆包台的备份" in capsys.readouterr().err
    assert orders(settings) == 3
    code = main(["restore", str(tmp_path / "missing.db"), "--home", str(settings.home)])
    assert code == 1


def test_backup_command(settings, tmp_path, capsys):
    add_orders(settings, 2)
    assert (
        main(["backup", "--json", "--to", str(tmp_path / "out"), "--home", str(settings.home)]) == 0
    )
    import json

    out = json.loads(capsys.readouterr().out)
    assert out["size"] > 0
    assert (tmp_path / "out").is_dir()


def test_restore_is_the_admins_once_there_are_users(settings, tmp_path, capsys, monkeypatch):
    from returnsdesk.services.common import users

    add_orders(settings, 4)
    saved = backup(settings, tmp_path / "b")
    ctx = open_database(settings)
    users.add_user(ctx.sessions, "老板", "admin", "9999", "", "office")
    users.add_user(ctx.sessions, "张姐", "lead", "4444", "老板", "office")
    ctx.close()
    add_orders(settings, 3)
    args = ["restore", str(saved.path), "--home", str(settings.home), "--db", settings.db_url]
    monkeypatch.setenv("RETURNSDESK_PIN", "4444")
    assert main([*args, "--user", "张姐"]) == 1
    assert capsys.readouterr().err.startswith("无权限")
    assert orders(settings) == 7  # nothing replaced
    monkeypatch.setenv("RETURNSDESK_PIN", "9999")
    assert main([*args, "--user", "老板"]) == 0
    assert orders(settings) == 4
