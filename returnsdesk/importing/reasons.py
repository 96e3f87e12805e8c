"""Why rows were rejected, counted by kind, and the rejected-rows report file.

A rejection reason is one line of Chinese text. By convention the row's own data comes after
``": "`` or inside parentheses ("数量不是数字: abc", "订单编号已被 Excel 截成 15 位有效数字
(3156900062392750000), 原号码已丢失"), so the reason without them is its kind: rows rejected for the
same cause are counted together however their data differs.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from returnsdesk.domain.cells import csv_safe
from returnsdesk.domain.phone import mask_phone
from returnsdesk.errors import ImportFileError
from returnsdesk.importing.cleaning import text
from returnsdesk.importing.messages import file_error
from returnsdesk.importing.rows import visible

_DATA_IN_PARENS = re.compile(r"\s*[(（][^()（）]*[)）]")
TOP_REASONS = 5  # kinds shown in the result (CLI and dialog); the rest is summed up
NAME_MAX_BYTES = 200  # a file name may have 255 bytes; the rest is the time stamp and kind


def kind_of(reason: str) -> str:
    """The reason without the row's data: what rows rejected for the same cause share."""
    head = _DATA_IN_PARENS.sub("", reason).split(": ", 1)[0].strip()
    return head or reason


@dataclass
class ReasonCounts:
    """Rejection kinds with their row count and the first row of each, in order of arrival."""

    counts: dict[str, list[int]] = field(default_factory=dict)  # kind → [rows, first row]

    def add(self, rowno: int, reason: str) -> None:
        entry = self.counts.get(kind := kind_of(reason))
        if entry is None:
            self.counts[kind] = [1, rowno]
        else:
            entry[0] += 1

    def top(self, n: int | None = None) -> list[tuple[str, int, int]]:
        """(kind, rows, first row), the most frequent first (ties: the earlier first)."""
        ranked = sorted(self.counts.items(), key=lambda kv: (-kv[1][0], kv[1][1]))
        return [(k, v[0], v[1]) for k, v in ranked[:n]]

    def rest(self, n: int) -> tuple[int, int]:
        """(kinds, rows) beyond the first ``n`` of ``top``."""
        tail = self.top()[n:]
        return len(tail), sum(rows for _, rows, _ in tail)


def report_name(stamp: str, kind: str, source: Path) -> str:
    """``<time>-<kind>-<file>.csv``, the file's name shortened (whole characters) so the
    report's name stays within what file systems allow (255 bytes)."""
    stem = source.stem
    while len(stem.encode("utf-8")) > NAME_MAX_BYTES:
        stem = stem[:-1]
    if stem != source.stem:
        stem += "…"
    return f"{stamp}-{kind}-{stem}.csv"


class Report:
    """The rejected rows, written next to the database as they come: formula-safe, phones masked
    like every other export."""

    def __init__(
        self, home: Path, kind: str, path: Path, headers: list[str], phones: set[int]
    ) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        self.path = home / "import-reports" / report_name(stamp, kind, path)
        self.headers = headers
        self.phones = phones  # column indexes holding phone numbers
        self._file: TextIO | None = None
        self._writer: Any = None

    def ready(self) -> None:
        """Make sure the report's folder exists and can be written to, or say why not."""
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not os.access(folder, os.W_OK | os.X_OK):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        except OSError as exc:
            raise self._unwritable(exc) from None

    def _unwritable(self, exc: OSError) -> ImportFileError:
        return file_error(
            "写不了被拒绝行的报告 {path}: {error}", path=self.path, error=exc.strerror or exc
        )

    def add(self, rowno: int, reason: str, cells: list[Any]) -> None:
        if self._writer is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._file = self.path.open("w", encoding="utf-8-sig", newline="")
            except OSError as exc:
                raise self._unwritable(exc) from None
            self._writer = csv.writer(self._file)
            self._writer.writerow([csv_safe(h) for h in ["行号", "原因", *self.headers]])
        values = [visible(text(v)) for v in cells]
        for i in self.phones:
            if i < len(values) and values[i]:
                values[i] = mask_phone(values[i])
        reason = visible(reason)
        self._writer.writerow([rowno, csv_safe(reason), *(csv_safe(v) for v in values)])

    def close(self) -> str:
        if self._file is None:
            return ""
        self._file.close()
        return str(self.path)
