"""``returnsdesk lookup VALUE``: what the bench would show for a scanned or typed value."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from returnsdesk.commands.runner import Runner


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("lookup", parents=[common], help="查询运单号、旺旺名或电话")
    p.add_argument("value")
    p.set_defaults(func=run)


def run(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.bench.lookup import lookup

    out = lookup(runner.context().sessions, args.value)
    if args.json and out["kind"] == "garbage":
        print(json.dumps(out, ensure_ascii=False))
        print(runner.tr("无法识别: {v}", v=args.value), file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return 0
    tr = runner.tr
    kind = out["kind"]
    if kind in ("tracking", "order"):
        if kind == "tracking":
            print(tr("运单号 {v} ({c})", v=out["value"], c="/".join(out["couriers"])))
        m = out["match"]
        if m:
            print(
                tr(
                    "买家 {b}  订单 {o}  原因 {r}",
                    b=m["buyer_id"],
                    o=m["order_no"],
                    r=m["stated_reason"],
                )
            )
            for ln in m["lines"]:
                print(f"  {ln['model']}{ln['color']}{ln['size']}{ln['spec']}*{ln['qty']}")
        else:
            print(tr("没有匹配的退货申请或发货记录"))
        if out.get("parcel"):
            p = out["parcel"]
            print(tr("已扫描: 纸条编号 {n}, 状态 {s}", n=p["slip_no"] or "-", s=p["status"]))
    elif kind in ("text", "buyer"):
        for h in out["hits"]:
            print(
                f"{h['buyer_id']}\t{h['receiver_name']}\t{h['phone_masked']}\t{h['city']}\t{h['order_no']}"
            )
        if not out["hits"]:
            print(tr("没有找到"))
    elif kind == "sku":
        print(out["sku"] or tr("商品条码不在目录中"))
    else:
        print(tr("无法识别: {v}", v=args.value), file=sys.stderr)
        return 1
    return 0
