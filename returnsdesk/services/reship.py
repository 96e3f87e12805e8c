"""The reshipment desk's use cases: queue exchange (换) and reissue (补) slips, check them.

Printing and shipping are in ``reship_flow``; the lead's tables in ``reports.reship_report``.
A slip that fails a check stays in the queue in state ``problem`` with its problems listed,
and every time a check finds problems an audit row ``reship_problem`` is written, so the
daily table per submitter shows them even after they were fixed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

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
from returnsdesk.domain.phone import mask_phone
from returnsdesk.domain.roles import Act
from returnsdesk.domain.strings import ItemSpec, item_text, reship_note
from returnsdesk.errors import InvalidInput, NotFound
from returnsdesk.services import audit, users


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
class SlipRow:
    """One slip as the desk shows it."""

    id: int
    code: str
    kind: str
    state: str
    buyer_id: str
    order_no: str
    receiver: str
    phone: str
    address: str
    courier: str
    warehouse: str
    postage_diff: Decimal
    note: str
    submitter: str
    created_at: dt.datetime
    problems: tuple[str, ...]
    print_count: int
    printed_at: dt.datetime | None
    out_tracking: str
    out_courier: str
    shipped_at: dt.datetime | None
    parcel_id: int | None
    items: tuple[ItemSpec, ...]

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


@dataclass(frozen=True)
class Receiver:
    """Who an order ships to, to fill a typed-in slip."""

    buyer_id: str
    order_no: str
    receiver: str
    phone: str
    address: str


def row_of(slip: ReshipSlip) -> SlipRow:
    return SlipRow(
        id=slip.id,
        code=reship_code(slip.id),
        kind=slip.kind,
        state=slip.state,
        buyer_id=slip.buyer_id,
        order_no=slip.order_no,
        receiver=slip.receiver,
        phone=slip.phone,
        address=slip.address,
        courier=slip.courier,
        warehouse=slip.warehouse,
        postage_diff=slip.postage_diff,
        note=slip.note,
        submitter=slip.submitter,
        created_at=slip.created_at,
        problems=tuple(p for p in slip.problems.splitlines() if p),
        print_count=slip.print_count,
        printed_at=slip.printed_at,
        out_tracking=slip.out_tracking or "",
        out_courier=slip.out_courier,
        shipped_at=slip.shipped_at,
        parcel_id=slip.parcel_id,
        items=tuple(
            ItemSpec(i.model, i.category, i.color, i.size, i.spec, i.qty, i.sku_code)
            for i in slip.items
        ),
    )


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
    with sessions.begin() as s:
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
    with sessions.begin() as s:
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


def load_slip(s: Session, slip_id: int, lock: bool = False) -> ReshipSlip:
    """The slip with its items; ``lock`` holds its row until commit (PostgreSQL), so two
    desks printing or shipping the same slip take turns."""
    slip = s.get(
        ReshipSlip, slip_id, options=[selectinload(ReshipSlip.items)], with_for_update=lock
    )
    if slip is None:
        raise NotFound("补发单 {code}", code=reship_code(slip_id))
    return slip


def update_slip(
    sessions: SessionFactory,
    slip_id: int,
    draft: SlipDraft,
    shop: ShopConfig,
    user: str,
    station: str,
) -> SlipRow:
    """Fix a slip before it prints; it is checked again."""
    with sessions.begin() as s:
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


def recheck(
    sessions: SessionFactory, ids: Sequence[int], shop: ShopConfig, user: str, station: str
) -> list[SlipRow]:
    """Check slips again (say, after the catalog was imported)."""
    with sessions.begin() as s:
        users.require(s, user, Act.RESHIP_SUBMIT)
        out = []
        for slip_id in ids:
            slip = load_slip(s, slip_id)
            if slip.state in EDITABLE_SLIPS:
                check(s, slip, shop, user, station)
            out.append(row_of(slip))
        return out


def get_slip(sessions: SessionFactory, slip_id: int) -> SlipRow:
    with sessions() as s:
        return row_of(load_slip(s, slip_id))


def list_slips(
    sessions: SessionFactory,
    states: Sequence[str] = (),
    since: dt.datetime | None = None,
    limit: int = 2000,
) -> list[SlipRow]:
    """The queue, oldest first; ``since`` limits shipped slips to the recent ones."""
    with sessions() as s:
        q = select(ReshipSlip).options(selectinload(ReshipSlip.items))
        if states:
            q = q.where(ReshipSlip.state.in_(list(states)))
        if since is not None:
            q = q.where(
                or_(
                    ReshipSlip.state != SlipState.SHIPPED,
                    func.coalesce(ReshipSlip.shipped_at, since) >= since,
                )
            )
        return [row_of(x) for x in s.scalars(q.order_by(ReshipSlip.id).limit(limit))]


def slip_ids(
    sessions: SessionFactory, states: Collection[str] = (), since: dt.datetime | None = None
) -> list[int]:
    """The queue's slip ids, oldest first, for a table model with a lazy row cache."""
    with sessions() as s:
        q = select(ReshipSlip.id)
        if states:
            q = q.where(ReshipSlip.state.in_(list(states)))
        if since is not None:
            q = q.where(or_(ReshipSlip.state != SlipState.SHIPPED, ReshipSlip.shipped_at >= since))
        return list(s.scalars(q.order_by(ReshipSlip.id)))


def rows_by_id(sessions: SessionFactory, ids: Sequence[int]) -> dict[int, SlipRow]:
    with sessions() as s:
        q = (
            select(ReshipSlip)
            .options(selectinload(ReshipSlip.items))
            .where(ReshipSlip.id.in_(list(ids)))
        )
        return {x.id: row_of(x) for x in s.scalars(q)}


def count_by_state(sessions: SessionFactory) -> dict[str, int]:
    with sessions() as s:
        rows = s.execute(select(ReshipSlip.state, func.count()).group_by(ReshipSlip.state))
        return {state: n for state, n in rows}
