"""The build's entry script: the same as ``python -m returnsdesk``."""

from returnsdesk.__main__ import run

run()
