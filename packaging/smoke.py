"""Smoke test of the one-folder build: ``python packaging/smoke.py dist/returnsdesk [OUT_DIR]``.

The folder is copied outside the repository and run with a stripped environment (only HOME,
PATH=/usr/bin:/bin and QT_QPA_PLATFORM=offscreen), as a shop PC without Python would run it:
``--help``, ``demo``, ``register`` of one parcel from stdin, ``print label --out`` (checked with
poppler), ``report weekly --out`` an XLSX, an order import large enough to start the reader
process, ``db upgrade`` and ``register`` on a scratch PostgreSQL database when
``RETURNSDESK_TEST_PG`` names a test server, a clip of the registered parcel recorded from the
synthetic camera (``RETURNSDESK_CAMERA=test``: PyAV, x264 and lavfi inside the build), verified
and exported as the dispute packet whose MP4 is decoded back, and the bench opened offscreen
for a few seconds with a screenshot. OUT_DIR (default
``build/dist-smoke``) keeps the label, the report and the screenshot to look at.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = "returnsdesk.exe" if sys.platform == "win32" else "returnsdesk"
PARCEL = {
    "tracking": "YT1234567890123",
    "buyer": "tb_xiaomei",
    "items": [
        {"model": "5815", "color": "深紫", "size": "W7", "reason": "尺码偏小", "condition": "完好"}
    ],
}


class SmokeFailure(Exception):
    pass


def stripped_env(home: Path) -> dict[str, str]:
    """What a fresh shop PC gives the app: no virtualenv, no RETURNSDESK_*, no LANG."""
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}


def copy_out(folder: Path, dest: Path) -> Path:
    """The built folder copied to ``dest``; returns the executable."""
    target = dest / "returnsdesk"
    shutil.copytree(folder, target, symlinks=True)
    return target / EXE


def folder_size_mb(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1e6


def start_gui(exe: Path, env: dict[str, str], seconds: float, shot: Path) -> tuple[float, int, str]:
    """Seconds from exec to the bench's "scan box ready" line, the exit code and the output."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [str(exe), "gui", "--quit-after", str(seconds), "--screenshot", str(shot)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    ready = time.perf_counter() - t0
    out, err = proc.communicate(timeout=120)
    return ready, proc.returncode, first + out + err


