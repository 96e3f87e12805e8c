"""Photos at the bench without a window: the key (or ``RD+PHOTO``) photographs the item in
hand, registering asks for a photo of a damaged item, and a station whose camera is missing
or down registers anyway, says 未拍照 with a sound and notes it; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import AuditEntry, Order, OrderLine, Refund
from returnsdesk.domain import barcode_commands
from returnsdesk.domain.barcode_commands import Action
from returnsdesk.errors import CameraUnavailable
from returnsdesk.i18n import Message
from returnsdesk.services.bench.session import BenchSession, Event, Field, MemoryStore, Sound

TRACKING = "YT1234567890123"
PHOTO = barcode_commands.code(Action.PHOTO)
COMMIT = barcode_commands.code(Action.COMMIT)


class FakeCamera:
    """The station's camera as the session sees it: photos are numbered, none written."""

    def __init__(self, enabled: bool = True, live: bool = True) -> None:
        self.user = ""
        self.enabled, self.live = enabled, live
        self.taken: list[tuple[int, int | None, str, str]] = []

    def take_photo(self, parcel_id: int, item_index: int | None, tracking: str) -> int:
        if not self.live:
            raise CameraUnavailable(camera="0", reason=Message("摄像头不可用"))
        self.taken.append((parcel_id, item_index, tracking, self.user))
        return 100 + len(self.taken)


@pytest.fixture
def data(any_sessions: SessionFactory) -> SessionFactory:
    with any_sessions.begin() as s:
        o = Order(order_no="3156900062392749367", buyer_id="tb_xiaomei",
                  buyer_id_lower="tb_xiaomei", warehouse="杭州", city="杭州")  # fmt: skip
        o.lines.append(OrderLine(line_no=1, sku_code="A", model="5815", category="鞋",
                                 color="深紫", size="W7", qty=1))  # fmt: skip
        o.lines.append(OrderLine(line_no=2, sku_code="B", model="6021", category="鞋",
                                 color="灰色", size="W6", qty=1))  # fmt: skip
        s.add(o)
        s.add(Refund(refund_no="R1", order_no=o.order_no, buyer_id="tb_xiaomei", reason="",
                     return_tracking=TRACKING))  # fmt: skip
    return any_sessions


def _bench(sessions: SessionFactory, shop, camera: FakeCamera | None) -> BenchSession:  # type: ignore[no-untyped-def]
    b = BenchSession(sessions, shop, "clerk", "bench-1", store=MemoryStore(), labels=False)
    b.camera = camera
    return b


def _two_items(b: BenchSession) -> None:
    """Line 1 fine (不合适, 完好); line 2 damaged in transit (物流破损, 损坏)."""
    assert b.scan(TRACKING).event is Event.RECEIVED
    b.scan(barcode_commands.line_code(1))
    b.scan(barcode_commands.reason_code("3"))
    b.scan(barcode_commands.condition_code("1"))
    b.scan(barcode_commands.line_code(2))
    b.scan(barcode_commands.reason_code("B"))
    b.scan(barcode_commands.condition_code("4"))
    assert [(i.reason, i.condition) for i in b.draft.items] == [  # type: ignore[union-attr]
        ("不合适", "完好"), ("物流破损", "损坏")]  # fmt: skip


def _trail(sessions: SessionFactory, action: str) -> list[AuditEntry]:
    with sessions() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_a_damaged_item_needs_its_photo_before_registering(data: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    cam = FakeCamera()
    b = _bench(data, shop, cam)
    _two_items(b)
    b.select_item(0)
    refused = b.scan(COMMIT)
    assert refused.event is Event.ERROR
    assert refused.sound is Sound.ERROR
    assert "第 2 件 6021灰色W6" in refused.message
    assert "损坏" in refused.message
    assert refused.item == 1
    assert refused.field is Field.SCAN
    assert b.draft is not None
    assert b.draft.current == 1
    out = b.scan(PHOTO)
    assert out.event is Event.PHOTO
    assert out.sound is Sound.OK
    assert "第 2 件" in out.message
    pid = b.draft.parcel.id
    assert cam.taken == [(pid, 1, TRACKING, "clerk")]
    assert b.draft.items[1].photos == [101]
    assert b.draft.items[0].photos == []
    assert b.store.current() is not None
    assert b.store.current()["items"][1]["photos"] == [101]  # type: ignore[index]
    done = b.scan(COMMIT)
    assert done.event is Event.REGISTERED, done.message
    assert done.sound is Sound.OK
    assert _trail(data, "no_photo") == []


def test_a_photo_of_the_parcel_before_any_item_and_a_photo_draft_survives(
    data: SessionFactory, shop
) -> None:  # type: ignore[no-untyped-def]
    cam = FakeCamera()
    b = _bench(data, shop, cam)
    b.scan(TRACKING)
    out = b.command(barcode_commands.Command(Action.PHOTO))
    assert out.event is Event.PHOTO
    assert cam.taken[0][1] is None
    assert b.draft is not None
    assert b.draft.photos == [101]
    stored = b.store.current()
    again = _bench(data, shop, cam)
    again.store = b.store
    assert stored is not None
    again.scan(TRACKING)
    assert again.draft is not None
    assert again.draft.photos == [101]


@pytest.mark.parametrize("camera", [FakeCamera(enabled=False), FakeCamera(live=False)],
                         ids=["no camera", "camera down"])  # fmt: skip
def test_without_a_working_camera_the_photo_is_waived_said_and_noted(
    data: SessionFactory, shop, camera: FakeCamera
) -> None:  # type: ignore[no-untyped-def]
    b = _bench(data, shop, camera)
    _two_items(b)
    photo = b.scan(PHOTO)
    assert photo.failed
    assert photo.sound is Sound.ERROR
    assert "摄像头" in photo.message
    done = b.scan(COMMIT)
    assert done.event is Event.REGISTERED, done.message
    assert done.sound is Sound.NOTICE
    assert "未拍照" in done.banner
    assert "6021灰色W6" in done.banner
    (note,) = _trail(data, "no_photo")
    assert note.entity_id == str(done.parcel_id)
    assert "6021灰色W6" in note.detail


def test_a_session_without_a_camera_asks_for_no_photo(data: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    b = _bench(data, shop, None)  # returnsdesk register
    _two_items(b)
    done = b.scan(COMMIT)
    assert done.event is Event.REGISTERED
    assert done.sound is Sound.OK
    assert _trail(data, "no_photo") == []


def test_the_english_bench_names_the_item_too(data: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    b = _bench(data, shop, FakeCamera())
    b.lang = "en"
    _two_items(b)
    out = b.scan(COMMIT)
    assert out.failed
    assert "needs a photo" in out.message
    assert "6021" in out.message
