"""Queueing reshipment slips: from a bench parcel, and typed in by CS staff."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import AuditEntry, Order, Parcel, ParcelItem, ReshipSlip
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.errors import InvalidInput, NotFound
from returnsdesk.services.reship import rows as reship_rows
from returnsdesk.services.reship import slips as reship
from returnsdesk.services.reship.slips import SlipDraft

from helpers.factories import shoe_item
from helpers.reship_data import ADDRESS, draft, seed_shop


def make_parcel(s, items: list[ParcelItem], with_order: bool = True) -> Parcel:  # type: ignore[no-untyped-def]
    order = s.scalar(select(Order)) if with_order else None
    parcel = Parcel(
        tracking_no="YT1234567890123",
        courier="圆通",
        day=dt.date(2026, 11, 22),
        buyer_id="tb_xiaomei",
        order=order,
        items=items,
    )
    s.add(parcel)
    s.flush()
    return parcel


def exchange_item(**kw: object) -> ParcelItem:
    target = dict(action="换", target_model="5815", target_color="灰色", target_size="W6",
                  target_qty=1)  # fmt: skip
    return shoe_item(**{**target, **kw})


def test_exchange_parcel_queues_one_valid_slip(any_sessions: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    seed_shop(any_sessions)
    with any_sessions.begin() as s:
        parcel = make_parcel(s, [exchange_item()])
        slips = reship.queue_from_parcel(s, parcel, shop, "clerk1", "bench-1")
        assert len(slips) == 1
        slip_id, parcel_id = slips[0].id, parcel.id
    row = reship_rows.get_slip(any_sessions, slip_id)
    assert row.kind == "换"
    assert row.state == "pending"
    assert row.problems == ()
    assert row.note == "换5815灰色W6*1"
    assert row.parcel_id == parcel_id
    assert (row.receiver, row.phone, row.address) == ("肖磊", "13166131860", ADDRESS)
    assert row.order_no == "3156900062392749367"
    assert row.warehouse == "503号仓库"
    assert row.courier == "中通"
    assert row.submitter == "clerk1"
    assert row.items[0].sku_code == "5815-灰色-W6"
    assert row.code == f"RS{slip_id:08d}"


def test_one_slip_per_kind_with_all_its_items(any_sessions: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    seed_shop(any_sessions)
    with any_sessions.begin() as s:
        parcel = make_parcel(
            s,
            [
                exchange_item(),
                exchange_item(color="灰色", target_color="深紫", target_size="W5"),
                exchange_item(action="补", target_color="栗色", target_size="W5"),
                exchange_item(action="退", target_model=""),
            ],
        )
        slips = reship.queue_from_parcel(s, parcel, shop, "clerk1", "bench-1")
        notes = sorted((x.kind, x.note, len(x.items)) for x in slips)
    assert notes == [("换", "换5815灰色W6*1 5815深紫W5*1", 2), ("补", "补5815栗色W5*1", 1)]


def test_registering_again_updates_instead_of_duplicating(
    any_sessions: SessionFactory, shop
) -> None:  # type: ignore[no-untyped-def]
    seed_shop(any_sessions)
    with any_sessions.begin() as s:
        parcel = make_parcel(s, [exchange_item()])
        reship.queue_from_parcel(s, parcel, shop, "clerk1", "bench-1")
        parcel.items[0].target_size = "W5"
        reship.queue_from_parcel(s, parcel, shop, "clerk1", "bench-1")
    with any_sessions() as s:
        slips = s.scalars(select(ReshipSlip)).all()
        assert [x.note for x in slips] == ["换5815灰色W5*1"]


def test_registering_again_keeps_a_receiver_fixed_at_the_desk(
    any_sessions: SessionFactory, shop
) -> None:  # type: ignore[no-untyped-def]
    seed_shop(any_sessions)
    with any_sessions.begin() as s:
        parcel = make_parcel(s, [exchange_item()])
        (slip,) = reship.queue_from_parcel(s, parcel, shop, "clerk1", "bench-1")
        slip_id, parcel_id = slip.id, parcel.id
    row = reship_rows.get_slip(any_sessions, slip_id)
    fixed = SlipDraft(
        kind="换", items=list(row.items), buyer_id=row.buyer_id, order_no=row.order_no,
        receiver="肖磊", phone="13900000000", address="浙江省 杭州市 滨江区 江南大道1号",
        courier="中通",
    )  # fmt: skip
    reship.update_slip(any_sessions, slip_id, fixed, shop, "cs", "desk")
    with any_sessions.begin() as s:
        parcel = s.get(Parcel, parcel_id)
        reship.queue_from_parcel(s, parcel, shop, "clerk1", "bench-1")
    row = reship_rows.get_slip(any_sessions, slip_id)
    assert (row.phone, row.address) == ("13900000000", "浙江省 杭州市 滨江区 江南大道1号")


def test_taking_the_target_out_withdraws_the_unprinted_slip(
    any_sessions: SessionFactory, shop
) -> None:  # type: ignore[no-untyped-def]
    seed_shop(any_sessions)
    with any_sessions.begin() as s:
        parcel = make_parcel(s, [exchange_item()])
        reship.queue_from_parcel(s, parcel, shop, "clerk1", "bench-1")
        parcel.items[0].action = "退"
        assert reship.queue_from_parcel(s, parcel, shop, "clerk1", "bench-1") == []
    with any_sessions() as s:
        assert s.scalars(select(ReshipSlip)).all() == []
        cancelled = s.scalars(select(AuditEntry).where(AuditEntry.action == "reship_cancel"))
        assert [a.detail for a in cancelled] == ["换5815灰色W6*1"]


def test_cancel_slip_only_before_printing(any_sessions: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    from returnsdesk.services.reship import flow as reship_flow

    seed_shop(any_sessions)
    a = reship.create_slip(any_sessions, draft(), shop, "cs", "desk")
    b = reship.create_slip(any_sessions, draft(), shop, "cs", "desk")
    assert reship.cancel_slip(any_sessions, a.id, "cs", "desk") == a.code
    with pytest.raises(NotFound):
        reship_rows.get_slip(any_sessions, a.id)
    reship_flow.print_slips(any_sessions, [b.id], shop, "op", "desk", enqueue=lambda *a: None)
    with pytest.raises(InvalidInput):
        reship.cancel_slip(any_sessions, b.id, "cs", "desk")


def test_parcel_without_order_queues_a_problem_slip(any_sessions: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    seed_shop(any_sessions)
    with any_sessions.begin() as s:
        parcel = make_parcel(s, [exchange_item(target_color="蓝色")], with_order=False)
        (slip,) = reship.queue_from_parcel(s, parcel, shop, "clerk1", "bench-1")
        slip_id = slip.id
    row = reship_rows.get_slip(any_sessions, slip_id)
    assert row.state == "problem"
    assert row.problems == (
        "缺少收货人",
        "缺少电话",
        "缺少地址",
        "商品编码不存在: 5815蓝色W6",
    )
    with any_sessions() as s:
        logged = s.scalars(select(AuditEntry).where(AuditEntry.action == "reship_problem")).all()
        assert [a.entity_id for a in logged] == [str(slip_id)]


def test_find_receiver_by_buyer_or_order(any_sessions: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    seed_shop(any_sessions)
    by_buyer = reship.find_receiver(any_sessions, " TB_XiaoMei ")
    by_order = reship.find_receiver(any_sessions, "3156900062392749367")
    assert by_buyer == by_order
    assert (by_buyer.receiver, by_buyer.phone, by_buyer.address) == ("肖磊", "13166131860", ADDRESS)
    with pytest.raises(NotFound):
        reship.find_receiver(any_sessions, "nobody")


def test_typed_slip_and_its_fix(any_sessions: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    seed_shop(any_sessions)
    bad = reship.create_slip(
        any_sessions,
        draft(address="新疆维吾尔自治区 乌鲁木齐市 天山区 文三路274号", courier=""),
        shop,
        "cs_lt",
        "desk",
    )
    assert bad.state == "problem"
    assert bad.problems == ("未选快递", "超区(新疆): 需先补邮费差价")
    assert bad.note == "补5815栗色W5*1"
    assert bad.submitter == "cs_lt"
    fixed = reship.update_slip(
        any_sessions,
        bad.id,
        draft(
            address="新疆维吾尔自治区 乌鲁木齐市 天山区 文三路274号",
            courier="EMS",
            postage_diff=Decimal("12.00"),
        ),
        shop,
        "printer1",
        "desk",
    )
    assert fixed.state == "pending"
    assert fixed.problems == ()
    assert fixed.postage_diff == Decimal("12.00")


def test_typed_slip_without_items_or_with_zero_qty(any_sessions: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    seed_shop(any_sessions)
    empty = reship.create_slip(any_sessions, draft(items=[]), shop, "cs", "desk")
    assert empty.problems == ("没有商品",)
    zero = reship.create_slip(
        any_sessions,
        draft(items=[ItemSpec("5815", color="栗色", size="W5", qty=0)]),
        shop,
        "cs",
        "desk",
    )
    assert zero.problems == ("数量不对: 5815栗色W5",)
    by_code = reship.create_slip(
        any_sessions, draft(items=[ItemSpec("", sku_code="5815-灰色-W7")]), shop, "cs", "desk"
    )
    assert by_code.problems == ()
    assert by_code.note == "补5815灰色W7*1"
    unknown = reship.create_slip(
        any_sessions, draft(items=[ItemSpec("", sku_code="9999-X")]), shop, "cs", "desk"
    )
    assert unknown.problems == ("商品编码不存在: 9999-X",)
    with pytest.raises(InvalidInput):
        reship.create_slip(any_sessions, draft(kind="退"), shop, "cs", "desk")


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("5815 灰色 W6 *1", [ItemSpec("5815", color="灰色", size="W6", qty=1)]),
        ("5815 灰色 W6", [ItemSpec("5815", color="灰色", size="W6", qty=1)]),
        ("5815 灰色 W6*2", [ItemSpec("5815", color="灰色", size="W6", qty=2)]),
        ("6021，深紫，M7 x3", [ItemSpec("6021", color="深紫", size="M7", qty=3)]),
        ("5815-灰色-W6 2\n\n5815 栗色 W5",
         [ItemSpec("", qty=2, sku_code="5815-灰色-W6"), ItemSpec("5815", color="栗色", size="W5")]),
    ],
)  # fmt: skip
def test_parse_item_lines(text: str, items: list[ItemSpec]) -> None:
    assert reship.parse_item_lines(text) == items
    assert reship.parse_item_lines(reship.item_lines(items)) == items
