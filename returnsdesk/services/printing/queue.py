"""The persistent print queue: jobs wait in ``print_jobs`` until a printer took them.

States: queued → printing → done / failed. A job is done only when the printer reports it
printed (for CUPS: the job completed). A failed job keeps its reason (in Chinese) and stays
until it is retried (by hand, or by ``retry_ready`` once its printer accepts again) or sent
to another printer; nothing is deleted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Result, select, update
from sqlalchemy.orm import Session

from returnsdesk.config import Settings
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import ParcelItem, PrintJob, utcnow
from returnsdesk.domain.kinds import (
    UNFINISHED,
    AuditAction,
    AuditEntity,
    DocKind,
    JobState,
    doc_name,
)
from returnsdesk.errors import InvalidInput, NotFound, UserError
from returnsdesk.printing import settings as printer_settings
from returnsdesk.printing.backends import Backend, backend_for, default_backends
from returnsdesk.printing.layout import MEDIA
from returnsdesk.printing.render import render
from returnsdesk.services.common import audit, tx
from returnsdesk.services.printing.documents import document_for


@dataclass(frozen=True)
class JobRow:
    id: int
    kind: str
    ref_id: str
    printer: str
    copies: int
    state: str
    error: str
    attempts: int
    pdf_path: str
    station: str
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime


def _row(j: PrintJob) -> JobRow:
    return JobRow(
        j.id,
        j.kind,
        j.ref_id,
        j.printer,
        j.copies,
        j.state,
        j.error,
        j.attempts,
        j.pdf_path,
        j.station,
        j.created_by,
        j.created_at,
        j.updated_at,
    )


def enqueue(
    sessions: SessionFactory,
    kind: str,
    ref_id: str,
    user: str,
    station: str,
    printer: str | None = None,
    copies: int | None = None,
) -> int:
    """Queue a document; ``printer``/``copies`` None mean the station's setting for ``kind``.

    Stored as an empty printer and 0 copies, resolved when the job runs.
    """
    return tx.run(sessions, lambda s: enqueue_in(s, kind, ref_id, user, station, printer, copies))


def enqueue_in(
    s: Session,
    kind: str,
    ref_id: str,
    user: str,
    station: str,
    printer: str | None = None,
    copies: int | None = None,
) -> int:
    """``enqueue`` inside the caller's transaction."""
    if kind not in frozenset(DocKind):
        raise InvalidInput("未知的打印类型 {kind}", kind=kind)
    job = PrintJob(
        kind=kind,
        ref_id=str(ref_id),
        printer=printer or "",
        copies=max(0, copies or 0),
        station=station,
        created_by=user,
    )
    s.add(job)
    s.flush()
    audit.record(
        s,
        user,
        station,
        AuditAction.PRINT_ENQUEUE,
        AuditEntity.PRINT_JOB,
        job.id,
        f"{kind} {ref_id}",
    )
    return job.id


def queue_labels(sessions: SessionFactory, parcel_id: int, user: str, station: str) -> list[int]:
    """A parcel's box labels queued (a reprint)."""
    return tx.run(sessions, lambda s: queue_labels_in(s, parcel_id, user, station))


def queue_labels_in(
    s: Session, parcel_id: int, user: str, station: str, bins: Sequence[str] | None = None
) -> list[int]:
    """A parcel's box labels queued inside the caller's transaction (its registration's):
    one, or one per bin when its items go to several bins (``"12:repair"``), each naming
    only its own items. ``bins``: its items' bins in order, when the caller knows them."""
    if bins is None:
        bins = s.scalars(
            select(ParcelItem.bin).where(ParcelItem.parcel_id == parcel_id).order_by(ParcelItem.id)
        ).all()
    bins = list(dict.fromkeys(bins))
    refs = [str(parcel_id)] if len(bins) < 2 else [f"{parcel_id}:{b}" for b in bins]
    return [enqueue_in(s, DocKind.LABEL, ref, user, station) for ref in refs]


def get_job(sessions: SessionFactory, job_id: int) -> JobRow:
    with sessions() as s:
        job = s.get(PrintJob, job_id)
        if job is None:
            raise NotFound("打印任务 {job_id}", job_id=job_id)
        return _row(job)


