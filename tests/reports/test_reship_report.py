"""The lead's tables: the day's problem slips per submitter, the month's shipped slips."""

from __future__ import annotations

import csv
import datetime as dt

from openpyxl import load_workbook

from returnsdesk.db.engine import SessionFactory
from returnsdesk.reports import reship_report
from returnsdesk.services.reship import flow as reship_flow
from returnsdesk.services.reship import slips as reship

from helpers.reship_data import FakeQueue, draft, seed_shop


def test_problem_table_per_submitter(any_sessions: SessionFactory, shop, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed_shop(any_sessions)
    a = reship.create_slip(any_sessions, draft(phone="138****1860"), shop, "小慧", "cs")
    b = reship.create_slip(any_sessions, draft(courier=""), shop, "李婷", "cs")
    c = reship.create_slip(any_sessions, draft(address="浙江省杭州市"), shop, "李婷", "cs")
    reship.create_slip(any_sessions, draft(), shop, "小君", "cs")  # fine: not in the table
    # 李婷 fixes one slip: it stays in the day's table, marked as fixed
    reship.update_slip(any_sessions, b.id, draft(), shop, "李婷", "cs")
    today = dt.date.today()
    rows = reship_report.problem_rows(any_sessions, today)
    assert [(r.submitter, r.code, r.problems, r.state) for r in rows] == [
        ("小慧", a.code, "电话格式不对: 138****1860", "有问题"),
        ("李婷", b.code, "未选快递", "待打印"),
        ("李婷", c.code, "地址不完整: 缺区/县、详细地址", "有问题"),
    ]
    assert reship_report.problem_counts(rows) == [("李婷", 2), ("小慧", 1)]
    assert reship_report.problem_rows(any_sessions, today - dt.timedelta(days=1)) == []

    path, n = reship_report.export_problems(any_sessions, today, tmp_path / "p.xlsx")
    assert n == 3
    wb = load_workbook(path)
    sheet = wb.worksheets[0]
    assert [c.value for c in sheet[1]] == list(reship_report.PROBLEM_HEADER)
    assert sheet.cell(2, 1).value == "小慧"
    assert sheet.cell(2, 6).value == "电话格式不对: 138****1860"
    assert [[c.value for c in r] for r in wb["按提交人"].iter_rows(min_row=2)] == [
        ["李婷", 2],
        ["小慧", 1],
    ]
    path, _ = reship_report.export_problems(any_sessions, today, tmp_path / "p.csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    assert lines[0] == list(reship_report.PROBLEM_HEADER)
    assert [x[0] for x in lines[1:]] == ["小慧", "李婷", "李婷"]


def test_month_archive(any_sessions: SessionFactory, shop, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed_shop(any_sessions)
    ids = [reship.create_slip(any_sessions, draft(), shop, "cs", "d").id for _ in range(3)]
    reship_flow.print_slips(any_sessions, ids, shop, "op", "desk", enqueue=FakeQueue())
    when = [dt.datetime(2026, 10, 31, 23, 0), dt.datetime(2026, 11, 1, 9, 0)]
    for slip_id, tracking, at in zip(
        ids, ["YT1000000000001", "YT1000000000002"], when, strict=False
    ):
        reship_flow.ship(any_sessions, slip_id, tracking, shop, "op", "desk", now=at)
    rows = reship_report.archive_rows(any_sessions, 2026, 11)
    assert [(r.code, r.tracking, r.courier, r.phone) for r in rows] == [
        (f"RS{ids[1]:08d}", "YT1000000000002", "圆通", "131****1860")
    ]
    assert [r.tracking for r in reship_report.archive_rows(any_sessions, 2026, 10)] == [
        "YT1000000000001"
    ]
    path, n = reship_report.export_archive(any_sessions, "2026-11", tmp_path / "a.csv")
    assert n == 1
    with path.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    assert lines[1][0] == f"RS{ids[1]:08d}"
    assert lines[1][-1] == "2026-11-01 09:00"


def test_buyer_text_never_becomes_a_formula(any_sessions: SessionFactory, shop, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed_shop(any_sessions)
    evil = '=HYPERLINK("http://x","y")'
    reship.create_slip(any_sessions, draft(buyer_id=evil, phone=""), shop, "cs", "d")
    today = dt.date.today()
    path, _ = reship_report.export_problems(any_sessions, today, tmp_path / "p.csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f))[1][3] == "'" + evil
    path, _ = reship_report.export_problems(any_sessions, today, tmp_path / "p.xlsx")
    cell = load_workbook(path).worksheets[0].cell(2, 4)
    assert (cell.value, cell.data_type) == (evil, "s")


def test_archive_shows_whole_phones_only_when_asked(any_sessions: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    """The lead's export carries whole numbers; the default (any other viewer) is masked."""
    seed_shop(any_sessions)
    slip = reship.create_slip(any_sessions, draft(), shop, "cs", "d").id
    reship_flow.print_slips(any_sessions, [slip], shop, "op", "desk", enqueue=FakeQueue())
    at = dt.datetime(2026, 11, 2, 9, 0)
    reship_flow.ship(any_sessions, slip, "YT1000000000003", shop, "op", "desk", now=at)
    masked = reship_report.archive_rows(any_sessions, 2026, 11)
    whole = reship_report.archive_rows(any_sessions, 2026, 11, full_phones=True)
    assert [r.phone for r in masked] == ["131****1860"]
    assert [r.phone for r in whole] == ["13166131860"]
