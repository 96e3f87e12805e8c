"""The Qt binding keeps Python's ``None`` alive.

PySide6 6.12.0 on Python 3.11 returns ``None`` from every Qt function that returns nothing
without taking a reference to it, so each such call lowers ``None``'s reference count by
one; a bench made a few thousand of them per parcel, and the interpreter aborted
("none_dealloc: deallocating None") after a few hundred parcels. (From Python 3.12 ``None``
is immortal and its count does not matter.)
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel


def test_calls_that_return_nothing_leave_nones_count_alone(qapp):
    label, timer = QLabel(), QTimer()
    before = sys.getrefcount(None)
    for _ in range(500):  # fewer than None's count: a binding with the fault must not abort
        label.clear()
        timer.start(1000)
        QApplication.processEvents()
    timer.stop()
    assert sys.getrefcount(None) - before > -100
