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
    """``text`` (Chinese, with ``{name}`` fields) in ``lang``, fields filled.

    A text field that is itself a catalogue entry is translated too, so a fixed detail such as
    ``InvalidInput(detail="请选择款项类型")`` reads in one language; data stays as it is.
    """
    catalogue = _catalogue(lang)
    template = catalogue.get(text, text)
    if not params:
        return template
    if catalogue:
        params = {k: catalogue.get(v, v) if isinstance(v, str) else v for k, v in params.items()}
    return template.format(**params)
