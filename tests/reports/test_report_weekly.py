"""Weekly summary: every cell against figures computed here from the known registrations."""

from __future__ import annotations

import csv
import datetime as dt
import random
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from returnsdesk.domain.weeks import IsoWeek
from returnsdesk.reports.export import FIGURE_HEADERS, export_weekly
from returnsdesk.reports.registrations import HEADERS
from returnsdesk.reports.weekly import bin_names_of, weekly_summary

from helpers.factories import ItemSpec, order, parcel

WEEK = IsoWeek(2026, 47)  # Mon 2026-11-16 .. Sun 2026-11-22
COURIER_NAMES = {"圆通": "圆通", "YTO": "圆通", "圆通速递": "圆通", "中通": "中通", "ZTO": "中通"}
RESP = {
    "buyer": "买家",
    "cs_agent": "客服",
    "warehouse": "仓库错发",
    "courier": "快递",
    "factory": "厂家质量",
}
BINS = {"restock": "良品", "repair": "返厂维修", "damage": "报损", "transfer": "调拨"}


@dataclass
class Known:
    day: dt.date
    status: str
    courier: str
    agent: str | None  # None: no order
    items: list[ItemSpec]


def known_set(seed: int = 7) -> list[Known]:
    rnd = random.Random(seed)
    reasons = ["尺码偏小", "尺码偏大", "质量问题", "发错货", "物流破损", "客服推荐错误", "其他"]
    out: list[Known] = []
    for offset in range(-14, 14):  # W45 .. W48
        day = WEEK.monday + dt.timedelta(days=offset)
        for _ in range(rnd.randint(1, 4)):
            items = [
                ItemSpec(
                    model=rnd.choice(["5815", "6001", "=cmd"]),
                    size=rnd.choice(["W6", "W7", ""]),
                    qty=rnd.randint(1, 3),
                    reason=rnd.choice(reasons),
                    condition=rnd.choice(["完好", "损坏", ""]),
                    bin=rnd.choice(list(BINS)),
                )
                for _ in range(rnd.randint(1, 3))
            ]
            out.append(
                Known(
                    day=day,
                    status=rnd.choice(["registered"] * 5 + ["no_info", "refused", "received"]),
                    courier=rnd.choice(list(COURIER_NAMES)),
                    agent=rnd.choice(["小红", "小蓝", "", None]),
                    items=items,
                )
            )
    return out


def insert(sessions, data: list[Known]) -> None:  # type: ignore[no-untyped-def]
    with sessions.begin() as s:
        for k in data:
            o = order(s, agent=k.agent) if k.agent is not None else None
            parcel(
                s,
                k.day,
                k.items,
                status=k.status,
                courier=k.courier,
                buyer="=HYPERLINK(1)" if k.items[0].model == "=cmd" else "tb_x",
                order_id=o.id if o else None,
            )


def expected(data: list[Known], week: IsoWeek, key: str, shop) -> Counter:  # type: ignore[no-untyped-def]
    resp = {r.code: r.responsibility for r in shop.reasons}
    c: Counter = Counter()
    for k in data:
        if k.status != "registered" or not week.monday <= k.day <= week.sunday:
            continue
        for it in k.items:
            label = {
                "reason": (it.reason,),
                "model": (it.model,),
                "model_size": (it.model, it.size or "(无)"),
                "condition": (it.condition or "(无)",),
                "bin": (BINS[it.bin],),
                "responsibility": (RESP[resp[it.reason]] if it.reason in resp else "(无)",),
                "agent": (k.agent or "(无)",),
                "courier": (COURIER_NAMES[k.courier],),
            }[key]
            c[label] += it.qty
    return c


KEYS = ["reason", "model", "model_size", "condition", "bin", "responsibility", "agent", "courier"]


@pytest.fixture
def loaded(any_sessions, shop):  # type: ignore[no-untyped-def]
    data = known_set()
    insert(any_sessions, data)
    return any_sessions, data


