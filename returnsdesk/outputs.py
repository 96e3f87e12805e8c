"""Files the program is asked to write (``--out``, ``backup --to``): checked before the work.

A path that cannot be written is one ``OutputUnwritable`` line in the user's language, said
before a report is built or a label rendered, and never a traceback; ``from_os_error``
turns a failure during the write itself into the same line.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from returnsdesk.errors import OutputUnwritable
from returnsdesk.i18n import Message

# errno → a reason in the catalogue (resources/messages_*.json); others keep the OS's words
REASONS = {
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "只读的磁盘",
    errno.ENOENT: "文件夹不存在",
    errno.ENOTDIR: "路径中的一段不是文件夹",
    errno.EISDIR: "这是一个文件夹, 不是文件",
    errno.ENOSPC: "磁盘已满",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EEXIST: "已存在同名文件",
}


def from_os_error(exc: OSError, path: Path | str | None = None) -> OutputUnwritable:
    where = exc.filename if exc.filename is not None else path
    known = REASONS.get(exc.errno or 0)
    reason = Message(known) if known else exc.strerror or str(exc)
    return OutputUnwritable(path=str(where or ""), reason=reason)


def _existing_ancestor(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(path.anchor or ".")


def check_writable(path: Path, folder: bool = False) -> None:
    """Raise ``OutputUnwritable`` unless ``path`` (a file, or a folder to write into) can be
    written; nothing is created here."""
    path = path.expanduser()
    try:
        if len(os.fsencode(path.name)) > 255:
            raise OSError(errno.ENAMETOOLONG, "", str(path))
        if path.exists():
            if folder and not path.is_dir():
                raise OSError(errno.ENOTDIR, "", str(path))
            if not folder and path.is_dir():
                raise OSError(errno.EISDIR, "", str(path))
            if not os.access(path, os.W_OK):
                raise OSError(errno.EACCES, "", str(path))
            return
        base = _existing_ancestor(path.parent)
        if not base.is_dir():
            raise OSError(errno.ENOTDIR, "", str(base))
        if not os.access(base, os.W_OK | os.X_OK):
            raise OSError(errno.EACCES, "", str(path))
        if _read_only(base):
            raise OSError(errno.EROFS, "", str(path))
    except OSError as exc:
        raise from_os_error(exc, path) from None


def _read_only(folder: Path) -> bool:
    """A read-only mount (root may write anywhere else, so ask the file system)."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs on Windows
        return False
