"""A refused input marked where it was typed.

Services name the input an error concerns (``UserError.field``: ``"note"``, ``"amount"``); a
form maps those names to its widgets, and the one named turns red and takes the cursor. The
message text is never read to find it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from returnsdesk.errors import UserError

INVALID = "border: 2px solid #c62828;"


class FieldMarks:
    def __init__(self, **fields: QWidget) -> None:
        self.fields = fields
        self.marked: QWidget | None = None

    def show(self, exc: UserError) -> None:
        """Mark the widget of ``exc.field`` (none when the form has no such field)."""
        self.clear()
        widget = self.fields.get(exc.field)
        if widget is None:
            return
        widget.setStyleSheet(INVALID)
        widget.setFocus()
        self.marked = widget

    def clear(self) -> None:
        if self.marked is not None:
            self.marked.setStyleSheet("")
            self.marked = None
