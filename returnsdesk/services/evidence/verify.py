"""``returnsdesk evidence verify``: every recorded clip and photo against its SHA-256.

A file the clean-up removed (a row of ``evidence_removals``) is reported as removed, with why,
and is no problem; a file gone without such a row is missing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Evidence, EvidenceRemoval, Parcel
from returnsdesk.evidence.clip import sha256_of

CHUNK = 500


class FileState(StrEnum):
    MISSING = "missing"
    CHANGED = "changed"
    REMOVED = "removed"


@dataclass(frozen=True)
class Problem:
    evidence_id: int
    path: str
    tracking: str
    state: FileState
    reason: str = ""  # a removed file's RemovalReason


@dataclass(frozen=True)
class Checked:
    files: int
    problems: tuple[Problem, ...]
    removed: tuple[Problem, ...] = ()


def _rows(sessions: SessionFactory) -> Iterator[tuple[int, str, str, str, str | None]]:
    last = 0
    while True:
        with sessions() as s:
            rows = s.execute(
                select(
                    Evidence.id,
                    Evidence.path,
                    Evidence.sha256,
                    Parcel.tracking_no,
                    EvidenceRemoval.reason,
                )
                .join(Parcel, Parcel.id == Evidence.parcel_id)
                .outerjoin(EvidenceRemoval, EvidenceRemoval.evidence_id == Evidence.id)
                .where(Evidence.id > last)
                .order_by(Evidence.id)
                .limit(CHUNK)
            ).all()
        if not rows:
            return
        for r in rows:
            yield r[0], r[1], r[2], r[3], r[4]
        last = rows[-1][0]


def verify(sessions: SessionFactory, root: Path) -> Checked:
    """Which recorded files are missing or no longer what was recorded, and which the
    clean-up removed."""
    n = 0
    problems, removed = [], []
    for id_, rel, digest, tracking, reason in _rows(sessions):
        n += 1
        path = root / rel
        if reason is not None:
            removed.append(Problem(id_, rel, tracking, FileState.REMOVED, reason))
        elif not path.is_file():
            problems.append(Problem(id_, rel, tracking, FileState.MISSING))
        elif sha256_of(path) != digest:
            problems.append(Problem(id_, rel, tracking, FileState.CHANGED))
    return Checked(n, tuple(problems), tuple(removed))
