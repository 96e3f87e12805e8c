"""Printing and shipping slips: once by default, reprint recorded, one tracking number each."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import AuditEntry
from returnsdesk.errors import (
    InvalidInput,
    SlipAlreadyShipped,
    SlipNotShippable,
    TrackingUsed,
    UnknownTrackingNumber,
)
from returnsdesk.services.reship import flow as reship_flow
from returnsdesk.services.reship import rows as reship_rows
from returnsdesk.services.reship import slips as reship

from helpers.reship_data import FakeQueue, draft, seed_shop


@pytest.fixture
def slips(any_sessions: SessionFactory, shop) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    seed_shop(any_sessions)
    good = reship.create_slip(any_sessions, draft(kind="换"), shop, "cs_lt", "desk")
    bad = reship.create_slip(any_sessions, draft(phone=""), shop, "cs_xh", "desk")
    return good.id, bad.id


def test_batch_print_prints_valid_and_refuses_problem(any_sessions, shop, slips) -> None:  # type: ignore[no-untyped-def]
    good, bad = slips
    queue = FakeQueue()
    out = reship_flow.print_slips(any_sessions, [good, bad], shop, "op", "desk", enqueue=queue)
    assert [r.id for r in out.printed] == [good]
    assert [(r.code, r.text()) for r in out.refused] == [(f"RS{bad:08d}", "有问题: 缺少电话")]
    assert out.refused[0].text("en") == "has problems: phone missing"
    assert queue.sent == [("reship", str(good), "op", "desk")]
    row = reship_rows.get_slip(any_sessions, good)
    assert (row.state, row.print_count) == ("printed", 1)
    assert row.printed_at is not None
    assert reship_rows.get_slip(any_sessions, bad).state == "problem"


def test_second_print_needs_reprint_which_is_recorded(any_sessions, shop, slips) -> None:  # type: ignore[no-untyped-def]
    good, _ = slips
    queue = FakeQueue()
    reship_flow.print_slips(any_sessions, [good], shop, "op", "desk", enqueue=queue)
    again = reship_flow.print_slips(any_sessions, [good], shop, "op", "desk", enqueue=queue)
    assert again.printed == ()
    assert [(r.code, r.text()) for r in again.refused] == [
        (f"RS{good:08d}", "已打印 1 次, 重打请用「重打」")
    ]
    re = reship_flow.print_slips(
        any_sessions, [good], shop, "op2", "desk", reprint=True, enqueue=queue
    )
    assert re.printed[0].print_count == 2
    assert len(queue.sent) == 2
    with any_sessions() as s:
        actions = s.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.entity_id == str(good), AuditEntry.action.like("reship_%print"))
            .order_by(AuditEntry.id)
        ).all()
    assert actions == ["reship_print", "reship_reprint"]


def test_reprint_of_a_never_printed_slip_is_refused(any_sessions, shop, slips) -> None:  # type: ignore[no-untyped-def]
    good, _ = slips
    out = reship_flow.print_slips(
        any_sessions, [good], shop, "op", "desk", reprint=True, enqueue=FakeQueue()
    )
    assert out.printed == ()
    assert reship_rows.get_slip(any_sessions, good).print_count == 0


def test_queue_failure_leaves_slip_unprinted(any_sessions, shop, slips) -> None:  # type: ignore[no-untyped-def]
    good, _ = slips
    with pytest.raises(RuntimeError):
        reship_flow.print_slips(
            any_sessions, [good], shop, "op", "desk", enqueue=FakeQueue(fail=True)
        )
    row = reship_rows.get_slip(any_sessions, good)
    assert (row.state, row.print_count, row.printed_at) == ("pending", 0, None)


def test_ship_after_print_composes_message(any_sessions, shop, slips) -> None:  # type: ignore[no-untyped-def]
    good, _ = slips
    reship_flow.print_slips(any_sessions, [good], shop, "op", "desk", enqueue=FakeQueue())
    scanned = reship_flow.resolve_scan(any_sessions, f"rs{good:08d}")
    assert scanned.id == good
    res = reship_flow.ship(any_sessions, good, " yt1234567890123 ", shop, "op", "desk")
    assert res.courier == "圆通"
    assert res.tracking == "YT1234567890123"
    assert res.message == "亲,您的换货已发出,圆通 YT1234567890123,请注意查收"
    row = reship_rows.get_slip(any_sessions, good)
    assert (row.state, row.out_tracking, row.out_courier) == (
        "shipped",
        "YT1234567890123",
        "圆通",
    )
    assert reship_flow.message_of(row, shop) == res.message
    with pytest.raises(SlipAlreadyShipped):
        reship_flow.ship(any_sessions, good, "YT1234567890999", shop, "op", "desk")


def test_ambiguous_number_takes_the_slips_courier(any_sessions, shop, slips) -> None:  # type: ignore[no-untyped-def]
    good, _ = slips  # courier 中通; a 14-digit number from 7 could also be others
    reship_flow.print_slips(any_sessions, [good], shop, "op", "desk", enqueue=FakeQueue())
    res = reship_flow.ship(any_sessions, good, "73123456789012", shop, "op", "desk")
    assert res.courier == "中通"


def test_unknown_number_shape_takes_the_slips_courier(any_sessions, shop, slips) -> None:  # type: ignore[no-untyped-def]
    good, _ = slips  # courier 中通
    reship_flow.print_slips(any_sessions, [good], shop, "op", "desk", enqueue=FakeQueue())
    res = reship_flow.ship(any_sessions, good, "ZX123456789012", shop, "op", "desk")
    assert (res.courier, res.tracking) == ("中通", "ZX123456789012")


def test_ship_refusals(any_sessions, shop, slips) -> None:  # type: ignore[no-untyped-def]
    good, _ = slips
    other = reship.create_slip(any_sessions, draft(kind="补"), shop, "cs_lt", "desk")
    with pytest.raises(SlipNotShippable):
        reship_flow.ship(any_sessions, good, "YT1234567890123", shop, "op", "desk")
    reship_flow.print_slips(any_sessions, [good, other.id], shop, "op", "desk", enqueue=FakeQueue())
    with pytest.raises(UnknownTrackingNumber):
        reship_flow.ship(any_sessions, good, "hello", shop, "op", "desk")
    reship_flow.ship(any_sessions, good, "YT1234567890123", shop, "op", "desk")
    with pytest.raises(TrackingUsed) as err:
        reship_flow.ship(any_sessions, other.id, "YT1234567890123", shop, "op", "desk")
    assert err.value.text() == f"单号 YT1234567890123 已用在补发单 RS{good:08d} 上"
    assert reship_rows.get_slip(any_sessions, other.id).state == "printed"
    with pytest.raises(InvalidInput):
        reship_flow.resolve_scan(any_sessions, "YT1234567890123")


def test_scan_loop_order(any_sessions, shop, slips, settings) -> None:  # type: ignore[no-untyped-def]
    from returnsdesk.ui.reship.scan import ScanLoop

    good, bad = slips
    loop = ScanLoop(any_sessions, settings)
    out = loop.handle("YT1234567890123")
    assert (out.kind, out.text) == ("error", "请先扫补发单条码, 再扫新快递单号")
    out = loop.handle(f"RS{bad:08d}")
    assert (out.kind, out.text) == ("error", f"RS{bad:08d} 还没有打印")
    reship_flow.print_slips(any_sessions, [good], shop, "op", "desk", enqueue=FakeQueue())
    assert loop.handle(str(good)).kind == "slip"
    out = loop.handle("YT1234567890123")
    assert (out.kind, out.message) == (
        "shipped",
        "亲,您的换货已发出,圆通 YT1234567890123,请注意查收",
    )
    assert loop.current is None
    out = loop.handle(f"RS{good:08d}")
    assert (out.kind, out.message) == ("error", "亲,您的换货已发出,圆通 YT1234567890123,请注意查收")


@pytest.mark.postgres
def test_two_desks_printing_the_same_slip_print_it_once(pg_engine, shop, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import threading
    import time

    from returnsdesk.db.engine import make_session_factory

    checked = reship_flow.check

    def slow_check(*args, **kwargs):  # type: ignore[no-untyped-def]
        checked(*args, **kwargs)
        time.sleep(0.3)  # both desks are inside their transaction at once

    monkeypatch.setattr(reship_flow, "check", slow_check)

    sessions = make_session_factory(pg_engine)
    seed_shop(sessions)
    slip = reship.create_slip(sessions, draft(), shop, "cs", "d")
    start = threading.Barrier(2)
    outcomes: list[reship_flow.PrintOutcome] = []

    def desk(name: str) -> None:
        start.wait()
        out = reship_flow.print_slips(sessions, [slip.id], shop, name, name, enqueue=FakeQueue())
        outcomes.append(out)

    threads = [threading.Thread(target=desk, args=(n,)) for n in ("desk-a", "desk-b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(len(o.printed) for o in outcomes) == [0, 1]
    assert reship_rows.get_slip(sessions, slip.id).print_count == 1
