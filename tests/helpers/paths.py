"""Where the repository and the shop's sample exports are, from any test folder."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
DATA = TESTS / "data"  # the shop's sample exports
