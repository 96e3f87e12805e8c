"""Print queue runner and window, settings dialog with test print, label preview, Qt backend.

The parcel is made directly in the database (as the bench would after registering it); the
bench then calls ``print_queue.enqueue(...)`` and ``runner.kick()``, which is what we do here.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt

from returnsdesk.context import AppContext
from returnsdesk.domain.topics import Topic
from returnsdesk.errors import PrinterUnavailable
from returnsdesk.printing.backends import FolderBackend
from returnsdesk.services.printing import queue as print_queue
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.common.print_preview import LabelPreview
from returnsdesk.ui.common.print_qt import QtBackend
from returnsdesk.ui.printing.jobs_model import PrintJobsModel
from returnsdesk.ui.printing.queue import PrintQueueRunner, PrintQueueWidget
from returnsdesk.ui.printing.settings import PrintSettingsDialog

from helpers.factories import ItemSpec, parcel


class Off:
    """A CUPS printer that is switched off."""

    scheme = "cups"

    def send(self, pdf: Path, target: str, media: str, copies: int, title: str) -> str:
        raise PrinterUnavailable(printer=target, detail="打印机未连接")

    def printers(self) -> list[str]:
        return ["Zebra"]


def register_parcel(ctx: AppContext, slip_no: int = 5) -> int:
    with ctx.sessions.begin() as s:
        return parcel(
            s,
            dt.date.today(),
            [ItemSpec()],
            tracking_no=f"YT10000000{slip_no:04d}",
            station=ctx.settings.station,
            slip_no=slip_no,
            buyer="tb_gui",
            return_string="tb_gui 5815深紫W7*1 尺码偏小 完好",
        ).id


@pytest.fixture
def backends(app_context: AppContext) -> dict:
    return {"cups": Off(), "folder": FolderBackend(app_context.settings.home / "print")}


@pytest.fixture
def runner(qtbot, app_context: AppContext, backends: dict):  # type: ignore[no-untyped-def]
    r = PrintQueueRunner(app_context, OpsBus(), backends, poll_ms=0)
    yield r
    r.stop()


def states(widget: PrintQueueWidget) -> list[tuple[str, str]]:
    m = widget.model
    return [(m.index(r, 0).data(), m.index(r, 4).data()) for r in range(m.rowCount())]


def test_registered_parcel_label_prints_then_reprint(qtbot, app_context, runner) -> None:  # type: ignore[no-untyped-def]
    bus = runner.bus
    widget = PrintQueueWidget(app_context, bus, runner)
    qtbot.addWidget(widget)
    widget.show()
    pid = register_parcel(app_context)
    s = app_context.settings
    job_id = print_queue.enqueue(app_context.sessions, "label", str(pid), s.user, s.station)
    bus.notify(Topic.PRINT_JOBS)
    assert states(widget) == [(str(job_id), "排队中")]
    with qtbot.waitSignal(runner.idle, timeout=20000):
        runner.kick()
    qtbot.waitUntil(lambda: states(widget) == [(str(job_id), "已打印")], timeout=5000)
    out = list((s.home / "print").glob("*.pdf"))
    assert [p.name for p in out] == [f"包裹标签_{pid}.pdf"]
    # the printed label shows beside the list
    qtbot.waitUntil(lambda: not widget.preview.picture.pixmap().isNull(), timeout=5000)
    assert widget.preview.picture.pixmap().height() == 260
    widget.grab().save(str(s.home / "queue.png"))

    widget.table.setFocus()
    with qtbot.waitSignal(runner.idle, timeout=20000):
        qtbot.keyClick(widget.table, Qt.Key.Key_P)  # reprint the selected job
    qtbot.waitUntil(lambda: len(states(widget)) == 2, timeout=5000)
    qtbot.waitUntil(lambda: {st for _, st in states(widget)} == {"已打印"}, timeout=5000)
    assert len(list((s.home / "print").glob("*.pdf"))) == 2
    assert "已重打" in widget.status.text()


def test_failed_job_shows_reason_and_can_go_elsewhere(qtbot, app_context, runner) -> None:  # type: ignore[no-untyped-def]
    widget = PrintQueueWidget(app_context, runner.bus, runner)
    qtbot.addWidget(widget)
    pid = register_parcel(app_context)
    s = app_context.settings
    job_id = print_queue.enqueue(
        app_context.sessions, "label", str(pid), s.user, s.station, "cups:Zebra"
    )
    with qtbot.waitSignal(runner.job_failed, timeout=20000) as failed:
        runner.kick()
    assert failed.args[0] == job_id
    assert "打印机未连接" in failed.args[1]
    runner.wait()
    qtbot.waitUntil(lambda: states(widget) == [(str(job_id), "失败")], timeout=5000)
    reason = widget.model.index(0, 5)
    assert "Zebra" in reason.data()
    assert "打印机未连接" in reason.data()
    assert reason.data(Qt.ItemDataRole.ForegroundRole).name() == "#c62828"
    assert "打印机未连接" in widget.status.text()
    widget.grab().save(str(s.home / "failed.png"))

    # retry: same printer, fails again, still there
    with qtbot.waitSignal(runner.job_failed, timeout=20000):
        widget.retry_button.click()
    runner.wait()
    assert print_queue.get_job(app_context.sessions, job_id).attempts == 2

    # send elsewhere: the folder printer in the combo
    assert widget.printer_combo.itemData(0).startswith("folder:")
    assert widget.printer_combo.findData("cups:Zebra") >= 0
    widget.printer_combo.setCurrentIndex(0)
    with qtbot.waitSignal(runner.idle, timeout=20000):
        widget.elsewhere_button.click()
    qtbot.waitUntil(lambda: states(widget) == [(str(job_id), "已打印")], timeout=5000)


class Paused:
    """A CUPS queue paused by the operator (cupsdisable) until ``on`` is set."""

    scheme = "cups"

    def __init__(self) -> None:
        self.on = False

    def state(self, target: str) -> None:
        if not self.on:
            raise PrinterUnavailable(printer=target, detail="打印机已暂停")

    def send(self, pdf: Path, target: str, media: str, copies: int, title: str) -> str:
        self.state(target)
        return "ok"

    def printers(self) -> list[str]:
        return ["Zebra"]


def test_runner_prints_failed_jobs_once_the_printer_accepts_again(qtbot, app_context) -> None:  # type: ignore[no-untyped-def]
    printer = Paused()
    runner = PrintQueueRunner(
        app_context, OpsBus(), {"cups": printer}, poll_ms=50, retry_rest=lambda n: dt.timedelta(0)
    )
    s = app_context.settings
    pid = register_parcel(app_context)
    job_id = print_queue.enqueue(
        app_context.sessions, "label", str(pid), s.user, s.station, "cups:Zebra"
    )
    try:
        with qtbot.waitSignal(runner.job_failed, timeout=20000):
            runner.start()
        qtbot.wait(300)  # several ticks: a paused printer's job stays failed
        job = print_queue.get_job(app_context.sessions, job_id)
        assert (job.state, job.attempts) == ("failed", 1)
        printer.on = True  # cupsenable
        qtbot.waitUntil(
            lambda: print_queue.get_job(app_context.sessions, job_id).state == "done", timeout=10000
        )
    finally:
        runner.stop()
    assert print_queue.get_job(app_context.sessions, job_id).attempts == 2


def test_runner_start_requeues_a_crashed_job(qtbot, app_context, runner) -> None:  # type: ignore[no-untyped-def]
    s = app_context.settings
    job_id = print_queue.enqueue(app_context.sessions, "commands", "", s.user, s.station)
    assert print_queue.claim_next(app_context.sessions, s.station) == job_id  # then "crashed"
    with qtbot.waitSignal(runner.idle, timeout=20000):
        runner.start()
    assert print_queue.get_job(app_context.sessions, job_id).state == "done"


def test_jobs_model(qtmodeltester, app_context) -> None:  # type: ignore[no-untyped-def]
    s = app_context.settings
    print_queue.enqueue(app_context.sessions, "commands", "", s.user, s.station)
    print_queue.enqueue(app_context.sessions, "day_sheet", "2026-11-22", s.user, s.station)
    model = PrintJobsModel()
    model.set_rows(print_queue.list_jobs(app_context.sessions, s.station))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.index(0, 1).data() == "售后登记日报"


def test_settings_dialog_saves_and_test_prints(qtbot, app_context, backends, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = PrintSettingsDialog(app_context, None, backends)
    qtbot.addWidget(dialog)
    assert dialog.sizes["label"].currentData() == "100x150"
    dialog.sizes["label"].setCurrentIndex(dialog.sizes["label"].findData("60x40"))
    out = tmp_path / "test-prints"
    dialog.printers["label"].setEditText(f"folder:{out}")
    with qtbot.waitSignal(dialog._signals.done, timeout=20000):
        dialog.tests["label"].click()
    assert "测试打印已发送" in dialog.status.text()
    printed = list(out.glob("*.pdf"))
    assert len(printed) == 1
    info = subprocess.run(["pdfinfo", str(printed[0])], capture_output=True, text=True).stdout
    assert "170.079 x 113.386 pts" in info
    # a printer that is off: the reason in place
    dialog.printers["reship"].setCurrentIndex(dialog.printers["reship"].findData("cups:Zebra"))
    with qtbot.waitSignal(dialog._signals.done, timeout=20000):
        dialog.tests["reship"].click()
    assert "测试打印失败" in dialog.status.text()
    assert "打印机未连接" in dialog.status.text()
    dialog.copies["day_sheet"].setValue(3)
    dialog.show()
    dialog.grab().save(str(app_context.settings.home / "settings.png"))
    dialog.accept()
    raw = json.loads((app_context.settings.home / "printers.json").read_text(encoding="utf-8"))
    assert raw["documents"]["label"] == {"printer": f"folder:{out}", "size": "60x40", "copies": 1}
    assert raw["documents"]["reship"]["printer"] == "cups:Zebra"
    assert raw["documents"]["day_sheet"]["copies"] == 3
    again = PrintSettingsDialog(app_context, None, backends)
    qtbot.addWidget(again)
    assert again.sizes["label"].currentData() == "60x40"
    assert again.current().for_kind("label").printer == f"folder:{out}"


def test_a_preview_rendered_in_the_background_never_reaches_a_closed_window(
    qtbot, app_context, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The bench closes while its label renders: the result arrives afterwards and goes
    nowhere, no error; an open preview shows the latest request only, and names a parcel
    it cannot find."""
    import time

    from returnsdesk.ui.common import print_preview

    render = print_preview.render_label

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.3)
        return render(*args, **kwargs)

    monkeypatch.setattr(print_preview, "render_label", slow)
    pid = register_parcel(app_context, slip_no=9)
    closing = LabelPreview(app_context, height=200)
    closing.show_parcel_soon(pid)
    closing.deleteLater()
    qtbot.wait(800)  # the result arrived after the widget went: nothing raised
    preview = LabelPreview(app_context, height=200)
    qtbot.addWidget(preview)
    preview.show_parcel_soon(pid + 100)
    qtbot.waitUntil(lambda: str(pid + 100) in preview.message.text())
    preview.show_parcel_soon(pid + 100)
    preview.show_parcel_soon(pid)  # the later request wins
    qtbot.waitUntil(lambda: not preview.picture.pixmap().isNull(), timeout=5000)
    qtbot.wait(400)
    assert preview.message.text() == ""
    assert preview.parcel_id == pid


