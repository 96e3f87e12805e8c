"""The clip follows the parcel in hand: scanning a parcel (or taking one up again) starts its
clip; the parcel leaving the bench (registered, set aside, cancelled, the next one scanned)
ends it with its post-roll. A camera that is down never stops the bench: the parcel's trail
notes 未录像 and the bench says so.
"""

from __future__ import annotations

import logging

from returnsdesk.errors import UserError
from returnsdesk.i18n import Message, translate
from returnsdesk.services.bench.session.state import ParcelDraft
from returnsdesk.services.evidence import records
from returnsdesk.services.evidence.camera import StationCamera

log = logging.getLogger(__name__)


class ClipFollower:
    def __init__(self, camera: StationCamera, lang: str = "zh_CN") -> None:
        self.camera = camera
        self.lang = lang
        self.parcel: int | None = None  # whose clip is running

    def follow(self, draft: ParcelDraft | None, user: str) -> str:
        """After each bench action: start or end clips for the parcel now in hand. Returns
        the 未录像 line when a clip could not be started, else ""."""
        pid = draft.parcel.id if draft is not None else None
        if pid == self.parcel or not self.camera.enabled:
            return ""
        if self.parcel is not None:
            self.camera.end_clip(self.parcel)
        self.parcel = pid
        if draft is None or pid is None:
            return ""
        self.camera.user = user
        if self.camera.start_clip(pid, draft.parcel.tracking_no):
            return ""
        status = self.camera.status()
        error = status.error if status is not None else ""
        why = Message("摄像头不可用 ({camera}): {reason}", camera=self.camera.name,
                      reason=error or Message("摄像头不可用"))  # fmt: skip
        try:
            records.note_no_clip(self.camera.sessions, pid, user, self.camera.station,
                                 why.text("zh_CN"))  # fmt: skip
        except UserError:
            log.exception("noting no clip for parcel %s", pid)
        return translate("未录像: {reason}", self.lang, reason=why.text(self.lang))

    def close(self) -> None:
        self.parcel = None
        self.camera.close()
