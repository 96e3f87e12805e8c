"""The dispute packet (举证包) for the platform: a parcel's clips as MP4 (remuxed, not
re-encoded), its photos, a one-page summary PDF and a JSON sidecar, in one ZIP.

Found by the parcel's tracking number (or the number it was linked by), a return request's
number or an order number. Leads and admins only; every export is in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order, Parcel, Refund
from returnsdesk.domain import strings
from returnsdesk.domain.kinds import AuditAction, AuditEntity, EvidenceKind
from returnsdesk.domain.roles import Act
from returnsdesk.domain.status import status_name
from returnsdesk.errors import NotFound, OutputUnwritable
from returnsdesk.evidence.clip import sha256_of
from returnsdesk.evidence.remux import remux_to_mp4
from returnsdesk.i18n import translate
from returnsdesk.printing.evidence_sheet import EvidenceSheet, SheetParcel, render_evidence_sheet
from returnsdesk.services.common import audit, tx, users
from returnsdesk.services.evidence.records import EvidenceView, of_parcels

Progress = Callable[[int, int | None], None]  # files written, of how many


@dataclass(frozen=True)
class PacketFile:
    name: str  # in the ZIP
    evidence: EvidenceView
    intact: bool  # the stored file still has its recorded SHA-256


@dataclass(frozen=True)
class Packet:
    path: Path
    trackings: tuple[str, ...]
    clips: int
    photos: int
    missing: tuple[str, ...]  # recorded files not found or changed (named in the sidecar)


def _parcels(s: Session, value: str) -> list[Parcel]:
    """The parcels a tracking number, a return request or an order names."""
    v = value.strip()
    base = select(Parcel).options(selectinload(Parcel.items), selectinload(Parcel.order))
    found = list(s.scalars(base.where(or_(Parcel.tracking_no == v, Parcel.linked_no == v))))
    if found:
        return found
    refund = s.scalars(select(Refund).where(Refund.refund_no == v)).first()
    if refund is not None:
        found = list(s.scalars(base.where(Parcel.refund_id == refund.id).order_by(Parcel.id)))
        if found:
            return found
    order_ids = select(Order.id).where(Order.order_no == v).scalar_subquery()
    return list(s.scalars(base.where(Parcel.order_id == order_ids).order_by(Parcel.id)))


def _item(it: Any, shop: ShopConfig) -> str:
    spec = strings.ItemSpec(it.model, it.category, it.color, it.size, it.spec, it.qty)
    return f"{strings.item_text(spec, shop)}*{it.qty}"


def _refund_no(s: Session, p: Parcel) -> str:
    if p.refund_id is None:
        return ""
    return s.scalar(select(Refund.refund_no).where(Refund.id == p.refund_id)) or ""


def _times(e: EvidenceView) -> str:
    if e.kind == EvidenceKind.PHOTO:
        return e.started_at.strftime("%Y-%m-%d %H:%M:%S")
    return f"{e.started_at:%Y-%m-%d %H:%M:%S}–{e.ended_at:%H:%M:%S}"


def _files(views: list[EvidenceView], root: Path, tracking: str) -> list[PacketFile]:
    out = []
    n = {EvidenceKind.CLIP: 0, EvidenceKind.PHOTO: 0}
    for e in views:
        kind = EvidenceKind(e.kind)
        n[kind] += 1
        src = root / e.path
        intact = src.is_file() and sha256_of(src) == e.sha256
        if kind is EvidenceKind.CLIP:
            name = f"clips/{tracking}_{n[kind]}.mp4"
        else:
            name = f"photos/{tracking}_{n[kind]}{Path(e.path).suffix}"
        out.append(PacketFile(name, e, intact))
    return out


def export_packet(
    sessions: SessionFactory,
    shop: ShopConfig,
    value: str,
    out: Path,
    root: Path,
    user: str,
    station: str,
    lang: str = "zh_CN",
    progress: Progress | None = None,
) -> Packet:
    """Write the packet of the parcels ``value`` names to ``out`` (a .zip); audited.
    ``progress(done, total)``: the files written into it so far (the summary last)."""
    with sessions() as s:
        actor = users.require(s, user, Act.EVIDENCE)
        parcels = _parcels(s, value)
        if not parcels:
            raise NotFound("包裹、退款或订单 {value}", value=value.strip())
        refunds = {p.id: _refund_no(s, p) for p in parcels}
        lines = {
            p.id: [_item(ln, shop) for ln in (p.order.lines if p.order else [])] for p in parcels
        }
    views = of_parcels(sessions, [p.id for p in parcels])
    by_parcel: dict[int, list[PacketFile]] = {}
    for p in parcels:
        by_parcel[p.id] = _files([v for v in views if v.parcel_id == p.id], root, p.tracking_no)

    def tr(text: str, **kw: object) -> str:
        return translate(text, lang, **kw)

    docs = [
        _parcel_doc(p, refunds[p.id], lines[p.id], by_parcel[p.id], shop, lang) for p in parcels
    ]
    sheet = EvidenceSheet(
        title=tr("拆包举证说明"),
        subtitle=tr(
            "查询: {value} · 导出: {who} · {when}",
            value=value.strip(),
            who=actor.name,
            when=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        ),
        labels=(tr("订单商品 (售出)"), tr("收到的商品"), tr("文件"), tr("时间"), "SHA-256"),
        parcels=tuple(_sheet_parcel(d, tr) for d in docs),
        footer=tr(
            "录像自扫描快递单前开始, 连续无剪辑, 画面带单号、时间、工位和登记员; "
            "SHA-256 为文件生成时记录, 可用任何 SHA-256 工具核对。"
        ),
    )
    files = [f for fs in by_parcel.values() for f in fs]
    _write_zip(out, root, files, render_evidence_sheet(sheet), docs, progress)

    def work(s: Session) -> None:
        a = users.require(s, user, Act.EVIDENCE)
        for p in parcels:
            audit.record(s, a.name, station, AuditAction.EVIDENCE_EXPORT, AuditEntity.PARCEL,
                         p.id, f"{value.strip()} → {out.name}")  # fmt: skip

    tx.run(sessions, work)
    missing = tuple(f.evidence.path for f in files if not f.intact)
    clips = sum(1 for f in files if f.evidence.kind == EvidenceKind.CLIP and f.intact)
    photos = sum(1 for f in files if f.evidence.kind == EvidenceKind.PHOTO and f.intact)
    return Packet(out, tuple(p.tracking_no for p in parcels), clips, photos, missing)


def _parcel_doc(
    p: Parcel, refund_no: str, sold: list[str], files: list[PacketFile], shop: ShopConfig, lang: str
) -> dict[str, Any]:
    return {
        "tracking": p.tracking_no,
        "courier": p.courier,
        "buyer": p.buyer_id,
        "order_no": p.order.order_no if p.order else "",
        "refund_no": refund_no,
        "status": status_name(p.status, lang),
        "slip_no": p.slip_no,
        "clerk": p.clerk,
        "station": p.station,
        "received_at": p.received_at.isoformat(timespec="seconds"),
        "registered_at": p.registered_at.isoformat(timespec="seconds") if p.registered_at else None,
        "return_string": p.return_string or p.register_line,
        "sold": sold,
        "received": [
            {"item": _item(it, shop), "reason": it.reason, "condition": it.condition, "bin": it.bin}
            for it in p.items
        ],
        "files": [
            {
                "name": f.name,
                "kind": f.evidence.kind,
                "sha256": f.evidence.sha256,
                "size": f.evidence.size,
                "started_at": f.evidence.started_at.isoformat(timespec="seconds"),
                "ended_at": f.evidence.ended_at.isoformat(timespec="seconds"),
                "station": f.evidence.station,
                "clerk": f.evidence.clerk,
                "camera": f.evidence.camera,
                "item": f.evidence.item_index,
                "note": f.evidence.note,
                "intact": f.intact,
            }
            for f in files
        ],
    }


def _sheet_parcel(d: dict[str, Any], tr: Callable[..., str]) -> SheetParcel:
    heading = " · ".join(x for x in (d["tracking"], d["courier"], d["buyer"], d["order_no"],
                                     d["refund_no"]) if x)  # fmt: skip
    facts = (
        (tr("状态"), d["status"]),
        (tr("纸条编号"), str(d["slip_no"] or "")),
        (tr("登记员"), d["clerk"]),
        (tr("工位"), d["station"]),
        (tr("签收"), d["received_at"].replace("T", " ")),
        (tr("登记"), (d["registered_at"] or "").replace("T", " ")),
    )
    received = tuple(" ".join(x for x in (r["item"], r["reason"], r["condition"]) if x)
                     for r in d["received"])  # fmt: skip
    files = tuple(
        (f["name"] if f["intact"] else f"{f['name']} ({tr('文件缺失或已改变')})",
         f"{f['started_at'][:19].replace('T', ' ')}–{f['ended_at'][11:19]}", f["sha256"])
        for f in d["files"]
    )  # fmt: skip
    return SheetParcel(heading, facts, tuple(d["sold"]), received, files)


def _write_zip(
    out: Path,
    root: Path,
    files: list[PacketFile],
    pdf: bytes,
    docs: list[dict[str, Any]],
    progress: Progress | None = None,
) -> None:
    tell = progress or (lambda _done, _total: None)
    intact = [f for f in files if f.intact]
    total = len(intact) + 1
    tell(0, total)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(out, "w") as z:
            for n, f in enumerate(intact):
                tell(n, total)
                src = root / f.evidence.path
                if f.evidence.kind == EvidenceKind.CLIP:
                    mp4 = Path(tmp) / "clip.mp4"
                    remux_to_mp4(src, mp4)
                    z.write(mp4, f.name, compress_type=zipfile.ZIP_STORED)
                else:
                    z.write(src, f.name, compress_type=zipfile.ZIP_STORED)
            z.writestr("summary.pdf", pdf, compress_type=zipfile.ZIP_DEFLATED)
            sidecar = json.dumps({"parcels": docs}, ensure_ascii=False, indent=1)
            z.writestr("evidence.json", sidecar, compress_type=zipfile.ZIP_DEFLATED)
        tell(total, total)
    except OSError as exc:
        raise OutputUnwritable(path=str(out), reason=str(exc)) from exc
