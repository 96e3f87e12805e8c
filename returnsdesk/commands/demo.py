"""``returnsdesk demo``: fill the database with a realistic synthetic shop."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from returnsdesk.commands.runner import Runner


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("demo", parents=[common], help="生成演示数据 (商品、订单、退货申请)")
    p.add_argument("--orders", type=int, default=5000, help="订单数 (默认 5000)")
    p.add_argument("--seed", type=int, default=7, help="随机种子")
    p.add_argument("--weeks", type=int, default=8, help="已运行的周数: 每个工作日的登记 (默认 8)")
    p.add_argument("--if-empty", action="store_true", help="数据库已有订单时什么也不做")
    p.add_argument("--users", action="store_true", help="也添加示例用户 (PIN 见 README)")
    p.add_argument(
        "--sheet",
        type=Path,
        metavar="FILE.pdf",
        help="练习单写到这里 (默认 $RETURNSDESK_HOME/practice-sheet.pdf); 已是演示店时只重写练习单",
    )
    p.set_defaults(func=run)


def run(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.admin.demo import fill_demo, is_empty

    if args.orders < 0 or args.weeks < 0:
        print(runner.tr("订单数不能为负数"), file=sys.stderr)
        return 2
    ctx = runner.context()
    if args.users:
        from returnsdesk.services.common.users import add_demo_users

        if add_demo_users(ctx.sessions, runner.settings.station):
            print(runner.tr("已添加示例用户: admin, lead, clerk1, clerk2, printer"))
    if not is_empty(ctx.sessions) and (args.if_empty or args.sheet is not None):
        return _sheet(runner, args.sheet) if args.sheet is not None else 0

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    result = fill_demo(
        ctx.sessions,
        orders=args.orders,
        seed=args.seed,
        progress=progress,
        weeks=args.weeks,
        shop=runner.settings.shop,
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.json:
        print(json.dumps(asdict(result)))
    else:
        print(
            runner.tr(
                "演示数据已生成: {skus} 个商品, {orders} 个订单, {refunds} 个退货申请",
                skus=result.skus,
                orders=result.orders,
                refunds=result.refunds,
            )
        )
        if result.parcels:
            print(runner.tr("过去 {days} 个工作日登记了 {parcels} 个包裹", days=result.days,
                            parcels=result.parcels))  # fmt: skip
    if result.parcels:
        return _sheet(runner, args.sheet, quiet=args.json)
    return 0


def _sheet(runner: Runner, path: Path | None, quiet: bool = False) -> int:
    """Print the practice sheet (练习单) and say where it is."""
    from returnsdesk.services.admin.practice import SHEET_NAME, write_sheet

    settings = runner.settings
    target = path if path is not None else settings.home / SHEET_NAME
    written = write_sheet(
        runner.context().sessions, settings.shop, target, settings.user, settings.station
    )
    if not quiet:
        print(runner.tr("练习单: {path} (扫描或输入上面的号码)", path=str(written)))
    return 0