def test_every_breakdown_matches_independent_figures(loaded, shop) -> None:  # type: ignore[no-untyped-def]
    sessions, data = loaded
    summary = weekly_summary(sessions, WEEK, bin_names_of(shop))
    assert [b.key for b in summary.breakdowns] == [*KEYS, "outcome"]
    total = sum(expected(data, WEEK, "reason", shop).values())
    prev_total = sum(expected(data, WEEK.previous(), "reason", shop).values())
    assert total > 0
    assert prev_total > 0
    assert (summary.total, summary.prev_total) == (total, prev_total)
    registered = [k for k in data if k.status == "registered"]
    assert summary.parcels == sum(WEEK.monday <= k.day <= WEEK.sunday for k in registered)
    for key in KEYS:
        cur = expected(data, WEEK, key, shop)
        prev = expected(data, WEEK.previous(), key, shop)
        rows = summary.breakdown(key).rows
        assert {r.key for r in rows} == set(cur) | set(prev), key
        for r in rows:
            assert r.count == cur[r.key]
            assert r.prev_count == prev[r.key]
            assert r.share == pytest.approx(cur[r.key] / total)
            assert r.prev_share == pytest.approx(prev[r.key] / prev_total)
            assert r.delta_count == cur[r.key] - prev[r.key]
            assert r.delta_share == pytest.approx(cur[r.key] / total - prev[r.key] / prev_total)
        counts = [r.count for r in rows]
        assert counts == sorted(counts, reverse=True)
        assert sum(counts) == total


def test_empty_week_has_zero_shares(sessions) -> None:  # type: ignore[no-untyped-def]
    summary = weekly_summary(sessions, WEEK)
    assert summary.total == 0
    assert summary.breakdown("reason").rows == []


def test_week_parsing_and_default() -> None:
    assert IsoWeek.parse("2026-W47") == WEEK
    assert IsoWeek.parse("2026w47") == WEEK
    assert WEEK.monday == dt.date(2026, 11, 16)
    assert WEEK.sunday == dt.date(2026, 11, 22)
    assert IsoWeek.last_full(dt.date(2026, 11, 22)) == IsoWeek(2026, 46)
    assert IsoWeek.last_full(dt.date(2026, 11, 23)) == WEEK
    assert IsoWeek(2026, 1).previous() == IsoWeek(2025, 52)
    assert str(IsoWeek(2026, 3)) == "2026-W03"
    from returnsdesk.errors import InvalidInput

    with pytest.raises(InvalidInput):
        IsoWeek.parse("2026-W54")
    with pytest.raises(InvalidInput):
        IsoWeek.parse("last week")


