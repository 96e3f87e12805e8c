"""Two stations at once, and a power cut in the middle of a save, on a real database file
(SQLite in WAL mode) and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from sqlalchemy import Engine, func, select, text

from returnsdesk.db.engine import make_engine, make_session_factory
from returnsdesk.db.migrate import upgrade
from returnsdesk.db.models import DayCounter, Parcel, ParcelItem
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.errors import DuplicateParcel
from returnsdesk.services.bench import receive, register
from returnsdesk.services.bench.register import ItemInput, RegisterInput
from returnsdesk.services.common.lists import ensure_lists

from helpers.together import together

NOW = dt.datetime(2026, 11, 22, 17, 0)
ITEM = ItemInput(ItemSpec("5815", "鞋", "深紫", "W7"), reason="尺码偏小", condition="完好")


def _sessions(engine: Engine, shop):
    factory = make_session_factory(engine)
    ensure_lists(factory, shop)
    return factory


def test_two_stations_save_the_same_parcel(shared_engine, shop):
    sessions = _sessions(shared_engine, shop)
    got = receive.receive_scan(sessions, "YT1234567890123", "c1", "bench-1", now=NOW)
    receive.attach_buyer(sessions, got.parcel.id, "tb_xiaomei", "c1", "bench-1")
    a, b = together(
        lambda: register.register_parcel(
            sessions, got.parcel.id, RegisterInput((ITEM,)), "c1", "bench-1", shop
        ),
        lambda: register.register_parcel(
            sessions, got.parcel.id, RegisterInput((ITEM,)), "c2", "bench-2", shop
        ),
    )
    outcomes = sorted(type(r).__name__ for r in (a, b))
    assert outcomes == ["ParcelTaken", "RegisterResult"]
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(ParcelItem)) == 1
        assert s.scalar(select(DayCounter.last_slip_no)) == 1


def test_two_stations_scan_the_same_parcel(shared_engine, shop):
    sessions = _sessions(shared_engine, shop)
    a, b = together(
        lambda: receive.receive_scan(sessions, "YT5555555555555", "c1", "bench-1", now=NOW),
        lambda: receive.receive_scan(sessions, "YT5555555555555", "c2", "bench-2", now=NOW),
    )
    assert {a.parcel.id, b.parcel.id} == {a.parcel.id}
    assert sorted([a.created, b.created]) == [False, True]


def test_slip_numbers_stay_unique_across_stations(shared_engine, shop):
    sessions = _sessions(shared_engine, shop)
    ids = []
    for n in range(12):
        got = receive.receive_scan(sessions, f"YT{n:013d}", "c", "b", now=NOW)
        receive.attach_buyer(sessions, got.parcel.id, f"buyer{n}", "c", "b")
        ids.append(got.parcel.id)

    def station(mine):
        return [
            register.register_parcel(sessions, pid, RegisterInput((ITEM,)), "c", "b", shop).slip_no
            for pid in mine
        ]

    first, second = together(lambda: station(ids[0::2]), lambda: station(ids[1::2]))
    assert not isinstance(first, Exception), first
    assert not isinstance(second, Exception), second
    assert sorted(first + second) == list(range(1, 13))


POWER_CUT = """
import os, sys
from sqlalchemy import event
from sqlalchemy.orm import Session
from returnsdesk.config import load_shop_config
from returnsdesk.db.engine import make_engine, make_session_factory
from returnsdesk.services.bench import register
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.services.bench.register import ItemInput, RegisterInput

engine = make_engine(sys.argv[1])
sessions = make_session_factory(engine)

@event.listens_for(Session, "before_commit")
def power_cut(session):
    session.flush()
    os._exit(9)  # the power goes out with everything written but not committed

item = ItemInput(ItemSpec("5815", "鞋", "深紫", "W7"), reason="尺码偏小", condition="完好")
register.register_parcel(sessions, int(sys.argv[2]), RegisterInput((item,)), "c", "b",
                         load_shop_config())
"""


def test_power_cut_mid_save_leaves_the_parcel_as_scanned(tmp_path, shop):
    url = f"sqlite:///{tmp_path / 'cut.db'}"
    engine = make_engine(url)
    upgrade(engine)
    sessions = _sessions(engine, shop)
    got = receive.receive_scan(sessions, "YT1234567890123", "c", "b", now=NOW)
    receive.attach_buyer(sessions, got.parcel.id, "tb_xiaomei", "c", "b")
    engine.dispose()
    proc = subprocess.run([sys.executable, "-c", POWER_CUT, url, str(got.parcel.id)], check=False)
    assert proc.returncode == 9
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    with sessions() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        p = s.get(Parcel, got.parcel.id)
        assert p.status == "matched"
        assert p.slip_no is None
        assert p.items == []
        assert s.scalar(select(func.count()).select_from(DayCounter)) == 0
    res = register.register_parcel(sessions, got.parcel.id, RegisterInput((ITEM,)), "c", "b", shop)
    assert res.slip_no == 1
    with pytest.raises(DuplicateParcel):
        register.register_parcel(sessions, got.parcel.id, RegisterInput((ITEM,)), "c", "b", shop)
    engine.dispose()


STATION = """
import sys
from returnsdesk.config import load_shop_config
from returnsdesk.db.engine import make_engine, make_session_factory
from returnsdesk.errors import UserError
from returnsdesk.services.bench import receive, register
from returnsdesk.domain.strings import ItemSpec
from returnsdesk.services.bench.register import ItemInput, RegisterInput