def list_jobs(
    sessions: SessionFactory,
    station: str | None = None,
    since: dt.datetime | None = None,
    limit: int = 500,
) -> list[JobRow]:
    """Newest first; by default today's jobs and every unfinished one."""
    if since is None:  # the start of the local day, as the naive UTC the table stores
        midnight = dt.datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        since = midnight.astimezone(dt.UTC).replace(tzinfo=None)
    q = select(PrintJob).where(
        (PrintJob.created_at >= since) | PrintJob.state.in_(sorted(UNFINISHED))
    )
    if station:
        q = q.where(PrintJob.station == station)
    with sessions() as s:
        return [_row(j) for j in s.scalars(q.order_by(PrintJob.id.desc()).limit(limit))]


def _cursor(result: Result[Any]) -> CursorResult[Any]:
    """An UPDATE's result, typed so that its rowcount is visible."""
    return cast(CursorResult[Any], result)


def claim_next(sessions: SessionFactory, station: str) -> int | None:
    """Take the oldest queued job of ``station`` (queued → printing), or None.

    The conditional UPDATE makes two runners on one station never print a job twice.
    """

    def work(s: Session) -> int | None:
        ids = s.scalars(
            select(PrintJob.id)
            .where(PrintJob.state == JobState.QUEUED, PrintJob.station == station)
            .order_by(PrintJob.id)
            .limit(5)
        ).all()
        for job_id in ids:
            done = _cursor(
                s.execute(
                    update(PrintJob)
                    .where(PrintJob.id == job_id, PrintJob.state == JobState.QUEUED)
                    .values(state=JobState.PRINTING, updated_at=utcnow())
                )
            )
            if done.rowcount == 1:
                return job_id
        return None

    return tx.run(sessions, work)


def recover(sessions: SessionFactory, station: str) -> int:
    """Jobs left 'printing' by a crash go back to the queue; returns how many."""

    def work(s: Session) -> int:
        r = _cursor(
            s.execute(
                update(PrintJob)
                .where(PrintJob.state == JobState.PRINTING, PrintJob.station == station)
                .values(state=JobState.QUEUED, updated_at=utcnow())
            )
        )
        return int(r.rowcount or 0)

    return tx.run(sessions, work)


def _finish(
    sessions: SessionFactory, job_id: int, state: str, error: str, pdf: str, who: str, where: str
) -> JobRow:
    def work(s: Session) -> JobRow:
        job = s.get(PrintJob, job_id)
        if job is None:
            raise NotFound("打印任务 {job_id}", job_id=job_id)
        job.state = state
        job.error = error
        job.attempts += 1
        if pdf:
            job.pdf_path = pdf
        audit.record(
            s, who, where, AuditAction(f"print_{state}"), AuditEntity.PRINT_JOB, job_id, error
        )
        s.flush()
        return _row(job)

    return tx.run(sessions, work)


def run_job(
    sessions: SessionFactory,
    job_id: int,
    settings: Settings,
    backends: Mapping[str, Backend] | None = None,
    size: str | None = None,
) -> JobRow:
    """Render and send one job; it ends done, or failed with the reason. Never raises UserError.

    A queued job is claimed first; a job in another state is run as it is (retry path).
    """
    backends = backends or default_backends(settings.home)

    def work(s: Session) -> tuple[str, str, str, int]:
        job = s.get(PrintJob, job_id)
        if job is None:
            raise NotFound("打印任务 {job_id}", job_id=job_id)
        if job.state != JobState.PRINTING:
            job.state = JobState.PRINTING
        return job.kind, job.ref_id, job.printer, job.copies

    kind, ref_id, printer, copies = tx.run(sessions, work)
    prefs = printer_settings.load(settings.home)
    doc_pref = prefs.for_kind(kind)
    if size:
        doc_pref = replace(doc_pref, size=size)
    printer = printer or doc_pref.printer
    copies = copies or doc_pref.copies
    pdf_path = ""
    try:
        data = document_for(sessions, kind, ref_id, settings.shop)
        pdf = render(kind, data, doc_pref.size, prefs.font or None)
        path = settings.home / "print" / "jobs" / f"{job_id:06d}-{kind}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pdf)
        pdf_path = str(path)
        backend, target = backend_for(backends, printer)
        title = f"{doc_name(kind)} {ref_id}".strip()
        backend.send(path, target, MEDIA.get(doc_pref.size, ""), copies, title)
    except UserError as exc:
        return _finish(
            sessions, job_id, JobState.FAILED, exc.text(), pdf_path, settings.user, settings.station
        )
    except Exception as exc:  # a bug or an OS error must not lose the job either
        detail = f"打印失败: {type(exc).__name__}: {exc}"
        return _finish(
            sessions, job_id, JobState.FAILED, detail, pdf_path, settings.user, settings.station
        )
    return _finish(sessions, job_id, JobState.DONE, "", pdf_path, settings.user, settings.station)


