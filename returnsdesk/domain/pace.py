"""How long things take: a station's small histogram of a measured step, and percentiles.

A bench measures every scan and registration; it keeps counts per fixed bucket (milliseconds,
roughly logarithmic) rather than a row per keystroke, merges them into the day's row now and
then, and the floor view reads p50/p95 off the merged counts (a bucket's upper bound: a
coarse figure, enough to tell a slow PC or a slow line to the server)."""

from __future__ import annotations

import enum
import json
import math
from collections.abc import Sequence

#: Upper bounds of the buckets in milliseconds; one more bucket holds anything slower.
BUCKETS_MS = (10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000)


class Step(enum.StrEnum):
    """What a station measures of itself."""

    SCAN_PANEL = "scan_panel"  # a scan until the panel shows what it matched
    REGISTER_READY = "register_ready"  # Enter on a parcel until the scan box is ready again


class Histogram:
    """Counts per bucket of ``BUCKETS_MS`` (plus one for slower)."""

    def __init__(self, counts: Sequence[int] | None = None) -> None:
        size = len(BUCKETS_MS) + 1
        self.counts = [0] * size
        for i, n in enumerate(list(counts or [])[:size]):
            self.counts[i] = max(0, int(n))

    @property
    def total(self) -> int:
        return sum(self.counts)

    def add(self, ms: float) -> None:
        self.counts[_bucket(ms)] += 1

    def merge(self, other: Histogram) -> Histogram:
        return Histogram([a + b for a, b in zip(self.counts, other.counts, strict=True)])

    def quantile_ms(self, q: float) -> int | None:
        """The upper bound of the bucket holding the ``q`` quantile; None when empty (the
        slowest bucket answers with twice the last bound)."""
        total = self.total
        if total == 0:
            return None
        rank = max(1, math.ceil(q * total))
        seen = 0
        for i, n in enumerate(self.counts):
            seen += n
            if seen >= rank:
                return BUCKETS_MS[i] if i < len(BUCKETS_MS) else BUCKETS_MS[-1] * 2
        return BUCKETS_MS[-1] * 2

    def to_json(self) -> str:
        return json.dumps(self.counts)

    @classmethod
    def from_json(cls, text: str) -> Histogram:
        try:
            data = json.loads(text or "[]")
        except ValueError:
            return cls()
        return cls(data if isinstance(data, list) else [])


def _bucket(ms: float) -> int:
    for i, bound in enumerate(BUCKETS_MS):
        if ms <= bound:
            return i
    return len(BUCKETS_MS)


def percentile(values: Sequence[float], q: float) -> float | None:
    """The nearest-rank ``q`` percentile of exact values (per clerk times); None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]
