"""Which printer and paper size each document kind goes to: ``printers.json`` in the home.

The file carries a version number; ``upgrade`` brings an older file to the current shape so
a settings change never loses a station's printer choice.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from returnsdesk.printing.layout import DOC_SIZES

VERSION = 1
FILE_NAME = "printers.json"


@dataclass(frozen=True)
class DocPrinter:
    """Where one document kind prints: ``printer`` is ``scheme:target`` (see backends)."""

    printer: str = ""
    size: str = ""
    copies: int = 1


def _defaults() -> dict[str, DocPrinter]:
    return {kind: DocPrinter("", sizes[0], 1) for kind, sizes in DOC_SIZES.items()}


@dataclass(frozen=True)
class PrinterSettings:
    font: str = ""  # a configured CJK TrueType font; empty: search the usual places
    documents: dict[str, DocPrinter] = field(default_factory=_defaults)

    def for_kind(self, kind: str) -> DocPrinter:
        d = self.documents.get(kind) or DocPrinter()
        size = d.size if d.size in DOC_SIZES.get(kind, ()) else DOC_SIZES[kind][0]
        return replace(d, size=size, copies=max(1, d.copies))

    def with_kind(self, kind: str, doc: DocPrinter) -> PrinterSettings:
        return replace(self, documents={**self.documents, kind: doc})


def upgrade(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring a stored file of any older version to ``VERSION``."""
    version = int(raw.get("version", 0))
    if version < 1:  # version 0 kept one "printer" for everything
        printer = str(raw.get("printer", ""))
        raw = {
            "version": 1,
            "font": raw.get("font", ""),
            "documents": {k: {"printer": printer} for k in DOC_SIZES},
        }
    return raw


def load(home: Path) -> PrinterSettings:
    path = home / FILE_NAME
    if not path.is_file():
        return PrinterSettings()
    try:
        raw = upgrade(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, OSError):
        return PrinterSettings()
    docs = _defaults()
    for kind, d in (raw.get("documents") or {}).items():
        if kind in docs and isinstance(d, dict):
            docs[kind] = DocPrinter(
                printer=str(d.get("printer", "")),
                size=str(d.get("size", docs[kind].size)),
                copies=int(d.get("copies", 1) or 1),
            )
    return PrinterSettings(font=str(raw.get("font", "")), documents=docs)


def save(home: Path, settings: PrinterSettings) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / FILE_NAME
    data = {
        "version": VERSION,
        "font": settings.font,
        "documents": {k: asdict(v) for k, v in settings.documents.items()},
    }
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
    return path
