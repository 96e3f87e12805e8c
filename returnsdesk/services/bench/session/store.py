"""Where the bench keeps drafts: the parcel in hand and the parked ones, per station.

A JSON file in the station's home, replaced atomically on every change, so a crash or a
closed window gives the draft back at the next start. ``MemoryStore`` serves the command
line, whose lines are complete.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)


class DraftStore(Protocol):
    def save(self, parcel_id: int, data: dict[str, Any], current: bool) -> None: ...
    def get(self, parcel_id: int) -> dict[str, Any] | None: ...
    def drop(self, parcel_id: int) -> None: ...
    def current(self) -> dict[str, Any] | None: ...
    def set_current(self, parcel_id: int | None) -> None: ...
    def parked(self) -> list[int]: ...


class MemoryStore:
    def __init__(self) -> None:
        self._drafts: dict[int, dict[str, Any]] = {}
        self._current: int | None = None

    def save(self, parcel_id: int, data: dict[str, Any], current: bool) -> None:
        self._drafts[parcel_id] = json.loads(json.dumps(data))  # what a file would give back
        if current:
            self._current = parcel_id

    def get(self, parcel_id: int) -> dict[str, Any] | None:
        d = self._drafts.get(parcel_id)
        return json.loads(json.dumps(d)) if d is not None else None

    def drop(self, parcel_id: int) -> None:
        self._drafts.pop(parcel_id, None)
        if self._current == parcel_id:
            self._current = None

    def current(self) -> dict[str, Any] | None:
        return self.get(self._current) if self._current is not None else None

    def set_current(self, parcel_id: int | None) -> None:
        self._current = parcel_id

    def parked(self) -> list[int]:
        return [pid for pid in self._drafts if pid != self._current]


class FileStore(MemoryStore):
    """``drafts/<station>.json`` under the home; written through on every change."""

    def __init__(self, folder: Path, station: str) -> None:
        super().__init__()
        safe = re.sub(r"[^\w.-]", "_", station) or "station"
        self.path = folder / f"{safe}.json"
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            self._drafts = {int(k): v for k, v in raw.get("drafts", {}).items()}
            cur = raw.get("current")
            self._current = int(cur) if cur is not None and int(cur) in self._drafts else None
        except (OSError, ValueError, AttributeError, TypeError):
            pass  # no file yet, or one cut short: start empty rather than not at all

    def _write(self) -> None:
        """Replace the file; a disk that refuses is logged, and the bench works on (the
        draft stays in memory and the next change tries again)."""
        data = {"current": self._current, "drafts": {str(k): v for k, v in self._drafts.items()}}
        tmp = ""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".draft-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False)
            os.replace(tmp, self.path)
        except OSError:
            log.exception("cannot store the bench's drafts in %s", self.path)
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)

    def save(self, parcel_id: int, data: dict[str, Any], current: bool) -> None:
        super().save(parcel_id, data, current)
        self._write()

    def drop(self, parcel_id: int) -> None:
        super().drop(parcel_id)
        self._write()

    def set_current(self, parcel_id: int | None) -> None:
        super().set_current(parcel_id)
        self._write()
