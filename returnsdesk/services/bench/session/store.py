"""Where the bench keeps drafts: the parcel in hand and the parked ones, per station.

A small JSON file per parcel in the station's home, replaced at once on every change, so a
crash or a closed window gives the draft back at the next start. ``MemoryStore`` serves the command
line, whose lines are complete.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import tempfile
import threading
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


class _Syncer:
    """Makes written files durable against a power cut (fsync) in its own thread, coalesced:
    a burst of keystrokes costs one fsync, never a wait at the bench."""

    def __init__(self) -> None:
        self._due: set[Path] = set()
        self._lock = threading.Condition()
        self._thread: threading.Thread | None = None
        self._busy = False

    def add(self, path: Path) -> None:
        with self._lock:
            self._due.add(path)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="draft-sync", daemon=True)
                self._thread.start()
            self._lock.notify()

    def wait(self, timeout: float = 5.0) -> bool:
        """Until everything written so far is synced (closing the bench, tests)."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._due and not self._busy, timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: bool(self._due))
                due, self._due = self._due, set()
                self._busy = True
            for path in due:
                _fsync(path)
            with self._lock:
                self._busy = False
                self._lock.notify_all()


def _fsync(path: Path) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        fd = os.open(path, flags)
    except OSError:
        return  # gone since (a dropped draft), or a directory this system cannot open
    try:
        os.fsync(fd)
    except OSError:
        log.warning("cannot sync %s", path)
    finally:
        os.close(fd)


class FileStore(MemoryStore):
    """``drafts/<station>/<parcel>.json`` under the home, and ``current`` naming the parcel in
    hand. A change writes only the parcel it changed: a small file replaced at once, so a
    killed process loses nothing typed, whatever else is parked; its fsync against a power cut
    runs in a background thread. Older single-file stores are read once and split."""

    def __init__(self, folder: Path, station: str) -> None:
        super().__init__()
        safe = re.sub(r"[^\w.-]", "_", station) or "station"
        self.folder = folder / safe
        self.syncer = _Syncer()
        self._read()
        self._read_single_file(folder / f"{safe}.json")

    def _read(self) -> None:
        for f in self.folder.glob("*.json") if self.folder.is_dir() else ():
            # one cut short: that parcel starts empty rather than the bench not at all
            with contextlib.suppress(OSError, ValueError):
                self._drafts[int(f.stem)] = json.loads(f.read_text(encoding="utf-8"))
        try:
            cur = int((self.folder / "current").read_text(encoding="utf-8") or "x")
            self._current = cur if cur in self._drafts else None
        except (OSError, ValueError):
            self._current = None

    def _read_single_file(self, old: Path) -> None:
        """A store from before per-parcel files: its drafts move into the folder."""
        try:
            raw = json.loads(old.read_text(encoding="utf-8"))
            drafts = {int(k): v for k, v in raw.get("drafts", {}).items()}
            cur = raw.get("current")
        except (OSError, ValueError, AttributeError, TypeError):
            return
        for pid, data in drafts.items():
            if pid not in self._drafts:
                super().save(pid, data, False)
                self._write(pid)
        if self._current is None and cur is not None and int(cur) in self._drafts:
            self.set_current(int(cur))
        with contextlib.suppress(OSError):
            old.unlink()

    def _replace(self, path: Path, text: str | None) -> None:
        """Write ``text`` to ``path`` at once (None removes it); a disk that refuses is
        logged, and the bench works on (the draft stays in memory, the next change retries)."""
        tmp = ""
        try:
            if text is None:
                path.unlink(missing_ok=True)
            else:
                self.folder.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".draft-", suffix=".tmp")
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(text)
                os.replace(tmp, path)
                self.syncer.add(path)
            self.syncer.add(self.folder)
        except OSError:
            log.exception("cannot store the bench's draft in %s", path)
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)

    def _write(self, parcel_id: int) -> None:
        data = self._drafts.get(parcel_id)
        text = None if data is None else json.dumps(data, ensure_ascii=False)
        self._replace(self.folder / f"{parcel_id}.json", text)

    def save(self, parcel_id: int, data: dict[str, Any], current: bool) -> None:
        was = self._current
        super().save(parcel_id, data, current)
        self._write(parcel_id)
        if self._current != was:
            self._replace(self.folder / "current", str(self._current))

    def drop(self, parcel_id: int) -> None:
        was = self._current
        super().drop(parcel_id)
        self._write(parcel_id)
        if self._current != was:
            self._replace(self.folder / "current", "")

    def set_current(self, parcel_id: int | None) -> None:
        if parcel_id == self._current:
            return
        super().set_current(parcel_id)
        self._replace(self.folder / "current", "" if parcel_id is None else str(parcel_id))
