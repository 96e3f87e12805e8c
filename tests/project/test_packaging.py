"""Packaging: every Python package of the source tree is in pyproject.toml's explicit package
list, so a real (non-editable) install carries it; the one-folder build (packaging/) carries
every module and data file; the entry points resolve."""

import importlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from helpers.paths import ROOT


def test_every_package_is_listed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    listed = set(config["packages"])
    dirs = {name: ROOT / path for name, path in config["package-dir"].items()}
    found = set()
    for name, top in dirs.items():
        for init in top.rglob("__init__.py"):
            rel = init.parent.relative_to(top).parts
            found.add(".".join((name, *rel)))
    assert found - listed == set()


def _bundle():
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import bundle
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    return bundle


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _bundle().stage_sources(ROOT, tmp_path_factory.mktemp("stage") / "src")


def test_staged_sources_have_the_installed_layout(staged: Path) -> None:
    assert (staged / "returnsdesk" / "ui" / "app.py").is_file()
    assert (staged / "returnsdesk" / "printing" / "fonts.py").is_file()
    assert (staged / "returnsdesk" / "resources" / "shop.toml").is_file()
    assert not list(staged.rglob("__pycache__"))


def test_build_carries_every_file_read_at_run_time(staged: Path) -> None:
    data = {
        (Path(src).relative_to(staged).as_posix(), dest)
        for src, dest in _bundle().app_data(ROOT, staged)
    }
    names = {src for src, _ in data}
    for needed in (
        "returnsdesk/resources/shop.toml",
        "returnsdesk/resources/import_presets.toml",
        "returnsdesk/resources/messages_en.json",
        "returnsdesk/resources/translations/returnsdesk_en.ts",
        "returnsdesk/db/migrations/env.py",
        "returnsdesk/db/migrations/script.py.mako",
    ):
        assert needed in names
    versions = {p.name for p in (ROOT / "returnsdesk/db/migrations/versions").glob("0*.py")}
    assert versions
    assert {f"returnsdesk/db/migrations/versions/{v}" for v in versions} <= names
    # each file lands in the folder importlib.resources looks in
    assert all(Path(src).parent.as_posix() == dest for src, dest in data)


def test_build_imports_every_module(staged: Path) -> None:
    from returnsdesk.cli import COMMANDS

    modules = set(_bundle().modules(staged))
    assert {c.__name__ for c in COMMANDS} <= modules
    assert {
        "returnsdesk.ui.app",
        "returnsdesk.ui.common.print_qt",
        "returnsdesk.printing.fonts",
    } <= modules
    assert "returnsdesk.__main__" in modules


def test_build_drops_only_the_on_screen_keyboard() -> None:
    wanted = _bundle().wanted
    plugins = "PySide6/Qt/plugins"
    for kept in (
        f"{plugins}/platforms/libqoffscreen.so",
        f"{plugins}/platforms/libqxcb.so",
        f"{plugins}/platforms/qwindows.dll",
        f"{plugins}/imageformats/libqjpeg.so",
        f"{plugins}/printsupport/libcupsprintersupport.so",
        f"{plugins}/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/lib/libQt6PrintSupport.so.6",
    ):
        assert wanted(kept), kept
    for dropped in (
        f"{plugins}/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt6Quick.dll",
    ):
        assert not wanted(dropped), dropped


def test_entry_points_resolve() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["returnsdesk"] == "returnsdesk.cli:main"
    assert set(project["gui-scripts"]) == {"returnsdesk-gui"}
    for target in (*project["scripts"].values(), *project["gui-scripts"].values()):
        module, _, attr = target.partition(":")
        assert callable(getattr(importlib.import_module(module), attr))
    assert "pyinstaller" in " ".join(project["optional-dependencies"]["dist"]).lower()


def test_python_dash_m_is_the_command() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "returnsdesk", "--help"], capture_output=True, text=True, check=False
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("usage: returnsdesk")
    bad = subprocess.run(
        [sys.executable, "-m", "returnsdesk", "no-such-command"], capture_output=True, text=True
    )
    assert bad.returncode == 2


def test_a_shipped_font_is_the_last_resort(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from returnsdesk.printing import fonts
    from returnsdesk.resources import bundled_fonts

    system = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    if not system.is_file():
        pytest.skip("needs fonts-wqy-microhei (scripts/install-system-deps.sh)")
    staged = _bundle().stage_fonts(tmp_path, [(str(system), str(ROOT / "README.md"))])
    folder = tmp_path / "returnsdesk" / "resources" / "fonts"
    assert {Path(p).name for p in staged} == {"wqy-microhei.ttc", "wqy-microhei-LICENSE.txt"}
    assert bundled_fonts(folder) == [str(folder / "wqy-microhei.ttc")]
    assert bundled_fonts() == []  # a source checkout ships none

    monkeypatch.setattr(fonts, "CANDIDATES", (str(tmp_path / "none.ttc"),))
    monkeypatch.setattr(fonts, "bundled_fonts", lambda: bundled_fonts(folder))
    fonts._find.cache_clear()
    try:
        assert fonts.find_font() == "RD-wqy-microhei"
    finally:
        fonts._find.cache_clear()
