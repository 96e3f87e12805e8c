"""Subcommands of ``returnsdesk``: one module each, exposing ``register(subparsers, common)``,
which adds its parser with a ``func(runner, args) -> int`` default (``runner.Runner``).
``returnsdesk.cli`` lists them in the order of ``--help``."""
