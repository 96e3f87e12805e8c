"""``returnsdesk db upgrade``: bring the schema to the newest version."""

from __future__ import annotations

import argparse
import json
from typing import Any

from returnsdesk.commands.runner import Runner


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("db", parents=[common], help="数据库维护")
    dbsub = p.add_subparsers(dest="db_command", required=True)
    up = dbsub.add_parser("upgrade", parents=[common], help="升级数据库结构")
    up.set_defaults(func=upgrade)


def upgrade(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.db.migrate import head_revision

    runner.context(migrate=True)
    if args.json:
        print(json.dumps({"revision": head_revision()}))
    else:
        print(runner.tr("数据库已是最新版本 ({rev})", rev=head_revision()))
    return 0
