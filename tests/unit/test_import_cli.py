"""``returnsdesk import``: exit codes, printed counts, report path, --json, English messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from returnsdesk.cli import main

DATA = Path(__file__).resolve().parents[1] / "data"  # the shop's sample exports


def run(home: Path, *args: str) -> int:
    return main(["import", *args, "--home", str(home), "--db", f"sqlite:///{home / 'rd.db'}"])


def test_sample_exports_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "catalog", str(DATA / "catalog.csv")) == 0
    out = capsys.readouterr().out
    assert "catalog.csv" in out and "新增 188" in out
    code = run(
        tmp_path, "orders", str(DATA / "orders.csv"), "--items", str(DATA / "order_items.csv")
    )
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert "新增 60, 更新 0, 未变 0, 拒绝 0" in lines[0]
    assert "宝贝明细" in lines[1] and "新增 73" in lines[1]
    assert run(tmp_path, "refunds", str(DATA / "refunds.csv"), "--json") == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["imported"], result["rejected"], result["encoding"]) == (18, 0, "gb18030")
    assert run(tmp_path, "refunds", str(DATA / "refunds.csv"), "--json") == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] == 18


def test_rejections_print_the_report_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(
        "订单编号,买家会员名,收货地址\n3156900062392749367,a,杭州\n3.15691E+18,b,杭州\n",
        encoding="utf-8",
    )
    assert run(tmp_path, "orders", str(path)) == 0
    out = capsys.readouterr().out
    assert "新增 1, 更新 0, 未变 0, 拒绝 1" in out
    report = Path(out.strip().splitlines()[-1].split(": ", 1)[1])
    assert report.parent == tmp_path / "import-reports"
    assert "科学计数法" in report.read_text(encoding="utf-8-sig")


def test_user_errors_exit_1_in_the_users_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, "orders", str(DATA / "refunds.csv")) == 1
    assert "不是订单" in capsys.readouterr().err
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert run(tmp_path, "orders", str(empty), "--lang", "en") == 1
    assert capsys.readouterr().err.strip() == "Cannot import the file: empty.csv is empty"
    assert run(tmp_path, "orders", str(DATA / "orders.csv"), "--preset", "nope") == 1
    assert "没有预设 nope" in capsys.readouterr().err


def test_utf16_tab_separated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated."""
    path = tmp_path / "catalog.txt"
    path.write_text("商家编码\t款号\t颜色\t尺码\n5815-深紫-W7\t5815\t深紫\tW7\n", encoding="utf-16")
    assert run(tmp_path, "catalog", str(path), "--json") == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["imported"], result["encoding"]) == (1, "utf-16")
