"""The lead's weekly return summary: counts and shares per breakdown, against the week before.

Counts are pieces (sum of item quantities) of parcels *registered* in the week (``Parcel.day``
in Monday..Sunday); the parcel outcomes (空包, 调包 …) count parcels, as shares of the week's
registered parcels. A week is read in one indexed pass (parcels by ``(day, status)``, their
items by ``parcel_id``, the order's agent by key) and every breakdown is counted from it; one
GROUP BY per breakdown would walk the week's items eight times over (measured: slower).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order, Parcel, ParcelItem, Reason
from returnsdesk.domain.couriers import courier_name_of
from returnsdesk.domain.kinds import outcomes_of, parcel_outcome_name, responsibility_name
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.domain.summary import Breakdown, BreakdownRow, WeeklySummary
from returnsdesk.domain.weeks import IsoWeek

EMPTY = "(无)"


# What one pass over a week reads per item; each breakdown counts a subset of it.
DIMENSIONS: tuple[tuple[str, Any], ...] = (
    ("reason", ParcelItem.reason),
    ("model", ParcelItem.model),
    ("size", ParcelItem.size),
    ("condition", ParcelItem.condition),
    ("bin", ParcelItem.bin),
    ("agent", func.coalesce(Order.agent, "")),
    ("courier", Parcel.courier),
)
_DIM_INDEX = {name: i for i, (name, _) in enumerate(DIMENSIONS)}
_RESPONSIBILITY = len(DIMENSIONS)  # added in Python from the (small) reasons table


@dataclass(frozen=True)
class BreakdownDef:
    key: str
    title: str
    columns: tuple[str, ...]
    dims: tuple[str, ...]


BREAKDOWNS: tuple[BreakdownDef, ...] = (
    BreakdownDef("reason", "按退回原因", ("退回原因",), ("reason",)),
    BreakdownDef("model", "按款号", ("款号",), ("model",)),
    BreakdownDef("model_size", "按款号+尺码", ("款号", "尺码"), ("model", "size")),
    BreakdownDef("condition", "按产品状况", ("产品状况",), ("condition",)),
    BreakdownDef("bin", "按去向", ("去向",), ("bin",)),
    BreakdownDef("responsibility", "按责任方", ("责任方",), ("responsibility",)),
    BreakdownDef("agent", "按客服", ("客服",), ("agent",)),
    BreakdownDef("courier", "按快递", ("快递",), ("courier",)),
)

#: the parcel outcomes' breakdown: parcels, not pieces (key, title, columns)
OUTCOMES = ("outcome", "按包裹结果", ("包裹结果",))


def _registered(q: Any, week: IsoWeek) -> Any:
    return q.where(
        Parcel.status == ParcelStatus.REGISTERED,
        Parcel.day >= week.monday,
        Parcel.day <= week.sunday,
    )


@dataclass
class _WeekData:
    pieces: int = 0
    parcels: int = 0
    counts: dict[str, dict[Any, int]] = field(default_factory=dict)


def _read_week(s: Session, week: IsoWeek, responsibility: Mapping[str, str]) -> _WeekData:
    """Every breakdown's counts of ``week`` from one pass over its registered items."""
    q = _registered(
        select(*(e for _, e in DIMENSIONS), ParcelItem.qty)
        .select_from(ParcelItem)
        .join(Parcel, Parcel.id == ParcelItem.parcel_id)
        .outerjoin(Order, Order.id == Parcel.order_id),
        week,
    )
    index = {**_DIM_INDEX, "responsibility": _RESPONSIBILITY}
    data = _WeekData()
    # itemgetter of one index gives the value, of several a tuple: _merge makes both tuples
    getters = [
        (data.counts.setdefault(bd.key, {}), itemgetter(*(index[d] for d in bd.dims)))
        for bd in BREAKDOWNS
    ]
    n_dims = len(DIMENSIONS)
    pieces = 0
    for row in s.execute(q):
        values = (*row[:n_dims], responsibility.get(row[0], ""))
        qty = row[n_dims] or 0
        pieces += qty
        for counts, get in getters:
            k = get(values)
            counts[k] = counts.get(k, 0) + qty
    data.pieces = int(pieces)
    # parcels registered without items still count as parcels
    data.parcels = int(s.scalar(_registered(select(func.count(Parcel.id)), week)) or 0)
    return data


def _outcomes(s: Session, week: IsoWeek) -> dict[tuple[str, ...], int]:
    """Registered parcels per outcome (a parcel with two outcomes counts in both)."""
    out: dict[tuple[str, ...], int] = {}
    q = _registered(select(Parcel.outcomes).where(Parcel.outcomes != ""), week)
    for stored in s.scalars(q):
        for code in outcomes_of(stored or ""):
            key = (parcel_outcome_name(code),)
            out[key] = out.get(key, 0) + 1
    return out


def _courier_name(raw: str) -> str:
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
            values = [responsibility_name(v) for v in values]
        elif key == "courier":
            values = [_courier_name(v) for v in values]
        return tuple(v if v else EMPTY for v in values)

    return label


def _merge(
    counts: dict[Any, int], label: Callable[[tuple[Any, ...]], tuple[str, ...]]
) -> dict[tuple[str, ...], int]:
    out: dict[tuple[str, ...], int] = {}
    for raw, n in counts.items():
        k = label(raw if isinstance(raw, tuple) else (raw,))
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
) -> WeeklySummary:
    """Every breakdown of ``week`` with the week before."""
    names = dict(bin_names or {})
    with sessions() as s:
        responsibility = dict(s.execute(select(Reason.code, Reason.responsibility)).all())
        cur = _read_week(s, week, responsibility)
        prev = _read_week(s, week.previous(), responsibility)
        outcomes = _outcomes(s, week), _outcomes(s, week.previous())
    result = WeeklySummary(week, cur.pieces, prev.pieces, cur.parcels, prev.parcels)
    for bd in BREAKDOWNS:
        label = _labeller(bd.key, names)
        rows = _rows(
            _merge(cur.counts[bd.key], label),
            _merge(prev.counts[bd.key], label),
            cur.pieces,
            prev.pieces,
        )
        result.breakdowns.append(Breakdown(bd.key, bd.title, bd.columns, rows))
    rows = _rows(*outcomes, cur.parcels, prev.parcels)
    result.breakdowns.append(Breakdown(*OUTCOMES, rows, unit="parcels"))
    return result


def bin_names_of(shop: Any, lang: str = "zh_CN") -> dict[str, str]:
    """Bin code → its name from a ShopConfig (Chinese by default: the exported report)."""
    return {code: shop.bin_name(code, lang) for code in shop.bins}
