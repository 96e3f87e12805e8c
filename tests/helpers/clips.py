"""Clips from the synthetic camera, small and short, and what they hold when decoded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import av

from returnsdesk.evidence.clip import ClipInfo
from returnsdesk.evidence.overlay import MARGIN, Caption, render
from returnsdesk.evidence.recorder import Recorder
from returnsdesk.evidence.source import parse_camera

SMALL = (320, 240)


def synthetic_recorder(folder: Path, preroll: float = 0.6, postroll: float = 0.3) -> Recorder:
    """The synthetic camera at 320x240, live before it is returned."""
    rec = Recorder(parse_camera("test", *SMALL, fps=25), folder, preroll, postroll).start()
    assert rec.wait_live(10), rec.status().error
    return rec


synthetic_recorder.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


@dataclass(frozen=True)
class Decoded:
    frames: int
    seconds: float  # the last frame's time from the first
    first: av.VideoFrame | None
    middle: av.VideoFrame | None
    codec: str


def decode(path: Path) -> Decoded:
    """Every frame of a clip, decoded (a truncated file: what is playable of it)."""
    with av.open(str(path)) as c:
        codec = c.streams.video[0].codec_context.name
        frames = []
        try:
            for f in c.decode(video=0):
                frames.append(f)
        except av.FFmpegError:
            pass  # a clip cut by a kill ends mid-packet: what came before plays
    if not frames:
        return Decoded(0, 0.0, None, None, codec)
    span = float((frames[-1].time or 0) - (frames[0].time or 0))
    return Decoded(len(frames), span, frames[0], frames[len(frames) // 2], codec)


def caption_difference(frame: av.VideoFrame, caption: Caption, when: dt.datetime) -> float:
    """Mean grey-level difference between the frame's caption box and the box as drawn for
    ``caption`` at ``when``: small when the frame carries exactly that text."""
    want = render(caption.lines(when), frame.height).convert("L")
    got = frame.to_image().convert("L")
    box = (MARGIN, MARGIN, MARGIN + want.width, MARGIN + want.height)
    crop = got.crop(box)
    a, b = crop.tobytes(), want.tobytes()
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def one_clip(folder: Path, key: int = 1, tracking: str = "YT1234567890123") -> ClipInfo:
    """One short real clip (about a second) recorded from the synthetic camera."""
    import time

    rec = synthetic_recorder(folder, preroll=0.3, postroll=0.2)
    try:
        time.sleep(0.35)
        assert rec.start_clip(key, Caption(tracking, "bench-1", "clerk1"))
        time.sleep(0.5)
        rec.end_clip()
        end = time.monotonic() + 10
        while time.monotonic() < end:
            closed = rec.take_closed()
            if closed:
                return closed[0]
            time.sleep(0.05)
    finally:
        rec.stop()
    raise AssertionError("no clip closed")


def clip_for(template: ClipInfo, root: Path, key: int, tracking: str) -> ClipInfo:
    """The template clip copied under ``root`` as the clip of parcel ``key``."""
    import dataclasses
    import shutil

    assert template.path is not None
    rel = f"2026/11/22/{tracking}_{key}.mkv"
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template.path, root / rel)
    caption = Caption(tracking, "bench-1", "clerk1")
    return dataclasses.replace(template, key=key, path=root / rel, relpath=rel, caption=caption)
