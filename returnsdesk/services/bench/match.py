"""Finding the buyer of a parcel: by return or outbound tracking number, or by search.

Every lookup is an indexed equality or range query, so a scan stays instant with a million
orders; rapidfuzz only ranks the few rows those queries return.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    bindparam,
    exists,
    func,
    literal_column,
    null,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session, selectinload

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order, OrderLine, Refund, Shipment, Sku
from returnsdesk.db.search_index import SEARCH_SQL
from returnsdesk.domain.kinds import MatchSource
from returnsdesk.domain.phone import digits, mask_phone


@dataclass(frozen=True)
class LineView:
    model: str
    category: str
    color: str
    size: str
    spec: str
    qty: int
    sku_code: str = ""
    title: str = ""


@dataclass(frozen=True)
class MatchView:
    """What the bench shows for a matched parcel."""

    source: MatchSource
    buyer_id: str
    order_no: str = ""
    order_id: int | None = None
    refund_id: int | None = None
    stated_reason: str = ""
    agent: str = ""
    warehouse: str = ""
    is_distribution: bool = False
    receiver_name: str = ""
    phone_masked: str = ""
    city: str = ""
    paid_at: dt.datetime | None = None
    lines: tuple[LineView, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SearchHit:
    buyer_id: str
    order_no: str
    receiver_name: str
    phone_masked: str
    city: str
    paid_at: dt.datetime | None
    score: float


def _lines(lines: Iterable[Any]) -> tuple[LineView, ...]:
    """An order's lines, as objects or as rows of their columns."""
    return tuple(
        LineView(ln.model, ln.category, ln.color, ln.size, ln.spec, ln.qty, ln.sku_code, ln.title)
        for ln in lines
    )


def view_of_order(
    session: Session, order: Order, source: MatchSource, refund: Refund | None = None
) -> MatchView:
    """What the bench shows and records for ``order``, whatever matched it: the order, its
    lines and the buyer's latest return request (with the reason the buyer gave)."""
    if refund is None:
        refund = session.scalars(
            select(Refund)
            .where(Refund.order_no == order.order_no)
            .order_by(Refund.requested_at.desc())
            .limit(1)
        ).first()
    return _view(
        source, order, order.id, refund.id if refund else None, refund.reason if refund else "",
        _lines(order.lines),
    )  # fmt: skip


def _view(
    source: MatchSource,
    o: Any,
    order_id: int,
    refund_id: int | None,
    reason: str,
    lines: tuple[LineView, ...],
) -> MatchView:
    """``o``: an order, as an object or a row of its columns."""
    return MatchView(
        source=source,
        buyer_id=o.buyer_id,
        order_no=o.order_no,
        order_id=order_id,
        refund_id=refund_id,
        stated_reason=reason,
        agent=o.agent,
        warehouse=o.warehouse,
        is_distribution=o.is_distribution,
        receiver_name=o.receiver_name,
        phone_masked=mask_phone(o.receiver_phone),
        city=o.city,
        paid_at=o.paid_at,
        lines=lines,
    )


def _order(session: Session, **where: object) -> Order | None:
    stmt = select(Order).options(selectinload(Order.lines)).filter_by(**where)
    return session.scalars(stmt.order_by(Order.paid_at.desc()).limit(1)).first()


