"""SQLAlchemy 2 typed models. Every column type here runs on SQLite and PostgreSQL.

Schema changes go through Alembic (``db/migrations``); ``tests/unit/test_migrations.py``
checks that the migrations and these models agree.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

# re-exported: every model is found here, whichever module defines it
from returnsdesk.db.accounts import AuditEntry as AuditEntry
from returnsdesk.db.accounts import DayClose as DayClose
from returnsdesk.db.accounts import RefundDecision as RefundDecision
from returnsdesk.db.accounts import User as User
from returnsdesk.db.base import Base as Base
from returnsdesk.db.base import Money as Money
from returnsdesk.db.base import local_now as local_now
from returnsdesk.db.base import utcnow as utcnow
from returnsdesk.db.evidence import Evidence as Evidence
from returnsdesk.db.evidence import EvidenceRemoval as EvidenceRemoval
from returnsdesk.db.stations import Station as Station
from returnsdesk.db.stations import StationTiming as StationTiming
from returnsdesk.domain.kinds import ItemAction, JobState, SlipState
from returnsdesk.domain.status import ParcelStatus

# --- what the shop knows: catalog, orders, return requests -------------------------------


class Sku(Base):
    """One sellable variant (商家编码)."""

    __tablename__ = "skus"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku_code: Mapped[str] = mapped_column(String(64), unique=True)
    model: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[str] = mapped_column(String(32), default="")
    color: Mapped[str] = mapped_column(String(64), default="")
    size: Mapped[str] = mapped_column(String(32), default="")
    spec: Mapped[str] = mapped_column(String(200), default="")
    barcode: Mapped[str | None] = mapped_column(String(64), unique=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Order(Base):
    """A shop order (订单), as exported by the ERP or made by ``returnsdesk demo``."""

    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_no: Mapped[str] = mapped_column(String(40), unique=True)
    buyer_id: Mapped[str] = mapped_column(String(100), index=True)
    buyer_id_lower: Mapped[str] = mapped_column(String(100), index=True)
    receiver_name: Mapped[str] = mapped_column(String(100), default="", index=True)
    receiver_phone: Mapped[str] = mapped_column(String(40), default="", index=True)
    phone_last4: Mapped[str] = mapped_column(String(4), default="", index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(40), default="", index=True)
    shop: Mapped[str] = mapped_column(String(100), default="")
    agent: Mapped[str] = mapped_column(String(40), default="")
    warehouse: Mapped[str] = mapped_column(String(40), default="")
    is_distribution: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(40), default="")
    total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    paid_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    shipped_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    seller_note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", order_by="OrderLine.line_no", cascade="all, delete-orphan"
    )
    shipments: Mapped[list[Shipment]] = relationship(
        back_populates="order", cascade="all, delete-orphan"
    )


class OrderLine(Base):
    __tablename__ = "order_lines"
    __table_args__ = (UniqueConstraint("order_id", "line_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    sku_code: Mapped[str] = mapped_column(String(64), default="")
    model: Mapped[str] = mapped_column(String(32), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[str] = mapped_column(String(32), default="")
    color: Mapped[str] = mapped_column(String(64), default="")
    size: Mapped[str] = mapped_column(String(32), default="")
    spec: Mapped[str] = mapped_column(String(200), default="")
    qty: Mapped[int] = mapped_column(Integer, default=1)
    price: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))

    order: Mapped[Order] = relationship(back_populates="lines")


class Shipment(Base):
    """An outbound tracking number of an order; split shipments have several."""

    __tablename__ = "shipments"
    __table_args__ = (UniqueConstraint("order_id", "tracking_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    tracking_no: Mapped[str] = mapped_column(String(40), index=True)
    courier: Mapped[str] = mapped_column(String(20), default="")

    order: Mapped[Order] = relationship(back_populates="shipments")


class Refund(Base):
    """A buyer's return request (退款/退货申请) with its return tracking number."""

    __tablename__ = "refunds"
    id: Mapped[int] = mapped_column(primary_key=True)
    refund_no: Mapped[str] = mapped_column(String(40), unique=True)
    order_no: Mapped[str] = mapped_column(String(40), index=True)
    buyer_id: Mapped[str] = mapped_column(String(100), index=True)
    amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    return_courier: Mapped[str] = mapped_column(String(20), default="")
    return_tracking: Mapped[str] = mapped_column(String(40), default="", index=True)
    status: Mapped[str] = mapped_column(String(40), default="")
    requested_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # where the export has them: the buyer's payment account (for finance) and when the
    # platform finished the request (退款完结时间: refunded or closed)
    buyer_account: Mapped[str] = mapped_column(String(100), default="")
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


# --- what the bench records -------------------------------------------------------------


class DayCounter(Base):
    """The last slip number handed out on a day, shared by every station."""

    __tablename__ = "day_counters"
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    last_slip_no: Mapped[int] = mapped_column(Integer, default=0)


