"""Data first, shape second: every identifier the shop holds is found whatever its shape,
on SQLite and PostgreSQL; a parcel that came back on a new number is matched by a second one."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import select

from returnsdesk.db.models import Order, OrderLine, Parcel, Refund, Shipment, Sku
from returnsdesk.domain.scan import ScanKind
from returnsdesk.errors import (
    ConcurrentChange,
    NotFound,
    NumberOfAnotherParcel,
    UnknownTrackingNumber,
)
from returnsdesk.importing import cleaning
from returnsdesk.services.bench import identify, match, receive
from returnsdesk.services.bench import lookup as bench_json
from returnsdesk.services.bench.identify import Found

from helpers.courier_shapes import REAL_SHAPES

NOW = dt.datetime(2026, 11, 23, 9, 0)
# shapes no courier pattern knows: a shop's own freight note, a short local courier number,
# an old letter-digit form
ODD_NUMBERS = ["KY4000123456", "88123", "A1B2C3D4", "SFX-0099-12", "1234567"]


def _order(s, n: int, buyer: str, tracking: str, courier: str, **kw) -> Order:
    o = Order(
        order_no=f"31569000{n:011d}",
        buyer_id=buyer,
        buyer_id_lower=buyer.lower(),
        paid_at=dt.datetime(2026, 11, 1) + dt.timedelta(minutes=n),
        **kw,
    )
    o.lines.append(OrderLine(line_no=1, model="5815", color="深紫", size="W7", qty=1))
    if tracking:
        o.shipments.append(Shipment(tracking_no=tracking, courier=courier))
    s.add(o)
    return o


@pytest.fixture
def shop_data(any_sessions):
    rng = random.Random(9)
    with any_sessions.begin() as s:
        for i, (shape, courier) in enumerate(REAL_SHAPES):
            # the same shape with other digits: what the shop's export really holds
            number = "".join(
                rng.choice("0123456789") if c.isdigit() and k > 4 else c
                for k, c in enumerate(shape)
            )
            _order(s, i, f"real_{i}", number, courier)
        for i, number in enumerate(ODD_NUMBERS, start=100):
            _order(s, i, f"odd_{i}", cleaning.shipments(number, "")[0][0], "跨越")
        _order(
            s,
            200,
            "tb_李芳娜2019",
            "YT5000000000001",
            "圆通",
            receiver_name="李芳娜",
            receiver_phone="13812345678",
            phone_last4="5678",
        )
        _order(
            s,
            201,
            "车友小王",
            "",
            "",
            receiver_name="欧阳芳娜",
            receiver_phone="13987654321",
            phone_last4="4321",
        )
        s.add(
            Refund(
                refund_no="200000123456789",
                order_no="3156900000000000200",
                buyer_id="tb_李芳娜2019",
                reason="尺码偏小",
                return_courier="中通",
                return_tracking="78312345678901",
                requested_at=dt.datetime(2026, 11, 20),
            )
        )
        s.add(
            Sku(
                sku_code="5815-深紫-W7",
                model="5815",
                color="深紫",
                size="W7",
                barcode="6901234567892",
            )
        )
    return any_sessions


def _numbers(sessions) -> list[tuple[str, str]]:
    with sessions() as s:
        return [(n, c) for n, c in s.execute(select(Shipment.tracking_no, Shipment.courier))]


def test_every_stored_number_is_found_whatever_its_shape(shop_data):
    for number, courier in _numbers(shop_data):
        got = receive.receive_scan(shop_data, number.lower(), "clerk1", "bench-1", now=NOW)
        assert got.match is not None, number
        assert got.parcel.courier == courier  # the stored courier wins over the shape
        assert got.parcel.tracking_no == number


def test_lookup_finds_odd_shapes_and_names_the_stored_courier(shop_data):
    out = bench_json.lookup(shop_data, "sfx 0099 12")
    assert out["kind"] == "tracking"
    assert out["courier"] == "跨越"
    assert out["match"]["buyer_id"] == "odd_103"


def test_scanned_forms_of_a_stored_number(shop_data):
    with shop_data() as s:
        for raw in ("No:YT5000000000001", "]C1yt5000000000001", "YT5000000000001-1-1-"):
            ident = identify.identify(s, raw)
            assert ident.value == "YT5000000000001"
            assert Found.SHIPMENT in ident.found


def test_every_identifier_kind_is_found(shop_data):
    with shop_data() as s:

        def found(raw: str) -> frozenset[Found]:
            return identify.identify(s, raw).found

        assert Found.RETURN_TRACKING in found("78312345678901")
        assert Found.ORDER in found("3156900000000000200")
        assert Found.REFUND in found("200000123456789")
        assert Found.SKU in found("6901234567892")
        assert Found.SKU in found("5815-深紫-W7")
        assert Found.BUYER in found("TB_李芳娜2019")
        assert found("HELLO123") == frozenset()


def test_unknown_number_takes_its_courier_from_the_shops_history(any_sessions):
    # this shop ships 14-digit 773… numbers with 中通, against the shape's first guess
    with any_sessions.begin() as s:
        for i in range(5):
            _order(s, i, f"b{i}", f"7731234567{i:04d}", "中通")
    got = receive.receive_scan(any_sessions, "77312345679999", "clerk1", "bench-1", now=NOW)
    assert got.match is None
    assert got.parcel.courier == "中通"


def test_a_phone_or_text_is_not_a_parcel(shop_data):
    for raw in ("13812345678", "tb_李芳娜2019", "6901234567892"):
        with pytest.raises(UnknownTrackingNumber):
            receive.receive_scan(shop_data, raw, "clerk1", "bench-1", now=NOW)


@pytest.mark.parametrize(
    ("second", "buyer"),
    [
        ("YT5000000000001", "tb_李芳娜2019"),  # the original waybill on the return label
        ("3156900000000000200", "tb_李芳娜2019"),  # an order number
        ("200000123456789", "tb_李芳娜2019"),  # a refund number
        ("车友小王", "车友小王"),  # a Wangwang ID from the buyer's slip
    ],
)
def test_parcel_on_a_new_number_matches_by_a_second_one(shop_data, second, buyer):
    got = receive.receive_scan(shop_data, "SF1999999999999", "clerk1", "bench-1", now=NOW)
    assert got.match is None
    m = receive.link_number(shop_data, got.parcel.id, second, "clerk1", "bench-1")
    assert m.buyer_id == buyer
    again = receive.receive_scan(shop_data, "SF1999999999999", "clerk1", "bench-1", now=NOW)
    assert not again.created
    assert again.match is not None
    assert again.match.buyer_id == buyer


@pytest.mark.parametrize(
    "how",
    [
        "return waybill",
        "original waybill",
        "order number",
        "refund number",
        "wangwang id",
        "search",
    ],
)
def test_every_way_of_matching_attaches_the_same_request(shop_data, how):
    """Whatever identifier matched the parcel, it carries the order, the open return request
    and the reason the buyer gave, so the refund reaches the lead's queue."""
    if how == "return waybill":
        got = receive.receive_scan(shop_data, "78312345678901", "clerk1", "bench-1", now=NOW)
        m = got.match
    else:
        got = receive.receive_scan(shop_data, "SF1999999999999", "clerk1", "bench-1", now=NOW)
        assert got.match is None
        if how == "search":
            hit = match.search(shop_data, "李芳娜")[0]
            m = receive.attach_buyer(
                shop_data, got.parcel.id, hit.buyer_id, "clerk1", "bench-1", hit.order_no
            )
        else:
            value = {
                "original waybill": "YT5000000000001",
                "order number": "3156900000000000200",
                "refund number": "200000123456789",
                "wangwang id": "tb_李芳娜2019",
            }[how]
            m = receive.link_number(shop_data, got.parcel.id, value, "clerk1", "bench-1")
    assert m is not None
    with shop_data() as s:
        refund = s.scalars(select(Refund).where(Refund.refund_no == "200000123456789")).one()
        p = s.get(Parcel, got.parcel.id)
        assert (m.order_no, m.refund_id, m.stated_reason) == (
            "3156900000000000200",
            refund.id,
            "尺码偏小",
        )
        assert (p.buyer_id, p.order_id is not None, p.refund_id) == (
            "tb_李芳娜2019",
            True,
            refund.id,
        )


