"""``returnsdesk gui --quit-after S --screenshot FILE``: the bench opens, says its scan box is
ready, saves a picture of itself and exits; the ``returnsdesk-gui`` entry runs the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from returnsdesk import cli
from returnsdesk.ui import app as ui_app
from returnsdesk.ui.bench.window import BenchWindow
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.common.startup_check import StartupCheck


def test_check_reports_ready_and_saves_the_window(
    qtbot, demo_context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window = BenchWindow(demo_context, OpsBus())
    qtbot.addWidget(window)
    window.show()
    shot = tmp_path / "bench.png"
    check = StartupCheck(window, 0.2, shot)
    app = QApplication.instance()
    assert app is not None
    check.arm()
    assert app.exec() == 0
    assert "scan box ready" in capsys.readouterr().out
    image = QImage(str(shot))
    assert image.width() == window.width() * window.devicePixelRatio()


def test_check_fails_without_a_scan_box(qtbot, tmp_path: Path, capsys) -> None:
    from PySide6.QtWidgets import QLabel

    other = QLabel("没有扫描框")
    qtbot.addWidget(other)
    other.show()
    check = StartupCheck(other, 0.1, None)
    check.arm()
    app = QApplication.instance()
    assert app is not None
    assert app.exec() == 1
    assert "scan box missing" in capsys.readouterr().out


def test_gui_entry_opens_the_bench_with_the_given_options(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: dict[str, object] = {}

    def fake_run_gui(settings, quit_after=None, screenshot=None) -> int:
        seen.update(home=settings.home, station=settings.station, quit_after=quit_after)
        seen["screenshot"] = screenshot
        return 0

    monkeypatch.setattr(ui_app, "run_gui", fake_run_gui)
    monkeypatch.setattr(
        "sys.argv",
        [
            "returnsdesk-gui",
            "--home",
            str(tmp_path),
            "--station",
            "bench-2",
            "--screenshot",
            "x.png",
        ],
    )
    assert cli.gui_entry() == 0
    assert seen == {
        "home": tmp_path,
        "station": "bench-2",
        "quit_after": 3.0,
        "screenshot": Path("x.png"),
    }
