"""Every writing use case runs through ``services.common.tx.run`` (docs/design.md, rule 10).

A transaction opened by hand (``sessions.begin()``, ``session.begin()``, ``engine.begin()``,
``conn.begin()``) is not retried on a deadlock, a serialization failure or a busy SQLite, so
the station would see a raw driver error. Read from the source with ``ast``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers.paths import ROOT

# the one helper itself
ALLOWED = {Path("returnsdesk/services/common/tx.py")}
FOLDERS = ("returnsdesk/services", "returnsdesk/importing")


def _raw_begins(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "begin"
    ]


def test_no_transaction_is_opened_by_hand_in_services() -> None:
    found = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT)
            if rel in ALLOWED:
                continue
            found += [f"{rel}:{line}" for line in _raw_begins(path)]
    assert not found, "open the transaction with services.common.tx.run: " + ", ".join(found)


def test_the_check_sees_a_hand_opened_transaction(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f(sessions):\n    with sessions.begin() as s:\n        s.flush()\n")
    assert _raw_begins(bad) == [2]
