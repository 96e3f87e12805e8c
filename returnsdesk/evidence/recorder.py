"""The station's camera, read all the time in its own thread; clips cut from it on demand.

The last few seconds stay in a ring buffer (raw frames), so a clip begun by a scan starts
before it: the sealed parcel and its waybill are in the picture. ``start_clip`` opens a clip for a
parcel (and gives the one before its post-roll), ``end_clip`` lets the current one run its
post-roll and close. Neither waits for the camera: the caller (the bench, on the UI thread)
only posts a command. A camera that fails is opened again with a growing pause; while it is
down ``start_clip`` answers False, and the bench says 未录像.
"""

from __future__ import annotations

import collections
import datetime as dt
import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import av

from returnsdesk.evidence.clip import ClipInfo, ClipWriter, clip_name
from returnsdesk.evidence.overlay import Caption
from returnsdesk.evidence.source import CameraSpec, open_source

log = logging.getLogger(__name__)
PREROLL_S = 3.0
POSTROLL_S = 2.0
PREVIEW_EVERY = 5  # frames between two preview pictures (5 a second at 25 fps)


#: how much nicer than the bench's own thread the camera's thread (and the encoder threads
#: it starts, which inherit it) runs: the clerk's scan is painted first, the encoder catches
#: up within the frame's time (Linux schedules threads one by one; elsewhere nothing changes)
NICER = 5


def _yield_to_the_bench() -> None:
    setpriority = getattr(os, "setpriority", None)
    if setpriority is None or not sys.platform.startswith("linux"):
        return
    try:
        tid = threading.get_native_id()
        setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + NICER)
    except OSError:
        log.debug("camera thread keeps its priority", exc_info=True)


class CameraState(StrEnum):
    STARTING = "starting"
    LIVE = "live"
    FAILED = "failed"
    STOPPED = "stopped"


@dataclass(frozen=True)
class Preview:
    """A small RGB picture of the camera's latest frame, for the bench's preview."""

    width: int
    height: int
    stride: int
    data: bytes
    seq: int


@dataclass(frozen=True)
class Status:
    state: CameraState
    key: int | None  # the parcel whose clip is being recorded (post-roll included)
    caption: Caption | None
    since: float | None  # when that clip's first frame was taken (wall clock)
    error: str


@dataclass(frozen=True)
class _Begin:
    key: int
    caption: Caption


@dataclass(frozen=True)
class _End:
    key: int | None


