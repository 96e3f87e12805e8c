"""JSON lines from a byte stream, each one a record or a one-line reason it is not.

Whatever bytes arrive, every non-blank line gives exactly one result and the stream goes on:
a line over ``MAX_LINE`` bytes, bytes that are not UTF-8, a lone surrogate escape
(``\\ud800``), nesting deeper than the format allows, or text that is not a JSON object is
answered with its line number and read past.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from returnsdesk.i18n import Message

MAX_LINE = 1 << 20  # bytes
#: the deepest a ``register`` line nests: line → items → item → exchange_to
MAX_DEPTH = 4
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Line:
    n: int
    record: dict[str, Any] | None
    error: Message | None = None


def read(stream: BinaryIO, max_depth: int = MAX_DEPTH) -> Iterator[Line]:
    n = 0
    while True:
        raw = stream.readline(MAX_LINE + 2)
        if not raw:
            return
        n += 1
        if len(raw.rstrip(b"\r\n")) > MAX_LINE:
            while raw and not raw.endswith(b"\n"):  # read past the rest of the line
                raw = stream.readline(MAX_LINE)
            yield Line(n, None, Message("第 {n} 行超过 {limit} 字节, 未读取", n=n, limit=MAX_LINE))
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Line(n, None, Message("第 {n} 行不是 UTF-8 文本 (第 {pos} 个字节)", n=n,
                                        pos=exc.start + 1))  # fmt: skip
            continue
        if n == 1:
            text = text.removeprefix("\ufeff")
        if not text.strip():  # a blank line is no record and gets no answer
            continue
        yield _parse(n, text, max_depth)


def _parse(n: int, text: str, max_depth: int) -> Line:
    try:
        record = json.loads(text, parse_float=_finite)
    except RecursionError:
        return Line(n, None, Message("第 {n} 行嵌套超过 {depth} 层", n=n, depth=max_depth))
    except ValueError:
        return Line(n, None, Message("第 {n} 行不是 JSON 对象", n=n))
    if not isinstance(record, dict):
        return Line(n, None, Message("第 {n} 行不是 JSON 对象", n=n))
    depth, bad = _walk(record)
    if depth > max_depth:
        return Line(n, None, Message("第 {n} 行嵌套超过 {depth} 层", n=n, depth=max_depth))
    if bad:
        return Line(n, None, Message("第 {n} 行含有无效的字符 (单独的代理码位)", n=n))
    return Line(n, record)


def _walk(value: Any) -> tuple[int, bool]:
    """How deep containers nest, and whether any text holds a lone surrogate (which no
    database column or output can store); iterative, so no depth can overflow the stack."""
    deepest, bad = 0, False
    todo: list[tuple[Any, int]] = [(value, 1)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            todo += [(k, depth) for k in item]
            todo += [(v, depth + 1) for v in item.values()]
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            todo += [(v, depth + 1) for v in item]
        elif isinstance(item, str) and not bad and not item.isascii():
            bad = _SURROGATE.search(item) is not None
    return deepest, bad


def _finite(text: str) -> float | str:
    """A JSON number too large for a float (``1e309``) stays text, so its field names it."""
    value = float(text)
    return value if math.isfinite(value) else text
