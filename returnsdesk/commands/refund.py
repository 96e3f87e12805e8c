"""``returnsdesk refund``: the refund queue after inspection and the lead's decision.

``refund list [--due] [--json]`` shows the queue with deadline and suggested decision;
``refund decide REFUND_NO --approve AMOUNT [--kind K] [--note T] [--replaces ID|none]`` or
``--refuse --note T`` records a decision (exit 1 with one line: unknown request, parcel not
registered, amount above what the order paid, another lead decided since …). A decision
names the one it replaces (default none), so two leads deciding at once never both win.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from returnsdesk.commands.runner import Runner
from returnsdesk.domain.kinds import decision_name
from returnsdesk.domain.roles import Act
from returnsdesk.services.refunds.queue import VIEWS
from returnsdesk.services.refunds.rows import DecisionView, QueueRow

CHUNK = 500  # requests read at a time (a few queries each)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("refund", parents=[common], help="验货后退款审核")
    rsub = p.add_subparsers(dest="refund_command", required=True, metavar="ACTION")

    ls = rsub.add_parser("list", parents=[common], help="退款审核队列: 期限与建议")
    ls.add_argument("--due", action="store_true", help="只列已超过处理期限的")
    ls.add_argument(
        "--view",
        choices=VIEWS,
        default="open",
        help="待审核 / 超时 / 待平台退款 / 平台先退款 / 全部",
    )
    ls.set_defaults(func=list_cmd)

    d = rsub.add_parser("decide", parents=[common], help="同意 (金额) 或拒绝一个退款")
    d.add_argument("refund_no", metavar="REFUND_NO", help="退款编号")
    how = d.add_mutually_exclusive_group(required=True)
    how.add_argument("--approve", metavar="AMOUNT", help="同意退款的金额")
    how.add_argument("--refuse", action="store_true", help="拒绝 (须 --note 说明原因)")
    d.add_argument("--kind", help="退款类型: 货款 / 退差价 / 退运费 / 好评返现 (默认: 货款)")
    d.add_argument("--note", default="", help="备注 / 拒绝原因")
    d.add_argument(
        "--replaces",
        metavar="ID|none",
        type=_decision_id,
        default=None,
        help="要替换的当前决定编号 (refund list --json 的 decision.id); 默认 none: 尚无决定",
    )
    d.set_defaults(func=decide_cmd)


def _decision_id(text: str) -> int | None:
    """``none`` (the request has no decision yet) or a decision's number."""
    if text.strip().lower() == "none":
        return None
    try:
        return int(text.strip().lstrip("#"))
    except ValueError:
        raise argparse.ArgumentTypeError(text) from None


def _doc(r: QueueRow) -> dict[str, Any]:
    sug = r.suggestion
    dec = r.decision
    return {
        "refund_no": r.refund_no,
        "order_no": r.order_no,
        "buyer": r.buyer_id,
        "asked": str(r.asked),
        "buyer_reason": r.buyer_reason,
        "found": [
            {
                "model": f.model,
                "color": f.color,
                "size": f.size,
                "qty": f.qty,
                "condition": f.condition,
                "reason": f.reason,
                "responsibility": f.responsibility,
            }
            for f in r.found
        ],
        "missing": [
            {"model": m.line.model, "color": m.line.color, "size": m.line.size, "qty": m.qty}
            for m in sug.missing
        ],
        "money": {kind: str(amount) for kind, amount in r.money},
        "due_at": r.entry.due_at.isoformat(timespec="minutes"),
        "hours_left": round(r.hours_left, 1),
        "overdue": r.overdue,
        "suggestion": {
            "decision": sug.decision,
            "amount": str(sug.amount),
            "rule": sug.rule,
            "grounds": [
                {
                    "rule": g.rule,
                    "name": g.rule_name,
                    "items": list(g.items),
                    "amount": str(g.amount),
                }
                for g in sug.grounds
            ],
        },
        "max_amount": str(r.cap),
        "platform": r.platform_state,
        "refunded_before_arrival": r.refunded_before_arrival,
        "follow_up": r.follow_up,
        "decision": None if dec is None else _decision_doc(dec),
        "history": [_decision_doc(d) for d in r.history],
    }


def _decision_doc(d: DecisionView) -> dict[str, Any]:
    return {
        "id": d.id,
        "decision": d.decision,
        "kind": d.kind,
        "amount": str(d.amount),
        "note": d.note,
        "by": d.decided_by,
        "at": d.decided_at.isoformat(timespec="seconds"),
        "supersedes": d.supersedes_id,
    }


def list_cmd(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.refunds import queue as rq
    from returnsdesk.services.refunds import rows as refund_rows

    runner.require(Act.RECORDS)
    ctx = runner.context()
    shop = runner.settings.shop
    now = dt.datetime.now()
    view = "due" if args.due else args.view
    ids = rq.queue_ids(ctx.sessions, shop.refunds, now, view)
    ordered: list[QueueRow] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = refund_rows.rows(ctx.sessions, chunk, shop, now)
        ordered += [rows[i] for i in chunk if i in rows]
    if args.json:
        print(json.dumps([_doc(r) for r in ordered], ensure_ascii=False))
        return 0
    tr = runner.tr
    for r in ordered:
        d = r.decision
        if d is not None:
            state = tr("已决定: {what} {amount} ({who})", what=decision_name(d.decision, runner.settings.lang),
                       amount=f"{d.kind} {d.amount:.2f}", who=d.decided_by)  # fmt: skip
        elif r.hours_left < 0:
            state = tr("超时 {h} 小时", h=f"{-r.hours_left:.0f}")
        else:
            state = tr("剩 {h} 小时", h=f"{r.hours_left:.0f}")
        flags = [tr("到货前已退款")] if r.refunded_before_arrival else []
        flags += [tr("平台未退款, 请跟进")] if r.follow_up else []
        sug = r.suggestion
        cells = [r.refund_no, r.buyer_id, f"{r.asked:.2f}", state,
                 f"{tr(sug.name)} {sug.amount:.2f}", sug.grounds_in(tr), *flags]  # fmt: skip
        print("\t".join(cells))
    print(tr("共 {n} 个退款", n=len(ordered)))
    return 0


def decide_cmd(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.refunds.decide import decide

    s = runner.settings
    result = decide(
        runner.context().sessions,
        s.shop,
        args.refund_no,
        s.user,
        s.station,
        approve=args.approve,
        refuse=args.refuse,
        kind=args.kind,
        note=args.note,
        replaces=args.replaces,
    )
    if args.json:
        print(
            json.dumps(
                {
                    "id": result.id,
                    "refund_no": result.refund_no,
                    "decision": result.decision,
                    "kind": result.kind,
                    "amount": str(result.amount),
                    "asked": str(result.asked),
                    "differs": result.differs,
                    "supersedes": result.supersedes_id,
                    "note": result.backend_note,
                },
                ensure_ascii=False,
            )
        )
        return 0
    if result.differs:
        print(
            runner.tr(
                "注意: 批准金额 {amount} 与申请金额 {asked} 不同",
                amount=f"{result.amount:.2f}",
                asked=f"{result.asked:.2f}",
            )
        )
    print(result.backend_note)
    return 0
