"""The reshipment slip (换货单 / 补发单): receiver, items to send, and the slip's Code 128."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from returnsdesk.domain.codes import parcel_code, reship_code
from returnsdesk.domain.kinds import action_name
from returnsdesk.domain.phone import phone_for
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.printing.barcodes import barcode_width, draw_code128, fit_module
from returnsdesk.printing.data import ReshipSlipData
from returnsdesk.printing.layout import fit_size, wrap


def _item_cells(it: ItemSpec) -> tuple[str, str, str, str]:
    model = f"{it.model} {it.spec}".strip() if it.spec else it.model
    return model, it.color, it.size, str(it.qty)


def draw_reship(c: Canvas, d: ReshipSlipData, w: float, h: float, font: str) -> None:
    """One slip on the current page; the layout scales from 100x150 mm up to A5."""
    k = w / (100 * mm)  # 1 on the label size, ~1.48 on A5
    m = 5 * mm
    x, iw = m, w - 2 * m
    y = h - m
    title = action_name(d.kind) + "单"  # 换货单 / 补发单
    box = 16 * mm * k
    c.rect(x + iw - box, y - box, box, box, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.setFont(font, box * 0.75)
    c.drawCentredString(x + iw - box / 2, y - box * 0.8, d.kind)
    c.setFillColorRGB(0, 0, 0)
    c.setFont(font, 20 * k)
    c.drawString(x, y - 20 * k, title)
    c.setFont(font, 8 * k)
    c.drawString(x, y - box + 1, f"{d.date}  {d.warehouse}  {d.courier}".strip())
    y -= box + 3 * mm
    c.setLineWidth(0.8)
    c.line(x, y, x + iw, y)
    cap_w = 14 * mm * k
    src = parcel_code(d.source_parcel_id) if d.source_parcel_id else ""
    if d.source_slip_no is not None:
        src = f"{src} (纸条 {d.source_slip_no})".strip()
    rows: list[tuple[str, str, float, int]] = [
        ("收件人", d.receiver, 14, 1),
        ("电话", phone_for(d.phone, full=True), 13, 1),  # copied onto the waybill
        ("地址", d.address, 11, 3),
        ("买家", d.buyer_id, 11, 1),
        ("订单", d.order_no, 10, 1),
        ("原包裹", src, 10, 1),
    ]
    for caption, value, size, max_lines in rows:
        if not value:
            continue
        s = size * k
        if max_lines == 1:
            s = fit_size(value, font, s, iw - cap_w)
        lines = wrap(value, font, s, iw - cap_w, max_lines)
        y -= s * 1.2
        c.setFont(font, 8 * k)
        c.drawString(x, y, caption)
        c.setFont(font, s)
        for i, line in enumerate(lines):
            if i:
                y -= s * 1.2
            c.drawString(x + cap_w, y, line)
    y -= 4 * mm
    y = _items_table(c, d, x, y, iw, font, k)
    if d.note:
        c.setFont(font, 9 * k)
        for line in wrap("备注: " + d.note, font, 9 * k, iw, 2):
            y -= 11 * k
            c.drawString(x, y, line)
    code = reship_code(d.slip_id)
    module = fit_module(code, iw)
    bw = barcode_width(code, module)
    draw_code128(c, code, x + (iw - bw) / 2, m, 14 * mm * k, module, font, 9 * k)


def _items_table(
    c: Canvas, d: ReshipSlipData, x: float, y: float, iw: float, font: str, k: float
) -> float:
    cols = (0.46, 0.22, 0.18, 0.14)
    heads = ("款号/规格", "颜色", "尺码", "数量")
    s = 10 * k
    row_h = s * 1.6
    c.setLineWidth(0.5)
    c.line(x, y, x + iw, y)
    rows = [heads, *(_item_cells(it) for it in d.items)]
    for r, cells in enumerate(rows):
        cx = x
        c.setFont(font, 8 * k if r == 0 else s)
        for frac, cell in zip(cols, cells, strict=True):
            cs = fit_size(cell, font, 8 * k if r == 0 else s, iw * frac - 3)
            c.setFont(font, cs)
            c.drawString(cx + 1.5, y - row_h + s * 0.45, cell)
            cx += iw * frac
        y -= row_h
        c.line(x, y, x + iw, y)
    return y
