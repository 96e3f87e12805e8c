"""``returnsdesk print label|reship|day-sheet|commands``: a PDF file, or a job to a printer.

With ``--out`` the PDF is written there; otherwise a print job goes through the queue to
``--printer`` (or the configured printer for the kind) and the command waits for it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from returnsdesk.commands.runner import Runner
from returnsdesk.domain.kinds import DocKind, JobState, doc_name
from returnsdesk.errors import InvalidInput, PrinterUnavailable


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("print", parents=[common], help="打印标签、换货单、日报、指令表")
    psub = p.add_subparsers(dest="print_command", required=True)

    out = argparse.ArgumentParser(add_help=False)
    out.add_argument("--out", help="写入 PDF 文件, 不送打印机")
    out.add_argument("--printer", help="打印机: CUPS 队列名, cups:NAME, folder:DIR")
    out.add_argument("--size", help="纸张: 100x150, 60x40, A5, A4")
    out.add_argument("--copies", type=int, help="份数 (默认: 打印机设置)")

    lab = psub.add_parser("label", parents=[common, out], help=doc_name(DocKind.LABEL))
    lab.add_argument("parcel_id", help="包裹 ID (数字或 P00001234)")
    lab.set_defaults(func=run, kind=DocKind.LABEL)
    rs = psub.add_parser("reship", parents=[common, out], help=doc_name(DocKind.RESHIP))
    rs.add_argument("slip_id", help="换货单 ID (数字或 RS00000012)")
    rs.set_defaults(func=run, kind=DocKind.RESHIP)
    ds = psub.add_parser("day-sheet", parents=[common, out], help=doc_name(DocKind.DAY_SHEET))
    ds.add_argument("--date", help="日期 YYYY-MM-DD, 默认今天")
    ds.set_defaults(func=run, kind=DocKind.DAY_SHEET)
    cm = psub.add_parser("commands", parents=[common, out], help=doc_name(DocKind.COMMANDS))
    cm.set_defaults(func=run, kind=DocKind.COMMANDS)


def _ref(args: argparse.Namespace) -> str:
    from returnsdesk.domain.codes import parse_parcel_code, parse_reship_code

    if args.kind == DocKind.LABEL:
        value = parse_parcel_code(args.parcel_id) or _int(args.parcel_id)
        return str(value)
    if args.kind == DocKind.RESHIP:
        return str(parse_reship_code(args.slip_id) or _int(args.slip_id))
    if args.kind == DocKind.DAY_SHEET:
        try:
            return (dt.date.fromisoformat(args.date) if args.date else dt.date.today()).isoformat()
        except ValueError:
            raise InvalidInput(
                "日期应写成 2026-11-27: {date}", field="date", date=args.date
            ) from None
    return ""


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise InvalidInput("不是编号: {value}", value=value) from None


def run(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.printing import settings as printer_settings
    from returnsdesk.printing.layout import DOC_SIZES
    from returnsdesk.printing.render import render
    from returnsdesk.services.printing import queue as print_queue
    from returnsdesk.services.printing.documents import document_for

    settings = runner.settings
    ref = _ref(args)
    if args.size and args.size not in DOC_SIZES[args.kind]:
        raise InvalidInput(
            "纸张 {size}, 可选: {sizes}",
            field="size",
            size=args.size,
            sizes=", ".join(DOC_SIZES[args.kind]),
        )
    ctx = runner.context()
    if args.out:
        prefs = printer_settings.load(settings.home)
        size = args.size or prefs.for_kind(args.kind).size
        pdf = render(
            args.kind,
            document_for(ctx.sessions, args.kind, ref, settings.shop),
            size,
            prefs.font or None,
        )
        path = Path(args.out)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pdf)
        _say(args, runner.tr("已保存 {path}", path=str(path)), {"pdf": str(path)})
        return 0
    document_for(ctx.sessions, args.kind, ref, settings.shop)  # unknown parcel: no dead job
    job_id = print_queue.enqueue(
        ctx.sessions, args.kind, ref, settings.user, settings.station, args.printer, args.copies
    )
    job = print_queue.run_job(ctx.sessions, job_id, settings, size=args.size)
    if job.state != JobState.DONE:
        raise PrinterUnavailable(
            "{error} (打印任务 {job} 已保留在队列中)", error=job.error, job=job_id
        )
    _say(
        args,
        runner.tr("已打印 (任务 {job})", job=job_id),
        {"job": job_id, "state": job.state, "pdf": job.pdf_path},
    )
    return 0


def _say(args: argparse.Namespace, text: str, data: dict[str, Any]) -> None:
    print(json.dumps(data, ensure_ascii=False) if args.json else text)
