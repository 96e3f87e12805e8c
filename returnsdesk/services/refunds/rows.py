"""The details of requests in the refund queue, read by id a chunk at a time: what came
back, the order lines that did not, money found, the deadline, the suggested decision and
the decisions so far."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import (
    Evidence,
    MoneyEntry,
    Order,
    OrderLine,
    Parcel,
    ParcelItem,
    Refund,
    RefundDecision,
)
from returnsdesk.domain import strings
from returnsdesk.domain.kinds import EvidenceKind, Responsibility, Verdict, outcomes_of
from returnsdesk.domain.money import MoneyKind
from returnsdesk.domain.refund_rules import ZERO, Line, Returned, Suggestion, suggest
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.services.refunds.queue import Entry, current_decisions, session_entries


@dataclass(frozen=True)
class FoundItem:
    model: str
    color: str
    size: str
    spec: str
    qty: int
    condition: str
    reason: str
    responsibility: str
    accessories: str
    sku_code: str = ""
    name: str = ""  # as the standard strings name it

    @property
    def text(self) -> str:
        return f"{self.name or self.model + self.color + self.size + self.spec}*{self.qty}"


@dataclass(frozen=True)
class DecisionView:
    id: int
    decision: str
    kind: str
    amount: Decimal
    asked: Decimal
    note: str
    backend_note: str
    decided_by: str
    decided_at: dt.datetime
    supersedes_id: int | None


@dataclass(frozen=True)
class QueueRow:
    entry: Entry
    refund_no: str
    order_no: str
    buyer_id: str
    buyer_account: str
    asked: Decimal
    buyer_reason: str
    slips: str  # the parcels' slip numbers and tracking numbers
    found: tuple[FoundItem, ...]
    money: tuple[tuple[str, Decimal], ...]
    suggestion: Suggestion
    cap: Decimal  # the most this request may still be approved for
    decision: DecisionView | None  # the current one
    history: tuple[DecisionView, ...]  # every decision, oldest first (superseded ones too)
    hours_left: float
    follow_up: bool
    refunded_before_arrival: bool
    platform_state: str
    clips: int = 0  # the evidence its parcels have (拆包录像, photos)
    photos: int = 0
    outcomes: tuple[str, ...] = ()  # the parcels' outcomes (空包 …)

    @property
    def overdue(self) -> bool:
        return self.decision is None and self.hours_left < 0

    @property
    def found_text(self) -> str:
        return " ".join(f.text for f in self.found)

    @property
    def missing_text(self) -> str:
        return " ".join(f"{m.line.text}*{m.qty}" for m in self.suggestion.missing)

    def money_in(self, lang: str = "zh_CN") -> str:
        """Money found in the parcel, its kinds named in ``lang``."""
        return " ".join(
            f"{MoneyKind.name_of(kind, lang)} {amount:.2f}" for kind, amount in self.money
        )


def _name(shop: ShopConfig, model: str, category: str, color: str, size: str, spec: str) -> str:
    """An item as the bench, the labels and the standard strings name it."""
    return strings.item_text(strings.ItemSpec(model, category or "", color, size, spec), shop)


def _lines_by_order(
    s: Session, order_nos: set[str], shop: ShopConfig
) -> dict[str, tuple[Decimal, list[Line]]]:
    out: dict[str, tuple[Decimal, list[Line]]] = {}
    q = (
        select(
            Order.order_no,
            Order.total,
            OrderLine.line_no,
            OrderLine.model,
            OrderLine.color,
            OrderLine.size,
            OrderLine.spec,
            OrderLine.sku_code,
            OrderLine.qty,
            OrderLine.price,
            OrderLine.category,
        )
        .outerjoin(OrderLine, OrderLine.order_id == Order.id)
        .where(Order.order_no.in_(order_nos))
        .order_by(Order.order_no, OrderLine.line_no)
    )
    for order_no, total, line_no, model, color, size, spec, sku, qty, price, cat in s.execute(q):
        _, lines = out.setdefault(order_no, (total or ZERO, []))
        if line_no is not None:
            name = _name(shop, model, cat, color, size, spec)
            lines.append(Line(line_no, model, color, size, spec, sku, qty, price, name))
    return out


def _approved_by_order(s: Session, order_nos: set[str]) -> dict[tuple[str, int], Decimal]:
    """Current approved amounts per (order, request), to keep an order within what it paid."""
    cur, is_current = current_decisions()
    q = (
        select(Refund.order_no, Refund.id, cur.amount)
        .join(cur, cur.refund_id == Refund.id)
        .where(Refund.order_no.in_(order_nos), cur.decision == Verdict.APPROVE, is_current)  # type: ignore[arg-type]
    )
    return {(o, rid): amount for o, rid, amount in s.execute(q)}


def decision_views(s: Session, refund_ids: Sequence[int]) -> dict[int, list[DecisionView]]:
    """Every decision of each request, oldest first."""
    out: dict[int, list[DecisionView]] = defaultdict(list)
    q = (
        select(RefundDecision)
        .where(RefundDecision.refund_id.in_(list(refund_ids)))
        .order_by(RefundDecision.id)
    )
    for d in s.scalars(q):
        out[d.refund_id].append(
            DecisionView(
                d.id,
                d.decision,
                d.kind,
                d.amount,
                d.asked,
                d.note,
                d.backend_note,
                d.decided_by,
                d.decided_at,
                d.supersedes_id,
            )
        )
    return out


def current_of(history: Sequence[DecisionView]) -> DecisionView | None:
    replaced = {d.supersedes_id for d in history}
    live = [d for d in history if d.id not in replaced]
    return live[-1] if live else None


def rows(
    sessions: SessionFactory,
    ids: Sequence[int],
    shop: ShopConfig,
    now: dt.datetime,
    queue: dict[int, Entry] | None = None,
) -> dict[int, QueueRow]:
    """The details of the requests ``ids`` (a chunk of the queue), in a handful of queries."""
    with sessions() as s:
        return session_rows(s, ids, shop, now, queue)


def session_rows(
    s: Session,
    ids: Sequence[int],
    shop: ShopConfig,
    now: dt.datetime,
    queue: dict[int, Entry] | None = None,
) -> dict[int, QueueRow]:
    rules = shop.refunds
    ids = list(ids)
    if queue is None:
        queue = {e.refund_id: e for e in session_entries(s, rules, ids)}
    refunds = {
        r.id: r
        for r in s.execute(
            select(
                Refund.id,
                Refund.refund_no,
                Refund.order_no,
                Refund.buyer_id,
                Refund.buyer_account,
                Refund.amount,
                Refund.reason,
            ).where(Refund.id.in_(ids))
        )
    }
    parcels: list[tuple[int, int, int | None, str, str]] = list(
        s.execute(
            select(Parcel.id, Parcel.refund_id, Parcel.slip_no, Parcel.tracking_no, Parcel.outcomes)
            .where(Parcel.refund_id.in_(ids), Parcel.status == ParcelStatus.REGISTERED)
            .order_by(Parcel.id)
        )
    )
    parcel_ids = [p[0] for p in parcels]
    refund_of = {p[0]: p[1] for p in parcels}
    found: dict[int, list[FoundItem]] = defaultdict(list)
    item_columns = (ParcelItem.parcel_id, ParcelItem.model, ParcelItem.color, ParcelItem.size,
                    ParcelItem.spec, ParcelItem.qty, ParcelItem.condition, ParcelItem.reason,
                    ParcelItem.accessories, ParcelItem.sku_code, ParcelItem.category)  # fmt: skip
    for it in s.execute(
        select(*item_columns).where(ParcelItem.parcel_id.in_(parcel_ids)).order_by(ParcelItem.id)
    ):
        reason = shop.reason(it.reason)
        found[refund_of[it.parcel_id]].append(
            FoundItem(
                it.model,
                it.color,
                it.size,
                it.spec,
                it.qty,
                it.condition,
                it.reason,
                reason.responsibility if reason else Responsibility.BUYER,
                it.accessories,
                it.sku_code,
                _name(shop, it.model, it.category, it.color, it.size, it.spec),
            )
        )
    money: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for pid, kind, total in s.execute(
        select(MoneyEntry.parcel_id, MoneyEntry.kind, func.sum(MoneyEntry.amount))
        .where(MoneyEntry.parcel_id.in_(parcel_ids))
        .group_by(MoneyEntry.parcel_id, MoneyEntry.kind)
    ):
        if pid is None:
            continue
        per = money[refund_of[pid]]
        per[kind] = per.get(kind, ZERO) + Decimal(total or 0)
    order_nos = {r.order_no for r in refunds.values()}
    lines = _lines_by_order(s, order_nos, shop)
    approved = _approved_by_order(s, order_nos)
    history = decision_views(s, ids)
    slips: dict[int, list[str]] = defaultdict(list)
    outcomes: dict[int, set[str]] = defaultdict(set)
    for _, rid, slip, tracking, said in parcels:
        slips[rid].append(f"#{slip} {tracking}" if slip is not None else tracking)
        outcomes[rid].update(outcomes_of(said or ""))
    proof = _evidence_counts(s, parcel_ids, refund_of)
    out = {}
    for rid in ids:
        r = refunds.get(rid)
        entry = queue.get(rid)
        if r is None or entry is None:
            continue
        total, order_lines = lines.get(r.order_no, (ZERO, []))
        items = found.get(rid, [])
        suggestion = suggest(
            [
                Returned(
                    *(f.model, f.color, f.size, f.spec, f.sku_code, f.qty, f.condition, f.reason),
                    f.responsibility,
                    f.name,
                )
                for f in items
            ],
            order_lines,
            r.amount,
            rules,
            total,
            outcomes_of(",".join(outcomes.get(rid, ()))),
            _proof_text(*proof.get(rid, (0, 0))),
        )
        others = sum(
            (a for (o, other), a in approved.items() if o == r.order_no and other != rid), ZERO
        )
        # an order without prices in the export: the asked amount is the most there is
        paid = suggestion.paid if suggestion.paid > 0 else r.amount
        out[rid] = QueueRow(
            entry=entry,
            refund_no=r.refund_no,
            order_no=r.order_no,
            buyer_id=r.buyer_id,
            buyer_account=r.buyer_account,
            asked=r.amount,
            buyer_reason=r.reason,
            slips=" ".join(slips.get(rid, [])),
            found=tuple(items),
            money=tuple(sorted(money.get(rid, {}).items())),
            suggestion=suggestion,
            cap=max(ZERO, paid - others),
            decision=current_of(history.get(rid, [])),
            history=tuple(history.get(rid, [])),
            hours_left=(entry.due_at - now).total_seconds() / 3600,
            follow_up=entry.follow_up(rules, now),
            refunded_before_arrival=entry.refunded_before_arrival(rules),
            platform_state=entry.platform_state(rules),
            clips=proof.get(rid, (0, 0))[0],
            photos=proof.get(rid, (0, 0))[1],
            outcomes=outcomes_of(",".join(outcomes.get(rid, ()))),
        )
    return out


def _evidence_counts(
    s: Session, parcel_ids: Sequence[int], refund_of: dict[int, int]
) -> dict[int, tuple[int, int]]:
    """Clips and photos per request, from its parcels' evidence records."""
    out: dict[int, tuple[int, int]] = {}
    if not parcel_ids:
        return out
    q = (
        select(Evidence.parcel_id, Evidence.kind, func.count())
        .where(Evidence.parcel_id.in_(list(parcel_ids)))
        .group_by(Evidence.parcel_id, Evidence.kind)
    )
    for pid, kind, n in s.execute(q):
        rid = refund_of[pid]
        clips, photos = out.get(rid, (0, 0))
        if kind == EvidenceKind.CLIP:
            clips += n
        else:
            photos += n
        out[rid] = (clips, photos)
    return out


def _proof_text(clips: int, photos: int) -> str:
    """``录像 1 照片 2``: the evidence a ground stands on (the shop's record, in Chinese)."""
    parts = [f"录像 {clips}" if clips else "", f"照片 {photos}" if photos else ""]
    return " ".join(p for p in parts if p)


def history(sessions: SessionFactory, refund_id: int) -> list[DecisionView]:
    """Every decision on one request, oldest first (superseded ones included)."""
    with sessions() as s:
        return decision_views(s, [refund_id]).get(refund_id, [])
