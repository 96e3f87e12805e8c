"""The lead's decision on a return request after inspection: approve an amount or refuse.

Decisions are appended, never changed (the database's triggers refuse UPDATE and DELETE); a
new decision names the one it supersedes, and both stay in the history. The amount is never
more than the order lines paid less what other requests of the same order were approved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Parcel, Refund, RefundDecision
from returnsdesk.domain.kinds import AuditAction, AuditEntity, SuggestionKind, Verdict
from returnsdesk.domain.money import parse_money
from returnsdesk.domain.refund_rules import ZERO
from returnsdesk.domain.roles import Act
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.domain.strings import amount_text, fill, short_date
from returnsdesk.errors import (
    InvalidInput,
    RefundAbovePaid,
    RefundChanged,
    RefundNotInspected,
    UnknownRefund,
    UnknownRefundKind,
)
from returnsdesk.i18n import Message
from returnsdesk.services.common import audit, tx, users
from returnsdesk.services.refunds.queue import current_decisions
from returnsdesk.services.refunds.rows import QueueRow, session_rows


@dataclass(frozen=True)
class DecisionResult:
    id: int
    refund_no: str
    decision: str  # approve / refuse
    kind: str
    amount: Decimal
    asked: Decimal
    supersedes_id: int | None
    backend_note: str

    @property
    def differs(self) -> bool:
        """Approved for another amount than the buyer asked: flagged in lists and exports."""
        return self.decision == Verdict.APPROVE and self.amount != self.asked


def backend_note(
    shop: ShopConfig,
    row: QueueRow,
    decision: str,
    kind: str,
    amount: Decimal,
    note: str,
    user: str,
    day: dt.date,
) -> str:
    """The note pasted into the shop back-end, from ``refund_approve`` / ``refund_refuse``."""
    if decision == Verdict.REFUSE:
        return fill(
            shop.templates.get("refund_refuse", "{date} {refund_no} 拒绝退款 {note} 审核:{user}"),
            date=short_date(day),
            refund_no=row.refund_no,
            note=note,
            user=user,
        )
    diff = f"(申请{amount_text(row.asked)}元)" if amount != row.asked else ""
    return fill(
        shop.templates.get(
            "refund_approve", "{date} {refund_no} 同意退{kind}{amount}元{asked} {note} 审核:{user}"
        ),
        date=short_date(day),
        refund_no=row.refund_no,
        kind=kind,
        amount=amount_text(amount),
        asked=diff,
        grounds=row.suggestion.grounds_text,
        note=note,
        user=user,
    )


def decide(
    sessions: SessionFactory,
    shop: ShopConfig,
    refund_no: str,
    user: str,
    station: str,
    *,
    approve: str | Decimal | None = None,
    refuse: bool = False,
    kind: str | None = None,
    note: str = "",
    replaces: int | None = None,
    now: dt.datetime | None = None,
) -> DecisionResult:
    """Record the decision; checks everything first, so a refused call writes nothing.

    ``replaces`` names the current decision the lead saw (None: there was none). When another
    lead decided since, nothing is written and ``RefundChanged`` says who decided what, when;
    the database's unique indexes hold the same rule for two leads at the same instant.
    """
    rules = shop.refunds
    at = now or dt.datetime.now()
    note = " ".join(note.split())
    if refuse == (approve is not None):
        raise InvalidInput("请选择同意 (金额) 或拒绝", field="decision")
    if refuse and not note:
        raise InvalidInput("拒绝退款须填写原因", field="note")
    kind = kind or rules.kinds[0]
    if kind not in rules.kinds:
        raise UnknownRefundKind(kinds="/".join(rules.kinds), kind=kind)
    amount = ZERO if approve is None else parse_money(approve, allow_zero=False)
    if len(note) > 300:
        raise InvalidInput("备注最多 300 字", field="note")
    refund_no = refund_no.strip()
    try:

        def work(s: Session) -> DecisionResult:
            users.require(s, user, Act.REFUND_DECIDE)  # the lead's act
            refund = s.scalar(select(Refund).where(Refund.refund_no == refund_no))
            if refund is None:
                raise UnknownRefund(refund_no=refund_no)
            previous = _current(s, refund.id)
            if (previous.id if previous is not None else None) != replaces:
                raise _changed(refund_no, previous)
            inspected = s.scalar(
                select(Parcel.id).where(
                    Parcel.refund_id == refund.id, Parcel.status == ParcelStatus.REGISTERED
                )
            )
            if inspected is None:
                raise RefundNotInspected(refund_no=refund_no)
            row = session_rows(s, [refund.id], shop, at)[refund.id]
            if amount > row.cap:
                raise RefundAbovePaid(
                    refund_no=refund_no, amount=f"{amount:.2f}", cap=f"{row.cap:.2f}"
                )
            decision = Verdict.REFUSE if refuse else Verdict.APPROVE
            text = backend_note(shop, row, decision, kind, amount, note, user, at.date())
            sug = row.suggestion
            d = RefundDecision(
                refund_id=refund.id,
                supersedes_id=replaces,
                decision=decision,
                kind=kind,
                amount=amount,
                asked=refund.amount,
                suggested=sug.decision,
                suggested_amount=ZERO if sug.decision is SuggestionKind.REFUSE else sug.amount,
                rule=sug.rule,
                grounds=sug.grounds_text,
                note=note,
                backend_note=text,
                decided_by=user,
                station=station,
                decided_at=at,
            )
            s.add(d)
            s.flush()
            audit.record(
                s,
                user,
                station,
                AuditAction(f"refund_{decision}"),
                AuditEntity.REFUND,
                refund.refund_no,
                f"{kind} {amount:.2f} / {refund.amount:.2f} {note}".strip(),
            )
            return DecisionResult(
                d.id, refund_no, decision, kind, amount, refund.amount, replaces, text
            )

        return tx.run(sessions, work)
    except IntegrityError:  # another lead's decision committed between our read and insert
        with sessions() as s:
            refund_id = s.scalar(select(Refund.id).where(Refund.refund_no == refund_no))
            current = _current(s, refund_id) if refund_id is not None else None
        raise _changed(refund_no, current) from None


def _current(s: Session, refund_id: int) -> RefundDecision | None:
    """The decision no later one supersedes (one at most: the database's unique indexes)."""
    cur, is_current = current_decisions()
    return s.scalar(select(cur).where(cur.refund_id == refund_id, is_current))  # type: ignore[arg-type]


def _changed(refund_no: str, current: RefundDecision | None) -> RefundChanged:
    """Another lead decided since this one looked: who, what and when, to decide again on."""
    if current is None:  # the decision this lead meant to replace is no longer there
        return RefundChanged(
            "退款 {refund_no} 的审核已变化, 请刷新后再决定", refund_no=refund_no, field="replaces"
        )
    what = (
        Message("拒绝")
        if current.decision == Verdict.REFUSE
        else Message("同意退{kind} {amount} 元", kind=current.kind, amount=f"{current.amount:.2f}")
    )
    return RefundChanged(
        refund_no=refund_no,
        who=current.decided_by,
        when=current.decided_at.strftime("%Y-%m-%d %H:%M:%S"),
        what=what,
        decision_id=current.id,
        field="replaces",
    )
