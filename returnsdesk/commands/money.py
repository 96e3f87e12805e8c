"""``returnsdesk money confirm|reverse|open``: the lead's acts on the money register."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from returnsdesk.commands.runner import Runner


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("money", parents=[common], help="款项: 确认收款, 冲正, 未交接")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    c = verbs.add_parser("confirm", parents=[common], help="确认收到登记员的款项 (主管)")
    c.add_argument("--clerk", required=True)
    c.add_argument("--counted", required=True, help="实点金额")
    c.add_argument("--note", default="", help="差额说明")
    c.add_argument("--date", type=dt.date.fromisoformat, help="日期 (默认今天)")
    c.add_argument(
        "--follows",
        metavar="ID|none",
        type=_handover_id,
        default=None,
        help="该登记员当天最后一次交接的编号 (money open --json 的 last_handover); "
        "默认 none: 当天第一次交接",
    )
    c.set_defaults(func=run_confirm)
    r = verbs.add_parser("reverse", parents=[common], help="冲正一笔款项")
    r.add_argument("entry_id", type=int)
    r.add_argument("--note", required=True)
    r.set_defaults(func=run_reverse)
    o = verbs.add_parser("open", parents=[common], help="各天未交接或差额未结清的款项")
    o.set_defaults(func=run_open)


def _handover_id(text: str) -> int | None:
    """``none`` (the clerk's first hand-over of the day) or a hand-over's number."""
    if text.strip().lower() == "none":
        return None
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a hand-over number: {text}") from None


def run_confirm(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.lead import cash

    ctx, s = runner.context(), runner.settings
    day = args.date or dt.date.today()
    h = cash.confirm_handover(
        ctx.sessions,
        day,
        args.clerk,
        args.counted,
        args.note,
        runner.acting(),
        s.station,
        follows=args.follows,
    )
    if args.json:
        print(
            json.dumps(
                {
                    "id": h.id,
                    "registered": str(h.registered_amount),
                    "counted": str(h.counted_amount),
                    "difference": str(h.difference),
                }
            )
        )
    else:
        print(
            runner.tr(
                "已确认 {clerk} {day} 的款项: 登记 {registered}, 实点 {counted}, 差额 {difference}",
                clerk=h.clerk,
                day=day.isoformat(),
                registered=h.registered_amount,
                counted=h.counted_amount,
                difference=h.difference,
            )
        )
    return 0


def run_reverse(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.lead import cash

    ctx, s = runner.context(), runner.settings
    new_id = cash.reverse_entry(ctx.sessions, args.entry_id, args.note, runner.acting(), s.station)
    if args.json:
        print(json.dumps({"id": new_id, "reverses": args.entry_id}))
    else:
        print(runner.tr("已冲正款项 {old}: 冲正记录 {new}", old=args.entry_id, new=new_id))
    return 0


def run_open(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.domain.roles import Act
    from returnsdesk.services.lead import money_rows

    runner.require(Act.RECORDS)
    rows = money_rows.open_money(runner.context().sessions)
    if args.json:
        out = [
            {
                "day": r.day.isoformat(),
                "clerk": r.clerk,
                "pending": str(r.pending),
                "difference": str(r.difference),
                "last_handover": r.last_handover,
            }
            for r in rows
        ]
        print(json.dumps(out, ensure_ascii=False))
        return 0
    for r in rows:
        print(f"{r.day.isoformat()}\t{r.clerk}\t{r.pending}\t{r.difference}")
    return 0
