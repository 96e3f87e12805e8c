"""One clip file: H.264 in Matroska, written frame by frame as the camera gives them.

Matroska with a cluster a second and every packet flushed to the file: a process killed
mid-clip leaves a file that plays up to its last second. A keyframe every second, so each
cluster starts with one. The rate is capped (``maxrate``) so a 2-minute clip stays under
40 MB whatever the camera sees.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

from returnsdesk.evidence.overlay import Burner, Caption

MS = Fraction(1, 1000)
# libx264: fast enough for 720p25 on a fraction of a core, capped for size; no B-frames, so
# every packet's decode time is its presentation time and the MP4 export copies them as they are
ENCODER = {"preset": "veryfast", "crf": "26", "maxrate": "2000k", "bufsize": "4000k", "bf": "0"}
MUXER = {"cluster_time_limit": "1000", "flush_packets": "1"}
_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def clip_name(tracking: str, station: str, started: dt.datetime, suffix: str = ".mkv") -> str:
    """``2026/05/01/YT123_20260501-140322_bench-1.mkv``: found by date and waybill."""
    safe = _UNSAFE.sub("_", tracking).strip("_") or "parcel"
    where = _UNSAFE.sub("_", station).strip("_") or "station"
    return f"{started:%Y/%m/%d}/{safe}_{started:%Y%m%d-%H%M%S}_{where}{suffix}"


def unique_path(folder: Path, rel: str) -> tuple[Path, str]:
    """``folder / rel``, or with ``-2``, ``-3`` … when a clip of that second exists."""
    path = folder / rel
    n = 1
    while path.exists():
        n += 1
        stem = Path(rel).stem + f"-{n}"
        path = folder / Path(rel).with_name(stem + Path(rel).suffix)
    return path, path.relative_to(folder).as_posix()


def copy_frame(frame: av.VideoFrame) -> av.VideoFrame:
    """A yuv420p frame's own copy (the ring keeps the original for other clips)."""
    out = av.VideoFrame(frame.width, frame.height, "yuv420p")
    for src, dst in zip(frame.planes, out.planes, strict=True):
        s, d = memoryview(src), memoryview(dst)
        if src.line_size == dst.line_size:
            n = min(len(s), len(d))
            d[:n] = s[:n]
            continue
        w = min(src.line_size, dst.line_size)
        for r in range(src.height):
            d[r * dst.line_size : r * dst.line_size + w] = s[
                r * src.line_size : r * src.line_size + w
            ]
    return out


@dataclass(frozen=True)
class ClipInfo:
    """A closed clip: where it is, its hash, what it shows and when."""

    key: int  # the parcel's id
    caption: Caption
    path: Path | None  # None: not one frame came (the camera failed at once)
    relpath: str
    sha256: str
    size: int
    started: dt.datetime
    ended: dt.datetime
    frames: int
    camera: str
    complete: bool  # False: the camera failed before the clip was ended

    @property
    def seconds(self) -> float:
        return (self.ended - self.started).total_seconds()


class ClipWriter:
    """The clip of one parcel visit, open from its first frame (pre-roll) to its close."""

    def __init__(
        self,
        folder: Path,
        key: int,
        caption: Caption,
        size: tuple[int, int],
        fps: int,
        camera: str,
        started: float,
        font: str = "",
    ) -> None:
        self.key, self.caption, self.camera = key, caption, camera
        self.t0 = started
        when = dt.datetime.fromtimestamp(started)
        self.path, self.relpath = unique_path(
            folder, clip_name(caption.tracking, caption.station, when)
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.burner = Burner(caption, size[1], font)
        self.out = av.open(str(self.path), "w", format="matroska", options=dict(MUXER))
        # the parcel in the file's own header: a clip a crash left unrecorded is still found
        self.out.metadata["returnsdesk_parcel"] = str(key)
        self.out.metadata["returnsdesk_tracking"] = caption.tracking
        self.stream = self.out.add_stream("libx264", rate=fps, options={**ENCODER, "g": str(fps)})
        self.stream.width, self.stream.height = size
        self.stream.pix_fmt = "yuv420p"
        self.stream.codec_context.time_base = MS
        self.frames = 0
        self.last_pts = -1
        self.last_t = started
        self.end_at: float | None = None  # set when the parcel's visit ended: post-roll

    def write(self, frame: av.VideoFrame, t: float) -> None:
        pts = max(round((t - self.t0) * 1000), self.last_pts + 1)
        own = copy_frame(frame)
        self.burner.burn(own, dt.datetime.fromtimestamp(t))
        own.pts, own.time_base = pts, MS
        for packet in self.stream.encode(own):
            self.out.mux(packet)
        self.frames += 1
        self.last_pts, self.last_t = pts, t

    def close(self, complete: bool = True) -> ClipInfo:
        try:
            for packet in self.stream.encode(None):
                self.out.mux(packet)
        finally:
            self.out.close()
        started = dt.datetime.fromtimestamp(self.t0)
        ended = dt.datetime.fromtimestamp(self.last_t)
        if self.frames == 0:
            self.path.unlink(missing_ok=True)
            return ClipInfo(self.key, self.caption, None, "", "", 0, started, ended, 0,
                            self.camera, False)  # fmt: skip
        return ClipInfo(self.key, self.caption, self.path, self.relpath, sha256_of(self.path),
                        self.path.stat().st_size, started, ended, self.frames, self.camera,
                        complete)  # fmt: skip
