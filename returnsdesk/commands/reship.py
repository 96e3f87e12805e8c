"""``returnsdesk reship``: the reshipment queue, the lead's tables, shipping from a script."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from returnsdesk.commands.runner import Runner
from returnsdesk.domain.kinds import JobState, SlipState, slip_state_name
from returnsdesk.domain.reship_rules import problem_text


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("reship", parents=[common], help="补发单台: 换货/补发单")
    rsub = p.add_subparsers(dest="reship_command", required=True)

    ls = rsub.add_parser("list", parents=[common], help="补发单列表")
    ls.add_argument("--state", choices=sorted(SlipState), action="append", default=[])
    ls.set_defaults(func=list_cmd)

    pr = rsub.add_parser("problems", parents=[common], help="当天有问题的补发单 (按提交人)")
    pr.add_argument("--date", type=dt.date.fromisoformat, default=None, help="日期 2026-11-22")
    pr.add_argument("--out", type=Path, required=True, help="FILE.xlsx 或 FILE.csv")
    pr.set_defaults(func=problems_cmd)

    ar = rsub.add_parser("archive", parents=[common], help="按月归档已发货的补发单")
    ar.add_argument("--month", default=None, help="月份 2026-11 (默认本月)")
    ar.add_argument("--out", type=Path, required=True, help="FILE.xlsx 或 FILE.csv")
    ar.set_defaults(func=archive_cmd)

    pr2 = rsub.add_parser("print", parents=[common], help="打印补发单并标记已打印")
    pr2.add_argument("slips", nargs="+", help="补发单条码 RS00000012 或编号 12")
    pr2.add_argument("--reprint", action="store_true", help="重打已打印过的补发单 (会记录)")
    pr2.set_defaults(func=print_cmd)

    sh = rsub.add_parser("ship", parents=[common], help="录入补发单的发货单号")
    sh.add_argument("slip", help="补发单条码 RS00000012 或编号 12")
    sh.add_argument("tracking", help="新的快递单号")
    sh.set_defaults(func=ship_cmd)


def list_cmd(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.reship import rows as reship_rows

    rows = reship_rows.list_slips(runner.context().sessions, states=args.state)
    if args.json:
        for r in rows:
            print(
                json.dumps(
                    {
                        "id": r.id,
                        "code": r.code,
                        "kind": r.kind,
                        "state": r.state,
                        "buyer": r.buyer_id,
                        "note": r.note,
                        "problems": list(r.problems),
                        "submitter": r.submitter,
                        "print_count": r.print_count,
                        "tracking": r.out_tracking,
                        "courier": r.out_courier,
                    },
                    ensure_ascii=False,
                )
            )
        return 0
    for r in rows:
        state = slip_state_name(r.state, runner.settings.lang)
        problems = [problem_text(p, runner.settings.lang) for p in r.problems]
        extra = "; ".join(problems) or f"{r.out_courier} {r.out_tracking}".strip()
        print(f"{r.code}\t{r.kind}\t{state}\t{r.buyer_id}\t{r.note}\t{r.submitter}\t{extra}")
    return 0


def problems_cmd(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.reports.reship_report import export_problems

    day = args.date or dt.date.today()
    path, n = export_problems(runner.context().sessions, day, args.out)
    _done(runner, args, path, n)
    return 0


def archive_cmd(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.domain.roles import Act
    from returnsdesk.reports.reship_report import export_archive
    from returnsdesk.services.common import users

    month = args.month or dt.date.today().strftime("%Y-%m")
    ctx = runner.context()
    full = users.allowed(ctx.sessions, runner.settings.user, Act.FULL_PHONES)
    path, n = export_archive(ctx.sessions, month, args.out, full_phones=full)
    _done(runner, args, path, n)
    return 0


def _done(runner: Runner, args: argparse.Namespace, path: Path, n: int) -> None:
    if args.json:
        print(json.dumps({"rows": n, "path": str(path)}, ensure_ascii=False))
    else:
        print(runner.tr("已导出 {n} 行: {path}", n=n, path=path))


def ship_cmd(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.reship import flow as reship_flow

    ctx = runner.context()
    s = runner.settings
    slip = reship_flow.resolve_scan(ctx.sessions, args.slip)
    res = reship_flow.ship(ctx.sessions, slip.id, args.tracking, s.shop, s.user, s.station)
    if args.json:
        out = {"code": res.slip.code, "courier": res.courier, "tracking": res.tracking}
        print(json.dumps({**out, "message": res.message}, ensure_ascii=False))
    else:
        print(res.message)
    return 0


def print_cmd(runner: Runner, args: argparse.Namespace) -> int:
    """Mark the slips printed and print them now through this station's queue."""
    import sys

    from returnsdesk.services.printing import queue as print_queue
    from returnsdesk.services.reship import flow as reship_flow

    ctx = runner.context()
    s = runner.settings
    ids = [reship_flow.resolve_scan(ctx.sessions, v).id for v in args.slips]
    out = reship_flow.print_slips(
        ctx.sessions, ids, s.shop, s.user, s.station, reprint=args.reprint
    )
    jobs = []
    while out.printed and (job := print_queue.process_next(ctx.sessions, s)) is not None:
        jobs.append(job)
    failed = [j for j in jobs if j.state == JobState.FAILED]
    if args.json:
        print(
            json.dumps(
                {
                    "printed": [r.code for r in out.printed],
                    "refused": [
                        {"code": r.code, "reason": r.text(runner.settings.lang)}
                        for r in out.refused
                    ],
                    "failed_jobs": [{"job": j.id, "error": j.error} for j in failed],
                },
                ensure_ascii=False,
            )
        )
    else:
        for r in out.printed:
            print(runner.tr("已打印 {code}", code=r.code))
    for refusal in out.refused:
        print(f"{refusal.code}: {refusal.text(runner.settings.lang)}", file=sys.stderr)
    for j in failed:
        print(j.error, file=sys.stderr)
    return 1 if out.refused or failed else 0
