"""The one-folder build (``make bench`` builds it first): its size in MB and the seconds from
exec to a ready scan box, for the first start of a fresh copy (new database) and for three
starts after it. Targets: < 300 MB, first start < 5 s, later starts < 3 s (2-core machine)."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import pytest

from helpers.paths import ROOT

sys.path.insert(0, str(ROOT / "packaging"))
from smoke import EXE, copy_out, folder_size_mb, start_gui, stripped_env

BUILD = ROOT / "dist" / "returnsdesk"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    if not (BUILD / EXE).is_file():
        pytest.skip("no build in dist/returnsdesk: make dist")
    where = tmp_path_factory.mktemp("install")
    home = where / "home"
    home.mkdir()
    return copy_out(BUILD, where), stripped_env(home)


def test_build_size(installed: tuple[Path, dict[str, str]], capsys) -> None:  # type: ignore[no-untyped-def]
    exe, _ = installed
    size = folder_size_mb(exe.parent)
    with capsys.disabled():
        print(f"\nbuild folder: {size:.0f} MB")
    assert size < 300


def test_start_to_ready_scan_box(installed, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    exe, env = installed

    def start(name: str) -> float:
        seconds, code, out = start_gui(exe, env, 0, tmp_path / f"{name}.png")
        assert code == 0, out
        assert "scan box ready" in out, out
        return seconds

    first = start("first")
    later = [start(f"later-{i}") for i in range(3)]
    with capsys.disabled():
        print(
            f"\nexec to ready scan box: first start {first:.2f} s, "
            f"then {statistics.median(later):.2f} s (median of {', '.join(f'{s:.2f}' for s in later)})"
        )
    assert first < 5
    assert statistics.median(later) < 3
