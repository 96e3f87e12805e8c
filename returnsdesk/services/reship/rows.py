"""The reshipment queue as the desk and the command line read it: one slip, the queue's ids,
rows for the table's cache, counts per state. The changes are in ``reship``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import ReshipSlip
from returnsdesk.domain.codes import reship_code
from returnsdesk.domain.kinds import SlipState
from returnsdesk.domain.phone import mask_phone
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.errors import NotFound


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


def load_slip(s: Session, slip_id: int, lock: bool = False) -> ReshipSlip:
    """The slip with its items; ``lock`` holds its row until commit (PostgreSQL), so two
    desks printing or shipping the same slip take turns."""
    slip = s.get(
        ReshipSlip, slip_id, options=[selectinload(ReshipSlip.items)], with_for_update=lock
    )
    if slip is None:
        raise NotFound("补发单 {code}", code=reship_code(slip_id))
    return slip


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
