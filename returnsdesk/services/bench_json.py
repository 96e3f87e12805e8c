"""The JSON shapes of `returnsdesk lookup --json` and `returnsdesk register` (CONTRACT.md),
built from the same services the bench window uses."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Parcel, Refund
from returnsdesk.domain.scan import ScanKind
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.errors import InvalidInput, UserError
from returnsdesk.services import identify, match, receive, register
from returnsdesk.services.register import ItemInput, MoneyInput, NoInfoInput, RegisterInput


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def lookup(sessions: SessionFactory, value: str) -> dict[str, Any]:
    """What the bench would show for ``value``; creates nothing."""
    with sessions() as s:
        ident = identify.identify(s, value)
        kind = "tracking" if ident.is_parcel_number else str(ident.kind)
        if kind == "text" and ident.found & {identify.Found.ORDER, identify.Found.REFUND}:
            kind = "order"
        out: dict[str, Any] = {
            "kind": kind,
            "value": ident.value,
            "found": sorted(str(f) for f in ident.found),
        }
        if ident.is_parcel_number:
            out["couriers"] = [c.name for c in ident.candidates]
            out["courier"] = ident.courier
            found = match.match_tracking(s, ident.value)
            p = s.scalars(
                select(Parcel).where(
                    or_(Parcel.tracking_no == ident.value, Parcel.linked_no == ident.value)
                )
            ).first()
            if found is None and p is not None:
                found = receive.match_of(s, p)
            out["match"] = _plain(asdict(found)) if found else None
            out["parcel"] = _plain(asdict(receive.parcel_view(p))) if p else None
            return out
        if kind == "order":
            found = _order_match(s, ident)
            out["match"] = _plain(asdict(found)) if found else None
            return out
    if identify.Found.SKU in ident.found or ident.kind is ScanKind.SKU:
        out["kind"] = "sku"
        sku = match.sku_by_barcode(sessions, ident.value)
        out["sku"] = asdict(sku) if sku else None
    elif ident.kind is ScanKind.TEXT or identify.Found.BUYER in ident.found:
        out["kind"] = "text"
        out["hits"] = _plain([asdict(h) for h in match.search(sessions, ident.value)])
    return out


def _order_match(session: Session, ident: identify.Identified) -> match.MatchView | None:
    if identify.Found.ORDER in ident.found:
        return match.match_buyer(session, "", ident.value)
    refund = session.scalars(select(Refund).where(Refund.refund_no == ident.value)).first()
    return match.match_buyer(session, refund.buyer_id, refund.order_no) if refund else None


def _items(raw: list[dict[str, Any]], stated: str) -> tuple[ItemInput, ...]:
    items = []
    for it in raw:
        target = it.get("exchange_to") or it.get("reissue")
        action = "换" if it.get("exchange_to") else "补" if it.get("reissue") else "退"
        items.append(
            ItemInput(
                model=str(it.get("model", "")),
                category=str(it.get("category", "鞋" if it.get("size") else "")),
                color=str(it.get("color", "")),
                size=str(it.get("size", "")),
                spec=str(it.get("spec", "")),
                qty=int(it.get("qty", 1)),
                accessories=str(it.get("accessories", "")),
                reason=str(it.get("reason") or stated),
                condition=str(it.get("condition", "完好")),
                bin_override=str(it.get("bin", "")),
                action=action,
                target=ItemSpec(
                    str(target.get("model", it.get("model", ""))),
                    str(
                        target.get(
                            "category", it.get("category", "鞋" if target.get("size") else "")
                        )
                    ),
                    str(target.get("color", "")),
                    str(target.get("size", "")),
                    str(target.get("spec", "")),
                    int(target.get("qty", 1)),
                )
                if target
                else None,
            )
        )
    return tuple(items)


def register_line(
    sessions: SessionFactory, record: dict[str, Any], user: str, station: str, shop: ShopConfig
) -> dict[str, Any]:
    """Register one parcel given as a JSON object; the result line, or an error line."""
    tracking = str(record.get("tracking", ""))
    user = str(record.get("user") or user)
    station = str(record.get("station") or station)
    try:
        if not isinstance(record.get("items", []), list):
            raise InvalidInput(detail="items 必须是列表")
        got = receive.receive_scan(sessions, tracking, user, station)
        pid = got.parcel.id
        if not got.created and got.parcel.status in ("registered", "no_info", "refused"):
            return {
                "tracking": got.parcel.tracking_no,
                "id": pid,
                "duplicate": True,
                "slip_no": got.parcel.slip_no,
                "status": got.parcel.status,
                "error": "该包裹已登记",
            }
        if record.get("freight_collect"):
            receive.set_freight(sessions, pid, user, station, freight_collect=True)
        if decision := record.get("freight"):
            receive.set_freight(
                sessions,
                pid,
                user,
                station,
                decision=decision.get("decision"),
                payer=str(decision.get("payer", "")),
                note=str(decision.get("note", "")),
            )
        m = got.match
        buyer = str(record.get("buyer", "")).strip()
        if buyer and (m is None or m.buyer_id != buyer):
            m = receive.attach_buyer(
                sessions, pid, buyer, user, station, str(record.get("order", ""))
            )
        stated = m.stated_reason if m else ""
        items = _items(record.get("items", []), stated)
        money = tuple(
            MoneyInput(str(x.get("kind", "")), str(x.get("amount", "")))
            for x in record.get("money", [])
        )
        if m is None:
            res = register.mark_no_info(
                sessions,
                pid,
                NoInfoInput(
                    sender_name=str(record.get("sender_name", "")),
                    sender_phone=str(record.get("sender_phone", "")),
                    sender_city=str(record.get("sender_city", "")),
                    contents=str(record.get("contents", "")),
                    items=items,
                    money=money,
                ),
                user,
                station,
                shop,
            )
        else:
            res = register.register_parcel(
                sessions,
                pid,
                RegisterInput(items, money, has_slip=bool(record.get("has_slip", True))),
                user,
                station,
                shop,
            )
    except UserError as exc:
        return {"tracking": tracking, "error": exc.text()}
    except (TypeError, ValueError, AttributeError) as exc:
        return {"tracking": tracking, "error": f"格式错误: {exc}"}
    return {
        "tracking": got.parcel.tracking_no,
        "id": res.parcel_id,
        "slip_no": res.slip_no,
        "status": res.status,
        "bin": res.bins[0] if res.bins else "pending",
        "bins": res.bins,
        "return_string": res.return_string,
        "register_line": res.register_line,
        "reship_slips": list(res.reship_slip_ids),
    }
