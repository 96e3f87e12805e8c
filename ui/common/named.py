"""``named(QLineEdit(), "scanInput")``: a widget with its object name, typed as what it is.

Tests and the startup check find widgets by object name. PySide6 also takes it as a keyword
(``QLineEdit(objectName=...)``), but its type stubs list only each class's own properties, so
that spelling fails type checking on almost every widget.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

ObjectT = TypeVar("ObjectT", bound=QObject)


def named(obj: ObjectT, name: str) -> ObjectT:
    obj.setObjectName(name)
    return obj
