"""Which camera this station records with, chosen in the bench's 摄像头设置 and kept in
``$RETURNSDESK_HOME/camera.json`` beside the printer settings, so each station keeps its own.

Order: ``RETURNSDESK_CAMERA`` (tests, a quick try), the station's own choice, then shop.toml's
``[evidence.cameras]`` entry for the station and its ``camera`` default.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from pathlib import Path

from returnsdesk.config import Settings

FILE = "camera.json"
VERSION = 1


def load(home: Path) -> str | None:
    """The station's own choice ("" is "no camera"); None when it has made none."""
    try:
        raw = json.loads((home / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = raw.get("camera") if isinstance(raw, dict) else None
    return str(value).strip() if value is not None else None


def save(home: Path, camera: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    tmp = home / f".{FILE}.tmp"
    tmp.write_text(json.dumps({"version": VERSION, "camera": camera.strip()}), encoding="utf-8")
    os.replace(tmp, home / FILE)


def camera_of(settings: Settings) -> str:
    """The camera this station records with ("" when none)."""
    env = os.environ.get("RETURNSDESK_CAMERA")
    if env:
        return env
    own = load(settings.home)
    if own is not None:
        return own
    cfg = settings.shop.evidence
    return cfg.cameras.get(settings.station, cfg.camera)


def choices() -> list[str]:
    """Cameras to offer: the USB cameras this machine shows (Linux ``/dev/video*``; on
    Windows a camera is named or numbered as the system lists it) and the synthetic picture."""
    found = sorted(glob.glob("/dev/video*")) if sys.platform.startswith("linux") else []
    return [*found, "0", "test"] if not found else [*found, "test"]
