"""Photos from the station's camera on both databases: written, hashed, recorded with their
item, verified and exported like clips; a station without a live camera says so."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from returnsdesk.config import Settings, load_shop_config
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Parcel
from returnsdesk.errors import CameraUnavailable
from returnsdesk.services.evidence import records
from returnsdesk.services.evidence.camera import StationCamera
from returnsdesk.services.evidence.export import export_packet
from returnsdesk.services.evidence.verify import verify

from helpers.factories import ItemSpec
from helpers.refund_data import request

SMALL = "[evidence]\nwidth = 320\nheight = 240\n"


def _station(settings: Settings, camera: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("RETURNSDESK_CAMERA", camera)
    (settings.home / "shop.toml").write_text(SMALL, encoding="utf-8")
    return dataclasses.replace(settings, shop=load_shop_config(settings.home))


def _parcel(sessions: SessionFactory) -> tuple[int, str]:
    with sessions.begin() as s:
        r = request(s, [ItemSpec(condition="损坏", reason="质量问题")])
        p = s.scalars(select(Parcel).where(Parcel.refund_id == r.id)).one()
        return p.id, p.tracking_no


def test_a_photo_is_recorded_with_its_item_verified_and_exported(
    any_sessions: SessionFactory, settings: Settings, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    pid, tracking = _parcel(any_sessions)
    st = _station(settings, "test", monkeypatch)
    cam = StationCamera(any_sessions, st, "clerk1").start()
    try:
        assert cam.recorder is not None
        assert cam.recorder.wait_live(10)
        assert cam.live
        first = cam.take_photo(pid, 0, tracking)
        whole = cam.take_photo(pid, None, tracking)
    finally:
        cam.close()
    a, b = records.of_parcels(any_sessions, [pid])
    assert (a.id, a.kind, a.item_index, a.camera, a.station, a.clerk) == (
        first, "photo", 0, "test", st.station, "clerk1")  # fmt: skip
    assert (b.id, b.item_index) == (whole, None)
    assert a.started_at == a.ended_at
    assert a.path.endswith("_p1.jpg")
    assert b.path.endswith("_p0.jpg")
    with Image.open(cam.root / a.path) as img:
        assert img.size == (320, 240)
    assert verify(any_sessions, cam.root).problems == ()

    out = tmp_path / "packet.zip"
    packet = export_packet(any_sessions, st.shop, tracking, out, cam.root, "lead", "lead-pc")
    assert packet.photos == 2
    with zipfile.ZipFile(out) as z:
        assert sum(n.startswith("photos/") for n in z.namelist()) == 2


def test_no_camera_or_a_dead_one_takes_no_photo(
    any_sessions: SessionFactory, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid, tracking = _parcel(any_sessions)
    monkeypatch.delenv("RETURNSDESK_CAMERA", raising=False)
    none = StationCamera(any_sessions, settings, "clerk1")
    assert not none.enabled
    assert not none.live
    with pytest.raises(CameraUnavailable) as exc:
        none.take_photo(pid, 0, tracking)
    assert "本工位未设置摄像头" in exc.value.text("zh_CN")
    dead = StationCamera(any_sessions, _station(settings, "/dev/video-none", monkeypatch),
                         "clerk1").start()  # fmt: skip
    try:
        assert dead.enabled
        assert not dead.live
        with pytest.raises(CameraUnavailable):
            dead.take_photo(pid, 0, tracking)
    finally:
        dead.close()
    assert records.of_parcels(any_sessions, [pid]) == []
