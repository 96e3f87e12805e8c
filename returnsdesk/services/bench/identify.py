"""What a scanned or typed value is, asked of the data first and of its shape second.

Every value is normalised once (``couriers.normalize``, the same as the importer) and looked
up exactly against every identifier the shop holds, in one indexed round trip: parcels
(their number and a second number linked later), return waybills, outbound shipments, refund
and order numbers, SKU barcodes and codes, Wangwang IDs. A number that is in the data is
found whatever its shape; courier recognition only names the courier when the data does not.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BindParameter,
    CompoundSelect,
    Select,
    bindparam,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order, Parcel, Refund, Shipment, Sku
from returnsdesk.domain import couriers
from returnsdesk.domain.scan import Scan, ScanKind, classify

# a mainland mobile number typed to search for a buyer, when no parcel carries it
_MOBILE = re.compile(r"1[3-9]\d{9}")
# how many stored numbers of the same prefix rank the couriers of a new number
_HISTORY_SAMPLE = 200


class Found(StrEnum):
    """Where a value was found in the data."""

    PARCEL = "parcel"  # a parcel already scanned (its number or its linked second number)
    RETURN_TRACKING = "return_tracking"  # the buyer's return waybill on a return request
    SHIPMENT = "shipment"  # our outbound shipment (a refused delivery comes back on it)
    REFUND = "refund"  # a return request's 退款编号
    ORDER = "order"  # an order's 订单编号
    SKU = "sku"  # a catalog barcode or 商家编码
    BUYER = "buyer"  # a Wangwang ID of an order


PARCEL_NUMBERS = frozenset({Found.PARCEL, Found.RETURN_TRACKING, Found.SHIPMENT})
NUMBERS = PARCEL_NUMBERS | {Found.REFUND, Found.ORDER}
# What, scanned while the parcel in hand has no match, matches it (``receive.link_number``):
# the original waybill of a parcel that came back on a new one, an order or refund number,
# a Wangwang ID. A return request's own waybill is another parcel: the next one.
LINKABLE = frozenset({Found.SHIPMENT, Found.REFUND, Found.ORDER, Found.BUYER})


class Meaning(StrEnum):
    """What a value is, decided once from its shape and the data (``Identified.meaning``):
    the bench acts on it, ``returnsdesk lookup`` reports it."""

    COMMAND = "command"  # a command barcode
    PARCEL_LABEL = "parcel_label"  # one of our box labels
    RESHIP_SLIP = "reship_slip"  # a reship slip's barcode
    TRACKING = "tracking"  # a parcel's waybill
    SKU = "sku"  # an item's barcode or 商家编码
    ORDER = "order"  # an order or return request number
    BUYER = "buyer"  # a Wangwang ID of an order
    TEXT = "text"  # text the data does not hold (a name, a phone, a Wangwang ID from a slip)
    GARBAGE = "garbage"  # nothing a person or a scanner meant


@dataclass(frozen=True)
class Identified:
    raw: str
    scan: Scan  # the value's shape: command, our label or slip, tracking, SKU, text, garbage
    value: str  # the normalised number, or the plain text
    found: frozenset[Found]
    courier: str = ""  # the stored courier, else the best candidate
    candidates: tuple[couriers.Candidate, ...] = ()

    @property
    def kind(self) -> ScanKind:
        return self.scan.kind

    @property
    def is_parcel_number(self) -> bool:
        """A parcel's waybill: in the data as one, or shaped like one and nothing else."""
        if self.found & PARCEL_NUMBERS:
            return True
        return self.scan.kind is ScanKind.TRACKING and not self.found and not self.is_phone

    @property
    def is_phone(self) -> bool:
        return bool(_MOBILE.fullmatch(self.value))

    @property
    def meaning(self) -> Meaning:
        """The one decision tree of what a value is."""
        kind = self.scan.kind
        if kind in (ScanKind.COMMAND, ScanKind.PARCEL_LABEL, ScanKind.RESHIP_SLIP):
            return Meaning(str(kind))
        if self.is_parcel_number:
            return Meaning.TRACKING
        if Found.SKU in self.found or kind is ScanKind.SKU:
            return Meaning.SKU
        if self.found & {Found.ORDER, Found.REFUND}:
            return Meaning.ORDER
        if Found.BUYER in self.found:
            return Meaning.BUYER
        return Meaning.TEXT if kind is ScanKind.TEXT else Meaning.GARBAGE

    @property
    def links(self) -> bool:
        """Matches a parcel that came in unmatched (``LINKABLE``), and is not a parcel itself."""
        return bool(self.found & LINKABLE) and Found.PARCEL not in self.found


