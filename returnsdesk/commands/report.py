"""``returnsdesk report …``: the lead's exports and checks, for a scheduled job or by hand.

``report weekly [--week 2026-W47] --out FILE.{xlsx,csv,pdf}`` is the weekly summary (default:
the last full ISO week); ``money``, ``claims`` and ``repairs`` export their lists;
``followups`` prints the overdue count; ``day`` shows (and with ``--close`` closes) a day.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from returnsdesk.commands.runner import Runner
from returnsdesk.domain.kinds import Verdict
from returnsdesk.domain.roles import Act
from returnsdesk.errors import InvalidInput


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 2026-11-22: {text}") from None


def _month(text: str) -> tuple[int, int]:
    try:
        d = dt.date.fromisoformat(text + "-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"月份应为 2026-11: {text}") from None
    return d.year, d.month


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("report", parents=[common], help="主管报表与导出")
    rsub = p.add_subparsers(dest="report_command", required=True, metavar="REPORT")

    w = rsub.add_parser("weekly", parents=[common], help="退货原因周报 (xlsx/csv/pdf)")
    w.add_argument("--week", help="ISO 周, 如 2026-W47 (默认: 上一个完整周)")
    w.add_argument("--out", required=True, type=Path, help="输出文件 .xlsx / .csv / .pdf")
    w.set_defaults(func=weekly)

    m = rsub.add_parser("money", parents=[common], help="款项登记月度导出")
    m.add_argument("--month", type=_month, help="月份, 如 2026-11 (默认: 本月)")
    m.add_argument("--out", required=True, type=Path, help="输出文件 .xlsx / .csv")
    m.set_defaults(func=money)

    c = rsub.add_parser("claims", parents=[common], help="快递索赔清单")
    c.add_argument("--from", dest="first", type=_date, help="开始日期 (默认: 30 天前)")
    c.add_argument("--to", dest="last", type=_date, help="结束日期 (默认: 今天)")
    c.add_argument("--out", required=True, type=Path, help="输出文件 .xlsx / .csv")
    c.set_defaults(func=claims)

    r = rsub.add_parser("repairs", parents=[common], help="返厂维修未结清单")
    r.add_argument("--out", type=Path, help="输出文件 .xlsx / .csv (默认: 打印到屏幕)")
    r.set_defaults(func=repairs)

    rf = rsub.add_parser("refunds", parents=[common], help="当日退款清单 (给财务)")
    rf.add_argument("--date", type=_date, help="日期 (默认: 今天)")
    rf.add_argument("--out", required=True, type=Path, help="输出文件 .xlsx / .csv / .pdf")
    rf.set_defaults(func=refunds)

    f = rsub.add_parser("followups", parents=[common], help="无信息件跟进: 超时未处理数")
    f.set_defaults(func=followups)

    fl = rsub.add_parser("floor", parents=[common], help="现场: 按小时/登记员的进度、等待、工位")
    fl.add_argument("--day", type=_date, help="日期 (默认: 今天)")
    fl.add_argument("--wait-minutes", type=int, default=60, help="待登记超过几分钟标红 (默认 60)")
    fl.add_argument("--out", type=Path, help="另存为 .xlsx / .csv")
    fl.set_defaults(func=floor)

    d = rsub.add_parser("day", parents=[common], help="日结: 当日合计、未登记包裹")
    d.add_argument("--date", type=_date, help="日期 (默认: 今天)")
    d.add_argument("--close", action="store_true", help="日结并打印日报")
    d.add_argument("--force", action="store_true", help="有未登记包裹也日结")
    d.add_argument("--note", default="", help="强制日结或重新打开的原因")
    d.add_argument("--reopen", action="store_true", help="重新打开已日结的一天 (主管, 须填 --note)")
    d.set_defaults(func=day)


def _table_format(out: Path) -> str:
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("xlsx", "csv"):
        raise InvalidInput("导出文件应为 .xlsx / .csv: {file}", file=out.name)
    return fmt


def _write(tables: list[Any], out: Path) -> None:
    from returnsdesk.reports.tables import write_csv, write_xlsx

    (write_xlsx if _table_format(out) == "xlsx" else write_csv)(tables, out)


def weekly(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.domain.weeks import IsoWeek
    from returnsdesk.reports.export import export_weekly, format_of
    from returnsdesk.reports.weekly import bin_names_of

    format_of(args.out)
    week = IsoWeek.parse(args.week) if args.week else IsoWeek.last_full(dt.date.today())
    ctx = runner.context()
    lang = runner.settings.lang
    names = bin_names_of(runner.settings.shop, lang)
    summary = export_weekly(ctx.sessions, week, args.out, names, lang=lang)
    if args.json:
        doc = {
            "week": str(week),
            "out": str(args.out),
            "parcels": summary.parcels,
            "items": summary.total,
            "prev_parcels": summary.prev_parcels,
            "prev_items": summary.prev_total,
            "breakdowns": {
                b.key: [
                    {"key": list(r.key), "count": r.count, "prev_count": r.prev_count}
                    for r in b.rows
                ]
                for b in summary.breakdowns
            },
        }
        print(json.dumps(doc, ensure_ascii=False))
    else:
        print(
            runner.tr(
                "{week}: {parcels} 个包裹, {items} 件, 已导出 {out}",
                week=str(week),
                parcels=summary.parcels,
                items=summary.total,
                out=str(args.out),
            )
        )
    return 0


def money(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.reports.lead_tables import money_table
    from returnsdesk.services.lead.money_rows import entries_of_month

    runner.require(Act.RECORDS)
    _table_format(args.out)
    today = dt.date.today()
    year, month = args.month or (today.year, today.month)
    rows = entries_of_month(runner.context().sessions, year, month)
    _write([money_table(rows, f"{year}-{month:02d} 款项")], args.out)
    total = sum((r.amount for r in rows), start=0)
    print(
        runner.tr(
            "{n} 条款项, 合计 {total} 元, 已导出 {out}", n=len(rows), total=total, out=str(args.out)
        )
    )
    return 0


def claims(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.reports.claims import claims as find
    from returnsdesk.reports.claims import claims_table

    runner.require(Act.RECORDS)
    _table_format(args.out)
    last = args.last or dt.date.today()
    first = args.first or last - dt.timedelta(days=30)
    rows = find(runner.context().sessions, first, last)
    _write([claims_table(rows)], args.out)
    print(runner.tr("{n} 个索赔包裹, 已导出 {out}", n=len(rows), out=str(args.out)))
    return 0


def repairs(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.reports.lead_tables import repairs_table
    from returnsdesk.services.lead.repairs import outstanding

    rows = outstanding(runner.context().sessions, dt.date.today(), runner.settings.shop.repair_days)
    if args.out:
        _table_format(args.out)
        _write([repairs_table(rows)], args.out)
        print(runner.tr("{n} 件待返厂, 已导出 {out}", n=len(rows), out=str(args.out)))
    elif args.json:
        print(
            json.dumps(
                [
                    {
                        "item_id": r.item_id,
                        "day": r.day.isoformat(),
                        "model": r.model,
                        "deadline": r.deadline.isoformat(),
                        "days_left": r.days_left,
                    }
                    for r in rows
                ],
                ensure_ascii=False,
            )
        )
    else:
        for r in rows:
            flag = runner.tr("超期") if r.overdue else ""
            print(
                f"{r.day}\t{r.buyer_id}\t{r.model}{r.color}{r.size}{r.spec}*{r.qty}\t{r.deadline}\t{flag}"
            )
    return 0


def refunds(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.reports.export import format_of
    from returnsdesk.reports.refund_list import export_refund_list

    runner.require(Act.RECORDS)
    format_of(args.out)
    the_day = args.date or dt.date.today()
    rows = export_refund_list(runner.context().sessions, the_day, args.out)
    approved = sum((r.amount for r in rows if r.decision == Verdict.APPROVE), start=0)
    if args.json:
        print(
            json.dumps(
                {
                    "day": the_day.isoformat(),
                    "out": str(args.out),
                    "refunds": len(rows),
                    "approved": str(approved),
                }
            )
        )
    else:
        print(
            runner.tr(
                "{day}: {n} 笔退款, 批准合计 {total} 元, 已导出 {out}",
                day=the_day.isoformat(),
                n=len(rows),
                total=approved,
                out=str(args.out),
            )
        )
    return 0


def floor(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.reports import floor as fl
    from returnsdesk.reports import floor_export

    runner.require(Act.RECORDS)
    if args.out is not None:
        _table_format(args.out)
    the_day = args.day or dt.date.today()
    now = dt.datetime.now()
    if the_day < now.date():  # a past day: as it stood at its end
        now = dt.datetime.combine(the_day, dt.time(23, 59, 59))
    report = fl.floor(
        runner.context().sessions, the_day, now, runner.settings.shop.refunds, args.wait_minutes
    )
    if args.out is not None:
        _write(floor_export.floor_tables(report, runner.settings.lang), args.out)
    if args.json:
        print(json.dumps(floor_export.as_json(report), ensure_ascii=False))
        return 0
    t = report.totals
    print(
        runner.tr(
            "{day}: 签收 {received}, 登记 {registered}, 拒收 {refused}, 待登记 {open} "
            "(超过 {minutes} 分钟 {late}); 待处理退款 {refunds} (不足2小时 {urgent}); "
            "补发单待打印 {to_print}, 已打印未发货 {to_ship}",
            day=the_day.isoformat(),
            received=t["received"],
            registered=t["registered"],
            refused=t["refused"],
            open=len(report.waiting),
            minutes=report.wait_minutes,
            late=sum(w.late for w in report.waiting),
            refunds=len(report.refunds),
            urgent=sum(r.urgent for r in report.refunds),
            to_print=len(report.to_print),
            to_ship=len(report.to_ship),
        )
    )
    for c in report.clerks:
        print(
            runner.tr(
                "  {clerk}: {parcels} 个包裹, {items} 件, 中位 {median} 分钟, P90 {p90} 分钟",
                clerk=c.clerk or "-",
                parcels=c.parcels,
                items=c.items,
                median="-" if c.median_min is None else c.median_min,
                p90="-" if c.p90_min is None else c.p90_min,
            )
        )
    if args.out is not None:
        print(runner.tr("已导出 {out}", out=str(args.out)))
    return 0


def followups(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.lead.followup import list_followups

    rows = list_followups(runner.context().sessions, dt.datetime.now())
    overdue = sum(r.overdue for r in rows)
    if args.json:
        print(json.dumps({"open": len(rows), "overdue": overdue}))
    else:
        print(runner.tr("无信息件 {n} 个, 其中超过一天未跟进 {o} 个", n=len(rows), o=overdue))
    return 0


def day(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.lead.day_close import close_day, day_totals, reopen_day

    the_day = args.date or dt.date.today()
    ctx = runner.context()
    s = runner.settings
    if args.reopen:
        reopen_day(ctx.sessions, the_day, args.note, s.user, s.station)
        totals = day_totals(ctx.sessions, the_day)
    elif args.close:
        totals = close_day(
            ctx.sessions, the_day, s.user, s.station, force=args.force, note=args.note
        ).totals
    else:
        totals = day_totals(ctx.sessions, the_day)
    if args.json:
        print(
            json.dumps(
                {
                    "day": the_day.isoformat(),
                    "by_status": totals.by_status,
                    "items": totals.pieces,
                    "money": {k: str(v) for k, v in totals.money_by_kind.items()},
                    "money_pending": str(totals.money_pending),
                    "unregistered": [p.tracking_no for p in totals.unregistered],
                    "closed_at": totals.closed_at.isoformat() if totals.closed_at else None,
                    "closed_by": totals.closed_by or None,
                },
                ensure_ascii=False,
            )
        )
        return 0
    tr = runner.tr
    print(
        tr(
            "{day}: {n} 个包裹, {items} 件, 款项 {money} 元",
            day=the_day.isoformat(),
            n=totals.parcels,
            items=totals.pieces,
            money=totals.money_total,
        )
    )
    for p in totals.unregistered:
        print(tr("未登记: {t} {c} {at:%H:%M}", t=p.tracking_no, c=p.courier, at=p.received_at))
    if totals.closed_at:
        print(tr("已日结: {who} {at:%Y-%m-%d %H:%M}", who=totals.closed_by, at=totals.closed_at))
    return 0
