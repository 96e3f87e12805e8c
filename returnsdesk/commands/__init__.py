"""Subcommands of ``returnsdesk``: one module each, exposing ``register(subparsers)``.

A module's ``register`` adds its parser and sets ``func(ctx_factory, args) -> int`` as default;
see ``returnsdesk.cli`` for how they are run.
"""

# Order here is the order in ``returnsdesk --help``.
MODULES = (
    "gui",
    "demo",
    "lookup",
    "register",
    "importing",
    "printing",
    "report",
    "reship",
    "refund",
    "backup",
    "db",
    "user",
    "money",
)
