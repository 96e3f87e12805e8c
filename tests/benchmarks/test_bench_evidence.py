"""Recording cost and clip size at the station's default picture (1280x720 at 25 fps).

Targets (issue: evidence the platform accepts): recording costs at most one core; a 2-minute
clip is under 40 MB at the default quality; its MP4 remux (the packet's heavy part) takes
under 2 s. The source is the synthetic camera (testsrc2, busier than a bench). Length:
RETURNSDESK_BENCH_CLIP_S (default 120 s; a shorter run scales the size to 2 minutes).
"""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

from returnsdesk.evidence.overlay import Caption
from returnsdesk.evidence.recorder import Recorder
from returnsdesk.evidence.remux import remux_to_mp4
from returnsdesk.evidence.source import parse_camera

SECONDS = float(os.environ.get("RETURNSDESK_BENCH_CLIP_S", "120"))


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def test_recording_720p_cost_and_size(tmp_path: Path) -> None:
    rec = Recorder(parse_camera("test", 1280, 720, 25), tmp_path, preroll=3.0, postroll=2.0)
    rec.start()
    assert rec.wait_live(15)
    time.sleep(3.0)  # the ring is full: reading alone, as between parcels
    cpu0, wall0 = _cpu(), time.monotonic()
    assert rec.start_clip(1, Caption("YT1234567890123", "bench-1", "张三"))
    time.sleep(SECONDS)
    cores = (_cpu() - cpu0) / (time.monotonic() - wall0)
    rec.end_clip()
    info = None
    for _ in range(200):
        closed = rec.take_closed()
        if closed:
            info = closed[0]
            break
        time.sleep(0.05)
    rec.stop()
    assert info is not None
    assert info.path is not None
    per_2_min = info.size / info.seconds * 120 / 1e6
    t = time.perf_counter()
    remux_to_mp4(info.path, tmp_path / "clip.mp4")
    remux_s = (time.perf_counter() - t) * 120 / info.seconds
    print(f"\nrecording 1280x720@25: {cores:.2f} cores; {per_2_min:.1f} MB per 2 minutes; "
          f"MP4 remux of 2 minutes {remux_s:.2f} s; {info.frames} frames in {info.seconds:.1f} s")  # fmt: skip
    assert cores <= 1.0
    assert per_2_min < 40
    assert remux_s < 2.0
    assert info.frames >= 0.9 * 25 * info.seconds
