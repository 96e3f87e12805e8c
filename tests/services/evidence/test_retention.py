"""The evidence folder's clean-up on both databases: retention, what an open refund or an
open dispute keeps, the free-space floor, removals recorded (append-only) and told apart by
``verify``; clips a crash left without a record found and recorded as incomplete."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from decimal import Decimal
from pathlib import Path

import av
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from returnsdesk.config import EvidenceConfig, RefundRules
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Evidence, EvidenceRemoval, Parcel, RefundDecision
from returnsdesk.domain.kinds import RemovalReason
from returnsdesk.evidence.clip import ClipWriter
from returnsdesk.evidence.overlay import Caption
from returnsdesk.services.evidence import records
from returnsdesk.services.evidence.retention import (
    GB,
    INTERRUPTED,
    clean_up,
    recover_interrupted,
)
from returnsdesk.services.evidence.verify import FileState, verify

from helpers.factories import ItemSpec
from helpers.refund_data import request

NOW = dt.datetime(2026, 11, 23, 17, 0)
OLD = NOW - dt.timedelta(days=120)
RULES = RefundRules()
CFG = EvidenceConfig(retention_days=90, min_free_gb=5.0)
PLENTY = lambda _root: 100 * GB  # noqa: E731


def _parcel(
    sessions: SessionFactory, status: str = "退款成功", outcomes: str = "", decided: bool = False
) -> tuple[int, str]:
    with sessions.begin() as s:
        r = request(s, [ItemSpec()], status=status)
        p = s.scalars(select(Parcel).where(Parcel.refund_id == r.id)).one()
        p.outcomes = outcomes
        if decided:
            s.add(RefundDecision(refund_id=r.id, decision="refuse", amount=Decimal("0"),
                                 decided_by="主管", decided_at=NOW))  # fmt: skip
        return p.id, p.tracking_no


def _file(sessions: SessionFactory, root: Path, pid: int, when: dt.datetime, n: int = 1000) -> int:
    """A recorded photo of ``n`` bytes taken at ``when``: its record's id."""
    rel = f"{when:%Y/%m/%d}/p{pid}_{n}_{when:%H%M%S%f}.jpg"
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    data = os.urandom(n)
    path.write_bytes(data)
    return records.record_photo(sessions, pid, 0, rel, hashlib.sha256(data).hexdigest(), n,
                                "test", when, "clerk1", "bench-1")  # fmt: skip


def _removed(sessions: SessionFactory) -> dict[int, str]:
    with sessions() as s:
        return dict(s.execute(select(EvidenceRemoval.evidence_id, EvidenceRemoval.reason)).all())


def test_retention_keeps_open_refunds_and_open_disputes(
    any_sessions: SessionFactory, tmp_path: Path
) -> None:
    done, _ = _parcel(any_sessions)  # refunded, nothing wrong: goes after 90 days
    open_, _ = _parcel(any_sessions, status="退款待处理")  # the request is still open
    dispute, _ = _parcel(any_sessions, outcomes="empty")  # 空包, refunded, no decision yet
    settled, _ = _parcel(any_sessions, outcomes="empty", decided=True)
    withdrawn, _ = _parcel(any_sessions, status="退款关闭", outcomes="short")
    old = {pid: _file(any_sessions, tmp_path, pid, OLD)
           for pid in (done, open_, dispute, settled, withdrawn)}  # fmt: skip
    young = _file(any_sessions, tmp_path, done, NOW - dt.timedelta(days=10))

    got = clean_up(any_sessions, CFG, RULES, tmp_path, "bench-1", NOW, PLENTY)

    gone = {old[done], old[settled], old[withdrawn]}
    assert (got.removed, got.by_disk, got.freed) == (3, 0, 3000)
    assert _removed(any_sessions) == dict.fromkeys(gone, RemovalReason.RETENTION)
    with any_sessions() as s:
        paths = dict(s.execute(select(Evidence.id, Evidence.path)).all())
    for eid, rel in paths.items():
        assert (tmp_path / rel).is_file() is (eid not in gone), rel
    assert young not in _removed(any_sessions)

    checked = verify(any_sessions, tmp_path)
    assert checked.problems == ()
    assert {p.evidence_id for p in checked.removed} == gone
    assert {(p.state, p.reason) for p in checked.removed} == {
        (FileState.REMOVED, RemovalReason.RETENTION)
    }
    # a second run finds nothing more; a file lost without a removal is still missing
    assert clean_up(any_sessions, CFG, RULES, tmp_path, "bench-1", NOW, PLENTY).removed == 0
    (tmp_path / paths[young]).unlink()
    (p,) = verify(any_sessions, tmp_path).problems
    assert (p.evidence_id, p.state) == (young, FileState.MISSING)