def _exact(kind: Found, courier: Any, where: Any) -> Select[Any]:
    sub = select(literal(str(kind)).label("k"), courier.label("c")).where(where).limit(1)
    return select(sub.subquery())


def _lookup_statement() -> CompoundSelect[Any]:
    """One round trip of indexed equality lookups, built once (``keys``: the value's forms)."""
    keys: BindParameter[Any] = bindparam("keys", expanding=True)
    return union_all(
        _exact(Found.PARCEL, Parcel.courier, Parcel.tracking_no.in_(keys)),
        _exact(Found.PARCEL, Parcel.courier, Parcel.linked_no.in_(keys)),
        _exact(Found.RETURN_TRACKING, Refund.return_courier, Refund.return_tracking.in_(keys)),
        _exact(Found.SHIPMENT, Shipment.courier, Shipment.tracking_no.in_(keys)),
        _exact(Found.REFUND, literal(""), Refund.refund_no.in_(keys)),
        _exact(Found.ORDER, literal(""), Order.order_no.in_(keys)),
        _exact(Found.SKU, literal(""), Sku.barcode.in_(bindparam("codes", expanding=True))),
        _exact(Found.SKU, literal(""), Sku.sku_code == bindparam("text")),
        _exact(Found.BUYER, literal(""), Order.buyer_id_lower == bindparam("low")),
    )


_LOOKUP = _lookup_statement()


def lookup(session: Session, raw: str) -> tuple[str, frozenset[Found], str]:
    """(the normalised value, where the data holds it, the stored courier)."""
    text = " ".join(raw.split())
    number = couriers.normalize(raw)
    keys = sorted({number, text.upper()} - {""})
    if not keys:
        return number, frozenset(), ""
    params = {"keys": keys, "codes": sorted({*keys, text}), "text": text, "low": text.lower()}
    rows = session.execute(_LOOKUP, params).all()
    found = frozenset(Found(k) for k, _ in rows)
    courier = next((c for k, c in rows if c and Found(k) in PARCEL_NUMBERS), "")
    return number, found, courier


def courier_history(session: Session, number: str) -> Counter[str]:
    """Couriers of the shop's stored numbers that share ``number``'s prefix and length."""
    prefix = number[:3]
    if len(prefix) < 3:
        return Counter()
    rows = session.execute(
        select(Shipment.tracking_no, Shipment.courier)
        .where(Shipment.tracking_no >= prefix, Shipment.tracking_no < prefix + "\U0010ffff")
        .where(func.length(Shipment.tracking_no) == len(number))
        .limit(_HISTORY_SAMPLE)
    ).all()
    return Counter(couriers.courier_name_of(c) for _, c in rows if c)


def identify(session: Session, raw: str) -> Identified:
    """Classify ``raw`` by what the data holds, then by its shape."""
    scan = classify(raw)
    if scan.kind in (ScanKind.COMMAND, ScanKind.PARCEL_LABEL, ScanKind.RESHIP_SLIP):
        return Identified(raw, scan, scan.value, frozenset())
    if scan.kind is ScanKind.GARBAGE and not raw.strip():
        return Identified(raw, scan, "", frozenset())
    number, found, courier = lookup(session, raw)
    numbered = bool(found & NUMBERS) or scan.kind is ScanKind.TRACKING
    value = number if numbered else scan.value
    cands: tuple[couriers.Candidate, ...] = ()
    if courier:  # the data names the courier: the shape has nothing to add
        name = couriers.courier_name_of(courier)
        cands = (couriers.Candidate(couriers.code_of(name), name, 1.0),)
    elif found & PARCEL_NUMBERS or scan.kind is ScanKind.TRACKING:
        cands = tuple(couriers.rank_by_history(number, courier_history(session, number)))
        courier = cands[0].name if cands else ""
    return Identified(raw, scan, value, found, couriers.courier_name_of(courier), cands)


def identify_value(sessions: SessionFactory, raw: str) -> Identified:
    """``identify`` in a short read of its own (the bench's scan box, ``lookup``)."""
    with sessions.lookup() as session:
        return identify(session, raw)
