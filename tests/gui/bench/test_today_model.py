"""Today's list model passes pytest-qt's model checks, and loads rows lazily by id."""

import datetime as dt

from returnsdesk.services.bench import receive
from returnsdesk.ui.bench.today_model import TodayModel


def test_today_model(qtmodeltester, demo_context):
    for n in range(5):
        receive.receive_scan(demo_context.sessions, f"YT{n:013d}", "c", "b")
    model = TodayModel(demo_context)
    model.reload(dt.date.today())
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert model.index(0, 2).data() == "YT0000000000004"  # newest first
    assert model.index(4, 5).data() == "已扫描未登记"


def test_a_scan_inserts_its_row_and_reads_only_the_rows_it_touched(qtbot, bench):
    """The bench's list is not reset on every change: a new parcel is one inserted row, and
    only the rows of the parcels the scan touched are read again; a change made elsewhere
    reads every row again, still without a reset."""
    from returnsdesk.domain.topics import Topic

    from helpers.gui import burst

    v = bench.view
    model = v.today_table.model()
    first = bench.controller.session.scan("YT1234567890123").parcel_id
    bench.controller.today.reload()
    burst(qtbot, "RD+CANCEL")
    v.today_table.selectRow(0)
    resets, inserted, loads = [], [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    load = model._load
    model._load = lambda ids: loads.append(set(ids)) or load(ids)
    burst(qtbot, "75123456789012")  # another parcel: one row on top
    second = bench.controller.session.draft.parcel.id
    for row in range(model.rowCount()):
        model.index(row, 0).data()
    assert resets == []
    assert inserted == [(0, 0)]
    assert set().union(*loads) <= {first, second}
    assert v.today_table.selectionModel().selectedRows()[0].row() == 1  # still the first
    loads.clear()
    bench.bus.notify(Topic.PARCELS)  # another window's change: which parcel is not known
    for row in range(model.rowCount()):
        model.index(row, 0).data()
    assert resets == []
    assert set().union(*loads) == {first, second}