def _tracking_statement() -> Select[Any]:
    """The return request with a return tracking number (``t``), else our shipment on it, its
    order and the order's lines: one round trip, plain columns, a row per order line."""
    t: BindParameter[str] = bindparam("t")
    ref = (
        select(Refund.id, Refund.order_no, Refund.buyer_id, Refund.reason)
        .where(Refund.return_tracking == t)
        .order_by(Refund.requested_at.desc())
        .limit(1)
        .cte("ref")
    )
    by_refund = select(
        literal_column(f"'{MatchSource.REFUND.value}'").label("source"),
        ref.c.id.label("refund_id"),
        ref.c.order_no.label("refund_order_no"),
        ref.c.buyer_id.label("refund_buyer"),
        ref.c.reason.label("refund_reason"),
        select(Order.id).where(Order.order_no == ref.c.order_no).scalar_subquery().label("oid"),
    )
    shipped = select(Shipment.order_id).where(Shipment.tracking_no == t).limit(1).subquery()
    by_shipment = select(
        literal_column(f"'{MatchSource.OUTBOUND.value}'"), null(), null(), null(), null(),
        shipped.c.order_id,
    ).where(~exists(select(ref.c.id)))  # fmt: skip
    pick = union_all(by_refund, by_shipment).subquery("pick")

    def latest(col: Any) -> Any:  # the order's latest return request (a refused delivery's)
        return (
            select(col)
            .where(Refund.order_no == Order.order_no)
            .order_by(Refund.requested_at.desc())
            .limit(1)
            .scalar_subquery()
        )

    o, ln = Order, OrderLine
    return (
        select(
            pick,
            o.buyer_id,
            o.order_no,
            o.agent,
            o.warehouse,
            o.is_distribution,
            o.receiver_name,
            o.receiver_phone,
            o.city,
            o.paid_at,
            latest(Refund.id).label("order_refund_id"),
            latest(Refund.reason).label("order_reason"),
            ln.id.label("line_id"),
            ln.model,
            ln.category,
            ln.color,
            ln.size,
            ln.spec,
            ln.qty,
            ln.sku_code,
            ln.title,
        )
        .select_from(pick)
        .outerjoin(o, o.id == pick.c.oid)
        .outerjoin(ln, ln.order_id == o.id)
        .order_by(ln.line_no)
    )


_TRACKING = _tracking_statement()


def match_tracking(session: Session, tracking: str) -> MatchView | None:
    """The buyer's return request with this return tracking number, else our own shipment
    (a refused delivery comes back on the same number). One round trip, no objects loaded:
    it runs on every scan."""
    rows = session.execute(_TRACKING, {"t": tracking}).all()
    if not rows:
        return None
    r = rows[0]
    source = MatchSource(r.source)
    if r.oid is None or r.buyer_id is None:
        if source is MatchSource.OUTBOUND:
            return None
        return MatchView(source=source, buyer_id=r.refund_buyer, order_no=r.refund_order_no,
                         refund_id=r.refund_id, stated_reason=r.refund_reason)  # fmt: skip
    by_refund = source is MatchSource.REFUND
    lines = _lines(x for x in rows if x.line_id is not None)
    refund_id = r.refund_id if by_refund else r.order_refund_id
    reason = (r.refund_reason if by_refund else r.order_reason) or ""
    return _view(source, r, r.oid, refund_id, reason, lines)


def match_buyer(session: Session, buyer_id: str, order_no: str = "") -> MatchView:
    """The buyer's order (the given one, else the latest); a buyer we have no order of still
    matches by name, so a slip's ID is never refused."""
    order = None
    if order_no:
        order = _order(session, order_no=order_no)
    if order is None and buyer_id:
        order = _order(session, buyer_id=buyer_id) or _order(
            session, buyer_id_lower=buyer_id.lower()
        )
    if order is None:
        return MatchView(source=MatchSource.MANUAL, buyer_id=buyer_id, order_no=order_no)
    return view_of_order(session, order, MatchSource.BUYER)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def substring_ids(session: Session, query: str, limit: int) -> list[int]:
    """Orders whose Wangwang ID, receiver name, phone or order number contains ``query``.

    Three characters or more match anywhere; two match a pair of neighbouring characters of
    a receiver's name (the index holds each pair as a field of its own). The databases' own
    trigram indexes answer it (SQLite FTS5 ``order_search``, PostgreSQL pg_trgm
    ``ix_orders_search``, see ``db.search_index``), newest orders first.
    """
    q = query.replace("|", "")
    if len(q) < 2:
        return []
    pattern = q if len(q) >= 3 else f"|{q}|"
    if session.get_bind().dialect.name == "postgresql":
        terms: ColumnElement[str] = literal_column(f"({SEARCH_SQL})")
        like = f"%{_like_escape(pattern)}%"
        # a pattern without cased letters (a name, digits) needs no ILIKE, which takes half
        # as long again per row; the trigram index serves both
        caseless = pattern.lower() == pattern.upper()
        cond = terms.like(like, escape="\\") if caseless else terms.ilike(like, escape="\\")
        return _pg_newest(session, cond, limit)
    rows = session.execute(
        text(
            "SELECT rowid FROM order_search WHERE order_search MATCH :q ORDER BY rowid DESC LIMIT :n"
        ),
        {"q": _fts_phrase(pattern), "n": limit},
    )
    return [r[0] for r in rows]