def test_below_the_floor_the_oldest_unprotected_go_first(
    any_sessions: SessionFactory, tmp_path: Path
) -> None:
    done, _ = _parcel(any_sessions)
    open_, _ = _parcel(any_sessions, status="退款待处理")
    protected_ = _file(any_sessions, tmp_path, open_, NOW - dt.timedelta(days=30), 4000)
    ids = [_file(any_sessions, tmp_path, done, NOW - dt.timedelta(days=d), 1000)
           for d in (20, 10, 5)]  # fmt: skip
    floor = int(CFG.min_free_gb * GB)

    def free(_root: Path) -> int:  # 1500 bytes short until files are removed
        return floor - 1500 + sum((n for n in _sizes_removed(any_sessions)), 0)

    got = clean_up(any_sessions, CFG, RULES, tmp_path, "bench-1", NOW, free)
    assert (got.removed, got.by_disk, got.disk.low) == (2, 2, False)
    assert _removed(any_sessions) == dict.fromkeys(ids[:2], RemovalReason.DISK)

    # far below the floor: every unprotected file goes, the protected one stays, still low
    got = clean_up(any_sessions, CFG, RULES, tmp_path, "bench-1", NOW, lambda _r: 0)
    assert (got.removed, got.disk.low) == (1, True)
    assert protected_ not in _removed(any_sessions)
    assert set(_removed(any_sessions)) == set(ids)


def _sizes_removed(sessions: SessionFactory) -> list[int]:
    with sessions() as s:
        return list(s.scalars(select(EvidenceRemoval.size)))


def test_removals_are_append_only(any_sessions: SessionFactory, tmp_path: Path) -> None:
    pid, _ = _parcel(any_sessions)
    _file(any_sessions, tmp_path, pid, OLD)
    assert clean_up(any_sessions, CFG, RULES, tmp_path, "bench-1", NOW, PLENTY).removed == 1
    for sql in ("UPDATE evidence_removals SET reason = 'disk'", "DELETE FROM evidence_removals"):
        with pytest.raises(DBAPIError), any_sessions.begin() as s:
            s.execute(text(sql))


def _orphan(root: Path, pid: int, tracking: str, station: str, when: dt.datetime) -> Path:
    """A clip whose process died: frames written and flushed, never closed."""
    w = ClipWriter(root, pid, Caption(tracking, station, "clerk1"), (160, 120), 25, "test",
                   when.timestamp())  # fmt: skip
    for i in range(60):
        w.write(av.VideoFrame(160, 120, "yuv420p"), when.timestamp() + i / 25)
    return w.path  # the writer is dropped without close, as a killed process leaves it


def test_a_clip_without_a_record_is_recorded_as_incomplete(
    any_sessions: SessionFactory, tmp_path: Path
) -> None:
    pid, tracking = _parcel(any_sessions)
    when = dt.datetime.now().replace(microsecond=0) - dt.timedelta(minutes=5)
    mine = _orphan(tmp_path, pid, tracking, "bench-1", when)
    other = _orphan(tmp_path, pid, tracking, "bench-2", when)  # another station's: not ours
    busy = _orphan(tmp_path, pid, tracking, "bench-1", when + dt.timedelta(seconds=1))
    fresh = _orphan(tmp_path, pid, tracking, "bench-1", when + dt.timedelta(seconds=2))
    past = time.time() - 120
    for path in (mine, other, busy):
        os.utime(path, (past, past))
    busy_rel = busy.relative_to(tmp_path).as_posix()

    got = recover_interrupted(any_sessions, tmp_path, "bench-1", "test", 90, {busy_rel})
    assert [(r.parcel_id, r.path) for r in got] == [(pid, mine.relative_to(tmp_path).as_posix())]
    assert fresh.is_file()
    assert other.is_file()
    (row,) = records.of_parcels(any_sessions, [pid])
    assert (row.kind, row.note, row.station, row.started_at) == ("clip", INTERRUPTED, "bench-1",
                                                                 when)  # fmt: skip
    assert row.size == mine.stat().st_size
    assert verify(any_sessions, tmp_path).problems == ()
    # found once: the next start finds it recorded
    assert recover_interrupted(any_sessions, tmp_path, "bench-1", "test", 90, {busy_rel}) == []
