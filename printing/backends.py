"""Print backends behind one interface: CUPS (``lp``) and "save the PDF to a folder".

A printer is named ``scheme:target``: ``cups:Label_1``, ``folder:/path/to/dir``, ``qt:Name``
(the Qt backend lives in ``returnsdesk.ui.common.print_qt``). A bare name means CUPS, or the Windows
printer of that name on Windows (no ``lp`` there); an empty one means the default folder. Failures raise ``PrinterUnavailable`` with a Chinese reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from returnsdesk.errors import PrinterUnavailable
from returnsdesk.i18n import Message, translate
from returnsdesk.printing.cups_ipp import (
    ABORTED,
    CANCELED,
    COMPLETED,
    HELD,
    STOPPED,
    IppClient,
    IppUnavailable,
    JobState,
    QueueState,
)


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


def display_name(printer: str, lang: str = "zh_CN") -> str:
    scheme, target = split_printer(printer)
    if scheme == "folder":
        return translate("保存PDF: {target}", lang, target=target or Message("默认文件夹"))
    return target if scheme == "cups" else f"{target} (Qt)"


def _c_env() -> dict[str, str]:
    """CUPS tools in English, whatever the desktop's language, so their state can be read."""
    return {**os.environ, "LANG": "C", "LC_ALL": "C"}


class CupsBackend:
    """``lp -d PRINTER -n COPIES -o media=…``, then the job is followed until CUPS completed it.

    A job counts as printed only when CUPS reports it completed within ``job_timeout``
    seconds; held, stopped, aborted or cancelled, a queue that stops or disappears, or no end
    in time raise ``PrinterUnavailable`` with the printer's reason, after the CUPS job is
    cancelled, so that a retry never prints the document twice.
    """

    scheme = "cups"

    def __init__(
        self, timeout: float = 30, job_timeout: float = 60, poll_interval: float = 0.5
    ) -> None:
        self.timeout = timeout
        self.job_timeout = job_timeout
        self.poll_interval = poll_interval
        self.ipp = IppClient(timeout=min(timeout, 10))

    def _run(self, args: list[str], printer: str) -> subprocess.CompletedProcess[str]:
        if shutil.which(args[0]) is None:
            raise PrinterUnavailable(printer=printer, detail=Message("未安装 CUPS 打印系统 (lp)"))
        try:
            return subprocess.run(
                args, capture_output=True, text=True, timeout=self.timeout, env=_c_env()
            )
        except subprocess.TimeoutExpired:
            raise PrinterUnavailable(printer=printer, detail=Message("打印服务无响应")) from None

    def _queue(self, target: str) -> QueueState:
        try:
            return self.ipp.queue(target)
        except IppUnavailable as exc:
            if shutil.which("ipptool") is None:
                raise PrinterUnavailable(
                    printer=target, detail=Message("未安装 ipptool (cups-ipp-utils)")
                ) from None
            raise PrinterUnavailable(
                "连接不上打印服务 (CUPS) {printer}: {reason}", printer=target, reason=str(exc)
            ) from None

    def state(self, target: str) -> None:
        """Raise when the queue is missing, paused (cupsdisable) or not accepting jobs."""
        q = self._queue(target)
        if not q.found:
            raise PrinterUnavailable(printer=target, detail=Message("打印机不存在"))
        if q.stopped:
            raise PrinterUnavailable(
                "打印机已暂停 {printer}: {reason}",
                printer=target,
                reason=_why(q.message, q.reasons),
            )
        if not q.accepting:
            raise PrinterUnavailable(printer=target, detail=Message("打印机拒绝接收任务"))

    def send(self, pdf: Path, target: str, media: str, copies: int, title: str) -> str:
        if not target:
            raise PrinterUnavailable(printer="", detail=Message("没有选择打印机"))
        self.state(target)
        args = ["lp", "-d", target, "-n", str(max(1, copies)), "-t", title]
        if media:
            args += ["-o", f"media={media}"]
        r = self._run([*args, str(pdf)], target)
        if r.returncode != 0:
            detail = (r.stderr or r.stdout).strip().splitlines()
            raise PrinterUnavailable(
                printer=target,
                detail=Message("打印失败 {reason}", reason=detail[0] if detail else ""),
            )
        m = re.search(r"request id is (\S+)-(\d+)", r.stdout)
        if m is None:
            raise PrinterUnavailable(
                printer=target, detail=Message("打印失败 {reason}", reason=r.stdout.strip())
            )
        self.follow(target, int(m.group(2)))
        return f"{m.group(1)}-{m.group(2)}"

    def follow(self, target: str, job_id: int) -> None:
        """Return once CUPS completed the job; raise (and cancel the job) on anything else."""
        deadline = time.monotonic() + self.job_timeout
        last = ""
        while True:
            try:
                job = self.ipp.job(job_id)
            except IppUnavailable as exc:
                self.ipp.cancel(target, job_id)
                raise PrinterUnavailable(
                    "连接不上打印服务 (CUPS) {printer}: {reason}", printer=target, reason=str(exc)
                ) from None
            if job.state == COMPLETED:
                return
            last = job.message or last
            failure = self._failure(target, job)
            if failure is None and time.monotonic() >= deadline:
                failure = PrinterUnavailable(
                    "打印机 {printer} 在 {seconds} 秒内没有打完: {reason}",
                    printer=target,
                    seconds=round(self.job_timeout),
                    reason=_why(last, job.reasons),
                )
            if failure is not None:
                if job.found and job.state < CANCELED:
                    self.ipp.cancel(target, job_id)
                raise failure
            time.sleep(self.poll_interval)

    def _failure(self, target: str, job: JobState) -> PrinterUnavailable | None:
        """Why this job will not complete now, or None while it may still print."""
        q = self._queue(target)
        if not q.found:  # lpadmin -x cancels the queue's jobs: say why
            return PrinterUnavailable("打印机 {printer} 已被删除, 任务未打印", printer=target)
        if not job.found:
            return PrinterUnavailable("打印任务已从 CUPS 中消失 {printer}", printer=target)
        why = _why(job.message, job.reasons)
        if job.state == ABORTED:
            return PrinterUnavailable(
                "打印任务被中止 {printer}: {reason}", printer=target, reason=why
            )
        if job.state == CANCELED:
            return PrinterUnavailable(
                "打印任务被取消 {printer}: {reason}", printer=target, reason=why
            )
        if job.state == HELD:
            return PrinterUnavailable(
                "打印任务被挂起 {printer}: {reason}", printer=target, reason=why
            )
        if job.state == STOPPED or q.stopped:
            reason = _why(q.message or job.message, q.reasons)
            return PrinterUnavailable(
                "打印机已暂停 {printer}: {reason}", printer=target, reason=reason
            )
        return None

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


