"""``returnsdesk register``: parcels from JSON lines on stdin, one result line each.

The stream never dies: a line that cannot be read (bytes, size, nesting) or registered (a
field, a busy database after the retries) gets its error line and the next line is read.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import sys
from typing import Any, BinaryIO, cast

from returnsdesk.commands import jsonlines
from returnsdesk.commands.runner import Runner

log = logging.getLogger(__name__)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("register", parents=[common], help="从标准输入登记包裹 (每行一个 JSON)")
    p.set_defaults(func=run)


def run(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.bench.session.batch import Batch

    ctx = runner.context()
    s = runner.settings
    batch = Batch(ctx.sessions, s.shop, s.user, s.station, s.lang)
    failed = 0
    for line in jsonlines.read(_bytes(sys.stdin)):
        if line.record is None:
            assert line.error is not None
            out: dict[str, Any] = {"line": line.n, "error": line.error.text(s.lang)}
        else:
            out = _one(runner, batch, line.n, line.record)
        failed += "error" in out
        print(json.dumps(out, ensure_ascii=False, default=str), flush=True)
    return 1 if failed else 0


def _bytes(stdin: Any) -> BinaryIO:
    """The raw bytes of stdin (a text stream put in its place is read as UTF-8)."""
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        return cast(BinaryIO, buffer)
    return io.BytesIO(stdin.read().encode("utf-8", "surrogatepass"))


def _one(runner: Runner, batch: Any, n: int, record: dict[str, Any]) -> dict[str, Any]:
    """One line's answer; a fault of the program is logged and answered too, so the lines
    after it are still registered."""
    try:
        out: dict[str, Any] = batch.line(record)
    except Exception as exc:
        log.exception("register: line %d", n)
        tracking = record.get("tracking")
        error = runner.tr("第 {n} 行无法登记: {error}", n=n, error=type(exc).__name__)
        out = {"line": n, "error": error}
        if isinstance(tracking, str):
            out["tracking"] = tracking
    return out
