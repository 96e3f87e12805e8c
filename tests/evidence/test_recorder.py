"""Real clips from the synthetic camera: decoded back, their caption read, a kill survived."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from returnsdesk.evidence.clip import sha256_of
from returnsdesk.evidence.overlay import Caption
from returnsdesk.evidence.recorder import CameraState, Recorder
from returnsdesk.evidence.source import SourceKind, parse_camera

from helpers.clips import caption_difference, decode, synthetic_recorder

CAP = Caption("YT1234567890123", "bench-1", "张三")


def _wait_closed(rec: Recorder, n: int = 1, timeout: float = 10.0) -> list:  # type: ignore[type-arg]
    got: list = []  # type: ignore[type-arg]
    end = time.monotonic() + timeout
    while len(got) < n and time.monotonic() < end:
        got += rec.take_closed()
        time.sleep(0.05)
    return got


def test_a_clip_has_its_preroll_postroll_and_hash(tmp_path: Path) -> None:
    rec = synthetic_recorder(tmp_path, preroll=0.6, postroll=0.3)
    try:
        time.sleep(0.8)  # the ring fills
        begun = time.time()
        assert rec.start_clip(7, CAP)
        time.sleep(0.5)
        assert rec.status().key == 7
        rec.end_clip()
        (info,) = _wait_closed(rec)
    finally:
        rec.stop()
    assert info.key == 7
    assert info.complete
    assert info.camera == "test"
    assert info.path is not None
    assert info.path.suffix == ".mkv"
    assert info.relpath.endswith("_bench-1.mkv")
    assert "YT1234567890123" in info.relpath
    assert info.sha256 == sha256_of(info.path)
    assert info.size == info.path.stat().st_size
    # the pre-roll: frames from before the scan
    assert begun - info.started.timestamp() >= 0.45
    got = decode(info.path)
    assert got.codec == "h264"
    assert got.frames == info.frames
    # 0.6 s before + 0.5 s + 0.3 s after, at 25 fps
    assert 1.2 <= got.seconds <= 2.0
    assert abs(got.seconds - info.seconds) < 0.1
    assert 0.8 * 25 * got.seconds <= got.frames <= 25 * got.seconds + 2


def test_every_frame_carries_the_caption(tmp_path: Path) -> None:
    rec = synthetic_recorder(tmp_path, preroll=0.3, postroll=0.1)
    try:
        time.sleep(0.4)
        assert rec.start_clip(1, CAP)
        time.sleep(0.4)
        rec.end_clip()
        (info,) = _wait_closed(rec)
    finally:
        rec.stop()
    assert info.path is not None
    got = decode(info.path)
    for frame in (got.first, got.middle):
        assert frame is not None
        when = info.started + dt.timedelta(seconds=float(frame.time or 0))
        when = when.replace(microsecond=0)
        near = [caption_difference(frame, CAP, when + dt.timedelta(seconds=s)) for s in (-1, 0, 1)]
        assert min(near) < 12, near
        other = Caption("SF9876543210987", "bench-2", "李四")
        assert caption_difference(frame, other, when) > 2 * min(near) + 5


def test_the_next_parcel_gives_the_one_before_its_postroll(tmp_path: Path) -> None:
    rec = synthetic_recorder(tmp_path, preroll=0.2, postroll=0.4)
    try:
        time.sleep(0.3)
        assert rec.start_clip(1, CAP)
        time.sleep(0.3)
        assert rec.start_clip(2, Caption("YT2222222222222", "bench-1", "张三"))
        first = _wait_closed(rec)
        assert [c.key for c in first] == [1]
        assert rec.status().key == 2
        rec.end_clip(2)
        second = _wait_closed(rec)
    finally:
        rec.stop()
    assert [c.key for c in second] == [2]
    assert first[0].path != second[0].path
    assert first[0].ended > second[0].started  # the two overlap: post-roll beside pre-roll


_CHILD = """
import sys, time
from pathlib import Path
from returnsdesk.evidence.overlay import Caption
from returnsdesk.evidence.recorder import Recorder
from returnsdesk.evidence.source import parse_camera
rec = Recorder(parse_camera("test", 320, 240), Path(sys.argv[1]), 0.2, 1.0).start()
assert rec.wait_live(10)
rec.start_clip(1, Caption("YT1234567890123", "bench-1", "clerk"))
print("recording", flush=True)
time.sleep(60)
"""


def test_a_killed_recorder_leaves_a_playable_clip(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(tmp_path)],
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "recording"
        time.sleep(2.6)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        if proc.stdout is not None:
            proc.stdout.close()
    (clip,) = tmp_path.rglob("*.mkv")
    got = decode(clip)
    assert got.codec == "h264"
    assert got.seconds >= 1.4, got  # up to the last second before the kill
    assert got.frames >= 30


def test_a_missing_camera_never_blocks(tmp_path: Path) -> None:
    spec = parse_camera("/dev/video-none", 320, 240)
    assert spec.kind is SourceKind.DEVICE
    rec = Recorder(spec, tmp_path).start()
    try:
        t = time.monotonic()
        while rec.status().state is CameraState.STARTING and time.monotonic() - t < 5:
            time.sleep(0.02)
        t = time.monotonic()
        assert rec.start_clip(1, CAP) is False
        assert time.monotonic() - t < 0.05
        assert rec.status().state is CameraState.FAILED
        assert rec.status().error
    finally:
        rec.stop()
    assert list(tmp_path.rglob("*")) == []


def test_camera_names() -> None:
    assert parse_camera("test").kind is SourceKind.TEST
    assert parse_camera("rtsp://cam.local/stream1").kind is SourceKind.RTSP
    assert parse_camera("0").kind is SourceKind.DEVICE
    f = parse_camera("file:/tmp/a.mp4", 641, 481)
    assert (f.kind, f.target, f.width, f.height) == (SourceKind.FILE, "/tmp/a.mp4", 640, 480)


def test_a_camera_whose_stream_ends_is_opened_again_by_itself(tmp_path: Path) -> None:
    """An IP camera that drops its stream (here a short file played as a camera, which ends)
    is opened again without anyone's help, and its pictures keep coming."""
    source = synthetic_recorder(tmp_path / "make", preroll=0.2, postroll=0.1)
    try:
        time.sleep(0.4)
        assert source.start_clip(1, CAP)
        time.sleep(0.5)
        source.end_clip()
        made = _wait_closed(source)
    finally:
        source.stop()
    assert made, "no clip to play"
    frames = decode(made[0].path).frames
    camera = Recorder(parse_camera(f"file:{made[0].path}", 320, 240, 25), tmp_path / "out")
    camera.start()
    try:
        deadline = time.monotonic() + 15
        seen = 0
        while time.monotonic() < deadline and seen <= 3 * frames:
            shot = camera.preview()
            seen = shot.seq if shot is not None else 0
            time.sleep(0.05)
        assert seen > 3 * frames, (seen, frames)  # read to its end at least three times
        assert camera.status().state in (CameraState.LIVE, CameraState.FAILED)
    finally:
        camera.stop()
    assert camera.status().state is CameraState.STOPPED


def test_a_stuck_ip_camera_is_given_up_and_tried_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An IP camera that takes the connection and then says nothing: the reader gives up after
    its read timeout, says the camera is down, and connects again by itself."""
    import socket
    import threading

    from returnsdesk.evidence import source

    monkeypatch.setattr(source, "READ_TIMEOUT_S", 1.0)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    port = server.getsockname()[1]
    accepted: list[socket.socket] = []
    done = threading.Event()

    def silent() -> None:  # accepts and never answers
        while not done.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            accepted.append(conn)

    threading.Thread(target=silent, daemon=True).start()
    camera = Recorder(parse_camera(f"rtsp://127.0.0.1:{port}/stream1", 320, 240, 25), tmp_path)
    camera.start()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(accepted) < 2:
            time.sleep(0.1)
        assert len(accepted) >= 2  # it connected again after giving up
        assert camera.status().state is CameraState.FAILED
        assert camera.status().error
        assert not camera.start_clip(1, CAP)  # a parcel is told 未录像, never held up
    finally:
        camera.stop()
        done.set()
        for conn in accepted:
            conn.close()
        server.close()
