"""The bench's use cases on SQLite and PostgreSQL: scan, match, register, no-info, refuse."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from returnsdesk.db.models import (
    AuditEntry,
    MoneyEntry,
    Order,
    OrderLine,
    Parcel,
    Refund,
    ReshipSlip,
    Shipment,
)
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.errors import (
    DecisionRequired,
    DuplicateParcel,
    InvalidInput,
    ParcelTaken,
    UnknownTrackingNumber,
)
from returnsdesk.services.bench import match, receive, register
from returnsdesk.services.bench.register import ItemInput, MoneyInput, NoInfoInput, RegisterInput
from returnsdesk.services.lead import followup

NOW = dt.datetime(2026, 11, 22, 16, 30)
SHOE = dict(model="5815", category="鞋", color="深紫", size="W7")


@pytest.fixture
def shop_data(any_sessions):
    """One order with a return request on YT…001, one shipped (refused delivery) on 75…."""
    with any_sessions.begin() as s:
        o = Order(
            order_no="3156900062392749367",
            buyer_id="tb_xiaomei",
            buyer_id_lower="tb_xiaomei",
            receiver_name="肖梅",
            receiver_phone="13812345678",
            phone_last4="5678",
            address="浙江省 杭州市 西湖区 文三路1号",
            city="杭州",
            agent="红旗-小张",
            warehouse="杭州",
            paid_at=dt.datetime(2026, 11, 1, 10, 0),
        )
        o.lines.append(
            OrderLine(line_no=1, model="5815", category="鞋", color="深紫", size="W7", qty=1)
        )
        o.shipments.append(Shipment(tracking_no="YT9000000000001", courier="圆通"))
        s.add(o)
        s.add(
            Refund(
                refund_no="R1",
                order_no=o.order_no,
                buyer_id="tb_xiaomei",
                reason="尺码偏小",
                return_courier="圆通",
                return_tracking="YT1234567890123",
                requested_at=dt.datetime(2026, 11, 20),
            )
        )
        other = Order(
            order_no="3100000000000000002",
            buyer_id="Wuhan_Buyer",
            buyer_id_lower="wuhan_buyer",
            warehouse="武汉",
            city="武汉",
            receiver_phone="13900001111",
            phone_last4="1111",
        )
        other.shipments.append(Shipment(tracking_no="75123456789012", courier="中通"))
        s.add(other)
    return any_sessions


def item(**kw) -> ItemInput:
    spec = {k: kw.pop(k) for k in ("model", "category", "color", "size", "spec", "qty") if k in kw}
    base = dict(reason="尺码偏小", condition="完好")
    base.update(kw)
    return ItemInput(ItemSpec(**{**SHOE, **spec}), **base)


def test_scan_matches_return_request_and_registers(shop_data, shop):
    got = receive.receive_scan(shop_data, " yt1234567890123\r", "clerk1", "bench-1", now=NOW)
    assert got.created
    assert got.parcel.courier == "圆通"
    assert got.match.buyer_id == "tb_xiaomei"
    assert got.match.stated_reason == "尺码偏小"
    assert got.match.agent == "红旗-小张"
    assert got.match.phone_masked == "138****5678"
    assert [(ln.model, ln.color, ln.size) for ln in got.match.lines] == [("5815", "深紫", "W7")]

    res = register.register_parcel(
        shop_data, got.parcel.id, RegisterInput((item(),)), "clerk1", "bench-1", shop
    )
    assert res.slip_no == 1
    assert res.bins == ["restock"]
    assert res.return_string == "tb_xiaomei 5815深紫W7*1 尺码偏小 完好"
    assert res.register_line == "11-22 ID:tb_xiaomei 收到5815深紫W7*1 尺码偏小 完好 退"
    with shop_data() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "register", AuditEntry.user == "clerk1")
            )
            == 1
        )


def test_refused_delivery_matches_outbound_tracking_and_routes_to_other_warehouse(shop_data, shop):
    got = receive.receive_scan(shop_data, "75123456789012", "c", "b", now=NOW)
    assert got.match.source == "outbound"
    assert got.match.buyer_id == "Wuhan_Buyer"
    res = register.register_parcel(
        shop_data, got.parcel.id, RegisterInput((item(),)), "c", "b", shop
    )
    assert res.bins == ["transfer"]


def test_double_scan_shows_existing_and_creates_nothing(shop_data, shop):
    first = receive.receive_scan(shop_data, "YT1234567890123", "c", "b", now=NOW)
    register.register_parcel(shop_data, first.parcel.id, RegisterInput((item(),)), "c", "b", shop)
    again = receive.receive_scan(shop_data, "YT1234567890123", "c", "b2", now=NOW)
    assert not again.created
    assert again.parcel.id == first.parcel.id
    assert again.parcel.status == "registered"
    assert again.parcel.slip_no == 1
    with shop_data() as s:
        assert s.scalar(select(func.count()).select_from(Parcel)) == 1
    with pytest.raises(DuplicateParcel) as err:
        register.register_parcel(
            shop_data, first.parcel.id, RegisterInput((item(),)), "c", "b", shop
        )
    assert "纸条编号 1" in err.value.text()


@pytest.mark.parametrize("raw", ["", "hello", "6900000000003", "RD+COMMIT", "!!"])
def test_non_tracking_scans_are_refused_with_a_message(shop_data, raw):
    with pytest.raises(UnknownTrackingNumber) as err:
        receive.receive_scan(shop_data, raw, "c", "b", now=NOW)
    assert "不是快递单号" in err.value.text()
    with shop_data() as s:
        assert s.scalar(select(func.count()).select_from(Parcel)) == 0


def test_sf_parcel_needs_a_decision(shop_data, shop):
    got = receive.receive_scan(shop_data, "SF1234567890123", "c", "b", now=NOW)
    assert got.parcel.needs_decision
    receive.attach_buyer(shop_data, got.parcel.id, "tb_xiaomei", "c", "b")
    with pytest.raises(DecisionRequired):
        register.register_parcel(shop_data, got.parcel.id, RegisterInput((item(),)), "c", "b", shop)
    with pytest.raises(InvalidInput):  # accepting needs a reason
        receive.set_freight(shop_data, got.parcel.id, "c", "b", decision="ours")
    receive.set_freight(
        shop_data, got.parcel.id, "c", "b", decision="ours", payer="店铺", note="发错货"
    )
    res = register.register_parcel(
        shop_data, got.parcel.id, RegisterInput((item(),)), "c", "b", shop
    )
    assert res.status == "registered"


def test_freight_collect_refusal_goes_no_further(shop_data, shop):
    got = receive.receive_scan(shop_data, "4312345678901", "c", "b", now=NOW)
    receive.set_freight(shop_data, got.parcel.id, "c", "b", freight_collect=True)
    view = receive.set_freight(
        shop_data, got.parcel.id, "c", "b", decision="refused", note="到付拒收"
    )
    assert view.status == "refused"
    assert view.slip_no is None
    with pytest.raises(DuplicateParcel):
        register.register_parcel(shop_data, got.parcel.id, RegisterInput((item(),)), "c", "b", shop)


def test_no_match_then_slip_id_then_exchange_with_postage(shop_data, shop):
    got = receive.receive_scan(shop_data, "JT1234567890123", "c", "b", now=NOW)
    assert got.match is None
    assert got.parcel.status == "received"
    m = receive.attach_buyer(shop_data, got.parcel.id, "TB_XIAOMEI", "c", "b")
    assert m.buyer_id == "tb_xiaomei"
    assert m.order_no == "3156900062392749367"
    data = RegisterInput(
        (item(accessories="鞋垫", action="换", target=ItemSpec("5815", "鞋", "灰色", "W6")),),
        money=(MoneyInput("邮费", "10.00"),),
    )
    res = register.register_parcel(shop_data, got.parcel.id, data, "c", "b", shop)
    assert (
        res.register_line
        == "11-22 ID:tb_xiaomei 收到5815深紫W7*1 邮费10元 配件:鞋垫 换5815灰色W6*1"
    )
    assert len(res.reship_slip_ids) == 1
    with shop_data() as s:
        slip = s.get(ReshipSlip, res.reship_slip_ids[0])
        assert slip.note == "换5815灰色W6*1"
        assert slip.receiver == "肖梅"
        money = s.scalars(select(MoneyEntry)).all()
        assert [(e.kind, e.amount, e.clerk) for e in money] == [("换货邮费", Decimal("10.00"), "c")]


def test_no_info_parcel_waits_in_pending_and_keeps_its_slip_number(shop_data, shop):
    first = receive.receive_scan(shop_data, "YT1234567890123", "c", "b", now=NOW)
    register.register_parcel(shop_data, first.parcel.id, RegisterInput((item(),)), "c", "b", shop)
    got = receive.receive_scan(shop_data, "YT0000000000099", "c", "b", now=NOW)
    res = register.mark_no_info(
        shop_data,
        got.parcel.id,
        NoInfoInput(
            sender_name="王先生",
            sender_phone="13700000000",
            sender_city="北京市",
            contents="女鞋一双",
            items=(item(),),
        ),
        "c",
        "b",
        shop,
    )
    assert res.slip_no == 2
    assert res.status == "no_info"
    assert res.bins == ["pending"]
    assert res.register_line == "11-22 无纸条 圆通 YT0000000000099 北京寄出 收到5815深紫W7*1"
    # another station can no longer attach a buyer to it: it is closed to the bench
    with pytest.raises(ParcelTaken, match="b 的 c"):
        receive.attach_buyer(shop_data, got.parcel.id, "tb_xiaomei", "c2", "bench-2")
    # the follow-up finds the buyer: the parcel registers normally, keeping slip number 2
    done = followup.resolve(
        shop_data, got.parcel.id, "tb_xiaomei", "", RegisterInput((item(),)), "lead", "office",
        shop,
    )  # fmt: skip
    assert done.slip_no == 2
    assert done.bins == ["restock"]
    with shop_data() as s:
        assert s.get(Parcel, got.parcel.id).resolved_at is not None


def test_slip_numbers_run_per_day_and_a_failed_save_gives_its_number_back(shop_data, shop):
    a = receive.receive_scan(shop_data, "YT0000000000001", "c", "b", now=NOW)
    b = receive.receive_scan(shop_data, "YT0000000000002", "c", "b", now=NOW)
    c = receive.receive_scan(shop_data, "YT0000000000003", "c", "b", now=NOW + dt.timedelta(days=1))
    for p in (a, b, c):
        receive.attach_buyer(shop_data, p.parcel.id, "x", "c", "b")
    assert (
        register.register_parcel(
            shop_data, b.parcel.id, RegisterInput((item(),)), "c", "b", shop
        ).slip_no
        == 1
    )
    with pytest.raises(InvalidInput):  # bad money aborts the whole save
        register.register_parcel(
            shop_data,
            a.parcel.id,
            RegisterInput((item(),), money=(MoneyInput("邮费", "abc"),)),
            "c",
            "b",
            shop,
        )
    assert (
        register.register_parcel(
            shop_data, a.parcel.id, RegisterInput((item(),)), "c", "b", shop
        ).slip_no
        == 2
    )
    assert (
        register.register_parcel(
            shop_data, c.parcel.id, RegisterInput((item(),)), "c", "b", shop
        ).slip_no
        == 1
    )


def test_override_is_recorded(shop_data, shop):
    got = receive.receive_scan(shop_data, "YT1234567890123", "c", "b", now=NOW)
    res = register.register_parcel(
        shop_data, got.parcel.id, RegisterInput((item(bin_override="damage"),)), "c", "b", shop
    )
    assert res.items[0].bin == "damage"
    assert res.items[0].suggested_bin == "restock"
    assert res.items[0].overridden


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        (dict(reason=""), "退回原因"),
        (dict(condition="不存在"), "产品好坏"),
        (dict(qty=0), "数量"),
        (dict(model="", spec=""), "款号"),
        (dict(action="换"), "换货"),
    ],
)
def test_bad_item_input_is_named(shop_data, shop, kw, message):
    got = receive.receive_scan(shop_data, "YT1234567890123", "c", "b", now=NOW)
    with pytest.raises(InvalidInput) as err:
        register.register_parcel(
            shop_data, got.parcel.id, RegisterInput((item(**kw),)), "c", "b", shop
        )
    assert message in err.value.text()
    with shop_data() as s:
        assert s.get(Parcel, got.parcel.id).status == "matched"


@pytest.mark.parametrize(
    ("text", "buyer"),
    [
        ("tb_xiao", "tb_xiaomei"),
        ("TB_XIAOMEI", "tb_xiaomei"),
        ("5678", "tb_xiaomei"),
        ("13812345678", "tb_xiaomei"),
        ("肖梅", "tb_xiaomei"),
        ("武汉", "Wuhan_Buyer"),
        ("3156900062392749367", "tb_xiaomei"),
    ],
)
def test_search(shop_data, text, buyer):
    hits = match.search(shop_data, text)
    assert hits
    assert hits[0].buyer_id == buyer


def test_search_finds_nothing_for_unknown(shop_data):
    assert match.search(shop_data, "nobody_here") == []
    assert match.search(shop_data, "   ") == []


def test_discard_a_mistaken_scan(shop_data):
    got = receive.receive_scan(shop_data, "YT0000000000005", "c", "b", now=NOW)
    receive.discard_scan(shop_data, got.parcel.id, "c", "b")
    with shop_data() as s:
        assert s.scalar(select(func.count()).select_from(Parcel)) == 0


def test_a_registration_queues_its_labels_with_it_or_not_at_all(shop_data, shop, monkeypatch):
    """The box labels are queued in the registration's own transaction: a parcel is never
    registered without its labels, nor labels queued for a parcel that is not."""
    from returnsdesk.db.models import PrintJob
    from returnsdesk.services.printing import queue

    def jobs() -> list[str]:
        with shop_data() as s:
            return list(s.scalars(select(PrintJob.ref_id).order_by(PrintJob.id)))

    got = receive.receive_scan(shop_data, "YT1234567890123", "c", "b", now=NOW)

    def broken(*_a, **_k):
        raise RuntimeError("the queue's table is gone")

    monkeypatch.setattr(queue, "enqueue_in", broken)
    with pytest.raises(RuntimeError):
        register.register_parcel(
            shop_data, got.parcel.id, RegisterInput((item(),)), "c", "b", shop, labels=True
        )
    with shop_data() as s:
        assert s.get(Parcel, got.parcel.id).status == "matched"
    assert jobs() == []
    monkeypatch.undo()
    res = register.register_parcel(
        shop_data, got.parcel.id, RegisterInput((item(),)), "c", "b", shop, labels=True
    )
    assert jobs() == [str(res.parcel_id)]
