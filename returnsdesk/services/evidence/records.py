"""The evidence records: a clip or photo of a parcel, written once when its file is closed.

The table is append-only (migration 0006): a record is never changed or removed, so its
SHA-256 says what the file was when it was made. A parcel whose clip could not be made has
an audit row 未录像 with the reason instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from returnsdesk.config import EvidenceConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Evidence
from returnsdesk.domain.kinds import AuditAction, AuditEntity, EvidenceKind
from returnsdesk.domain.roles import Act
from returnsdesk.evidence.clip import ClipInfo
from returnsdesk.services.common import audit, tx, users

#: the note of a clip cut short by the camera
CUT_SHORT = "摄像头中断, 录像不完整"


def folder(home: Path, cfg: EvidenceConfig) -> Path:
    """Where clips and photos are kept: the configured folder or ``home/evidence``."""
    return Path(cfg.folder).expanduser() if cfg.folder else home / "evidence"


@dataclass(frozen=True)
class EvidenceView:
    id: int
    parcel_id: int
    kind: str
    path: str
    sha256: str
    size: int
    station: str
    clerk: str
    camera: str
    started_at: dt.datetime
    ended_at: dt.datetime
    item_index: int | None
    note: str

    @classmethod
    def of(cls, e: Evidence) -> EvidenceView:
        return cls(e.id, e.parcel_id, e.kind, e.path, e.sha256, e.size, e.station, e.clerk,
                   e.camera, e.started_at, e.ended_at, e.item_index, e.note)  # fmt: skip


def record_clip(sessions: SessionFactory, info: ClipInfo, user: str, station: str) -> int | None:
    """The record of a closed clip (its id); a clip without a frame notes 未录像 instead."""
    if info.path is None:
        note_no_clip(sessions, info.key, user, station, CUT_SHORT)
        return None

    def work(s: Session) -> int:
        actor = users.require(s, user, Act.BENCH)
        row = Evidence(parcel_id=info.key, kind=EvidenceKind.CLIP, path=info.relpath,
                       sha256=info.sha256, size=info.size, station=station, clerk=actor.name,
                       camera=info.camera, started_at=info.started, ended_at=info.ended,
                       note="" if info.complete else CUT_SHORT)  # fmt: skip
        s.add(row)
        s.flush()
        return row.id

    return tx.run(sessions, work)


def record_photo(
    sessions: SessionFactory,
    parcel_id: int,
    item_index: int | None,
    relpath: str,
    sha256: str,
    size: int,
    camera: str,
    taken: dt.datetime,
    user: str,
    station: str,
) -> int:
    def work(s: Session) -> int:
        actor = users.require(s, user, Act.BENCH)
        row = Evidence(parcel_id=parcel_id, kind=EvidenceKind.PHOTO, path=relpath,
                       sha256=sha256, size=size, station=station, clerk=actor.name,
                       camera=camera, started_at=taken, ended_at=taken,
                       item_index=item_index, note="")  # fmt: skip
        s.add(row)
        s.flush()
        return row.id

    return tx.run(sessions, work)


def note_no_clip(
    sessions: SessionFactory, parcel_id: int, user: str, station: str, why: str
) -> None:
    """The parcel was opened without a clip (no camera, a failing one): said in its trail."""

    def work(s: Session) -> None:
        actor = users.require(s, user, Act.BENCH)
        audit.record(s, actor.name, station, AuditAction.NO_CLIP, AuditEntity.PARCEL, parcel_id,
                     why)  # fmt: skip

    tx.run(sessions, work)


def note_no_photo(
    sessions: SessionFactory, parcel_id: int, user: str, station: str, why: str
) -> None:
    """An item that needed a photo was registered without one (no camera, a failing one)."""

    def work(s: Session) -> None:
        actor = users.require(s, user, Act.BENCH)
        audit.record(s, actor.name, station, AuditAction.NO_PHOTO, AuditEntity.PARCEL, parcel_id,
                     why)  # fmt: skip

    tx.run(sessions, work)


def of_parcels(sessions: SessionFactory, parcel_ids: Iterable[int]) -> list[EvidenceView]:
    """The parcels' clips and photos, oldest first."""
    ids = sorted(set(parcel_ids))
    if not ids:
        return []
    with sessions() as s:
        rows = s.scalars(select(Evidence).where(Evidence.parcel_id.in_(ids)).order_by(Evidence.id))
        return [EvidenceView.of(e) for e in rows]
