"""The plain values of each printed document, gathered from the database.

``printing`` draws them without knowing the database; ``document_for`` picks by kind and the
reference stored on a print job (parcel id, slip id, date, nothing).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import MoneyEntry, Order, Parcel, ReshipSlip
from returnsdesk.domain import barcode_commands
from returnsdesk.domain.kinds import (
    Bin,
    DocKind,
    ItemAction,
    ParcelOutcome,
    outcomes_of,
    parcel_outcome_name,
)
from returnsdesk.domain.status import OPEN, ParcelStatus, status_name
from returnsdesk.domain.strings import ItemSpec, items_text
from returnsdesk.errors import InvalidInput, NotFound
from returnsdesk.printing.data import (
    CommandEntry,
    CommandSheetData,
    DaySheetData,
    DaySheetLine,
    LabelData,
    NoInfoLine,
    ReshipSlipData,
    UnregisteredLine,
)
from returnsdesk.printing.render import Document


def _distinct(values: list[str]) -> str:
    out: list[str] = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return "/".join(out)


def _is_no_info(p: Parcel) -> bool:
    return p.status == ParcelStatus.NO_INFO or (
        p.status == ParcelStatus.REGISTERED and not p.buyer_id
    )


def label_of(s: Session, parcel_id: int, shop: ShopConfig, bin_code: str = "") -> LabelData:
    p = s.get(Parcel, parcel_id, options=[selectinload(Parcel.items)])
    if p is None:
        raise NotFound("包裹 {parcel_id}", parcel_id=parcel_id)
    items = [i for i in p.items if not bin_code or i.bin == bin_code]
    specs = [ItemSpec(i.model, i.category, i.color, i.size, i.spec, i.qty) for i in items]
    bins = [shop.bin_name(i.bin) for i in items if i.bin]
    if not bins and _is_no_info(p):
        bins = [shop.bin_name(Bin.PENDING)]
    phone = p.sender_phone
    if not phone and p.order_id is not None:
        order = s.get(Order, p.order_id)
        phone = order.receiver_phone if order else ""
    return LabelData(
        parcel_id=p.id,
        slip_no=p.slip_no,
        buyer_id=p.buyer_id or ("无信息件" if _is_no_info(p) else ""),
        items_text=items_text(specs, shop) if specs else p.contents,
        reasons=_distinct([i.reason for i in items]),
        condition=_distinct([i.condition for i in items]),
        bin_name=_distinct(bins) or "—",
        date=p.day.isoformat(),
        station=p.station,
        return_string=p.return_string,
        phone=phone,
    )


def label_data(
    sessions: SessionFactory, parcel_id: int, shop: ShopConfig, bin_code: str = ""
) -> LabelData:
    with sessions() as s:
        return label_of(s, parcel_id, shop, bin_code)


def reship_data(sessions: SessionFactory, slip_id: int) -> ReshipSlipData:
    with sessions() as s:
        slip = s.get(ReshipSlip, slip_id, options=[selectinload(ReshipSlip.items)])
        if slip is None:
            raise NotFound("换货单/补发单 {slip_id}", slip_id=slip_id)
        slip_no = None
        if slip.parcel_id is not None:
            parcel = s.get(Parcel, slip.parcel_id)
            slip_no = parcel.slip_no if parcel else None
        return ReshipSlipData(
            slip_id=slip.id,
            kind=slip.kind,
            receiver=slip.receiver,
            phone=slip.phone,
            address=slip.address,
            items=tuple(
                ItemSpec(i.model, i.category, i.color, i.size, i.spec, i.qty) for i in slip.items
            ),
            buyer_id=slip.buyer_id,
            source_parcel_id=slip.parcel_id,
            source_slip_no=slip_no,
            order_no=slip.order_no,
            courier=slip.courier,
            warehouse=slip.warehouse,
            note=slip.note,
            date=slip.created_at.date().isoformat(),
        )


def day_sheet_data(
    sessions: SessionFactory, day: dt.date, now: dt.datetime | None = None
) -> DaySheetData:
    """Every slip number of ``day`` with its register line, no-info, money, unregistered."""
    with sessions() as s:
        parcels = s.scalars(
            select(Parcel).where(Parcel.day == day).order_by(Parcel.slip_no, Parcel.id)
        ).all()
        money_rows = s.execute(
            select(MoneyEntry.kind, func.sum(MoneyEntry.amount))
            .where(MoneyEntry.day == day)
            .group_by(MoneyEntry.kind)
            .order_by(MoneyEntry.kind)
        ).all()
    registered = [p for p in parcels if p.slip_no is not None]
    lines = tuple(
        DaySheetLine(p.slip_no, p.register_line or p.return_string, p.station, p.clerk)
        for p in registered
    )
    no_info = tuple(
        NoInfoLine(
            p.slip_no,
            p.courier,
            p.tracking_no,
            p.sender_city,
            p.sender_name,
            p.sender_phone,
            p.contents,
        )
        for p in parcels
        if _is_no_info(p)
    )
    unregistered = tuple(
        UnregisteredLine(
            p.tracking_no,
            p.courier,
            status_name(p.status),
            p.received_at.strftime("%Y-%m-%d %H:%M"),
            p.station,
        )
        for p in sorted(parcels, key=lambda p: p.received_at)
        if p.status in OPEN
    )
    money = tuple((kind, f"{Decimal(total or 0):.2f}") for kind, total in money_rows)
    total = sum((Decimal(t or 0) for _, t in money_rows), Decimal("0"))
    found = Counter(code for p in registered for code in outcomes_of(p.outcomes or ""))
    outcomes = tuple((o.display(), found[o.value]) for o in ParcelOutcome if found[o.value])
    return DaySheetData(
        date=day.isoformat(),
        lines=lines,
        no_info=no_info,
        money=money,
        money_total=f"{total:.2f}",
        unregistered=unregistered,
        generated_at=(now or dt.datetime.now()).strftime("%Y-%m-%d %H:%M"),
        outcomes=outcomes,
    )


def command_sheet_data(shop: ShopConfig) -> CommandSheetData:
    """Every bench action with its key, each reason and condition, order lines and bins."""
    fixed = tuple(
        CommandEntry(f"{barcode_commands.PREFIX}{action}", f"{label} ({key})")
        for action, (key, label) in barcode_commands.FIXED_ACTIONS.items()
    )
    lines = tuple(
        CommandEntry(barcode_commands.line_code(n), f"订单第 {n} 行商品") for n in range(1, 7)
    )
    bins = tuple(
        CommandEntry(barcode_commands.bin_code(code), f"放入 {shop.bin_name(code)}")
        for code in shop.bins
    )
    reasons = tuple(
        CommandEntry(barcode_commands.reason_code(r.key), f"{r.key}  {r.code}")
        for r in shop.reasons
        if r.key
    )
    conditions = tuple(
        CommandEntry(barcode_commands.condition_code(c.key), f"{c.key}  {c.code}")
        for c in shop.conditions
        if c.key
    )
    outcomes = tuple(
        CommandEntry(barcode_commands.outcome_code(code), f"{parcel_outcome_name(code)} ({key})")
        for code, key in barcode_commands.OUTCOME_KEYS.items()
    )
    return CommandSheetData(
        groups=(
            ("操作", fixed),
            ("包裹结果", outcomes),
            ("退回原因", reasons),
            ("产品状况", conditions),
            ("选订单商品", lines),
            ("改放区域", bins),
        )
    )


def document_for(sessions: SessionFactory, kind: str, ref_id: str, shop: ShopConfig) -> Document:
    """The document a print job stands for."""
    try:
        if kind == DocKind.LABEL:
            pid, _, bin_code = ref_id.partition(":")
            return label_data(sessions, int(pid), shop, bin_code)
        if kind == DocKind.RESHIP:
            return reship_data(sessions, int(ref_id))
        if kind == DocKind.DAY_SHEET:
            return day_sheet_data(sessions, dt.date.fromisoformat(ref_id))
    except ValueError:
        raise InvalidInput(
            "打印内容的编号有误: {kind} {ref_id}", kind=kind, ref_id=ref_id
        ) from None
    if kind == DocKind.COMMANDS:
        return command_sheet_data(shop)
    raise InvalidInput("未知的打印类型 {kind}", kind=kind)


def sample_label(shop: ShopConfig, today: dt.date | None = None) -> LabelData:
    """A made-up box label: the test print, and the renderer's warm-up at the bench."""
    return LabelData(
        0,
        88,
        "测试买家",
        "5815深紫W7*1",
        "尺码偏小",
        "完好",
        shop.bin_name(Bin.RESTOCK),
        (today or dt.date.today()).isoformat(),
        "测试",
        "测试买家 5815深紫W7*1 尺码偏小 完好",
        "13800000000",
    )


def sample_document(kind: str, shop: ShopConfig, today: dt.date | None = None) -> Document:
    """A made-up document of ``kind`` for the settings dialog's test print (no database)."""
    day = (today or dt.date.today()).isoformat()
    if kind == DocKind.LABEL:
        return sample_label(shop, today)
    if kind == DocKind.RESHIP:
        return ReshipSlipData(
            0,
            ItemAction.EXCHANGE,
            "测试收件人",
            "13800000000",
            "浙江省杭州市测试地址1号",
            (ItemSpec("5815", color="灰色", size="W6"),),
            "测试买家",
            date=day,
            note="打印测试",
        )
    if kind == DocKind.DAY_SHEET:
        return DaySheetData(day, (DaySheetLine(1, "打印测试: 售后登记日报"),), generated_at=day)
    return command_sheet_data(shop)
