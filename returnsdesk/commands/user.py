"""``returnsdesk user add|list|disable|set-pin``: the people who sign in, and their roles."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from returnsdesk.commands.runner import Runner
from returnsdesk.domain.roles import Role


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("user", parents=[common], help="用户与角色")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    add = verbs.add_parser("add", parents=[common], help="添加用户 (第一个用户必须是 admin)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[str(r) for r in Role])
    add.add_argument("--pin-stdin", action="store_true", required=True, help="从标准输入读 PIN")
    add.set_defaults(func=run_add)
    ls = verbs.add_parser("list", parents=[common], help="列出用户")
    ls.set_defaults(func=run_list)
    off = verbs.add_parser("disable", parents=[common], help="停用用户")
    off.add_argument("name")
    off.set_defaults(func=run_disable)
    pin = verbs.add_parser("set-pin", parents=[common], help="重设 PIN")
    pin.add_argument("name")
    pin.add_argument("--pin-stdin", action="store_true", required=True, help="从标准输入读 PIN")
    pin.set_defaults(func=run_set_pin)


def _pin() -> str:
    return sys.stdin.readline().strip()


def run_add(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.common import users

    pin = _pin()
    ctx = runner.context()
    s = runner.settings
    u = users.add_user(ctx.sessions, args.name, args.role, pin, runner.acting(), s.station)
    print(runner.tr("已添加用户 {name} ({role})", name=u.name, role=str(u.role)))
    return 0


def run_list(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.common import users

    rows = users.list_users(runner.context().sessions)
    if args.json:
        out = [
            {
                "name": u.name,
                "role": str(u.role),
                "active": u.active,
                "locked": bool(u.locked_until),
            }
            for u in rows
        ]
        print(json.dumps(out, ensure_ascii=False))
        return 0
    for u in rows:
        state = runner.tr("在用") if u.active else runner.tr("已停用")
        print(f"{u.name}\t{u.role}\t{state}")
    return 0


def run_disable(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.common import users

    ctx = runner.context()
    users.disable_user(ctx.sessions, args.name, runner.acting(), runner.settings.station)
    print(runner.tr("已停用用户 {name}", name=args.name))
    return 0


def run_set_pin(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.common import users

    pin = _pin()
    ctx = runner.context()
    users.set_pin(ctx.sessions, args.name, pin, runner.acting(), runner.settings.station)
    print(runner.tr("已重设 {name} 的 PIN", name=args.name))
    return 0
