"""The JSON shape of `returnsdesk lookup --json` (CONTRACT.md), built from the services the
bench uses. `returnsdesk register` goes through the bench session (bench_session.batch)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from sqlalchemy import select

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Parcel
from returnsdesk.domain.scan import ScanKind, classify
from returnsdesk.services import match, receive


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
    scan = classify(value)
    out: dict[str, Any] = {"kind": str(scan.kind), "value": scan.value}
    if scan.kind is ScanKind.TRACKING:
        out["couriers"] = [c.name for c in scan.candidates]
        with sessions() as s:
            found = match.match_tracking(s, scan.value)
            p = s.scalars(select(Parcel).where(Parcel.tracking_no == scan.value)).first()
            out["match"] = _plain(asdict(found)) if found else None
            out["parcel"] = _plain(asdict(receive.parcel_view(p))) if p else None
    elif scan.kind is ScanKind.SKU:
        sku = match.sku_by_barcode(sessions, scan.value)
        out["sku"] = asdict(sku) if sku else None
    elif scan.kind is ScanKind.TEXT:
        out["hits"] = _plain([asdict(h) for h in match.search(sessions, scan.value)])
    return out