def test_xlsx_has_a_sheet_per_breakdown_every_cell_and_no_formulas(
    loaded, shop, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sessions, data = loaded
    out = tmp_path / "w.xlsx"
    summary = export_weekly(sessions, WEEK, out, bin_names_of(shop))
    wb = load_workbook(out)
    titles = [b.title for b in summary.breakdowns]
    assert wb.sheetnames == ["总览", *titles, "该周登记明细"]
    total = summary.total
    for key, title in zip(KEYS, titles[: len(KEYS)], strict=True):  # the outcomes: below
        ws = wb[title]
        assert ws.freeze_panes == "A2"
        assert all(ws.column_dimensions[c].width >= 6 for c in "ABCDEFG")
        n = len(summary.breakdown(key).columns)
        header = [c.value for c in ws[1]]
        assert header[n:] == list(FIGURE_HEADERS)
        cur = expected(data, WEEK, key, shop)
        got = {}
        for row in ws.iter_rows(min_row=2, values_only=True):
            got[tuple(row[:n])] = row[n:]
        assert set(got) >= set(cur)
        for k, v in cur.items():
            assert v == got[k][0]
            assert got[k][1] == pytest.approx(v / total, abs=1e-4)
    # the model "=cmd" is text, not a formula
    ws = wb["按款号"]
    cells = [r[0] for r in ws.iter_rows(min_row=2)]
    cmd = next(c for c in cells if c.value == "=cmd")
    assert cmd.data_type == "s"
    assert cmd.quotePrefix
    detail = wb["该周登记明细"]
    assert [c.value for c in detail[1]] == list(HEADERS)
    days = [r[0] for r in detail.iter_rows(min_row=2, values_only=True)]
    assert all(WEEK.monday <= d.date() <= WEEK.sunday for d in days)
    items = [
        it
        for k in data
        if k.status == "registered" and WEEK.monday <= k.day <= WEEK.sunday
        for it in k.items
    ]
    assert detail.max_row - 1 == len(items)
    qty_col = HEADERS.index("数量")
    assert sum(r[qty_col] for r in detail.iter_rows(min_row=2, values_only=True)) == total
    buyers = [r[HEADERS.index("旺旺名")] for r in detail.iter_rows(min_row=2)]
    evil = [c for c in buyers if c.value == "=HYPERLINK(1)"]
    assert evil
    assert all(c.data_type == "s" for c in evil)


def test_csv_prefixes_formula_text_and_carries_every_table(loaded, shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sessions, data = loaded
    out = tmp_path / "w.csv"
    summary = export_weekly(sessions, WEEK, out, bin_names_of(shop))
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    titles = [r[0] for r in rows if len(r) == 1]
    assert titles == ["总览", *[b.title for b in summary.breakdowns], "该周登记明细"]
    flat = [c for r in rows for c in r]
    assert "=HYPERLINK(1)" not in flat
    assert "'=HYPERLINK(1)" in flat
    assert "'=cmd" in flat
    start = rows.index(["按退回原因"]) + 2
    reasons = {}
    for r in rows[start:]:
        if not r:
            break
        reasons[r[0]] = int(r[1])
    assert reasons == {k[0]: v for k, v in expected(data, WEEK, "reason", shop).items()} | {
        k[0]: 0
        for k in expected(data, WEEK.previous(), "reason", shop)
        if k not in expected(data, WEEK, "reason", shop)
    }


def test_pdf_embeds_a_chinese_font_and_shows_the_figures(loaded, shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sessions, _ = loaded
    out = tmp_path / "w.pdf"
    summary = export_weekly(sessions, WEEK, out, bin_names_of(shop))
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    lines = fonts.stdout.splitlines()[2:]
    assert lines, fonts.stdout
    assert all(line.split()[-5] == "yes" for line in lines), fonts.stdout  # emb
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2026-W47" in text
    assert "按退回原因" in text
    assert "按责任方" in text
    top = summary.breakdown("reason").rows[0]
    assert top.key[0] in text
    assert f"{summary.total}" in text


def test_the_english_workbook_names_its_sheets_and_columns_in_english(any_sessions, tmp_path):
    """Sheet names, headers and the overview's labels follow the language; the shop's data
    (reasons, conditions as shop.toml writes them) stays as written."""
    import re

    han = re.compile(r"[\u4e00-\u9fff]")
    with any_sessions.begin() as s:
        parcel(s, WEEK.monday, [ItemSpec()])
    out = tmp_path / "week.xlsx"
    export_weekly(any_sessions, WEEK, out, lang="en")
    book = load_workbook(out, read_only=True)
    names = book.sheetnames
    assert names[0] == "Overview"
    assert "By return reason" in names
    assert not any(han.search(n) for n in names), names
    head = [c.value for c in next(book["By return reason"].iter_rows(max_row=1))]
    assert head[:2] == ["Return reason", "Pieces in the week"]
    firsts = [r[0].value for r in book["Overview"].iter_rows(min_row=2)]
    book.close()  # read-only keeps the file open until closed
    assert not any(han.search(str(v)) for v in firsts), firsts


def test_parcel_outcomes_count_parcels_against_the_week_before(any_sessions, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from returnsdesk.db.models import Parcel

    with any_sessions.begin() as s:
        for day, outcomes in ((WEEK.monday, "empty"), (WEEK.monday, "short,not_ours"),
                              (WEEK.sunday, "short"), (WEEK.monday, ""),
                              (WEEK.monday - dt.timedelta(days=1), "short")):  # fmt: skip
            p = parcel(s, day, [ItemSpec()])
            p.outcomes = outcomes
        refused = parcel(s, WEEK.monday, [ItemSpec()], status="refused")
        refused.outcomes = "empty"  # not registered: not counted
    bd = weekly_summary(any_sessions, WEEK).breakdown("outcome")
    assert (bd.title, bd.columns, bd.unit) == ("按包裹结果", ("包裹结果",), "parcels")
    got = {r.key[0]: (r.count, r.share, r.prev_count, r.prev_share) for r in bd.rows}
    assert got == {
        "少件": (2, 0.5, 1, 1.0),
        "空包": (1, 0.25, 0, 0.0),
        "多件/非本店": (1, 0.25, 0, 0.0),
    }
    with any_sessions() as s:
        assert s.scalar(select(Parcel.outcomes).where(Parcel.id == refused.id)) == "empty"
    out = tmp_path / "week.xlsx"
    export_weekly(any_sessions, WEEK, out)
    book = load_workbook(out, read_only=True)  # read-only keeps the file open until closed
    rows = [[c.value for c in r] for r in book["按包裹结果"].iter_rows()]
    book.close()
    assert rows[0][:3] == ["包裹结果", "该周包裹数", "该周占比"]
    assert rows[1][:2] == ["少件", 2]
    en = tmp_path / "week-en.csv"
    export_weekly(any_sessions, WEEK, en, lang="en")
    assert "By parcel outcome" in en.read_text(encoding="utf-8-sig")
    pdf = tmp_path / "week.pdf"
    export_weekly(any_sessions, WEEK, pdf)
    assert "按包裹结果" in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                          text=True, check=True).stdout  # fmt: skip
