"""A still of the camera's latest frame: a JPEG with the same caption the clips carry.

Taken from the frame the recorder already holds (no second reader on the camera), copied,
captioned with the tracking number, time, station and clerk, and hashed once written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import av

from returnsdesk.evidence.clip import clip_name, copy_frame, sha256_of, unique_path
from returnsdesk.evidence.overlay import Burner, Caption

JPEG_QUALITY = 90


@dataclass(frozen=True)
class PhotoInfo:
    """A written photo: where it is, its hash, what it shows and when."""

    key: int  # the parcel's id
    item_index: int | None  # the item (0-based) it is of; None: the parcel as a whole
    path: Path
    relpath: str
    sha256: str
    size: int
    taken: dt.datetime
    camera: str


def photo_name(tracking: str, station: str, taken: dt.datetime, item_index: int | None) -> str:
    """``2026/05/01/YT123_20260501-140322_bench-1_p2.jpg``: beside the parcel's clips."""
    which = f"_p{item_index + 1}" if item_index is not None else "_p0"
    return clip_name(tracking, station, taken, f"{which}.jpg")


def write_photo(
    folder: Path,
    frame: av.VideoFrame,
    caption: Caption,
    camera: str,
    taken: dt.datetime,
    key: int,
    item_index: int | None,
    font: str = "",
) -> PhotoInfo:
    """Write ``frame`` (yuv420p, left as it is) as the captioned JPEG of parcel ``key``."""
    own = copy_frame(frame)
    Burner(caption, own.height, font).burn(own, taken)
    path, rel = unique_path(folder, photo_name(caption.tracking, caption.station, taken,
                                               item_index))  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    image = own.to_image()  # type: ignore[no-untyped-call]
    image.save(path, format="JPEG", quality=JPEG_QUALITY)
    return PhotoInfo(key, item_index, path, rel, sha256_of(path), path.stat().st_size, taken,
                     camera)  # fmt: skip
