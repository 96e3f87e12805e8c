"""One way to run an action from a window, in the spirit of Anki's ``CollectionOp``.

``run_op`` calls the service, shows a refusal in place (the status line, the field it names,
a sound) and, when the service has written, tells every window of this process what changed
through typed topics (``domain.topics.Topic``); views refresh on that one signal instead of
calling each other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from returnsdesk.domain.topics import NOTHING, Topic
from returnsdesk.errors import UserError
from returnsdesk.ui.common.field_marks import FieldMarks

T = TypeVar("T")


class OpsBus(QObject):
    """Emitted after a service changed data, with the topics it changed."""

    changed = Signal(Topic)

    def notify(self, topics: Topic) -> None:
        if topics:
            self.changed.emit(topics)


class Says(Protocol):
    """Where a window shows its last message (``StatusLine``, the bench's controller)."""

    def ok(self, text: str) -> None: ...

    def error(self, text: str) -> None: ...


def refuse_sound() -> None:
    """Every refusal sounds, on every desk, through here (tests count the calls)."""
    QApplication.beep()


@dataclass(frozen=True)
class Done(Generic[T]):
    """What the service returned, when it did not refuse."""

    value: T


def notice_sound() -> None:
    """Done, but worth hearing (a parcel set aside unregistered)."""
    QApplication.beep()


def run_op(
    work: Callable[[], T],
    *,
    says: Says,
    lang: str,
    bus: OpsBus | None = None,
    changes: Topic = NOTHING,
    marks: FieldMarks | None = None,
) -> Done[T] | None:
    """Run ``work``; on a ``UserError`` say it where it belongs and return None."""
    try:
        result = work()
    except UserError as exc:
        says.error(exc.text(lang))
        if marks is not None:
            marks.show(exc)
        return None
    if marks is not None:
        marks.clear()
    if bus is not None:
        bus.notify(changes)
    return Done(result)
