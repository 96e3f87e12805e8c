"""Getting the bench ready before its first parcel: the first registration of the day is
as quick as the others.

A scan's lookups (what a number is, its buyer, the parcel under it, today's list row), its
sign-in and one registration, its label job and its label are run in a transaction that is
rolled back: SQLAlchemy compiles the statements, the database prepares them, the renderer
loads its font. Nothing stays.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from sqlalchemy.orm import Session

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.services.bench import identify, match, receive, register, today
from returnsdesk.services.bench.register import ItemInput, RegisterInput
from returnsdesk.services.common import tx
from returnsdesk.services.printing import documents, queue


class _RollBack(Exception):
    pass


def warm_up(
    sessions: SessionFactory, shop: ShopConfig, user: str, station: str, reason: str, cond: str
) -> None:
    from returnsdesk.printing.render import render_label

    render_label(documents.sample_label(shop))
    item = ItemInput(ItemSpec("0000", "鞋", "预热", "W7"), reason=reason, condition=cond)

    def work(s: Session) -> None:
        number = identify.identify(s, "YT0000000000000").value
        match.match_tracking(s, number)
        receive.existing_parcel(s, number)
        p = receive.sign_in_in(s, "WARMUP-0000", "", None, dt.datetime.now(), user, station)
        p.status, p.buyer_id = ParcelStatus.MATCHED, "warm-up"  # as if matched by hand
        s.flush()
        register.register_in(s, p.id, RegisterInput((item,)), user, station, shop)
        queue.queue_labels_in(s, p.id, user, station)
        render_label(documents.label_of(s, p.id, shop))
        raise _RollBack

    with contextlib.suppress(_RollBack):  # the write lock as a registration takes it; undone
        tx.run(sessions, work)
    today.rows(sessions, [0], shop)
