"""Every window the bench's menus open comes up, and the bench keeps its scan box."""

import pytest
from PySide6.QtWidgets import QWidget


@pytest.mark.parametrize(
    ("module", "cls", "name"),
    [
        ("import_dialog", "ImportDialog", "importDialog"),
        ("reship_window", "ReshipWindow", "reshipWindow"),
        ("lead_window", "LeadWindow", "leadWindow"),
        ("print_queue", "PrintQueueWidget", ""),
    ],
)
def test_menu_windows_open(qtbot, bench, module, cls, name):
    w = bench.open_window(module, cls)
    qtbot.addWidget(w)
    assert isinstance(w, QWidget) and w.isVisible()
    if name:
        assert w.objectName() == name
    assert bench.open_window(module, cls) is w  # raised again, not opened twice


def test_lead_window_opens_the_import(qtbot, bench):
    lead = bench.open_window("lead_window", "LeadWindow")
    qtbot.addWidget(lead)
    lead.open_import()
    dialogs = [w for w in lead.findChildren(QWidget) if w.objectName() == "importDialog"]
    assert dialogs and dialogs[0].isVisible()
