"""Keeping the evidence folder in bounds, and finding the clips a crash left unrecorded.

``clean_up`` (the bench runs it at start and daily): clips and photos older than
``retention_days`` go, and below the free-space floor the oldest ones go first; a file of a
refund still open on the platform, or of a parcel with an outcome (空包, 调包 …) that has no
decision yet, stays whatever its age. Every removal is a row of ``evidence_removals`` (the
evidence table never changes), so ``evidence verify`` tells it from a lost file.

``recover_interrupted``: a clip whose process died before its close has a file and no
record; at start the bench finds its own, hashes and records them as incomplete.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import av
from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from returnsdesk.config import EvidenceConfig, RefundRules
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Evidence, EvidenceRemoval, Parcel, Refund, RefundDecision
from returnsdesk.domain.kinds import EvidenceKind, RemovalReason
from returnsdesk.domain.roles import Act
from returnsdesk.evidence.clip import sha256_of
from returnsdesk.services.common import tx, users

log = logging.getLogger(__name__)
GB = 1 << 30
CHUNK = 200
#: a file written this recently may be a clip being recorded now: never taken for an orphan
QUIET_S = 30.0
#: the note of a clip whose process ended before the clip was closed
INTERRUPTED = "程序中断, 录像不完整"
_STAMP = re.compile(r"_(\d{8}-\d{6})_")
_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")

FreeSpace = Callable[[Path], int]


def free_bytes(root: Path) -> int:
    """Free space where the evidence folder is (its nearest existing parent)."""
    path = root
    while not path.exists() and path.parent != path:
        path = path.parent
    return shutil.disk_usage(path).free


@dataclass(frozen=True)
class DiskState:
    """The evidence folder's free space against the configured floor."""

    free: int
    floor: int

    @property
    def low(self) -> bool:
        return self.free < self.floor


def disk_state(root: Path, cfg: EvidenceConfig, free: FreeSpace = free_bytes) -> DiskState:
    return DiskState(free(root), int(cfg.min_free_gb * GB))


@dataclass(frozen=True)
class Cleaned:
    removed: int  # files removed (retention and disk)
    freed: int  # their bytes
    by_disk: int  # of them, removed to free the disk before their time
    disk: DiskState  # after the clean-up: still low means nothing unprotected was left


def protected(rules: RefundRules) -> ColumnElement[bool]:
    """A parcel whose files stay whatever their age (a condition on ``Parcel`` outer-joined
    with ``Refund`` on its request): the request is still open on the platform, or the
    parcel has an outcome (空包, 调包 …) and no decision was made on it while its request was
    not withdrawn (an open dispute: the platform may have refunded before the lead saw it)."""
    done = (*rules.platform_refunded, *rules.platform_closed)
    undecided = ~exists().where(
        Parcel.refund_id.is_not(None), RefundDecision.refund_id == Parcel.refund_id
    )
    withdrawn = and_(Parcel.refund_id.is_not(None), Refund.status.in_(rules.platform_closed))
    return or_(
        and_(Parcel.refund_id.is_not(None), Refund.status.not_in(done)),
        and_(Parcel.outcomes != "", undecided, ~withdrawn),
    )


def _candidates(
    s: Session, rules: RefundRules, before: dt.datetime | None, after: int
) -> list[tuple[int, str, int]]:
    """Unprotected files not yet removed, oldest first: (record id, path, size)."""
    q = (
        select(Evidence.id, Evidence.path, Evidence.size)
        .join(Parcel, Parcel.id == Evidence.parcel_id)
        .outerjoin(Refund, Refund.id == Parcel.refund_id)
        .where(
            ~exists().where(EvidenceRemoval.evidence_id == Evidence.id),
            ~protected(rules),
            Evidence.id > after,
        )
        .order_by(Evidence.id)
        .limit(CHUNK)
    )
    if before is not None:
        q = q.where(Evidence.started_at < before)
    return [(i, p, n) for i, p, n in s.execute(q)]


def _remove(
    sessions: SessionFactory, root: Path, id_: int, rel: str, reason: str, station: str
) -> int:
    """Record the removal, then remove the file; its size (0: nothing removed — the file is
    missing, or another station removed it first). A file that cannot be removed after its
    removal is recorded stays on the disk (``verify`` calls it removed), never the reverse: a
    file gone without its record would read as lost."""
    path = root / rel
    if not path.is_file():
        return 0
    size = path.stat().st_size

    def work(s: Session) -> bool:
        if s.scalar(select(EvidenceRemoval.id).where(EvidenceRemoval.evidence_id == id_)):
            return False
        s.add(EvidenceRemoval(evidence_id=id_, reason=reason, size=size, station=station))
        return True

    try:
        if not tx.run(sessions, work):
            return 0
    except IntegrityError:  # another station recorded it between the check and the insert
        return 0
    try:
        path.unlink(missing_ok=True)
    except OSError:
        log.warning("evidence file %s recorded removed, not removable", rel, exc_info=True)
        return 0
    return size


