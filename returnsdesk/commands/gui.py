"""``returnsdesk gui``: the unpacking bench window."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from returnsdesk.commands.runner import Runner


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("gui", parents=[common], help="打开拆包台 (默认)")
    p.add_argument(
        "--quit-after",
        type=float,
        metavar="SECONDS",
        help="检查安装: 打开后几秒自动退出, 扫描框就绪时输出一行",
    )
    p.add_argument("--screenshot", type=Path, metavar="FILE.png", help="退出前保存窗口截图")
    p.set_defaults(func=run)


def run(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.ui.app import run_gui

    quit_after = args.quit_after
    if args.screenshot is not None and quit_after is None:
        quit_after = 3.0
    return run_gui(runner.settings, quit_after=quit_after, screenshot=args.screenshot)