def process_next(
    sessions: SessionFactory, settings: Settings, backends: Mapping[str, Backend] | None = None
) -> JobRow | None:
    """Claim and run the next queued job of this station; None when the queue is empty."""
    job_id = claim_next(sessions, settings.station)
    return None if job_id is None else run_job(sessions, job_id, settings, backends)


def backoff(attempts: int) -> dt.timedelta:
    """How long a failed job rests before it is tried again on a printer that looks ready.

    A printer that stopped or vanished is not ready, so its jobs wait for it whatever this
    says; the pause only spaces out jobs that keep failing on a ready printer.
    """
    return dt.timedelta(seconds=min(5 * 2 ** max(0, attempts - 1), 600))


def _ready(backends: Mapping[str, Backend], printer: str) -> bool:
    """Whether the printer accepts jobs now (a backend without a state check always does)."""
    try:
        backend, target = backend_for(backends, printer)
        check = getattr(backend, "state", None)
        if check is not None:
            check(target)
    except UserError:
        return False
    return True


def retry_ready(
    sessions: SessionFactory,
    settings: Settings,
    backends: Mapping[str, Backend] | None = None,
    now: dt.datetime | None = None,
    rest: Callable[[int], dt.timedelta] = backoff,
) -> list[int]:
    """Failed jobs of this station go back to the queue once their printer accepts again.

    Returns the ids queued again; the runner then prints them. Nothing is dropped: a job
    whose printer is still off stays failed and is looked at again on the next call.
    """
    backends = backends or default_backends(settings.home)
    now = now or utcnow()
    with sessions() as s:
        failed = s.execute(
            select(
                PrintJob.id, PrintJob.kind, PrintJob.printer, PrintJob.attempts, PrintJob.updated_at
            )
            .where(PrintJob.state == JobState.FAILED, PrintJob.station == settings.station)
            .order_by(PrintJob.id)
        ).all()
    if not failed:
        return []
    prefs = printer_settings.load(settings.home)
    ready: dict[str, bool] = {}
    queued: list[int] = []
    for job_id, kind, printer, attempts, updated_at in failed:
        if now - updated_at < rest(attempts):
            continue
        printer = printer or prefs.for_kind(kind).printer
        if printer not in ready:
            ready[printer] = _ready(backends, printer)
        if not ready[printer]:
            continue

        if tx.run(sessions, partial(_requeue_failed, job_id, settings.user, settings.station)):
            queued.append(job_id)
    return queued


def _requeue_failed(job_id: int, user: str, station: str, s: Session) -> bool:
    """A failed job back to the queue, unless someone else did it first."""
    done = _cursor(
        s.execute(
            update(PrintJob)
            .where(PrintJob.id == job_id, PrintJob.state == JobState.FAILED)
            .values(state=JobState.QUEUED, error="", updated_at=utcnow())
        )
    )
    if done.rowcount != 1:
        return False
    audit.record(s, user, station, AuditAction.PRINT_AUTO_RETRY, AuditEntity.PRINT_JOB, job_id, "")
    return True


def retry(sessions: SessionFactory, job_id: int, user: str, station: str) -> JobRow:
    """A failed (or finished) job goes back to the queue, on the same printer."""
    return send_elsewhere(sessions, job_id, None, user, station)


def send_elsewhere(
    sessions: SessionFactory, job_id: int, printer: str | None, user: str, station: str
) -> JobRow:
    """Queue the job again, on ``printer`` when given, for this station's runner."""

    def work(s: Session) -> JobRow:
        job = s.get(PrintJob, job_id)
        if job is None:
            raise NotFound("打印任务 {job_id}", job_id=job_id)
        if job.state == JobState.PRINTING:
            raise InvalidInput("该任务正在打印")
        if printer is not None:
            job.printer = printer
        job.state = JobState.QUEUED
        job.error = ""
        job.station = station
        action = AuditAction.PRINT_RETRY if printer is None else AuditAction.PRINT_REDIRECT
        audit.record(s, user, station, action, AuditEntity.PRINT_JOB, job_id, printer or "")
        s.flush()
        return _row(job)

    return tx.run(sessions, work)


def reprint(sessions: SessionFactory, job_id: int, user: str, station: str) -> int:
    """A new job for the same document (the old one stays as it was)."""
    job = get_job(sessions, job_id)
    return enqueue(
        sessions, job.kind, job.ref_id, user, station, job.printer or None, job.copies or None
    )


def pdf_of(job: JobRow) -> Path | None:
    path = Path(job.pdf_path) if job.pdf_path else None
    return path if path is not None and path.is_file() else None
