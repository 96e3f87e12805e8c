"""The demo's reshipment slips, as the bench and the reshipment desk would have made them:
queued from the registered parcels' exchanges and reissues, checked, held by a problem or
printed, and shipped the day after."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from returnsdesk.config import ShopConfig
from returnsdesk.db.models import ReshipItem, ReshipSlip
from returnsdesk.domain import reship_rules
from returnsdesk.domain.kinds import RESHIP_KINDS, AuditAction, AuditEntity, SlipState
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.domain.strings import ItemSpec, item_text, reship_note
from returnsdesk.services.admin.demo_parcels import DemoParcel, ShopPast, at_hour

PRINTER, DESK = "printer", "reship-desk"


class ReshipBooks:
    def __init__(
        self,
        s: Session,
        shop: ShopConfig,
        r: random.Random,
        now: dt.datetime,
        past: ShopPast,
        audit: Callable[..., None],
    ) -> None:
        self.s, self.shop, self.r, self.now, self.past = s, shop, r, now, past
        self.today = now.date()
        self._audit = audit

    def write(self, parcels: list[DemoParcel], last_day: dt.date) -> int:
        """Every reshipment slip the registered parcels asked for; how many."""
        codes = {(k.model, k.color, k.size, k.spec): k.code for k in self.past.by_code.values()}
        slips, lines, used = [], [], set[str]()
        for p in parcels:
            if p.status != ParcelStatus.REGISTERED or p.order is None:
                continue
            for kind, items in _wanted(p).items():
                slip = self._slip(p, kind, items)
                slips.append(slip)
                lines += [
                    {"slip_id": slip["id"], "sku_code": codes.get((i.model, i.color, i.size,
                     i.spec), ""), "model": i.model, "category": i.category, "color": i.color,
                     "size": i.size, "spec": i.spec, "qty": i.qty}
                    for i in items
                ]  # fmt: skip
                self._ship(slip, p, used, last_day)
        if slips:
            self.s.execute(insert(ReshipSlip), slips)
            self.s.execute(insert(ReshipItem), lines)
        return len(slips)

    def _slip(self, p: DemoParcel, kind: str, items: list[ItemSpec]) -> dict[str, Any]:
        order = p.order or {}
        sid = self.past.ids.take("reship_slips")
        at = p.registered_at or p.received_at
        note = reship_note(kind, items, self.shop)
        slip = {
            "id": sid, "kind": kind, "parcel_id": p.id, "order_no": order["order_no"],
            "buyer_id": p.buyer, "receiver": order["receiver_name"],
            "phone": order["receiver_phone"], "address": order["address"],
            "courier": str(self.shop.reship.get("default_courier", "")),
            "warehouse": self.shop.reship_warehouse, "fee": Decimal("0"),
            "postage_diff": Decimal("0"), "note": note, "submitter": p.clerk,
            "station": p.station, "created_at": at, "state": SlipState.PENDING, "problems": "",
            "print_count": 0, "printed_at": None, "out_tracking": None, "out_courier": "",
            "shipped_at": None,
        }  # fmt: skip
        self._audit(at, p.clerk, p.station, AuditAction.RESHIP_QUEUE, AuditEntity.RESHIP_SLIP,
                    sid, note)  # fmt: skip
        found = self._problems(slip, items)
        if found:
            self._audit(at, p.clerk, p.station, AuditAction.RESHIP_PROBLEM,
                        AuditEntity.RESHIP_SLIP, sid, found)  # fmt: skip
            if p.day < self.today:  # the operator asked for the postage difference since
                slip["postage_diff"] = Decimal("10")
                found = self._problems(slip, items)
        slip["problems"] = found
        slip["state"] = SlipState.PROBLEM if found else SlipState.PENDING
        return slip

    def _problems(self, slip: dict[str, Any], items: Sequence[ItemSpec]) -> str:
        facts = reship_rules.SlipFacts(
            receiver=slip["receiver"],
            phone=slip["phone"],
            address=slip["address"],
            courier=slip["courier"],
            postage_diff=slip["postage_diff"],
            items=[item_text(i, self.shop) for i in items],
        )
        return "\n".join(reship_rules.problems(facts, self.shop))

    def _ship(self, slip: dict[str, Any], p: DemoParcel, used: set[str], last_day: dt.date) -> None:
        """The last working day's slips printed this morning; older ones shipped the day
        after they were made."""
        if slip["state"] != SlipState.PENDING or p.day == self.today:
            return
        printed = min(
            at_hour(p.day + dt.timedelta(days=1), 10, 30), self.now - dt.timedelta(hours=1)
        )
        slip.update(state=SlipState.PRINTED, print_count=1, printed_at=printed)
        self._audit(printed, PRINTER, DESK, AuditAction.RESHIP_PRINT, AuditEntity.RESHIP_SLIP,
                    slip["id"], "1")  # fmt: skip
        if p.day >= last_day:
            return
        tracking = f"7{self.r.choice('3568')}{self.r.randrange(10**11, 10**12)}"
        while tracking in used:
            tracking = f"7{self.r.choice('3568')}{self.r.randrange(10**11, 10**12)}"
        used.add(tracking)
        shipped = printed + dt.timedelta(hours=4)
        slip.update(state=SlipState.SHIPPED, out_tracking=tracking, out_courier="中通",
                    shipped_at=shipped)  # fmt: skip
        self._audit(shipped, PRINTER, DESK, AuditAction.RESHIP_SHIP, AuditEntity.RESHIP_SLIP,
                    slip["id"], f"中通 {tracking}")  # fmt: skip


def _wanted(p: DemoParcel) -> dict[str, list[ItemSpec]]:
    """What each slip kind sends, as ``reship.slips.queue_from_parcel`` reads the items."""
    wanted: dict[str, list[ItemSpec]] = {}
    for it in p.items:
        g = it.given
        if g.action not in RESHIP_KINDS:
            continue
        t = g.target
        same = t is None or not t.model
        model = g.spec.model if same or t is None else t.model
        src = g.spec if same or t is None else t
        wanted.setdefault(g.action, []).append(
            ItemSpec(
                model=model,
                color=src.color,
                size=src.size,
                spec=src.spec,
                qty=(t.qty if t else 0) or g.spec.qty,
                category=g.spec.category if model == g.spec.model else "",
            )
        )
    return wanted
