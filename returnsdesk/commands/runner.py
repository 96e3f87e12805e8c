"""What every subcommand is given: the resolved settings and, on demand, an open database."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable

from returnsdesk.config import Settings
from returnsdesk.context import AppContext
from returnsdesk.domain.roles import Act
from returnsdesk.errors import SignInFailed
from returnsdesk.i18n import translate


class Runner:
    """What a subcommand gets: the resolved settings and, on demand, an open database."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._ctx: AppContext | None = None

    def context(self, migrate: bool | None = None) -> AppContext:
        """The open database, with the acting user signed in once it has users."""
        from returnsdesk.services.common.setup import open_database

        if self._ctx is None:
            ctx = open_database(self.settings, migrate=migrate)
            try:
                self._sign_in(ctx)
            except BaseException:
                ctx.close()
                raise
            self._ctx = ctx
        return self._ctx

    def _sign_in(self, ctx: AppContext) -> None:
        """``--user`` (or RETURNSDESK_USER) with the PIN from RETURNSDESK_PIN, or a prompt on a
        terminal. A database without users runs open: the name is recorded as given."""
        from returnsdesk.services.common import users

        with ctx.sessions() as s:
            if not users.has_users(s):
                return
        pin = os.environ.get("RETURNSDESK_PIN", "")
        if not pin and sys.stdin.isatty():
            pin = getpass.getpass(self.tr("{user} 的 PIN: ", user=self.settings.user))
        if not pin:
            raise SignInFailed("需要 PIN (RETURNSDESK_PIN)")
        users.sign_in(ctx.sessions, self.settings.user, pin)

    def acting(self) -> str:
        """The signed-in user's name (after ``context()``)."""
        self.context()
        return self.settings.user

    def require(self, act: Act) -> None:
        """Sign in and check the role for a command that reads in bulk (a backup, an export):
        the services that write check their own."""
        from returnsdesk.services.common import users

        with self.context().sessions() as s:
            users.require(s, self.settings.user, act)

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.close()
            self._ctx = None

    def tr(self, text: str, **params: object) -> str:
        return translate(text, self.settings.lang, **params)


Handler = Callable[[Runner, argparse.Namespace], int]
