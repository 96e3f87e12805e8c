"""The bench session without a window: scanner-only parcels, several items, no silent
defaults, parking and crash recovery, races, one label per bin; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from returnsdesk.db.models import (
    Condition,
    Order,
    OrderLine,
    Parcel,
    ParcelItem,
    PrintJob,
    Refund,
    Shipment,
    Sku,
)
from returnsdesk.domain import barcode_commands
from returnsdesk.domain.barcode_commands import Action
from returnsdesk.errors import ParcelTaken
from returnsdesk.services.bench import receive
from returnsdesk.services.bench.session import (
    BenchSession,
    Event,
    Field,
    FileStore,
    MemoryStore,
    Sound,
)
from returnsdesk.services.bench.session.state import bench_field

BAR_A, BAR_B, BAR_X = "6901234567892", "6901234567908", "6909999999990"


@pytest.fixture
def data(any_sessions):
    """A two-line order with a return request (no stated reason) on YT…123, its SKUs with
    barcodes, a refused delivery on our own outbound number 75…, a 顺丰 return."""
    with any_sessions.begin() as s:
        o = Order(order_no="3156900062392749367", buyer_id="tb_xiaomei",
                  buyer_id_lower="tb_xiaomei", warehouse="杭州", city="杭州")  # fmt: skip
        o.lines.append(OrderLine(line_no=1, sku_code="A", model="5815", category="鞋",
                                 color="深紫", size="W7", qty=1))  # fmt: skip
        o.lines.append(OrderLine(line_no=2, sku_code="B", model="6021", category="鞋",
                                 color="灰色", size="W6", qty=1))  # fmt: skip
        o.shipments.append(Shipment(tracking_no="75123456789012", courier="中通"))
        s.add(o)
        s.add(Refund(refund_no="R1", order_no=o.order_no, buyer_id="tb_xiaomei", reason="",
                     return_tracking="YT1234567890123"))  # fmt: skip
        s.add(Refund(refund_no="R2", order_no=o.order_no, buyer_id="tb_xiaomei",
                     reason="尺码偏小", return_tracking="SF1234567890123"))  # fmt: skip
        for code, model, color, size, bar in (
            ("A", "5815", "深紫", "W7", BAR_A),
            ("B", "6021", "灰色", "W6", BAR_B),
            ("X", "7001", "黑色", "M8", BAR_X),
        ):
            s.add(Sku(sku_code=code, model=model, category="鞋", color=color, size=size,
                      barcode=bar))  # fmt: skip
    return any_sessions


def bench(sessions, shop, station="bench-1", store=None, **kw) -> BenchSession:
    return BenchSession(sessions, shop, "clerk", station, store=store or MemoryStore(), **kw)


def test_two_items_by_scanner_alone_with_their_own_reasons_and_conditions(data, shop):
    b = bench(data, shop)
    out = b.scan("YT1234567890123")
    assert out.event is Event.RECEIVED
    assert out.field is Field.ITEM
    assert b.scan(BAR_A).field is Field.REASON  # no stated reason: asked, not defaulted
    assert b.scan(barcode_commands.reason_code("7")).field is Field.CONDITION
    assert (
        b.scan(barcode_commands.condition_code("3")).field is Field.SCAN
    )  # complete: scan or Enter
    assert b.scan(BAR_B).event is Event.ITEM_ADDED
    b.scan(barcode_commands.reason_code("3"))
    b.scan(barcode_commands.condition_code("1"))
    out = b.scan(barcode_commands.code(Action.COMMIT))
    assert out.event is Event.REGISTERED, out.message
    assert out.sound is Sound.OK, out.message
    res = out.result
    assert res is not None
    assert res.bins == ["repair", "restock"]
    assert res.return_string == "tb_xiaomei 5815深紫W7*1 后跟开裂 可维修, 6021灰色W6*1 不合适 完好"
    with data() as s:
        items = s.scalars(select(ParcelItem).order_by(ParcelItem.id)).all()
        assert [(i.reason, i.condition, i.bin) for i in items] == [
            ("后跟开裂", "可维修", "repair"),
            ("不合适", "完好", "restock"),
        ]
        # one label per bin, each naming its own items
        refs = s.scalars(select(PrintJob.ref_id).order_by(PrintJob.id)).all()
    assert refs == [f"{res.parcel_id}:repair", f"{res.parcel_id}:restock"]
    from returnsdesk.services.printing.documents import label_data

    label = label_data(data, res.parcel_id, shop, "repair")
    assert label.items_text == "5815深紫W7*1"
    assert label.bin_name == "返厂维修"
    assert b.draft is None
    assert b.next_field() is Field.SCAN


def test_enter_takes_each_order_line_once_and_lines_can_be_picked(data, shop):
    b = bench(data, shop)
    b.scan("YT1234567890123")
    b.item_enter("")
    b.item_enter("")
    assert [i.spec.model for i in b.draft.items] == ["5815", "6021"]
    assert b.item_enter("").event is Event.ITEM_CHANGED  # nothing more to take: no third line
    assert len(b.draft.items) == 2
    assert b.select_item(0).event is Event.ITEM_CHANGED
    assert b.remove_item().event is Event.ITEM_REMOVED
    assert b.item_enter("").event is Event.ITEM_ADDED  # the line no longer taken: line 1
    assert [i.spec.model for i in b.draft.items] == ["6021", "5815"]
    b.remove_item()
    assert b.scan(barcode_commands.line_code(1)).event is Event.ITEM_ADDED
    assert b.scan(barcode_commands.line_code(5)).event is Event.ERROR
    assert [i.line for i in b.draft.items] == [1, 0]


def test_accessories_and_targets_belong_to_their_item(data, shop):
    b = bench(data, shop, labels=False)
    b.scan("YT1234567890123")
    b.pick_line(0)
    b.reason_key("1")
    b.condition_key("1")
    b.set_accessories("鞋垫")
    b.start_target("换")
    assert b.next_field() is Field.TARGET
    b.set_target("W6")
    b.pick_line(1)
    b.reason_key("3")
    b.condition_key("1")
    assert b.set_money("10").event is Event.PARCEL_CHANGED  # a bare amount is postage
    res = b.commit().result
    assert res is not None
    assert res.register_line.endswith(
        "收到5815深紫W7*1 配件:鞋垫 尺码偏小 完好, 6021灰色W6*1 不合适 完好 邮费10元 换5815深紫W6*1"
    )
    with data() as s:
        items = s.scalars(select(ParcelItem).order_by(ParcelItem.id)).all()
        assert [i.accessories for i in items] == ["鞋垫", ""]


def test_item_not_in_the_order_needs_a_confirmation(data, shop):
    b = bench(data, shop, labels=False)
    b.scan("YT1234567890123")
    out = b.scan(BAR_X)
    assert "不在订单里" in out.banner
    b.reason_key("3")
    b.condition_key("1")
    first = b.commit()
    assert first.event is Event.ERROR
    assert "确认" in first.message
    with data() as s:
        assert s.scalar(select(Parcel.status)) == "matched"
    assert b.commit().event is Event.REGISTERED


def test_no_silent_defaults(data, shop):
    b = bench(data, shop, labels=False)
    b.scan("YT1234567890123")
    b.pick_line(0)
    out = b.commit()
    assert out.field is Field.REASON
    assert "退回原因" in out.message
    b.reason_key("1")
    assert b.commit().field is Field.CONDITION
    # a refused delivery (matched on our own outbound number) defaults to 拒收
    b.scan("75123456789012")
    b.pick_line(0)
    assert b.draft.items[0].reason == "拒收"
    # the bin can be overridden with one key, and the override is recorded
    b.condition_key("1")
    assert b.preview().bins[0].code == "restock"
    b.scan(barcode_commands.bin_code("damage"))
    assert b.preview().bins[0].overridden
    b.commit()
    with data() as s:
        item = s.scalars(select(ParcelItem).where(ParcelItem.reason == "拒收")).one()
        assert (item.bin, item.suggested_bin, item.bin_overridden) == ("damage", "restock", True)


def test_a_new_scan_parks_the_parcel_in_hand_and_it_comes_back(data, shop):
    b = bench(data, shop, labels=False)
    b.scan("YT1234567890123")
    b.pick_line(0)
    b.reason_key("7")
    out = b.scan("75123456789012")
    assert "YT1234567890123" in out.banner
    assert "已保留" in out.banner
    parked_id = b.store.parked()[0]
    out = b.scan("YT1234567890123")
    assert out.event is Event.RESUMED
    assert b.draft.parcel.id == parked_id
    assert [(i.spec.model, i.reason) for i in b.draft.items] == [("5815", "后跟开裂")]
    # Esc parks too; today's list brings it back by id
    b.cancel()
    assert b.draft is None
    assert b.resume(parked_id).event is Event.RESUMED
    assert b.draft.items[0].reason == "后跟开裂"


def test_the_draft_survives_a_crash(data, shop, tmp_path):
    b = bench(data, shop, store=FileStore(tmp_path, "bench-1"))
    b.scan("YT1234567890123")
    b.pick_line(1)
    b.reason_key("3")
    b.set_accessories("鞋盒")
    del b  # the window closes, or the power goes
    again = bench(data, shop, store=FileStore(tmp_path, "bench-1"))
    out = again.restore()
    assert out is not None
    assert out.event is Event.RESUMED
    item = again.draft.items[0]
    assert (item.spec.model, item.reason, item.accessories, item.condition) == (
        "6021",
        "不合适",
        "鞋盒",
        "",
    )
    assert again.next_field() is Field.CONDITION


def test_duplicate_and_unknown_scans_beep_and_say_what_they_were(data, shop):
    b = bench(data, shop, labels=False)
    for raw in ("YT1234567890123", BAR_A, "RD+R1", "RD+C1", "RD+COMMIT"):
        b.scan(raw)
    out = b.scan("YT1234567890123")
    assert out.event is Event.DUPLICATE
    assert out.sound is Sound.ERROR
    assert "纸条编号 1" in out.banner
    assert b.scan(BAR_A).message.startswith("这是商品条码")
    assert b.scan("RS00000012").event is Event.IGNORED
    assert b.scan("@@@").event is Event.IGNORED
    assert b.scan("RD+XYZ").event is Event.IGNORED
    assert b.scan("RD+R").sound is Sound.ERROR


def test_freight_decisions_go_to_the_buyer_box_when_unmatched(data, shop):
    b = bench(data, shop, labels=False)
    out = b.scan("SF9999999999999")
    assert out.field is Field.DECISION
    assert "顺丰件" in out.banner
    assert b.commit().field is Field.DECISION
    assert b.scan("RD+ACCEPTBUYER").field is Field.BUYER  # not the item box: the slip's ID next
    b.scan("SF1234567890123")
    assert b.scan("RD+REFUSE").event is Event.REFUSED
    with data() as s:
        assert s.scalar(select(Parcel.status).where(Parcel.tracking_no == "SF1234567890123")) == (
            "refused"
        )


def test_no_info_parcel(data, shop):
    b = bench(data, shop, labels=False)
    b.scan("YT0000000000099")
    assert b.next_field() is Field.BUYER
    assert b.scan(barcode_commands.code(Action.NOINFO)).field is Field.NO_INFO
    b.set_sender("王先生", "137", "北京", "女鞋一双")
    out = b.commit()
    assert out.event is Event.NO_INFO
    assert out.result.bins == []


def test_the_loser_of_a_race_is_told_who_registered(data, shop):
    one, two = bench(data, shop, "bench-1", labels=False), bench(data, shop, "bench-2")
    for b in (one, two):
        b.scan("YT1234567890123")
        b.pick_line(0)
        b.reason_key("1")
        b.condition_key("1")
    assert one.commit().event is Event.REGISTERED
    lost = two.commit()
    assert lost.event is Event.DUPLICATE
    assert "bench-1" in lost.banner
    assert two.draft is None
    with pytest.raises(ParcelTaken, match="bench-1"):
        receive.attach_buyer(data, one.last.parcel_id, "someone", "c", "bench-3")
    with data() as s:
        assert s.scalar(select(Parcel.buyer_id)) == "tb_xiaomei"


def test_a_buyer_another_station_named_meanwhile_is_never_registered_in_this_ones_name(data, shop):
    """Two stations hold the same unmatched parcel; the second names another buyer. The first
    station's registration is refused and says who changed the buyer to whom; after choosing
    again it registers what it shows."""
    one, two = bench(data, shop, "bench-1", labels=False), bench(data, shop, "bench-2")
    for b in (one, two):
        assert b.scan("YT9999999999999").field is Field.BUYER
    assert one.attach("tb_first").event is Event.ATTACHED
    for raw in (BAR_X, "RD+R1", "RD+C1"):
        one.scan(raw)
    assert two.attach("tb_second").event is Event.ATTACHED
    refused = one.commit()
    assert refused.event is Event.ERROR
    assert refused.field is Field.BUYER
    assert "bench-2" in refused.message
    assert "tb_second" in refused.message
    with data() as s:
        assert s.scalar(select(Parcel.status).where(Parcel.tracking_no == "YT9999999999999")) == (
            "matched"
        )
    one.attach("tb_first")
    done = one.commit()
    assert done.event is Event.REGISTERED
    assert "ID:tb_first " in done.result.register_line
    with data() as s:
        p = s.scalar(select(Parcel).where(Parcel.tracking_no == "YT9999999999999"))
        assert (p.buyer_id, p.station, p.register_line) == (
            "tb_first",
            "bench-1",
            done.result.register_line,
        )


def test_copy_and_reprint(data, shop):
    b = bench(data, shop)
    assert b.copy().event is Event.ERROR
    for raw in ("YT1234567890123", BAR_A, "RD+R1", "RD+C1", "RD+COMMIT"):
        b.scan(raw)
    assert b.scan("RD+COPY").copy_text == "tb_xiaomei 5815深紫W7*1 尺码偏小 完好"
    assert b.scan("RD+REPRINT").event is Event.REPRINTED
    with data() as s:
        assert len(s.scalars(select(PrintJob)).all()) == 2


def test_every_key_of_the_bench_has_a_command_barcode():
    actions = {"COMMIT", "CANCEL", "REFUSE", "ACCEPTBUYER", "ACCEPTOURS", "FREIGHT",
               "EXCHANGE", "REISSUE", "NOINFO", "COPY", "MONEY", "PACKAGING", "REPRINT",
               "NEXT", "REMOVE", "BIN", "PHOTO"}  # fmt: skip
    assert set(barcode_commands.FIXED_ACTIONS) == actions
    keys = {key for key, _label in barcode_commands.FIXED_ACTIONS.values()}
    assert {f"F{n}" for n in range(2, 13)} <= keys
    for action in actions:
        assert barcode_commands.parse(f"rd+{action.lower()}") == barcode_commands.Command(action)
    assert barcode_commands.parse(barcode_commands.bin_code("repair")) == barcode_commands.Command(
        "BINTO", "repair"
    )
    assert barcode_commands.parse(barcode_commands.line_code(3)) == barcode_commands.Command(
        "LINE", "3"
    )


def test_money_is_parsed_one_way(data, shop):
    b = bench(data, shop, labels=False)
    b.scan("YT1234567890123")
    assert b.set_money("邮费 10, 现金 50.5").event is Event.PARCEL_CHANGED
    assert [(m.kind, str(m.amount)) for m in b.draft.money] == [
        ("换货邮费", "10.00"),
        ("现金", "50.50"),
    ]
    # typed in English, the same kinds
    assert b.set_money("postage 10, price difference 3").event is Event.PARCEL_CHANGED
    assert [(m.kind, str(m.amount)) for m in b.draft.money] == [
        ("换货邮费", "10.00"),
        ("差价", "3.00"),
    ]
    # one validation of an amount: the bench refuses what register refuses
    assert b.set_money("邮费 100001").field is Field.MONEY
    assert b.set_money("十块").field is Field.MONEY
    assert b.set_money("-5").field is Field.MONEY


def test_day_of_parcel_in_preview(data, shop):
    b = bench(data, shop, labels=False)
    b.scan("YT1234567890123")
    b.pick_line(0)
    b.reason_key("1")
    b.condition_key("1")
    today = dt.date.today()
    assert b.preview().register_line.startswith(f"{today.month}-{today.day} ID:tb_xiaomei")


def test_a_parcel_on_a_new_number_is_matched_by_a_second_scan(data, shop):
    b = bench(data, shop, labels=False)
    b.scan("YT0000000000099")
    assert b.next_field() is Field.BUYER
    out = b.scan("75123456789012")  # the original waybill: links, does not sign in a parcel
    assert out.event is Event.ATTACHED
    assert b.draft.match.buyer_id == "tb_xiaomei"
    assert b.draft.parcel.tracking_no == "YT0000000000099"
    b.pick_line(0)
    assert b.draft.items[0].reason == "拒收"


def test_warm_up_leaves_nothing_behind(data, shop):
    from returnsdesk.db.models import AuditEntry, DayCounter

    b = bench(data, shop)
    b.warm_up()
    with data() as s:
        for table in (Parcel, ParcelItem, PrintJob, AuditEntry, DayCounter):
            assert s.scalars(select(table)).first() is None, table
    b.scan("YT1234567890123")
    b.pick_line(0)
    b.reason_key("1")
    b.condition_key("1")
    assert b.commit().result.slip_no == 1  # the rolled-back registration took no number


def test_restore_lets_go_of_drafts_of_parcels_closed_since(data, shop, tmp_path):
    store = FileStore(tmp_path, "bench-1")
    b = bench(data, shop, store=store, labels=False)
    b.scan("YT1234567890123")
    b.pick_line(0)
    b.scan("75123456789012")  # parks the first
    b.pick_line(0)
    other = bench(data, shop, "bench-2", labels=False)
    for raw in ("YT1234567890123", "RD+L1", "RD+R1", "RD+C1", "RD+COMMIT"):
        other.scan(raw)
    again = bench(data, shop, store=FileStore(tmp_path, "bench-1"), labels=False)
    assert again.restore().event is Event.RESUMED
    assert again.draft.parcel.tracking_no == "75123456789012"
    assert again.store.parked() == []


def test_a_disk_that_refuses_the_draft_does_not_stop_the_bench(data, shop, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")
    b = bench(data, shop, store=FileStore(blocked / "drafts", "bench-1"), labels=False)
    assert b.scan("YT1234567890123").event is Event.RECEIVED
    assert b.pick_line(0).event is Event.ITEM_ADDED


def test_a_draft_it_cannot_read_gives_a_fresh_start(data, shop):
    b = bench(data, shop, labels=False)
    pid = b.scan("YT1234567890123").parcel_id
    b.cancel()
    b.store.save(pid, {"parcel_id": pid, "items": [{"spec": {"nonsense": 1}}]}, current=False)
    out = b.scan("YT1234567890123")
    assert not out.failed
    assert b.draft.items == []


def test_a_duplicate_scan_still_says_what_was_parked(data, shop):
    b = bench(data, shop, labels=False)
    for raw in ("YT1234567890123", "RD+L1", "RD+R1", "RD+C1", "RD+COMMIT", "75123456789012"):
        b.scan(raw)
    b.pick_line(0)
    out = b.scan("YT1234567890123")
    assert out.event is Event.DUPLICATE
    assert "纸条编号 1" in out.banner
    assert "75123456789012" in out.banner


def test_a_refusal_by_the_service_lands_on_the_field_and_item_it_names(data, shop):
    """The bench takes the field from the error (``items[1].condition``), not from its text:
    here a condition the lists lost after this bench loaded them."""
    b = bench(data, shop, labels=False)
    b.scan("YT1234567890123")
    for bar, reason, condition in ((BAR_A, "3", "1"), (BAR_B, "3", "2")):
        b.scan(bar)
        b.scan(barcode_commands.reason_code(reason))
        b.scan(barcode_commands.condition_code(condition))
    gone = b.draft.items[1].condition
    with data.begin() as s:
        s.delete(s.get(Condition, gone))
    out = b.commit()
    assert out.event is Event.ERROR
    assert (out.field, out.item) == (Field.CONDITION, 1)
    assert out.message == "输入有误: 第 2 件: 请选择产品好坏"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("items[2].reason", (Field.REASON, 2)),
        ("items[0].qty", (Field.ITEM, 0)),
        ("amount", (Field.MONEY, None)),
        ("buyer", (Field.BUYER, None)),
        ("week", (None, None)),
        ("", (None, None)),
    ],
)
def test_error_fields_map_to_bench_fields(path, expected):
    assert bench_field(path) == expected


def test_a_draft_saved_before_the_sku_code_moved_into_the_spec_still_loads():
    from returnsdesk.services.bench.session.state import ItemDraft

    old = {"spec": {"model": "5815", "color": "深紫", "size": "W7", "qty": 1}, "sku_code": "A",
           "reason": "尺码偏小", "line": 0}  # fmt: skip
    item = ItemDraft.from_dict(old)
    assert (item.spec.model, item.spec.sku_code, item.reason, item.line) == (
        "5815",
        "A",
        "尺码偏小",
        0,
    )
    assert ItemDraft.from_dict(item.to_dict()) == item


def test_a_change_writes_only_the_parcel_it_changed(data, shop, tmp_path):
    """Each draft is its own small file: typing on the parcel in hand leaves the parked ones'
    files as they were, a file cut short loses only its own parcel, and a store from before
    (one file for the station) is read once and split."""
    import json
    import os

    store = FileStore(tmp_path, "bench-1")
    b = bench(data, shop, store=store, labels=False)
    parked = b.scan("YT1234567890123").parcel_id
    b.pick_line(0)
    in_hand = b.scan("75123456789012").parcel_id
    b.pick_line(0)
    parked_file = tmp_path / "bench-1" / f"{parked}.json"
    os.utime(parked_file, ns=(1, 1))
    b.set_accessories("鞋盒")
    b.set_accessories("鞋盒, 鞋垫")
    assert parked_file.stat().st_mtime_ns == 1
    assert "鞋垫" in (tmp_path / "bench-1" / f"{in_hand}.json").read_text(encoding="utf-8")
    assert store.syncer.wait()
    parked_file.write_text('{"parcel_id": 1, "ite', encoding="utf-8")  # cut short
    again = FileStore(tmp_path, "bench-1")
    assert again.parked() == []
    assert again.current()["parcel_id"] == in_hand
    # the single file of earlier versions
    old = tmp_path / "bench-2.json"
    old.write_text(json.dumps({"current": in_hand, "drafts": {str(in_hand): {"x": 1}}}))
    moved = FileStore(tmp_path, "bench-2")
    assert moved.current() == {"x": 1}
    assert not old.exists()
    assert FileStore(tmp_path, "bench-2").current() == {"x": 1}
