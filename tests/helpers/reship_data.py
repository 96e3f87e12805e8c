"""Reshipment slips for tests: a shop with SKUs and an order, a typed slip, a print queue
that records what it was sent."""

from __future__ import annotations

import datetime as dt

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order, Sku
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.services.reship.slips import SlipDraft

ADDRESS = "浙江省 杭州市 西湖区 世纪大道574号"


def seed_shop(sessions: SessionFactory) -> None:
    with sessions.begin() as s:
        for color in ("深紫", "灰色", "栗色"):
            for size in ("W5", "W6", "W7"):
                s.add(
                    Sku(
                        sku_code=f"5815-{color}-{size}",
                        model="5815",
                        category="鞋",
                        color=color,
                        size=size,
                    )
                )
        s.add(
            Order(
                order_no="3156900062392749367",
                buyer_id="tb_xiaomei",
                buyer_id_lower="tb_xiaomei",
                receiver_name="肖磊",
                receiver_phone="13166131860",
                address=ADDRESS,
                paid_at=dt.datetime(2026, 11, 1, 10, 0),
            )
        )


def draft(**kw: object) -> SlipDraft:
    base: dict[str, object] = dict(
        kind="补",
        items=[ItemSpec("5815", color="栗色", size="W5", qty=1)],
        buyer_id="tb_xiaomei",
        receiver="肖磊",
        phone="13166131860",
        address=ADDRESS,
        courier="中通",
    )
    base.update(kw)
    return SlipDraft(**base)  # type: ignore[arg-type]


class FakeQueue:
    """Stands in for the print queue: records what was sent, can be made to fail."""

    def __init__(self, fail: bool = False) -> None:
        self.sent: list[tuple[str, str, str, str]] = []
        self.fail = fail

    def __call__(self, sessions, kind, ref_id, user, station):  # type: ignore[no-untyped-def]
        if self.fail:
            raise RuntimeError("queue down")
        self.sent.append((kind, ref_id, user, station))
