"""Courier claims (快递索赔): parcels with damaged packaging, a courier-caused reason, or an
outcome the courier may answer for (空包, 少件: lost on the way)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import selectinload

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Parcel, ParcelItem, Reason
from returnsdesk.domain.kinds import ParcelOutcome, outcomes_of, outcomes_text
from returnsdesk.domain.status import status_name
from returnsdesk.reports.tables import Table

HEADERS = ("日期", "纸条编号", "快递", "运单号", "旺旺名", "包装破损", "原因", "商品", "状态",
           "包裹结果")  # fmt: skip
# outcomes that may be the courier's: the parcel arrived empty or short
CLAIM_OUTCOMES = (ParcelOutcome.EMPTY, ParcelOutcome.SHORT)


@dataclass(frozen=True)
class ClaimRow:
    parcel_id: int
    day: dt.date
    slip_no: int | None
    courier: str
    tracking_no: str
    buyer_id: str
    packaging_damaged: bool
    reasons: str
    items: str
    status: str
    outcomes: str = ""  # 空包, 少件 … as recorded at the bench


def claims(sessions: SessionFactory, first: dt.date, last: dt.date) -> list[ClaimRow]:
    """Parcels of ``first``..``last`` the courier is answerable for, oldest first."""
    courier_item = exists().where(
        ParcelItem.parcel_id == Parcel.id,
        Reason.code == ParcelItem.reason,
        (Reason.courier_claim.is_(True)) | (Reason.responsibility == "courier"),
    )
    q = (
        select(Parcel)
        .where(Parcel.day >= first, Parcel.day <= last)
        .where(
            Parcel.packaging_damaged.is_(True)
            | courier_item
            | or_(*(Parcel.outcomes.contains(o.value) for o in CLAIM_OUTCOMES))
        )
        .order_by(Parcel.day, Parcel.received_at, Parcel.id)
        .options(selectinload(Parcel.items))
    )
    with sessions() as s:
        claim_reasons = set(
            s.scalars(
                select(Reason.code).where(
                    Reason.courier_claim.is_(True) | (Reason.responsibility == "courier")
                )
            )
        )
        out = []
        for p in s.scalars(q):
            reasons = sorted({i.reason for i in p.items if i.reason in claim_reasons})
            items = (
                " ".join(f"{i.model}{i.color}{i.size}{i.spec}*{i.qty}" for i in p.items)
                or p.contents
            )
            out.append(
                ClaimRow(
                    p.id,
                    p.day,
                    p.slip_no,
                    p.courier,
                    p.tracking_no,
                    p.buyer_id,
                    p.packaging_damaged,
                    "、".join(reasons),
                    items,
                    status_name(p.status),
                    outcomes_text(outcomes_of(p.outcomes or "")),
                )
            )
        return out


def claims_table(rows: list[ClaimRow]) -> Table:
    return Table(
        "快递索赔",
        HEADERS,
        [
            (
                r.day,
                r.slip_no,
                r.courier,
                r.tracking_no,
                r.buyer_id,
                "是" if r.packaging_damaged else "",
                r.reasons,
                r.items,
                r.status,
                r.outcomes,
            )
            for r in rows
        ],
    )
