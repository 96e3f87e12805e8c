"""``returnsdesk evidence record|verify|export`` end to end on the synthetic camera."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from returnsdesk.cli import main
from returnsdesk.config import Settings
from returnsdesk.services.common.setup import open_database

from helpers.factories import ItemSpec
from helpers.refund_data import request

SMALL_CAMERA = """
[evidence]
camera = "test"
width = 320
height = 240
preroll = 0.3
postroll = 0.2
"""


@pytest.fixture
def home(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("RETURNSDESK_CAMERA", raising=False)
    (settings.home / "shop.toml").write_text(SMALL_CAMERA, encoding="utf-8")
    ctx = open_database(settings)
    with ctx.sessions.begin() as s:
        request(s, [ItemSpec()], refund_no="R1", order_no="3100000001")
    ctx.close()
    return settings.home


def _run(home: Path, *args: str) -> int:
    return main([*args, "--home", str(home), "--db", f"sqlite:///{home / 'returnsdesk.db'}",
                 "--user", "主管", "--station", "bench-1"])  # fmt: skip


def _tracking(home: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert _run(home, "lookup", "R1", "--json") in (0, 1)
    capsys.readouterr()
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{home / 'returnsdesk.db'}")
    with engine.connect() as c:
        tracking = c.execute(text("SELECT tracking_no FROM parcels")).scalar_one()
    engine.dispose()
    return str(tracking)


def test_record_verify_export(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tracking = _tracking(home, capsys)
    assert _run(home, "evidence", "record", tracking, "--seconds", "0.5", "--json") == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["frames"] >= 15
    clip = home / "evidence" / rec["path"]
    assert clip.is_file()

    assert _run(home, "evidence", "verify") == 0
    assert "1" in capsys.readouterr().out

    out = home / "packet.zip"
    assert _run(home, "evidence", "export", "R1", "--out", str(out), "--json") == 0
    got = json.loads(capsys.readouterr().out)
    assert (got["parcels"], got["clips"], got["missing"]) == ([tracking], 1, [])
    with zipfile.ZipFile(out) as z:
        assert f"clips/{tracking}_1.mp4" in z.namelist()

    clip.write_bytes(clip.read_bytes()[:-100])
    assert _run(home, "evidence", "verify") == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [f"已改变\t{rec['path']}\t{tracking}"]
    clip.unlink()
    assert _run(home, "evidence", "verify") == 1
    assert capsys.readouterr().out.startswith("缺失\t")


def test_record_without_a_camera_is_a_user_error(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "shop.toml").write_text("", encoding="utf-8")
    tracking = _tracking(home, capsys)
    assert _run(home, "evidence", "record", tracking) == 1
    assert "本工位未设置摄像头" in capsys.readouterr().err


def test_clean_removes_past_retention_and_verify_says_removed(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tracking = _tracking(home, capsys)
    assert _run(home, "evidence", "record", tracking, "--seconds", "0.3", "--json") == 0
    rel = json.loads(capsys.readouterr().out)["path"]
    assert _run(home, "evidence", "clean", "--json") == 0
    got = json.loads(capsys.readouterr().out)
    assert (got["removed"], got["recovered"]) == (0, [])  # the refund R1 is still open

    # the request is refunded and the clip is older than the shop keeps clips
    (home / "shop.toml").write_text(SMALL_CAMERA.replace("[evidence]", "[evidence]\nretention_days = 0"),
                                    encoding="utf-8")  # fmt: skip
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{home / 'returnsdesk.db'}")
    with engine.begin() as c:
        c.execute(text("UPDATE refunds SET status = '退款成功'"))
    engine.dispose()
    assert _run(home, "evidence", "clean") == 0
    assert capsys.readouterr().out.startswith("已删除 1 个文件")
    assert not (home / "evidence" / rel).exists()
    assert _run(home, "evidence", "verify") == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == f"已删除\t{rel}\t{tracking}\t超过保留期"
    assert _run(home, "evidence", "verify", "--json") == 0
    got = json.loads(capsys.readouterr().out)
    assert (got["problems"], got["removed"][0]["reason"]) == ([], "retention")


def test_clean_by_hand_is_for_leads_and_admins(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from returnsdesk.services.common import users

    ctx = open_database(Settings.resolve(home=str(home), db=f"sqlite:///{home / 'returnsdesk.db'}"))
    users.add_user(ctx.sessions, "admin", "admin", "1234", "", "pc")
    users.add_user(ctx.sessions, "clerk1", "clerk", "5678", "admin", "pc")
    ctx.close()
    monkeypatch.setenv("RETURNSDESK_PIN", "5678")
    args = ["--home", str(home), "--db", f"sqlite:///{home / 'returnsdesk.db'}", "--user", "clerk1"]
    assert main(["evidence", "clean", *args]) == 1
    assert "无权限" in capsys.readouterr().err
    monkeypatch.setenv("RETURNSDESK_PIN", "1234")
    args[-1] = "admin"
    assert main(["evidence", "clean", "--json", *args]) == 0
    assert json.loads(capsys.readouterr().out)["removed"] == 0
