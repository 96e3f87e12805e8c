"""The practice sheet read as a scanner and a newcomer read it: every number decodes at
203 dpi to exactly what the sheet's text says, the original waybill beside the new one,
and the bench's command codes follow."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image

from returnsdesk.domain import barcode_commands
from returnsdesk.services.admin.demo import fill_demo
from returnsdesk.services.admin.practice import LESSONS, practice_info, write_sheet

NOW = dt.datetime(2026, 12, 7, 18, 40)


def decoded(path: Path, dpi: int = 203) -> list[str]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(path), str(path.with_suffix(""))],
                   check=True, capture_output=True)  # fmt: skip
    found: list[str] = []
    for page in sorted(path.parent.glob(path.stem + "-*.pgm")):
        codes = zxingcpp.read_barcodes(Image.open(page), formats=zxingcpp.BarcodeFormat.Code128)
        found += [c.text for c in codes]
    return found


def test_every_practice_number_and_command_decodes_at_203_dpi(sessions, shop, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill_demo(sessions, orders=100, seed=2, weeks=1, shop=shop, now=NOW)
    path = write_sheet(sessions, shop, tmp_path / "sheet.pdf", "demo", "")
    info = practice_info(sessions)
    assert info is not None
    assert info.sheet == str(path)
    assert [e.lesson for e in info.entries] == list(LESSONS)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert re.findall(r"号码: (\S+)", text) == [e.code for e in info.entries]
    assert "原单号" in text
    assert "登记" in text  # the command codes follow
    found = decoded(path)
    wanted = {e.code for e in info.entries} | {e.beside for e in info.entries if e.beside}
    assert wanted <= set(found)
    assert {barcode_commands.code(a) for a in barcode_commands.FIXED_ACTIONS} <= set(found)


def test_a_real_shop_has_no_practice_sheet(sessions, shop, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill_demo(sessions, orders=20, seed=2)  # orders only: no demo act
    assert practice_info(sessions) is None
