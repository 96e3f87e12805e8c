"""``returnsdesk import``: exit codes, printed counts, report path, --json, English messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from returnsdesk.cli import main

from helpers.paths import DATA


def run(home: Path, *args: str) -> int:
    return main(["import", *args, "--home", str(home), "--db", f"sqlite:///{home / 'rd.db'}"])


def test_sample_exports_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "catalog", str(DATA / "catalog.csv")) == 0
    out = capsys.readouterr().out
    assert "catalog.csv" in out
    assert "新增 188" in out
    code = run(
        tmp_path, "orders", str(DATA / "orders.csv"), "--items", str(DATA / "order_items.csv")
    )
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert "新增 60, 更新 0, 未变 0, 拒绝 0" in lines[0]
    assert "宝贝明细" in lines[1]
    assert "新增 73" in lines[1]
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


def test_all_rows_rejected_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Fifty rows an Excel round trip destroyed: the console names the cause, not only the path."""
    path = tmp_path / "orders.csv"
    rows = "".join(f"3.15690006239{i:02d}E+18,b{i},杭州\n" for i in range(50))
    path.write_text("订单编号,买家会员名,收货地址\n" + rows, encoding="utf-8")
    assert run(tmp_path, "orders", str(path)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "拒绝 50" in lines[0]
    assert lines[1:3] == [
        "拒绝原因 (行数, 最多的在前):",
        "  50 行: 订单编号已被 Excel 改成科学计数法, 原号码已丢失, 请用原始导出文件 (如第 2 行)",
    ]
    assert lines[3].startswith("被拒绝的行和原因: ")
    assert len(lines) == 4


def test_reasons_most_frequent_first_then_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "orders.csv"
    bad = {  # cause → (rows, a row's cells)
        "sci": (6, "3.15E+18,b,杭州,,1"),
        "zeros": (5, "3156900062392750000,b,杭州,,1"),
        "buyer": (4, "3156900062392749001,,杭州,,1"),
        "paid": (3, "3156900062392749002,b,杭州,昨天,1"),
        "empty": (2, ",b,杭州,,1"),
        "long": (1, "3" * 41 + ",b,杭州,,1"),
        "amount": (1, "3156900062392749003,b,杭州,,一百"),
    }
    body = "".join(f"{cells}\n" for n, cells in bad.values() for _ in range(n))
    header = "订单编号,买家会员名,收货地址,订单付款时间,买家实际支付金额\n"
    path.write_text(header + body, encoding="utf-8")
    assert run(tmp_path, "orders", str(path)) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out[2:7]] == [
        "  6 行",
        "  5 行",
        "  4 行",
        "  3 行",
        "  2 行",
    ]
    assert "科学计数法" in out[2]
    assert "15 位" in out[3]
    assert "买家ID为空" in out[4]
    assert "付款时间看不懂" in out[5]
    assert "订单编号为空" in out[6]
    assert out[7] == "  … 另有 2 种原因, 共 2 行"
    assert run(tmp_path, "orders", str(path), "--lang", "en") == 0
    english = capsys.readouterr().out.splitlines()
    assert english[1] == "Rejection reasons (rows, most frequent first):"
    assert english[2].startswith("  6 rows: ")
    assert english[7] == "  … 2 more reasons, 2 rows in all"


def test_json_lists_the_reasons(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(
        "订单编号,买家会员名,收货地址\n3.15E+18,b,杭州\n3.16E+18,c,杭州\n", encoding="utf-8"
    )
    assert run(tmp_path, "orders", str(path), "--json") == 0
    result = json.loads(capsys.readouterr().out)
    reason = "订单编号已被 Excel 改成科学计数法, 原号码已丢失, 请用原始导出文件"
    assert result["reasons"] == [{"reason": reason, "rows": 2, "first_row": 2}]
