"""Getting the bench ready before its first parcel: the first registration of the day is
as quick as the others.

One registration, its label job and its label are run in a transaction that is rolled
back: the database prepares the statements, the renderer loads its font. Nothing stays.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from sqlalchemy.orm import Session

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Parcel, PrintJob
from returnsdesk.domain.kinds import DocKind
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.services.bench import register
from returnsdesk.services.bench.register import ItemInput, RegisterInput
from returnsdesk.services.common import tx
from returnsdesk.services.printing import documents


class _RollBack(Exception):
    pass


def warm_up(
    sessions: SessionFactory, shop: ShopConfig, user: str, station: str, reason: str, cond: str
) -> None:
    from returnsdesk.printing.render import render_label

    render_label(documents.sample_label(shop))
    item = ItemInput(ItemSpec("0000", "鞋", "预热", "W7"), reason=reason, condition=cond)

    def work(s: Session) -> None:
        p = Parcel(tracking_no="WARMUP-0000", courier="", day=dt.date.today(),
                   station=station, clerk=user, status=ParcelStatus.MATCHED, buyer_id="warm-up")  # fmt: skip
        s.add(p)
        s.flush()
        register.register_in(s, p.id, RegisterInput((item,)), user, station, shop)
        s.add(PrintJob(kind=DocKind.LABEL, ref_id=str(p.id), station=station, created_by=user))
        s.flush()
        render_label(documents.label_of(s, p.id, shop))
        raise _RollBack

    with contextlib.suppress(_RollBack):  # the write lock as a registration takes it; undone
        tx.run(sessions, work)
