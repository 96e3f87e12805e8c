"""Evidence records on both databases: written at clip close, append-only, verified by hash,
exported as the dispute packet (lead and admin only, audited)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import av
import pytest
from sqlalchemy import select, text

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import AuditEntry, Parcel
from returnsdesk.errors import Forbidden, NotFound
from returnsdesk.evidence.clip import ClipInfo
from returnsdesk.services.common import users
from returnsdesk.services.evidence import records
from returnsdesk.services.evidence.export import export_packet
from returnsdesk.services.evidence.verify import FileState, verify

from helpers.clips import clip_for, one_clip
from helpers.factories import ItemSpec
from helpers.refund_data import request


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> ClipInfo:
    return one_clip(tmp_path_factory.mktemp("clip"))


def _parcel(sessions: SessionFactory) -> tuple[int, str, str, str]:
    """A registered parcel of a return request: its id, tracking, refund and order numbers."""
    with sessions.begin() as s:
        r = request(s, [ItemSpec(condition="损坏", reason="质量问题")])
        p = s.scalars(select(Parcel).where(Parcel.refund_id == r.id)).one()
        return p.id, p.tracking_no, r.refund_no, r.order_no


def test_a_clip_is_recorded_and_verified(any_sessions: SessionFactory, template: ClipInfo,
                                         tmp_path: Path) -> None:  # fmt: skip
    pid, tracking, _, _ = _parcel(any_sessions)
    clip = clip_for(template, tmp_path, pid, tracking)
    eid = records.record_clip(any_sessions, clip, "clerk1", "bench-1")
    (row,) = records.of_parcels(any_sessions, [pid])
    assert row.id == eid
    assert (row.kind, row.path, row.sha256, row.size) == (
        "clip",
        clip.relpath,
        clip.sha256,
        clip.size,
    )
    assert (row.station, row.clerk, row.camera, row.note) == ("bench-1", "clerk1", "test", "")
    assert verify(any_sessions, tmp_path).problems == ()

    assert clip.path is not None
    with clip.path.open("r+b") as f:  # one byte changed
        f.seek(clip.size // 2)
        b = f.read(1)
        f.seek(clip.size // 2)
        f.write(bytes([b[0] ^ 0xFF]))
    (p,) = verify(any_sessions, tmp_path).problems
    assert (p.state, p.path, p.tracking) == (FileState.CHANGED, clip.relpath, tracking)
    clip.path.unlink()
    (p,) = verify(any_sessions, tmp_path).problems
    assert p.state is FileState.MISSING


def test_a_clip_without_frames_notes_no_clip(
    any_sessions: SessionFactory, template: ClipInfo
) -> None:
    import dataclasses

    pid, _, _, _ = _parcel(any_sessions)
    empty = dataclasses.replace(template, key=pid, path=None, frames=0)
    assert records.record_clip(any_sessions, empty, "clerk1", "bench-1") is None
    assert records.of_parcels(any_sessions, [pid]) == []
    with any_sessions() as s:
        row = s.scalars(select(AuditEntry).where(AuditEntry.action == "no_clip")).one()
    assert row.entity_id == str(pid)


def test_evidence_rows_are_append_only(any_sessions: SessionFactory, template: ClipInfo,
                                       tmp_path: Path) -> None:  # fmt: skip
    pid, tracking, _, _ = _parcel(any_sessions)
    eid = records.record_clip(any_sessions, clip_for(template, tmp_path, pid, tracking), "c", "b")
    for sql in (f"UPDATE evidence SET sha256 = 'x' WHERE id = {eid}",
                f"DELETE FROM evidence WHERE id = {eid}"):  # fmt: skip
        with pytest.raises(Exception, match="append-only"), any_sessions.begin() as s:
            s.execute(text(sql))
    assert records.of_parcels(any_sessions, [pid])[0].sha256 == template.sha256


def test_the_dispute_packet(any_sessions: SessionFactory, template: ClipInfo, tmp_path: Path,
                            shop: ShopConfig) -> None:  # fmt: skip
    pid, tracking, refund_no, order_no = _parcel(any_sessions)
    clip = clip_for(template, tmp_path / "ev", pid, tracking)
    records.record_clip(any_sessions, clip, "clerk1", "bench-1")
    for value in (tracking, refund_no, order_no):
        out = tmp_path / f"{value}.zip"
        packet = export_packet(any_sessions, shop, value, out, tmp_path / "ev", "主管", "lead-pc")
        assert (packet.trackings, packet.clips, packet.missing) == ((tracking,), 1, ())
        with zipfile.ZipFile(out) as z:
            names = set(z.namelist())
            assert names == {f"clips/{tracking}_1.mp4", "summary.pdf", "evidence.json"}
            assert z.read("summary.pdf").startswith(b"%PDF")
            doc = json.loads(z.read("evidence.json"))
            z.extract(f"clips/{tracking}_1.mp4", tmp_path / "x")
        (p,) = doc["parcels"]
        assert (p["tracking"], p["refund_no"], p["order_no"]) == (tracking, refund_no, order_no)
        assert p["sold"] == ["5815深紫W7*1"]
        assert p["received"][0]["condition"] == "损坏"
        (f,) = p["files"]
        assert (f["sha256"], f["intact"], f["kind"]) == (clip.sha256, True, "clip")
        with av.open(str(tmp_path / "x" / "clips" / f"{tracking}_1.mp4")) as c:
            assert c.format.name.startswith("mov,mp4")
            assert sum(1 for _ in c.decode(video=0)) == clip.frames
    with any_sessions() as s:
        exports = s.scalars(select(AuditEntry).where(AuditEntry.action == "evidence_export")).all()
    assert len(exports) == 3
    assert {e.user for e in exports} == {"主管"}
    with pytest.raises(NotFound):
        export_packet(any_sessions, shop, "YT0000000000000", tmp_path / "n.zip", tmp_path, "a", "b")


def test_only_leads_and_admins_export(any_sessions: SessionFactory, template: ClipInfo,
                                      tmp_path: Path, shop: ShopConfig) -> None:  # fmt: skip
    _, tracking, _, _ = _parcel(any_sessions)
    users.add_user(any_sessions, "admin", "admin", "1234", "", "pc")
    users.add_user(any_sessions, "clerk1", "clerk", "1234", "admin", "pc")
    users.add_user(any_sessions, "lead", "lead", "1234", "admin", "pc")
    out = tmp_path / "p.zip"
    with pytest.raises(Forbidden):
        export_packet(any_sessions, shop, tracking, out, tmp_path, "clerk1", "bench-1")
    assert not out.exists()
    export_packet(any_sessions, shop, tracking, out, tmp_path, "lead", "pc")
    with zipfile.ZipFile(out) as z:  # a parcel without a clip: the summary says so
        assert json.loads(z.read("evidence.json"))["parcels"][0]["files"] == []