class Smoke:
    def __init__(self, exe: Path, home: Path, out: Path) -> None:
        self.exe, self.home, self.out = exe, home, out
        self.env = stripped_env(home)
        self.stderr = ""

    def run(self, *args: str, stdin: str | None = None, expect: int = 0) -> str:
        r = subprocess.run(
            [str(self.exe), *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )
        # a command that worked says nothing on stderr: a helper process that failed to start
        # (and was quietly replaced by parsing in this one) would show up here
        if r.returncode != expect or "Traceback" in r.stderr or (expect == 0 and r.stderr):
            raise SmokeFailure(
                f"returnsdesk {' '.join(args)}: exit {r.returncode}\n{r.stdout}{r.stderr}"
            )
        self.stderr = r.stderr
        return r.stdout

    def contents(self) -> None:
        """What is loaded only on demand (printing to a system printer, another language)."""
        inside = self.exe.parent / "_internal"
        qt = inside / "PySide6" / "Qt" / "plugins"
        for folder in ("platforms", "imageformats", "printsupport"):
            _expect(any((qt / folder).iterdir()), f"Qt plugins {folder}", qt)
        res = inside / "returnsdesk" / "resources"
        _expect((res / "translations" / "returnsdesk_en.ts").is_file(), "translations", res)
        _expect((inside / "returnsdesk/db/migrations/script.py.mako").is_file(), "migrations", "")
        if sys.platform.startswith("linux"):
            names = {p.name for p in (res / "fonts").glob("*")}
            _expect({"wqy-microhei.ttc", "wqy-microhei-LICENSE.txt"} <= names, "font", names)
        _ok("contents: Qt plugins, translations, migrations, font")

    def check(self) -> None:
        self.contents()
        usage = self.run("--help")
        _expect("usage: returnsdesk" in usage and "register" in usage, "--help", usage)
        _ok("--help")

        self.run("demo", "--orders", "200")
        _ok("demo")
        self.run(
            "--lang", "en", "print", "label", "99999", "--out", str(self.out / "x.pdf"), expect=1
        )
        _expect(
            len(self.stderr.splitlines()) == 1 and self.stderr[:1].isascii(),
            "a user error: one line, in English",
            self.stderr,
        )
        _ok(f"user error in English: {self.stderr.strip()}")

        line = self.run("register", stdin=json.dumps(PARCEL, ensure_ascii=False) + "\n")
        result = json.loads(line)
        # the demo shop has today's parcels already: the next slip number follows them
        slip = result.get("slip_no")
        _expect(
            isinstance(slip, int) and slip >= 1 and "tb_xiaomei" in result["return_string"],
            "register",
            line,
        )
        _ok(f"register: slip {result['slip_no']}, {result['return_string']}")

        label = self.out / "label.pdf"
        self.run("print", "label", str(result["id"]), "--out", str(label))
        fonts = _tool("pdffonts", label)
        _expect("TrueType" in fonts and " yes yes " in fonts, "label font embedded", fonts)
        text = _tool("pdftotext", label, "-")
        _expect("tb_xiaomei" in text and "纸条编号" in text, "label text", text)
        _ok("print label: Chinese font embedded, text readable")

        week = dt.date.today().strftime("%G-W%V")
        xlsx = self.out / "week.xlsx"
        self.run("report", "weekly", "--week", week, "--out", str(xlsx))
        with zipfile.ZipFile(xlsx) as z:
            names = z.namelist()
            body = "".join(z.read(n).decode("utf-8") for n in names if n.endswith(".xml"))
        _expect("xl/workbook.xml" in names and "tb_xiaomei" in body, "weekly XLSX", names)
        _ok(f"report weekly {week}: XLSX with the registration")

        self.clip(PARCEL["tracking"])
        self.import_large_file()
        self.postgresql()

        shot = self.out / "bench.png"
        ready, code, output = start_gui(self.exe, self.env, 4, shot)
        _expect(code == 0 and "scan box ready" in output, "gui", output)
        _expect(shot.is_file() and shot.stat().st_size > 10_000, "screenshot", output)
        _ok(f"gui: scan box ready after {ready:.1f} s, screenshot {shot}")

    def clip(self, tracking: str) -> None:
        """A clip of the parcel from the synthetic camera, recorded by the build, then its
        hash verified and the packet exported; the packet's MP4 decoded here."""
        camera = {**self.env, "RETURNSDESK_CAMERA": "test"}
        r = subprocess.run([str(self.exe), "evidence", "record", tracking, "--seconds", "2",
                            "--json"], env=camera, capture_output=True, text=True,
                           timeout=120)  # fmt: skip
        _expect(r.returncode == 0 and "Traceback" not in r.stderr, "evidence record",
                r.stdout + r.stderr)  # fmt: skip
        rec = json.loads(r.stdout)
        _expect(rec["frames"] >= 40, "clip frames (2 s at 25 fps and the pre-roll)", rec)
        self.run("evidence", "verify")
        packet = self.out / "packet.zip"
        got = json.loads(self.run("evidence", "export", tracking, "--out", str(packet), "--json"))
        _expect(got["clips"] == 1 and not got["missing"], "evidence export", got)
        import av

        with zipfile.ZipFile(packet) as z:
            mp4 = next(n for n in z.namelist() if n.endswith(".mp4"))
            (self.out / "clip.mp4").write_bytes(z.read(mp4))
        with av.open(str(self.out / "clip.mp4")) as c:
            frames = sum(1 for _ in c.decode(video=0))
        _expect(frames == rec["frames"], "the packet's MP4 holds every frame", (frames, rec))
        _ok(f"evidence: {rec['frames']} frames recorded, verified, exported as MP4")

    def postgresql(self) -> None:
        """The build's PostgreSQL driver, on a scratch database of the test server if one runs."""
        url = os.environ.get("RETURNSDESK_TEST_PG")
        if not url:
            print("--  postgresql: skipped (no RETURNSDESK_TEST_PG)", flush=True)
            return
        from sqlalchemy import create_engine, make_url, text

        name = f"rd_dist_smoke_{os.getpid()}"
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        try:
            db = make_url(url).set(database=name).render_as_string(hide_password=False)
            self.run("--db", db, "db", "upgrade")
            self.run("--db", db, "demo", "--orders", "50")
            line = self.run("--db", db, "register", stdin=json.dumps(PARCEL) + "\n")
            slip = json.loads(line).get("slip_no")
            _expect(isinstance(slip, int) and slip >= 1, "register on PostgreSQL", line)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            admin.dispose()
        _ok("postgresql: db upgrade, demo, register")

    def import_large_file(self) -> None:
        """A CSV over 16 MB is parsed in a spawned process: that process is this executable."""
        sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
        from export_gen import write_orders

        csv = self.home / "订单报表.csv"
        write_orders(csv, 70_000)
        _expect(csv.stat().st_size > 16 * 2**20, "export size", csv.stat().st_size)
        out = json.loads(self.run("import", "orders", str(csv), "--json"))
        _expect(out.get("imported") == 70_000, "import orders", out)
        _ok("import orders: 70,000 rows through the reader process")


def _tool(name: str, *args: object) -> str:
    r = subprocess.run([name, *map(str, args)], capture_output=True, text=True, check=True)
    return r.stdout


def _expect(cond: bool, what: str, detail: object) -> None:
    if not cond:
        raise SmokeFailure(f"{what}: unexpected result\n{detail}")


def _ok(what: str) -> None:
    print(f"ok  {what}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    folder = Path(args[0] if args else ROOT / "dist" / "returnsdesk")
    out = Path(args[1] if len(args) > 1 else ROOT / "build" / "dist-smoke").resolve()
    if not (folder / EXE).is_file():
        print(f"no build in {folder}: run make dist first", file=sys.stderr)
        return 1
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="returnsdesk-smoke-") as tmp:
        exe = copy_out(folder, Path(tmp))
        home = Path(tmp) / "home"
        home.mkdir()
        print(f"{folder_size_mb(exe.parent):.0f} MB, copied to {exe.parent}", flush=True)
        try:
            Smoke(exe, home, out).check()
        except SmokeFailure as exc:
            print(f"FAILED {exc}", file=sys.stderr)
            return 1
    print(f"build smoke test passed; label, report and screenshot in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
