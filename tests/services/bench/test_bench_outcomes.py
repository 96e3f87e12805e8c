"""Parcel outcomes at the bench without a window (空包, 调包/货不对版, 少件, 多件/非本店): keys
and command barcodes mark the parcel in hand; they close the return string and register
line, an empty parcel registers without items, and the refund suggestion refuses or withholds
on them with the parcel's clips and photos as its ground; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order, OrderLine, Parcel, Refund
from returnsdesk.domain import barcode_commands
from returnsdesk.domain.barcode_commands import Action, Command
from returnsdesk.domain.kinds import ParcelOutcome, SuggestionKind
from returnsdesk.domain.strings import short_date
from returnsdesk.errors import InvalidInput
from returnsdesk.services.bench import receive, register
from returnsdesk.services.bench.register import RegisterInput
from returnsdesk.services.bench.session import BenchSession, Event, MemoryStore
from returnsdesk.services.evidence import records
from returnsdesk.services.refunds.rows import rows

TRACKING = "YT1234567890123"
COMMIT = barcode_commands.code(Action.COMMIT)
EMPTY = barcode_commands.outcome_code(ParcelOutcome.EMPTY)
SHORT = barcode_commands.outcome_code(ParcelOutcome.SHORT)


@pytest.fixture
def data(any_sessions: SessionFactory) -> SessionFactory:
    """A two-line order (100.00 and 80.00) with a return request for both on YT…123."""
    with any_sessions.begin() as s:
        o = Order(order_no="3156900062392749367", buyer_id="tb_xiaomei",
                  buyer_id_lower="tb_xiaomei", warehouse="杭州", city="杭州")  # fmt: skip
        o.lines.append(OrderLine(line_no=1, sku_code="A", model="5815", category="鞋",
                                 color="深紫", size="W7", qty=1, price=Decimal("100")))  # fmt: skip
        o.lines.append(OrderLine(line_no=2, sku_code="B", model="6021", category="鞋",
                                 color="灰色", size="W6", qty=1, price=Decimal("80")))  # fmt: skip
        s.add(o)
        s.add(Refund(refund_no="R1", order_no=o.order_no, buyer_id="tb_xiaomei", reason="",
                     amount=Decimal("180"), return_tracking=TRACKING))  # fmt: skip
    return any_sessions


def _bench(sessions: SessionFactory, shop) -> BenchSession:  # type: ignore[no-untyped-def]
    return BenchSession(sessions, shop, "clerk", "bench-1", store=MemoryStore(), labels=False)


def _parcel(sessions: SessionFactory) -> Parcel:
    with sessions() as s:
        return s.scalars(select(Parcel).where(Parcel.tracking_no == TRACKING)).one()


def _row(sessions: SessionFactory, shop):  # type: ignore[no-untyped-def]
    with sessions() as s:
        rid = s.scalars(select(Refund.id)).one()
    return rows(sessions, [rid], shop, dt.datetime.now())[rid]


def test_the_outcome_barcodes_parse_and_toggle(data: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    assert barcode_commands.parse(EMPTY) == Command(Action.OUTCOME, "empty")
    assert barcode_commands.parse("rd+out-not_ours") == Command(Action.OUTCOME, "not_ours")
    b = _bench(data, shop)
    assert b.scan(EMPTY).failed  # no parcel in hand
    b.scan(TRACKING)
    out = b.scan(SHORT)
    assert out.event is Event.PARCEL_CHANGED
    assert "少件" in out.message
    b.command(Command(Action.OUTCOME, ParcelOutcome.NOT_OURS))
    assert b.draft is not None
    assert b.draft.outcomes == ["short", "not_ours"]
    assert b.store.current()["outcomes"] == ["short", "not_ours"]  # type: ignore[index]
    b.scan(SHORT)
    assert b.draft.outcomes == ["not_ours"]
    assert b.scan("RD+OUT-NOPE").failed


def test_an_empty_parcel_registers_without_items_and_is_refused(data: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    b = _bench(data, shop)
    b.scan(TRACKING)
    refused = b.scan(COMMIT)
    assert refused.failed
    assert "Ctrl+1" in refused.message
    b.scan(EMPTY)
    assert b.preview().return_string == "tb_xiaomei 空包"
    done = b.scan(COMMIT)
    assert done.event is Event.REGISTERED, done.message
    assert done.result is not None
    assert done.result.return_string == "tb_xiaomei 空包"
    p = _parcel(data)
    assert p.outcomes == "empty"
    assert p.register_line == f"{short_date(p.day)} ID:tb_xiaomei 收到空包 退"
    taken = dt.datetime(2026, 11, 22, 16, 5)
    records.record_photo(data, p.id, None, "2026/11/22/empty_p0.jpg", "0" * 64, 10, "test",
                         taken, "clerk", "bench-1")  # fmt: skip
    row = _row(data, shop)
    assert (row.clips, row.photos, row.outcomes) == (0, 1, ("empty",))
    sug = row.suggestion
    assert sug.decision is SuggestionKind.REFUSE
    assert sug.amount == 0
    assert sug.rule == "empty"
    assert sug.grounds_text == "空包 [照片 1]"
    from returnsdesk.reports.claims import claims, claims_table

    (claim,) = claims(data, p.day, p.day)  # an empty parcel may be the courier's loss
    assert claim.outcomes == "空包"
    assert next(iter(claims_table([claim]).rows))[-1] == "空包"


def test_a_short_parcel_says_so_and_withholds_the_missing_line(data: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    b = _bench(data, shop)
    b.scan(TRACKING)
    b.scan(barcode_commands.line_code(1))
    b.scan(barcode_commands.reason_code("3"))
    b.scan(barcode_commands.condition_code("1"))
    b.scan(SHORT)
    done = b.scan(COMMIT)
    assert done.event is Event.REGISTERED, done.message
    assert done.result is not None
    assert done.result.return_string == "tb_xiaomei 5815深紫W7*1 不合适 完好 少件"
    assert done.result.register_line.endswith(" 退 少件")
    sug = _row(data, shop).suggestion
    assert sug.decision is SuggestionKind.PARTIAL
    assert sug.amount == Decimal("100.00")
    assert sug.rule == "short"
    assert sug.grounds_text == "少件: 6021灰色W6*1 -80.00"


def test_a_swapped_item_is_refused_and_an_extra_one_named(data: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    got = receive.receive_scan(data, TRACKING, "clerk", "bench-1")
    from returnsdesk.domain.strings import ItemSpec
    from returnsdesk.services.bench.register import ItemInput

    items = (ItemInput(ItemSpec("5815", "鞋", "深紫", "W7"), reason="不合适", condition="完好"),
             ItemInput(ItemSpec("9999", "鞋", "红色", "W5"), reason="不合适", condition="完好"))  # fmt: skip
    with pytest.raises(InvalidInput) as exc:
        register.register_parcel(data, got.parcel.id, RegisterInput(items, outcomes=("bogus",)),
                                 "clerk", "bench-1", shop)  # fmt: skip
    assert exc.value.field == "outcomes"
    with pytest.raises(InvalidInput):
        register.register_parcel(data, got.parcel.id, RegisterInput(items, outcomes=("empty",)),
                                 "clerk", "bench-1", shop)  # fmt: skip
    res = register.register_parcel(data, got.parcel.id,
                                   RegisterInput(items, outcomes=("not_ours", "wrong_item")),
                                   "clerk", "bench-1", shop)  # fmt: skip
    assert res.return_string.endswith(" 调包/货不对版 多件/非本店")
    assert _parcel(data).outcomes == "wrong_item,not_ours"
    sug = _row(data, shop).suggestion
    assert sug.decision is SuggestionKind.REFUSE
    assert sug.rule == "wrong_item"


def test_register_lines_carry_outcomes(data: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    from returnsdesk.services.bench.session.batch import Batch

    batch = Batch(data, shop, "clerk", "bench-1")
    bad = batch.line({"tracking": TRACKING, "outcomes": ["empty", "broken"]})
    assert (bad["field"], bad["value"]) == ("outcomes[1]", "broken")
    assert batch.line({"tracking": TRACKING, "outcomes": "empty"})["field"] == "outcomes"
    with data() as s:  # a rejected line writes nothing
        assert s.scalars(select(Parcel)).all() == []

    out = batch.line({"tracking": TRACKING, "outcomes": ["空包"]})  # by its name, no item
    assert "error" not in out, out
    assert (out["outcomes"], out["return_string"]) == (["empty"], "tb_xiaomei 空包")
    assert _parcel(data).outcomes == "empty"
    assert _row(data, shop).suggestion.decision == SuggestionKind.REFUSE

    item = {
        "model": "5815",
        "color": "深紫",
        "size": "W7",
        "reason": "尺码偏小",
        "condition": "完好",
    }
    out = batch.line({"tracking": "YT1234567890124", "buyer": "tb_other", "items": [item],
                      "outcomes": ["not_ours", "short", "short"]})  # fmt: skip
    assert "error" not in out, out
    assert out["outcomes"] == ["short", "not_ours"]
    assert out["return_string"].endswith("少件 多件/非本店")
