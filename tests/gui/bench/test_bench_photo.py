"""Photos at the bench window: a damaged item is refused with a sound until it has a photo;
Ctrl+P (the keys of the focused widget) takes it from the synthetic camera, the item list
shows the camera mark, registering goes through. With no camera: 未拍照, a sound, registered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from returnsdesk.db.models import AuditEntry, Parcel
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.services.evidence import records
from returnsdesk.ui.bench.window import BenchWindow
from returnsdesk.ui.common import ops

from helpers.gui import ENTER, burst, open_bench, press

TRACKING = "YT1234567890123"  # the demo refund's waybill (tb_xiaomei, 5815 深紫 W7)
SMALL = "[evidence]\nwidth = 320\nheight = 240\npreroll = 0.4\npostroll = 0.3\n"


def _window(qtbot, ctx, monkeypatch: pytest.MonkeyPatch, camera: str | None) -> BenchWindow:  # type: ignore[no-untyped-def]
    if camera is None:
        monkeypatch.delenv("RETURNSDESK_CAMERA", raising=False)
    else:
        monkeypatch.setenv("RETURNSDESK_CAMERA", camera)
    return open_bench(qtbot, ctx, shop_toml=SMALL)


def _damaged(qtbot, window: BenchWindow) -> None:  # type: ignore[no-untyped-def]
    """Scan the parcel, take the order's line with the buyer's reason, condition 损坏."""
    v = window.view
    qtbot.waitUntil(lambda: QApplication.focusWidget() is v.scan_input)
    burst(qtbot, TRACKING)
    qtbot.waitUntil(lambda: v.buyer_value.text() == "tb_xiaomei")
    for _ in range(2):  # the order's line, the buyer's reason
        press(qtbot, ENTER)
        qtbot.wait(60)
    burst(qtbot, "RD+C4")  # 损坏
    assert window.controller.session.draft.items[0].condition == "损坏"  # type: ignore[union-attr]


def _parcel(ctx) -> Parcel:  # type: ignore[no-untyped-def]
    with ctx.sessions() as s:
        return s.scalars(select(Parcel).where(Parcel.tracking_no == TRACKING)).one()


def test_a_damaged_item_is_photographed_then_registered(qtbot, demo_context, monkeypatch,
                                                        tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    refusals: list[int] = []
    monkeypatch.setattr(ops, "refuse_sound", lambda: refusals.append(1))
    window = _window(qtbot, demo_context, monkeypatch, "test")
    camera = window.controller.clips.camera
    assert camera.recorder is not None
    assert camera.recorder.wait_live(10)
    v = window.view
    _damaged(qtbot, window)
    burst(qtbot, "RD+COMMIT")
    assert refusals
    assert "需要照片" in v.status_line.text()
    assert "5815深紫W7" in v.status_line.text()
    assert _parcel(demo_context).status != ParcelStatus.REGISTERED
    assert "照片" not in v.items_list.item(0).text()
    assert v.items_list.item(0).icon().isNull()

    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "[照片 1]" in v.items_list.item(0).text())
    assert not v.items_list.item(0).icon().isNull()  # the camera mark
    assert "已拍照" in v.status_line.text()
    pid = _parcel(demo_context).id
    (photo,) = records.of_parcels(demo_context.sessions, [pid])
    assert (photo.kind, photo.item_index) == ("photo", 0)
    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # 少件
    assert v.outcome_label.isVisible()
    assert v.outcome_label.text() == "少件"
    assert v.return_string_label.text().endswith(" 少件")
    window.resize(1366, 728)
    qtbot.wait(300)  # a preview picture with the REC mark
    assert window.size().height() <= 728
    window.grab().save(str(tmp_path / "bench-photo.png"))

    burst(qtbot, "RD+COMMIT")
    qtbot.waitUntil(lambda: _parcel(demo_context).status == ParcelStatus.REGISTERED)
    assert _parcel(demo_context).outcomes == "short"
    window.close()


def test_an_empty_parcel_by_its_key(qtbot, demo_context, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_context, monkeypatch, None)
    v = window.view
    qtbot.waitUntil(lambda: QApplication.focusWidget() is v.scan_input)
    burst(qtbot, TRACKING)
    qtbot.waitUntil(lambda: v.buyer_value.text() == "tb_xiaomei")
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert v.outcome_label.text() == "空包"
    assert v.return_string_label.text() == "tb_xiaomei 空包"
    burst(qtbot, "RD+COMMIT")
    qtbot.waitUntil(lambda: _parcel(demo_context).status == ParcelStatus.REGISTERED)
    assert _parcel(demo_context).return_string == "tb_xiaomei 空包"
    assert not v.outcome_label.isVisible()
    window.close()


def test_no_camera_registers_and_says_no_photo(qtbot, demo_context, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    notices: list[int] = []
    monkeypatch.setattr(ops, "notice_sound", lambda: notices.append(1))
    monkeypatch.setattr(ops, "refuse_sound", lambda: None)
    window = _window(qtbot, demo_context, monkeypatch, None)
    assert not window.controller.clips.camera.enabled
    _damaged(qtbot, window)
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert "没有摄像头" in window.view.status_line.text()
    burst(qtbot, "RD+COMMIT")
    qtbot.waitUntil(lambda: _parcel(demo_context).status == ParcelStatus.REGISTERED)
    assert "未拍照" in window.view.warning_label.text()
    assert window.view.warning_label.isVisible()
    assert notices
    with demo_context.sessions() as s:
        note = s.scalars(select(AuditEntry).where(AuditEntry.action == "no_photo")).one()
    assert note.entity_id == str(_parcel(demo_context).id)
    window.close()
