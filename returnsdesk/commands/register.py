"""``returnsdesk register``: parcels from JSON lines on stdin, one result line each."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from returnsdesk.commands.runner import Runner


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("register", parents=[common], help="从标准输入登记包裹 (每行一个 JSON)")
    p.set_defaults(func=run)


def run(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.bench.session.batch import Batch

    ctx = runner.context()
    s = runner.settings
    batch = Batch(ctx.sessions, s.shop, s.user, s.station, s.lang)
    failed = 0
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line, parse_float=_finite)
            if not isinstance(record, dict):
                raise ValueError("not an object")
        except ValueError:
            out: dict[str, Any] = {"line": n, "error": runner.tr("第 {n} 行不是 JSON 对象", n=n)}
        else:
            out = batch.line(record)
        failed += "error" in out
        print(json.dumps(out, ensure_ascii=False, default=str), flush=True)
    return 1 if failed else 0


def _finite(text: str) -> float | str:
    """A JSON number too large for a float (``1e309``) stays text, so its field names it."""
    value = float(text)
    return value if math.isfinite(value) else text