class Recorder:
    def __init__(
        self,
        spec: CameraSpec,
        folder: Path,
        preroll: float = PREROLL_S,
        postroll: float = POSTROLL_S,
        font: str = "",
        preview_width: int = 320,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.spec, self.folder, self.font, self.clock = spec, folder, font, clock
        self.preroll, self.postroll = preroll, postroll
        pw = preview_width - preview_width % 2
        self.preview_size = (pw, max(2, (pw * spec.height // spec.width) // 2 * 2))
        self._commands: queue.SimpleQueue[_Begin | _End] = queue.SimpleQueue()
        self._ring: collections.deque[tuple[av.VideoFrame, float]] = collections.deque()
        self._clips: list[ClipWriter] = []
        self._opened: set[str] = set()  # every clip file this recorder made (relative paths)
        self._closed: list[ClipInfo] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._live = threading.Event()
        self._state = CameraState.STARTING
        self._error = ""
        self._preview: Preview | None = None
        self._last: tuple[av.VideoFrame, float] | None = None  # the latest frame: stills
        self._seq = 0
        self._thread = threading.Thread(target=self._run, name="camera", daemon=True)

    # --- what the bench calls (any thread) ----------------------------------------------
    def start(self) -> Recorder:
        self._thread.start()
        return self

    def wait_live(self, timeout: float) -> bool:
        return self._live.wait(timeout)

    def start_clip(self, key: int, caption: Caption) -> bool:
        """Start the clip of parcel ``key`` (pre-roll included); False: the camera is down."""
        if self._state is not CameraState.LIVE:
            return False
        self._commands.put(_Begin(key, caption))
        return True

    def end_clip(self, key: int | None = None) -> None:
        """The parcel's visit is over: its clip runs the post-roll, then closes."""
        self._commands.put(_End(key))

    def stop(self, timeout: float = 10.0) -> None:
        """Close every open clip at once (no post-roll) and release the camera."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def take_closed(self) -> list[ClipInfo]:
        """The clips closed since the last call, oldest first."""
        with self._lock:
            out, self._closed = self._closed, []
        return out

    def put_back(self, infos: list[ClipInfo]) -> None:
        """Clips whose record could not be written now: offered again by ``take_closed``."""
        with self._lock:
            self._closed = infos + self._closed

    def opened(self) -> frozenset[str]:
        """The clip files this recorder made (relative paths): none is a crash's orphan."""
        with self._lock:
            return frozenset(self._opened)

    def status(self) -> Status:
        with self._lock:
            clip = next((c for c in reversed(self._clips) if c.end_at is None), None)
            clip = clip or (self._clips[-1] if self._clips else None)
            if clip is None:
                return Status(self._state, None, None, None, self._error)
            return Status(self._state, clip.key, clip.caption, clip.t0, self._error)

    def preview(self) -> Preview | None:
        return self._preview

    def still(self) -> tuple[av.VideoFrame, float] | None:
        """The latest frame and when it was taken, while the camera is live; else None.
        The frame is shared with the ring: copy it before changing it."""
        if self._state is not CameraState.LIVE:
            return None
        return self._last

    # --- the camera's thread ------------------------------------------------------------
    def _run(self) -> None:
        _yield_to_the_bench()
        pause = 0.5
        while not self._stopping.is_set():
            try:
                container = open_source(self.spec)
            except (av.FFmpegError, OSError) as exc:
                self._failed(exc)
                self._stopping.wait(pause)
                pause = min(pause * 2, 5.0)
                continue
            try:
                self._read(container)
                pause = 0.5
            except (av.FFmpegError, OSError, EOFError, ValueError) as exc:
                self._failed(exc)
            finally:
                container.close()
        self._close_all(complete=True)
        self._state = CameraState.STOPPED
        self._live.clear()

    def _read(self, container: av.container.InputContainer) -> None:
        w, h = self.spec.width, self.spec.height
        for frame in container.decode(video=0):
            if self._stopping.is_set():
                return
            if frame.width != w or frame.height != h or frame.format.name != "yuv420p":
                frame = frame.reformat(width=w, height=h, format="yuv420p")
            self._frame(frame, self.clock())
        raise EOFError("the camera's stream ended")

    def _frame(self, frame: av.VideoFrame, now: float) -> None:
        if self._state is not CameraState.LIVE:
            with self._lock:
                self._state, self._error = CameraState.LIVE, ""
            self._live.set()
        self._commands_now(now)
        ring = self._ring
        ring.append((frame, now))
        self._last = (frame, now)
        while ring and ring[0][1] < now - self.preroll:
            ring.popleft()
        for clip in list(self._clips):
            clip.write(frame, now)
            if clip.end_at is not None and now >= clip.end_at:
                self._close(clip, complete=True)
        self._seq += 1
        if self._seq % PREVIEW_EVERY == 1:
            pw, ph = self.preview_size
            small = frame.reformat(width=pw, height=ph, format="rgb24")
            plane = small.planes[0]
            self._preview = Preview(pw, ph, plane.line_size, bytes(plane), self._seq)

    def _commands_now(self, now: float) -> None:
        while True:
            try:
                cmd = self._commands.get_nowait()
            except queue.Empty:
                return
            if isinstance(cmd, _Begin):
                self._begin(cmd, now)
            else:
                for clip in self._clips:
                    if clip.end_at is None and cmd.key in (None, clip.key):
                        clip.end_at = now + self.postroll

    def _begin(self, cmd: _Begin, now: float) -> None:
        for clip in self._clips:  # the parcel before: its post-roll runs beside the new clip
            if clip.end_at is None:
                clip.end_at = now + self.postroll
        first = self._ring[0][1] if self._ring else now
        with self._lock:  # said before the file exists, so an orphan search never takes it
            self._opened.add(clip_name(cmd.caption.tracking, cmd.caption.station,
                                       dt.datetime.fromtimestamp(first)))  # fmt: skip
        clip = ClipWriter(self.folder, cmd.key, cmd.caption, (self.spec.width, self.spec.height),
                          self.spec.fps, self.spec.name, first, self.font)  # fmt: skip
        for frame, t in self._ring:
            clip.write(frame, t)
        with self._lock:
            self._opened.add(clip.relpath)
            self._clips.append(clip)

    def _close(self, clip: ClipWriter, complete: bool) -> None:
        try:
            info = clip.close(complete)
        except (av.FFmpegError, OSError):
            log.exception("closing the clip %s", clip.path)
            return
        finally:
            with self._lock:
                self._clips.remove(clip)
        with self._lock:
            self._closed.append(info)

    def _close_all(self, complete: bool) -> None:
        for clip in list(self._clips):
            self._close(clip, complete)

    def _failed(self, exc: BaseException) -> None:
        log.warning("camera %s: %s", self.spec.name, exc)
        self._live.clear()
        with self._lock:
            self._state, self._error = CameraState.FAILED, str(exc)[:200]
        self._ring.clear()
        self._preview = None
        self._last = None
        self._close_all(complete=False)
