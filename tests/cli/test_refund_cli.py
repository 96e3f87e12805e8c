"""``returnsdesk refund …`` and ``report refunds`` end to end; the finance list cell by cell."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from returnsdesk.cli import main
from returnsdesk.config import Settings
from returnsdesk.services.common.setup import open_database

from helpers.factories import ItemSpec
from helpers.refund_data import SHOE, SOCKS, request

NOW = dt.datetime.now().replace(microsecond=0)


@pytest.fixture
def home(settings: Settings) -> Path:
    ctx = open_database(settings)
    with ctx.sessions.begin() as s:
        request(s, [ItemSpec(*SHOE)], refund_no="R1", buyer="=HYPERLINK(1)", account="a@b.cn",
                registered_at=NOW - dt.timedelta(hours=30))  # fmt: skip
        request(s, [ItemSpec(*SHOE)], lines=((SHOE, 1, "89.00"), (SOCKS, 1, "10.00")),
                asked="99.00", refund_no="R2", registered_at=NOW - dt.timedelta(hours=2))  # fmt: skip
        request(s, None, refund_no="R3")
    ctx.close()
    return settings.home


def _run(home: Path, *args: str) -> int:
    return main([*args, "--home", str(home), "--db", f"sqlite:///{home / 'returnsdesk.db'}",
                 "--user", "主管", "--station", "lead-pc"])  # fmt: skip


def test_list_due_and_json(home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert _run(home, "refund", "list", "--json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert [d["refund_no"] for d in doc] == ["R1", "R2"]
    r2 = doc[1]
    assert r2["suggestion"]["decision"] == "partial"
    assert r2["suggestion"]["amount"] == "89.00"
    assert r2["suggestion"]["grounds"][0]["items"] == ["8001白色均码*1"]
    assert r2["missing"] == [{"model": "8001", "color": "白色", "size": "均码", "qty": 1}]
    assert doc[0]["overdue"]
    assert not r2["overdue"]
    assert _run(home, "refund", "list", "--due") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split("\t")[:2] == ["R1", "=HYPERLINK(1)"]
    assert "超时 6 小时" in out[0]
    assert out[-1] == "共 1 个退款"


def test_decide_errors_are_one_line_and_write_nothing(home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    cases = [
        (("R2", "--approve", "100"), "退款 R2: 金额 100.00 元超过订单商品实付可退的 99.00 元"),
        (("R9", "--approve", "1"), "没有这个退款申请: R9"),
        (("R3", "--approve", "1"), "退款 R3 的退货包裹还没有登记: 先验货登记再审核"),
        (("R1", "--refuse"), "输入有误: 拒绝退款须填写原因"),
    ]
    for args, message in cases:
        assert _run(home, "refund", "decide", *args) == 1
        err = capsys.readouterr().err
        assert err.strip() == message
        assert err.count("\n") == 1
    assert _run(home, "refund", "decide", "R2", "--approve", "100", "--lang", "en") == 1
    assert capsys.readouterr().err.strip() == (
        "Refund R2: 100.00 yuan is more than the order's lines paid and may still refund (99.00)"
    )
    assert _run(home, "--json", "refund", "list") == 0
    assert all(d["decision"] is None for d in json.loads(capsys.readouterr().out))


def test_decide_then_the_finance_list(home: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert _run(home, "refund", "decide", "R1", "--approve", "89", "--note", "@ok") == 0
    assert capsys.readouterr().out.startswith(f"{NOW.month}-{NOW.day} R1 验货后同意退货款89元")
    assert _run(home, "refund", "decide", "R2", "--approve", "80", "--kind", "退差价") == 0
    assert "注意: 批准金额 80.00 与申请金额 99.00 不同" in capsys.readouterr().out
    # a second decision without naming the first: refused, saying who decided what and when
    assert _run(home, "refund", "decide", "R2", "--refuse", "--note", "少退袜子") == 1
    err = capsys.readouterr().err
    assert "退款 R2 已由 主管 于" in err
    assert "同意退退差价 80.00 元" in err
    first = int(err.split("决定 #")[1].split(")")[0])
    args = ("R2", "--refuse", "--note", "少退袜子", "--replaces", str(first))
    assert _run(home, "refund", "decide", *args) == 0
    capsys.readouterr()
    assert _run(home, "refund", "list") == 0
    assert capsys.readouterr().out.strip() == "共 0 个退款"
    assert _run(home, "refund", "list", "--view", "all") == 0
    lines = [ln.split("\t") for ln in capsys.readouterr().out.splitlines()]
    assert [ln[3] for ln in lines[:2]] == [
        "已决定: 同意 货款 89.00 (主管)",
        "已决定: 拒绝 货款 0.00 (主管)",
    ]
    assert _run(home, "refund", "list", "--view", "all", "--json") == 0
    r2 = json.loads(capsys.readouterr().out)[1]
    assert [(d["decision"], d["amount"]) for d in r2["history"]] == [
        ("approve", "80.00"), ("refuse", "0.00"),
    ]  # fmt: skip
    assert r2["decision"]["id"] == r2["history"][1]["id"]
    assert r2["history"][1]["supersedes"] == r2["history"][0]["id"]
    assert _run(home, "refund", "list", "--view", "all", "--lang", "en") == 0
    assert "Decided: approved 货款 89.00 (主管)" in capsys.readouterr().out

    xlsx = tmp_path / "list.xlsx"
    assert _run(home, "report", "refunds", "--out", str(xlsx)) == 0
    assert "2 笔退款, 批准合计 89.00 元" in capsys.readouterr().out
    ws = load_workbook(xlsx).active
    assert ws is not None
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["退款编号", "订单编号", "买家", "买家支付账号", "退款类型", "申请金额",
                       "批准金额", "差额", "退款原因", "决定", "依据", "备注", "审核人",
                       "审核时间"]  # fmt: skip
    r1, r2 = rows[1], rows[2]
    assert r1[:10] == [
        "R1",
        r1[1],
        "=HYPERLINK(1)",
        "a@b.cn",
        "货款",
        89,
        89,
        0,
        "尺码偏小",
        "同意",
    ]
    assert ws["C2"].quotePrefix
    assert ws["C2"].data_type == "s"
    assert r1[10] == "全部退回且可二次销售: 5815深紫W7*1"
    assert (r1[11], r1[12]) == ("@ok", "主管")
    assert ws["L2"].quotePrefix
    assert isinstance(r1[13], dt.datetime)
    assert r1[13].date() == NOW.date()
    assert r2[:10] == ["R2", r2[1], "tb_xiaomei", "", "货款", 99, 0, 0, "尺码偏小", "拒绝"]
    assert r2[10] == "商品未退回: 8001白色均码*1 -10.00"
    assert r2[11] == "少退袜子"
    assert len(rows) == 3

    csv_out = tmp_path / "list.csv"
    assert (
        _run(home, "report", "refunds", "--date", NOW.date().isoformat(), "--out", str(csv_out))
        == 0
    )
    text = csv_out.read_text(encoding="utf-8-sig").splitlines()
    assert text[1].startswith("R1,")
    assert ",'=HYPERLINK(1),a@b.cn,货款,89.00,89.00,0.00," in text[1]

    pdf = tmp_path / "list.pdf"
    assert _run(home, "report", "refunds", "--out", str(pdf)) == 0
    words = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    assert f"退款清单 {NOW.date():%Y-%m-%d}" in words
    assert "共 2 笔, 批准退款合计 89.00 元" in words
    line1 = next(ln for ln in words.splitlines() if ln.lstrip().startswith("R1 "))
    assert line1.split()[:8] == ["R1", rows[1][1], "=HYPERLINK(1)", "a@b.cn", "货款", "89.00",
                                 "89.00", "0.00"]  # fmt: skip
    line2 = next(ln for ln in words.splitlines() if ln.lstrip().startswith("R2 "))
    assert "拒绝" in line2
    assert "少退袜子" in line2

    other = tmp_path / "other.xlsx"
    assert _run(home, "report", "refunds", "--date", "2020-01-01", "--out", str(other)) == 0
    ws = load_workbook(other).active
    assert ws is not None
    assert ws.max_row == 1
    assert _run(home, "report", "refunds", "--out", str(tmp_path / "x.doc")) == 1


def test_decided_money_matches_the_database(home: Path) -> None:
    assert _run(home, "refund", "decide", "R1", "--approve", "12.5", "--kind", "退运费") == 0
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{home / 'returnsdesk.db'}")
    with engine.connect() as conn:
        got = conn.execute(
            text("SELECT kind, amount, decided_by, station FROM refund_decisions")
        ).one()
    engine.dispose()
    assert (got[0], Decimal(str(got[1])), got[2], got[3]) == (
        "退运费",
        Decimal("12.5"),
        "主管",
        "lead-pc",
    )
