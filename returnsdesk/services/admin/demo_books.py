"""Writes the demo's past parcels and the books around them, as the services would have:
parcels and items, the money register and its hand-overs, reshipment slips through every
state, follow-up attempts, closed days and their counters, refund decisions, the audit log.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.orm import Session

from returnsdesk.config import ShopConfig
from returnsdesk.db.models import (
    AuditEntry,
    Base,
    CashHandover,
    ContactAttempt,
    DayClose,
    DayCounter,
    MoneyEntry,
    Order,
    OrderLine,
    Parcel,
    ParcelItem,
    Refund,
    RefundDecision,
    Shipment,
)
from returnsdesk.db.sequences import follow_ids
from returnsdesk.domain.kinds import (
    AuditAction,
    AuditEntity,
    SuggestionKind,
    Verdict,
)
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.services.admin.demo_parcels import DemoParcel, ShopPast, at_hour
from returnsdesk.services.admin.demo_reship import ReshipBooks
from returnsdesk.services.refunds.decide import backend_note
from returnsdesk.services.refunds.rows import session_rows

LEAD, OFFICE = "lead", "office"
SHORT = Decimal("10")
REFUNDED, REFUSED_ON_PLATFORM = "退款成功", "卖家拒绝退款"


class Books:
    def __init__(
        self, s: Session, shop: ShopConfig, r: random.Random, now: dt.datetime, past: ShopPast
    ) -> None:
        self.s, self.shop, self.r, self.now, self.past = s, shop, r, now, past
        self.today = now.date()
        self.log: list[dict[str, Any]] = []
        self.slips = self.decisions = self.handovers = self.closed_days = 0

    def _audit(
        self,
        at: dt.datetime,
        user: str,
        station: str,
        action: AuditAction,
        entity: AuditEntity,
        entity_id: object,
        detail: str = "",
    ) -> None:
        self.log.append(
            {"at": at, "user": user, "station": station, "action": action, "entity": entity,
             "entity_id": str(entity_id), "detail": detail}
        )  # fmt: skip

    def write(self, parcels: list[DemoParcel], demo: str = "") -> None:
        """Everything, in the order the rows refer to each other; ``demo`` is the detail of
        the demo act that records the practice numbers (``services.admin.practice``)."""
        self.last_day = max((p.day for p in parcels if p.day < self.today), default=self.today)
        self._orders()
        self._parcels(parcels)
        self._money(parcels)
        self._reship(parcels)
        self._attempts(parcels)
        self._days(parcels)
        self._decisions(parcels)
        if demo:
            self._audit(self.now, "demo", "", AuditAction.DEMO, AuditEntity.DAY,
                        self.today.isoformat(), demo)  # fmt: skip
        self.s.execute(insert(AuditEntry), sorted(self.log, key=lambda a: a["at"]))
        follow_ids(self.s.connection())

    # --- what the shop knew --------------------------------------------------------------

    def _orders(self) -> None:
        past, s = self.past, self.s
        s.execute(
            insert(Order),
            [{k: v for k, v in o.items() if not k.startswith("_")} for o in past.orders],
        )
        s.execute(insert(OrderLine), past.lines)
        s.execute(insert(Shipment), past.shipments)
        s.execute(insert(Refund), past.refunds)

    # --- the bench's records ---------------------------------------------------------------

    def _parcels(self, parcels: list[DemoParcel]) -> None:
        rows, items = [], []
        for p in parcels:
            rows.append(self._parcel_row(p))
            for it in p.items:
                g, t = it.given, it.given.target
                items.append(
                    {"parcel_id": p.id, "sku_code": g.spec.sku_code, "model": g.spec.model,
                     "category": g.spec.category, "color": g.spec.color, "size": g.spec.size,
                     "spec": g.spec.spec, "qty": g.spec.qty, "accessories": g.accessories,
                     "reason": g.reason, "condition": g.condition, "bin": it.bin,
                     "suggested_bin": it.suggested, "bin_overridden": False, "action": g.action,
                     "target_model": t.model if t else "", "target_color": t.color if t else "",
                     "target_size": t.size if t else "", "target_spec": t.spec if t else "",
                     "target_qty": t.qty if t else 0, "repair_closed_at": it.repair_closed_at}
                )  # fmt: skip
            self._parcel_log(p)
        self.s.execute(insert(Parcel), rows)
        self.s.execute(insert(ParcelItem), items)
        closed = [
            (it.repair_closed_at, it.given.spec.model, p.id)
            for p in parcels
            for it in p.items
            if it.repair_closed_at is not None
        ]
        for at, model, pid in closed:
            self._audit(at, LEAD, OFFICE, AuditAction.REPAIR_CLOSED, AuditEntity.PARCEL, pid, model)

    def _parcel_row(self, p: DemoParcel) -> dict[str, Any]:
        order = p.order
        age = (self.today - p.day).days
        matched = p.status in (ParcelStatus.REGISTERED, ParcelStatus.MATCHED)
        return {
            "id": p.id, "tracking_no": p.tracking, "linked_no": p.linked_no, "courier": p.courier,
            "day": p.day, "received_at": p.received_at, "station": p.station, "clerk": p.clerk,
            "status": p.status, "slip_no": p.slip_no, "has_slip": p.has_slip,
            "buyer_id": p.buyer if matched else "",
            "order_id": order["id"] if order and matched else None,
            "refund_id": p.refund_id, "match_source": p.match_source, "is_sf": p.is_sf,
            "is_freight_collect": False, "freight_decision": p.freight_decision,
            "freight_payer": p.freight_payer, "decision_note": p.decision_note,
            "packaging_damaged": p.packaging_damaged, "sender_name": p.sender[0],
            "sender_phone": p.sender[1], "sender_city": p.sender[2], "contents": p.contents,
            "reported_to_lead": p.status == ParcelStatus.NO_INFO and age >= 3,
            "resolved_at": p.resolved_at, "return_string": p.strings[0],
            "register_line": p.strings[1], "note": "", "registered_at": p.registered_at,
            "updated_at": p.registered_at or p.received_at,
        }  # fmt: skip

    def _parcel_log(self, p: DemoParcel) -> None:
        at = p.received_at
        self._audit(at, p.clerk, p.station, AuditAction.RECEIVE, AuditEntity.PARCEL, p.id,
                    p.tracking)  # fmt: skip
        if p.linked_no:
            self._audit(at, p.clerk, p.station, AuditAction.LINK_NUMBER, AuditEntity.PARCEL,
                        p.id, p.linked_no)  # fmt: skip
        if p.freight_decision:
            detail = f"{p.freight_decision} {p.freight_payer} {p.decision_note}".strip()
            self._audit(at, p.clerk, p.station, AuditAction.FREIGHT, AuditEntity.PARCEL, p.id,
                        detail)  # fmt: skip
        if p.status == ParcelStatus.NO_INFO or p.resolved_at is not None:
            self._audit(at + dt.timedelta(minutes=2), p.clerk, p.station, AuditAction.NO_INFO,
                        AuditEntity.PARCEL, p.id, p.strings[1])  # fmt: skip
        if p.resolved_at is not None and p.order is not None:
            self._audit(p.resolved_at, LEAD, OFFICE, AuditAction.FOLLOWUP_ATTACH,
                        AuditEntity.PARCEL, p.id, f"{p.buyer} {p.order['order_no']}")  # fmt: skip
        if p.status == ParcelStatus.REGISTERED and p.registered_at is not None:
            who = (LEAD, OFFICE) if p.resolved_at else (p.clerk, p.station)
            self._audit(p.registered_at, *who, AuditAction.REGISTER, AuditEntity.PARCEL, p.id,
                        p.strings[1])  # fmt: skip

    # --- money found, handed over ------------------------------------------------------------

    def _money(self, parcels: list[DemoParcel]) -> None:
        entries: list[dict[str, Any]] = [
            {"parcel_id": p.id, "day": p.day, "kind": m.kind, "amount": m.amount,
             "clerk": p.clerk, "station": p.station, "created_at": p.registered_at}
            for p in parcels
            if p.status == ParcelStatus.REGISTERED
            for m in p.money
        ]  # fmt: skip
        if not entries:
            return
        self.s.execute(insert(MoneyEntry), entries)
        due: dict[tuple[dt.date, str], Decimal] = defaultdict(Decimal)
        for e in entries:
            if e["day"] < self.today:
                due[e["day"], e["clerk"]] += e["amount"]
        keys = sorted(due)
        short = keys[-6] if len(keys) >= 6 else None  # one count came up short, still open
        handovers = []
        for n, (day, clerk) in enumerate(keys):
            hid = self.past.ids.take("cash_handovers")
            counted = due[day, clerk] - (SHORT if (day, clerk) == short else 0)
            note = "少 10 元, 清点时未找到" if (day, clerk) == short else ""
            at = at_hour(day, 20, 5 + n % 20)
            handovers.append(
                {"id": hid, "day": day, "clerk": clerk, "lead": LEAD, "registered_amount":
                 due[day, clerk], "counted_amount": counted, "note": note, "confirmed_at": at,
                 "sealed": False}
            )  # fmt: skip
            detail = f"{day} {clerk} 登记 {due[day, clerk]} 实点 {counted} {note}".strip()
            self._audit(at, LEAD, OFFICE, AuditAction.CASH_HANDOVER, AuditEntity.CASH_HANDOVER,
                        hid, detail)  # fmt: skip
        self.handovers = len(handovers)
        self._hand_over(handovers)

    def _hand_over(self, handovers: list[dict[str, Any]]) -> None:
        """Made unsealed, the hand-over marks its entries, then is sealed (the triggers' way)."""
        if not handovers:
            return
        conn, money, cash = self.s.connection(), _table(MoneyEntry), _table(CashHandover)
        conn.execute(insert(cash), handovers)
        conn.execute(
            update(money)
            .where(money.c.day == bindparam("h_day"), money.c.clerk == bindparam("h_clerk"))
            .where(money.c.handover_id.is_(None))
            .values(handover_id=bindparam("h_id")),
            [{"h_day": h["day"], "h_clerk": h["clerk"], "h_id": h["id"]} for h in handovers],
        )
        conn.execute(
            update(cash).where(cash.c.id.in_([h["id"] for h in handovers])).values(sealed=True)
        )

    # --- exchange and reissue slips ------------------------------------------------------------

    def _reship(self, parcels: list[DemoParcel]) -> None:
        books = ReshipBooks(self.s, self.shop, self.r, self.now, self.past, self._audit)
        self.slips = books.write(parcels, self.last_day)

    # --- follow-ups, days -------------------------------------------------------------------

    def _attempts(self, parcels: list[DemoParcel]) -> None:
        rows = []
        for p in parcels:
            for at, method, result in p.attempts:
                rows.append(
                    {"parcel_id": p.id, "at": at, "method": method, "result": result, "who": LEAD}
                )
                self._audit(at, LEAD, OFFICE, AuditAction.CONTACT_ATTEMPT, AuditEntity.PARCEL,
                            p.id, f"{method}: {result}")  # fmt: skip
        if rows:
            self.s.execute(insert(ContactAttempt), rows)

    def _days(self, parcels: list[DemoParcel]) -> None:
        """Each day's slip counter; every day before the last one is closed."""
        by_day: dict[dt.date, list[DemoParcel]] = defaultdict(list)
        for p in parcels:
            by_day[p.day].append(p)
        self.s.execute(
            insert(DayCounter),
            [
                {"day": d, "last_slip_no": max((p.slip_no or 0) for p in ps)}
                for d, ps in by_day.items()
            ],
        )
        days = sorted(by_day)
        closes = []
        for day in days[:-2]:
            ps = by_day[day]
            pieces = sum(i.given.spec.qty for p in ps for i in p.items)
            money = sum((m.amount for p in ps for m in p.money), Decimal("0.00"))
            at = at_hour(day, 20, 40)
            closes.append({"day": day, "closed_by": LEAD, "closed_at": at, "note": ""})
            detail = f"包裹 {len(ps)} 件数 {pieces} 款项 {money:.2f} 未交接 0 未登记 0"
            self._audit(at, LEAD, OFFICE, AuditAction.DAY_CLOSE, AuditEntity.DAY,
                        day.isoformat(), detail)  # fmt: skip
        if closes:
            self.s.execute(insert(DayClose), closes)
        self.closed_days = len(closes)

    # --- refunds decided, and what the platform did ------------------------------------------

    def _decisions(self, parcels: list[DemoParcel]) -> None:
        """Decided within the day mostly; today's and some of yesterday's wait, two are
        overdue, two approved ones the platform has not paid, one it paid before arrival."""
        matched = [p for p in parcels if p.refund_id and p.status == ParcelStatus.REGISTERED]
        last = max((p.day for p in matched if p.day < self.today), default=self.today)
        waiting = [p for p in matched if p.day >= last]
        older = [p for p in matched if p.day < last]
        overdue = {p.refund_id for p in older[-9:-8]}
        decided = [p for p in older if p.refund_id not in overdue]
        decided += [p for p in waiting if p.day < self.today][2:]
        rows = session_rows(self.s, [p.refund_id for p in decided if p.refund_id], self.shop,
                            self.now)  # fmt: skip
        unpaid = {p.refund_id for p in older[-20::9]}
        decisions, platform = [], []
        for p in decided:
            row = rows[p.refund_id or 0]
            d = self._decision(p, row)
            decisions.append(d)
            paid = d["decision"] == Verdict.APPROVE and p.refund_id not in unpaid
            finished = d["decided_at"] + dt.timedelta(hours=self.r.randrange(1, 9))
            if paid and finished < self.now:
                platform.append({"r_id": p.refund_id, "r_status": REFUNDED, "r_at": finished})
            elif d["decision"] == Verdict.REFUSE:
                platform.append(
                    {"r_id": p.refund_id, "r_status": REFUSED_ON_PLATFORM, "r_at": None}
                )
        early = next((p for p in waiting if p.day < self.today and p not in decided), None)
        if early is not None:  # the platform refunded before the parcel arrived: flagged
            at = early.received_at - dt.timedelta(hours=5)
            platform.append({"r_id": early.refund_id, "r_status": REFUNDED, "r_at": at})
        if decisions:
            self.s.execute(insert(RefundDecision), decisions)
        if platform:
            refunds = _table(Refund)
            self.s.connection().execute(
                update(refunds)
                .where(refunds.c.id == bindparam("r_id"))
                .values(status=bindparam("r_status"), finished_at=bindparam("r_at")),
                platform,
            )
        self.decisions = len(decisions)

    def _decision(self, p: DemoParcel, row: Any) -> dict[str, Any]:
        sug = row.suggestion
        registered = p.registered_at or p.received_at
        at = min(registered + dt.timedelta(minutes=self.r.randrange(40, 20 * 60)),
                 self.now - dt.timedelta(minutes=30))  # fmt: skip
        kind = self.shop.refunds.kinds[0]
        if sug.decision is SuggestionKind.REFUSE:
            verdict, amount, note = Verdict.REFUSE, Decimal("0"), "退回商品与申请不符"
        else:
            verdict, amount, note = Verdict.APPROVE, min(sug.amount, row.cap), ""
            if amount > 30 and self.r.random() < 0.08:
                amount, note = amount - 10, "有穿着痕迹, 扣 10 元"
        text = backend_note(self.shop, row, verdict, kind, amount, note, LEAD, at.date())
        self._audit(at, LEAD, OFFICE, AuditAction(f"refund_{verdict}"), AuditEntity.REFUND,
                    row.refund_no, f"{kind} {amount:.2f} / {row.asked:.2f} {note}".strip())  # fmt: skip
        return {
            "refund_id": p.refund_id, "supersedes_id": None, "decision": verdict, "kind": kind,
            "amount": amount, "asked": row.asked, "suggested": sug.decision,
            "suggested_amount": Decimal("0") if sug.decision is SuggestionKind.REFUSE
            else sug.amount, "rule": sug.rule, "grounds": sug.grounds_text, "note": note,
            "backend_note": text, "decided_by": LEAD, "station": OFFICE, "decided_at": at,
        }  # fmt: skip


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)
