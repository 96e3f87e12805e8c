"""Failed print jobs go back to the queue by themselves once their printer accepts again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from test_print_queue import make_parcel

from returnsdesk.config import Settings
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import AuditEntry, PrintJob
from returnsdesk.errors import PrinterUnavailable
from returnsdesk.services.printing import queue as print_queue


class Switchable:
    """A CUPS-like printer that can be switched off (refuses) and on again."""

    scheme = "cups"

    def __init__(self) -> None:
        self.on = False
        self.printed: list[str] = []

    def state(self, target: str) -> None:
        if not self.on:
            raise PrinterUnavailable(
                "打印机已暂停 {printer}: {reason}", printer=target, reason="缺纸"
            )

    def send(self, pdf: Path, target: str, media: str, copies: int, title: str) -> str:
        self.state(target)
        self.printed.append(title)
        return "ok"

    def printers(self) -> list[str]:
        return ["Label"]


def _settings(tmp_path: Path, shop) -> Settings:  # type: ignore[no-untyped-def]
    return Settings(
        home=tmp_path / "home", db_url="sqlite://", station="bench-1", user="clerk1", shop=shop
    )


def test_failed_jobs_wait_for_the_printer_then_print_once(
    any_sessions: SessionFactory, tmp_path: Path, shop
) -> None:  # type: ignore[no-untyped-def]
    settings = _settings(tmp_path, shop)
    printer = Switchable()
    backends = {"cups": printer}
    pids = [
        make_parcel(any_sessions, slip_no=n + 1, tracking=f"YT12345678901{n}") for n in range(2)
    ]
    jobs = [
        print_queue.enqueue(any_sessions, "label", str(p), "clerk1", "bench-1", "cups:Label")
        for p in pids
    ]
    for _ in jobs:
        job = print_queue.process_next(any_sessions, settings, backends)
        assert job is not None
        assert job.state == "failed"
        assert "缺纸" in job.error
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(hours=1)
    # the printer is still off: nothing moves, nothing is dropped
    assert print_queue.retry_ready(any_sessions, settings, backends, now=later) == []
    assert [print_queue.get_job(any_sessions, j).state for j in jobs] == ["failed", "failed"]
    printer.on = True
    # just failed: a job rests a few seconds before it is tried again
    assert print_queue.retry_ready(any_sessions, settings, backends) == []
    assert print_queue.retry_ready(any_sessions, settings, backends, now=later) == jobs
    assert print_queue.retry_ready(any_sessions, settings, backends, now=later) == []
    while print_queue.process_next(any_sessions, settings, backends) is not None:
        pass
    done = [print_queue.get_job(any_sessions, j) for j in jobs]
    assert [(j.state, j.error, j.attempts) for j in done] == [("done", "", 2)] * 2
    assert len(printer.printed) == 2
    with any_sessions() as s:
        actions = s.scalars(
            select(AuditEntry.action).where(AuditEntry.action == "print_auto_retry")
        ).all()
        assert len(actions) == 2


def test_other_stations_jobs_are_left_alone(sessions: SessionFactory, tmp_path: Path, shop) -> None:  # type: ignore[no-untyped-def]
    settings = _settings(tmp_path, shop)
    printer = Switchable()
    pid = make_parcel(sessions)
    job_id = print_queue.enqueue(sessions, "label", str(pid), "c", "bench-2", "cups:Label")
    with sessions.begin() as s:
        s.get_one(PrintJob, job_id).state = "failed"
    printer.on = True
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(hours=1)
    assert print_queue.retry_ready(sessions, settings, {"cups": printer}, now=later) == []
    assert print_queue.get_job(sessions, job_id).state == "failed"


def test_backoff_grows_and_is_capped() -> None:
    waits = [print_queue.backoff(n).total_seconds() for n in (1, 2, 3, 20)]
    assert waits == [5, 10, 20, 600]
