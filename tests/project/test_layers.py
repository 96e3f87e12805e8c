"""Imports point one way (docs/design.md): each layer uses only the layers below it.

Read from the source with ``ast``, imports inside functions included, because the packages
``ui`` and ``printing`` sit beside ``returnsdesk/`` and install into it (package-dir), which
import graph tools that walk one directory cannot follow.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers.paths import ROOT

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
    {"evidence"},  # camera, clips and photos to files: no database
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
    """``returnsdesk.services.lead.cash`` -> ``services``; ``returnsdesk.domain.kinds`` ->
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


# Desks. In services/ a desk hands work on to the desks listed before it (the bench queues a
# reship slip and prints a label; the lead's follow-ups register a parcel) and never to one
# after it; every desk may use common/. In ui/ a desk imports only common/ and itself; the
# app's windows are opened through ui/common/windows.py, the one module that knows them all.
SERVICE_DESKS = ["common", "printing", "evidence", "reship", "bench", "lead", "refunds", "admin"]
UI_DESKS = ["bench", "lead", "reship", "printing", "importing", "evidence"]


def _desk_of(module: str, prefix: str) -> str | None:
    return module.removeprefix(prefix).split(".")[0] if module.startswith(prefix) else None


def test_service_desks_hand_work_one_way() -> None:
    prefix = "returnsdesk.services."
    folder = ROOT / "returnsdesk" / "services"
    assert {p.name for p in folder.iterdir() if (p / "__init__.py").exists()} == set(SERVICE_DESKS)
    bad = []
    for path in sorted(folder.rglob("*.py")):
        rel = path.relative_to(folder).parts
        if len(rel) < 2:
            continue
        own = SERVICE_DESKS.index(rel[0])
        for line, module in _imports(path):
            desk = _desk_of(module, prefix)
            if desk is not None and SERVICE_DESKS.index(desk) > own:
                bad.append(f"{path.relative_to(ROOT)}:{line} {rel[0]} -> {module}")
    assert bad == [], "\n".join(bad)


def test_ui_desks_never_import_each_other() -> None:
    prefix = "returnsdesk.ui."
    folder = ROOT / "ui"
    assert {p.name for p in folder.iterdir() if (p / "__init__.py").exists()} == {
        "common",
        *UI_DESKS,
    }
    bad = []
    for path in sorted(folder.rglob("*.py")):
        rel = path.relative_to(folder).parts
        if len(rel) < 2 or rel == ("common", "windows.py"):
            continue
        for line, module in _imports(path):
            desk = _desk_of(module, prefix)
            if desk is not None and desk not in ("common", rel[0]):
                bad.append(f"{path.relative_to(ROOT)}:{line} {rel[0]} -> {module}")
    assert bad == [], "\n".join(bad)
