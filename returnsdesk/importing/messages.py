"""File-level import errors as catalogue templates, so they read in the user's language."""

from __future__ import annotations

from typing import Any

from returnsdesk.errors import ImportFileError

PREFIX = "无法导入文件: "


def file_error(template: str, **params: Any) -> ImportFileError:
    """``ImportFileError`` whose whole text ("无法导入文件: " + template) is one catalogue entry."""
    return ImportFileError(PREFIX + template, **params)
