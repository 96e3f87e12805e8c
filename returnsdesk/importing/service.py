"""The import use case: a file in, batch by batch, with counts and a rejection report.

The whole file is checked (type, encoding, quoting, truncation, header) before anything is
written, so a bad file leaves the database as it was. Rows are then streamed and written in
batches of ``batch_size``, each batch one transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Index
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from returnsdesk.db import bulk
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import ImportRun, utcnow
from returnsdesk.domain.kinds import AuditAction, AuditEntity
from returnsdesk.domain.roles import Act
from returnsdesk.errors import ImportFileError
from returnsdesk.importing import source
from returnsdesk.importing.cleaning import text
from returnsdesk.importing.messages import file_error
from returnsdesk.importing.presets import (
    FIELD_LABELS,
    KINDS,
    Mapping,
    Preset,
    detect,
    load_mapping,
    presets,
)
from returnsdesk.importing.reasons import ReasonCounts, Report
from returnsdesk.importing.rows import Handler, Outcome
from returnsdesk.importing.stream import (
    Chunk,
    chunks,
    gc_paused,
    make_handler,
    parallel_chunks,
    use_reader_process,
)
from returnsdesk.services.common import audit, tx, users

Progress = Callable[[int, int | None], None]


@dataclass
class ImportResult:
    """What one import did; ``report_path`` is set when rows were rejected."""

    run_id: int
    kind: str
    file_name: str
    preset: str
    preset_label: str
    encoding: str
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    report_path: str = ""
    cancelled: bool = False
    rejections: list[tuple[int, str]] = field(default_factory=list)  # first ones, for display
    reasons: ReasonCounts = field(default_factory=ReasonCounts)  # every rejection, by kind

    @property
    def rows(self) -> int:
        return self.imported + self.updated + self.unchanged + self.rejected

    def count(self, status: str) -> bool:
        """Count a written row; False for a row the database refused."""
        if status == "new":
            self.imported += 1
        elif status == "updated":
            self.updated += 1
        elif status == "unchanged":
            self.unchanged += 1
        else:
            return False
        return True

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "kind": self.kind,
            "file": self.file_name,
            "preset": self.preset,
            "encoding": self.encoding,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "report": self.report_path,
            "cancelled": self.cancelled,
            "reasons": [
                {"reason": kind, "rows": rows, "first_row": first}
                for kind, rows, first in self.reasons.top()
            ],
        }


@dataclass
class Preview:
    """The first rows of a file with the mapping that would be used, for the dialog."""

    preset: str
    preset_label: str
    encoding: str
    headers: list[str]
    mapped: list[tuple[str, str]]  # (our field in Chinese, the file's column)
    rows: list[list[str]]


def choose_preset(kind: str, preset: str | None, mapping: Path | None) -> Preset | None:
    if kind not in KINDS:
        raise file_error("未知的导入类型 {kind}", kind=kind)
    if mapping is not None:
        return load_mapping(mapping)
    if preset:
        found = presets().get(preset)
        if found is None:
            raise file_error(
                "没有预设 {name} (可用: {known})", name=preset, known=", ".join(presets())
            )
        return found
    return None


def open_source(
    kind: str, path: Path, preset: str | None = None, mapping: Path | None = None
) -> tuple[source.SourceInfo, Mapping, list[list[Any]]]:
    info = source.sniff(path)
    head = source.head(info)
    return info, detect(kind, head, choose_preset(kind, preset, mapping)), head


def preview(
    kind: str, path: Path, preset: str | None = None, mapping: Path | None = None, n: int = 20
) -> Preview:
    """Detect and show: no database, no full read, fast enough for the dialog's UI thread."""
    info, m, _ = open_source(kind, path, preset, mapping)
    rows: list[list[str]] = []
    seen = 0
    gen = source.rows(info)
    try:
        for cells in gen:
            if not any(v not in (None, "") for v in cells):
                continue
            seen += 1
            if seen <= m.header_row + 1:
                continue
            rows.append([text(v) for v in cells])
            if len(rows) >= n:
                break
    finally:
        gen.close()  # type: ignore[attr-defined]
    mapped = [(FIELD_LABELS.get(f, f), m.headers[i]) for f, i in m.index.items()]
    enc = info.encoding or "xlsx"
    return Preview(m.preset.name, m.preset.label, enc, m.headers, mapped, rows)


