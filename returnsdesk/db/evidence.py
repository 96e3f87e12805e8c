"""The evidence of the unpacking: clips and photos with their hashes, and the files the
clean-up removed (migrations 0007 and 0010). Both tables are append-only (triggers)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from returnsdesk.db.base import Base, utcnow


class Evidence(Base):
    """A clip or photo of a parcel, with the SHA-256 of its file. Append-only (triggers refuse
    UPDATE, DELETE, REPLACE and TRUNCATE): a file is recorded once, when it is closed."""

    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # an EvidenceKind: clip / photo
    # under the evidence folder (shared by the stations), with forward slashes
    path: Mapped[str] = mapped_column(String(300), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    station: Mapped[str] = mapped_column(String(40), default="")
    clerk: Mapped[str] = mapped_column(String(40), default="")
    camera: Mapped[str] = mapped_column(String(200), default="")
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    ended_at: Mapped[dt.datetime] = mapped_column(DateTime)
    item_index: Mapped[int | None] = mapped_column(Integer)  # a photo's item (0-based)
    note: Mapped[str] = mapped_column(String(200), default="")  # e.g. the camera failed mid-clip
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class EvidenceRemoval(Base):
    """A clip or photo file removed by the clean-up (retention, or to free the disk), told once.
    Append-only like ``evidence``: its record stays, and this row says the file went on purpose."""

    __tablename__ = "evidence_removals"
    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id"), unique=True)
    reason: Mapped[str] = mapped_column(String(12))  # a RemovalReason: retention / disk
    size: Mapped[int] = mapped_column(BigInteger)
    station: Mapped[str] = mapped_column(String(40), default="")
    removed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
