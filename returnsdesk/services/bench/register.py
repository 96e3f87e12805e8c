"""Registration (登记): what came back, why, in what condition, where it goes, money found,
exchange or reissue wanted; gives the slip number and the standard strings.

One transaction: the slip number, items, money entries, reshipment slips and the parcel's
status commit together or not at all, so a power cut mid-save leaves the parcel as scanned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import CompoundSelect, literal_column, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Condition, MoneyEntry, Parcel, ParcelItem, Reason
from returnsdesk.domain import routing, strings
from returnsdesk.domain.kinds import (
    RESHIP_KINDS,
    AuditAction,
    AuditEntity,
    Bin,
    ItemAction,
    MatchSource,
    ParcelOutcome,
    outcomes_of,
    outcomes_stored,
    outcomes_text,
)
from returnsdesk.domain.money import kind_of, parse_money
from returnsdesk.domain.roles import Act
from returnsdesk.domain.status import OPEN, ParcelStatus
from returnsdesk.errors import DecisionRequired, InvalidInput, NotFound, UnknownMoneyKind
from returnsdesk.i18n import Message
from returnsdesk.services.bench import parcel_state
from returnsdesk.services.bench.slip_numbers import next_slip_no
from returnsdesk.services.common import audit, days, tx, users
from returnsdesk.services.reship import slips as reship


@dataclass
class ItemInput:
    """One item that came back, as a registration records it; the bench's draft of an item
    (``bench.session.state.ItemDraft``) is one of these."""

    spec: strings.ItemSpec
    accessories: str = ""
    reason: str = ""
    condition: str = ""
    bin_override: str = ""
    action: str = ItemAction.RETURN  # EXCHANGE and REISSUE send ``target``
    target: strings.ItemSpec | None = None


@dataclass(frozen=True)
class MoneyInput:
    kind: str
    amount: str | Decimal


@dataclass(frozen=True)
class RegisterInput:
    items: tuple[ItemInput, ...]
    money: tuple[MoneyInput, ...] = ()
    has_slip: bool = True
    packaging_damaged: bool = False
    note: str = ""
    # the buyer the station showed the clerk: another station's buyer is never registered
    # in its name (None: the caller names no buyer of its own)
    buyer: str | None = None
    outcomes: tuple[str, ...] = ()  # ParcelOutcome codes: 空包, 调包, 少件, 多件/非本店


@dataclass(frozen=True)
class NoInfoInput:
    sender_name: str = ""
    sender_phone: str = ""
    sender_city: str = ""
    contents: str = ""
    items: tuple[ItemInput, ...] = ()
    money: tuple[MoneyInput, ...] = ()
    packaging_damaged: bool = False


@dataclass(frozen=True)
class ItemResult:
    bin: str
    suggested_bin: str
    overridden: bool


@dataclass(frozen=True)
class RegisterResult:
    parcel_id: int
    slip_no: int
    status: str
    items: tuple[ItemResult, ...]
    return_string: str
    register_line: str
    repair_note: str = ""
    reship_slip_ids: tuple[int, ...] = field(default_factory=tuple)

    @property
    def bins(self) -> list[str]:
        return [i.bin for i in self.items]


def _outcomes(data: RegisterInput) -> tuple[str, ...]:
    """The parcel's outcomes, known ones only; an empty parcel lists no item."""
    for code in data.outcomes:
        if code not in frozenset(ParcelOutcome):
            raise InvalidInput("未知的包裹结果 {value}", field="outcomes", value=code)
    got = outcomes_of(",".join(data.outcomes))
    if ParcelOutcome.EMPTY in got and data.items:
        raise InvalidInput("空包不能录入商品: 请删除商品, 或取消空包", field="items")
    return got


