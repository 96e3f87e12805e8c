"""Bad files and paths: one line in the user's language, nothing written, never a traceback.
Rows with damaged identifiers are rejected; the rejected-rows report is safe to open."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from returnsdesk.cli import main
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import ImportRun, Order, Refund, Shipment, Sku
from returnsdesk.errors import ImportFileError
from returnsdesk.importing import source
from returnsdesk.importing.service import ImportResult, preview, run_import

HEADER = "订单编号,买家会员名,收货地址,联系手机,物流单号,物流公司\r\n"


def _rows(n: int, start: int = 0) -> str:
    return "".join(
        f"31569000623927{i:05d},buyer{i},浙江省 杭州市 西湖区,13166131860,YT75291703{i:05d},圆通\r\n"
        for i in range(start + 1, start + n + 1)
    )


def _import(sessions: SessionFactory, kind: str, path: Path, **kw: object) -> ImportResult:
    return run_import(sessions, kind, path, home=path.parent, user="lead", station="office", **kw)  # type: ignore[arg-type]


def _count(sessions: SessionFactory, model: type) -> int:
    with sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _refused(sessions: SessionFactory, kind: str, path: Path, match: str, **kw: object) -> None:
    """Refused with one line by the preview and by the import, and nothing written."""
    with pytest.raises(ImportFileError, match=match) as preview_error:
        preview(kind, path)
    with pytest.raises(ImportFileError, match=match) as import_error:
        _import(sessions, kind, path, **kw)
    for exc in (preview_error.value, import_error.value):
        assert "\n" not in exc.text()
        assert exc.text("en") != exc.text()
    for model in (ImportRun, Order, Shipment, Refund, Sku):
        assert _count(sessions, model) == 0
    assert not (path.parent / "import-reports").exists()


def _cli(home: Path, *args: str) -> int:
    return main(["import", *args, "--home", str(home), "--db", f"sqlite:///{home / 'rd.db'}"])


def test_utf16_cut_mid_character(sessions: SessionFactory, tmp_path: Path) -> None:
    path = tmp_path / "商品资料.txt"
    text = "商家编码\t款号\t颜色\n5815-深紫-W7\t5815\t深紫\n"
    path.write_bytes(text.encode("utf-16") + b"\x41")  # an odd byte count
    _refused(sessions, "catalog", path, "在一个字符的中间结束")


def test_utf16_with_a_broken_character_inside(sessions: SessionFactory, tmp_path: Path) -> None:
    path = tmp_path / "商品资料.txt"
    good = "商家编码\t款号\t颜色\n".encode("utf-16")
    bad = "5815-深紫-W7\t5815\t".encode("utf-16-le") + b"\x00\xdc" + "深紫\n".encode("utf-16-le")
    path.write_bytes(good + bad)  # a lone low surrogate
    _refused(sessions, "catalog", path, "utf-16")


def test_cli_says_one_line_for_a_cut_utf16_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "catalog.txt"
    path.write_bytes("商家编码\t款号\n5815-深紫-W7\t5815\n".encode("utf-16") + b"\x41")
    assert _cli(tmp_path, "catalog", str(path), "--lang", "en") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert "incomplete" in err


WRONG_MAPPINGS = {
    "kind is a number": ("kind = 3\n[columns]\norder_no = '订单编号'\n", "kind"),
    "kind is a list": ("kind = ['orders']\n[columns]\norder_no = '订单编号'\n", "kind"),
    "name is a number": ("kind = 'orders'\nname = 5\n[columns]\norder_no = '订单编号'\n", "name"),
    "name is a date": ("kind = 'orders'\nname = 2026-11-27\n[columns]\norder_no = '订单编号'\n", "name"),
    "label is a table": ("kind = 'orders'\nlabel = {a = 1}\n[columns]\norder_no = '订单编号'\n", "label"),
    "columns is text": ("kind = 'orders'\ncolumns = '订单编号'\n", "columns"),
    "columns is a list": ("kind = 'orders'\ncolumns = ['订单编号']\n", "columns"),
    "columns is an array of tables": ("kind = 'orders'\n[[columns]]\norder_no = 'x'\n", "columns"),
    "a column is a number": ("kind = 'orders'\n[columns]\norder_no = 12\n", "order_no"),
    "a column is a float": ("kind = 'orders'\n[columns]\norder_no = 1.5\n", "order_no"),
    "a column is a bool": ("kind = 'orders'\n[columns]\norder_no = true\n", "order_no"),
    "a column is a time": ("kind = 'orders'\n[columns]\norder_no = 07:32:00\n", "order_no"),
    "a column is a table": ("kind = 'orders'\n[columns]\norder_no = {a = 1}\n", "order_no"),
    "a column is an empty list": ("kind = 'orders'\n[columns]\norder_no = []\n", "order_no"),
    "a column list holds a number": ("kind = 'orders'\n[columns]\norder_no = ['订单编号', 3]\n", "order_no"),
    "a column is blank": ("kind = 'orders'\n[columns]\norder_no = '  '\n", "order_no"),
    "signature is a number": ("kind = 'orders'\nsignature = 4\n[columns]\norder_no = '订单编号'\n", "signature"),
    "signature is empty": ("kind = 'orders'\nsignature = []\n[columns]\norder_no = '订单编号'\n", "signature"),
    "not TOML": ("kind = \n", "读不了"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(WRONG_MAPPINGS))
def test_mapping_values_of_the_wrong_type(
    case: str, sessions: SessionFactory, tmp_path: Path
) -> None:
    text, named = WRONG_MAPPINGS[case]
    mapping = tmp_path / "管家.toml"
    mapping.write_text(text, encoding="utf-8")
    path = tmp_path / "orders.csv"
    path.write_text(HEADER + _rows(2), encoding="utf-8")
    with pytest.raises(ImportFileError, match=named) as error:
        _import(sessions, "orders", path, mapping=mapping)
    assert "\n" not in error.value.text()
    assert error.value.text("en") != error.value.text()
    assert _count(sessions, ImportRun) == 0
    assert _count(sessions, Order) == 0


def test_a_long_chinese_file_name_keeps_its_import(
    any_sessions: SessionFactory, tmp_path: Path
) -> None:
    name = "淘宝订单报表" * 13 + "十一月" + ".csv"
    assert 240 < len(name.encode("utf-8")) <= 255  # the longest a file system allows
    path = tmp_path / name
    path.write_text(HEADER + _rows(3) + "3.15691E+18,b,杭州,13166131860,,\r\n", encoding="utf-8")
    r = _import(any_sessions, "orders", path)
    assert (r.imported, r.rejected) == (3, 1)
    report = Path(r.report_path)
    assert report.is_file()
    assert len(report.name.encode("utf-8")) <= 255
    assert report.name.endswith("….csv")
    assert "淘宝订单报表" in report.name
    with any_sessions() as s:
        assert s.scalars(select(ImportRun)).one().status == "done"


def test_thirty_megabytes_without_a_line_break(sessions: SessionFactory, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    with path.open("wb") as f:
        f.write(HEADER.encode("utf-8").rstrip(b"\r\n") + b",")
        for _ in range(30):
            f.write(b"9" * (1 << 20))
    _refused(sessions, "orders", path, "第 1 行超过")


@pytest.mark.parametrize("parallel", [False, True])
def test_a_long_line_deep_in_the_file_stops_the_import_before_it_starts(
    parallel: bool, sessions: SessionFactory, tmp_path: Path
) -> None:
    path = tmp_path / "orders.csv"
    long_row = "3156900062392799999,b," + "杭," * (source.LINE_MAX // 2 + 10) + "1\r\n"
    path.write_text(HEADER + _rows(3000) + long_row + _rows(10, 5000), encoding="utf-8")
    with pytest.raises(ImportFileError, match="第 3002 行超过"):
        _import(sessions, "orders", path, batch_size=500, parallel=parallel)
    assert _count(sessions, Order) == 0
    assert _count(sessions, ImportRun) == 0


@pytest.mark.parametrize("quoted", [False, True])
def test_a_cell_over_excels_limit(quoted: bool, sessions: SessionFactory, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    cell = "x" * (source.CELL_MAX + 1)
    cell = f'"{cell}"' if quoted else cell
    path.write_text(HEADER + _rows(2000) + f"3156900062392799999,{cell},杭州,1,,\r\n")
    with pytest.raises(ImportFileError, match="第 2002 行有一个单元格超过 32767"):
        _import(sessions, "orders", path, batch_size=500)
    assert _count(sessions, Order) == 0
    assert _count(sessions, ImportRun) == 0


def test_control_characters_in_identifiers_reject_the_row(
    any_sessions: SessionFactory, tmp_path: Path
) -> None:
    path = tmp_path / "orders.csv"
    bad = [
        "3256900062\x0092749367,nul,杭州,13166131860,,\r\n",  # a NUL inside the order number
        "3256900062392700001,zero-width,杭州,13166131860,YT7529\u200b170342366,圆通\r\n",
        "3256900062392700002,tb\x1bx,杭州,13166131860,,\r\n",  # an escape in the Wangwang ID
    ]
    body = _rows(3000)  # the damage sits far beyond the first 64 KB
    assert len(body.encode("utf-8")) > 65536
    path.write_text(HEADER + body + "".join(bad), encoding="utf-8")
    r = _import(any_sessions, "orders", path)
    assert (r.imported, r.rejected) == (3000, 3)
    assert [(k, n) for k, n, _ in r.reasons.top()] == [
        ("订单编号含有控制字符, 文件可能损坏", 1),
        ("物流单号含有控制字符, 文件可能损坏", 1),
        ("买家ID含有控制字符, 文件可能损坏", 1),
    ]
    with any_sessions() as s:
        numbers = s.scalars(select(Order.order_no)).all()
        assert not any("\x00" in n for n in numbers)
        assert "3256900062392700001" not in numbers
    report = Path(r.report_path).read_text(encoding="utf-8-sig")
    assert "\x00" not in report
    assert "\ufffd" in report


def test_control_characters_in_refund_and_catalog_keys(
    any_sessions: SessionFactory, tmp_path: Path
) -> None:
    refunds = tmp_path / "refunds.csv"
    refunds.write_text(
        "退款编号,订单编号,买家会员名称,退货物流单号\r\n"
        "2000000000\x0700003,3151704375324253005,jenny,YT1092815901396\r\n"
        "200000000000004,3151704375324253005,jenny,YT10928\x1f15901397\r\n"
        "200000000000005,3151704375324253005,jenny,YT1092815901398\r\n",
        encoding="utf-8",
    )
    r = _import(any_sessions, "refunds", refunds)
    assert (r.imported, r.rejected) == (1, 2)
    catalog = tmp_path / "catalog.csv"
    catalog.write_text(
        "商家编码,款号,条码\r\n5815-深紫-W7,5815,69000\x0200001\r\n5815\u200b-灰色,5815,\r\nA-1,A,\r\n",
        encoding="utf-8",
    )
    r = _import(any_sessions, "catalog", catalog)
    assert (r.imported, r.rejected) == (1, 2)
    assert {k for k, _, _ in r.reasons.top()} == {
        "条码含有控制字符, 文件可能损坏",
        "商家编码含有控制字符, 文件可能损坏",
    }


SHARED_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
SHARED_REL = (
    b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/sharedStrings" Target="sharedStrings.xml"/>'
)


@pytest.fixture(scope="module")
def xlsx_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real workbook whose shared strings unpack to 300 MB from a few hundred KB."""
    wb = Workbook()
    wb.active.append(["商家编码", "款号"])
    wb.active.append(["A-1", "A"])
    buf = io.BytesIO()
    wb.save(buf)
    path = tmp_path_factory.mktemp("bomb") / "商品资料.xlsx"
    with (
        zipfile.ZipFile(buf) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out,
    ):
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":  # the part is declared and linked
                data = data.replace(b"</Types>", SHARED_TYPE + b"</Types>")
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", SHARED_REL + b"</Relationships>")
            out.writestr(info, data)
        with out.open("xl/sharedStrings.xml", "w") as f:
            f.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            block = (b"<si><t>" + b"A" * 1000 + b"</t></si>") * 1000
            for _ in range(300):
                f.write(block)
            f.write(b"</sst>")
    return path


