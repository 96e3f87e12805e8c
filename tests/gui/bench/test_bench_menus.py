"""Every window the bench's menus open comes up, and the bench keeps its scan box."""

import pytest
from PySide6.QtWidgets import QWidget


@pytest.mark.parametrize(
    ("opener", "name"),
    [
        ("open_import", "importDialog"),
        ("open_reship", "reshipWindow"),
        ("open_lead", "leadWindow"),
        ("open_print_queue", ""),
    ],
)
def test_menu_windows_open(qtbot, bench, opener, name):
    w = getattr(bench, opener)()
    qtbot.addWidget(w)
    assert isinstance(w, QWidget)
    assert w.isVisible()
    if name:
        assert w.objectName() == name
    assert getattr(bench, opener)() is w  # raised again, not opened twice


def test_lead_window_opens_the_import(qtbot, bench):
    lead = bench.open_lead()
    qtbot.addWidget(lead)
    lead.open_import()
    dialogs = [w for w in lead.findChildren(QWidget) if w.objectName() == "importDialog"]
    assert dialogs
    assert dialogs[0].isVisible()
