"""A still from the synthetic camera: a JPEG carrying the clip's caption, hashed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import av
from PIL import Image

from returnsdesk.evidence.clip import sha256_of
from returnsdesk.evidence.overlay import Caption
from returnsdesk.evidence.photo import photo_name, write_photo

from helpers.clips import SMALL, caption_difference, synthetic_recorder

CAP = Caption("YT1234567890123", "bench-1", "张三")


def test_a_still_of_the_latest_frame_carries_the_caption(tmp_path: Path) -> None:
    rec = synthetic_recorder(tmp_path)
    try:
        got = rec.still()
        assert got is not None
        frame, t = got
        before = bytes(frame.planes[0])
        when = dt.datetime.fromtimestamp(t)
        info = write_photo(tmp_path, frame, CAP, "test", when, 7, 1)
    finally:
        rec.stop()
    assert bytes(frame.planes[0]) == before  # the ring's frame is left as it was
    assert rec.still() is None  # a stopped camera gives no still
    assert info.relpath == photo_name(CAP.tracking, "bench-1", when, 1)
    assert info.relpath.endswith("_p2.jpg")
    assert info.sha256 == sha256_of(info.path)
    assert info.size == info.path.stat().st_size
    with Image.open(info.path) as img:
        assert img.format == "JPEG"
        assert img.size == SMALL
        rgb = img.convert("RGB")
    shown = av.VideoFrame.from_image(rgb).reformat(format="yuv420p")  # type: ignore[no-untyped-call]
    same = caption_difference(shown, CAP, when)
    assert same < 12
    other = Caption("SF9876543210987", "bench-2", "李四")
    assert caption_difference(shown, other, when) > 2 * same + 5


def test_two_stills_of_the_same_second_get_their_own_files(tmp_path: Path) -> None:
    rec = synthetic_recorder(tmp_path)
    try:
        got = rec.still()
        assert got is not None
        when = dt.datetime(2026, 11, 22, 16, 30, 5)
        a = write_photo(tmp_path, got[0], CAP, "test", when, 7, None)
        b = write_photo(tmp_path, got[0], CAP, "test", when, 7, None)
    finally:
        rec.stop()
    assert a.relpath == "2026/11/22/YT1234567890123_20261122-163005_bench-1_p0.jpg"
    assert b.relpath != a.relpath
    assert a.path.exists()
    assert b.path.exists()
