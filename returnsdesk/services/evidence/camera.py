"""The station's camera and the records of the clips it closes (Qt-free).

The bench holds one ``StationCamera``; the recorder runs in its own thread, and ``collect``
(called often by the bench's preview timer) writes the record of each clip it closed.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass

from sqlalchemy import or_, select

from returnsdesk.config import Settings
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Parcel
from returnsdesk.errors import CameraUnavailable, NotFound, UserError
from returnsdesk.evidence.clip import ClipInfo
from returnsdesk.evidence.overlay import Caption
from returnsdesk.evidence.photo import write_photo
from returnsdesk.evidence.recorder import Preview, Recorder, Status
from returnsdesk.evidence.source import parse_camera
from returnsdesk.i18n import Message
from returnsdesk.services.common import stations
from returnsdesk.services.evidence import camera_setting, records, retention

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Housekept:
    recovered: tuple[retention.Recovered, ...]
    cleaned: retention.Cleaned


class StationCamera:
    def __init__(self, sessions: SessionFactory, settings: Settings, user: str) -> None:
        cfg = settings.shop.evidence
        self.sessions, self.station, self.user = sessions, settings.station, user
        self.settings = settings
        self.name = camera_setting.camera_of(settings)
        self.root = records.folder(settings.home, cfg)
        self.recorder: Recorder | None = None
        if self.name:
            spec = parse_camera(self.name, cfg.width, cfg.height, cfg.fps)
            self.recorder = Recorder(spec, self.root, cfg.preroll, cfg.postroll)

    @property
    def enabled(self) -> bool:
        return self.recorder is not None

    def start(self) -> StationCamera:
        if self.recorder is not None:
            self.recorder.start()
        return self

    def start_clip(self, parcel_id: int, tracking: str) -> bool:
        """Start the parcel's clip; False when the camera is down (the bench says 未录像)."""
        if self.recorder is None:
            return False
        return self.recorder.start_clip(parcel_id, Caption(tracking, self.station, self.user))

    def end_clip(self, parcel_id: int | None = None) -> None:
        if self.recorder is not None:
            self.recorder.end_clip(parcel_id)

    @property
    def live(self) -> bool:
        """A picture is coming: a photo can be taken now."""
        return self.recorder is not None and self.recorder.still() is not None

    def take_photo(self, parcel_id: int, item_index: int | None, tracking: str) -> int:
        """A captioned still of the parcel (its item ``item_index``) from the latest frame,
        written, hashed and recorded; its record's id. CameraUnavailable when there is no
        picture (no camera at this station, or it is down)."""
        rec = self.recorder
        got = rec.still() if rec is not None else None
        if rec is None or got is None:
            status = self.status()
            why: str | Message = Message("本工位未设置摄像头")
            if rec is not None:
                why = (status.error if status is not None else "") or Message("摄像头不可用")
            raise CameraUnavailable(camera=self.name or "-", reason=why)
        frame, t = got
        info = write_photo(self.root, frame, Caption(tracking, self.station, self.user),
                           rec.spec.name, dt.datetime.fromtimestamp(t), parcel_id, item_index,
                           rec.font)  # fmt: skip
        return records.record_photo(self.sessions, parcel_id, item_index, info.relpath,
                                    info.sha256, info.size, info.camera, info.taken, self.user,
                                    self.station)  # fmt: skip

    def housekeeping(self, now: dt.datetime | None = None) -> Housekept:
        """The clean-up the bench runs at start and daily (in the background): this station's
        clips a crash left unrecorded are recorded as incomplete, then the folder is kept to
        its retention and free-space floor."""
        cfg = self.settings.shop.evidence
        found: list[retention.Recovered] = []
        if self.recorder is not None:
            found = retention.recover_interrupted(self.sessions, self.root, self.station,
                                                  self.recorder.spec.name, cfg.retention_days,
                                                  self.recorder.opened(), now)  # fmt: skip
        done = retention.clean_up(self.sessions, cfg, self.settings.shop.refunds, self.root,
                                  self.station, now)  # fmt: skip
        stations.note_evidence_disk(self.sessions, self.station, done.disk.free,
                                    done.disk.floor, now)  # fmt: skip
        return Housekept(tuple(found), done)

    def status(self) -> Status | None:
        return self.recorder.status() if self.recorder is not None else None

    def preview(self) -> Preview | None:
        return self.recorder.preview() if self.recorder is not None else None

    def collect(self) -> list[ClipInfo]:
        """Record the clips closed since the last call (a failed write is logged and kept
        for the next call)."""
        if self.recorder is None:
            return []
        done = self.recorder.take_closed()
        kept = []
        for info in done:
            try:
                records.record_clip(self.sessions, info, self.user, self.station)
            except UserError:
                log.exception("the record of clip %s", info.relpath)
            except Exception:
                log.exception("the record of clip %s", info.relpath)
                kept.append(info)
        if kept:
            self.recorder.put_back(kept)
        return done

    def close(self) -> None:
        if self.recorder is not None:
            self.recorder.stop()
            self.collect()


def record_once(
    sessions: SessionFactory, settings: Settings, tracking: str, seconds: float
) -> ClipInfo:
    """One clip of a scanned parcel from the station's camera, recorded: a check of the
    camera (and of the build, on the synthetic source)."""
    with sessions() as s:
        pid = s.scalar(select(Parcel.id).where(or_(Parcel.tracking_no == tracking,
                                                   Parcel.linked_no == tracking)))  # fmt: skip
    if pid is None:
        raise NotFound("包裹 {value}", value=tracking)
    cam = StationCamera(sessions, settings, settings.user)
    if cam.recorder is None:
        raise CameraUnavailable(camera="-", reason=Message("本工位未设置摄像头"))
    rec = cam.recorder
    cam.start()
    try:
        if not rec.wait_live(15):
            raise CameraUnavailable(camera=cam.name, reason=rec.status().error)
        time.sleep(rec.preroll)
        cam.start_clip(pid, tracking)
        time.sleep(seconds)
        cam.end_clip(pid)
        deadline = time.monotonic() + rec.postroll + 15
        while time.monotonic() < deadline:
            closed = rec.take_closed()
            if closed:
                info = closed[0]
                records.record_clip(sessions, info, settings.user, settings.station)
                if info.path is None:
                    raise CameraUnavailable(camera=cam.name, reason=rec.status().error)
                return info
            time.sleep(0.05)
        raise CameraUnavailable(camera=cam.name, reason=rec.status().error)
    finally:
        rec.stop()
