"""Print backends behind one interface: CUPS (``lp``) and "save the PDF to a folder".

A printer is named ``scheme:target``: ``cups:Label_1``, ``folder:/path/to/dir``, ``qt:Name``
(the Qt backend lives in ``returnsdesk.ui.print_qt``). A bare name means CUPS, or the Windows
printer of that name on Windows (no ``lp`` there); an empty one means the default folder. Failures raise ``PrinterUnavailable`` with a Chinese reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from returnsdesk.errors import PrinterUnavailable


class Backend(Protocol):
    scheme: str

    def send(self, pdf: Path, target: str, media: str, copies: int, title: str) -> str:
        """Print ``pdf``; return a short note (job id, saved path). Raise PrinterUnavailable."""
        ...

    def printers(self) -> list[str]:
        """Targets this backend can offer in the settings dialog."""
        ...


def split_printer(printer: str) -> tuple[str, str]:
    """``"cups:Label"`` → ``("cups", "Label")``; bare names are CUPS (Qt on Windows), empty is
    the folder."""
    if not printer:
        return "folder", ""
    scheme, sep, target = printer.partition(":")
    if sep and scheme in ("cups", "folder", "qt"):
        return scheme, target
    return ("qt" if sys.platform == "win32" else "cups"), printer


def display_name(printer: str) -> str:
    scheme, target = split_printer(printer)
    if scheme == "folder":
        return f"保存PDF: {target or '默认文件夹'}"
    return target if scheme == "cups" else f"{target} (Qt)"


def _c_env() -> dict[str, str]:
    """CUPS tools in English, whatever the desktop's language, so their state can be read."""
    return {**os.environ, "LANG": "C", "LC_ALL": "C"}


class CupsBackend:
    """``lp -d PRINTER -n COPIES -o media=…``; a disabled or missing queue is refused first."""

    scheme = "cups"

    def __init__(self, timeout: float = 30) -> None:
        self.timeout = timeout

    def _run(self, args: list[str], printer: str) -> subprocess.CompletedProcess[str]:
        if shutil.which(args[0]) is None:
            raise PrinterUnavailable(printer=printer, detail="未安装 CUPS 打印系统 (lp)")
        try:
            return subprocess.run(
                args, capture_output=True, text=True, timeout=self.timeout, env=_c_env()
            )
        except subprocess.TimeoutExpired:
            raise PrinterUnavailable(printer=printer, detail="打印服务无响应") from None

    def state(self, target: str) -> None:
        """Raise when the queue is missing, paused (cupsdisable) or not accepting jobs."""
        r = self._run(["lpstat", "-p", target, "-a", target], target)
        out = r.stdout + r.stderr
        if r.returncode != 0 or "Invalid destination" in out or "No destinations" in out:
            if "connect" in out.lower() or "server" in out.lower():
                raise PrinterUnavailable(printer=target, detail="连接不上打印服务 (CUPS)")
            raise PrinterUnavailable(printer=target, detail="打印机不存在")
        if re.search(rf"printer {re.escape(target)} disabled", out):
            reason = _reason(out)
            raise PrinterUnavailable(printer=target, detail=f"打印机已暂停{reason}")
        if re.search(rf"{re.escape(target)} not accepting", out):
            raise PrinterUnavailable(printer=target, detail="打印机拒绝接收任务")

    def send(self, pdf: Path, target: str, media: str, copies: int, title: str) -> str:
        if not target:
            raise PrinterUnavailable(printer="", detail="没有选择打印机")
        self.state(target)
        args = ["lp", "-d", target, "-n", str(max(1, copies)), "-t", title]
        if media:
            args += ["-o", f"media={media}"]
        r = self._run([*args, str(pdf)], target)
        if r.returncode != 0:
            detail = (r.stderr or r.stdout).strip().splitlines()
            raise PrinterUnavailable(
                printer=target, detail="打印失败 " + (detail[0] if detail else "")
            )
        m = re.search(r"request id is (\S+)", r.stdout)
        return m.group(1) if m else r.stdout.strip()

    def printers(self) -> list[str]:
        if shutil.which("lpstat") is None:
            return []
        try:
            r = subprocess.run(
                ["lpstat", "-e"], capture_output=True, text=True, timeout=10, env=_c_env()
            )
        except (subprocess.TimeoutExpired, OSError):
            return []
        return [line.strip() for line in r.stdout.splitlines() if line.strip()]


def _reason(lpstat_out: str) -> str:
    """The operator's pause reason from ``lpstat -p`` (indented line after 'disabled')."""
    lines = lpstat_out.splitlines()
    for i, line in enumerate(lines):
        if "disabled" in line and i + 1 < len(lines) and lines[i + 1].startswith(("\t", " ")):
            text = lines[i + 1].strip()
            if text and not text.startswith("Paused"):
                return f": {text}"
    return ""


class FolderBackend:
    """Saves each document as a PDF in a folder (the default, and the fallback for tests)."""

    scheme = "folder"

    def __init__(self, default_dir: Path) -> None:
        self.default_dir = default_dir

    def send(self, pdf: Path, target: str, media: str, copies: int, title: str) -> str:
        folder = Path(target).expanduser() if target else self.default_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
            safe = re.sub(r'[\\/:*?"<>|\s]+', "_", title) or "document"
            dest = folder / f"{safe}.pdf"
            n = 1
            while dest.exists():
                n += 1
                dest = folder / f"{safe}-{n}.pdf"
            shutil.copyfile(pdf, dest)
        except OSError as exc:
            raise PrinterUnavailable(
                printer=str(folder), detail=f"无法保存: {exc.strerror}"
            ) from exc
        return str(dest)

    def printers(self) -> list[str]:
        return [str(self.default_dir)]


def default_backends(home: Path) -> dict[str, Backend]:
    """The backends every front end has; the GUI adds ``qt``. Windows has no CUPS."""
    folder = FolderBackend(home / "print")
    if sys.platform == "win32":
        return {"folder": folder}
    return {"cups": CupsBackend(), "folder": folder}


def backend_for(backends: Mapping[str, Backend], printer: str) -> tuple[Backend, str]:
    scheme, target = split_printer(printer)
    backend = backends.get(scheme)
    if backend is None:
        raise PrinterUnavailable(printer=printer, detail=f"此程序不支持 {scheme} 打印")
    return backend, target
