"""Imports point one way (docs/design.md): each layer uses only the layers below it.

Read from the source with ``ast``, imports inside functions included, because the packages
``ui`` and ``printing`` sit beside ``returnsdesk/`` and install into it (package-dir), which
import graph tools that walk one directory cannot follow.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = {"returnsdesk": ROOT / "returnsdesk", "ui": ROOT / "ui", "printing": ROOT / "printing"}

# lowest first; a module may import its own layer's package and any layer listed before it.
# Packages on one line are siblings and must not import each other. A dotted name places one
# module apart from its package: the enums are read by config's checks of shop.toml.
LAYERS: list[set[str]] = [
    {"__init__", "i18n", "resources"},
    {"errors"},
    {"domain.kinds"},
    {"config", "outputs"},
    {"domain"},
    {"printing"},  # documents from plain data: domain values in, PDF out
    {"db"},
    {"context"},
    {"services"},
    {"reports", "importing"},
    {"ui"},
    {"commands"},
    {"cli"},
    {"__main__"},
]
RANK = {name: i for i, names in enumerate(LAYERS) for name in names}


def _part(module: str) -> str:
    """``returnsdesk.services.cash`` -> ``services``; ``returnsdesk.domain.kinds`` ->
    ``domain.kinds`` (placed apart); ``returnsdesk.ui.app`` -> ``ui``."""
    parts = module.split(".")
    if len(parts) < 2:
        return parts[0]
    two = ".".join(parts[1:3])
    return two if two in RANK else parts[1]


def _modules() -> list[tuple[str, Path]]:
    """(layer, file) of every module."""
    out = []
    for top, folder in SOURCES.items():
        for path in sorted(folder.rglob("*.py")):
            rel = path.relative_to(folder).with_suffix("").parts
            if top == "returnsdesk" and rel[0] in ("ui", "printing"):
                continue
            inner = rel if top == "returnsdesk" else (top, *rel)
            out.append((_part(".".join(("returnsdesk", *inner))), path))
    return out


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "returnsdesk":  # from returnsdesk import errors
                found += [(node.lineno, f"returnsdesk.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


def test_every_package_has_a_layer() -> None:
    assert {part for part, _ in _modules()} - RANK.keys() == set()


def test_imports_point_down() -> None:
    bad = []
    for part, path in _modules():
        for line, module in _imports(path):
            if not module.startswith("returnsdesk."):
                continue
            target = _part(module)
            if target != part and RANK[target] >= RANK[part]:
                bad.append(f"{path.relative_to(ROOT)}:{line} {part} -> {module}")
    assert bad == [], "\n".join(bad)


def test_no_qt_outside_ui() -> None:
    bad = [
        f"{path.relative_to(ROOT)}:{line}"
        for part, path in _modules()
        if part != "ui"
        for line, module in _imports(path)
        if module.split(".")[0] in ("PySide6", "shiboken6")
    ]
    assert bad == []
