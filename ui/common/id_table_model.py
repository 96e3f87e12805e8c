"""A table model over row ids with a lazy row cache, as Anki's browser table does: the ids
are loaded at once, the rows a chunk at a time as the view asks for them."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

CHUNK = 100
# Above this many rows a changed list is reset rather than compared row by row.
DIFF_LIMIT = 20_000
Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


class IdTableModel(QAbstractTableModel, Generic[R]):
    """Subclasses set ``headers`` and implement ``data`` with ``record(row)``; ``chunk`` is
    how many rows one load reads."""

    chunk = CHUNK

    def __init__(
        self, load: Callable[[list[int]], dict[int, R]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._load = load
        self._ids: list[int] = []
        self._cache: dict[int, R] = {}
        self.headers: list[str] = []

    def set_ids(
        self,
        ids: Sequence[int],
        changed: Collection[int] | None = None,
        fresh: Mapping[int, R] | None = None,
    ) -> None:
        """Show ``ids``: rows that stay keep their selection and the view its scroll position
        (rows leave and arrive one run at a time, a long list that changed is reset); the rows
        of ``changed`` ids (every row when None) are read again when shown, unless the caller
        read them already (``fresh``)."""
        new = list(ids)
        listed = set(new)
        fresh = {i: r for i, r in (fresh or {}).items() if i in listed}
        if changed is None:
            self._cache.clear()
        else:
            for i in set(changed) & self._cache.keys():
                del self._cache[i]
        # the rows read already go in first: a view that asks while the rows move finds them
        self._cache.update(fresh)
        if new != self._ids and len(self._ids) + len(new) > DIFF_LIMIT:
            self.beginResetModel()
            self._ids = new
            self.endResetModel()
            return
        if new != self._ids:
            self._move_to(new)
        if changed is None:
            self._rows_changed(range(len(self._ids)))
        else:
            self._rows_changed(r for r in map(self.row_of, set(changed) | fresh.keys()) if r >= 0)

    def _move_to(self, new: list[int]) -> None:
        old = list(self._ids)
        # the rows both ends share are left out of the comparison: a new parcel on top of a
        # day's list is one insert, not a diff of the whole day
        head = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                    min(len(old), len(new)))  # fmt: skip
        room = min(len(old), len(new)) - head
        if old[len(old) - room :] == new[len(new) - room :]:  # all the rest is shared (C speed)
            tail = room
        else:
            tail = 0
            while tail < room and old[-1 - tail] == new[-1 - tail]:
                tail += 1
        middle = difflib.SequenceMatcher(
            a=old[head : len(old) - tail], b=new[head : len(new) - tail], autojunk=False
        ).get_opcodes()
        for tag, i1, i2, j1, j2 in reversed(middle):  # from the end: earlier rows stay put
            if tag == "equal":
                continue
            i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
            if i2 > i1:
                self.beginRemoveRows(QModelIndex(), i1, i2 - 1)
                del self._ids[i1:i2]
                self.endRemoveRows()
            if j2 > j1:
                self.beginInsertRows(QModelIndex(), i1, i1 + j2 - j1 - 1)
                self._ids[i1:i1] = new[j1:j2]
                self.endInsertRows()

    def _rows_changed(self, rows: Iterable[int]) -> None:
        shown = list(rows)
        if shown:
            last = max(0, self.columnCount() - 1)
            self.dataChanged.emit(self.index(min(shown), 0), self.index(max(shown), last))

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, row_id: int) -> int:
        return self._ids.index(row_id) if row_id in self._ids else -1

    def record(self, row: int) -> R | None:
        if not 0 <= row < len(self._ids):
            return None
        rid = self._ids[row]
        if rid not in self._cache:
            start = (row // self.chunk) * self.chunk
            chunk = [i for i in self._ids[start : start + self.chunk] if i not in self._cache]
            self._cache.update(self._load(chunk))
        return self._cache.get(rid)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None
