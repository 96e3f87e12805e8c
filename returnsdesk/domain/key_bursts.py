"""Telling a keyboard-wedge scanner from a person typing.

A scanner types a whole code within a few milliseconds per character and ends with Enter;
a person is slower. The bench uses this to take a scan even while the clerk is typing in
another field, and to give that field back what it had before the burst.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_GAP_MS = 35  # a scanner's gap between characters; people type slower
MIN_LENGTH = 2  # a command code is 4+; one fast key and Enter is still a person


@dataclass
class BurstDetector:
    """Feed it every character with its time; ``enter`` says whether a scan just ended."""

    max_gap_ms: int = MAX_GAP_MS
    min_length: int = MIN_LENGTH
    chars: list[str] = field(default_factory=list)
    last_ms: float | None = None

    def key(self, char: str, at_ms: float) -> bool:
        """Record a typed character; True when it starts a new possible burst."""
        starts = self.last_ms is None or at_ms - self.last_ms > self.max_gap_ms
        if starts:
            self.chars = []
        self.chars.append(char)
        self.last_ms = at_ms
        return starts

    def enter(self, at_ms: float) -> str | None:
        """Enter pressed: the scanned text when the characters before it were a burst."""
        burst = "".join(self.chars)
        fast = self.last_ms is not None and at_ms - self.last_ms <= self.max_gap_ms
        self.reset()
        return burst if fast and len(burst) >= self.min_length else None

    def reset(self) -> None:
        self.chars = []
        self.last_ms = None
