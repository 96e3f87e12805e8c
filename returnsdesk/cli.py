"""The ``returnsdesk`` command: the GUI by default, subcommands for everything else.

Exit codes: 0 success, 1 a user error (one line on stderr in the user's language), 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from returnsdesk.commands import (
    backup,
    db,
    demo,
    evidence,
    gui,
    importing,
    lookup,
    money,
    printing,
    refund,
    register,
    report,
    reship,
    user,
)
from returnsdesk.commands.runner import Handler, Runner
from returnsdesk.config import Settings
from returnsdesk.errors import UserError
from returnsdesk.outputs import from_os_error

# the order of ``returnsdesk --help``
COMMANDS = (gui, demo, lookup, register, importing, printing, report, reship, refund, evidence,
            backup, db, user, money)  # fmt: skip


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
    for command in COMMANDS:
        command.register(sub, common)
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


def gui_entry() -> int:
    """``returnsdesk-gui``, the ``gui-scripts`` entry of ``pip install``: the bench without a
    console window on Windows. Output has nowhere to go there, so it is dropped, not fatal."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