def test_an_xlsx_that_unpacks_to_300_mb_is_refused_before_parsing(
    xlsx_bomb: Path, sessions: SessionFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert xlsx_bomb.stat().st_size < 1 << 20
    import openpyxl

    def never(*args: object, **kw: object) -> None:
        raise AssertionError("parsed before the size check")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    _refused(sessions, "catalog", xlsx_bomb, "xl/sharedStrings.xml 解压后有 290 MB")


def test_an_xlsx_cell_over_excels_limit_rejects_its_row(
    sessions: SessionFactory, tmp_path: Path
) -> None:
    """Excel cannot write such a cell (openpyxl cuts it too), so the sheet's XML is edited."""
    wb = Workbook()
    wb.active.append(["商家编码", "款号", "品名"])
    wb.active.append(["A-1", "A", "PLACEHOLDER"])
    wb.active.append(["A-2", "A", "雨刷"])
    buf = io.BytesIO()
    wb.save(buf)
    path = tmp_path / "catalog.xlsx"
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info).replace(b"PLACEHOLDER", b"x" * (source.CELL_MAX + 1))
            out.writestr(info, data)
    r = _import(sessions, "catalog", path)
    assert (r.imported, r.rejected) == (1, 1)
    assert r.reasons.top()[0][:2] == ("有单元格超过 32767 个字符", 1)


