"""Printing and shipping reshipment slips: batch print, explicit reprint, the scan loop.

A slip prints once; a second print is the explicit 重打 and is recorded. After printing the
operator scans the slip's barcode, then the new outbound tracking number: the slip is
shipped and the customer message composed. A tracking number serves one slip only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import AuditEntry, ReshipSlip
from returnsdesk.domain import couriers
from returnsdesk.domain.codes import parse_reship_code, reship_code
from returnsdesk.domain.kinds import EDITABLE_SLIPS, AuditAction, AuditEntity, DocKind, SlipState
from returnsdesk.domain.reship_rules import customer_message, problem_text
from returnsdesk.domain.roles import Act
from returnsdesk.errors import (
    InvalidInput,
    SlipAlreadyShipped,
    SlipNotShippable,
    TrackingUsed,
    UnknownTrackingNumber,
)
from returnsdesk.i18n import translate
from returnsdesk.services.common import audit, tx, users
from returnsdesk.services.reship.rows import SlipRow, load_slip, row_of
from returnsdesk.services.reship.slips import check, local_now

# (sessions, kind, ref_id, user, station): puts one document on the persistent print queue
Enqueue = Callable[[SessionFactory, str, str, str, str], object]


def default_enqueue(
    sessions: SessionFactory, kind: str, ref_id: str, user: str, station: str
) -> object:
    """The printing service's queue (imported late: it is a separate part of the app)."""
    from returnsdesk.services.printing import queue as print_queue

    return print_queue.enqueue(sessions, kind, ref_id, user, station)


@dataclass(frozen=True)
class Refusal:
    """Why a slip did not print, told in the user's language when shown."""

    code: str
    reason: str  # "problem", "printed" or "not_printed"
    count: int = 0
    problems: tuple[str, ...] = ()

    def text(self, lang: str = "zh_CN") -> str:
        if self.reason == "problem":
            found = "; ".join(problem_text(p, lang) for p in self.problems)
            return translate("有问题: {problems}", lang, problems=found)
        if self.reason == "printed":
            return translate("已打印 {count} 次, 重打请用「重打」", lang, count=self.count)
        return translate("还没有打印过, 请用「打印」", lang)


@dataclass(frozen=True)
class PrintOutcome:
    printed: tuple[SlipRow, ...]
    refused: tuple[Refusal, ...] = field(default_factory=tuple)


def print_slips(
    sessions: SessionFactory,
    ids: Sequence[int],
    shop: ShopConfig,
    user: str,
    station: str,
    reprint: bool = False,
    enqueue: Enqueue | None = None,
    now: dt.datetime | None = None,
) -> PrintOutcome:
    """Queue the slips for printing and mark them printed (print_count + 1).

    Each slip is checked again first; a problem slip is refused, and so is a slip printed
    before unless ``reprint`` (重打) is asked for, which the audit log records.
    """
    send = enqueue or default_enqueue

    def work(s: Session) -> PrintOutcome:
        users.require(s, user, Act.RESHIP)
        printed: list[SlipRow] = []
        refused: list[Refusal] = []
        for slip_id in ids:
            slip = load_slip(s, slip_id, lock=True)
            code = reship_code(slip.id)
            if slip.state in EDITABLE_SLIPS:
                check(s, slip, shop, user, station)
            if slip.state == SlipState.PROBLEM:
                problems = tuple(slip.problems.splitlines())
                refused.append(Refusal(code, "problem", problems=problems))
                continue
            if slip.print_count > 0 and not reprint:
                refused.append(Refusal(code, "printed", count=slip.print_count))
                continue
            if reprint and slip.print_count == 0:
                refused.append(Refusal(code, "not_printed"))
                continue
            slip.print_count += 1
            slip.printed_at = now or local_now()
            if slip.state == SlipState.PENDING:
                slip.state = SlipState.PRINTED
            action = AuditAction.RESHIP_REPRINT if reprint else AuditAction.RESHIP_PRINT
            detail = str(slip.print_count)  # which print: named in the reader's language
            audit.record(s, user, station, action, AuditEntity.RESHIP_SLIP, slip.id, detail)
            printed.append(row_of(slip))
        return PrintOutcome(tuple(printed), tuple(refused))

    out = tx.run(sessions, work)
    sent = 0
    try:
        for row in out.printed:
            send(sessions, DocKind.RESHIP, str(row.id), user, station)
            sent += 1
    except Exception:
        _undo_print(sessions, [r.id for r in out.printed[sent:]], reprint)
        raise
    return out


