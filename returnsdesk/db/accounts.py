"""Accountability: who may act (users), what the lead closed or decided (closed days, refund
decisions) and who did what (the audit log). The audit log and the refund decisions are
append-only, enforced by database triggers (migrations 0003 and 0004).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from returnsdesk.db.base import Base, Money, utcnow


class User(Base):
    """A person who signs in, with a role and a PIN kept only as a salted scrypt hash."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class DayClose(Base):
    """A closed day: no registrations or money on it until a lead reopens it."""

    __tablename__ = "day_closes"
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    closed_by: Mapped[str] = mapped_column(String(40), default="")
    closed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[str] = mapped_column(String(200), default="")


class RefundDecision(Base):
    """The lead's decision on a return request after inspection. Append-only (database
    triggers refuse UPDATE and DELETE): a later decision supersedes an earlier one."""

    __tablename__ = "refund_decisions"
    # one first decision per request; with supersedes_id unique, the decisions of a request
    # form one chain and exactly one is current (migration 0005)
    __table_args__ = (
        Index(
            "uq_refund_decisions_first",
            "refund_id",
            unique=True,
            sqlite_where=text("supersedes_id IS NULL"),
            postgresql_where=text("supersedes_id IS NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    refund_id: Mapped[int] = mapped_column(ForeignKey("refunds.id"), index=True)
    # the decision this one replaces; each is replaced at most once (NULLs do not collide)
    supersedes_id: Mapped[int | None] = mapped_column(
        ForeignKey("refund_decisions.id"), unique=True
    )
    decision: Mapped[str] = mapped_column(String(12))  # approve / refuse
    kind: Mapped[str] = mapped_column(String(12), default="货款")
    amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    asked: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    # what the rules suggested at the time, and the rule that decided it
    suggested: Mapped[str] = mapped_column(String(12), default="")
    suggested_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    rule: Mapped[str] = mapped_column(String(40), default="")
    grounds: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(String(300), default="")
    backend_note: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(40), default="")
    station: Mapped[str] = mapped_column(String(40), default="")
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class AuditEntry(Base):
    """Who did what, where: every service that changes data writes one."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(40), default="")
    station: Mapped[str] = mapped_column(String(40), default="")
    action: Mapped[str] = mapped_column(String(40), index=True)
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
