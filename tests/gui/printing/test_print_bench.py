"""The label path walked from the bench: register a parcel, its label job appears in the print
queue, completes in the worker thread, and a reprint (F12) prints it again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from returnsdesk.services.printing import queue as print_queue
from returnsdesk.ui.bench.window import BenchWindow
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.common.print_preview import LabelPreview
from returnsdesk.ui.printing.queue import PrintQueueRunner, PrintQueueWidget

from helpers.gui import focused

ENTER = Qt.Key.Key_Return


def test_register_label_prints_and_reprints(qtbot, demo_context) -> None:  # type: ignore[no-untyped-def]
    ctx = demo_context
    bus = OpsBus()
    runner = PrintQueueRunner(ctx, bus, poll_ms=0)
    bench = BenchWindow(ctx, bus, runner)
    qtbot.addWidget(bench)
    queue = PrintQueueWidget(ctx, bus, runner)
    qtbot.addWidget(queue)
    bench.show()
    qtbot.waitExposed(bench)
    bench.activateWindow()
    v = bench.view
    v.scan_input.setFocus()
    try:
        scan = bench.findChild(QLineEdit, "scanInput")
        qtbot.keyClicks(scan, "YT1234567890123")
        qtbot.keyClick(scan, ENTER)
        qtbot.waitUntil(lambda: v.buyer_value.text() == "tb_xiaomei")
        qtbot.keyClick(v.item_input, ENTER)
        qtbot.keyClick(v.reason_picker, "1")
        qtbot.waitUntil(lambda: focused("conditionPicker"))
        qtbot.keyClick(v.condition_picker, "1")
        qtbot.waitUntil(lambda: focused("scanInput"))
        qtbot.keyClick(v.scan_input, ENTER)
        status = bench.findChild(QLabel, "statusLine")
        qtbot.waitUntil(lambda: "已登记" in status.text())

        # the label job appeared and the worker printed it
        qtbot.waitUntil(lambda: queue.model.rowCount() == 1, timeout=5000)
        job = queue.model.job(0)
        assert job.kind == "label"
        qtbot.waitUntil(
            lambda: print_queue.get_job(ctx.sessions, job.id).state == "done", timeout=20000
        )
        qtbot.waitUntil(lambda: queue.model.index(0, 4).data() == "已打印", timeout=5000)
        done = print_queue.get_job(ctx.sessions, job.id)
        pdf = (ctx.settings.home / "print").glob("*.pdf")
        assert [p.name for p in pdf] == [f"包裹标签_{job.ref_id}.pdf"]
        assert done.pdf_path.endswith("-label.pdf")

        # what the clerk sees of that label
        preview = LabelPreview(ctx)
        qtbot.addWidget(preview)
        assert preview.show_parcel(int(job.ref_id))

        # reprint from the bench: F12 on the last registered parcel
        qtbot.keyClick(v.scan_input, Qt.Key.Key_F12)
        qtbot.waitUntil(lambda: queue.model.rowCount() == 2, timeout=5000)
        again = queue.model.job(0)
        assert (again.kind, again.ref_id) == ("label", job.ref_id)
        assert again.id != job.id
        qtbot.waitUntil(
            lambda: print_queue.get_job(ctx.sessions, again.id).state == "done", timeout=20000
        )
        assert len(list((ctx.settings.home / "print").glob("*.pdf"))) == 2
    finally:
        runner.stop()
