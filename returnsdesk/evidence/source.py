"""Where frames come from: ``RETURNSDESK_CAMERA`` or the station's setting, opened with PyAV.

``test`` is FFmpeg's synthetic ``testsrc2`` paced to real time (tests and machines without a
camera); a number or a device name is a USB camera (V4L2 on Linux, DirectShow on Windows,
AVFoundation on macOS; MJPG is asked for, since raw YUYV gives 5-10 fps at 720p); an
``rtsp://`` URL is an IP camera, read over TCP with a read timeout so a stuck stream ends and
is opened again; ``file:PATH`` plays a video file as a camera.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import StrEnum

import av
from av.container import InputContainer

#: How long an IP camera may stay silent before its reader gives up and reconnects (s).
READ_TIMEOUT_S = 5.0


class SourceKind(StrEnum):
    TEST = "test"
    DEVICE = "device"
    RTSP = "rtsp"
    FILE = "file"


@dataclass(frozen=True)
class CameraSpec:
    """A camera as the settings name it, and the picture the clips are made at."""

    kind: SourceKind
    target: str
    width: int = 1280
    height: int = 720
    fps: int = 25

    @property
    def name(self) -> str:
        """What the evidence record names as the camera."""
        return "test" if self.kind is SourceKind.TEST else self.target


def parse_camera(value: str, width: int = 1280, height: int = 720, fps: int = 25) -> CameraSpec:
    """``test``, ``0``, ``/dev/video2``, ``USB Camera``, ``rtsp://…`` or ``file:clip.mp4``."""
    v = value.strip()
    low = v.lower()
    if low == "test":
        kind = SourceKind.TEST
    elif low.startswith(("rtsp://", "rtsps://")):
        kind = SourceKind.RTSP
    elif low.startswith("file:"):
        kind, v = SourceKind.FILE, v[5:]
    else:
        kind = SourceKind.DEVICE
    return CameraSpec(kind, v, width - width % 2, height - height % 2, fps)


def _device(spec: CameraSpec) -> tuple[str, str, dict[str, str]]:
    size = {"video_size": f"{spec.width}x{spec.height}", "framerate": str(spec.fps)}
    if sys.platform.startswith("win"):
        name = spec.target if not spec.target.isdigit() else f"video={spec.target}"
        name = name if name.startswith("video=") else f"video={name}"
        return name, "dshow", {**size, "vcodec": "mjpeg", "rtbufsize": "64M"}
    if sys.platform == "darwin":
        return spec.target, "avfoundation", size
    path = f"/dev/video{spec.target}" if spec.target.isdigit() else spec.target
    return path, "v4l2", {**size, "input_format": "mjpeg"}


def open_source(spec: CameraSpec) -> InputContainer:
    """The opened source; raises ``av.FFmpegError`` or ``OSError`` when it cannot be had."""
    if spec.kind is SourceKind.TEST:
        graph = f"testsrc2=size={spec.width}x{spec.height}:rate={spec.fps},realtime"
        return av.open(graph, format="lavfi")
    if spec.kind is SourceKind.FILE:
        name = spec.target.replace("\\", "/").replace(":", r"\:").replace("'", r"\'")
        graph = f"movie='{name}':loop=0,setpts=N/FRAME_RATE/TB,realtime"
        return av.open(graph, format="lavfi")
    if spec.kind is SourceKind.RTSP:
        return av.open(
            spec.target,
            options={"rtsp_transport": "tcp"},
            timeout=(READ_TIMEOUT_S, READ_TIMEOUT_S),
        )
    target, fmt, options = _device(spec)
    try:
        return av.open(target, format=fmt, options=options)
    except av.FFmpegError:
        if fmt != "v4l2":
            raise
        return av.open(target, format=fmt)  # a camera without MJPG: what it offers
