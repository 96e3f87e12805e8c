"""Refund and catalog rows in: one table each, upserted on refund_no / sku_code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from returnsdesk.db.models import Order, Refund, Sku, utcnow
from returnsdesk.importing import cleaning as c
from returnsdesk.importing.cleaning import BadCell
from returnsdesk.importing.presets import Mapping
from returnsdesk.importing.rows import (
    Cells,
    Outcome,
    fit,
    lengths,
    no_controls,
    printable,
    text_rule_of,
)
from returnsdesk.importing.store import Sync, fetch

REFUNDS = cast(Table, Refund.__table__)
ORDERS = cast(Table, Order.__table__)
_ORDER_COLS = ["order_no", "buyer_id"]
_REFUND_KEY = "\x00refund:"  # refund numbers in the buyer map, apart from order numbers
SKUS = cast(Table, Sku.__table__)
_REFUND_LIMITS = lengths(REFUNDS)
_SKU_LIMITS = lengths(SKUS)


@dataclass
class RefundsHandler:
    mapping: Mapping

    def __post_init__(self) -> None:
        self.cells = Cells(self.mapping)
        has = self.cells.has
        self.cols = ["order_no", "buyer_id"] + [
            f
            for f in (
                "amount",
                "reason",
                "return_courier",
                "return_tracking",
                "status",
                "requested_at",
                "buyer_account",
                "finished_at",
            )
            if has(f)
        ]
        self.db_rejects = True  # a refund without a buyer whose order is unknown

    def parse(self, cells: list[Any]) -> dict[str, Any]:
        get, has = self.cells.get, self.cells.has
        refund_no = c.identifier(get(cells, "refund_no"), "退款编号")
        if not refund_no:
            raise BadCell("退款编号为空")
        order_no = c.identifier(get(cells, "order_no"), "订单编号")
        if not order_no:
            raise BadCell("订单编号为空")
        r: dict[str, Any] = {
            "refund_no": printable(refund_no, "退款编号"),
            "order_no": printable(order_no, "订单编号"),
            "buyer_id": printable(c.text(get(cells, "buyer_id")), "买家ID"),
        }
        if has("amount"):
            r["amount"] = c.amount(get(cells, "amount"), "退款金额")
        for f in ("reason", "status", "buyer_account"):
            if has(f):
                r[f] = c.text(get(cells, f))
        if has("return_tracking"):
            no_controls(get(cells, "return_tracking"), "退货物流单号")
            ships = c.shipments(get(cells, "return_tracking"), get(cells, "return_courier"))
            r["return_tracking"] = ships[0][0] if ships else ""
            if has("return_courier"):
                r["return_courier"] = (
                    ships[0][1] if ships else c.courier(get(cells, "return_courier"))
                )
        elif has("return_courier"):
            r["return_courier"] = c.courier(get(cells, "return_courier"))
        if has("requested_at"):
            r["requested_at"] = c.timestamp(get(cells, "requested_at"), "申请时间")
        if has("finished_at"):
            r["finished_at"] = c.timestamp(get(cells, "finished_at"), "退款完结时间")
        text_rule_of(r)
        fit(r, _REFUND_LIMITS, keys=("refund_no", "order_no", "return_tracking"))
        return r

    def write(self, session: Session, batch: list[tuple[int, dict[str, Any]]]) -> list[Outcome]:
        found = fetch(
            session,
            REFUNDS,
            "refund_no",
            [r["refund_no"] for _, r in batch],
            ["refund_no", *self.cols],
        )
        existing = {row[1]: (row[0], dict(zip(self.cols, row[2:], strict=True))) for row in found}
        buyers = self._buyers(session, batch, existing)
        sync = Sync(REFUNDS, existing, ("refund_no",))
        out: list[Outcome] = []
        for rowno, r in batch:
            if not r["buyer_id"]:
                buyer = buyers.get(r["order_no"]) or buyers.get(_REFUND_KEY + r["refund_no"])
                if not buyer:
                    reason = (
                        f"订单不在数据库里, 退款又没有买家ID, 请先导入订单列表: {r['order_no']}"
                    )
                    out.append((rowno, "rejected", reason))
                    continue
                r = {**r, "buyer_id": buyer}
            out.append((rowno, sync.offer(r["refund_no"], r), ""))
        sync.write(session, {"updated_at": utcnow()})
        return out

    @staticmethod
    def _buyers(
        session: Session,
        batch: list[tuple[int, dict[str, Any]]],
        existing: dict[str, tuple[int, dict[str, Any]]],
    ) -> dict[str, str]:
        """The buyer of each refund that has none in the file (a refund list without a buyer
        column): the buyer of its order in the database, else the one the refund already has."""
        wanted = [r["order_no"] for _, r in batch if not r["buyer_id"]]
        if not wanted:
            return {}
        out = {row[1]: row[2] for row in fetch(session, ORDERS, "order_no", wanted, _ORDER_COLS)}
        for no, (_, values) in existing.items():
            if values.get("buyer_id"):
                out[_REFUND_KEY + no] = values["buyer_id"]
        return out


@dataclass
class CatalogHandler:
    mapping: Mapping

    def __post_init__(self) -> None:
        self.cells = Cells(self.mapping)
        has = self.cells.has
        self.cols = ["model"] + [
            f for f in ("name", "category", "color", "size", "spec", "barcode") if has(f)
        ]
        self.db_rejects = "barcode" in self.cols  # a barcode another SKU already has

    def parse(self, cells: list[Any]) -> dict[str, Any]:
        get, has = self.cells.get, self.cells.has
        code = c.text(get(cells, "sku_code"))
        if not code:
            raise BadCell("商家编码为空")
        printable(code, "商家编码")
        model = c.text(get(cells, "model")) if has("model") else ""
        s: dict[str, Any] = {"sku_code": code, "model": model or code.split("-", 1)[0]}
        for f in ("name", "category", "color", "size", "spec"):
            if has(f):
                s[f] = c.text(get(cells, f))
        if has("barcode"):
            s["barcode"] = printable(c.identifier(get(cells, "barcode"), "条码"), "条码") or None
        text_rule_of(s)
        fit(s, _SKU_LIMITS, keys=("sku_code", "barcode"))
        return s

    def write(self, session: Session, batch: list[tuple[int, dict[str, Any]]]) -> list[Outcome]:
        found = fetch(
            session, SKUS, "sku_code", [s["sku_code"] for _, s in batch], ["sku_code", *self.cols]
        )
        existing = {row[1]: (row[0], dict(zip(self.cols, row[2:], strict=True))) for row in found}
        owner: dict[str, str] = {}
        if "barcode" in self.cols:
            codes = [s["barcode"] for _, s in batch if s.get("barcode")]
            owner = {
                row[2]: row[1]
                for row in fetch(session, SKUS, "barcode", codes, ["sku_code", "barcode"])
            }
            for key, (_, values) in existing.items():
                if values.get("barcode"):
                    owner.setdefault(values["barcode"], key)
        sync = Sync(SKUS, existing, ("sku_code",))
        out: list[Outcome] = []
        for rowno, s in batch:
            barcode = s.get("barcode")
            if barcode and owner.get(barcode, s["sku_code"]) != s["sku_code"]:
                out.append(
                    (rowno, "rejected", f"条码已属于另一个商家编码: {barcode} → {owner[barcode]}")
                )
                continue
            if barcode:
                owner[barcode] = s["sku_code"]
            out.append((rowno, sync.offer(s["sku_code"], s), ""))
        sync.write(session, {"updated_at": utcnow()})
        return out
