"""Order rows in: the order itself, its outbound shipments and (when the file has them) lines.

One handler covers the three shapes exports come in: the Taobao order list (one row per
order), the 宝贝明细 item file (one row per line, joined on 订单编号 to known orders) and the
ERP exports with one row per line carrying the order's fields too.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from returnsdesk.db.models import Order, OrderLine, Shipment, Sku, utcnow
from returnsdesk.importing import cleaning as c
from returnsdesk.importing.cleaning import BadCell
from returnsdesk.importing.presets import ORDER_FIELDS, Mapping
from returnsdesk.importing.rows import (
    Cells,
    Outcome,
    fit,
    lengths,
    no_controls,
    printable,
    text_rule,
    text_rule_of,
)
from returnsdesk.importing.store import (
    NEW,
    UNCHANGED,
    UPDATED,
    Sync,
    by_shape,
    fetch,
    insert_tuples,
    lookup_ids,
    update_many,
)

ORDERS = cast(Table, Order.__table__)
LINES = cast(Table, OrderLine.__table__)
SHIPMENTS = cast(Table, Shipment.__table__)
SKUS = cast(Table, Sku.__table__)
_ORDER_LIMITS = lengths(ORDERS)
_LINE_LIMITS = lengths(LINES)
_LINE_KEYS = ("sku_code", "model", "title", "category", "color", "size", "spec", "props")
_MODEL_IN_TITLE = re.compile(r"(\d{3,6})")


# One parsed row: (order_no, the order's values in ``OrdersHandler.order_cols`` order or None,
# [(tracking_no, courier)], the line's fields or None, the line number or None). A plain tuple,
# not a class: a million of them cross from the reader process, and tuples pickle cheapest.
OrderRow = tuple[
    str, tuple[Any, ...] | None, list[tuple[str, str]], dict[str, Any] | None, int | None
]


@dataclass
class OrdersHandler:
    """Parses and writes order rows for one file; keeps the line numbering across batches."""

    mapping: Mapping
    line_counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.cells = Cells(self.mapping)
        has = self.cells.has
        # without a buyer column the file only adds lines/shipments to orders already known
        self.makes_orders = has("buyer_id")
        self.db_rejects = not self.makes_orders  # a line of an unknown order
        self.has_lines = any(has(f) for f in (*_LINE_KEYS, "qty", "price"))
        self.plain = [f for f in ("receiver_name", "status", "shop", "warehouse") if has(f)]
        self.order_cols = self._order_columns()
        index = self.cells.index
        self.i_buyer = index.get("buyer_id", -1)
        self.i_no, self.i_tracking, self.i_courier, self.i_line_no = (
            index.get(f) for f in ("order_no", "tracking", "courier", "line_no")
        )
        self.plain_ix = [(f, index[f]) for f in self.plain]
        self.ix = tuple(
            index.get(f)
            for f in (
                *("phone", "tel", "address", "total", "paid_at", "shipped_at"),
                *("seller_note", "agent", "distribution"),
            )
        )
        self.limits = [
            (i, _ORDER_LIMITS[col])
            for i, col in enumerate(self.order_cols)
            if col in _ORDER_LIMITS and col != "phone_last4"
        ]

    def _order_columns(self) -> list[str]:
        """The order's columns a row fills, in the order ``_order`` gives their values."""
        has = self.cells.has
        cols = ["buyer_id", "buyer_id_lower", *self.plain]
        if has("phone") or has("tel"):
            cols += ["receiver_phone", "phone_last4"]
        if has("address"):
            cols += ["address", "city"]
        for f in ("total", "paid_at", "shipped_at", "seller_note", "distribution"):
            if has(f):
                cols.append("is_distribution" if f == "distribution" else f)
        if has("agent") or has("seller_note"):
            cols.append("agent")
        return cols

    # --- one row --------------------------------------------------------------------------

    def parse(self, cells: list[Any]) -> OrderRow:
        order_no = c.identifier(None if self.i_no is None else cells[self.i_no], "订单编号")
        if not order_no:
            raise BadCell("订单编号为空")
        printable(order_no, "订单编号")
        if len(order_no) > 40:
            raise BadCell(f"订单编号太长: {order_no[:50]}")
        order = self._order(cells, order_no) if self.makes_orders else None
        ships: list[tuple[str, str]] = []
        if self.i_tracking is not None:
            courier = None if self.i_courier is None else cells[self.i_courier]
            no_controls(cells[self.i_tracking], "物流单号")
            ships = c.shipments(cells[self.i_tracking], courier)
        line = self._line(cells) if self.has_lines else None
        line_no = None
        if self.i_line_no is not None:
            line_no = c.quantity(cells[self.i_line_no])
        if order is None and line is None and not ships:
            raise BadCell("这一行没有可导入的内容")
        return (order_no, order, ships, line, line_no)

    def _order(self, cells: list[Any], order_no: str) -> tuple[Any, ...]:
        """The order's values in ``order_cols`` order (keep the two in step)."""
        # rows are padded to the header's width, so the indexes from __post_init__ are safe
        text = c.text
        buyer = text(cells[self.i_buyer])
        if not buyer:
            raise BadCell("买家ID为空")
        printable(buyer, "买家ID")
        o: list[Any] = [buyer, buyer.lower()]
        for _, i in self.plain_ix:
            o.append(text(cells[i]))
        i_phone, i_tel, i_addr, i_total, i_paid, i_shipped, i_note, i_agent, i_dist = self.ix
        if i_phone is not None or i_tel is not None:
            phone = c.phone_digits(cells[i_phone]) if i_phone is not None else ""
            if not phone and i_tel is not None:
                phone = c.phone_digits(cells[i_tel])
            o.append(phone)
            o.append(c.last4(phone) if "*" not in phone[-4:] else "")
        if i_addr is not None:
            address = text(cells[i_addr])
            o.append(address)
            o.append(c.city_of(address))
        if i_total is not None:
            o.append(c.amount(cells[i_total]))
        if i_paid is not None:
            o.append(c.timestamp(cells[i_paid], "付款时间"))
        if i_shipped is not None:
            o.append(c.timestamp(cells[i_shipped], "发货时间"))
        note = ""
        if i_note is not None:
            note = text(cells[i_note])
            o.append(note)
        if i_dist is not None:
            o.append(c.flag(cells[i_dist]))
        if i_agent is not None:
            o.append(text(cells[i_agent]) or c.agent_of(note))
        elif i_note is not None:
            o.append(c.agent_of(note) if note else "")
        text_rule(self.order_cols, o)
        for i, limit in self.limits:
            if len(o[i]) > limit:
                o[i] = o[i][:limit]
        return tuple(o)

    def _line(self, cells: list[Any]) -> dict[str, Any]:
        get, has = self.cells.get, self.cells.has
        line: dict[str, Any] = {}
        for f in ("sku_code", "model", "title", "category", "color", "size", "spec"):
            if has(f):
                line[f] = c.text(get(cells, f))
        if has("props"):
            color, size, spec = c.properties(c.text(get(cells, "props")))
            line["color"] = line.get("color") or color
            line["size"] = line.get("size") or size
            line["spec"] = line.get("spec") or spec
        line["qty"] = c.quantity(get(cells, "qty")) if has("qty") else 1
        if has("price"):
            line["price"] = c.amount(get(cells, "price"), "价格")
        text_rule_of(line)
        fit(line, _LINE_LIMITS)
        return line

    # --- one batch ------------------------------------------------------------------------

    def write(self, session: Session, batch: list[tuple[int, OrderRow]]) -> list[Outcome]:
        known = lookup_ids(session, ORDERS, "order_no", [r[0] for _, r in batch])
        existing: dict[str, tuple[int, tuple[Any, ...]]] = {}
        if known and self.makes_orders:  # their values, to tell unchanged from updated
            found = fetch(session, ORDERS, "id", known.values(), ["order_no", *self.order_cols])
            existing = {row[1]: (row[0], tuple(row[2:])) for row in found}
        status: dict[int, str] = {}
        rejected: dict[int, str] = {}
        new: set[str] = set()
        if self.makes_orders:
            ids, new = self._orders(session, batch, existing, status)
        else:
            ids = known
            for rowno, r in batch:
                if r[0] in ids:
                    status[rowno] = UNCHANGED
                else:
                    rejected[rowno] = f"订单不在数据库里, 请先导入订单列表: {r[0]}"
        live = [(rowno, r) for rowno, r in batch if rowno not in rejected] if rejected else batch
        self._shipments(session, live, ids, new, status)
        if self.has_lines:
            self._lines(session, live, ids, status)
        out: list[Outcome] = []
        for rowno, _ in batch:
            if rowno in rejected:
                out.append((rowno, "rejected", rejected[rowno]))
            else:
                out.append((rowno, status[rowno], ""))
        return out

    def _orders(
        self,
        session: Session,
        batch: list[tuple[int, OrderRow]],
        existing: dict[str, tuple[int, tuple[Any, ...]]],
        status: dict[int, str],
    ) -> tuple[dict[str, int], set[str]]:
        """Insert new orders, update changed ones; (order_no → id, the new order numbers).

        Values are compared as tuples in ``order_cols`` order; only an order that differs
        is turned into a dict of the changed columns. A repeated row within the batch is
        compared with the earlier one (unchanged if equal).
        """
        cols = self.order_cols
        stored = {no: v[1] for no, v in existing.items()}
        inserts: dict[str, tuple[Any, ...]] = {}
        updates: dict[str, dict[str, Any]] = {}
        for rowno, (no, values, *_) in batch:
            assert values is not None
            pending = inserts.get(no)
            if pending is not None:
                inserts[no] = values
                status[rowno] = UNCHANGED if pending == values else UPDATED
                continue
            old = stored.get(no)
            if old is None:
                inserts[no] = values
                status[rowno] = NEW
            elif old == values:
                status[rowno] = UNCHANGED
            else:
                diff = {k: v for k, v, o in zip(cols, values, old, strict=True) if o != v}
                stored[no] = values
                updates.setdefault(no, {}).update(diff)
                status[rowno] = UPDATED
        now = {"updated_at": utcnow()}
        ids = {no: v[0] for no, v in existing.items()}
        rows = [(no, *values) for no, values in inserts.items()]
        new_ids = insert_tuples(session, ORDERS, ["order_no", *cols], rows, now)
        if new_ids is not None:
            ids.update(zip(inserts, new_ids, strict=True))
        else:
            ids.update(lookup_ids(session, ORDERS, "order_no", inserts))
        changed = ({**diff, **now, "id": ids[no]} for no, diff in updates.items())
        for group in by_shape(changed):
            update_many(session, ORDERS, group)
        return ids, set(inserts)

    def _shipments(
        self,
        session: Session,
        batch: list[tuple[int, OrderRow]],
        ids: dict[str, int],
        new: set[str],
        status: dict[int, str],
    ) -> None:
        """Add tracking numbers not yet known, fix a changed courier; an order inserted by
        this batch has no stored shipments to look up (its id is new)."""
        wanted = [ids[r[0]] for _, r in batch if r[2] and r[0] not in new]
        stored = {
            (row[1], row[2]): (row[0], row[3])
            for row in fetch(
                session, SHIPMENTS, "order_id", wanted, ["order_id", "tracking_no", "courier"]
            )
        }
        inserts: dict[tuple[int, str], str] = {}
        updates: dict[int, str] = {}
        for rowno, (no, _, ships, *_) in batch:
            if not ships:
                continue
            oid = ids[no]
            for number, courier in ships:
                key = (oid, number)
                if key in inserts:
                    continue
                if key in stored:
                    sid, old = stored[key]
                    if courier and courier != old:
                        updates[sid] = courier
                        stored[key] = (sid, courier)
                        _bump(status, rowno)
                else:
                    inserts[key] = courier
                    _bump(status, rowno)
        rows = [(oid, number, courier) for (oid, number), courier in inserts.items()]
        insert_tuples(session, SHIPMENTS, ["order_id", "tracking_no", "courier"], rows)
        update_many(session, SHIPMENTS, [{"id": sid, "courier": c} for sid, c in updates.items()])

    def _lines(
        self,
        session: Session,
        batch: list[tuple[int, OrderRow]],
        ids: dict[str, int],
        status: dict[int, str],
    ) -> None:
        rows = [(rowno, r) for rowno, r in batch if r[3] is not None]
        codes = [r[3]["sku_code"] for _, r in rows if r[3] and r[3].get("sku_code")]
        catalog = {
            row[1]: row[2:]
            for row in fetch(
                session, SKUS, "sku_code", codes, ["sku_code", "model", "category", "color", "size"]
            )
        }
        cols = [
            k
            for k in (
                "sku_code",
                "model",
                "title",
                "category",
                "color",
                "size",
                "spec",
                "qty",
                "price",
            )
        ]
        existing: dict[Hashable, tuple[int, dict[str, Any]]] = {
            (row[1], row[2]): (row[0], dict(zip(cols, row[3:], strict=True)))
            for row in fetch(
                session,
                LINES,
                "order_id",
                [ids[r[0]] for _, r in rows],
                ["order_id", "line_no", *cols],
            )
        }
        lines = Sync(LINES, existing, ("order_id", "line_no"))
        for rowno, r in rows:
            assert r[3] is not None
            line = self._linked(r[3], catalog)
            if r[4] is not None:
                line_no = r[4]
            else:
                line_no = self.line_counts.get(r[0], 0) + 1
                self.line_counts[r[0]] = line_no
            oid = ids[r[0]]
            got = lines.offer((oid, line_no), {"order_id": oid, "line_no": line_no, **line})
            _combine(status, rowno, got)
        lines.write(session)

    @staticmethod
    def _linked(line: dict[str, Any], catalog: dict[str, Any]) -> dict[str, Any]:
        """The line with model/category (and missing colour/size) from the catalog."""
        out = dict(line)
        sku = catalog.get(line.get("sku_code", ""))
        if sku is not None:
            model, category, color, size = sku
            out["model"] = out.get("model") or model
            out["category"] = out.get("category") or category
            out["color"] = out.get("color") or color
            out["size"] = out.get("size") or size
        elif not out.get("model"):
            code = out.get("sku_code", "")
            prefix = code.split("-", 1)[0]
            if prefix.isdigit():
                out["model"] = prefix
            else:
                m = _MODEL_IN_TITLE.search(out.get("title", ""))
                out["model"] = m.group(1) if m else prefix
        out.setdefault("model", "")
        out.setdefault("category", "")
        return out


def _bump(status: dict[int, str], rowno: int) -> None:
    if status.get(rowno) == UNCHANGED:
        status[rowno] = UPDATED


def _combine(status: dict[int, str], rowno: int, got: str) -> None:
    now = status.get(rowno, UNCHANGED)
    if NEW in (now, got):
        status[rowno] = NEW
    elif UPDATED in (now, got):
        status[rowno] = UPDATED
    else:
        status[rowno] = UNCHANGED


__all__ = ["ORDER_FIELDS", "OrderRow", "OrdersHandler"]
