"""Printers that fail the way a shop's printers do, on the private test CUPS server.

Each test makes its own queue (lpadmin on CUPS_SERVER) and removes it afterwards: a device
that cannot be reached (a socket:// URI to a closed local port), a queue paused in the middle
of a batch and enabled again, a queue removed in the middle of a batch. A job counts as
printed only when CUPS completed it; failed jobs keep the printer's reason and print once
the printer accepts again. `make test` starts the server (scripts/cups-test-server.sh).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from returnsdesk.config import Settings
from returnsdesk.context import AppContext
from returnsdesk.db.engine import SessionFactory
from returnsdesk.errors import PrinterUnavailable
from returnsdesk.printing.backends import CupsBackend
from returnsdesk.services.common.setup import open_database
from returnsdesk.services.printing import queue as print_queue

from helpers.factories import ItemSpec, parcel
from helpers.services import need_service

SERVER = os.environ.get("CUPS_SERVER", "")
PDF_QUEUE = os.environ.get("RETURNSDESK_TEST_CUPS_QUEUE", "")
PPD = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"
LATER = dt.timedelta(hours=1)
MAIN = "import sys; from returnsdesk.cli import main; sys.exit(main(sys.argv[1:]))"


pytestmark = pytest.mark.cups


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


UNREACHABLE = f"socket://127.0.0.1:{_closed_port()}"
WORKING = f"cups-pdf:/{PDF_QUEUE}"  # cups-pdf reads the config named after the main queue


def _admin(*args: str) -> None:
    subprocess.run(list(args), check=True, capture_output=True)


def _unfinished(queue: str) -> list[str]:
    out = subprocess.run(["lpstat", "-o", queue], capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


@pytest.fixture
def queue() -> Iterator[str]:
    """A fresh queue on a device nobody answers (a label printer switched off)."""
    need_service("CUPS", bool(SERVER and PDF_QUEUE))
    name = f"rd_fault_{uuid.uuid4().hex[:8]}"
    _admin("lpadmin", "-p", name, "-E", "-v", UNREACHABLE, "-P", PPD)
    yield name
    subprocess.run(["cancel", "-a", name], capture_output=True)
    subprocess.run(["lpadmin", "-x", name], capture_output=True)


def _parcels(sessions: SessionFactory, n: int) -> list[int]:
    with sessions.begin() as s:
        return [
            parcel(
                s,
                dt.date(2026, 11, 22),
                [ItemSpec()],
                tracking_no=f"YT98765432{i:02d}",
                slip_no=i + 1,
                buyer=f"tb_fault_{i}",
                return_string=f"tb_fault_{i} 5815深紫W7*1 尺码偏小 完好",
            ).id
            for i in range(n)
        ]


def _settings(tmp_path: Path, shop) -> Settings:  # type: ignore[no-untyped-def]
    return Settings(
        home=tmp_path / "home", db_url="sqlite://", station="bench-1", user="clerk1", shop=shop
    )


class Interrupting(CupsBackend):
    """Runs ``fault`` (cupsdisable, lpadmin -x) once, right after the first job reached CUPS."""

    def __init__(self, fault: list[str], **kw: float) -> None:
        super().__init__(**kw)
        self.fault: list[str] | None = fault

    def follow(self, target: str, job_id: int) -> None:
        if self.fault is not None:
            _admin(*self.fault)
            self.fault = None
        super().follow(target, job_id)


def _drain(sessions: SessionFactory, settings: Settings, backends: dict) -> list:  # type: ignore[type-arg]
    done = []
    while (job := print_queue.process_next(sessions, settings, backends)) is not None:
        done.append(job)
    return done


def test_unreachable_printer_is_never_reported_printed(queue: str, tmp_path: Path, shop) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    db = f"sqlite:///{tmp_path / 'rd.db'}"
    ctx = open_database(Settings.resolve(home=str(home), db=db))
    (pid,) = _parcels(ctx.sessions, 1)
    ctx.close()
    env = {**os.environ, "RETURNSDESK_PRINT_TIMEOUT": "3", "RETURNSDESK_LANG": "zh_CN"}
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            MAIN,
            "print",
            "label",
            str(pid),
            "--printer",
            f"cups:{queue}",
            "--home",
            str(home),
            "--db",
            db,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "已打印" not in run.stdout
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "Traceback" not in run.stderr
    assert queue in lines[0]
    assert "3 秒内没有打完" in lines[0]
    assert "保留在队列中" in lines[0]
    ctx = AppContext.open(Settings.resolve(home=str(home), db=db))
    (job,) = print_queue.list_jobs(ctx.sessions)
    ctx.close()
    assert job.state == "failed"
    assert queue in job.error
    assert _unfinished(queue) == []  # withdrawn from CUPS: it will not print behind our back


def test_queue_paused_mid_batch_fails_with_reason_then_prints_after_cupsenable(
    queue: str, sessions: SessionFactory, tmp_path: Path, shop
) -> None:  # type: ignore[no-untyped-def]
    settings = _settings(tmp_path, shop)
    jobs = [
        print_queue.enqueue(sessions, "label", str(p), "clerk1", "bench-1", f"cups:{queue}")
        for p in _parcels(sessions, 3)
    ]
    fault = ["cupsdisable", "-r", "缺纸", queue]
    backends = {"cups": Interrupting(fault, job_timeout=30, poll_interval=0.2)}
    first = _drain(sessions, settings, backends)
    assert [(j.id, j.state) for j in first] == [(j, "failed") for j in jobs]
    # the reason is what CUPS says: the operator's text (-r) when the queue was idle; when
    # it was paused in the middle of a job CUPS may keep the device's last message instead,
    # or only printer-state-reasons (paused)
    for j in first:
        assert queue in j.error, j.error
        assert "暂停" in j.error, j.error
        assert j.error.split(": ", 1)[1] not in ("", "-"), j.error
    assert _unfinished(queue) == []
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + LATER
    assert print_queue.retry_ready(sessions, settings, backends, now=later) == []  # still off
    _admin("lpadmin", "-p", queue, "-v", WORKING)  # the printer is switched on again
    _admin("cupsenable", queue)
    assert print_queue.retry_ready(sessions, settings, backends, now=later) == jobs
    second = _drain(sessions, settings, backends)
    assert [(j.id, j.state, j.error, j.attempts) for j in second] == [
        (j, "done", "", 2) for j in jobs
    ]


def test_queue_removed_mid_batch_keeps_every_job_failed_until_it_is_back(
    queue: str, sessions: SessionFactory, tmp_path: Path, shop
) -> None:  # type: ignore[no-untyped-def]
    settings = _settings(tmp_path, shop)
    jobs = [
        print_queue.enqueue(sessions, "label", str(p), "clerk1", "bench-1", f"cups:{queue}")
        for p in _parcels(sessions, 2)
    ]
    backends = {"cups": Interrupting(["lpadmin", "-x", queue], job_timeout=30, poll_interval=0.2)}
    first = _drain(sessions, settings, backends)
    assert [j.state for j in first] == ["failed", "failed"]
    assert "已被删除" in first[0].error, [j.error for j in first]
    assert "不存在" in first[1].error, [j.error for j in first]
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + LATER
    assert print_queue.retry_ready(sessions, settings, backends, now=later) == []
    assert [print_queue.get_job(sessions, j).state for j in jobs] == ["failed", "failed"]
    _admin("lpadmin", "-p", queue, "-E", "-v", WORKING, "-P", PPD)
    assert print_queue.retry_ready(sessions, settings, backends, now=later) == jobs
    assert [j.state for j in _drain(sessions, settings, backends)] == ["done", "done"]


def test_held_job_is_failed_and_withdrawn(queue: str, tmp_path: Path) -> None:
    _admin("lpadmin", "-p", queue, "-v", WORKING, "-o", "job-hold-until-default=indefinite")
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(PrinterUnavailable, match="挂起") as caught:
        CupsBackend(job_timeout=20, poll_interval=0.2).send(pdf, queue, "", 1, "held")
    assert queue in str(caught.value)
    assert _unfinished(queue) == []
