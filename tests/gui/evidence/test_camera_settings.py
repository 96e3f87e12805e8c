"""摄像头设置: the station picks its camera with a live preview, by keys alone; the choice is
the station's own and the bench records with it at its next start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from returnsdesk.config import load_shop_config
from returnsdesk.services.evidence import camera_setting
from returnsdesk.services.evidence.camera import StationCamera
from returnsdesk.ui.evidence.settings import CameraSettingsDialog

from helpers.gui import press

SMALL = '[evidence]\nwidth = 320\nheight = 240\ncamera = "/dev/video-shop"\n'


@pytest.fixture
def station(app_context, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("RETURNSDESK_CAMERA", raising=False)
    s = app_context.settings
    (s.home / "shop.toml").write_text(SMALL, encoding="utf-8")
    s.shop = load_shop_config(s.home)
    return app_context


def test_the_order_of_camera_choices(station, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    s = station.settings
    assert camera_setting.camera_of(s) == "/dev/video-shop"  # shop.toml's default
    camera_setting.save(s.home, "")
    assert camera_setting.camera_of(s) == ""  # the station chose not to record
    camera_setting.save(s.home, "rtsp://10.0.0.5/stream")
    assert camera_setting.camera_of(s) == "rtsp://10.0.0.5/stream"
    monkeypatch.setenv("RETURNSDESK_CAMERA", "test")
    assert camera_setting.camera_of(s) == "test"
    (s.home / camera_setting.FILE).write_text("{broken", encoding="utf-8")
    monkeypatch.delenv("RETURNSDESK_CAMERA")
    assert camera_setting.camera_of(s) == "/dev/video-shop"  # a damaged file: as if none


def test_pick_the_test_picture_see_it_live_and_save(qtbot, station) -> None:  # type: ignore[no-untyped-def]
    s = station.settings
    dialog = CameraSettingsDialog(s)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.camera.currentText() == "/dev/video-shop"
    qtbot.waitUntil(lambda: "不可用" in dialog.state.text(), timeout=10000)  # no such device
    dialog.camera.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    test_at = dialog.camera.findData("test")
    while dialog.camera.currentIndex() != test_at:  # the arrow keys walk the list
        press(qtbot, Qt.Key.Key_Down if dialog.camera.currentIndex() < test_at else Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: "画面正常" in dialog.state.text(), timeout=10000)
    assert not dialog.picture.pixmap().isNull()
    dialog.grab().save(str(s.home / "camera-settings.png"))
    press(qtbot, Qt.Key.Key_Return)  # Save
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.recorder is None  # the preview's camera is let go
    assert camera_setting.load(s.home) == "test"
    camera = StationCamera(station.sessions, s, "clerk1")
    assert camera.enabled
    assert camera.name == "test"
