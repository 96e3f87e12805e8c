"""Finding and registering a Chinese TrueType font that ReportLab embeds in every PDF.

Order: the configured path, then the usual Windows, macOS and Linux CJK fonts, then a font
shipped with the app (``returnsdesk.resources.bundled_fonts``). A font that
ReportLab cannot embed (e.g. CFF-outline Noto CJK) is skipped; none left → ``FontMissing``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from returnsdesk.errors import FontMissing
from returnsdesk.resources import bundled_fonts

_WIN = os.environ.get("WINDIR", r"C:\Windows")
CANDIDATES: tuple[str, ...] = (
    # Windows
    f"{_WIN}/Fonts/msyh.ttc",
    f"{_WIN}/Fonts/msyh.ttf",
    f"{_WIN}/Fonts/simhei.ttf",
    f"{_WIN}/Fonts/simsun.ttc",
    f"{_WIN}/Fonts/Deng.ttf",
    # macOS
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    # Linux
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)


def suggestion() -> str:
    """What to install on this platform, named in the ``FontMissing`` message."""
    if sys.platform.startswith("win"):
        return "微软雅黑 (msyh.ttc) 或宋体 (simsun.ttc)"
    if sys.platform == "darwin":
        return "苹方 (PingFang.ttc) 或 Arial Unicode"
    return "fonts-wqy-microhei (apt-get install fonts-wqy-microhei)"


def _register(path: Path) -> str | None:
    name = "RD-" + path.stem
    try:
        pdfmetrics.getFont(name)
        return name
    except KeyError:
        pass
    try:
        font = TTFont(name, str(path), subfontIndex=0) if path.suffix.lower() == ".ttc" else None
        font = font or TTFont(name, str(path))
    except Exception:  # not a TrueType font ReportLab can embed: try the next one
        return None
    if not _has_cjk(font):
        return None
    pdfmetrics.registerFont(font)
    return name


def _has_cjk(font: TTFont) -> bool:
    widths = font.face.charWidths
    return all(ord(ch) in widths for ch in "退货标签")


def find_font(configured: str | Path | None = None, extra: Iterable[str] = ()) -> str:
    """The ReportLab name of a registered, embeddable CJK font; raises ``FontMissing``."""
    return _find(str(configured or ""), tuple(extra))


@cache
def _find(configured: str, extra: Sequence[str]) -> str:
    paths = [configured] if configured else []
    paths += [*extra, *CANDIDATES, *bundled_fonts()]
    for p in paths:
        path = Path(p).expanduser()
        if path.is_file():
            name = _register(path)
            if name:
                return name
    raise FontMissing(suggestion=suggestion())
