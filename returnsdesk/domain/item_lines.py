"""Items of a reshipment slip as CS staff type them, one a line, and back to text.

Pure text handling, so the desk's form, the command line and the tests share it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from returnsdesk.domain.strings import ItemSpec

_QTY = re.compile(r"^[*xX×]?(\d{1,3})$")
_QTY_SUFFIX = re.compile(r"^(.+?)[*xX×](\d{1,3})$")


def parse_item_lines(text: str) -> list[ItemSpec]:
    """Items typed one a line: ``5815 灰色 W6 *1`` (款号 颜色 尺码 数量) or ``5815-灰色-W6 2``.

    A single word with dashes is a 商家编码; the quantity defaults to 1.
    """
    out: list[ItemSpec] = []
    for line in text.splitlines():
        words = line.replace(",", " ").replace("，", " ").split()
        if not words:
            continue
        qty = 1
        if len(words) > 1 and (m := _QTY.match(words[-1])):
            qty = int(m.group(1))
            words = words[:-1]
        elif m := _QTY_SUFFIX.match(words[-1]):
            qty = int(m.group(2))
            words = [*words[:-1], m.group(1)]
        if len(words) == 1 and "-" in words[0]:
            out.append(ItemSpec("", qty=qty, sku_code=words[0]))
            continue
        model, color, size, *spec = [*words, "", ""][: max(3, len(words))]
        out.append(ItemSpec(model, color=color, size=size, spec=" ".join(spec), qty=qty))
    return out


def item_lines(items: Sequence[ItemSpec]) -> str:
    """The items as ``parse_item_lines`` reads them back."""
    lines = []
    for i in items:
        words = [w for w in (i.model, i.color, i.size, i.spec) if w] or [i.sku_code]
        lines.append(" ".join([*words, f"*{i.qty}"]))
    return "\n".join(lines)
