"""With the platform faked as Windows: data under %LOCALAPPDATA%, the Windows user name,
printers through Qt and never ``lp``, the Windows font named when none is found."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs
import platformdirs.windows
import pytest

from returnsdesk.config import Settings
from returnsdesk.errors import FontMissing, PrinterUnavailable
from returnsdesk.printing import fonts
from returnsdesk.printing.backends import (
    FolderBackend,
    backend_for,
    default_backends,
    display_name,
    split_printer,
)

LOCALAPPDATA = r"C:\Users\xiaowang\AppData\Local"


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    # platformdirs chose its class for this machine at import; Windows' reads the known
    # folders from the Windows API, here from the environment Windows also sets
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(
        platformdirs.windows,
        "_RESOLVE_WIN_FOLDER",
        platformdirs.windows.get_win_folder_from_env_vars,
    )
    monkeypatch.setenv("LOCALAPPDATA", LOCALAPPDATA)
    monkeypatch.setenv("USERNAME", "小王")
    for name in ("USER", "RETURNSDESK_HOME", "RETURNSDESK_DB", "RETURNSDESK_USER"):
        monkeypatch.delenv(name, raising=False)

    def no_subprocess(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"no program is run on Windows: {args}")

    monkeypatch.setattr(subprocess, "run", no_subprocess)


def _win(path: object) -> str:
    return str(path).replace("/", "\\")


@pytest.mark.usefixtures("windows")
def test_data_lives_in_localappdata() -> None:
    s = Settings.resolve()
    assert _win(s.home) == LOCALAPPDATA + r"\ReturnsDesk"
    assert _win(s.db_url) == "sqlite:\\\\\\" + LOCALAPPDATA + r"\ReturnsDesk\returnsdesk.db"
    assert s.user == "小王"


@pytest.mark.usefixtures("windows")
def test_a_bare_printer_name_is_a_windows_printer() -> None:
    assert split_printer("HP LaserJet") == ("qt", "HP LaserJet")
    assert split_printer("qt:") == ("qt", "")
    assert split_printer("") == ("folder", "")
    assert display_name("Zebra ZD421") == "Zebra ZD421 (Qt)"


@pytest.mark.usefixtures("windows")
def test_no_cups_on_windows(tmp_path: Path) -> None:
    backends = default_backends(tmp_path)
    assert set(backends) == {"folder"}
    # the command line has no Qt: a Windows printer is refused in one line, lp is never run
    with pytest.raises(PrinterUnavailable):
        backend_for(backends, "HP LaserJet")
    with pytest.raises(PrinterUnavailable):
        backend_for(backends, "cups:Label")
    backend, target = backend_for(backends, "")
    assert isinstance(backend, FolderBackend)
    pdf = tmp_path / "in.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    saved = Path(backend.send(pdf, target, "", 1, "标签 P00000001"))
    assert saved.parent == tmp_path / "print"


@pytest.mark.usefixtures("windows")
def test_font_missing_names_the_windows_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "CANDIDATES", ())
    monkeypatch.setattr(fonts, "bundled_fonts", list)
    fonts._find.cache_clear()
    try:
        with pytest.raises(FontMissing) as err:
            fonts.find_font()
    finally:
        fonts._find.cache_clear()
    assert "微软雅黑" in err.value.text("zh_CN")


def test_linux_keeps_cups(tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("the real platform is Windows")
    assert split_printer("Label") == ("cups", "Label")
    assert set(default_backends(tmp_path)) == {"cups", "folder"}
