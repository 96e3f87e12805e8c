"""Reason and condition lists: seeded from the shop config, read by the bench and reports."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Condition, Reason


@dataclass(frozen=True)
class Choice:
    code: str
    key: str
    bin: str


def ensure_lists(sessions: SessionFactory, shop: ShopConfig) -> None:
    """Add the configured reasons and conditions that the database does not have yet."""
    with sessions.begin() as s:
        have_r = set(s.scalars(select(Reason.code)))
        have_c = set(s.scalars(select(Condition.code)))
        for i, r in enumerate(shop.reasons):
            if r.code not in have_r:
                s.add(
                    Reason(
                        code=r.code,
                        key=r.key,
                        responsibility=r.responsibility,
                        bin=r.bin,
                        action=r.action,
                        courier_claim=r.courier_claim,
                        sort=i,
                    )
                )
        for i, c in enumerate(shop.conditions):
            if c.code not in have_c:
                s.add(Condition(code=c.code, key=c.key, bin=c.bin, sort=i))


def reasons(sessions: SessionFactory) -> list[Choice]:
    with sessions() as s:
        rows = s.scalars(select(Reason).where(Reason.active).order_by(Reason.sort))
        return [Choice(r.code, r.key, r.bin) for r in rows]


def conditions(sessions: SessionFactory) -> list[Choice]:
    with sessions() as s:
        rows = s.scalars(select(Condition).where(Condition.active).order_by(Condition.sort))
        return [Choice(c.code, c.key, c.bin) for c in rows]
