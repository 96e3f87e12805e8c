"""Weekly summary exports: XLSX (a sheet per breakdown + all registrations), CSV and PDF."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from returnsdesk.db.engine import SessionFactory
from returnsdesk.domain.summary import Breakdown, WeeklySummary
from returnsdesk.domain.weeks import IsoWeek
from returnsdesk.errors import InvalidInput
from returnsdesk.i18n import translate
from returnsdesk.reports.registrations import HEADERS, registration_rows
from returnsdesk.reports.tables import Progress, Table, write_csv, write_xlsx
from returnsdesk.reports.weekly import weekly_summary

FORMATS = ("xlsx", "csv", "pdf")
# "the week" is the week exported (the last full week or the current one), named in the
# overview's first row; "the week before" is the one before it
FIGURE_HEADERS = ("该周件数", "该周占比", "前一周件数", "前一周占比", "件数变化", "占比变化")
# the parcel outcomes count parcels (shares of the registered parcels)
PARCEL_HEADERS = ("该周包裹数", "该周占比", "前一周包裹数", "前一周占比", "包裹数变化", "占比变化")
PERCENT = "0.0%"


def overview_table(summary: WeeklySummary) -> Table:
    w, p = summary.week, summary.prev_week
    rows: list[tuple[object, ...]] = [
        ("周", str(w), str(p)),
        (
            "日期",
            f"{w.monday:%Y-%m-%d} ~ {w.sunday:%Y-%m-%d}",
            f"{p.monday:%Y-%m-%d} ~ {p.sunday:%Y-%m-%d}",
        ),
        ("登记包裹数", summary.parcels, summary.prev_parcels),
        ("退回件数", summary.total, summary.prev_total),
    ]
    return Table("总览", ("项目", "该周", "前一周"), rows)


def breakdown_rows(bd: Breakdown) -> Iterable[tuple[object, ...]]:
    for r in bd.rows:
        yield (
            *r.key,
            r.count,
            round(r.share, 4),
            r.prev_count,
            round(r.prev_share, 4),
            r.delta_count,
            round(r.delta_share, 4),
        )


def breakdown_table(bd: Breakdown) -> Table:
    n = len(bd.columns)
    formats = {n + 1: PERCENT, n + 3: PERCENT, n + 5: PERCENT}
    figures = PARCEL_HEADERS if bd.unit == "parcels" else FIGURE_HEADERS
    return Table(bd.title, (*bd.columns, *figures), list(breakdown_rows(bd)), formats)


def weekly_tables(
    sessions: SessionFactory,
    summary: WeeklySummary,
    bin_names: Mapping[str, str] | None = None,
    lang: str = "zh_CN",
) -> list[Table]:
    """The sheets, named and headed in ``lang``; the shop's data stays as it was written."""
    week = summary.week
    tables = [overview_table(summary)]
    tables += [breakdown_table(bd) for bd in summary.breakdowns]
    rows = registration_rows(sessions, week.monday, week.sunday, bin_names)
    tables.append(Table("该周登记明细", HEADERS, rows))
    return [_in_language(t, lang) for t in tables]


def _in_language(table: Table, lang: str) -> Table:
    overview = table.title == "总览"  # its first column names the figures
    rows = [(translate(str(r[0]), lang), *r[1:]) for r in table.rows] if overview else table.rows
    return replace(
        table,
        title=translate(table.title, lang),
        headers=tuple(translate(h, lang) for h in table.headers),
        rows=rows,
    )


def format_of(path: Path) -> str:
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InvalidInput("导出文件应为 .xlsx / .csv / .pdf: {file}", file=path.name)
    return fmt


def export_weekly(
    sessions: SessionFactory,
    week: IsoWeek,
    out: Path,
    bin_names: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    lang: str = "zh_CN",
) -> WeeklySummary:
    """Summarise ``week`` and write it to ``out``; the format follows the file's extension."""
    fmt = format_of(out)
    summary = weekly_summary(sessions, week, bin_names)
    if progress:
        progress(0, 0)
    if fmt == "pdf":
        from returnsdesk.printing.report_pdf import render_weekly_pdf

        render_weekly_pdf(summary, out)
        if progress:
            progress(1, 1)
    else:
        tables = weekly_tables(sessions, summary, bin_names, lang)
        writer = write_xlsx if fmt == "xlsx" else write_csv
        writer(tables, out, progress)
    return summary
