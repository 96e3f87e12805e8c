"""``returnsdesk evidence``: the clips and photos of parcels.

``evidence verify`` checks every recorded file against its SHA-256 (exit 0 when all hold, 1
with one line per missing or changed file); ``evidence export TRACKING|REFUND_NO|ORDER_NO
--out FILE.zip`` writes the dispute packet (lead, admin); ``evidence record TRACKING
--seconds N`` records a clip of a parcel from the station's camera (a check of the camera,
and of the build on a machine without one: ``RETURNSDESK_CAMERA=test``); ``evidence clean``
runs the clean-up the bench runs at start and daily (retention, the free-space floor, clips a
crash left unrecorded), for a station without a bench or a scheduled job.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from returnsdesk.commands.runner import Runner


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("evidence", parents=[common], help="拆包录像与照片: 核对、导出举证包")
    esub = p.add_subparsers(dest="evidence_command", required=True, metavar="ACTION")
    v = esub.add_parser("verify", parents=[common], help="按 SHA-256 核对每个录像和照片文件")
    v.set_defaults(func=verify_cmd)
    e = esub.add_parser(
        "export", parents=[common], help="导出举证包 (录像 MP4、照片、说明 PDF、JSON)"
    )
    e.add_argument(
        "value", metavar="TRACKING|REFUND_NO|ORDER_NO", help="快递单号、退款编号或订单号"
    )
    e.add_argument("--out", required=True, help="输出文件 (.zip)")
    e.set_defaults(func=export_cmd)
    r = esub.add_parser("record", parents=[common], help="用本工位摄像头为包裹录一段录像")
    r.add_argument("tracking", metavar="TRACKING", help="已扫描的包裹的快递单号")
    r.add_argument("--seconds", type=float, default=3.0, help="录多少秒 (不含预录)")
    r.set_defaults(func=record_cmd)
    c = esub.add_parser(
        "clean", parents=[common], help="按保留期和磁盘空间清理录像与照片 (记录每次删除)"
    )
    c.set_defaults(func=clean_cmd)


def _root(runner: Runner) -> Path:
    from returnsdesk.services.evidence.records import folder

    s = runner.settings
    return folder(s.home, s.shop.evidence)


def verify_cmd(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.domain.kinds import RemovalReason
    from returnsdesk.services.evidence.verify import FileState, verify

    checked = verify(runner.context().sessions, _root(runner))
    if args.json:
        print(json.dumps({"files": checked.files, "problems": [
            {"id": p.evidence_id, "path": p.path, "tracking": p.tracking, "state": p.state}
            for p in checked.problems], "removed": [
            {"id": p.evidence_id, "path": p.path, "tracking": p.tracking, "state": p.state,
             "reason": p.reason} for p in checked.removed]}, ensure_ascii=False))  # fmt: skip
        return 1 if checked.problems else 0
    names = {FileState.MISSING: runner.tr("缺失"), FileState.CHANGED: runner.tr("已改变")}
    for p in checked.problems:
        print(f"{names[p.state]}\t{p.path}\t{p.tracking}")
    for p in checked.removed:
        why = RemovalReason.name_of(p.reason, runner.settings.lang)
        print(f"{runner.tr('已删除')}\t{p.path}\t{p.tracking}\t{why}")
    if not checked.problems:
        held = checked.files - len(checked.removed)
        print(runner.tr("全部 {n} 个文件与记录的 SHA-256 一致", n=held))
    return 1 if checked.problems else 0


def export_cmd(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.evidence.export import export_packet

    s = runner.settings
    packet = export_packet(runner.context().sessions, s.shop, args.value, Path(args.out),
                           _root(runner), s.user, s.station, s.lang)  # fmt: skip
    if args.json:
        print(json.dumps({"path": str(packet.path), "parcels": list(packet.trackings),
                          "clips": packet.clips, "photos": packet.photos,
                          "missing": list(packet.missing)}, ensure_ascii=False))  # fmt: skip
    else:
        print(runner.tr("举证包 {path}: {n} 个包裹, {clips} 段录像, {photos} 张照片", path=packet.path,
                        n=len(packet.trackings), clips=packet.clips, photos=packet.photos))  # fmt: skip
        for path in packet.missing:
            print(runner.tr("缺失或已改变, 未放入: {path}", path=path))
    return 0


def record_cmd(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.evidence.camera import record_once

    s = runner.settings
    info = record_once(runner.context().sessions, s, args.tracking, args.seconds)
    if args.json:
        print(json.dumps({"path": info.relpath, "sha256": info.sha256, "frames": info.frames,
                          "seconds": round(info.seconds, 2)}, ensure_ascii=False))  # fmt: skip
    else:
        print(runner.tr("已录像 {path}: {frames} 帧, {seconds} 秒", path=info.relpath,
                        frames=info.frames, seconds=f"{info.seconds:.1f}"))  # fmt: skip
    return 0


def clean_cmd(runner: Runner, args: argparse.Namespace) -> int:
    from returnsdesk.services.evidence.camera_setting import camera_of
    from returnsdesk.services.evidence.retention import GB, clean_by_hand

    s = runner.settings
    found, done = clean_by_hand(runner.context().sessions, s.shop.evidence, s.shop.refunds,
                                _root(runner), s.station, camera_of(s), s.user)  # fmt: skip
    if args.json:
        print(json.dumps({"removed": done.removed, "freed": done.freed, "by_disk": done.by_disk,
                          "free": done.disk.free, "floor": done.disk.floor,
                          "low_disk": done.disk.low,
                          "recovered": [r.path for r in found]}, ensure_ascii=False))  # fmt: skip
        return 0
    print(runner.tr("已删除 {n} 个文件, 释放 {mb} MB; 磁盘剩余 {free} GB", n=done.removed,
                    mb=f"{done.freed / (1 << 20):.1f}", free=f"{done.disk.free / GB:.1f}"))  # fmt: skip
    for r in found:
        print(runner.tr("中断的录像已记录为不完整: {path}", path=r.path))
    if done.disk.low:
        print(runner.tr("录像磁盘空间不足: 剩余 {free} GB, 低于 {floor} GB", free=f"{done.disk.free / GB:.1f}",
                        floor=f"{done.disk.floor / GB:.1f}"))  # fmt: skip
    return 0