def test_the_rejected_rows_report_is_formula_safe_and_masks_phones(
    tmp_path: Path, sessions: SessionFactory
) -> None:
    path = tmp_path / "orders.csv"
    header = "订单编号,买家会员名,收货地址,联系手机,联系电话,订单备注,买家留言\r\n"
    rows = (
        '3.15E+18,=HYPERLINK("http://x"),@SUM(A1),13166131860,0571-88881234,+1,-2\r\n'
        "3156900062392749367,,杭州,18865797543,,\t=cmd,x\r\n"
    )
    path.write_text(header + rows, encoding="utf-8")
    r = _import(sessions, "orders", path)
    assert r.rejected == 2
    report = list(csv.reader(io.StringIO(Path(r.report_path).read_text(encoding="utf-8-sig"))))
    assert report[0][:3] == ["行号", "原因", "订单编号"]
    first, second = report[1], report[2]
    assert first[3:8] == [
        '\'=HYPERLINK("http://x")',
        "'@SUM(A1)",
        "131****1860",
        "********1234",
        "'+1",
    ]
    assert first[8] == "'-2"
    assert second[5] == "188****7543"
    assert "18865797543" not in Path(r.report_path).read_text(encoding="utf-8-sig")
    for row in report[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def _feed(check: source._SizeCheck, pieces: list[str]) -> None:
    for piece in pieces:
        check.feed(piece)


@pytest.mark.parametrize("delimiter", [",", "\t"])
@pytest.mark.parametrize("extra", [0, 1])
def test_cell_sizes_are_measured_across_pieces(delimiter: str, extra: int) -> None:
    """A cell of exactly the limit passes, one more character does not, wherever the file's
    pieces happen to be cut; the line named is the cell's own."""
    d = delimiter
    cell = "杭" * (source.CELL_MAX + extra)
    text = f"a{d}b\n" * 3 + f"1{d}{cell}{d}2\n" + f"x{d}y\n"
    for cut in (1, 7, 12, 5000, source.CELL_MAX // 2 + 13, len(text) - 3):
        check = source._SizeCheck(d)
        pieces = [text[i : i + cut] for i in range(0, len(text), cut)]
        if extra:
            with pytest.raises(ImportFileError, match="第 4 行有一个单元格"):
                _feed(check, pieces)
        else:
            _feed(check, pieces)


def test_an_unwritable_report_folder_is_one_line(sessions: SessionFactory, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(HEADER + _rows(2) + "3.15E+18,b,杭州,1,,\r\n", encoding="utf-8")
    (tmp_path / "import-reports").write_text("a file where the folder belongs", encoding="utf-8")
    with pytest.raises(ImportFileError, match="写不了被拒绝行的报告") as error:
        _import(sessions, "orders", path)
    assert "\n" not in error.value.text()
    assert error.value.text("en").startswith("Cannot import")
    assert _count(sessions, ImportRun) == 0
    assert _count(sessions, Order) == 0


def test_a_workbook_with_no_sheet_is_a_damaged_file(
    sessions: SessionFactory, tmp_path: Path
) -> None:
    import re

    wb = Workbook()
    wb.active.append(["商品编码", "款号"])  # type: ignore[union-attr]
    buf = io.BytesIO()
    wb.save(buf)
    path = tmp_path / "商品资料.xlsx"
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data, flags=re.S)
            out.writestr(item, data)
    _refused(sessions, "catalog", path, "没有工作表")