url, me, ids = sys.argv[1], sys.argv[2], [int(x) for x in sys.argv[3].split(",")]
sessions = make_session_factory(make_engine(url))
shop = load_shop_config()
item = ItemInput(ItemSpec("5815", "鞋", "深紫", "W7"), reason="尺码偏小", condition="完好")
for rnd in range(2):
    for pid in ids if int(me) % 2 else reversed(ids):
        for work in (
            lambda: receive.attach_buyer(sessions, pid, f"buyer_{me}_{rnd}", me, f"bench-{me}"),
            lambda: register.register_parcel(sessions, pid, RegisterInput((item,)), me,
                                             f"bench-{me}", shop),
        ):
            try:
                work()
            except UserError:
                pass
"""


def test_several_processes_never_change_a_registered_parcel(shared_engine, shop):
    """Four stations attach buyers to and register the same parcels at once: every parcel is
    registered once, and no attach lands after its registration (the buyer, order and refund
    on the parcel are those its register line was written with)."""
    from returnsdesk.db.models import AuditEntry

    sessions = _sessions(shared_engine, shop)
    ids = [receive.receive_scan(sessions, f"YT7{n:012d}", "c", "b", now=NOW).parcel.id
           for n in range(30)]  # fmt: skip
    url = shared_engine.url.render_as_string(hide_password=False)
    arg = ",".join(map(str, ids))
    procs = [subprocess.Popen([sys.executable, "-c", STATION, url, str(n), arg]) for n in range(4)]
    assert [p.wait(240) for p in procs] == [0, 0, 0, 0]
    with sessions() as s:
        for p in s.scalars(select(Parcel).where(Parcel.id.in_(ids))):
            assert p.status == "registered"
            assert f"ID:{p.buyer_id} " in p.register_line, (p.id, p.buyer_id, p.register_line)
            trail = s.execute(
                select(AuditEntry.action, AuditEntry.id)
                .where(AuditEntry.entity == "parcel", AuditEntry.entity_id == str(p.id))
                .order_by(AuditEntry.id)
            ).all()
            actions = [a for a, _ in trail]
            assert actions.count("register") == 1
            assert "attach_buyer" not in actions[actions.index("register") :]


ENGINE_STATION = """
import json, sys
from returnsdesk.config import load_shop_config
from returnsdesk.db.engine import make_engine, make_session_factory
from returnsdesk.domain import barcode_commands
from returnsdesk.services.bench.session import BenchSession, MemoryStore

url, me, out = sys.argv[1], sys.argv[2], sys.argv[3]
numbers = sys.argv[4].split(",")
sessions = make_session_factory(make_engine(url))
bench = BenchSession(sessions, load_shop_config(), f"clerk{me}", f"bench-{me}",
                     store=MemoryStore(), labels=False)
told = []
for tracking in numbers if int(me) % 2 else reversed(numbers):
    steps = [lambda: bench.scan(tracking), lambda: bench.attach(f"tb_bench{me}"),
             lambda: bench.scan("6901234567892"),
             lambda: bench.scan(barcode_commands.reason_code("1")),
             lambda: bench.scan(barcode_commands.condition_code("1")), bench.commit]
    for step in steps:
        got = step()
        if got.result is not None:
            told.append({"tracking": tracking, "line": got.result.register_line,
                         "slip": got.result.slip_no, "buyer": f"tb_bench{me}"})
        if got.failed:
            bench.cancel()
            break
with open(out, "w", encoding="utf-8") as f:
    json.dump(told, f, ensure_ascii=False)
"""


def test_what_several_bench_engines_are_told_is_what_the_database_holds(
    shared_engine, shop, tmp_path
):
    """Four stations' bench engines (the window's core) take the same parcels at once, each
    naming its own buyer: every registration a station is told of is the one the database
    holds, with that station's buyer, clerk and register line."""
    import json

    from returnsdesk.db.models import Sku

    sessions = _sessions(shared_engine, shop)
    with sessions.begin() as s:
        s.add(Sku(sku_code="A", model="5815", category="鞋", color="深紫", size="W7",
                  barcode="6901234567892"))  # fmt: skip
    numbers = [f"YT8{n:012d}" for n in range(16)]
    url = shared_engine.url.render_as_string(hide_password=False)
    outs = [tmp_path / f"told{n}.json" for n in range(4)]
    line = ",".join(numbers)
    procs = [
        subprocess.Popen([sys.executable, "-c", ENGINE_STATION, url, str(n), str(out), line])
        for n, out in enumerate(outs)
    ]
    assert [p.wait(240) for p in procs] == [0, 0, 0, 0]
    told = {n: json.loads(out.read_text(encoding="utf-8")) for n, out in enumerate(outs)}
    registered: dict[str, int] = {}
    with sessions() as s:
        for n, lines in told.items():
            for t in lines:
                p = s.scalar(select(Parcel).where(Parcel.tracking_no == t["tracking"]))
                assert p is not None, t
                assert p.status == "registered", t
                assert (p.buyer_id, p.clerk, p.register_line, p.slip_no) == (
                    t["buyer"],
                    f"clerk{n}",
                    t["line"],
                    t["slip"],
                ), (n, t)
                assert t["tracking"] not in registered, (n, registered)
                registered[t["tracking"]] = n
    assert sorted(registered) == sorted(numbers)  # every parcel registered, each told once
