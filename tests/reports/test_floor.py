"""The floor report on SQLite and PostgreSQL: by hour, by clerk, waiting, refunds, slips,
stations and their measured pace."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from returnsdesk.config import RefundRules
from returnsdesk.db.models import AuditEntry, Refund, RefundDecision, ReshipSlip
from returnsdesk.domain.pace import Histogram, Step, percentile
from returnsdesk.reports import floor as fl
from returnsdesk.reports import floor_export
from returnsdesk.services.common import stations

from helpers.factories import ItemSpec, parcel

DAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 18, 30)


def _at(h: int, m: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(h, m))


def _fill(sessions) -> None:  # type: ignore[no-untyped-def]
    with sessions.begin() as s:
        for minutes in (2, 4, 6, 8, 30):  # clerk1: five parcels, 2..30 minutes each
            parcel(s, DAY, [ItemSpec(qty=2)], received_at=_at(16, 0),
                   registered_at=_at(16, minutes))  # fmt: skip
        parcel(s, DAY, [ItemSpec()], clerk="clerk2", station="bench-2",
               received_at=_at(17, 10), registered_at=_at(17, 13))  # fmt: skip
        parcel(s, DAY, [], status="refused", clerk="clerk2", station="bench-2",
               received_at=_at(17, 20))  # fmt: skip
        # two open at bench-1: the older set aside (parked), the newer in hand
        parcel(s, DAY, [], status="matched", received_at=_at(17, 0), tracking_no="YT1000000000001")
        parcel(
            s, DAY, [], status="received", received_at=_at(18, 20), tracking_no="YT1000000000002"
        )
        r = Refund(refund_no="R1", order_no="O1", buyer_id="tb_a", amount=Decimal("10"),
                   return_tracking="YT1000000000003")  # fmt: skip
        r2 = Refund(refund_no="R2", order_no="O2", buyer_id="tb_b", amount=Decimal("10"),
                    return_tracking="YT1000000000004")  # fmt: skip
        s.add_all([r, r2])
        s.flush()
        # registered yesterday 19:00 → due today 19:00 (30 min left); the other this morning
        parcel(s, DAY - dt.timedelta(days=1), [ItemSpec()], refund_id=r.id,
               received_at=_at(18) - dt.timedelta(days=1),
               registered_at=_at(19) - dt.timedelta(days=1))  # fmt: skip
        parcel(s, DAY, [ItemSpec()], refund_id=r2.id, clerk="clerk2", station="bench-2",
               received_at=_at(9), registered_at=_at(9, 5))  # fmt: skip
        s.add(ReshipSlip(kind="换", buyer_id="tb_a", state="pending", created_at=_at(16)))
        s.add(ReshipSlip(kind="补", buyer_id="tb_b", state="printed", created_at=_at(10),
                         printed_at=_at(11)))  # fmt: skip
        s.add(AuditEntry(at=_at(16, 30), user="clerk1", action="discard"))


def test_floor_by_hour_and_clerk(any_sessions):
    _fill(any_sessions)
    r = fl.floor(any_sessions, DAY, NOW, RefundRules())
    hours = {h.hour: h for h in r.hours}
    assert (hours[16].received, hours[16].registered) == (5, 5)
    assert (hours[17].received, hours[17].registered, hours[17].refused) == (3, 1, 1)
    assert hours[17].parked == 1  # the 17:00 parcel, set aside for the 18:20 one
    assert hours[17].waiting == 1
    assert hours[18].waiting == 2
    assert min(hours) == 9
    assert max(hours) == 18
    clerks = {c.clerk: c for c in r.clerks}
    c1 = clerks["clerk1"]
    assert (c1.parcels, c1.items, c1.median_min, c1.p90_min) == (5, 10, 6.0, 30.0)
    assert (c1.refusals, c1.corrections) == (0, 1)
    assert (clerks["clerk2"].parcels, clerks["clerk2"].refusals) == (2, 1)
    assert r.totals["received"] == 10
    assert r.totals["open"] == 2


def test_floor_waiting_refunds_and_slips(any_sessions):
    _fill(any_sessions)
    r = fl.floor(any_sessions, DAY, NOW, RefundRules(), wait_minutes=60)
    waiting = {w.tracking_no: w for w in r.waiting}
    assert waiting["YT1000000000001"].minutes == 90
    assert waiting["YT1000000000001"].late
    assert not waiting["YT1000000000002"].late
    assert [(x.refund_no, x.urgent) for x in r.refunds] == [("R1", True), ("R2", False)]
    assert r.refunds[0].hours_left == 0.5
    assert r.refund_bands()["lt2"] == 1
    assert [x.buyer_id for x in r.to_print] == ["tb_a"]
    assert [x.buyer_id for x in r.to_ship] == ["tb_b"]
    doc = floor_export.as_json(r)
    assert doc["day"] == "2026-11-23"
    assert doc["refunds"][0]["refund_no"] == "R1"
    titles = [t.title for t in floor_export.floor_tables(r, "en")]
    assert "By hour" in titles


def test_stations_who_is_where_and_their_pace(any_sessions):
    _fill(any_sessions)
    stations.open_station(any_sessions, "bench-1", "clerk1", now=_at(8))
    stations.sign_in(any_sessions, "bench-1", "clerk3", now=_at(12))
    stations.open_station(any_sessions, "bench-2", "clerk2", now=_at(8))
    stations.heartbeat(any_sessions, "bench-2", now=NOW - dt.timedelta(minutes=10))
    stations.open_station(any_sessions, "desk", "printer", now=_at(9))
    stations.close_station(any_sessions, "desk", now=_at(17))
    meter = stations.PaceMeter("bench-1")
    for ms in (20, 40, 40, 60, 900):
        meter.add(Step.SCAN_PANEL, ms / 1000, today=DAY)
    meter.flush(any_sessions, now=NOW)
    meter.add(Step.SCAN_PANEL, 0.04, today=DAY)  # merged into the same day's row
    meter.flush(any_sessions, now=NOW)
    stations.heartbeat(any_sessions, "bench-1", now=NOW - dt.timedelta(minutes=1))
    r = fl.floor(any_sessions, DAY, NOW, RefundRules())
    by = {st.station: st for st in r.stations}
    b1 = by["bench-1"]
    assert (b1.user, b1.signed_in_at, b1.open) == ("clerk3", _at(12), True)
    assert b1.last_tracking == "YT1000000000002"
    assert (b1.scan_p50_ms, b1.scan_p95_ms, b1.measured) == (50, 1000, 6)
    assert not by["bench-2"].open  # not heard from for ten minutes
    assert not by["desk"].open


def test_histogram_and_percentile():
    h = Histogram()
    for ms in (5, 15, 15, 250, 99999):
        h.add(ms)
    assert h.total == 5
    assert (h.quantile_ms(0.5), h.quantile_ms(0.8), h.quantile_ms(1.0)) == (20, 300, 10000)
    assert Histogram.from_json(h.to_json()).counts == h.counts
    assert Histogram.from_json("not json").total == 0
    assert percentile([3.0, 1.0, 2.0], 0.5) == 2.0
    assert percentile([], 0.5) is None


def test_floor_refunds_are_the_queues_open_ones_of_the_last_days(any_sessions):
    """The floor's bounded query lists what the refund queue's 待审核 list holds, for the
    requests first registered in the last ``REFUND_DAYS``: a decided one leaves, a request
    whose first parcel came before that stays out even when a second parcel came today."""
    from returnsdesk.services.refunds import queue as rq

    _fill(any_sessions)
    old = DAY - dt.timedelta(days=fl.REFUND_DAYS + 1)
    with any_sessions.begin() as s:
        made = []
        for n in range(3, 7):
            r = Refund(refund_no=f"R{n}", order_no=f"O{n}", buyer_id=f"tb_{n}",
                       amount=Decimal("10"), return_tracking=f"YT100000000001{n}")  # fmt: skip
            s.add(r)
            s.flush()
            made.append(r)
        # R3: long overdue; R4: first parcel long ago, a second today; R5 and R6: this week
        parcel(s, old, [ItemSpec()], refund_id=made[0].id, received_at=_at(9) - (DAY - old),
               registered_at=_at(9, 5) - (DAY - old))  # fmt: skip
        parcel(s, old, [ItemSpec()], refund_id=made[1].id, received_at=_at(9) - (DAY - old),
               registered_at=_at(9, 5) - (DAY - old))  # fmt: skip
        parcel(s, DAY, [ItemSpec()], refund_id=made[1].id, received_at=_at(12),
               registered_at=_at(12, 5))  # fmt: skip
        for r in made[2:]:
            parcel(s, DAY - dt.timedelta(days=3), [ItemSpec()], refund_id=r.id,
                   received_at=_at(10) - dt.timedelta(days=3),
                   registered_at=_at(10, 5) - dt.timedelta(days=3))  # fmt: skip
        s.add(RefundDecision(refund_id=made[3].id, decision="refuse", note="n",
                             decided_by="lead", decided_at=_at(11)))  # fmt: skip
    r = fl.floor(any_sessions, DAY, NOW, RefundRules())
    assert [x.refund_no for x in r.refunds] == ["R5", "R1", "R2"]
    assert r.refund_bands() == {"overdue": 1, "lt2": 1, "lt6": 0, "lt12": 0, "rest": 1}
    with any_sessions() as s:
        names = dict(s.query(Refund.id, Refund.refund_no).all())
    queue = [names[i] for i in rq.queue_ids(any_sessions, RefundRules(), NOW)]
    assert queue == ["R3", "R4", "R5", "R1", "R2"]