# PostgreSQL cannot tell how rare a pattern is: ``ORDER BY id DESC LIMIT`` walks the primary
# key through most of the table for a rare one (0.8 s at a million orders), the trigram bitmap
# collects most of the table for a common one. So the newest orders are read first, in key
# order, and only a pattern rare among them goes to the trigram index.
RECENT_ORDERS = 20_000


def _pg_newest(session: Session, cond: ColumnElement[bool], limit: int) -> list[int]:
    """The newest ``limit`` orders that meet ``cond``."""
    top = session.scalar(select(func.max(Order.id))) or 0
    recent = list(
        session.scalars(
            select(Order.id)
            .where(Order.id > top - RECENT_ORDERS, cond)
            .order_by(Order.id.desc())
            .limit(limit)
        )
    )
    if len(recent) >= limit or top <= RECENT_ORDERS:
        return recent
    found = select(Order.id).where(cond).cte("found").prefix_with("MATERIALIZED")
    return list(session.scalars(select(found.c.id).order_by(found.c.id.desc()).limit(limit)))


def search(sessions: SessionFactory, query_text: str, limit: int = 20) -> list[SearchHit]:
    """Orders for what the clerk types: any part of a Wangwang ID (3+ characters), of a
    receiver's name (2+), of a phone (4+ digits, or its last four), an order number or the
    sender's city; ranked by similarity."""
    query = " ".join(query_text.split())
    if not query:
        return []
    d = digits(query)
    only_digits = bool(d) and d == query.replace(" ", "").replace("-", "")
    conds = [Order.city == query.removesuffix("市")]
    if only_digits and len(d) == 4:
        conds.append(Order.phone_last4 == d)
    low = query.lower()
    with sessions() as s:
        if not only_digits or len(d) >= 4:
            ids = substring_ids(s, d if only_digits else query, limit * 5)
            if ids:
                conds.append(Order.id.in_(ids))
        rows = s.scalars(
            select(Order).where(or_(*conds)).order_by(Order.paid_at.desc()).limit(limit * 5)
        ).all()
        hits: dict[str, SearchHit] = {}
        for o in rows:
            score = max(
                fuzz.WRatio(low, o.buyer_id_lower),
                100.0 if d and (o.phone_last4 == d or o.receiver_phone == d[-11:]) else 0.0,
                100.0 if o.receiver_name == query or o.order_no == d else 0.0,
                90.0 if only_digits and d in o.receiver_phone else 0.0,
                85.0 if len(query) >= 2 and query in o.receiver_name else 0.0,
                80.0 if o.city and query.startswith(o.city) else 0.0,
            )
            if o.buyer_id not in hits or hits[o.buyer_id].score < score:
                hits[o.buyer_id] = SearchHit(
                    o.buyer_id,
                    o.order_no,
                    o.receiver_name,
                    mask_phone(o.receiver_phone),
                    o.city,
                    o.paid_at,
                    score,
                )
    return sorted(hits.values(), key=lambda h: (-h.score, h.buyer_id))[:limit]


def sku_by_barcode(sessions: SessionFactory, code: str) -> LineView | None:
    """The catalog SKU of a scanned item barcode (or 商家编码)."""
    with sessions() as s:
        sku = s.scalars(
            select(Sku).where(or_(Sku.barcode == code, Sku.sku_code == code)).limit(1)
        ).first()
        if sku is None:
            return None
        return LineView(
            sku.model, sku.category, sku.color, sku.size, sku.spec, 1, sku.sku_code, sku.name
        )


def complete_items(sessions: SessionFactory, prefix: str, limit: int = 30) -> list[LineView]:
    """Catalog SKUs whose model code or 商家编码 starts with what was typed."""
    p = prefix.strip()
    if not p:
        return []
    with sessions() as s:
        rows = s.scalars(
            select(Sku)
            .where(
                or_(
                    (Sku.model >= p) & (Sku.model < p + "\U0010ffff"),
                    (Sku.sku_code >= p) & (Sku.sku_code < p + "\U0010ffff"),
                )
            )
            .order_by(Sku.model, Sku.color, Sku.size)
            .limit(limit)
        ).all()
        return [
            LineView(k.model, k.category, k.color, k.size, k.spec, 1, k.sku_code, k.name)
            for k in rows
        ]
