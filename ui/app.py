"""Starting the GUI: application, language, database, the bench window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from returnsdesk.config import Settings
from returnsdesk.context import AppContext
from returnsdesk.errors import UserError
from returnsdesk.resources import bundled_fonts
from returnsdesk.services.common import users
from returnsdesk.ui.common import sign_in
from returnsdesk.ui.common.i18n import install as install_translation
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.common.presence import StationPresence

if TYPE_CHECKING:
    from returnsdesk.context import AppContext
    from returnsdesk.ui.common.print_runner import PrintQueueRunner
    from returnsdesk.ui.common.remote import RemoteChanges

CJK_FAMILIES = ("Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC")


def make_app(lang: str) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("ReturnsDesk")
    for path in bundled_fonts():  # the build's own CJK font, for a PC that has none
        QFontDatabase.addApplicationFont(path)
    families = set(QFontDatabase.families())
    family = next((f for f in CJK_FAMILIES if f in families), None)
    if family:
        app.setFont(QFont(family, 11))
    install_translation(lang, app)
    app.setApplicationDisplayName(app_title())
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese if lang != "en" else QLocale.Language.English)
    )
    return app


def app_title() -> str:
    return QCoreApplication.translate("App", "退货拆包台")


def run_gui(
    settings: Settings, quit_after: float | None = None, screenshot: Path | None = None
) -> int:
    from returnsdesk.services.common.setup import open_database
    from returnsdesk.ui.bench.window import BenchWindow

    app = make_app(settings.lang)
    try:
        ctx = open_database(settings)
    except UserError as exc:
        QMessageBox.critical(None, app_title(), exc.text(settings.lang))
        return 1
    with ctx.sessions() as session:
        needs_sign_in = users.has_users(session)
    if needs_sign_in:
        actor = sign_in.ask(ctx)
        if actor is None:
            ctx.close()
            return 1
        ctx.settings.user = actor.name
    bus = OpsBus()
    remote = _remote_changes(ctx, bus)
    presence = StationPresence(ctx, bus)
    presence.start()
    runner = _print_runner(ctx, bus)
    window = BenchWindow(ctx, bus, runner)
    window.show()
    window.show_start_of_day()
    if quit_after is not None:
        from returnsdesk.ui.common.startup_check import StartupCheck

        StartupCheck(window, quit_after, screenshot).arm()
    code = app.exec()
    presence.stop()
    remote.stop()
    runner.stop()
    ctx.close()
    return code


def _remote_changes(ctx: AppContext, bus: OpsBus) -> RemoteChanges:
    """Other stations' changes, heard through the database, on this process's bus."""
    from returnsdesk.db.changes import OwnCommits
    from returnsdesk.ui.common.remote import RemoteChanges

    own = OwnCommits().track(ctx.engine)
    ctx.engine.dispose()  # connections opened before tracking would go unrecognised
    url = ctx.engine.url.render_as_string(hide_password=False)
    remote = RemoteChanges(url, bus, own=own)
    remote.start()
    return remote


def _print_runner(ctx: AppContext, bus: OpsBus) -> PrintQueueRunner:
    from returnsdesk.ui.common.print_runner import PrintQueueRunner

    runner = PrintQueueRunner(ctx, bus)
    runner.start()
    return runner