def _validate(
    session: Session, items: tuple[ItemInput, ...], shop: ShopConfig, need_reason: bool = True
) -> None:
    """Name the first thing wrong; a no-info parcel's items may have no reason yet."""
    if not items:
        raise InvalidInput("请至少录入一件收到的商品", field="items")
    both: CompoundSelect[tuple[str, str]] = union_all(  # one round trip for both lists
        select(literal_column("'reason'").label("kind"), Reason.code),
        select(literal_column("'condition'"), Condition.code),
    )
    codes = session.execute(both).all()
    reasons = {r.code for r in codes if r.kind == "reason"}
    conditions = {r.code for r in codes if r.kind == "condition"}
    for i, it in enumerate(items, 1):
        if not (it.spec.model.strip() or it.spec.spec.strip()):
            raise InvalidInput("第 {i} 件: 缺少款号", field=f"items[{i - 1}].model", i=i)
        if it.spec.qty < 1 or it.spec.qty > 999:
            raise InvalidInput(
                "第 {i} 件: 数量 {qty} 无效", field=f"items[{i - 1}].qty", i=i, qty=it.spec.qty
            )
        if it.reason not in reasons and (need_reason or it.reason):
            raise InvalidInput("第 {i} 件: 请选择退回原因", field=f"items[{i - 1}].reason", i=i)
        if it.condition not in conditions:
            raise InvalidInput("第 {i} 件: 请选择产品好坏", field=f"items[{i - 1}].condition", i=i)
        if it.bin_override and it.bin_override not in shop.bins:
            raise InvalidInput(
                "第 {i} 件: 未知的区域 {bin}", field=f"items[{i - 1}].bin", i=i, bin=it.bin_override
            )
        if it.action not in frozenset(ItemAction):
            raise InvalidInput(
                "第 {i} 件: 未知的处理方式 {action}",
                field=f"items[{i - 1}].action",
                i=i,
                action=it.action,
            )
        if it.action == ItemAction.EXCHANGE and it.target is None:
            raise InvalidInput(
                "第 {i} 件: 换货须录入要换的款式", field=f"items[{i - 1}].target", i=i
            )


def _load_for_registration(session: Session, parcel_id: int, resolving: bool = False) -> Parcel:
    """The parcel, locked; a closed one raises who closed it. A no-info parcel is closed to
    the bench: only a registration after the follow-up found its buyer resolves it."""
    p = session.get(Parcel, parcel_id, with_for_update=True)
    if p is None:
        raise NotFound("包裹 {parcel_id}", parcel_id=parcel_id)
    if p.status in (ParcelStatus.REGISTERED, ParcelStatus.REFUSED) or (
        p.status == ParcelStatus.NO_INFO and not resolving
    ):
        raise parcel_state.taken(session, p)
    if (p.is_sf or p.is_freight_collect) and not p.freight_decision:
        raise DecisionRequired(courier=Message("顺丰") if p.is_sf else Message("到付"))
    return p


def _put_items(
    session: Session,
    p: Parcel,
    items: tuple[ItemInput, ...],
    facts: routing.OrderFacts,
    shop: ShopConfig,
) -> tuple[ItemResult, ...]:
    if p.status in OPEN:  # not registered before: it has no items, none to read or remove
        set_committed_value(p, "items", [])
    else:
        p.items.clear()
        session.flush()
    results = []
    for it in items:
        suggested = routing.route(it.reason, it.condition, facts, shop)
        chosen = it.bin_override or suggested
        s, t = it.spec, it.target
        p.items.append(
            ParcelItem(
                sku_code=s.sku_code,
                model=s.model.strip(),
                category=s.category,
                color=s.color,
                size=s.size,
                spec=s.spec,
                qty=s.qty,
                accessories=it.accessories.strip(),
                reason=it.reason,
                condition=it.condition,
                bin=chosen,
                suggested_bin=suggested,
                bin_overridden=chosen != suggested,
                action=it.action,
                target_model=t.model if t else "",
                target_color=t.color if t else "",
                target_size=t.size if t else "",
                target_spec=t.spec if t else "",
                target_qty=t.qty if t else 0,
            )
        )
        results.append(ItemResult(chosen, suggested, chosen != suggested))
    return tuple(results)


