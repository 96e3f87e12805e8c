"""The JSON shape of `returnsdesk lookup --json` (README, "Command line"), built from the services the
bench uses. `returnsdesk register` goes through the bench session (bench.session.batch)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Parcel, Refund
from returnsdesk.domain.text import check_text
from returnsdesk.errors import InvalidInput
from returnsdesk.services.bench import identify, match, receive
from returnsdesk.services.bench.identify import Meaning

MAX_LOOKUP = 100  # longer than any number, name or phone a bench looks up


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
    check_text(value.strip(), "value")  # domain.text: a NUL or a lone surrogate never gets in
    if len(value.strip()) > MAX_LOOKUP:
        raise InvalidInput("查询内容最长 {n} 个字", field="value", n=MAX_LOOKUP)
    with sessions() as s:
        ident = identify.identify(s, value)
        meaning = ident.meaning
        out: dict[str, Any] = {
            "kind": str(meaning),
            "value": ident.value,
            "found": sorted(str(f) for f in ident.found),
        }
        if meaning is Meaning.TRACKING:
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
        if meaning is Meaning.ORDER:
            found = _order_match(s, ident)
            out["match"] = _plain(asdict(found)) if found else None
            return out
    if meaning is Meaning.SKU:
        sku = match.sku_by_barcode(sessions, ident.value)
        out["sku"] = asdict(sku) if sku else None
    elif meaning in (Meaning.TEXT, Meaning.BUYER):
        out["hits"] = _plain([asdict(h) for h in match.search(sessions, ident.value)])
    return out


def _order_match(session: Session, ident: identify.Identified) -> match.MatchView | None:
    if identify.Found.ORDER in ident.found:
        return match.match_buyer(session, "", ident.value)
    refund = session.scalars(select(Refund).where(Refund.refund_no == ident.value)).first()
    return match.match_buyer(session, refund.buyer_id, refund.order_no) if refund else None