def test_either_number_finds_the_linked_parcel(shop_data):
    got = receive.receive_scan(shop_data, "SF1999999999999", "clerk1", "bench-1", now=NOW)
    receive.link_number(shop_data, got.parcel.id, "No:YT5000000000001", "clerk1", "bench-1")
    again = receive.receive_scan(shop_data, "YT5000000000001", "clerk2", "bench-2", now=NOW)
    assert not again.created
    assert again.parcel.id == got.parcel.id
    with shop_data() as s:
        p = s.get(Parcel, got.parcel.id)
        assert (p.tracking_no, p.linked_no) == ("SF1999999999999", "YT5000000000001")


def test_link_refuses_unknown_values_other_parcels_and_registered_parcels(shop_data):
    a = receive.receive_scan(shop_data, "SF1999999999999", "clerk1", "bench-1", now=NOW)
    b = receive.receive_scan(shop_data, "SF1888888888888", "clerk1", "bench-1", now=NOW)
    with pytest.raises(NotFound):
        receive.link_number(shop_data, a.parcel.id, "nobody_here", "clerk1", "bench-1")
    receive.link_number(shop_data, a.parcel.id, "YT5000000000001", "clerk1", "bench-1")
    with pytest.raises(NumberOfAnotherParcel):
        receive.link_number(shop_data, b.parcel.id, "YT5000000000001", "clerk1", "bench-1")
    with shop_data.begin() as s:
        s.get(Parcel, b.parcel.id).status = "registered"
    with pytest.raises(ConcurrentChange):
        receive.link_number(shop_data, b.parcel.id, "车友小王", "clerk1", "bench-1")
    with shop_data() as s:
        assert s.get(Parcel, b.parcel.id).buyer_id == ""


