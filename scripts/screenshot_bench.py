"""Make docs/bench.png for the README: the bench after registering one demo parcel.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_bench.py [OUT.png]
"""

from __future__ import annotations

import sys
import tempfile

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from returnsdesk.config import Settings
from returnsdesk.services.admin.demo import fill_demo
from returnsdesk.services.common.setup import open_database
from returnsdesk.ui.app import make_app
from returnsdesk.ui.bench.window import BenchWindow
from returnsdesk.ui.common.ops import OpsBus


def main(out: str) -> None:
    home = tempfile.mkdtemp()
    settings = Settings.resolve(home=home, station="bench-1", user="clerk1")
    app = make_app("zh_CN")
    ctx = open_database(settings)
    fill_demo(ctx.sessions, orders=300)
    window = BenchWindow(ctx, OpsBus())
    window.resize(1366, 768)
    window.show()
    QTest.qWaitForWindowExposed(window)
    v = window.view
    v.scan_input.setFocus()
    for tracking in ("SF1234567890123", "75000000000001", "YT1234567890123"):
        QTest.keyClicks(v.scan_input, tracking)
        QTest.keyClick(v.scan_input, Qt.Key.Key_Return)
        QTest.qWait(80)
    QTest.keyClick(v.item_input, Qt.Key.Key_Return)
    QTest.keyClick(v.reason_picker, "1")
    QTest.qWait(80)
    QTest.keyClick(v.condition_picker, "1")
    QTest.qWait(80)
    QTest.keyClick(v.scan_input, Qt.Key.Key_Return)  # Enter on the empty scan box registers
    app.processEvents()
    window.grab().save(out)
    ctx.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/bench.png")
    QApplication.quit()