def _put_money(
    session: Session,
    p: Parcel,
    money: tuple[MoneyInput, ...],
    day: dt.date,
    user: str,
    station: str,
) -> list[strings.MoneyFound]:
    found = []
    for m in money:
        amount = parse_money(m.amount, allow_zero=False)
        kind = kind_of(m.kind or "现金")
        if kind is None:
            raise UnknownMoneyKind(kind=m.kind)
        session.add(
            MoneyEntry(
                parcel_id=p.id, day=day, kind=kind, amount=amount, clerk=user, station=station
            )
        )
        found.append(strings.MoneyFound(kind, amount))
    return found


def standard_strings(
    p: Parcel,
    items: tuple[ItemInput, ...],
    money: list[strings.MoneyFound],
    results: tuple[ItemResult, ...],
    shop: ShopConfig,
    outcomes: tuple[str, ...] = (),
) -> tuple[str, str, str]:
    """The return string, the register line and the repair note of a registered parcel;
    its outcomes (少件 …) close both strings."""
    said = outcomes_text(outcomes)
    if not items:
        ret, line = strings.outcome_strings(p.day, p.buyer_id, p.has_slip, p.courier,
                                            p.tracking_no, p.sender_city, said, shop,
                                            money)  # fmt: skip
        return ret, line, ""
    ret, line, repair = _item_strings(p, items, money, results, shop)
    if said:
        ret = f"{ret} {said}" if ret else ""
        line = f"{line} {said}"
    return ret, line, repair


def _item_strings(
    p: Parcel,
    items: tuple[ItemInput, ...],
    money: list[strings.MoneyFound],
    results: tuple[ItemResult, ...],
    shop: ShopConfig,
) -> tuple[str, str, str]:
    specs = [it.spec for it in items]
    reasons = [it.reason for it in items]
    conds = [it.condition for it in items]
    accessories = [it.accessories.strip() for it in items]
    targets = [(it.action, it.target or it.spec) for it in items if it.action in RESHIP_KINDS]
    ret = strings.return_string(p.buyer_id, specs, reasons, conds, shop) if p.buyer_id else ""
    if p.buyer_id and p.has_slip:
        line = strings.register_line(
            p.day, p.buyer_id, specs, reasons, conds, shop, money, accessories, targets
        )
    else:
        line = strings.register_line_no_slip(
            p.day, p.courier, p.tracking_no, p.sender_city, specs, shop
        )
    repair_items = [it for it, r in zip(items, results, strict=True) if r.bin == Bin.REPAIR]
    repair = (
        strings.repair_note(
            p.day, [i.spec for i in repair_items], [i.reason for i in repair_items], shop
        )
        if repair_items
        else ""
    )
    return ret, line, repair


def register_parcel(
    sessions: SessionFactory,
    parcel_id: int,
    data: RegisterInput,
    user: str,
    station: str,
    shop: ShopConfig,
    labels: bool = False,
) -> RegisterResult:
    """Register a scanned (or no-info, now resolved) parcel; it keeps a slip number it has.
    ``labels``: its box labels are queued in the same transaction."""

    def work(session: Session) -> RegisterResult:
        res = register_in(session, parcel_id, data, user, station, shop)
        if labels:
            _queue_labels(session, res.parcel_id, user, station, res.bins)
        return res

    return tx.run(sessions, work)


def _queue_labels(
    session: Session, parcel_id: int, user: str, station: str, bins: list[str]
) -> None:
    from returnsdesk.services.printing import queue  # the renderer loads late

    queue.queue_labels_in(session, parcel_id, user, station, bins)