def _why(message: str, reasons: str) -> str:
    """The printer's own words, else its state keywords (``paused``, ``job-canceled-…``)."""
    words = [r for r in reasons.split(",") if r and r not in ("none", "job-printing")]
    return message.strip() or ", ".join(words) or "-"


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
                printer=str(folder), detail=Message("无法保存: {reason}", reason=exc.strerror)
            ) from exc
        return str(dest)

    def printers(self) -> list[str]:
        return [str(self.default_dir)]


def default_backends(home: Path) -> dict[str, Backend]:
    """The backends every front end has; the GUI adds ``qt``. Windows has no CUPS."""
    folder = FolderBackend(home / "print")
    if sys.platform == "win32":
        return {"folder": folder}
    return {"cups": CupsBackend(job_timeout=_job_timeout()), "folder": folder}


def _job_timeout(default: float = 60) -> float:
    """Seconds a CUPS job may take to complete: ``RETURNSDESK_PRINT_TIMEOUT`` (default 60)."""
    try:
        value = float(os.environ.get("RETURNSDESK_PRINT_TIMEOUT", default))
    except ValueError:
        return default
    return value if value > 0 else default


def backend_for(backends: Mapping[str, Backend], printer: str) -> tuple[Backend, str]:
    scheme, target = split_printer(printer)
    backend = backends.get(scheme)
    if backend is None:
        raise PrinterUnavailable(
            printer=printer, detail=Message("此程序不支持 {scheme} 打印", scheme=scheme)
        )
    return backend, target
