"""Data files the app reads at run time (shop.toml, import presets, translations …)."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

FONT_SUFFIXES = (".ttf", ".ttc")


def bundled_fonts(folder: Traversable | None = None) -> list[str]:
    """Font files shipped inside the app (``fonts/``; the Linux build carries 文泉驿微米黑).

    A source checkout has none: the system's fonts are used.
    """
    folder = folder or resources.files(__name__) / "fonts"
    if not folder.is_dir():
        return []
    return sorted(str(p) for p in folder.iterdir() if p.name.lower().endswith(FONT_SUFFIXES))