def _undo_print(sessions: SessionFactory, ids: Sequence[int], reprint: bool) -> None:
    """The print queue refused: the slips go back to how they were."""

    def work(s: Session) -> None:
        for slip_id in ids:
            slip = load_slip(s, slip_id, lock=True)
            slip.print_count = max(0, slip.print_count - 1)
            if not reprint and slip.state == SlipState.PRINTED:
                slip.state = SlipState.PENDING
                slip.printed_at = None

    tx.run(sessions, work)


def resolve_scan(sessions: SessionFactory, value: str) -> SlipRow:
    """The slip a scanned slip barcode (RS00000012) or typed number (12) names."""
    v = value.strip()
    slip_id = parse_reship_code(v)
    if slip_id is None and v.isdigit():
        slip_id = int(v)
    if slip_id is None:
        raise InvalidInput("不是补发单条码: {value}", field="scan", value=v)
    with sessions() as s:
        return row_of(load_slip(s, slip_id))


@dataclass(frozen=True)
class ShipResult:
    slip: SlipRow
    courier: str
    tracking: str
    message: str


def _courier_for(tracking: str, preferred: str) -> str:
    """The courier of the number; the slip's courier wins when the shape is ambiguous, and
    names a number of a shape we do not know (a tracking-like number only)."""
    cands = couriers.recognise(tracking)
    wanted = couriers.courier_name_of(preferred)
    if not cands:
        if wanted and couriers.TRACKING_SHAPE.fullmatch(tracking):
            return wanted
        raise UnknownTrackingNumber(value=tracking)
    names = [c.name for c in cands]
    return wanted if wanted in names else names[0]


def ship(
    sessions: SessionFactory,
    slip_id: int,
    tracking_raw: str,
    shop: ShopConfig,
    user: str,
    station: str,
    now: dt.datetime | None = None,
) -> ShipResult:
    """Record the outbound tracking number of a printed slip; compose the customer message."""
    tracking = couriers.normalize(tracking_raw)

    def work(s: Session) -> tuple[SlipRow, str]:
        users.require(s, user, Act.RESHIP)
        slip = load_slip(s, slip_id, lock=True)
        code = reship_code(slip.id)
        if slip.state == SlipState.SHIPPED:  # another desk shipped it: who, when, with what
            who = s.scalar(
                select(AuditEntry.user)
                .where(
                    AuditEntry.entity == AuditEntity.RESHIP_SLIP,
                    AuditEntry.entity_id == str(slip.id),
                    AuditEntry.action == AuditAction.RESHIP_SHIP,
                )
                .order_by(AuditEntry.id.desc())
                .limit(1)
            )
            when = f"{slip.shipped_at:%m-%d %H:%M}" if slip.shipped_at else "-"
            raise SlipAlreadyShipped(code=code, who=who or "-", when=when,
                                     courier=slip.out_courier, tracking=slip.out_tracking)  # fmt: skip
        if slip.state != SlipState.PRINTED:
            raise SlipNotShippable(code=code)
        courier = _courier_for(tracking, slip.courier)
        other = s.scalar(select(ReshipSlip.id).where(ReshipSlip.out_tracking == tracking))
        if other is not None:
            raise TrackingUsed(tracking=tracking, code=reship_code(other))
        slip.out_tracking = tracking
        slip.out_courier = courier
        slip.shipped_at = now or local_now()
        slip.state = SlipState.SHIPPED
        detail = f"{courier} {tracking}"
        audit.record(
            s, user, station, AuditAction.RESHIP_SHIP, AuditEntity.RESHIP_SLIP, slip.id, detail
        )
        s.flush()
        return row_of(slip), courier

    try:
        row, courier = tx.run(sessions, work)
    except IntegrityError as exc:  # another desk used the number a moment ago
        with sessions() as s:
            other = s.scalar(select(ReshipSlip.id).where(ReshipSlip.out_tracking == tracking))
        raise TrackingUsed(tracking=tracking, code=reship_code(other or 0)) from exc
    message = customer_message(row.kind, courier, tracking, shop)
    return ShipResult(row, courier, tracking, message)


def message_of(row: SlipRow, shop: ShopConfig) -> str:
    """The customer message of a shipped slip, to copy it again later."""
    if row.state != SlipState.SHIPPED:
        return ""
    return customer_message(row.kind, row.out_courier, row.out_tracking, shop)
