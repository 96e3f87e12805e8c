"""The bench's small camera preview: the live picture, a red ``REC mm:ss`` and the tracking
number while a clip records, 摄像头不可用 when the camera is down.

It only shows what the recorder thread made (a small RGB picture five times a second); a
timer also has the clips closed since its last tick recorded (``StationCamera.collect``).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from returnsdesk.evidence.recorder import CameraState
from returnsdesk.services.evidence.camera import StationCamera

SIZE = (256, 144)
TICK_MS = 200


class CameraPreview(QLabel):
    def __init__(self, camera: StationCamera, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPreview")
        self.camera = camera
        self.setFixedSize(*SIZE)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("background:#222;color:#eee")
        self.rec_text = ""  # what the REC mark says now ("" when not recording)
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self.refresh)
        if not camera.enabled:
            self.hide()
        if camera.enabled:
            self._timer.start()
            self.refresh()

    def stop(self) -> None:
        self._timer.stop()

    def refresh(self) -> None:
        self.camera.collect()  # a record that cannot be written now is kept for a later tick
        status = self.camera.status()
        shot = self.camera.preview()
        w, h = SIZE
        canvas = QPixmap(w, h)
        canvas.fill(QColor("#222"))
        p = QPainter(canvas)
        try:
            if shot is not None:
                img = QImage(shot.data, shot.width, shot.height, shot.stride,
                             QImage.Format.Format_RGB888)  # fmt: skip
                p.drawImage(QRect(0, 0, w, h), img)
            self.rec_text = ""
            if status is not None and status.state is not CameraState.LIVE:
                p.setPen(QColor("#ffcc80"))
                p.drawText(QRect(0, 0, w, h), Qt.AlignmentFlag.AlignCenter,
                           self.tr("摄像头不可用"))  # fmt: skip
            elif status is not None and status.since is not None and status.caption is not None:
                secs = max(0, int(time.time() - status.since))
                self.rec_text = f"REC {secs // 60:02d}:{secs % 60:02d}"
                self._rec(p, self.rec_text, status.caption.tracking)
        finally:
            p.end()
        self.setPixmap(canvas)

    def _rec(self, p: QPainter, text: str, tracking: str) -> None:
        w, h = SIZE
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSize(11)
        p.setFont(font)
        p.fillRect(QRect(2, 2, 104, 26), QColor(0, 0, 0, 190))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#e53935"))
        p.drawEllipse(8, 9, 12, 12)
        p.setPen(QColor("#e53935"))
        p.drawText(QRect(26, 4, 80, 22), Qt.AlignmentFlag.AlignVCenter, text)
        p.fillRect(QRect(0, h - 24, w, 24), QColor(0, 0, 0, 160))
        p.setPen(QColor("white"))
        p.drawText(QRect(6, h - 24, w - 12, 24), Qt.AlignmentFlag.AlignVCenter, tracking)
