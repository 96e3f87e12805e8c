"""Reason and condition lists: synced from ``shop.toml`` (the one authority) at every start,
read by the bench, validation and reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Condition, Reason
from returnsdesk.services.common import tx


@dataclass(frozen=True)
class Choice:
    code: str
    key: str
    bin: str


def ensure_lists(sessions: SessionFactory, shop: ShopConfig) -> None:
    """Make the database's reason and condition lists what ``shop.toml`` says.

    ``shop.toml`` is the one authority: routing reads it, and the pickers, validation, claims
    and reports read these rows, so they are synced at every start. A reason or condition
    taken out of the file stays for the records that name it, inactive. Nothing is written
    when nothing changed (a start takes no write lock then).
    """
    want_r = {
        r.code: dict(
            key=r.key,
            responsibility=r.responsibility,
            bin=r.bin,
            action=r.action,
            courier_claim=r.courier_claim,
            sort=i,
            active=True,
        )
        for i, r in enumerate(shop.reasons)
    }
    want_c = {
        c.code: dict(key=c.key, bin=c.bin, sort=i, active=True)
        for i, c in enumerate(shop.conditions)
    }
    with sessions() as s:
        stale = _differs(s, Reason, want_r) or _differs(s, Condition, want_c)
    if stale:

        def work(s: Session) -> None:
            _sync(s, Reason, want_r)
            _sync(s, Condition, want_c)

        tx.run(sessions, work)


def _rows(s: Session, model: type[Reason] | type[Condition]) -> dict[str, Any]:
    return {row.code: row for row in s.scalars(select(model))}  # type: ignore[attr-defined]


def _differs(
    s: Session, model: type[Reason] | type[Condition], want: dict[str, dict[str, object]]
) -> bool:
    have = _rows(s, model)
    if any(code not in want and row.active for code, row in have.items()):
        return True
    return any(
        code not in have or any(getattr(have[code], k) != v for k, v in values.items())
        for code, values in want.items()
    )


def _sync(
    s: Session, model: type[Reason] | type[Condition], want: dict[str, dict[str, object]]
) -> None:
    have = _rows(s, model)
    for code, row in have.items():
        if code not in want:
            row.active = False
    for code, values in want.items():
        row = have.get(code) or model(code=code)
        for k, v in values.items():
            setattr(row, k, v)
        s.add(row)


def reasons(sessions: SessionFactory) -> list[Choice]:
    with sessions() as s:
        rows = s.scalars(select(Reason).where(Reason.active).order_by(Reason.sort))
        return [Choice(r.code, r.key, r.bin) for r in rows]


def conditions(sessions: SessionFactory) -> list[Choice]:
    with sessions() as s:
        rows = s.scalars(select(Condition).where(Condition.active).order_by(Condition.sort))
        return [Choice(c.code, c.key, c.bin) for c in rows]
