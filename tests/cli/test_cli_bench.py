"""The bench's commands as scripts use them: demo, lookup, register (README, "Command line")."""

from __future__ import annotations

import io
import json

import pytest

from returnsdesk.cli import main


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("RETURNSDESK_HOME", str(tmp_path))
    monkeypatch.delenv("RETURNSDESK_DB", raising=False)
    assert main(["demo", "--orders", "40", "--seed", "5", "--weeks", "0"]) == 0
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
    assert code == 0
    assert out == ""
    code, out, _ = run(capsys, "demo", "--orders", "5", "--json")
    assert json.loads(out)["orders"] == 5


def test_lookup_json(home, capsys):
    capsys.readouterr()
    code, out, _ = run(capsys, "lookup", "--json", " yt1234567890123 ")
    data = json.loads(out)
    assert code == 0
    assert data["kind"] == "tracking"
    assert data["couriers"][0] == "圆通"
    assert data["match"]["buyer_id"] == "tb_xiaomei"
    assert data["parcel"] is None
    code, out, _ = run(capsys, "lookup", "--json", "tb_xiao")
    assert json.loads(out)["hits"][0]["buyer_id"] == "tb_xiaomei"


def test_lookup_garbage_is_a_user_error(home, capsys):
    capsys.readouterr()
    code, out, err = run(capsys, "lookup", "@@@")
    assert code == 1
    assert "无法识别" in err
    assert out == ""


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
    assert first["slip_no"] == 1
    assert first["bin"] == "restock"
    assert first["return_string"] == "tb_xiaomei 5815深紫W7*1 尺码偏小 完好"
    assert first["register_line"].endswith("收到5815深紫W7*1 邮费10元 换5815灰色W6*1")
    assert first["reship_slips"]
    assert dup["duplicate"] is True
    assert dup["id"] == first["id"]
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
    assert (a / "returnsdesk.db").exists()
    assert (b / "returnsdesk.db").exists()
    capsys.readouterr()
    assert main(["--json", "--home", str(a), "lookup", "YT1"]) == 0
    assert json.loads(capsys.readouterr().out)["kind"] in {"text", "tracking", "garbage"}


def _line(**kw) -> str:
    item = {"model": "5815", "color": "深紫", "size": "W7", "reason": "尺码偏小",
            "condition": "完好"}  # fmt: skip
    item.update(kw.pop("item", {}))
    record = {"tracking": "YT1234567890123", "buyer": "tb_xiaomei", "items": [item]}
    record.update(kw)
    return json.dumps(record, ensure_ascii=False)


@pytest.mark.parametrize(
    ("line", "field", "shown"),
    [
        (_line(item={"qty": 2.7}), "items[0].qty", "2.7"),
        (_line(item={"qty": True}), "items[0].qty", "true"),
        ('{"tracking": "YT1234567890123", "items": [{"model": "5815", "qty": 1e309}]}',
         "items[0].qty", "1e309"),
        (_line(item={"qty": 0}), "items[0].qty", "0"),
        (_line(item={"qty": 1000}), "items[0].qty", "1000"),
        (_line(buyer="b" * 101), "buyer", "bbbb"),
        (_line(buyer=["tb_xiaomei"]), "buyer", "tb_xiaomei"),
        (_line(item={"condition": "崭新"}), "items[0].condition", "崭新"),
        (_line(item={"reason": "随便"}), "items[0].reason", "随便"),
        (_line(item={"condition": None}), "items[0].condition", ""),
        (_line(item={"exchange_to": {"size": "W6", "qty": -5}}), "items[0].exchange_to.qty", "-5"),
        (_line(item={"exchange_to": {"size": "W6", "qty": 10**9}}),
         "items[0].exchange_to.qty", "1000000000"),
        (_line(money=[{"kind": "现金", "amount": "100000.01"}]), "money[0].amount", "100000.01"),
        (_line(money=[{"kind": "现金", "amount": "1.005"}]), "money[0].amount", "1.005"),
        (_line(money="10"), "money", "10"),
        (_line(items={"model": "5815"}), "items", "5815"),
    ],
)  # fmt: skip
def test_register_names_the_bad_field_writes_nothing_and_goes_on(
    home, capsys, monkeypatch, line, field, shown
):
    from sqlalchemy import func, select

    from returnsdesk.config import Settings
    from returnsdesk.db.models import AuditEntry, Parcel
    from returnsdesk.services.common.setup import open_database

    good = _line(tracking="YT1234567890123")
    capsys.readouterr()
    code, out, err = run(capsys, "register", stdin=f"{line}\n{good}\n", monkeypatch=monkeypatch)
    bad, ok = (json.loads(x) for x in out.splitlines())
    assert code == 1
    assert err == ""
    assert "Traceback" not in out
    assert bad["field"] == field, bad
    assert shown in bad["error"], bad
    assert ok["slip_no"] == 1, ok  # the stream went on
    ctx = open_database(Settings.resolve())
    with ctx.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Parcel)) == 1
        assert s.scalar(select(func.count()).where(AuditEntry.action == "receive")) == 1
    ctx.close()


def test_register_rejected_late_leaves_no_parcel(home, capsys, monkeypatch):
    from sqlalchemy import func, select

    from returnsdesk.config import Settings
    from returnsdesk.db.models import Parcel
    from returnsdesk.services.common.setup import open_database

    no_reason = _line(tracking="YT0000000000099", buyer="nobody_here", item={"reason": None})
    capsys.readouterr()
    code, out, _ = run(capsys, "register", stdin=no_reason + "\n", monkeypatch=monkeypatch)
    res = json.loads(out)
    assert code == 1
    assert res["field"] == "items[0].reason"
    assert "退回原因" in res["error"]
    ctx = open_database(Settings.resolve())
    with ctx.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Parcel)) == 0
    ctx.close()


def test_register_and_window_share_defaults(home, capsys, monkeypatch):
    line = _line(money=[{"amount": 10}])
    capsys.readouterr()
    code, out, _ = run(capsys, "register", stdin=line + "\n", monkeypatch=monkeypatch)
    assert code == 0
    assert "邮费10元" in json.loads(out)["register_line"]


def test_register_names_an_unknown_money_kind(home, capsys, monkeypatch):
    capsys.readouterr()
    line = _line(money=[{"kind": "红包", "amount": "5"}])
    code, out, _ = run(capsys, "register", stdin=line + "\n", monkeypatch=monkeypatch)
    res = json.loads(out)
    assert code == 1
    assert res["field"] == "money[0].kind"
    assert "红包" in res["error"]


@pytest.mark.parametrize("value", [b"tb_\xff\xfe", b"tb_\x1b[31m", "tb_\u202eevil".encode()])
def test_lookup_of_undecodable_or_control_bytes_is_one_line(tmp_path, value):
    """Bytes from a real command line (no capsys): undecodable ones arrive as lone surrogates."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "RETURNSDESK_HOME": str(tmp_path), "LC_ALL": "C.UTF-8"}
    env.pop("RETURNSDESK_DB", None)
    done = subprocess.run([sys.executable, "-m", "returnsdesk", "lookup", value],
                          env=env, capture_output=True, timeout=120)  # fmt: skip
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1, err
    assert "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1
    assert done.stdout == b""
