"""Each document rendered and checked the way a printer and a scanner would see it.

poppler: fonts embedded, Chinese text extractable, page size; rasterised at 203 dpi (a thermal
label printer) and every barcode decoded back with zxing-cpp to its exact value.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from returnsdesk.domain import barcode_commands
from returnsdesk.domain.codes import parcel_code, parse_parcel_code, parse_reship_code, reship_code
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.errors import FontMissing
from returnsdesk.printing import fonts
from returnsdesk.printing.barcodes import MIN_MODULE_MM, draw_code128, fit_module, module_mm
from returnsdesk.printing.data import (
    DaySheetData,
    DaySheetLine,
    LabelData,
    NoInfoLine,
    ReshipSlipData,
    UnregisteredLine,
)
from returnsdesk.printing.layout import fit_size, wrap
from returnsdesk.printing.render import (
    render,
    render_commands,
    render_day_sheet,
    render_label,
    render_labels,
    render_reship,
)
from returnsdesk.services.printing.documents import command_sheet_data

MM = 72 / 25.4

LABEL = LabelData(
    parcel_id=1234,
    slip_no=17,
    buyer_id="tb_xiaomei",
    items_text="5815深紫W7*1",
    reasons="尺码偏小",
    condition="完好",
    bin_name="良品",
    date="2026-11-22",
    station="bench-1",
    return_string="tb_xiaomei 5815深紫W7*1 尺码偏小 完好",
    phone="13812345678",
)
SLIP = ReshipSlipData(
    slip_id=12,
    kind="换",
    receiver="王小美",
    phone="13912345678",
    address="浙江省杭州市西湖区文三路100号3幢2单元501室",
    items=(
        ItemSpec("5815", color="灰色", size="W6", qty=1),
        ItemSpec("遮阳挡", spec="2019款凯美瑞", qty=2),
    ),
    buyer_id="tb_xiaomei",
    source_parcel_id=1234,
    source_slip_no=17,
    order_no="T2026112200001",
    courier="圆通",
    warehouse="503号仓库",
    note="换5815灰色W6*1",
    date="2026-11-22",
)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_fonts(path: Path) -> list[tuple[str, str]]:
    """(font name, emb column) for every font the PDF uses."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = []
    for line in out.stdout.splitlines()[2:]:
        parts = line.split()
        # name type [type2] encoding emb sub uni id gen: emb is the 5th column from the end
        rows.append((parts[0], parts[-5]))
    return rows


def page_sizes_mm(path: Path) -> list[tuple[int, int]]:
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)
    return [(round(float(w) / MM), round(float(h) / MM)) for w, h in sizes]


def decode_pages(path: Path, dpi: int = 203) -> list[list[str]]:
    """The barcodes zxing-cpp reads on each page rasterised at ``dpi``."""
    out = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", str(path), str(path.with_suffix(""))],
        capture_output=True,
        check=True,
    )
    assert out.returncode == 0
    pages = sorted(
        path.parent.glob(path.stem + "-*.pgm"), key=lambda p: int(p.stem.rsplit("-")[-1])
    )
    result = []
    for page in pages:
        found = zxingcpp.read_barcodes(Image.open(page), formats=zxingcpp.BarcodeFormat.Code128)
        result.append(sorted(b.text for b in found))
    return result


