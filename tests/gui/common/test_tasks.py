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


def test_a_result_reaches_the_ui_thread_though_nobody_holds_the_task(qtbot):
    """The caller keeps no reference, and the worker is done long before the UI thread looks:
    the result still arrives (the weekly tab once stayed empty when it did not)."""
    import gc
    import time

    got: list[object] = []
    failed: list[str] = []
    task = Task(lambda _progress: 42, "zh_CN")
    task.signals.done.connect(got.append)
    start(task)
    del task
    time.sleep(0.3)  # the worker finished; no event was processed yet
    gc.collect()
    qtbot.waitUntil(lambda: got == [42])
    bad = Task(lambda _progress: 1 / 0, "zh_CN")
    bad.signals.failed.connect(failed.append)
    start(bad)
    del bad
    time.sleep(0.3)
    gc.collect()
    qtbot.waitUntil(lambda: len(failed) == 1)
    assert Task.running == set()
