"""The ``returnsdesk`` command: the GUI by default, subcommands for everything else.

Exit codes: 0 success, 1 a user error (one line on stderr in the user's language), 2 usage.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from returnsdesk.commands import MODULES
from returnsdesk.config import Settings
from returnsdesk.context import AppContext
from returnsdesk.errors import SignInFailed, UserError
from returnsdesk.i18n import translate
from returnsdesk.outputs import from_os_error


class Runner:
    """What a subcommand gets: the resolved settings and, on demand, an open database."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._ctx: AppContext | None = None

    def context(self, migrate: bool | None = None) -> AppContext:
        """The open database, with the acting user signed in once it has users."""
        from returnsdesk.services.setup import open_database

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
        from returnsdesk.services import users

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

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.close()
            self._ctx = None

    def tr(self, text: str, **params: object) -> str:
        return translate(text, self.settings.lang, **params)


Handler = Callable[[Runner, argparse.Namespace], int]


def _common(top: bool) -> argparse.ArgumentParser:
    """The options every command takes, before or after its name.

    The subcommands' copy has no defaults, so an option given before the subcommand
    (``returnsdesk --home X report …``) is not overwritten by the subcommand's default.
    """
    common = argparse.ArgumentParser(
        add_help=False, argument_default=None if top else argparse.SUPPRESS
    )
    common.add_argument("--db", help="SQLAlchemy URL (overrides RETURNSDESK_DB)")
    common.add_argument("--home", help="data folder (overrides RETURNSDESK_HOME)")
    common.add_argument("--lang", choices=["zh_CN", "en"], help="language (RETURNSDESK_LANG)")
    common.add_argument("--station", help="this station's name")
    common.add_argument("--user", help="who is working")
    common.add_argument("--json", action="store_true", help="machine-readable output")
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="returnsdesk", description="退货拆包台 ReturnsDesk", parents=[_common(top=True)]
    )
    common = _common(top=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in MODULES:
        module = importlib.import_module(f"returnsdesk.commands.{name}")
        module.register(sub, common)
    return parser


def _check_outputs(args: argparse.Namespace) -> None:
    """``--out FILE`` and ``--to DIR`` of any command must be writable before work starts."""
    from pathlib import Path

    from returnsdesk.outputs import check_writable

    if getattr(args, "out", None):
        check_writable(Path(args.out))
    if getattr(args, "to", None):
        check_writable(Path(args.to), folder=True)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        args = parser.parse_args([*args_list, "gui"])
    try:
        settings = Settings.resolve(
            home=args.home, db=args.db, lang=args.lang, station=args.station, user=args.user
        )
    except UserError as exc:  # a home shop.toml with a typo: one line, no traceback
        print(exc.text(args.lang or os.environ.get("RETURNSDESK_LANG") or "zh_CN"), file=sys.stderr)
        return 1
    runner = Runner(settings)
    handler: Handler = args.func
    try:
        _check_outputs(args)
        return handler(runner, args)
    except UserError as exc:
        print(exc.text(settings.lang), file=sys.stderr)
        return 1
    except OSError as exc:  # a file that could not be written after all (disk full …)
        print(from_os_error(exc).text(settings.lang), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        runner.close()


if __name__ == "__main__":
    sys.exit(main())
