"""One rule for text that people or files fill in: no control or invisible characters.

A NUL ends a PostgreSQL statement and is dropped by SQLite; a line break splits a register
line in two (``12-3 ID:tb_x`` + a forged ``ID:tb_other``); bidi overrides, zero-width
characters and a BOM make two different names look the same; a lone surrogate (undecodable
bytes on a command line) cannot be written out at all. So every field the bench, a
``register`` line, an import or a lookup takes is refused with its name when it holds one.
"""

from __future__ import annotations

import re

from returnsdesk.errors import InvalidInput

_REFUSED = re.compile(
    "["
    "\x00-\x1f\x7f"  # C0 (NUL, tab, line feed, carriage return, ESC …) and DEL
    "\x80-\x9f"  # C1 (NEL …)
    "\u00ad\u061c\u180e"  # soft hyphen, Arabic letter mark, Mongolian vowel separator
    "\u200b-\u200f"  # zero-width space, joiners, left-to-right and right-to-left marks
    "\u2028-\u202e"  # line and paragraph separators, bidi embeddings and overrides
    "\u2060-\u206f"  # word joiner, invisible operators, bidi isolates, deprecated formats
    "\ufeff"  # byte order mark, zero-width no-break space
    "\ufff9-\ufffb"  # interlinear annotations
    "\ud800-\udfff"  # lone surrogates: bytes that were not UTF-8
    "]"
)


def bad_character(value: str) -> str | None:
    """``'U+200B'`` for the first character the rule refuses; ``None`` for clean text."""
    m = _REFUSED.search(value)
    return None if m is None else f"U+{ord(m.group()):04X}"


def visible(value: str) -> str:
    """The text with each refused character written as ``\\u200b``: safe in a message."""
    return _REFUSED.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


def one_line(value: str) -> str:
    """The text with each refused character made a space: for strings built from stored
    values (older rows, other programs' rows), which must never hold a line break."""
    return _REFUSED.sub(" ", value)


def check_text(value: str, field: str) -> str:
    """``value`` when clean, else ``InvalidInput`` naming ``field`` and the character."""
    char = bad_character(value)
    if char is not None:
        raise InvalidInput(
            "{name} 含有控制字符或不可见字符 {char}: {value}",
            field=field,
            name=field,
            char=char,
            value=visible(value)[:60],
        )
    return value
