"""Sign-in and roles on the command line (README, "用户与角色"), on SQLite and
PostgreSQL: a wrong PIN or a missing right exits 1 with one line and writes nothing."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from sqlalchemy import create_engine, func, select

from returnsdesk.cli import main
from returnsdesk.db.models import AuditEntry, CashHandover, MoneyEntry, User

TODAY = dt.date.today().isoformat()


@pytest.fixture
def db(any_engine, tmp_path, monkeypatch):
    monkeypatch.setenv("RETURNSDESK_HOME", str(tmp_path))
    if any_engine.dialect.name == "sqlite":  # a file the commands and the test share
        monkeypatch.delenv("RETURNSDESK_DB", raising=False)
        any_engine = create_engine(f"sqlite:///{tmp_path / 'returnsdesk.db'}")
    else:
        monkeypatch.setenv("RETURNSDESK_DB", any_engine.url.render_as_string(hide_password=False))
    main(["db", "upgrade"])
    monkeypatch.delenv("RETURNSDESK_PIN", raising=False)
    monkeypatch.delenv("RETURNSDESK_USER", raising=False)
    return any_engine


def run(capsys, monkeypatch, *args, pin: str | None = None, stdin: str = ""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    if pin is None:
        monkeypatch.delenv("RETURNSDESK_PIN", raising=False)
    else:
        monkeypatch.setenv("RETURNSDESK_PIN", pin)
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


ADD = ("user", "add")


def add_staff(capsys, monkeypatch) -> None:
    """A clerk and a lead, added by the admin 老板 (PIN 9999)."""
    for name, role, pin in (("小王", "clerk", "1111"), ("张姐", "lead", "4444")):
        code, _, err = run(
            capsys,
            monkeypatch,
            *ADD,
            name,
            "--role",
            role,
            "--pin-stdin",
            "--user",
            "老板",
            pin="9999",
            stdin=pin + "\n",
        )
        assert code == 0, err


def count(engine, model) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model)) or 0


def test_first_user_then_sign_in_everywhere(db, capsys, monkeypatch):
    # an open database: any name, no PIN
    code, _, _ = run(capsys, monkeypatch, "user", "list", "--user", "anyone")
    assert code == 0
    code, _, err = run(
        capsys, monkeypatch, "user", "add", "小王", "--role", "clerk", "--pin-stdin", stdin="1111\n"
    )
    assert code == 1
    assert "管理员" in err
    assert count(db, User) == 0
    code, _, _ = run(
        capsys, monkeypatch, "user", "add", "老板", "--role", "admin", "--pin-stdin", stdin="9999\n"
    )
    assert code == 0
    # from now on every command signs in
    code, _, err = run(capsys, monkeypatch, "user", "list", "--user", "老板")
    assert code == 1
    assert err.startswith("登录失败")
    code, _, err = run(capsys, monkeypatch, "user", "list", "--user", "老板", pin="1234")
    assert code == 1
    assert err.startswith("登录失败")
    assert err.count("\n") == 1
    code, out, _ = run(capsys, monkeypatch, "user", "list", "--json", "--user", "老板", pin="9999")
    assert code == 0
    assert json.loads(out)[0]["role"] == "admin"
    add_staff(capsys, monkeypatch)
    audit_before = count(db, AuditEntry)
    code, _, err = run(
        capsys,
        monkeypatch,
        "user",
        "add",
        "x",
        "--role",
        "clerk",
        "--pin-stdin",
        "--user",
        "小王",
        pin="1111",
        stdin="5555\n",
    )
    assert code == 1
    assert err.startswith("无权限")
    assert count(db, AuditEntry) == audit_before


def test_money_confirm_and_reverse_are_the_leads(db, capsys, monkeypatch):
    run(capsys, monkeypatch, *ADD, "老板", "--role", "admin", "--pin-stdin", stdin="9999\n")
    add_staff(capsys, monkeypatch)
    _clerks_entry(db, "小王")
    clerk = {"pin": "1111"}, ("--user", "小王")
    lead = {"pin": "4444"}, ("--user", "张姐")
    confirm = ("money", "confirm", "--clerk", "小王")
    code, _, err = run(capsys, monkeypatch, *confirm, "--counted", "10", *clerk[1], **clerk[0])
    assert code == 1
    assert err.startswith("无权限")
    assert count(db, CashHandover) == 0
    short = ("--counted", "8", "--note", "少两元", "--json")
    code, out, _ = run(capsys, monkeypatch, *confirm, *short, *lead[1], **lead[0])
    assert code == 0
    assert json.loads(out)["difference"] == "-2.00"
    code, out, _ = run(capsys, monkeypatch, "money", "open", "--json", *lead[1], **lead[0])
    row = {"day": TODAY, "clerk": "小王", "pending": "0.00", "difference": "-2.00"}
    assert json.loads(out) == [{**row, "last_handover": 1}]
    # settling the short count names the hand-over it follows; without it, who counted what
    code, _, err = run(capsys, monkeypatch, *confirm, "--counted", "2", *lead[1], **lead[0])
    assert code == 1
    assert "张姐" in err
    assert "实点 8.00" in err
    code, _, _ = run(capsys, monkeypatch, *confirm, "--counted", "2", "--follows", "1",
                     *lead[1], **lead[0])  # fmt: skip
    assert code == 0
    with db.connect() as conn:
        entry_id = conn.scalar(select(MoneyEntry.id))
    reverse = ("money", "reverse", str(entry_id), "--note", "错")
    code, _, err = run(capsys, monkeypatch, *reverse, *clerk[1], **clerk[0])
    assert code == 1
    assert err.startswith("无权限")
    assert count(db, MoneyEntry) == 1
    code, _, _ = run(capsys, monkeypatch, *reverse, *lead[1], **lead[0])
    assert code == 0
    assert count(db, MoneyEntry) == 2


def test_day_close_and_reopen_are_the_leads(db, capsys, monkeypatch):
    run(capsys, monkeypatch, *ADD, "老板", "--role", "admin", "--pin-stdin", stdin="9999\n")
    add_staff(capsys, monkeypatch)
    day = ["report", "day", "--json"]
    code, _, err = run(capsys, monkeypatch, *day, "--close", "--user", "小王", pin="1111")
    assert code == 1
    assert err.startswith("无权限")
    code, out, _ = run(capsys, monkeypatch, *day, "--close", "--user", "张姐", pin="4444")
    assert code == 0
    assert json.loads(out)["closed_by"] == "张姐"
    code, _, err = run(capsys, monkeypatch, *day, "--reopen", "--user", "张姐", pin="4444")
    assert code == 1
    assert "原因" in err
    code, out, _ = run(
        capsys, monkeypatch, *day, "--reopen", "--note", "晚到的包裹", "--user", "张姐", pin="4444"
    )
    assert code == 0
    assert json.loads(out)["closed_by"] is None


def _clerks_entry(db, clerk: str) -> int:
    with db.begin() as conn:
        conn.execute(
            MoneyEntry.__table__.insert(),
            {
                "day": dt.date.today(),
                "kind": "换货邮费",
                "amount": "10.00",
                "clerk": clerk,
                "station": "b1",
                "note": "",
                "created_at": dt.datetime.now(),
            },
        )
        return int(conn.scalar(select(func.max(MoneyEntry.id))) or 0)


def test_a_clerk_reverses_only_own_money_before_the_hand_over(db, capsys, monkeypatch):
    run(capsys, monkeypatch, *ADD, "老板", "--role", "admin", "--pin-stdin", stdin="9999\n")
    add_staff(capsys, monkeypatch)
    run(capsys, monkeypatch, *ADD, "小李", "--role", "clerk", "--pin-stdin", "--user", "老板",
        pin="9999", stdin="2222\n")  # fmt: skip
    theirs = _clerks_entry(db, "小王")
    mine = _clerks_entry(db, "小李")
    as_li = ("--user", "小李")
    code, _, err = run(capsys, monkeypatch, "money", "reverse", str(theirs), "--note", "错",
                       *as_li, pin="2222")  # fmt: skip
    assert code == 1
    assert err.startswith("无权限")
    assert err.count("\n") == 1
    assert count(db, MoneyEntry) == 2
    code, _, err = run(capsys, monkeypatch, "money", "reverse", str(mine), "--note", "错",
                       *as_li, pin="2222")  # fmt: skip
    assert code == 0, err
    code, _, err = run(capsys, monkeypatch, "money", "reverse", str(theirs), "--note", "错",
                       "--user", "张姐", pin="4444")  # fmt: skip
    assert code == 0, err  # the lead corrects anyone's
    assert count(db, MoneyEntry) == 4


BULK_READS = [
    ("backup", "--to", "{tmp}/b"),
    ("report", "money", "--out", "{tmp}/money.csv"),
    ("report", "refunds", "--out", "{tmp}/refunds.csv"),
    ("report", "claims", "--out", "{tmp}/claims.csv"),
    ("refund", "list", "--json"),
    ("money", "open", "--json"),
]


@pytest.mark.parametrize("command", BULK_READS, ids=lambda c: "-".join(c[:2]))
def test_bulk_reads_are_refused_to_a_clerk_and_write_nothing(
    db, capsys, monkeypatch, tmp_path, command
):
    run(capsys, monkeypatch, *ADD, "老板", "--role", "admin", "--pin-stdin", stdin="9999\n")
    add_staff(capsys, monkeypatch)
    args = [a.replace("{tmp}", str(tmp_path / "out")) for a in command]
    code, out, err = run(capsys, monkeypatch, *args, "--user", "小王", pin="1111")
    assert code == 1
    assert err.startswith("无权限")
    assert err.count("\n") == 1
    assert out == ""
    assert not (tmp_path / "out").exists()
    # the backup is the admin's alone (it holds every PIN hash); the rest is the lead's too
    lead = run(capsys, monkeypatch, *args, "--user", "张姐", pin="4444")
    admin = run(capsys, monkeypatch, *args, "--user", "老板", pin="9999")
    assert admin[0] == 0, admin
    if command[0] == "backup":
        assert lead[0] == 1
        assert lead[2].startswith("无权限")
        assert len(list((tmp_path / "out" / "b").iterdir())) == 1
    else:
        assert lead[0] == 0, lead
