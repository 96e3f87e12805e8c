"""Work started at the same instant on several threads, as stations racing for one row."""

from __future__ import annotations

import threading
from collections.abc import Callable


def together(*work: Callable[[], object], timeout: float = 60) -> list[object]:
    """Run every function at once (a barrier releases them together); each one's result,
    or the exception it raised."""
    barrier = threading.Barrier(len(work))
    results: list[object] = [None] * len(work)

    def run(i: int, fn: Callable[[], object]) -> None:
        barrier.wait()
        try:
            results[i] = fn()
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(work)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    return results
