"""The bench session (one engine for the window, the scanner and ``returnsdesk register``)."""

from returnsdesk.services.bench.session.engine import BenchSession
from returnsdesk.services.bench.session.parcel import parse_money_entries
from returnsdesk.services.bench.session.state import (
    BinPreview,
    Event,
    Field,
    ItemDraft,
    Outcome,
    ParcelDraft,
    Preview,
    Sound,
)
from returnsdesk.services.bench.session.store import DraftStore, FileStore, MemoryStore

__all__ = [
    "BenchSession",
    "BinPreview",
    "DraftStore",
    "Event",
    "Field",
    "FileStore",
    "ItemDraft",
    "MemoryStore",
    "Outcome",
    "ParcelDraft",
    "Preview",
    "Sound",
    "parse_money_entries",
]
