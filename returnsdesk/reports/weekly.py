"""The lead's weekly return summary: counts and shares per breakdown, against the week before.

Counts are pieces (sum of item quantities) of parcels *registered* in the week (``Parcel.day``
in Monday..Sunday). Every breakdown is one GROUP BY in the database, so a week is summarised
without loading its items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order, Parcel, ParcelItem, Reason
from returnsdesk.reports.weeks import IsoWeek

EMPTY = "(无)"

RESPONSIBILITY_NAMES = {
    "buyer": "买家",
    "cs_agent": "客服",
    "warehouse": "仓库错发",
    "courier": "快递",
    "factory": "厂家质量",
}


@dataclass(frozen=True)
class BreakdownDef:
    key: str
    title: str
    columns: tuple[str, ...]
    exprs: tuple[Any, ...]
    joins: tuple[str, ...] = ()


BREAKDOWNS: tuple[BreakdownDef, ...] = (
    BreakdownDef("reason", "按退回原因", ("退回原因",), (ParcelItem.reason,)),
    BreakdownDef("model", "按款号", ("款号",), (ParcelItem.model,)),
    BreakdownDef(
        "model_size", "按款号+尺码", ("款号", "尺码"), (ParcelItem.model, ParcelItem.size)
    ),
    BreakdownDef("condition", "按产品状况", ("产品状况",), (ParcelItem.condition,)),
    BreakdownDef("bin", "按去向", ("去向",), (ParcelItem.bin,)),
    BreakdownDef(
        "responsibility",
        "按责任方",
        ("责任方",),
        (func.coalesce(Reason.responsibility, ""),),
        ("reason",),
    ),
    BreakdownDef("agent", "按客服", ("客服",), (func.coalesce(Order.agent, ""),), ("order",)),
    BreakdownDef("courier", "按快递", ("快递",), (Parcel.courier,)),
)


@dataclass(frozen=True)
class BreakdownRow:
    key: tuple[str, ...]
    count: int
    share: float
    prev_count: int
    prev_share: float

    @property
    def delta_count(self) -> int:
        return self.count - self.prev_count

    @property
    def delta_share(self) -> float:
        return self.share - self.prev_share


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    columns: tuple[str, ...]
    rows: list[BreakdownRow]


@dataclass(frozen=True)
class WeeklySummary:
    week: IsoWeek
    total: int
    prev_total: int
    parcels: int
    prev_parcels: int
    breakdowns: list[Breakdown] = field(default_factory=list)

    @property
    def prev_week(self) -> IsoWeek:
        return self.week.previous()

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)


def _registered(q: Any, week: IsoWeek) -> Any:
    return q.where(
        Parcel.status == "registered",
        Parcel.day >= week.monday,
        Parcel.day <= week.sunday,
    )


def _counts(s: Session, bd: BreakdownDef, week: IsoWeek) -> dict[tuple[Any, ...], int]:
    q = select(*bd.exprs, func.sum(ParcelItem.qty)).select_from(ParcelItem)
    q = q.join(Parcel, Parcel.id == ParcelItem.parcel_id)
    if "reason" in bd.joins:
        q = q.outerjoin(Reason, Reason.code == ParcelItem.reason)
    if "order" in bd.joins:
        q = q.outerjoin(Order, Order.id == Parcel.order_id)
    q = _registered(q, week).group_by(*bd.exprs)
    return {tuple(r[:-1]): int(r[-1] or 0) for r in s.execute(q)}


def _totals(s: Session, week: IsoWeek) -> tuple[int, int]:
    pieces = s.scalar(
        _registered(
            select(func.coalesce(func.sum(ParcelItem.qty), 0))
            .select_from(ParcelItem)
            .join(Parcel, Parcel.id == ParcelItem.parcel_id),
            week,
        )
    )
    parcels = s.scalar(_registered(select(func.count(Parcel.id)), week))
    return int(pieces or 0), int(parcels or 0)


def _courier_name(raw: str) -> str:
    try:
        from returnsdesk.domain.couriers import courier_name_of
    except ImportError:  # pragma: no cover - the courier table ships with the bench
        return raw
    return courier_name_of(raw) or raw


def _labeller(
    key: str, bin_names: Mapping[str, str]
) -> Callable[[tuple[Any, ...]], tuple[str, ...]]:
    """How a raw group key is shown: bin and responsibility codes become names."""

    def label(raw: tuple[Any, ...]) -> tuple[str, ...]:
        values = [str(v) if v is not None else "" for v in raw]
        if key == "bin":
            values = [bin_names.get(v, v) for v in values]
        elif key == "responsibility":
            values = [RESPONSIBILITY_NAMES.get(v, v) for v in values]
        elif key == "courier":
            values = [_courier_name(v) for v in values]
        return tuple(v if v else EMPTY for v in values)

    return label


def _merge(
    counts: dict[tuple[Any, ...], int], label: Callable[[tuple[Any, ...]], tuple[str, ...]]
) -> dict[tuple[str, ...], int]:
    out: dict[tuple[str, ...], int] = {}
    for raw, n in counts.items():
        k = label(raw)
        out[k] = out.get(k, 0) + n
    return out


def _rows(
    cur: dict[tuple[str, ...], int], prev: dict[tuple[str, ...], int], total: int, prev_total: int
) -> list[BreakdownRow]:
    rows = [
        BreakdownRow(
            key=k,
            count=cur.get(k, 0),
            share=cur.get(k, 0) / total if total else 0.0,
            prev_count=prev.get(k, 0),
            prev_share=prev.get(k, 0) / prev_total if prev_total else 0.0,
        )
        for k in set(cur) | set(prev)
    ]
    rows.sort(key=lambda r: (-r.count, -r.prev_count, r.key))
    return rows


def weekly_summary(
    sessions: SessionFactory,
    week: IsoWeek,
    bin_names: Mapping[str, str] | None = None,
    only: Sequence[str] | None = None,
) -> WeeklySummary:
    """Every breakdown of ``week`` with the week before; ``only`` limits it to some keys."""
    names = dict(bin_names or {})
    prev_week = week.previous()
    with sessions() as s:
        total, parcels = _totals(s, week)
        prev_total, prev_parcels = _totals(s, prev_week)
        result = WeeklySummary(week, total, prev_total, parcels, prev_parcels)
        for bd in BREAKDOWNS:
            if only is not None and bd.key not in only:
                continue
            label = _labeller(bd.key, names)
            cur = _merge(_counts(s, bd, week), label)
            prev = _merge(_counts(s, bd, prev_week), label)
            result.breakdowns.append(
                Breakdown(bd.key, bd.title, bd.columns, _rows(cur, prev, total, prev_total))
            )
    return result


def bin_names_of(shop: Any) -> dict[str, str]:
    """Bin code → Chinese name from a ShopConfig (``bins = {code: (name, colour)}``)."""
    return {code: v[0] for code, v in shop.bins.items()}


def week_days(week: IsoWeek) -> list[dt.date]:
    return [week.monday + dt.timedelta(days=i) for i in range(7)]
