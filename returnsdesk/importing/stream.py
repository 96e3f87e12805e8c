"""Rows of a file, parsed and grouped into batches, in this process or in a reader process.

Parsing (CSV decoding, cell cleaning) and writing (SQLite/PostgreSQL) are both CPU-bound in
Python; for a large CSV a reader process parses the next batches while this process writes,
which roughly halves the wall time on a machine with two or more cores.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import queue as queue_mod
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from returnsdesk.errors import ImportFileError, UserError
from returnsdesk.importing import source
from returnsdesk.importing.cleaning import BadCell
from returnsdesk.importing.messages import file_error
from returnsdesk.importing.orders import OrdersHandler
from returnsdesk.importing.presets import Mapping
from returnsdesk.importing.rows import Handler
from returnsdesk.importing.simple import CatalogHandler, RefundsHandler

PARALLEL_MIN_BYTES = 16 << 20  # below this a second process costs more than it saves
QUEUE_DEPTH = 3  # batches parsed ahead; bounds the memory of the pipeline


def make_handler(kind: str, mapping: Mapping) -> Handler:
    if kind == "orders":
        return OrdersHandler(mapping)
    if kind == "refunds":
        return RefundsHandler(mapping)
    return CatalogHandler(mapping)


@dataclass
class Chunk:
    """One batch: parsed rows, their raw cells (when the write can still reject), rejects."""

    rows: list[tuple[int, Any]] = field(default_factory=list)
    raw: dict[int, list[Any]] = field(default_factory=dict)
    rejected: list[tuple[int, str, list[Any]]] = field(default_factory=list)


def chunks(
    info: source.SourceInfo, mapping: Mapping, kind: str, batch_size: int, keep_raw: bool
) -> Iterator[Chunk]:
    """Parse the file after its header; a chunk is yielded for every ``batch_size`` rows."""
    handler = make_handler(kind, mapping)
    width = len(mapping.headers)
    is_csv = info.fmt == "csv"
    seen = 0
    chunk = Chunk()
    for rowno, cells in enumerate(source.rows(info), start=1):
        if seen <= mapping.header_row:  # title lines and the header itself
            seen += any(v not in (None, "") for v in cells)
            continue
        if len(cells) != width:
            if not any(v not in (None, "") for v in cells):
                continue
            if is_csv and (len(cells) < width or any(cells[width:])):
                reason = f"列数不对: {len(cells)} 列, 表头有 {width} 列"
                chunk.rejected.append((rowno, reason, cells))
                continue
            cells = cells[:width] + [None] * (width - len(cells))
        elif not any(cells) if is_csv else all(v in (None, "") for v in cells):
            continue
        if not is_csv and any(isinstance(v, str) and len(v) > source.CELL_MAX for v in cells):
            # a CSV was size-checked whole before the import; an XLSX is bounded by its parts
            reason = f"有单元格超过 {source.CELL_MAX} 个字符 (Excel 的上限)"
            chunk.rejected.append((rowno, reason, [str(v)[:200] for v in cells]))
            continue
        try:
            parsed = handler.parse(cells)
        except BadCell as exc:
            chunk.rejected.append((rowno, str(exc), cells))
            continue
        chunk.rows.append((rowno, parsed))
        if keep_raw:
            chunk.raw[rowno] = cells
        if len(chunk.rows) >= batch_size:
            yield chunk
            chunk = Chunk()
    if chunk.rows or chunk.rejected:
        yield chunk


def use_reader_process(info: source.SourceInfo) -> bool:
    if info.fmt != "csv" or (os.cpu_count() or 1) < 2:
        return False
    try:
        return info.path.stat().st_size >= PARALLEL_MIN_BYTES
    except OSError:
        return False


def _produce(
    info: source.SourceInfo,
    mapping: Mapping,
    kind: str,
    batch_size: int,
    keep_raw: bool,
    out: Any,
) -> None:
    """The reader process: parse and hand over batches; errors go over as (template, params)."""
    # Rows are tuples of strings, numbers and dates: no reference cycles to collect, while the
    # cycle collector would walk the batch being built over and over (a fifth of the time).
    gc.disable()
    try:
        for chunk in chunks(info, mapping, kind, batch_size, keep_raw):
            out.put(("chunk", chunk))
        out.put(("end", None))
    except UserError as exc:
        out.put(("error", (exc.template, exc.params)))
    except Exception as exc:  # reported to the user in place, like any file problem
        out.put(("error", (None, {"error": f"{type(exc).__name__}: {exc}"})))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while a batch is unpickled or written: both build thousands
    of acyclic tuples, and the collector would otherwise run dozens of times per batch."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _get(out: Any) -> Any:
    with gc_paused():
        return out.get(timeout=1.0)


class ReaderProcess:
    """``chunks`` from a reader process. It starts at once, so it parses the first batches while
    the caller is still checking the whole file; ``close`` stops it, also when never iterated."""

    def __init__(
        self,
        info: source.SourceInfo,
        mapping: Mapping,
        kind: str,
        batch_size: int,
        keep_raw: bool,
    ) -> None:
        self.args = (info, mapping, kind, batch_size, keep_raw)
        ctx = mp.get_context("spawn")  # no fork: the GUI runs this from a worker thread
        self.out = ctx.Queue(maxsize=QUEUE_DEPTH)
        self.proc = ctx.Process(target=_produce, args=(*self.args, self.out), daemon=True)
        self.proc.start()
        self._stopped = False
        self._gen = self._chunks()

    def __iter__(self) -> ReaderProcess:
        return self

    def __next__(self) -> Chunk:
        return next(self._gen)

    def close(self) -> None:
        self._gen.close()
        self._stop()

    def _stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self.proc.is_alive():
            self.proc.terminate()
        self.proc.join(timeout=10)
        self.out.close()
        self.out.join_thread()

    def _chunks(self) -> Generator[Chunk, None, None]:
        started = False
        try:
            while True:
                try:
                    what, payload = _get(self.out)
                except queue_mod.Empty:
                    if self.proc.is_alive():
                        continue
                    if not started:  # could not even start (e.g. an unguarded __main__): no
                        break  # batch was handed over yet, so parse here instead
                    code = self.proc.exitcode
                    raise file_error("读取文件的进程意外退出 (代码 {code})", code=code) from None
                started = True
                if what == "chunk":
                    yield payload
                elif what == "end":
                    return
                else:
                    template, params = payload
                    if template is None:
                        raise file_error("读取文件时出错: {error}", **params)
                    raise ImportFileError(template, **params)
            # only reached when the reader process never started
        finally:
            self._stop()
        yield from chunks(*self.args)


def parallel_chunks(
    info: source.SourceInfo, mapping: Mapping, kind: str, batch_size: int, keep_raw: bool
) -> ReaderProcess:
    """``chunks`` from a reader process (started now); closing the iterator stops it."""
    return ReaderProcess(info, mapping, kind, batch_size, keep_raw)
