"""``returnsdesk import orders|refunds|catalog FILE``: ERP exports in, with counts and a report."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from returnsdesk.commands.runner import Runner

if TYPE_CHECKING:
    from returnsdesk.importing.service import ImportResult


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="导入 ERP 导出的订单/退款/商品资料 (CSV 或 XLSX)",
        description="导入 ERP 导出文件. 预设按表头自动识别; 其他 ERP 用 --mapping 映射文件.",
    )
    p.add_argument("kind", choices=["orders", "refunds", "catalog"], help="导入什么")
    p.add_argument("file", type=Path, help="CSV 或 XLSX 文件")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--preset", help="预设名 (默认按表头自动识别)")
    how.add_argument("--mapping", type=Path, help="列映射文件 (TOML, 见 README)")
    p.add_argument("--items", type=Path, help="orders: 随后导入的宝贝明细文件 (按订单编号并入订单)")
    p.add_argument("--batch-size", type=int, default=5000, help="每批行数 (每批一个事务)")
    p.set_defaults(func=run)


def run(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.importing.service import run_import

    if args.items is not None and args.kind != "orders":
        print(runner.tr("--items 只能和 orders 一起用"), file=sys.stderr)
        return 2
    ctx = runner.context()
    settings = ctx.settings
    steps: list[tuple[Path, str | None, Path | None]] = [(args.file, args.preset, args.mapping)]
    if args.items is not None:
        steps.append((args.items, None, None))
    results: list[ImportResult] = []
    for path, preset, mapping in steps:
        results.append(
            run_import(
                ctx.sessions,
                args.kind,
                path,
                home=settings.home,
                user=settings.user,
                station=settings.station,
                preset=preset,
                mapping=mapping,
                batch_size=max(1, args.batch_size),
            )
        )
    for r in results:
        if args.json:
            print(json.dumps(r.as_dict(), ensure_ascii=False))
            continue
        print(
            runner.tr(
                "{file} ({preset}, {encoding}): 新增 {imported}, 更新 {updated}, "
                "未变 {unchanged}, 拒绝 {rejected}",
                file=r.file_name,
                preset=r.preset_label,
                encoding=r.encoding,
                imported=r.imported,
                updated=r.updated,
                unchanged=r.unchanged,
                rejected=r.rejected,
            )
        )
        for line in reason_lines(runner, r):
            print(line)
        if r.report_path:
            print(runner.tr("被拒绝的行和原因: {path}", path=r.report_path))
    return 0


def reason_lines(runner: Runner, r: ImportResult) -> list[str]:
    """The rejection reasons with their row counts, the most frequent first."""
    from returnsdesk.importing.reasons import TOP_REASONS

    if not r.rejected:
        return []
    lines = [runner.tr("拒绝原因 (行数, 最多的在前):")]
    for kind, rows, first in r.reasons.top(TOP_REASONS):
        lines.append(
            runner.tr("  {rows} 行: {reason} (如第 {row} 行)", rows=rows, reason=kind, row=first)
        )
    kinds, rows = r.reasons.rest(TOP_REASONS)
    if kinds:
        lines.append(runner.tr("  … 另有 {kinds} 种原因, 共 {rows} 行", kinds=kinds, rows=rows))
    return lines
