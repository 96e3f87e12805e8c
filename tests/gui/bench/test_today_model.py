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
