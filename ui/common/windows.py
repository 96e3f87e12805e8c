"""The app's windows, opened from any desk's menu: the one place that knows every desk.

Each window's module is imported when it is first opened, so the bench starts fast, and a
desk never imports another desk (tests/project/test_layers.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from returnsdesk.context import AppContext
from returnsdesk.domain.roles import Act
from returnsdesk.services.common import users
from returnsdesk.ui.common.ops import OpsBus

if TYPE_CHECKING:
    from returnsdesk.ui.common.print_runner import PrintQueueRunner


class Windows:
    """Opens each of the app's windows once; later, brings the same one to the front."""

    def __init__(
        self, ctx: AppContext, bus: OpsBus, print_runner: PrintQueueRunner | None = None
    ) -> None:
        self.ctx = ctx
        self.bus = bus
        self.print_runner = print_runner
        self._open: dict[str, QWidget] = {}

    def import_dialog(self, parent: QWidget | None = None) -> QWidget:
        from returnsdesk.ui.importing.dialog import ImportDialog

        if parent is not None:  # a dialog of that window (the lead's), not the app's one
            dialog = ImportDialog(self.ctx, self.bus, parent)
            dialog.show()
            return dialog
        return self._once("import", lambda: ImportDialog(self.ctx, self.bus))

    def reship(self) -> QWidget:
        from returnsdesk.ui.reship.window import ReshipWindow

        return self._once(
            "reship", lambda: ReshipWindow(self.ctx, self.bus, print_runner=self.print_runner)
        )

    def lead(self) -> QWidget:
        """The lead's window, for the lead and the admin (it shows money, refunds and the
        audit trail): ``Forbidden`` for anyone else."""
        from returnsdesk.ui.lead.window import LeadWindow

        users.may_read(self.ctx.sessions, self.ctx.settings.user, Act.RECORDS)
        return self._once("lead", lambda: LeadWindow(self.ctx, self.bus, windows=self))

    def print_queue(self) -> QWidget:
        from returnsdesk.ui.printing.queue import PrintQueueWidget

        return self._once(
            "print_queue", lambda: PrintQueueWidget(self.ctx, self.bus, self.print_runner)
        )

    def print_settings(self, parent: QWidget) -> None:
        from returnsdesk.ui.printing.settings import PrintSettingsDialog

        PrintSettingsDialog(self.ctx, parent).exec()

    def camera_settings(self, parent: QWidget) -> None:
        from returnsdesk.ui.evidence.settings import CameraSettingsDialog

        CameraSettingsDialog(self.ctx.settings, parent).exec()

    def close_all(self) -> None:
        for w in self._open.values():
            w.close()

    def _once(self, key: str, make: Callable[[], QWidget]) -> QWidget:
        w = self._open.get(key)
        if w is None:
            w = self._open[key] = make()
        w.show()
        w.raise_()
        w.activateWindow()
        return w
