"""The text burned into every frame: tracking number, date and time to the second, station
and clerk, so a frame grabbed from a clip still says what it is.

Drawn with Pillow in a Chinese-capable font (the PDFs' font search), once per second of
text, converted to YUV 4:2:0 once, then copied row by row into each frame's planes: the
per-frame cost is a few hundred small copies, not a colour conversion of the picture.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import av
from PIL import Image, ImageDraw, ImageFont

from returnsdesk.printing.fonts import CANDIDATES
from returnsdesk.resources import bundled_fonts

MARGIN = 8  # pixels from the picture's top left (even: the chroma planes are halved)


@dataclass(frozen=True)
class Caption:
    """What a clip's frames say, besides the time."""

    tracking: str
    station: str
    clerk: str

    def lines(self, when: dt.datetime) -> tuple[str, str]:
        stamp = when.strftime("%Y-%m-%d %H:%M:%S")
        return self.tracking, f"{stamp}  {self.station}  {self.clerk}"


@cache
def font_path(configured: str = "") -> str:
    """A font file with Chinese glyphs: the configured one, the system's, the shipped one."""
    for p in (configured, *CANDIDATES, *bundled_fonts()):
        if p and Path(p).is_file():
            return p
    return ""


@cache
def _font(size: int, configured: str = "") -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = font_path(configured)
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def render(lines: tuple[str, ...], height: int, configured_font: str = "") -> Image.Image:
    """The caption box as an RGB image (white on black), its sides even, for a picture
    ``height`` pixels high."""
    size = max(10, height // 26)
    font = _font(size, configured_font)
    pad = max(2, size // 4)
    widths = [int(font.getlength(t)) for t in lines]
    w = max(widths) + 2 * pad
    h = len(lines) * (size + pad) + pad
    img = Image.new("RGB", (w + w % 2, h + h % 2), (0, 0, 0))
    draw = ImageDraw.Draw(img)
    for i, text in enumerate(lines):
        draw.text((pad, pad + i * (size + pad)), text, font=font, fill=(255, 255, 255))
    return img


class Burner:
    """Burns a caption into yuv420p frames; the box is redrawn only when its text changes."""

    def __init__(self, caption: Caption, height: int, configured_font: str = "") -> None:
        self.caption = caption
        self.height = height
        self.font = configured_font
        self._text: tuple[str, ...] = ()
        self._planes: list[tuple[bytes, int, int]] = []  # (data, line size, rows) per plane

    def _prepare(self, lines: tuple[str, ...]) -> None:
        img = render(lines, self.height, self.font)
        box = av.VideoFrame.from_image(img).reformat(format="yuv420p")  # type: ignore[no-untyped-call]
        self._planes = [(bytes(p), p.line_size, p.height) for p in box.planes]
        self._box = (img.width, img.height)
        self._text = lines

    def burn(self, frame: av.VideoFrame, when: dt.datetime) -> None:
        """Write the caption into ``frame`` (yuv420p, changed in place)."""
        lines = self.caption.lines(when)
        if lines != self._text:
            self._prepare(lines)
        bw, _bh = self._box
        for index, (data, src_stride, rows) in enumerate(self._planes):
            plane = frame.planes[index]
            shift = 0 if index == 0 else 1
            x0, y0 = MARGIN >> shift, MARGIN >> shift
            width = min(bw >> shift, plane.width - x0)
            rows = min(rows, plane.height - y0)
            if width <= 0 or rows <= 0:
                continue
            dst = memoryview(plane)
            stride = plane.line_size
            for r in range(rows):
                d = (y0 + r) * stride + x0
                s = r * src_stride
                dst[d : d + width] = data[s : s + width]
