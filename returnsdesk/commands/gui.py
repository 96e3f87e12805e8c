"""``returnsdesk gui``: the unpacking bench window."""

from __future__ import annotations

import argparse
from typing import Any

from returnsdesk.cli import Runner


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("gui", parents=[common], help="打开拆包台 (默认)")
    p.set_defaults(func=run)


def run(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.ui.app import run_gui

    return run_gui(runner.settings)