def run_import(
    sessions: SessionFactory,
    kind: str,
    path: Path,
    *,
    home: Path,
    user: str,
    station: str,
    preset: str | None = None,
    mapping: Path | None = None,
    batch_size: int = 5000,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    parallel: bool | None = None,
) -> ImportResult:
    """Import ``path`` as ``kind`` (orders/refunds/catalog); see the module docstring."""
    with sessions() as s:  # the lead's (or admin's) act, refused before anything is read
        users.require(s, user, Act.IMPORT)
    info, m, _ = open_source(kind, path, preset, mapping)
    phones = {m.index[f] for f in ("phone", "tel") if f in m.index}
    report = Report(home, kind, path, m.headers, phones)
    report.ready()  # a folder it cannot write to stops the import before anything is written
    handler = make_handler(kind, m)
    if parallel is None:
        parallel = use_reader_process(info)
    info, stream = _checked_stream(info, m, kind, max(1, batch_size), handler.db_rejects, parallel)
    dropped: list[Index] = []
    try:
        total = info.records if info.fmt == "csv" else source.xlsx_records(path)
        data_total = None if total is None else max(total - m.header_row - 1, 0)
        bulk.create(sessions, bulk.missing(sessions, bulk.ALL))  # dropped by an import that crashed
        dropped += bulk.drop_for_bulk(sessions, kind, data_total)

        run_id = tx.run(sessions, partial(_start_run, kind, path.name, m.preset.name, user))
        result = ImportResult(
            run_id, kind, path.name, m.preset.name, m.preset.label, info.encoding or "xlsx"
        )

        def reject(rowno: int, reason: str, cells: list[Any]) -> None:
            result.rejected += 1
            result.reasons.add(rowno, reason)
            report.add(rowno, reason, cells)
            if len(result.rejections) < 200:
                result.rejections.append((rowno, reason))

        def write(chunk: Chunk) -> None:
            for rowno, reason, cells in chunk.rejected:
                reject(rowno, reason, cells)
            if not chunk.rows:
                return

            for rowno, status, reason in _write_batch(sessions, handler, chunk):
                if not result.count(status):
                    reject(rowno, reason, chunk.raw.get(rowno, []))

        try:
            for chunk in stream:
                write(chunk)
                if progress is not None:
                    progress(result.rows, data_total)
                if cancel is not None and cancel.is_set():
                    result.cancelled = True
                    break
        except ImportFileError:
            _wind_up(sessions, stream, dropped)
            _finish(sessions, result, "failed", report.close(), user, station)
            raise
        _wind_up(sessions, stream, dropped)
        _finish(
            sessions,
            result,
            "cancelled" if result.cancelled else "done",
            report.close(),
            user,
            station,
        )
        if progress is not None:
            progress(result.rows, data_total if not result.cancelled else result.rows)
        return result
    finally:
        _wind_up(sessions, stream, dropped)


def _start_run(kind: str, file_name: str, preset: str, user: str, s: Session) -> int:
    run = ImportRun(kind=kind, file_name=file_name[:300], preset=preset[:40], user=user)
    s.add(run)
    s.flush()
    return run.id


def _write_batch(sessions: SessionFactory, handler: Handler, chunk: Chunk) -> list[Outcome]:
    """One batch in one transaction: a lock conflict with a bench reruns it, and only it."""

    def batch(s: Session) -> list[Outcome]:
        if s.get_bind().dialect.name == "sqlite":  # index pages stay in memory
            s.connection().exec_driver_sql("PRAGMA cache_size=-65536")
        with gc_paused():
            return handler.write(s, chunk.rows)

    try:
        return tx.run(sessions, batch)
    except SQLAlchemyError as exc:
        first, last = chunk.rows[0][0], chunk.rows[-1][0]
        raise file_error(
            "第 {first}–{last} 行这一批写入失败, 这一批已全部撤销 (之前的批次已导入): {error}",
            first=first,
            last=last,
            error=f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}",
        ) from exc


def _wind_up(sessions: SessionFactory, stream: Iterator[Chunk], dropped: list[Index]) -> None:
    """Stop reading and build the indexes a bulk load dropped, however the import ends."""
    stream.close()  # type: ignore[attr-defined]
    indexes, dropped[:] = list(dropped), []
    bulk.create(sessions, indexes)


def _checked_stream(
    info: source.SourceInfo,
    m: Mapping,
    kind: str,
    batch_size: int,
    keep_raw: bool,
    parallel: bool,
) -> tuple[source.SourceInfo, Iterator[Chunk]]:
    """The whole file checked (``prescan``) and the stream of its batches. A reader process is
    started first, so it parses ahead meanwhile; nothing is written before the check passed."""
    reader = parallel_chunks(info, m, kind, batch_size, keep_raw) if parallel else None
    try:
        checked = source.prescan(info) if info.fmt == "csv" else info
    except BaseException:
        if reader is not None:
            reader.close()
        raise
    if reader is not None and checked.encoding != info.encoding:  # decided on the whole file
        reader.close()
        reader = parallel_chunks(checked, m, kind, batch_size, keep_raw)
    if reader is not None:
        return checked, reader
    return checked, chunks(checked, m, kind, batch_size, keep_raw)


def _finish(
    sessions: SessionFactory,
    result: ImportResult,
    status: str,
    report: str,
    user: str,
    station: str,
) -> None:
    result.report_path = report

    def work(s: Session) -> None:
        run = s.get(ImportRun, result.run_id)
        if run is not None:
            run.finished_at = utcnow()
            run.status = status
            run.imported, run.updated = result.imported, result.updated
            run.unchanged, run.rejected = result.unchanged, result.rejected
            run.report_path = report[:500]
        detail = (
            f"{result.kind} {result.file_name} ({result.preset}): 新增 {result.imported}, "
            f"更新 {result.updated}, 未变 {result.unchanged}, 拒绝 {result.rejected}, {status}"
        )
        audit.record(
            s, user, station, AuditAction.IMPORT, AuditEntity.IMPORT_RUN, result.run_id, detail
        )

    tx.run(sessions, work)
