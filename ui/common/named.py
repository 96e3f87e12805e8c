"""``named(QLineEdit(), "scanInput")``: a widget with its object name, typed as what it is;
``restyle``: a widget's style sheet set only when it changes.

Tests and the startup check find widgets by object name. PySide6 also takes it as a keyword
(``QLineEdit(objectName=...)``), but its type stubs list only each class's own properties, so
that spelling fails type checking on almost every widget.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

ObjectT = TypeVar("ObjectT", bound=QObject)


def named(obj: ObjectT, name: str) -> ObjectT:
    obj.setObjectName(name)
    return obj


def restyle(widget: QWidget, sheet: str) -> None:
    """Set ``sheet`` unless the widget has it already: setting a style sheet polishes the
    widget again and lays out its window, even when the sheet is the same (a whole-window
    paint on every scan at the bench)."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)
