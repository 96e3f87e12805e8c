"""What the one-folder build carries, read from pyproject.toml so that the build and
``pip install .`` ship the same files. Used by returnsdesk.spec; tested without PyInstaller.
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Sequence
from pathlib import Path

# Modules the app never imports but that hooks or optional imports would pull in.
EXCLUDES = [
    "tkinter",
    "_tkinter",
    "pytest",
    "pytestqt",
    "zxingcpp",
    "IPython",
    "matplotlib",
    "numpy",
    "mypy",
    "setuptools",
    "pip",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebChannel",
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtMultimedia",
    "PySide6.Qt3DCore",
    "PySide6.QtCharts",
    "PySide6.QtDesigner",
    "PySide6.QtTest",
]

# Qt's on-screen keyboard input plugin, and the QML runtime it alone drags in (~30 MB).
# Input methods (ibus, fcitx, compose) and every platform plugin stay.
UNWANTED_LIBRARIES = (
    "libqtvirtualkeyboardplugin",
    "libQt6VirtualKeyboard",
    "libQt6Qml",
    "libQt6Quick",
    "qtvirtualkeyboardplugin",
    "Qt6VirtualKeyboard",
    "Qt6Qml",
    "Qt6Quick",
)


def wanted(dest: str) -> bool:
    """Whether a binary of the analysis (its path in the bundle) goes into the folder."""
    return not Path(dest).name.startswith(UNWANTED_LIBRARIES)


# A CJK TrueType font the build may ship, with its licence: 文泉驿微米黑 (Apache 2.0 or GPLv3 with
# the font exception), where the build machine has it (Debian: fonts-wqy-microhei). Windows
# builds ship none: 微软雅黑 and 宋体 come with Windows and may not be redistributed.
SHIPPABLE_FONTS = (
    (
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/doc/fonts-wqy-microhei/copyright",
    ),
)


def stage_fonts(stage: Path, candidates: Sequence[tuple[str, str]] = SHIPPABLE_FONTS) -> list[str]:
    """Copy the first shippable font found, and its licence, to the staged resources/fonts."""
    for font, licence in candidates:
        if Path(font).is_file() and Path(licence).is_file():
            folder = stage / "returnsdesk" / "resources" / "fonts"
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(font, folder / Path(font).name)
            shutil.copyfile(licence, folder / f"{Path(font).stem}-LICENSE.txt")
            return sorted(str(p) for p in folder.iterdir())
    return []


def _setuptools(root: Path) -> dict[str, object]:
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    return dict(config["tool"]["setuptools"])


def package_dirs(root: Path) -> dict[str, Path]:
    """``returnsdesk.ui`` → ``ui/``: where each mapped package's source sits in the checkout."""
    mapping = _setuptools(root)["package-dir"]
    assert isinstance(mapping, dict)
    return {name: root / path for name, path in mapping.items()}


def stage_sources(root: Path, dest: Path) -> Path:
    """Copy the sources into the installed layout (``ui/`` as ``returnsdesk/ui`` …).

    PyInstaller looks modules up on ``sys.path`` only; an editable install maps
    ``returnsdesk.ui`` to ``ui/`` through an import hook it does not see.
    """
    if dest.exists():
        shutil.rmtree(dest)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name, src in sorted(package_dirs(root).items(), key=lambda kv: kv[0].count(".")):
        target = dest.joinpath(*name.split("."))
        shutil.copytree(src, target, ignore=ignore, dirs_exist_ok=True)
    return dest


def modules(stage: Path) -> list[str]:
    """Every module of the staged package: windows and renderers are imported when first used
    and the migrations are read from disk, so the build's import analysis alone would miss
    some."""
    out = []
    for path in sorted((stage / "returnsdesk").rglob("*.py")):
        parts = path.relative_to(stage).with_suffix("").parts
        out.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


def app_data(root: Path, stage: Path) -> list[tuple[str, str]]:
    """``(file, folder in the bundle)`` for every package-data pattern of pyproject.toml."""
    patterns = _setuptools(root)["package-data"]
    assert isinstance(patterns, dict)
    out: list[tuple[str, str]] = []
    for package, globs in patterns.items():
        base = stage.joinpath(*package.split("."))
        for pattern in globs:
            for path in sorted(base.glob(pattern)):
                if path.is_file():
                    out.append((str(path), path.parent.relative_to(stage).as_posix()))
    return out