class Parcel(Base):
    """A returned parcel, from its scan to its registration (or refusal)."""

    __tablename__ = "parcels"
    __table_args__ = (
        UniqueConstraint("day", "slip_no", name="uq_parcels_day_slip_no"),
        Index("ix_parcels_day_status", "day", "status"),
        Index("ix_parcels_received_at", "received_at"),
        Index("ix_parcels_registered_at", "registered_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_no: Mapped[str] = mapped_column(String(40), unique=True)
    # a second number the parcel was matched by (the original waybill of a 退回件 that came
    # back on a new one); scanning either finds the parcel
    linked_no: Mapped[str | None] = mapped_column(String(40), index=True)
    courier: Mapped[str] = mapped_column(String(20), default="")
    day: Mapped[dt.date] = mapped_column(Date)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    station: Mapped[str] = mapped_column(String(40), default="")
    clerk: Mapped[str] = mapped_column(String(40), default="")
    # received (scanned, not yet registered) / matched / no_info / registered / refused
    status: Mapped[str] = mapped_column(String(16), default=ParcelStatus.RECEIVED)
    slip_no: Mapped[int | None] = mapped_column(Integer)
    has_slip: Mapped[bool] = mapped_column(Boolean, default=True)
    buyer_id: Mapped[str] = mapped_column(String(100), default="", index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    refund_id: Mapped[int | None] = mapped_column(ForeignKey("refunds.id"), index=True)
    match_source: Mapped[str] = mapped_column(String(20), default="")
    # 顺丰 / 到付 decision: a FreightDecision, "" when none is needed (or made yet)
    is_sf: Mapped[bool] = mapped_column(Boolean, default=False)
    is_freight_collect: Mapped[bool] = mapped_column(Boolean, default=False)
    freight_decision: Mapped[str] = mapped_column(String(20), default="")
    freight_payer: Mapped[str] = mapped_column(String(40), default="")
    decision_note: Mapped[str] = mapped_column(String(200), default="")
    packaging_damaged: Mapped[bool] = mapped_column(Boolean, default=False)
    # what was wrong with the parcel as a whole: ParcelOutcome codes, comma-separated ("" none)
    outcomes: Mapped[str] = mapped_column(String(60), default="", server_default="")
    # no-info parcels: what the clerk could read off the parcel
    sender_name: Mapped[str] = mapped_column(String(100), default="")
    sender_phone: Mapped[str] = mapped_column(String(40), default="")
    sender_city: Mapped[str] = mapped_column(String(40), default="")
    contents: Mapped[str] = mapped_column(String(300), default="")
    reported_to_lead: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    return_string: Mapped[str] = mapped_column(Text, default="")
    register_line: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    registered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    items: Mapped[list[ParcelItem]] = relationship(
        back_populates="parcel", order_by="ParcelItem.id", cascade="all, delete-orphan"
    )
    order: Mapped[Order | None] = relationship()


class ParcelItem(Base):
    """One thing that came back in a parcel, with why, how it is and where it goes."""

    __tablename__ = "parcel_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id", ondelete="CASCADE"), index=True)
    sku_code: Mapped[str] = mapped_column(String(64), default="")
    model: Mapped[str] = mapped_column(String(32), default="", index=True)
    category: Mapped[str] = mapped_column(String(32), default="")
    color: Mapped[str] = mapped_column(String(64), default="")
    size: Mapped[str] = mapped_column(String(32), default="")
    spec: Mapped[str] = mapped_column(String(200), default="")
    qty: Mapped[int] = mapped_column(Integer, default=1)
    accessories: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(String(40), default="")
    condition: Mapped[str] = mapped_column(String(40), default="")
    bin: Mapped[str] = mapped_column(String(20), default="", index=True)
    suggested_bin: Mapped[str] = mapped_column(String(20), default="")
    bin_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    # an ItemAction: 换 exchange / 补 reissue send the target; 退 money back (no target)
    action: Mapped[str] = mapped_column(String(8), default=ItemAction.RETURN)
    target_model: Mapped[str] = mapped_column(String(32), default="")
    target_color: Mapped[str] = mapped_column(String(64), default="")
    target_size: Mapped[str] = mapped_column(String(32), default="")
    target_spec: Mapped[str] = mapped_column(String(200), default="")
    target_qty: Mapped[int] = mapped_column(Integer, default=0)
    # repair bin: when the item went back to the factory (the repairs list shows open ones)
    repair_closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    parcel: Mapped[Parcel] = relationship(back_populates="items")


class MoneyEntry(Base):
    """Append-only register of money found in parcels; a correction reverses an entry."""

    __tablename__ = "money_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int | None] = mapped_column(ForeignKey("parcels.id"), index=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Money)
    clerk: Mapped[str] = mapped_column(String(40), default="")
    station: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # an entry is reversed at most once (NULLs do not collide)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("money_entries.id"), unique=True)
    handover_id: Mapped[int | None] = mapped_column(ForeignKey("cash_handovers.id"))
    note: Mapped[str] = mapped_column(String(200), default="")


class CashHandover(Base):
    """The day's money handed to the lead, confirmed once. Append-only (triggers)."""

    __tablename__ = "cash_handovers"
    # the hand-overs of a clerk's day form one chain: one first, each followed at most once,
    # so two leads confirming what they both saw cannot both win (migration 0006)
    __table_args__ = (
        Index(
            "uq_cash_handovers_first",
            "day",
            "clerk",
            unique=True,
            sqlite_where=text("follows_id IS NULL"),
            postgresql_where=text("follows_id IS NULL"),
        ),
        Index("uq_cash_handovers_follows", "follows_id", unique=True),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    clerk: Mapped[str] = mapped_column(String(40), default="")
    lead: Mapped[str] = mapped_column(String(40), default="")
    registered_amount: Mapped[Decimal] = mapped_column(Money)
    counted_amount: Mapped[Decimal] = mapped_column(Money)
    note: Mapped[str] = mapped_column(String(200), default="")
    confirmed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # made unsealed, marks its entries, sealed in the same transaction: an entry's mark can
    # only name an unsealed hand-over (triggers of migration 0005), so no later UPDATE can
    # point an entry at it
    sealed: Mapped[bool] = mapped_column(Boolean, default=True)
    # the hand-over of the same day and clerk the lead saw last (None: the day's first)
    follows_id: Mapped[int | None] = mapped_column(Integer)


class ContactAttempt(Base):
    """A follow-up try to find the buyer of a no-info parcel."""

    __tablename__ = "contact_attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    method: Mapped[str] = mapped_column(String(20), default="")
    result: Mapped[str] = mapped_column(String(200), default="")
    who: Mapped[str] = mapped_column(String(40), default="")


class ReshipSlip(Base):
    """An exchange (换) or reissue (补) slip for the printer operator."""

    __tablename__ = "reship_slips"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(4))  # an ItemAction of RESHIP_KINDS
    parcel_id: Mapped[int | None] = mapped_column(ForeignKey("parcels.id"), index=True)
    order_no: Mapped[str] = mapped_column(String(40), default="")
    buyer_id: Mapped[str] = mapped_column(String(100), default="")
    receiver: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    courier: Mapped[str] = mapped_column(String(20), default="")
    warehouse: Mapped[str] = mapped_column(String(40), default="503号仓库")
    fee: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    postage_diff: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    note: Mapped[str] = mapped_column(String(300), default="")
    submitter: Mapped[str] = mapped_column(String(40), default="")
    station: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # pending / printed / shipped / problem
    state: Mapped[str] = mapped_column(String(12), default=SlipState.PENDING, index=True)
    problems: Mapped[str] = mapped_column(Text, default="")
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    printed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    out_tracking: Mapped[str | None] = mapped_column(String(40), unique=True)
    out_courier: Mapped[str] = mapped_column(String(20), default="")
    shipped_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    items: Mapped[list[ReshipItem]] = relationship(
        back_populates="slip", order_by="ReshipItem.id", cascade="all, delete-orphan"
    )


class ReshipItem(Base):
    __tablename__ = "reship_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    slip_id: Mapped[int] = mapped_column(
        ForeignKey("reship_slips.id", ondelete="CASCADE"), index=True
    )
    sku_code: Mapped[str] = mapped_column(String(64), default="")
    model: Mapped[str] = mapped_column(String(32), default="")
    category: Mapped[str] = mapped_column(String(32), default="")
    color: Mapped[str] = mapped_column(String(64), default="")
    size: Mapped[str] = mapped_column(String(32), default="")
    spec: Mapped[str] = mapped_column(String(200), default="")
    qty: Mapped[int] = mapped_column(Integer, default=1)

    slip: Mapped[ReshipSlip] = relationship(back_populates="items")


