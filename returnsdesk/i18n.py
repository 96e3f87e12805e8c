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


class Message:
    """A catalogue key (the Chinese text, with ``{name}`` fields) and its parameters.

    Fixed text inside another message is one of these, so it is translated with its own
    parameters; a plain string parameter is data and is never looked up.
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params

    def text(self, lang: str = "zh_CN") -> str:
        return translate(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.params!r})"


def translate(text: str, lang: str = "zh_CN", /, **params: Any) -> str:
    """``text`` (Chinese, with ``{name}`` fields) in ``lang``, fields filled.

    A ``Message`` parameter is translated too; every other parameter is data and stays as it
    is, even when it happens to equal a catalogue key.
    """
    template = _catalogue(lang).get(text, text)
    if not params:
        return template
    values = {k: v.text(lang) if isinstance(v, Message) else v for k, v in params.items()}
    return template.format(**values)