def write(tmp_path: Path, name: str, pdf: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def assert_fonts_embedded(path: Path) -> None:
    used = pdf_fonts(path)
    assert used, "no font in the PDF"
    assert all(emb == "yes" for _, emb in used), used


@pytest.mark.parametrize(("size", "mm"), [("100x150", (100, 150)), ("60x40", (60, 40))])
def test_label_has_font_text_size_and_barcode(tmp_path: Path, size: str, mm: tuple) -> None:
    path = write(tmp_path, "label.pdf", render_label(LABEL, size))
    assert_fonts_embedded(path)
    assert page_sizes_mm(path) == [mm]
    text = pdf_text(path)
    for expected in ("17", "良品", "tb_xiaomei", "5815深紫W7*1", "尺码偏小", "完好", "138****5678"):
        assert expected in text
    assert "13812345678" not in text
    assert decode_pages(path) == [["P00001234"]]


def test_large_label_shows_station_date_and_return_string(tmp_path: Path) -> None:
    text = pdf_text(write(tmp_path, "l.pdf", render_label(LABEL)))
    assert "bench-1" in text
    assert "2026-11-22" in text
    assert "纸条编号" in text
    assert "tb_xiaomei 5815深紫W7*1 尺码偏小 完好" in text


def test_label_without_slip_or_phone_still_renders(tmp_path: Path) -> None:
    d = LabelData(7, None, "无信息件", "黑色鞋一双", "", "", "待查", "2026-11-22", "bench-2")
    path = write(tmp_path, "l.pdf", render_label(d, "60x40"))
    assert "待查" in pdf_text(path)
    assert decode_pages(path) == [[parcel_code(7)]]


@pytest.mark.parametrize(("size", "mm"), [("100x150", (100, 150)), ("A5", (148, 210))])
def test_reship_slip(tmp_path: Path, size: str, mm: tuple) -> None:
    path = write(tmp_path, "slip.pdf", render_reship([SLIP], size))
    assert_fonts_embedded(path)
    assert page_sizes_mm(path) == [mm]
    text = pdf_text(path)
    for expected in (
        "换货单",
        "王小美",
        "13912345678",  # whole: the warehouse copies it onto the waybill
        "文三路100号",
        "5815",
        "灰色",
        "W6",
        "遮阳挡 2019款凯美瑞",
        "tb_xiaomei",
        "P00001234",
        "纸条 17",
        "503号仓库",
    ):
        assert expected in text, expected
    assert decode_pages(path) == [["RS00000012"]]


def test_reissue_slip_title(tmp_path: Path) -> None:
    slip = ReshipSlipData(
        3, "补", "李四", "", "北京市", (ItemSpec("5815", color="栗色", size="W5"),)
    )
    assert "补发单" in pdf_text(write(tmp_path, "s.pdf", render_reship([slip])))


def test_day_sheet_paginates_with_headers_and_numbers(tmp_path: Path) -> None:
    lines = tuple(
        DaySheetLine(i, f"11-22 ID:buyer{i} 收到5815深紫W7*1 尺码偏小 完好 退", "bench-1", "clerk")
        for i in range(1, 121)
    )
    d = DaySheetData(
        date="2026-11-22",
        lines=lines,
        no_info=(NoInfoLine(121, "圆通", "YT1234567890", "北京", "张三", "13700001111", "鞋"),),
        money=(("现金", "5.00"), ("邮费", "20.00")),
        money_total="25.00",
        unregistered=(UnregisteredLine("YT999", "圆通", "已签收未登记", "2026-11-22 16:30"),),
        outcomes=(("空包", 1), ("少件", 2)),
    )
    path = write(tmp_path, "day.pdf", render_day_sheet(d))
    assert_fonts_embedded(path)
    sizes = page_sizes_mm(path)
    assert len(sizes) >= 3
    assert set(sizes) == {(210, 297)}
    text = pdf_text(path)
    pages = text.split("\f")
    n = len(sizes)
    for i, page in enumerate(pages[:n], start=1):
        assert "售后登记日报 2026-11-22" in page
        assert f"第{i}/{n}页" in re.sub(r"\s", "", page)
    for i in (1, 60, 120):
        assert f"ID:buyer{i} " in text
    assert "无信息件" in text
    assert "YT1234567890" in text
    assert "137****1111" in text
    assert "合计" in text
    assert "25.00" in text
    assert "未登记包裹" in text
    assert "YT999" in text
    assert "包裹结果: 空包 1 个, 少件 2 个" in text


def test_command_sheet_barcodes_decode_to_bench_commands(tmp_path: Path, shop) -> None:  # type: ignore[no-untyped-def]
    data = command_sheet_data(shop)
    path = write(tmp_path, "cmd.pdf", render_commands(data))
    assert_fonts_embedded(path)
    assert set(page_sizes_mm(path)) == {(210, 297)}
    text = pdf_text(path)
    for label in (
        "登记",
        "取消",
        "重打标签",
        "尺码偏小",
        "完好",
        "拒收 (F2)",
        "外包装破损 (F11)",
        "空包 (Ctrl+1)",
        "拍照 (当前商品) (Ctrl+P)",
    ):
        assert label in text
    decoded = sorted(v for page in decode_pages(path) for v in page)
    expected = sorted(
        [*barcode_commands.FIXED]
        + [barcode_commands.reason_code(r.key) for r in shop.reasons]
        + [barcode_commands.condition_code(c.key) for c in shop.conditions]
        + [barcode_commands.line_code(n) for n in range(1, 7)]
        + [barcode_commands.bin_code(b) for b in shop.bins]
        + [barcode_commands.outcome_code(o) for o in barcode_commands.OUTCOME_KEYS]
    )
    assert decoded == expected
    # and the bench reads each of them back as the command it stands for
    parsed = {barcode_commands.parse(v) for v in decoded}
    assert barcode_commands.Command("REASON", shop.reasons[0].key) in parsed
    assert None not in parsed


def test_render_many_labels_one_page_each(tmp_path: Path) -> None:
    labels = [LabelData(i, i, f"b{i}", "x", "", "", "良品", "2026-11-22", "s") for i in range(1, 6)]
    path = write(tmp_path, "many.pdf", render_labels(labels))
    assert decode_pages(path) == [[parcel_code(i)] for i in range(1, 6)]


def test_render_by_kind_refuses_mismatched_data() -> None:
    assert render("label", LABEL).startswith(b"%PDF")
    with pytest.raises(ValueError, match="cannot render LabelData as 'reship'"):
        render("reship", LABEL)


def test_module_width_never_below_minimum() -> None:
    assert module_mm(1) >= MIN_MODULE_MM
    assert module_mm(2) >= MIN_MODULE_MM
    assert fit_module("P00001234", 10) == module_mm(2)  # far too narrow: still the minimum
    from reportlab.pdfgen.canvas import Canvas

    with pytest.raises(ValueError, match="below"):
        draw_code128(Canvas(io.BytesIO()), "X", 0, 0, 10, 0.2, "Helvetica")


def test_codes_round_trip() -> None:
    assert parcel_code(1234) == "P00001234"
    assert parse_parcel_code("p00001234\n") == 1234
    assert parse_parcel_code("P1234") is None
    assert parse_parcel_code("YT1234567890") is None
    assert reship_code(12) == "RS00000012"
    assert parse_reship_code("RS00000012") == 12
    assert parse_reship_code("P00000012") is None


def test_wrap_and_fit() -> None:
    font = fonts.find_font()
    lines = wrap("浙江省杭州市西湖区文三路100号3幢2单元501室", font, 10, 60)
    assert len(lines) > 1
    assert "".join(lines) == "浙江省杭州市西湖区文三路100号3幢2单元501室"
    cut = wrap("一二三四五六七八九十" * 5, font, 10, 50, max_lines=2)
    assert len(cut) == 2
    assert cut[-1].endswith("…")
    assert fit_size("短", font, 20, 500) == 20
    assert fit_size("很长很长很长很长的文字", font, 20, 50) < 20


def test_font_search_uses_configured_path_first(tmp_path: Path) -> None:
    found = fonts.find_font()  # this machine has wqy-microhei
    configured = next(p for p in fonts.CANDIDATES if Path(p).is_file())
    assert fonts.find_font(configured) == found


def test_font_missing_names_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(fonts, "CANDIDATES", (str(tmp_path / "nothing.ttc"),))
    fonts._find.cache_clear()
    not_a_font = tmp_path / "bad.ttf"
    not_a_font.write_bytes(b"not a font")
    try:
        with pytest.raises(FontMissing) as err:
            fonts.find_font(not_a_font)
        assert "fonts-wqy-microhei" in err.value.text()
        with pytest.raises(FontMissing):
            render_label(LABEL, font=str(not_a_font))
    finally:
        fonts._find.cache_clear()


def test_font_without_chinese_glyphs_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not Path(dejavu).is_file():
        pytest.skip("DejaVuSans not installed")
    monkeypatch.setattr(fonts, "CANDIDATES", (dejavu,))
    fonts._find.cache_clear()
    try:
        with pytest.raises(FontMissing):
            fonts.find_font()
    finally:
        fonts._find.cache_clear()


def test_png_of_label_is_black_on_white(tmp_path: Path) -> None:
    """The inverted bin box is really black (a thermal printer has no grey)."""
    path = write(tmp_path, "l.pdf", render_label(LABEL))
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(tmp_path / "p")], check=True)
    img = Image.open(tmp_path / "p-1.png").convert("L")
    w, h = img.size
    box = img.crop((int(w * 0.56), int(h * 0.04), int(w * 0.94), int(h * 0.24)))
    dark = sum(box.histogram()[:60]) / (box.width * box.height)
    assert dark > 0.6  # the bin box, white glyphs on black
    assert img.getpixel((int(w * 0.5), int(h * 0.6))) > 220  # white body
