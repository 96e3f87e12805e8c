"""Photos at the bench: a key (or ``RD+PHOTO``) takes a still of the item in hand from the
station's camera; registering asks for one where ``shop.toml`` says an item needs it.

A missing camera never stops a registration: when the station has no camera, or it is down,
the requirement is waived, the bench says 未拍照 with a sound and the parcel's trail notes
it. A session without a camera at all (``returnsdesk register``) asks for no photo.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Protocol

from returnsdesk.errors import UserError
from returnsdesk.i18n import Message
from returnsdesk.services.bench.session.parcel import ParcelOps
from returnsdesk.services.bench.session.state import Event, Field, ItemDraft, Outcome, Sound
from returnsdesk.services.evidence import records

log = logging.getLogger(__name__)


class Photographer(Protocol):
    """What the session needs of the station's camera (``StationCamera``)."""

    user: str

    @property
    def enabled(self) -> bool: ...

    @property
    def live(self) -> bool: ...

    def take_photo(self, parcel_id: int, item_index: int | None, tracking: str) -> int: ...


class PhotoOps(ParcelOps):
    camera: Photographer | None = None  # the window gives its station's camera

    def take_photo(self) -> Outcome:
        """A still of the item in hand (of the parcel when no item is entered yet)."""
        if (missing := self.need_parcel()) is not None:
            return missing
        d = self.draft
        assert d is not None
        cam = self.camera
        if cam is None or not cam.enabled:
            return self.fail(self.tr("本工位没有摄像头: 无法拍照 (登记不受影响)"))
        cam.user = self.user
        item = d.item()
        index = d.current if item is not None else None
        try:
            eid = cam.take_photo(d.parcel.id, index, d.parcel.tracking_no)
        except UserError as exc:
            return self.fail(self.tr("未拍照: {reason}", reason=exc.text(self.lang)))
        if item is None:
            d.photos.append(eid)
            self.save()
            text = self.tr("已拍照: 包裹 {tracking} (共 {count} 张)",
                           tracking=d.parcel.tracking_no, count=len(d.photos))  # fmt: skip
            return self.ok(Event.PHOTO, text)
        item.photos.append(eid)
        self.save()
        text = self.tr("已拍照: 第 {n} 件 {item} (共 {count} 张)", n=d.current + 1,
                       item=self.item_name(item.spec), count=len(item.photos))  # fmt: skip
        return self.ok(Event.PHOTO, text, item=d.current)

    def needs_photo(self, item: ItemDraft) -> str:
        """The condition or reason that asks for a photo of ``item``, or ""."""
        cfg = self.shop.evidence
        if item.condition and item.condition in cfg.photo_conditions:
            return item.condition
        if item.reason and item.reason in cfg.photo_reasons:
            return item.reason
        return ""

    def photo_gate(self) -> tuple[Outcome | None, Message | None]:
        """Before registering: a refusal naming the first item that still needs a photo (the
        camera is live), or the 未拍照 line when the requirement is waived (it is not)."""
        d, cam = self.draft, self.camera
        if d is None or cam is None:
            return None, None
        missing = [(i, it, why) for i, it in enumerate(d.items)
                   if not it.photos and (why := self.needs_photo(it))]  # fmt: skip
        if not missing:
            return None, None
        i, it, why = missing[0]
        name = self.item_name(it.spec)
        if cam.enabled and cam.live:
            d.current = i
            self.save()
            text = self.tr("第 {n} 件 {item} ({why}) 需要照片: 按 Ctrl+P 或扫描拍照指令",
                           n=i + 1, item=name, why=why)  # fmt: skip
            return self.fail(text, Field.SCAN, item=i, banner=text), None
        reason = Message("摄像头不可用") if cam.enabled else Message("本工位没有摄像头")
        names = ", ".join(self.item_name(x.spec) for _, x, _ in missing)
        return None, Message("未拍照: {items} 需要照片, 但{reason}", items=names, reason=reason)

    def with_waiver(self, out: Outcome, waiver: Message | None) -> Outcome:
        """A registration that went ahead without a required photo: said, heard, and noted
        in the parcel's trail (in Chinese: the shop's record)."""
        if waiver is None or out.failed or out.parcel_id is None:
            return out
        try:
            records.note_no_photo(self.sessions, out.parcel_id, self.user, self.station,
                                  waiver.text("zh_CN"))  # fmt: skip
        except UserError:
            log.exception("noting no photo for parcel %s", out.parcel_id)
        line = waiver.text(self.lang)
        banner = "\n".join(x for x in (out.banner, line) if x)
        return replace(out, message=f"{out.message} · {line}", banner=banner, sound=Sound.NOTICE)
