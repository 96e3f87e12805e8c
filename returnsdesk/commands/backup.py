"""``returnsdesk backup [--to DIR]`` and ``returnsdesk restore FILE``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from returnsdesk.commands.runner import Runner


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    b = sub.add_parser("backup", parents=[common], help="备份数据库")
    b.add_argument("--to", type=Path, help="备份到此文件夹 (默认 $RETURNSDESK_HOME/backups)")
    b.set_defaults(func=run_backup)
    r = sub.add_parser("restore", parents=[common], help="从备份恢复数据库 (先自动备份当前数据库)")
    r.add_argument("file", type=Path)
    r.set_defaults(func=run_restore)


def run_backup(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.domain.roles import Act
    from returnsdesk.services.admin.backup import backup

    runner.require(Act.BACKUP)  # every PIN hash is in it
    runner.close()
    res = backup(runner.settings, args.to)
    if args.json:
        print(json.dumps({"path": str(res.path), "size": res.size}))
    else:
        print(runner.tr("已备份到 {path}", path=res.path))
    return 0


def run_restore(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.domain.roles import Act
    from returnsdesk.services.admin.backup import restore
    from returnsdesk.services.common.setup import open_database

    runner.require(Act.RESTORE)  # an admin's act on a database with users
    runner.close()  # no connection of ours stays open on the database being replaced
    saved = restore(runner.settings, args.file)
    open_database(runner.settings).close()  # the restored database opens (an older one migrates)
    if args.json:
        print(json.dumps({"restored": str(args.file), "previous": str(saved.path)}))
    else:
        print(
            runner.tr("已恢复 {file}; 之前的数据库保存在 {path}", file=args.file, path=saved.path)
        )
    return 0
