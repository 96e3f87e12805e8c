"""``returnsdesk register``: parcels from JSON lines on stdin, one result line each."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from returnsdesk.cli import Runner


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("register", parents=[common], help="从标准输入登记包裹 (每行一个 JSON)")
    p.set_defaults(func=run)


def run(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.bench_json import register_line

    ctx = runner.context()
    s = runner.settings
    failed = 0
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not an object")
        except ValueError:
            out: dict[str, Any] = {"line": n, "error": runner.tr("第 {n} 行不是 JSON 对象", n=n)}
        else:
            out = register_line(ctx.sessions, record, s.user, s.station, s.shop)
        failed += "error" in out
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return 1 if failed else 0