def test_a_preview_asked_for_a_frame_later_renders_only_if_still_wanted(
    qtbot, app_context, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The bench asks for its label to render once the panel is painted (``after_ms``): a
    request overtaken meanwhile never starts its rendering, the later one shows."""
    from returnsdesk.ui.common import tasks

    started: list[object] = []
    start = tasks.start
    monkeypatch.setattr(tasks, "start", lambda task: started.append(task) or start(task))
    pid = register_parcel(app_context, slip_no=9)
    preview = LabelPreview(app_context, height=200)
    qtbot.addWidget(preview)
    preview.show_parcel_soon(pid + 100, after_ms=50)
    preview.show_parcel_soon(pid, after_ms=16)
    assert started == []  # nothing renders before the frame
    qtbot.waitUntil(lambda: preview.shown_label == (pid, ""), timeout=5000)
    qtbot.wait(100)
    assert len(started) == 1


def test_label_preview_shows_the_label(qtbot, app_context) -> None:  # type: ignore[no-untyped-def]
    preview = LabelPreview(app_context, height=600)
    qtbot.addWidget(preview)
    pid = register_parcel(app_context, slip_no=9)
    assert preview.show_parcel(pid)
    pix = preview.picture.pixmap()
    assert pix.height() == 600
    assert pix.width() == 400
    path = app_context.settings.home / "preview.png"
    preview.show()
    preview.grab().save(str(app_context.settings.home / "preview-widget.png"))
    pix.save(str(path))
    found = zxingcpp.read_barcodes(Image.open(path))
    assert [b.text for b in found] == [f"P{pid:08d}"]
    assert not preview.show_parcel(pid + 100)
    assert str(pid + 100) in preview.message.text()


def test_qt_backend_prints_pdf_pages(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from returnsdesk.printing.data import LabelData
    from returnsdesk.printing.render import render_labels

    src = tmp_path / "in.pdf"
    src.write_bytes(
        render_labels(
            [LabelData(i, i, "b", "x", "", "", "良品", "2026-11-22", "s") for i in (1, 2)]
        )
    )
    out = tmp_path / "out.pdf"
    QtBackend(pdf_output=out).send(src, "", "Custom.100x150mm", 1, "标签")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "Pages:           2" in info
    assert "283 x 425 pts" in info
    subprocess.run(["pdftoppm", "-r", "203", "-gray", str(out), str(tmp_path / "p")], check=True)
    for n in (1, 2):
        codes = zxingcpp.read_barcodes(Image.open(tmp_path / f"p-{n}.pgm"))
        assert [c.text for c in codes] == [f"P{n:08d}"]
    with pytest.raises(PrinterUnavailable):
        QtBackend().send(src, "no such printer", "", 1, "x")


def test_runner_goes_on_after_its_worker_fails(qtbot, runner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An error inside the worker (a database that stays busy …) is said, and the next kick
    prints again instead of leaving the runner waiting forever."""
    real = print_queue.claim_next
    calls: list[int] = []

    def once_broken(*args):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        return real(*args)

    monkeypatch.setattr(print_queue, "claim_next", once_broken)
    with qtbot.waitSignal(runner.failed, timeout=5000) as got:
        runner.kick()
    assert "database went away" in got.args[0]
    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.kick()
    assert len(calls) >= 2


def test_printer_settings_are_the_admins_once_there_are_users(qtbot, app_context, backends) -> None:  # type: ignore[no-untyped-def]
    from returnsdesk.services.common import users

    users.add_user(app_context.sessions, "老板", "admin", "9999", "", "office")
    app_context.settings.user = "clerk1"
    dialog = PrintSettingsDialog(app_context, None, backends)
    qtbot.addWidget(dialog)
    dialog.copies["day_sheet"].setValue(3)
    dialog.accept()
    assert dialog.status.text().startswith("无权限")
    assert not (app_context.settings.home / "printers.json").exists()
    app_context.settings.user = "老板"
    dialog.accept()
    assert (app_context.settings.home / "printers.json").exists()
