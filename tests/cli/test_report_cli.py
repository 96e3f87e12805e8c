"""``returnsdesk report …`` as a scheduled job runs it: files out, exit codes, --json."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from returnsdesk.cli import main
from returnsdesk.config import Settings
from returnsdesk.services.common.setup import open_database

from helpers.factories import ItemSpec, money, parcel

WEEK_DAY = dt.date(2026, 11, 18)  # 2026-W47


@pytest.fixture
def home(settings: Settings) -> Path:
    ctx = open_database(settings)
    with ctx.sessions.begin() as s:
        p = parcel(
            s, WEEK_DAY, [ItemSpec(qty=2), ItemSpec(reason="物流破损", bin="damage")], buyer="@evil"
        )
        parcel(s, WEEK_DAY - dt.timedelta(days=7), [ItemSpec()])
        parcel(s, WEEK_DAY, [ItemSpec(bin="repair", reason="后跟开裂")])
        money(s, WEEK_DAY, "10", parcel_id=p.id)
        money(s, WEEK_DAY, "-3", note="=cmd|calc")
    ctx.close()
    return settings.home


def _run(home: Path, *args: str) -> int:
    """``returnsdesk report SUB [--json] … --home H --db URL`` (options after the subcommand)."""
    json_flag = ["--json"] if args[0] == "--json" else []
    rest = list(args[len(json_flag) :])
    cmd = rest[:2] + json_flag + rest[2:]
    return main([*cmd, "--home", str(home), "--db", f"sqlite:///{home / 'returnsdesk.db'}"])


def test_weekly_xlsx_and_json(home: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "wk.xlsx"
    assert _run(home, "--json", "report", "weekly", "--week", "2026-W47", "--out", str(out)) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["week"], doc["parcels"], doc["items"], doc["prev_items"]) == ("2026-W47", 2, 4, 1)
    reasons = {tuple(r["key"]): r["count"] for r in doc["breakdowns"]["reason"]}
    assert reasons == {("尺码偏小",): 2, ("物流破损",): 1, ("后跟开裂",): 1}
    wb = load_workbook(out)
    assert wb["按退回原因"]["B2"].value == 2
    wb.close()


def test_weekly_pdf_and_bad_arguments(home: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "wk.pdf"
    assert _run(home, "report", "weekly", "--week", "2026-W47", "--out", str(out)) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "2026-W47" in capsys.readouterr().out
    assert _run(home, "report", "weekly", "--week", "2026-W99", "--out", str(out)) == 1
    assert _run(home, "report", "weekly", "--out", str(tmp_path / "wk.doc")) == 1
    assert "xlsx" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        _run(home, "report", "weekly")
    assert e.value.code == 2


def test_money_claims_repairs_followups_day(home: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    m = tmp_path / "money.csv"
    assert _run(home, "report", "money", "--month", "2026-11", "--out", str(m)) == 0
    text = m.read_text(encoding="utf-8-sig")
    assert "'=cmd|calc" in text
    assert "换货邮费" in text
    c = tmp_path / "claims.xlsx"
    assert (
        _run(
            home, "report", "claims", "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(c)
        )
        == 0
    )
    wb = load_workbook(c)
    ws = wb["快递索赔"]
    assert ws.max_row == 2
    assert ws["E2"].value == "@evil"
    assert ws["E2"].data_type == "s"
    wb.close()
    capsys.readouterr()
    assert _run(home, "--json", "report", "repairs") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["day"] for r in rows] == ["2026-11-18"]
    assert _run(home, "--json", "report", "followups") == 0
    assert json.loads(capsys.readouterr().out) == {"open": 0, "overdue": 0}
    assert _run(home, "--json", "report", "day", "--date", "2026-11-18") == 0
    day = json.loads(capsys.readouterr().out)
    assert day["items"] == 4
    assert day["money"] == {"换货邮费": "7.00"}
    assert day["closed_at"] is None


def test_floor_json_text_and_xlsx(home: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    day = WEEK_DAY.isoformat()
    assert _run(home, "--json", "report", "floor", "--day", day) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["day"] == day
    assert doc["totals"]["received"] == 2
    assert {c["clerk"] for c in doc["clerks"]} == {"clerk1"}
    out = tmp_path / "floor.xlsx"
    assert _run(home, "report", "floor", "--day", day, "--out", str(out)) == 0
    assert "签收 2" in capsys.readouterr().out
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["按小时", "按登记员"]
    wb.close()
    assert _run(home, "report", "floor", "--out", str(tmp_path / "x.pdf")) == 1
