"""A label printed through a real CUPS server into its cups-pdf queue, and a paused queue.

`make test` starts the server (scripts/cups-test-server.sh) and sets CUPS_SERVER,
RETURNSDESK_TEST_CUPS_QUEUE and RETURNSDESK_TEST_CUPS_PDF_DIR.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import time
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from returnsdesk.config import Settings
from returnsdesk.db.engine import SessionFactory
from returnsdesk.printing import settings as printer_settings
from returnsdesk.printing.backends import CupsBackend
from returnsdesk.services.printing import queue as print_queue

from helpers.factories import ItemSpec, parcel
from helpers.services import need_service

QUEUE = os.environ.get("RETURNSDESK_TEST_CUPS_QUEUE", "")
PDF_DIR = Path(os.environ.get("RETURNSDESK_TEST_CUPS_PDF_DIR", "/nonexistent"))
SERVER = os.environ.get("CUPS_SERVER", "")


pytestmark = pytest.mark.cups


@pytest.fixture
def cups_queue() -> str:
    need_service("CUPS", bool(QUEUE and SERVER))
    subprocess.run(["cupsenable", QUEUE], check=True)
    subprocess.run(["cupsaccept", QUEUE], check=True)
    return QUEUE


@pytest.fixture
def bench(tmp_path: Path, sessions: SessionFactory, shop) -> tuple[Settings, int]:  # type: ignore[no-untyped-def]
    settings = Settings(
        home=tmp_path / "home", db_url="sqlite://", station="bench-1", user="clerk1", shop=shop
    )
    with sessions.begin() as s:
        p = parcel(
            s,
            dt.date(2026, 11, 22),
            [ItemSpec()],
            tracking_no="YT9876543210",
            slip_no=42,
            buyer="tb_cups_test",
            return_string="tb_cups_test 5815深紫W7*1 尺码偏小 完好",
        )
        return settings, p.id


def _wait_for_output(cups_job: str, timeout: float = 60) -> Path:
    """cups-pdf names its file ``…-job_N.pdf`` after the CUPS job number."""
    number = cups_job.rsplit("-", 1)[-1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [p for p in PDF_DIR.glob(f"*job_{number}.pdf") if p.stat().st_size > 0]
        if found:
            time.sleep(0.3)  # let ghostscript finish writing
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"cups-pdf wrote nothing for {cups_job} in {PDF_DIR}")


def test_label_printed_through_cups_is_found_and_checked(
    cups_queue: str, bench: tuple[Settings, int], sessions: SessionFactory, tmp_path: Path
) -> None:
    settings, pid = bench
    printer_settings.save(
        settings.home,
        printer_settings.PrinterSettings().with_kind(
            "label", printer_settings.DocPrinter(f"cups:{cups_queue}", "100x150", 1)
        ),
    )
    job_id = print_queue.enqueue(sessions, "label", str(pid), "clerk1", "bench-1")
    before = {p.name for p in PDF_DIR.glob("*.pdf")}
    job = print_queue.process_next(sessions, settings)
    assert job is not None
    assert job.id == job_id
    assert (job.state, job.error) == ("done", "")
    # the newest file cups-pdf wrote
    deadline = time.monotonic() + 60
    new: list[Path] = []
    while time.monotonic() < deadline and not new:
        new = [p for p in PDF_DIR.glob("*.pdf") if p.name not in before and p.stat().st_size]
        time.sleep(0.2)
    assert new, "cups-pdf wrote no file"
    time.sleep(0.3)
    printed = new[0]
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True).stdout
    w, h = (float(v) for v in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())  # type: ignore[union-attr]
    assert (round(w / 72 * 25.4), round(h / 72 * 25.4)) == (100, 150)  # media=Custom.100x150mm
    fonts = subprocess.run(["pdffonts", str(printed)], capture_output=True, text=True).stdout
    assert "WenQuanYi" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])
    text = subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True).stdout
    assert "42" in text
    assert "tb_cups_test" in text
    subprocess.run(
        ["pdftoppm", "-r", "203", "-gray", str(printed), str(tmp_path / "p")], check=True
    )
    codes = zxingcpp.read_barcodes(Image.open(tmp_path / "p-1.pgm"))
    assert [c.text for c in codes] == [f"P{pid:08d}"]


def test_backend_copies_and_media_reach_cups(cups_queue: str, tmp_path: Path) -> None:
    from returnsdesk.printing.data import LabelData
    from returnsdesk.printing.render import render_label

    pdf = tmp_path / "l.pdf"
    pdf.write_bytes(
        render_label(LabelData(5, 5, "b", "x", "", "", "良品", "2026-11-22", "s"), "60x40")
    )
    cups_job = CupsBackend().send(pdf, cups_queue, "Custom.60x40mm", 2, "copies test")
    assert cups_job.startswith(cups_queue + "-")
    out = _wait_for_output(cups_job)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "170 x 113 pts" in info  # media=Custom.60x40mm
    # cups-pdf writes one copy; CUPS's page log records what the printer was asked for
    number = cups_job.rsplit("-", 1)[-1]
    page_log = PDF_DIR.parent / "cups" / "log" / "page_log"
    lines: list[str] = []
    deadline = time.monotonic() + 20
    while not lines and time.monotonic() < deadline:
        lines = [li for li in page_log.read_text().splitlines() if li.split()[2] == number]
        time.sleep(0.2)
    assert lines
    assert " total 2 " in lines[-1]
    assert "Custom.60x40mm" in lines[-1]


def test_paused_queue_fails_the_job_with_reason_and_keeps_it(
    cups_queue: str, bench: tuple[Settings, int], sessions: SessionFactory
) -> None:
    settings, pid = bench
    subprocess.run(["cupsdisable", "-r", "缺纸", cups_queue], check=True)
    try:
        job_id = print_queue.enqueue(
            sessions, "label", str(pid), "clerk1", "bench-1", f"cups:{cups_queue}"
        )
        job = print_queue.process_next(sessions, settings)
        assert job is not None
        assert job.id == job_id
        assert job.state == "failed"
        assert "暂停" in job.error
        assert cups_queue in job.error
        assert "缺纸" in job.error
        listed = print_queue.list_jobs(sessions, "bench-1")
        assert [(j.id, j.state) for j in listed] == [(job_id, "failed")]
    finally:
        subprocess.run(["cupsenable", cups_queue], check=True)
    print_queue.retry(sessions, job_id, "clerk1", "bench-1")
    job = print_queue.process_next(sessions, settings)
    assert job is not None
    assert (job.id, job.state, job.attempts) == (job_id, "done", 2)


def test_missing_queue_is_named(
    cups_queue: str, bench: tuple[Settings, int], sessions: SessionFactory
) -> None:
    settings, pid = bench
    job_id = print_queue.enqueue(sessions, "label", str(pid), "u", "bench-1", "cups:no_such_queue")
    job = print_queue.run_job(sessions, job_id, settings)
    assert job.state == "failed"
    assert "no_such_queue" in job.error
    assert "不存在" in job.error
    assert "no_such_queue" not in CupsBackend().printers()
    assert cups_queue in CupsBackend().printers()