def clean_up(
    sessions: SessionFactory,
    cfg: EvidenceConfig,
    rules: RefundRules,
    root: Path,
    station: str,
    now: dt.datetime | None = None,
    free: FreeSpace = free_bytes,
) -> Cleaned:
    """Remove what is past its retention, then the oldest unprotected files while the disk
    is below its floor (evidence ids grow with time: oldest first is lowest id first)."""
    now = now or dt.datetime.now()
    removed = freed = by_disk = 0
    before = now - dt.timedelta(days=cfg.retention_days)
    after = 0
    while batch := _chunk(sessions, rules, before, after):
        for id_, rel, _ in batch:
            n = _remove(sessions, root, id_, rel, RemovalReason.RETENTION, station)
            removed, freed = removed + (n > 0), freed + n
        after = batch[-1][0]
    state = disk_state(root, cfg, free)
    after = 0
    while state.low and (batch := _chunk(sessions, rules, None, after)):
        for id_, rel, _ in batch:
            n = _remove(sessions, root, id_, rel, RemovalReason.DISK, station)
            removed, freed, by_disk = removed + (n > 0), freed + n, by_disk + (n > 0)
            state = disk_state(root, cfg, free)
            if not state.low:
                break
        after = batch[-1][0]
    if removed:
        log.info("evidence clean-up: %d files, %d bytes (%d for disk space)", removed, freed,
                 by_disk)  # fmt: skip
    return Cleaned(removed, freed, by_disk, state)


def _chunk(
    sessions: SessionFactory, rules: RefundRules, before: dt.datetime | None, after: int
) -> list[tuple[int, str, int]]:
    with sessions() as s:
        return _candidates(s, rules, before, after)


def clean_by_hand(
    sessions: SessionFactory,
    cfg: EvidenceConfig,
    rules: RefundRules,
    root: Path,
    station: str,
    camera: str,
    user: str,
) -> tuple[list[Recovered], Cleaned]:
    """``returnsdesk evidence clean``: what the bench does at start, asked for by a lead or
    an admin (a scheduled job on a PC without a bench)."""
    with sessions() as s:
        users.require(s, user, Act.EVIDENCE_CLEAN)
    found = recover_interrupted(sessions, root, station, camera, cfg.retention_days)
    return found, clean_up(sessions, cfg, rules, root, station)


# --- clips a crash left without a record ----------------------------------------------------


@dataclass(frozen=True)
class Recovered:
    evidence_id: int
    parcel_id: int
    path: str


def _own_clips(root: Path, station: str, days: int, today: dt.date) -> list[Path]:
    """This station's clip files in the day folders of the last ``days`` days."""
    where = _UNSAFE.sub("_", station).strip("_") or "station"
    own = re.compile(rf"_\d{{8}}-\d{{6}}_{re.escape(where)}(-\d+)?\.mkv$")
    out = []
    for back in range(days + 1):
        d = today - dt.timedelta(days=back)
        folder = root / f"{d:%Y/%m/%d}"
        if folder.is_dir():
            out += [p for p in folder.iterdir() if own.search(p.name) and p.is_file()]
    return sorted(out)


def _parcel_of(s: Session, path: Path) -> int | None:
    """The clip's parcel: from the file's own tag, else by the waybill in its name."""
    try:
        with av.open(str(path)) as c:
            tag = c.metadata.get("RETURNSDESK_PARCEL") or c.metadata.get("returnsdesk_parcel")
    except (av.FFmpegError, OSError, ValueError):
        tag = None
    if tag and tag.isdigit() and s.get(Parcel, int(tag)) is not None:
        return int(tag)
    tracking = _STAMP.split(path.name, maxsplit=1)[0]
    return s.scalar(
        select(Parcel.id).where(or_(Parcel.tracking_no == tracking, Parcel.linked_no == tracking))
    )


def recover_interrupted(
    sessions: SessionFactory,
    root: Path,
    station: str,
    camera: str,
    days: int,
    busy: Collection[str] = (),
    now: dt.datetime | None = None,
) -> list[Recovered]:
    """Record this station's clip files that have no record (a crash ended their process),
    as incomplete. ``busy``: the paths the running recorder has open or has yet to record."""
    now = now or dt.datetime.now()
    files = _own_clips(root, station, days, now.date())
    if not files:
        return []
    rels = {p.relative_to(root).as_posix(): p for p in files}
    with sessions() as s:
        known = set(s.scalars(select(Evidence.path).where(Evidence.path.in_(list(rels)))))
    out = []
    for rel, path in rels.items():
        if rel in known or rel in busy:
            continue
        st = path.stat()
        if now.timestamp() - st.st_mtime < QUIET_S:
            continue
        got = _record_orphan(sessions, root, rel, path, station, camera)
        if got is not None:
            out.append(got)
    return out


def _record_orphan(
    sessions: SessionFactory, root: Path, rel: str, path: Path, station: str, camera: str
) -> Recovered | None:
    stamp = _STAMP.search(path.name)
    ended = dt.datetime.fromtimestamp(os.stat(path).st_mtime)
    started = dt.datetime.strptime(stamp.group(1), "%Y%m%d-%H%M%S") if stamp else ended
    digest, size = sha256_of(path), path.stat().st_size

    def work(s: Session) -> Recovered | None:
        pid = _parcel_of(s, path)
        if pid is None:
            log.warning("clip %s: no parcel of that number, left as it is", rel)
            return None
        if s.scalar(select(Evidence.id).where(Evidence.path == rel)):
            return None
        clerk = s.scalar(select(Parcel.clerk).where(Parcel.id == pid)) or ""
        row = Evidence(parcel_id=pid, kind=EvidenceKind.CLIP, path=rel, sha256=digest,
                       size=size, station=station, clerk=clerk, camera=camera,
                       started_at=started, ended_at=max(ended, started),
                       note=INTERRUPTED)  # fmt: skip
        s.add(row)
        s.flush()
        return Recovered(row.id, pid, rel)

    return tx.run(sessions, work)
