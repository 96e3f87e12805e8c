"""Today's list model passes pytest-qt's model checks, and loads rows lazily by id."""

import datetime as dt
from threading import current_thread, main_thread

from PySide6.QtCore import Qt

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


def test_a_scan_inserts_its_row_and_reads_only_the_rows_it_touched(qtbot, bench, monkeypatch):
    """The bench's list is not reset on every change: a new parcel is one inserted row, and
    only the rows of the parcels the scan touched are read again, without asking for the
    day's ids, after the parcel's panel was painted and outside the UI thread; a change made
    elsewhere reads the ids and every row again, still without a reset."""
    from PySide6.QtCore import QEvent, QObject

    from returnsdesk.domain.topics import Topic
    from returnsdesk.services.bench import today

    from helpers.gui import burst

    v = bench.view
    model = v.today_table.model()
    first = bench.controller.session.scan("YT1234567890123").parcel_id
    bench.controller.today.reload()
    burst(qtbot, "RD+CANCEL")
    v.today_table.selectRow(0)
    resets, inserted, loads, order = [], [], [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)) or order.append("list"))

    class Painted(QObject):
        def eventFilter(self, _watched, event):
            if event.type() == QEvent.Type.Paint and v.status_line.text() not in order:
                order.append(v.status_line.text())
            return False

    painted = Painted()
    v.status_line.installEventFilter(painted)
    load, threads = model._load, []
    model._load = lambda ids: (
        loads.append(set(ids)) or threads.append(current_thread()) or load(ids)
    )
    day_ids, asked = today.day_ids, []
    monkeypatch.setattr(today, "day_ids", lambda *a: asked.append(1) or day_ids(*a))
    burst(qtbot, "75123456789012")  # another parcel: one row on top
    qtbot.waitUntil(lambda: not bench.controller.list_pending)
    second = bench.controller.session.draft.parcel.id
    for row in range(model.rowCount()):
        model.index(row, 0).data()
    assert resets == []
    assert inserted == [(0, 0)]
    assert order.index(v.status_line.text()) < order.index("list")  # the panel came first
    assert threads
    assert main_thread() not in threads  # read in the background, placed here
    assert set().union(*loads) <= {first, second}
    assert v.today_table.selectionModel().selectedRows()[0].row() == 1  # still the first
    assert asked == []
    assert [model.parcel_id(r) for r in range(model.rowCount())] == day_ids(
        bench.ctx.sessions, dt.date.today()
    )
    loads.clear()
    bench.bus.notify(Topic.PARCELS)  # another window's change: which parcel is not known
    qtbot.waitUntil(lambda: not bench.controller.list_pending)
    for row in range(model.rowCount()):
        model.index(row, 0).data()
    assert resets == []
    assert set().union(*loads) == {first, second}
    assert asked == [1]


def test_a_touched_parcel_older_than_the_top_row_is_placed_by_the_days_ids(qtbot, demo_context):
    """A parcel of the day this window had not listed yet (another station's, received
    earlier than the top row) is put where the day's order says, not on top; a touched
    parcel that is no longer of the day leaves."""
    from returnsdesk.db.models import Parcel

    sessions = demo_context.sessions
    ids = [receive.receive_scan(sessions, f"YT{n:013d}", "c", "b").parcel.id for n in range(3)]
    model = TodayModel(demo_context)
    with sessions.begin() as s:  # the oldest is not listed yet, as if another station's
        s.get(Parcel, ids[0]).day = dt.date.today() - dt.timedelta(days=1)
    model.reload()
    assert model.rowCount() == 2
    with sessions.begin() as s:
        s.get(Parcel, ids[0]).day = dt.date.today()
        s.get(Parcel, ids[2]).day = dt.date.today() - dt.timedelta(days=1)
    model.reload(changed={ids[0], ids[2]})
    assert [model.parcel_id(r) for r in range(model.rowCount())] == [ids[1], ids[0]]


def test_the_lists_columns_grow_for_what_arrives_and_cut_nothing(qtbot, bench):
    """Columns are not measured over every row at every change, yet a row that arrives with
    a longer value (an 18-digit waybill, a long buyer) widens its column: every column but
    the last, which stretches, is as wide as Qt's own measure of the rows on screen."""
    from helpers.gui import burst

    v = bench.view
    table, model = v.today_table, v.today_table.model()
    for number in ("YT1234567890123", "773012345678901234", "RD+CANCEL"):
        burst(qtbot, number)
    bench.controller.session.attach("a_buyer_with_a_rather_long_wangwang_name_2026")
    burst(qtbot, "RD+CANCEL")
    qtbot.waitUntil(lambda: not bench.controller.list_pending)
    assert model.rowCount() == 2
    header = table.horizontalHeader()
    for col in range(model.columnCount() - 1):
        assert header.sectionSize(col) >= table.sizeHintForColumn(col), model.headerData(
            col, Qt.Orientation.Horizontal
        )


def test_a_list_read_the_database_refused_is_tried_again(qtbot, bench):
    """The list's background read meets a busy database: the list stays as it was and is
    read again, every row, a second later; nothing is lost and the bench goes on."""
    from returnsdesk.errors import DatabaseBusy

    from helpers.gui import burst

    model = bench.view.today_table.model()
    load, calls = model._load, []

    def busy_once(ids):
        calls.append(list(ids))
        if len(calls) == 1:
            raise DatabaseBusy(seconds="5")
        return load(ids)

    model._load = busy_once
    burst(qtbot, "YT1234567890123")
    qtbot.waitUntil(lambda: len(calls) == 1)
    assert bench.controller.list_pending
    assert model.rowCount() == 0
    qtbot.waitUntil(lambda: not bench.controller.list_pending, timeout=5000)
    assert model.rowCount() == 1
    assert model.index(0, 2).data() == "YT1234567890123"
