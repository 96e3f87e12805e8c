"""Translations of the text the core makes (errors, CLI output).

Chinese is the source language: a message is written in Chinese in the code and looked up in
``resources/messages_en.json`` when the user's language is English. Qt code uses ``self.tr()``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("zh_CN", "en")


@cache
def _catalogue(lang: str) -> dict[str, str]:
    if lang == "zh_CN":
        return {}
    path = resources.files("returnsdesk.resources") / f"messages_{lang}.json"
    if not path.is_file():
        return {}
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data


def translate(text: str, lang: str = "zh_CN", **params: Any) -> str:
    """``text`` (Chinese, with ``{name}`` fields) in ``lang``, fields filled."""
    template = _catalogue(lang).get(text, text)
    return template.format(**params) if params else template
