"""The bench's commands as scripts use them: demo, lookup, register (CONTRACT.md)."""

from __future__ import annotations

import io
import json

import pytest

from returnsdesk.cli import main


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("RETURNSDESK_HOME", str(tmp_path))
    monkeypatch.delenv("RETURNSDESK_DB", raising=False)
    assert main(["demo", "--orders", "40", "--seed", "5"]) == 0
    return tmp_path


def run(capsys, *args, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_demo_if_empty_adds_nothing_twice(home, capsys):
    capsys.readouterr()
    code, out, _ = run(capsys, "demo", "--if-empty", "--json")
    assert code == 0 and out == ""
    code, out, _ = run(capsys, "demo", "--orders", "5", "--json")
    assert json.loads(out)["orders"] == 5


def test_lookup_json(home, capsys):
    capsys.readouterr()
    code, out, _ = run(capsys, "lookup", "--json", " yt1234567890123 ")
    data = json.loads(out)
    assert code == 0 and data["kind"] == "tracking" and data["couriers"][0] == "圆通"
    assert data["match"]["buyer_id"] == "tb_xiaomei" and data["parcel"] is None
    code, out, _ = run(capsys, "lookup", "--json", "tb_xiao")
    assert json.loads(out)["hits"][0]["buyer_id"] == "tb_xiaomei"


def test_lookup_garbage_is_a_user_error(home, capsys):
    capsys.readouterr()
    code, out, err = run(capsys, "lookup", "@@@")
    assert code == 1 and "无法识别" in err and out == ""


def test_register_json_lines(home, capsys, monkeypatch):
    lines = "\n".join(
        [
            json.dumps(
                {
                    "tracking": "YT1234567890123",
                    "buyer": "tb_xiaomei",
                    "items": [
                        {
                            "model": "5815",
                            "color": "深紫",
                            "size": "W7",
                            "qty": 1,
                            "reason": "尺码偏小",
                            "condition": "完好",
                            "exchange_to": {"model": "5815", "color": "灰色", "size": "W6"},
                        }
                    ],
                    "money": [{"kind": "邮费", "amount": "10.00"}],
                    "station": "bench-1",
                    "user": "clerk1",
                },
                ensure_ascii=False,
            ),
            json.dumps({"tracking": "YT1234567890123", "items": []}),
            "not json",
            json.dumps(
                {
                    "tracking": "SF1234567890123",
                    "buyer": "x",
                    "items": [
                        {"model": "5815", "color": "深紫", "size": "W7", "reason": "尺码偏小"}
                    ],
                }
            ),
        ]
    )
    capsys.readouterr()
    code, out, _ = run(capsys, "register", stdin=lines, monkeypatch=monkeypatch)
    results = [json.loads(line) for line in out.splitlines()]
    assert code == 1  # some lines failed; each says why
    first, dup, bad, sf = results
    assert first["slip_no"] == 1 and first["bin"] == "restock"
    assert first["return_string"] == "tb_xiaomei 5815深紫W7*1 尺码偏小 完好"
    assert first["register_line"].endswith("收到5815深紫W7*1 邮费10元 换5815灰色W6*1")
    assert first["reship_slips"]
    assert dup["duplicate"] is True and dup["id"] == first["id"]
    assert "JSON" in bad["error"]
    assert "顺丰" in sf["error"]


def test_unknown_command_is_usage_error(home):
    with pytest.raises(SystemExit) as exc:
        main(["no-such-command"])
    assert exc.value.code == 2


def test_common_options_before_or_after_the_command(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("RETURNSDESK_HOME", raising=False)
    monkeypatch.delenv("RETURNSDESK_DB", raising=False)
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["--home", str(a), "demo", "--orders", "3"]) == 0
    assert main(["demo", "--home", str(b), "--orders", "4", "--json"]) == 0
    assert (a / "returnsdesk.db").exists() and (b / "returnsdesk.db").exists()
    capsys.readouterr()
    assert main(["--json", "--home", str(a), "lookup", "YT1"]) == 0
    assert json.loads(capsys.readouterr().out)["kind"] in {"text", "tracking", "garbage"}
