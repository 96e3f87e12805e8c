"""Background work reports any failure on the UI thread: a user error in the user's words, a
bug with its type (and in the log), never a caller left waiting."""

from __future__ import annotations

import pytest

from returnsdesk.errors import InvalidInput
from returnsdesk.ui.common.tasks import Task, start


def _run(qtbot, work) -> tuple[list[object], list[str], list[tuple[int, int]]]:
    done: list[object] = []
    failed: list[str] = []
    progress: list[tuple[int, int]] = []
    task = Task(work, "en")
    task.signals.done.connect(done.append)
    task.signals.failed.connect(failed.append)
    task.signals.progress.connect(lambda d, t: progress.append((d, t)))
    start(task)
    qtbot.waitUntil(lambda: bool(done or failed))
    return done, failed, progress


def test_result_and_progress_come_back(qtbot):
    def work(progress):
        progress(1, 2)
        progress(2, None)
        return 42

    done, failed, progress = _run(qtbot, work)
    assert done == [42]
    assert failed == []
    qtbot.waitUntil(lambda: len(progress) == 2)
    assert progress == [(1, 2), (2, -1)]


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (InvalidInput("请选择款项类型"), "Invalid input: choose the kind of money"),
        (PermissionError(13, "Permission denied", "/x/out.xlsx"), "/x/out.xlsx"),
        (ZeroDivisionError("division by zero"), "ZeroDivisionError: division by zero"),
    ],
)
def test_any_failure_is_said_never_a_hang(qtbot, error, says, caplog):
    def work(_progress):
        raise error

    done, failed, _ = _run(qtbot, work)
    assert done == []
    assert len(failed) == 1
    assert says in failed[0]
    assert not Task.running  # nothing kept waiting
