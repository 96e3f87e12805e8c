"""The lead's reshipment tables: the day's format problems per submitter, the month's archive.

The procedures ask for a daily table of the slips each CS agent submitted with problems
("有问题的都做成表格每天发组长一份") and for the slips to be filed by month.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import AuditEntry, ReshipSlip
from returnsdesk.domain.codes import reship_code
from returnsdesk.domain.kinds import SlipState, slip_state_name
from returnsdesk.domain.phone import phone_for
from returnsdesk.errors import InvalidInput
from returnsdesk.reports.tables import Table, write_csv, write_xlsx


def local_to_utc(moment: dt.datetime) -> dt.datetime:
    """A naive local time as the naive UTC the audit log stores."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def utc_to_local(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


@dataclass(frozen=True)
class ProblemRow:
    submitter: str
    code: str
    kind: str
    buyer_id: str
    note: str
    problems: str
    found_at: dt.datetime
    state: str  # the slip's state now: 有问题 (still) or what it became after the fix


PROBLEM_HEADER = ("提交人", "补发单", "类型", "买家ID", "商品", "问题", "发现时间", "现在状态")


def problem_rows(sessions: SessionFactory, day: dt.date) -> list[ProblemRow]:
    """Slips whose checks failed on ``day`` (local), the first problems found, per submitter."""
    start = local_to_utc(dt.datetime.combine(day, dt.time()))
    end = local_to_utc(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
    with sessions() as s:
        entries = s.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.action == "reship_problem",
                AuditEntry.at >= start,
                AuditEntry.at < end,
            )
            .order_by(AuditEntry.at, AuditEntry.id)
        ).all()
        first: dict[int, AuditEntry] = {}
        for e in entries:
            first.setdefault(int(e.entity_id), e)
        slips = {
            x.id: x for x in s.scalars(select(ReshipSlip).where(ReshipSlip.id.in_(list(first))))
        }
        rows = [
            ProblemRow(
                submitter=slip.submitter,
                code=reship_code(slip.id),
                kind=slip.kind,
                buyer_id=slip.buyer_id,
                note=slip.note,
                problems="; ".join(e.detail.splitlines()),
                found_at=utc_to_local(e.at),
                state=slip_state_name(slip.state),
            )
            for slip_id, e in first.items()
            if (slip := slips.get(slip_id)) is not None
        ]
    return sorted(rows, key=lambda r: (r.submitter, r.found_at))


def problem_counts(rows: Sequence[ProblemRow]) -> list[tuple[str, int]]:
    """(submitter, slips with problems), most first."""
    return Counter(r.submitter for r in rows).most_common()


@dataclass(frozen=True)
class ArchiveRow:
    code: str
    kind: str
    buyer_id: str
    order_no: str
    receiver: str
    phone: str  # masked
    address: str
    note: str
    courier: str
    tracking: str
    submitter: str
    created_at: dt.datetime
    print_count: int
    shipped_at: dt.datetime


ARCHIVE_HEADER = (
    "补发单", "类型", "买家ID", "订单号", "收货人", "电话", "地址", "商品",
    "快递", "单号", "提交人", "提交时间", "打印次数", "发货时间",
)  # fmt: skip


def parse_month(text: str) -> tuple[int, int]:
    """``2026-11`` → (2026, 11)."""
    try:
        year, month = (int(x) for x in text.strip().split("-"))
        dt.date(year, month, 1)
    except ValueError as exc:
        raise InvalidInput("月份应写成 2026-11: {text}", field="month", text=text) from exc
    return year, month


def archive_rows(
    sessions: SessionFactory, year: int, month: int, full_phones: bool = False
) -> list[ArchiveRow]:
    """The slips shipped in a month (local time), in shipping order; phones whole for the
    roles that may see them (``Act.FULL_PHONES``), masked otherwise."""
    start = dt.datetime(year, month, 1)
    end = dt.datetime(year + month // 12, month % 12 + 1, 1)
    with sessions() as s:
        slips = s.scalars(
            select(ReshipSlip)
            .where(
                ReshipSlip.state == SlipState.SHIPPED,
                ReshipSlip.shipped_at >= start,
                ReshipSlip.shipped_at < end,
            )
            .order_by(ReshipSlip.shipped_at, ReshipSlip.id)
        ).all()
        return [
            ArchiveRow(
                code=reship_code(x.id),
                kind=x.kind,
                buyer_id=x.buyer_id,
                order_no=x.order_no,
                receiver=x.receiver,
                phone=phone_for(x.phone, full_phones),
                address=x.address,
                note=x.note,
                courier=x.out_courier,
                tracking=x.out_tracking or "",
                submitter=x.submitter,
                created_at=x.created_at,
                print_count=x.print_count,
                shipped_at=x.shipped_at or start,
            )
            for x in slips
        ]


def _cells(row: ProblemRow | ArchiveRow) -> list[object]:
    out: list[object] = []
    for value in vars(row).values():
        out.append(value.strftime("%Y-%m-%d %H:%M") if isinstance(value, dt.datetime) else value)
    return out


def write_table(
    path: Path,
    header: Sequence[str],
    rows: Sequence[ProblemRow] | Sequence[ArchiveRow],
    title: str,
    summary: Sequence[tuple[str, int]] = (),
) -> Path:
    """XLSX (the summary per submitter on a second sheet) or CSV by the file's suffix.

    Through the shared report writers, so text from buyers never becomes a formula.
    """
    table = Table(title, list(header), [_cells(r) for r in rows])
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_csv([table], path)
    elif suffix == ".xlsx":
        extra = [Table("按提交人", ["提交人", "有问题的补发单"], [list(x) for x in summary])]
        write_xlsx([table, *(extra if summary else [])], path)
    else:
        raise InvalidInput("只能导出 .csv 或 .xlsx: {file}", file=path.name)
    return path


def export_problems(sessions: SessionFactory, day: dt.date, path: Path) -> tuple[Path, int]:
    rows = problem_rows(sessions, day)
    write_table(path, PROBLEM_HEADER, rows, f"补发单问题 {day}", problem_counts(rows))
    return path, len(rows)


def export_archive(
    sessions: SessionFactory, month: str, path: Path, full_phones: bool = False
) -> tuple[Path, int]:
    year, mon = parse_month(month)
    rows = archive_rows(sessions, year, mon, full_phones)
    write_table(path, ARCHIVE_HEADER, rows, f"补发单 {year}-{mon:02d}")
    return path, len(rows)