@pytest.mark.parametrize(
    ("query", "buyer"),
    [
        ("芳娜", "tb_李芳娜2019"),  # end of a three-character name
        ("李芳", "tb_李芳娜2019"),  # its start
        ("阳芳娜", "车友小王"),  # three characters inside a four-character name
        ("阳芳", "车友小王"),  # two in the middle of a four-character name
        ("芳娜20", "tb_李芳娜2019"),  # the middle of a Wangwang ID
        ("友小王", "车友小王"),
        ("23456", "tb_李芳娜2019"),  # middle digits of a phone
        ("8765", "车友小王"),
        ("4321", "车友小王"),  # the last four
        ("3156900000000000201", "车友小王"),  # an order number
    ],
)
def test_search_inside_names_ids_and_phones(shop_data, query, buyer):
    from returnsdesk.services.bench import match

    hits = [h.buyer_id for h in match.search(shop_data, query)]
    assert buyer in hits


def test_search_treats_like_wildcards_as_text(shop_data):
    from returnsdesk.services.bench import match

    assert match.search(shop_data, "%%%") == []
    assert match.search(shop_data, "___") == []


def test_search_follows_updates_and_deletes(shop_data):
    from returnsdesk.services.bench import match

    with shop_data.begin() as s:
        o = s.scalars(select(Order).where(Order.buyer_id == "车友小王")).one()
        o.receiver_name = "王晓燕"
    assert match.search(shop_data, "阳芳娜") == []
    assert [h.buyer_id for h in match.search(shop_data, "晓燕")] == ["车友小王"]


def test_classify_kind_of_identified_values(shop_data):
    with shop_data() as s:
        assert identify.identify(s, "RD+COMMIT").kind is ScanKind.COMMAND
        assert identify.identify(s, "13812345678").is_phone
        assert not identify.identify(s, "13812345678").is_parcel_number
        assert identify.identify(s, "KY4000123456").is_parcel_number


def test_substring_ids_are_the_newest_matches_whether_common_or_rare(any_sessions, monkeypatch):
    """PostgreSQL reads the newest orders first and goes to the trigram index only for a
    pattern rare among them; either way the answer is the newest matching orders, as SQLite's
    full-text index gives it."""
    monkeypatch.setattr(match, "RECENT_ORDERS", 10)
    with any_sessions.begin() as s:
        for n in range(40):
            buyer = f"tb_rare{n}" if n in (2, 5, 7) else f"tb_common{n}"
            s.add(Order(order_no=f"31569{n:014d}", buyer_id=buyer, buyer_id_lower=buyer,
                        receiver_name="张三", receiver_phone=f"139{n:08d}"))  # fmt: skip
    with any_sessions() as s:
        ids = {o.buyer_id: o.id for o in s.scalars(select(Order))}
        common = match.substring_ids(s, "common", 5)  # plenty among the newest ten
        rare = match.substring_ids(s, "rare", 5)  # none among them: the index
    newest_common = sorted((i for b, i in ids.items() if "common" in b), reverse=True)[:5]
    assert common == newest_common
    assert rare == sorted((ids["tb_rare7"], ids["tb_rare5"], ids["tb_rare2"]), reverse=True)
