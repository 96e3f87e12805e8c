"""Reading an item the clerk typed: ``5815深紫W7``, ``5815 深紫 W7``, ``遮阳挡2019款凯美瑞(新款)``,
or, for an exchange target, just what changes (``W6``, ``灰色W6``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from returnsdesk.domain.strings import ItemSpec

_SHOE = re.compile(
    r"^(?P<model>\d[0-9A-Za-z\-]*?)?\s*(?P<color>[^\sWMwm0-9][^\s]*?)?\s*"
    r"(?P<size>[WMwm]\d{1,2}(\.5)?)?$"
)
_QTY = re.compile(r"^(?P<body>.+?)\s*[*xX×](?P<qty>\d{1,3})$")


def parse_item(
    text: str, categories: Iterable[str], base: ItemSpec | None = None
) -> ItemSpec | None:
    """An item spec from typed text; ``base`` fills what the text leaves out (exchange targets).

    Returns None when the text cannot be read as an item.
    """
    t = text.strip()
    if not t:
        return None
    qty = 1
    m = _QTY.match(t)
    if m:
        t, qty = m.group("body").strip(), int(m.group("qty"))
    for cat in sorted(categories, key=len, reverse=True):
        if cat not in ("default", "鞋") and t.startswith(cat):
            return ItemSpec("", cat, spec=t[len(cat) :].strip(), qty=qty)
    m = _SHOE.match(t)
    if not m or not any(m.group(g) for g in ("model", "color", "size")):
        return None
    model, color, size = (
        m.group("model") or "",
        m.group("color") or "",
        (m.group("size") or "").upper(),
    )
    if base is not None:
        model, color, size = model or base.model, color or base.color, size or base.size
        return ItemSpec(
            model, base.category or "鞋", color, size, base.spec if not size else "", qty
        )
    if not model:
        return None
    return ItemSpec(model, "鞋" if (color or size) else "", color, size, "", qty)
