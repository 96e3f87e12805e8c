"""摄像头设置: which camera this station records with, with a live preview to check it.

The choice is the station's own (``services/evidence/camera_setting.py``); the bench takes it
at its next start. The preview runs the same reader the bench records with, in its own thread,
and shows five pictures a second; a camera that cannot be opened says why, in place.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.config import Settings
from returnsdesk.evidence.recorder import CameraState, Recorder
from returnsdesk.evidence.source import parse_camera
from returnsdesk.services.evidence import camera_setting, records
from returnsdesk.ui.common.named import named

PREVIEW = (480, 270)
TICK_MS = 200


class CameraSettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraSettings")
        self.setWindowTitle(self.tr("摄像头设置"))
        self.settings = settings
        self.recorder: Recorder | None = None
        self.camera = named(QComboBox(), "cameraChoice")
        self.camera.setEditable(True)
        self.camera.addItem(self.tr("(不录像)"), "")
        for name in camera_setting.choices():
            self.camera.addItem(self.tr("测试画面 (test)") if name == "test" else name, name)
        current = camera_setting.camera_of(settings)
        at = self.camera.findData(current)
        if at < 0 and current:
            self.camera.addItem(current, current)
            at = self.camera.count() - 1
        self.camera.setCurrentIndex(max(0, at))
        typed = self.camera.lineEdit()
        assert typed is not None  # an editable combo box has one
        typed.setPlaceholderText(self.tr("设备号、设备名或 rtsp:// 地址"))
        self.picture = named(QLabel(), "cameraSettingsPreview")
        self.picture.setFixedSize(*PREVIEW)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state = named(QLabel(), "cameraSettingsState")
        self.state.setWordWrap(True)
        note = QLabel(self.tr("保存后, 下次打开拆包台时使用这个摄像头。"))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("摄像头"), self.camera)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.picture)
        layout.addWidget(self.state)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self.refresh)
        self.camera.currentIndexChanged.connect(self.try_camera)
        typed.editingFinished.connect(self.try_camera)
        self.try_camera()

    def chosen(self) -> str:
        text = self.camera.currentText().strip()
        data = self.camera.currentData()
        at = self.camera.currentIndex()
        return str(data) if data is not None and text == self.camera.itemText(at) else text

    def try_camera(self) -> None:
        """Open the chosen camera for the preview (the one before is let go first)."""
        self.stop()
        name = self.chosen()
        if not name:
            self.picture.clear()
            self.state.setText(self.tr("本工位不录像"))
            return
        cfg = self.settings.shop.evidence
        spec = parse_camera(name, cfg.width, cfg.height, cfg.fps)
        folder = records.folder(self.settings.home, cfg)
        self.recorder = Recorder(spec, folder, preview_width=PREVIEW[0]).start()
        self.state.setText(self.tr("正在打开 {0}…").replace("{0}", spec.name))
        self._timer.start()

    def refresh(self) -> None:
        rec = self.recorder
        if rec is None:
            return
        status = rec.status()
        if status.state is CameraState.FAILED:
            self.state.setText(self.tr("摄像头不可用: {0}").replace("{0}", status.error))
            return
        shot = rec.preview()
        if shot is None:
            return
        self.state.setText(self.tr("画面正常: {0}").replace("{0}", rec.spec.name))
        w, h = PREVIEW
        canvas = QPixmap(w, h)
        canvas.fill(QColor("#222"))
        p = QPainter(canvas)
        img = QImage(shot.data, shot.width, shot.height, shot.stride, QImage.Format.Format_RGB888)
        p.drawImage(QRect(0, 0, w, h), img)
        p.end()
        self.picture.setPixmap(canvas)

    def save(self) -> None:
        camera_setting.save(self.settings.home, self.chosen())
        self.accept()

    def stop(self) -> None:
        self._timer.stop()
        if self.recorder is not None:
            self.recorder.stop(timeout=2.0)
            self.recorder = None

    def done(self, result: int) -> None:
        self.stop()
        super().done(result)