class PrintJob(Base):
    """A document waiting for, sent to, or refused by a printer; never deleted on failure."""

    __tablename__ = "print_jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # a DocKind
    ref_id: Mapped[str] = mapped_column(String(40), default="")
    printer: Mapped[str] = mapped_column(String(100), default="")
    copies: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[str] = mapped_column(String(12), default=JobState.QUEUED, index=True)
    error: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    pdf_path: Mapped[str] = mapped_column(String(500), default="")
    station: Mapped[str] = mapped_column(String(40), default="")
    created_by: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ImportRun(Base):
    """One import of an ERP export and what came of it."""

    __tablename__ = "import_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(String(300))
    preset: Mapped[str] = mapped_column(String(40), default="")
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    imported: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    report_path: Mapped[str] = mapped_column(String(500), default="")
    user: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(12), default="running")


class Reason(Base):
    """A return reason of the shop's taxonomy; defaults come from resources/lists.toml."""

    __tablename__ = "reasons"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(String(4), default="")
    responsibility: Mapped[str] = mapped_column(String(20), default="buyer")
    bin: Mapped[str] = mapped_column(String(20), default="")
    action: Mapped[str] = mapped_column(String(8), default="")
    courier_claim: Mapped[bool] = mapped_column(Boolean, default=False)
    sort: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Condition(Base):
    """A condition of a returned item (产品好坏)."""

    __tablename__ = "conditions"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(String(4), default="")
    bin: Mapped[str] = mapped_column(String(20), default="")
    sort: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
