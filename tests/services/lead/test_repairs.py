"""Repairs outstanding: deadline per category, overdue first, closed items leave the list."""

from __future__ import annotations

import datetime as dt

import pytest

from returnsdesk.errors import InvalidInput
from returnsdesk.services.lead import repairs

from helpers.factories import ItemSpec, parcel

TODAY = dt.date(2026, 11, 22)
DAYS = {"default": 30, "鞋": 30, "遮阳挡": 15}


def test_outstanding_with_deadline_overdue_first(any_sessions, shop) -> None:  # type: ignore[no-untyped-def]
    with any_sessions.begin() as s:
        shoe = parcel(s, TODAY - dt.timedelta(days=10), [ItemSpec(bin="repair", reason="后跟开裂")])
        shade = parcel(
            s,
            TODAY - dt.timedelta(days=20),
            [ItemSpec(model="遮阳挡", category="遮阳挡", bin="repair", reason="质量问题")],
        )
        other = parcel(s, TODAY - dt.timedelta(days=3), [ItemSpec(category="车衣", bin="repair")])
        parcel(s, TODAY, [ItemSpec(bin="restock")])
        parcel(s, TODAY, [ItemSpec(bin="repair")], status="no_info")  # not registered yet
        ids = {p.id: p.items[0].id for p in (shoe, shade, other)}
    rows = repairs.outstanding(any_sessions, TODAY, DAYS)
    assert [r.item_id for r in rows] == [ids[shade.id], ids[shoe.id], ids[other.id]]
    first = rows[0]
    assert first.overdue
    assert first.days_since == 20
    assert first.days_left == -5
    assert first.deadline == TODAY - dt.timedelta(days=5)
    assert rows[1].days_left == 20
    assert not rows[1].overdue
    assert rows[2].deadline == TODAY + dt.timedelta(days=27)  # 车衣: default 30 days
    assert repairs.close_repairs(any_sessions, [ids[shade.id]], "lead", "office") == 1
    left = repairs.outstanding(any_sessions, TODAY, DAYS)
    assert [r.item_id for r in left] == [ids[shoe.id], ids[other.id]]


def test_only_repair_items_can_be_closed(any_sessions) -> None:  # type: ignore[no-untyped-def]
    with any_sessions.begin() as s:
        item = parcel(s, TODAY, [ItemSpec(bin="restock")]).items[0].id
    with pytest.raises(InvalidInput):
        repairs.close_repairs(any_sessions, [item], "lead", "office")
    with pytest.raises(InvalidInput):
        repairs.close_repairs(any_sessions, [], "lead", "office")


def test_configured_days_come_from_shop_toml(shop) -> None:  # type: ignore[no-untyped-def]
    assert repairs.deadline_days("鞋", shop.repair_days) == 30
    assert repairs.deadline_days("遮阳挡", shop.repair_days) == 15
    assert repairs.deadline_days("未知", shop.repair_days) == shop.repair_days["default"]
