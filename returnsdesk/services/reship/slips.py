"""The reshipment desk's use cases: queue exchange (换) and reissue (补) slips, check them.

Printing and shipping are in ``reship_flow``; reading the queue in ``reship_rows``; the lead's
tables in ``reports.reship_report``.
A slip that fails a check stays in the queue in state ``problem`` with its problems listed,
and every time a check finds problems an audit row ``reship_problem`` is written, so the
daily table per submitter shows them even after they were fixed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order, Parcel, ReshipItem, ReshipSlip, Sku
from returnsdesk.domain import reship_rules
from returnsdesk.domain.codes import reship_code
from returnsdesk.domain.item_lines import item_lines as item_lines
from returnsdesk.domain.item_lines import parse_item_lines as parse_item_lines
from returnsdesk.domain.kinds import (
    EDITABLE_SLIPS,
    RESHIP_KINDS,
    AuditAction,
    AuditEntity,
    SlipState,
)
from returnsdesk.domain.roles import Act
from returnsdesk.domain.strings import ItemSpec, item_text, reship_note
from returnsdesk.errors import InvalidInput, NotFound
from returnsdesk.services.common import audit, tx, users
from returnsdesk.services.reship.rows import SlipRow, load_slip, row_of


def local_now() -> dt.datetime:
    """Slip times are the shop's local time, like the bench's parcel times."""
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class SlipDraft:
    """A slip as typed by CS staff (or edited at the desk)."""

    kind: str
    items: list[ItemSpec] = field(default_factory=list)
    buyer_id: str = ""
    order_no: str = ""
    receiver: str = ""
    phone: str = ""
    address: str = ""
    courier: str = ""
    postage_diff: Decimal = Decimal("0")
    note: str = ""


@dataclass(frozen=True)
class Receiver:
    """Who an order ships to, to fill a typed-in slip."""

    buyer_id: str
    order_no: str
    receiver: str
    phone: str
    address: str


def _spec(item: ReshipItem) -> ItemSpec:
    return ItemSpec(item.model, item.category, item.color, item.size, item.spec, item.qty)


def _find_sku(session: Session, item: ReshipItem) -> Sku | None:
    if item.sku_code:
        return session.scalar(select(Sku).where(Sku.sku_code == item.sku_code))
    q = select(Sku).where(Sku.model == item.model)
    if item.color or item.size:
        q = q.where(Sku.color == item.color, Sku.size == item.size)
    if item.spec:
        q = q.where(Sku.spec == item.spec)
    return session.scalars(q.order_by(Sku.id).limit(1)).first()


def check(session: Session, slip: ReshipSlip, shop: ShopConfig, user: str, station: str) -> None:
    """Run every check on ``slip``; set its problems and state (pending/problem)."""
    unknown: list[str] = []
    bad_qty: list[str] = []
    for item in slip.items:
        text = item_text(_spec(item), shop) if item.model else item.sku_code
        if item.qty < 1:
            bad_qty.append(text)
        sku = _find_sku(session, item)
        if sku is None:
            unknown.append(text)
        else:
            item.sku_code = sku.sku_code
            item.category = item.category or sku.category
    facts = reship_rules.SlipFacts(
        receiver=slip.receiver,
        phone=slip.phone,
        address=slip.address,
        courier=slip.courier,
        postage_diff=slip.postage_diff or Decimal("0"),
        items=[item_text(_spec(i), shop) for i in slip.items],
        unknown_items=unknown,
        bad_qty_items=bad_qty,
    )
    found = reship_rules.problems(facts, shop)
    text = "\n".join(found)
    if found and text != slip.problems:
        session.flush()
        audit.record(
            session,
            user,
            station,
            AuditAction.RESHIP_PROBLEM,
            AuditEntity.RESHIP_SLIP,
            slip.id,
            text,
        )
    slip.problems = text
    slip.state = SlipState.PROBLEM if found else SlipState.PENDING


def _note(kind: str, items: Sequence[ReshipItem | ItemSpec], shop: ShopConfig) -> str:
    return reship_note(kind, [i if isinstance(i, ItemSpec) else _spec(i) for i in items], shop)


def queue_from_parcel(
    session: Session, parcel: Parcel, shop: ShopConfig, user: str, station: str
) -> list[ReshipSlip]:
    """One slip per kind (换/补) for the parcel's target items, inside the bench's transaction.

    Registering the same parcel again updates its slips that have not printed yet instead of
    queueing a second one; a slip already printed or shipped is left alone.
    """
    if parcel.id is None:
        session.flush()
    wanted: dict[str, list[ItemSpec]] = {}
    for it in parcel.items:
        if it.action not in RESHIP_KINDS:
            continue
        model = it.target_model or it.model
        same = not it.target_model
        wanted.setdefault(it.action, []).append(
            ItemSpec(
                model=model,
                color=it.color if same else it.target_color,
                size=it.size if same else it.target_size,
                spec=it.spec if same else it.target_spec,
                qty=it.target_qty or it.qty,
                category=it.category if model == it.model else "",
            )
        )
    existing = {
        s.kind: s
        for s in session.scalars(select(ReshipSlip).where(ReshipSlip.parcel_id == parcel.id))
    }
    for kind, gone in existing.items():
        if kind not in wanted and gone.state in EDITABLE_SLIPS:  # the clerk took the target out
            audit.record(
                session,
                user,
                station,
                AuditAction.RESHIP_CANCEL,
                AuditEntity.RESHIP_SLIP,
                gone.id,
                gone.note,
            )
            session.delete(gone)
    order = parcel.order
    out: list[ReshipSlip] = []
    for kind, items in wanted.items():
        slip = existing.get(kind)
        if slip is not None and slip.state not in EDITABLE_SLIPS:
            continue
        if slip is None:
            slip = ReshipSlip(
                kind=kind,
                parcel_id=parcel.id,
                warehouse=shop.reship_warehouse,
                fee=Decimal("0"),
                courier=str(shop.reship.get("default_courier", "")),
                submitter=user,
                station=station,
                created_at=local_now(),
            )
            session.add(slip)
        slip.buyer_id = parcel.buyer_id or (order.buyer_id if order else "")
        # a receiver fixed at the desk survives registering the parcel again
        if order is not None and (slip.order_no != order.order_no or not slip.receiver):
            slip.order_no = order.order_no
            slip.receiver = order.receiver_name
            slip.phone = order.receiver_phone
            slip.address = order.address
        slip.items = [ReshipItem(**vars(i)) for i in items]
        slip.note = _note(kind, slip.items, shop)
        session.flush()
        check(session, slip, shop, user, station)
        action = (
            AuditAction.RESHIP_QUEUE if slip not in existing.values() else AuditAction.RESHIP_UPDATE
        )
        audit.record(session, user, station, action, AuditEntity.RESHIP_SLIP, slip.id, slip.note)
        out.append(slip)
    return out


def cancel_slip(sessions: SessionFactory, slip_id: int, user: str, station: str) -> str:
    """Withdraw a slip that has not printed (the buyer changed their mind); returns its code.

    The audit log keeps what it was; a printed slip is past withdrawing.
    """

    def work(s: Session) -> str:
        users.require(s, user, Act.RESHIP_SUBMIT)
        slip = load_slip(s, slip_id, lock=True)
        code = reship_code(slip.id)
        if slip.state not in EDITABLE_SLIPS:
            raise InvalidInput("{code} 已打印, 不能作废", code=code)
        detail = f"{slip.kind} {slip.buyer_id} {slip.note}"
        audit.record(
            s, user, station, AuditAction.RESHIP_CANCEL, AuditEntity.RESHIP_SLIP, slip.id, detail
        )
        s.delete(slip)
        return code

    return tx.run(sessions, work)


def find_receiver(sessions: SessionFactory, value: str) -> Receiver:
    """The order a buyer ID or order number names (the newest of the buyer's orders)."""
    v = value.strip()
    if not v:
        raise InvalidInput("请输入买家ID或订单号", field="lookup")
    with sessions() as s:
        order = s.scalars(
            select(Order)
            .where(or_(Order.order_no == v, Order.buyer_id_lower == v.lower()))
            .order_by(
                (Order.order_no == v).desc(), Order.paid_at.desc().nulls_last(), Order.id.desc()
            )
            .limit(1)
        ).first()
        if order is None:
            raise NotFound("买家或订单 {value}", field="lookup", value=v)
        return Receiver(
            order.buyer_id, order.order_no, order.receiver_name, order.receiver_phone, order.address
        )


def _item(s: Session, draft: ItemSpec) -> ReshipItem:
    """A slip item; one given by its 商家编码 alone gets model, colour and size from the SKU."""
    item = ReshipItem(**vars(draft))
    if item.sku_code and not item.model:
        sku = s.scalar(select(Sku).where(Sku.sku_code == item.sku_code))
        if sku is not None:
            item.model, item.color, item.size = sku.model, sku.color, sku.size
            item.spec, item.category = sku.spec, sku.category
    return item


def _apply(s: Session, slip: ReshipSlip, draft: SlipDraft, shop: ShopConfig) -> None:
    if draft.kind not in RESHIP_KINDS:
        raise InvalidInput("类型只能是 换 或 补", field="kind")
    slip.kind = draft.kind
    slip.buyer_id = draft.buyer_id.strip()
    slip.order_no = draft.order_no.strip()
    slip.receiver = draft.receiver.strip()
    slip.phone = draft.phone.strip()
    slip.address = draft.address.strip()
    slip.courier = draft.courier.strip()
    slip.postage_diff = draft.postage_diff
    slip.items = [_item(s, i) for i in draft.items if i.model.strip() or i.sku_code.strip()]
    slip.note = draft.note.strip() or _note(draft.kind, slip.items, shop)


def create_slip(
    sessions: SessionFactory, draft: SlipDraft, shop: ShopConfig, user: str, station: str
) -> SlipRow:
    """A slip typed in by CS staff; checked at once, queued even when it has problems."""

    def work(s: Session) -> SlipRow:
        users.require(s, user, Act.RESHIP_SUBMIT)
        slip = ReshipSlip(
            warehouse=shop.reship_warehouse,
            fee=Decimal("0"),
            submitter=user,
            station=station,
            created_at=local_now(),
        )
        _apply(s, slip, draft, shop)
        s.add(slip)
        s.flush()
        check(s, slip, shop, user, station)
        audit.record(
            s, user, station, AuditAction.RESHIP_CREATE, AuditEntity.RESHIP_SLIP, slip.id, slip.note
        )
        return row_of(slip)

    return tx.run(sessions, work)


def update_slip(
    sessions: SessionFactory,
    slip_id: int,
    draft: SlipDraft,
    shop: ShopConfig,
    user: str,
    station: str,
) -> SlipRow:
    """Fix a slip before it prints; it is checked again."""

    def work(s: Session) -> SlipRow:
        users.require(s, user, Act.RESHIP_SUBMIT)
        slip = load_slip(s, slip_id, lock=True)
        if slip.state not in EDITABLE_SLIPS:
            raise InvalidInput("{code} 已打印, 不能再修改", code=reship_code(slip_id))
        _apply(s, slip, draft, shop)
        s.flush()
        check(s, slip, shop, user, station)
        audit.record(
            s, user, station, AuditAction.RESHIP_EDIT, AuditEntity.RESHIP_SLIP, slip.id, slip.note
        )
        return row_of(slip)

    return tx.run(sessions, work)


def recheck(
    sessions: SessionFactory, ids: Sequence[int], shop: ShopConfig, user: str, station: str
) -> list[SlipRow]:
    """Check slips again (say, after the catalog was imported)."""

    def work(s: Session) -> list[SlipRow]:
        users.require(s, user, Act.RESHIP_SUBMIT)
        out = []
        for slip_id in ids:
            slip = load_slip(s, slip_id)
            if slip.state in EDITABLE_SLIPS:
                check(s, slip, shop, user, station)
            out.append(row_of(slip))
        return out

    return tx.run(sessions, work)
