"""An output path that cannot be written is one line in the user's language, exit 1.

Every command that writes a file (reports, print --out, reship exports, backup --to) is run
against paths the tests can make unwritable even as root: a folder where a file is asked
for, a file standing where a folder should be, a name over 255 bytes, and /proc, which no
one can write into (caught when the write itself fails).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from returnsdesk.cli import main

COMMANDS = [
    ["report", "weekly", "--out", "{p}.xlsx"],
    ["report", "money", "--out", "{p}.csv"],
    ["report", "claims", "--out", "{p}.xlsx"],
    ["report", "repairs", "--out", "{p}.xlsx"],
    ["print", "commands", "--out", "{p}.pdf"],
    ["print", "day-sheet", "--out", "{p}.pdf"],
    ["reship", "problems", "--out", "{p}.xlsx"],
    ["reship", "archive", "--out", "{p}.xlsx"],
    ["backup", "--to", "{p}"],
]
IDS = ["-".join(c[:2]).replace("--", "") for c in COMMANDS]


def _run(
    cmd: list[str], target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, list[str]]:
    args = [a.replace("{p}", target) for a in cmd]
    db = f"sqlite:///{tmp_path / 'rd.db'}"
    code = main([*args, "--home", str(tmp_path / "home"), "--db", db, *extra])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err.strip().splitlines()


@pytest.mark.parametrize("cmd", COMMANDS, ids=IDS)
def test_unwritable_output_is_one_line_and_nothing_is_written(
    cmd: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    for target in (str(a_file / "sub" / "out"), str(tmp_path / ("退货" * 50))):
        code, err = _run(cmd, target, tmp_path, capsys)
        assert code == 1, (target, err)
        assert len(err) == 1, (target, err)
        assert err[0].startswith("无法写入 "), err
        assert "Errno" not in err[0], err
    assert not (tmp_path / "rd.db").exists()  # refused before the database was opened
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


@pytest.mark.parametrize("cmd", COMMANDS, ids=IDS)
def test_a_folder_for_a_file_a_file_for_a_folder_and_proc(
    cmd: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "taken"
    suffix = next(c for c in cmd if "{p}" in c).replace("{p}", "")
    if cmd[0] == "backup":
        taken.write_text("a file where the backup folder should be")
    else:
        Path(f"{taken}{suffix}").mkdir()  # a folder named like the file asked for
    for target in (str(taken), "/proc/returnsdesk-nowhere/out"):
        code, err = _run(cmd, target, tmp_path, capsys)
        assert code == 1, (target, err)
        assert len(err) == 1, (target, err)
        assert err[0].startswith("无法写入 "), (target, err)


def test_the_line_is_in_english_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    cmd = ["report", "weekly", "--out", "{p}.xlsx"]
    code, err = _run(cmd, str(a_file / "out"), tmp_path, capsys, "--lang", "en")
    assert code == 1
    assert err == [f"Cannot write {a_file}: a part of the path is not a folder"]
