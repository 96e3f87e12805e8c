"""The real servers the suite talks to (started by `make test`)."""

from __future__ import annotations

import os

import pytest

REQUIRE = os.environ.get("RETURNSDESK_REQUIRE_SERVICES") == "1"


def need_service(name: str, available: bool) -> None:
    """Skip when a server is missing on a developer's machine; fail under `make test`."""
    if available:
        return
    if REQUIRE:
        pytest.fail(f"{name} is not running: `make test` starts it (scripts/test-services.sh)")
    pytest.skip(f"{name} not available; run the suite with `make test`")
