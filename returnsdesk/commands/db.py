"""``returnsdesk db upgrade``: bring the schema to the newest version (run as the owner).
``returnsdesk db grant ROLE [--apply]``: the rights a station's role needs on a shared
PostgreSQL, printed as SQL, or run as the owner with ``--apply``."""

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
    gr = dbsub.add_parser("grant", parents=[common], help="工位数据库角色所需的权限")
    gr.add_argument("role", metavar="ROLE", help="工位连接数据库所用的角色 (不拥有任何表)")
    gr.add_argument("--apply", action="store_true", help="以表的所有者身份执行, 而不只是打印")
    gr.set_defaults(func=grant)


def grant(runner: Runner, args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url

    from returnsdesk.db import grants
    from returnsdesk.errors import InvalidInput

    url = make_url(runner.settings.db_url)
    if url.get_backend_name() != "postgresql":
        raise InvalidInput("db grant 只用于共享的 PostgreSQL 数据库", field="db")
    if args.apply:
        done = grants.apply(runner.context().engine, args.role)
    else:
        done = grants.statements(args.role, url.database or "")
    if args.json:
        print(json.dumps({"role": args.role, "applied": args.apply, "statements": done}))
    else:
        print("\n".join(f"{sql};" for sql in done))
    return 0


def upgrade(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.db.migrate import head_revision

    runner.context(migrate=True)
    if args.json:
        print(json.dumps({"revision": head_revision()}))
    else:
        print(runner.tr("数据库已是最新版本 ({rev})", rev=head_revision()))
    return 0
