"""``returnsdesk reship``: list, ship from a script, export the lead's tables."""

from __future__ import annotations

import argparse
import csv
import json

import pytest

from returnsdesk.commands import reship as reship_cmd
from returnsdesk.commands.runner import Runner
from returnsdesk.config import Settings
from returnsdesk.errors import TrackingUsed
from returnsdesk.services.reship import flow as reship_flow
from returnsdesk.services.reship import slips as reship

from helpers.reship_data import FakeQueue, draft, seed_shop


def run(settings: Settings, *argv: str) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true")
    parser = argparse.ArgumentParser(parents=[common])
    reship_cmd.register(parser.add_subparsers(dest="command"), common)
    args = parser.parse_args(list(argv))
    runner = Runner(settings)
    try:
        return int(args.func(runner, args))
    finally:
        runner.close()


@pytest.fixture
def slip_ids(app_context, settings: Settings) -> list[int]:  # type: ignore[no-untyped-def]
    shop = settings.shop
    seed_shop(app_context.sessions)
    good = reship.create_slip(app_context.sessions, draft(kind="换"), shop, "李婷", "cs")
    bad = reship.create_slip(app_context.sessions, draft(phone=""), shop, "小慧", "cs")
    other = reship.create_slip(app_context.sessions, draft(), shop, "李婷", "cs")
    ids = [good.id, other.id]
    reship_flow.print_slips(app_context.sessions, ids, shop, "op", "d", enqueue=FakeQueue())
    return [good.id, bad.id, other.id]


def test_list_and_ship(settings: Settings, slip_ids: list[int], capsys) -> None:  # type: ignore[no-untyped-def]
    good, bad, other = slip_ids
    assert run(settings, "reship", "list", "--json", "--state", "problem") == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(x["id"], x["problems"]) for x in lines] == [(bad, ["缺少电话"])]

    assert run(settings, "reship", "ship", f"RS{good:08d}", "YT1234567890123") == 0
    assert capsys.readouterr().out.strip() == "亲,您的换货已发出,圆通 YT1234567890123,请注意查收"
    with pytest.raises(TrackingUsed):
        run(settings, "reship", "ship", str(other), "YT1234567890123")


def test_exports(settings: Settings, slip_ids: list[int], tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "problems.csv"
    assert run(settings, "reship", "problems", "--out", str(out), "--json") == 0
    assert json.loads(capsys.readouterr().out) == {"rows": 1, "path": str(out)}
    with out.open(encoding="utf-8-sig") as f:
        assert [r[0] for r in csv.reader(f)] == ["提交人", "小慧"]
    assert run(settings, "reship", "archive", "--out", str(tmp_path / "a.xlsx")) == 0
    assert "已导出 0 行" in capsys.readouterr().out


def test_print_marks_printed_and_prints_once(settings, app_context, slip_ids, capsys) -> None:  # type: ignore[no-untyped-def]
    _good, bad, _other = slip_ids
    fresh = reship.create_slip(app_context.sessions, draft(), settings.shop, "李婷", "cs")
    assert run(settings, "reship", "print", fresh.code) == 0
    assert capsys.readouterr().out.strip() == f"已打印 {fresh.code}"
    assert list((settings.home / "print").glob("*.pdf"))
    assert run(settings, "reship", "print", str(fresh.id), str(bad), "--json") == 1
    out = json.loads(capsys.readouterr().out)
    assert out["printed"] == []
    assert [r["code"] for r in out["refused"]] == [fresh.code, f"RS{bad:08d}"]
    assert run(settings, "reship", "print", fresh.code, "--reprint") == 0
