"""The bench records the parcel in hand from the synthetic camera: the scan starts a clip
(the preview says REC and the tracking number), registering ends it and its record is kept;
the lead exports it. A missing camera never stops a registration: 未录像, a sound, a note."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from returnsdesk.db.models import AuditEntry, Parcel
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.services.evidence import records
from returnsdesk.services.evidence.export import export_packet
from returnsdesk.ui.bench.window import BenchWindow
from returnsdesk.ui.common import ops

from helpers.clips import decode
from helpers.gui import ENTER, burst, open_bench, press

TRACKING = "YT1234567890123"  # the demo refund's waybill (tb_xiaomei, 5815 深紫 W7)
SMALL = "[evidence]\nwidth = 320\nheight = 240\npreroll = 0.4\npostroll = 0.3\n"


def _window(qtbot, ctx, camera: str, monkeypatch: pytest.MonkeyPatch) -> BenchWindow:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RETURNSDESK_CAMERA", camera)
    return open_bench(qtbot, ctx, shop_toml=SMALL)


def _register(qtbot, window: BenchWindow) -> None:  # type: ignore[no-untyped-def]
    v = window.view
    qtbot.waitUntil(lambda: v.buyer_value.text() == "tb_xiaomei")
    for _ in range(3):  # the order's line, the buyer's reason
        press(qtbot, ENTER)
        qtbot.wait(60)
    burst(qtbot, "RD+C1")  # 完好
    burst(qtbot, "RD+COMMIT")


def _parcel(ctx) -> Parcel:  # type: ignore[no-untyped-def]
    with ctx.sessions() as s:
        return s.scalars(select(Parcel).where(Parcel.tracking_no == TRACKING)).one()


def test_scan_records_register_ends_and_the_lead_exports(qtbot, demo_context, monkeypatch,
                                                         tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    window = _window(qtbot, demo_context, "test", monkeypatch)
    camera = window.controller.clips.camera
    preview = window.controller.camera_preview
    assert preview.isVisible()
    assert camera.recorder is not None
    assert camera.recorder.wait_live(10)
    qtbot.wait(500)  # the pre-roll fills
    burst(qtbot, TRACKING)
    qtbot.waitUntil(lambda: preview.rec_text.startswith("REC 00:0"), timeout=3000)
    assert camera.status().caption.tracking == TRACKING  # type: ignore[union-attr]
    window.resize(1366, 728)
    qtbot.wait(300)  # a preview picture or two with the REC mark
    window.grab().save(str(tmp_path / "bench.png"))
    _register(qtbot, window)
    pid = _parcel(demo_context).id
    qtbot.waitUntil(lambda: records.of_parcels(demo_context.sessions, [pid]) != [], timeout=5000)
    assert _parcel(demo_context).status == ParcelStatus.REGISTERED
    (clip,) = records.of_parcels(demo_context.sessions, [pid])
    root = records.folder(demo_context.settings.home, demo_context.settings.shop.evidence)
    got = decode(root / clip.path)
    assert got.frames >= 15
    assert got.seconds >= 0.6
    assert preview.rec_text == ""
    window.close()

    out = tmp_path / "packet.zip"
    export_packet(demo_context.sessions, demo_context.settings.shop, TRACKING, out, root,
                  "lead", "lead-pc")  # fmt: skip
    with zipfile.ZipFile(out) as z:
        assert f"clips/{TRACKING}_1.mp4" in z.namelist()


def test_a_missing_camera_says_no_clip_and_registers(qtbot, demo_context, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    sounds: list[int] = []
    monkeypatch.setattr(ops, "notice_sound", lambda: sounds.append(1))
    window = _window(qtbot, demo_context, "/dev/video-none", monkeypatch)
    camera = window.controller.clips.camera
    assert camera.recorder is not None
    qtbot.waitUntil(lambda: camera.status().state == "failed", timeout=5000)  # type: ignore[union-attr]
    qtbot.wait(300)  # the window is active before the first burst
    burst(qtbot, TRACKING)
    banner = window.view.warning_label
    assert "未录像" in banner.text()
    assert banner.isVisible()
    assert sounds
    _register(qtbot, window)
    p = _parcel(demo_context)
    assert p.status == ParcelStatus.REGISTERED
    with demo_context.sessions() as s:
        note = s.scalars(select(AuditEntry).where(AuditEntry.action == "no_clip")).one()
    assert note.entity_id == str(p.id)
    assert records.of_parcels(demo_context.sessions, [p.id]) == []
    window.close()


def test_the_bench_records_a_clip_a_crash_left_behind(qtbot, demo_context, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt
    import os
    import time

    import av

    from returnsdesk.evidence.clip import ClipWriter
    from returnsdesk.evidence.overlay import Caption
    from returnsdesk.services.evidence.retention import INTERRUPTED

    window = _window(qtbot, demo_context, "test", monkeypatch)
    keeper = window.controller.keeper
    assert window.controller.clips.camera.recorder.wait_live(10)  # type: ignore[union-attr]
    qtbot.wait(300)
    burst(qtbot, TRACKING)
    qtbot.waitUntil(lambda: window.view.buyer_value.text() == "tb_xiaomei")
    pid = _parcel(demo_context).id
    # the clip of an earlier run of this bench, killed before the clip was closed
    root = records.folder(demo_context.settings.home, demo_context.settings.shop.evidence)
    when = dt.datetime.now() - dt.timedelta(minutes=10)
    w = ClipWriter(root, pid, Caption(TRACKING, demo_context.settings.station, "clerk1"),
                   (160, 120), 25, "test", when.timestamp())  # fmt: skip
    for i in range(60):  # enough for the encoder to give packets: the file is written
        w.write(av.VideoFrame(160, 120, "yuv420p"), when.timestamp() + i / 25)
    past = time.time() - 600
    os.utime(w.path, (past, past))
    with qtbot.waitSignal(keeper.done, timeout=10_000) as got:
        keeper.run()
    if not got.args[0].recovered:  # the start-up run came first: the next one finds it
        with qtbot.waitSignal(keeper.done, timeout=10_000) as got:
            keeper.run()
    (found,) = got.args[0].recovered
    assert found.parcel_id == pid
    notes = [r.note for r in records.of_parcels(demo_context.sessions, [pid])]
    assert INTERRUPTED in notes
    from returnsdesk.db.models import Station

    with demo_context.sessions() as s:  # the disk as found, for the lead's view
        row = s.get(Station, demo_context.settings.station)
        assert row is not None
        assert row.evidence_free == got.args[0].cleaned.disk.free