def register_in(
    session: Session,
    parcel_id: int,
    data: RegisterInput,
    user: str,
    station: str,
    shop: ShopConfig,
) -> RegisterResult:
    """``register_parcel`` inside the caller's transaction."""
    users.require(session, user, Act.BENCH)
    p = _load_for_registration(session, parcel_id, resolving=True)
    days.ensure_open(session, p.day)
    if p.status == ParcelStatus.NO_INFO and p.match_source != MatchSource.FOLLOWUP:
        raise parcel_state.taken(session, p)
    if not p.buyer_id:
        raise InvalidInput("未匹配买家: 请录入旺旺名, 或登记为无信息件", field="buyer")
    if data.buyer is not None and data.buyer != p.buyer_id:
        raise parcel_state.buyer_changed(session, p)
    outcomes = _outcomes(data)
    if data.items or ParcelOutcome.EMPTY not in outcomes:
        _validate(session, data.items, shop)
    order = p.order
    facts = routing.OrderFacts(
        known=True,
        is_distribution=bool(order and order.is_distribution),
        warehouse=order.warehouse if order else "",
    )
    if p.slip_no is None:
        p.slip_no = next_slip_no(session, p.day)
    p.has_slip = data.has_slip
    p.packaging_damaged = p.packaging_damaged or data.packaging_damaged
    p.note = data.note.strip()
    p.outcomes = outcomes_stored(outcomes)
    results = _put_items(session, p, data.items, facts, shop)
    money = _put_money(session, p, data.money, p.day, user, station)
    p.return_string, p.register_line, repair = standard_strings(p, data.items, money, results,
                                                                shop, outcomes)  # fmt: skip
    resolved = p.status == ParcelStatus.NO_INFO
    p.status = ParcelStatus.REGISTERED
    p.clerk = user  # the person who registered it: the day sheet's and the label's 登记员
    p.registered_at = dt.datetime.now()
    if resolved:
        p.resolved_at = p.registered_at
    session.flush()
    slips = reship.queue_from_parcel(session, p, shop, user, station)
    audit.record(
        session, user, station, AuditAction.REGISTER, AuditEntity.PARCEL, p.id, p.register_line
    )
    return RegisterResult(
        p.id,
        p.slip_no,
        p.status,
        results,
        p.return_string,
        p.register_line,
        repair,
        tuple(s.id for s in slips),
    )


def mark_no_info(
    sessions: SessionFactory,
    parcel_id: int,
    data: NoInfoInput,
    user: str,
    station: str,
    shop: ShopConfig,
    labels: bool = False,
) -> RegisterResult:
    """A parcel nobody could be found for (无信息件): what is on and in it, to the follow-up
    queue; its items wait in the pending bin. ``labels`` as in ``register_parcel``."""

    def work(session: Session) -> RegisterResult:
        users.require(session, user, Act.BENCH)
        p = _load_for_registration(session, parcel_id)
        days.ensure_open(session, p.day)
        if not (data.contents.strip() or data.items):
            raise InvalidInput("请录入包裹里收到了什么", field="contents")
        if p.slip_no is None:
            p.slip_no = next_slip_no(session, p.day)
        p.has_slip = False
        p.sender_name = data.sender_name.strip()
        p.sender_phone = data.sender_phone.strip()
        p.sender_city = data.sender_city.strip().removesuffix("市")
        p.contents = data.contents.strip()
        p.packaging_damaged = p.packaging_damaged or data.packaging_damaged
        results: tuple[ItemResult, ...] = ()
        if data.items:
            _validate(session, data.items, shop, need_reason=False)
            results = _put_items(session, p, data.items, routing.OrderFacts(known=False), shop)
        money = _put_money(session, p, data.money, p.day, user, station)
        specs = [it.spec for it in data.items] or [strings.ItemSpec(p.contents)]
        p.register_line = strings.register_line_no_slip(
            p.day, p.courier, p.tracking_no, p.sender_city, specs, shop
        )
        if money:
            p.register_line += " " + strings.money_text(money)
        p.return_string = ""
        p.status = ParcelStatus.NO_INFO
        p.clerk = user
        audit.record(
            session, user, station, AuditAction.NO_INFO, AuditEntity.PARCEL, p.id, p.register_line
        )
        if labels:
            _queue_labels(session, p.id, user, station, [r.bin for r in results])
        return RegisterResult(p.id, p.slip_no, p.status, results, "", p.register_line)

    return tx.run(sessions, work)
