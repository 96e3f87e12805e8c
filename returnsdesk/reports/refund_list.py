"""The day's refund list for finance (每天提交一份退款详细清单表格给财务): XLSX, CSV or PDF.

One row per request decided that day: its last decision of the day. A day's list stays as
finance received it: a decision that replaces one of an earlier day is marked 更正 on its
own day, and the earlier day's row says when it was replaced. Buyer text is written
formula-safe by the shared writers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Refund, RefundDecision
from returnsdesk.domain.kinds import Verdict, decision_name
from returnsdesk.reports.export import format_of
from returnsdesk.reports.tables import Progress, Table, write_csv, write_xlsx

HEADERS = (
    "退款编号",
    "订单编号",
    "买家",
    "买家支付账号",
    "退款类型",
    "申请金额",
    "批准金额",
    "差额",
    "退款原因",
    "决定",
    "依据",
    "备注",
    "审核人",
    "审核时间",
)
MONEY = "0.00"


@dataclass(frozen=True)
class FinanceRow:
    refund_no: str
    order_no: str
    buyer_id: str
    buyer_account: str
    kind: str
    asked: Decimal
    amount: Decimal
    reason: str
    decision: str
    corrected: bool
    replaced_at: dt.datetime | None
    grounds: str
    note: str
    decided_by: str
    decided_at: dt.datetime

    @property
    def difference(self) -> Decimal:
        return self.amount - self.asked if self.decision == Verdict.APPROVE else Decimal("0.00")

    @property
    def decision_name(self) -> str:
        name = decision_name(self.decision)
        if self.corrected:
            name += " (更正)"
        if self.replaced_at is not None:
            name += f" (已于 {self.replaced_at:%m-%d} 更改)"
        return name

    def cells(self) -> tuple[object, ...]:
        return (
            self.refund_no,
            self.order_no,
            self.buyer_id,
            self.buyer_account,
            self.kind,
            self.asked,
            self.amount,
            self.difference,
            self.reason,
            self.decision_name,
            self.grounds,
            self.note,
            self.decided_by,
            self.decided_at,
        )


def finance_rows(sessions: SessionFactory, day: dt.date) -> list[FinanceRow]:
    """The last decision of ``day`` on each request, in the order they were decided."""
    start = dt.datetime.combine(day, dt.time())
    end = start + dt.timedelta(days=1)
    d = aliased(RefundDecision)
    before = aliased(RefundDecision)  # the decision this one replaced
    after = aliased(RefundDecision)  # the one that replaced it
    q = (
        select(d, Refund, before.decided_at, after.decided_at)
        .join(Refund, Refund.id == d.refund_id)
        .outerjoin(before, before.id == d.supersedes_id)
        .outerjoin(after, after.supersedes_id == d.id)
        .where(
            d.decided_at >= start,
            d.decided_at < end,
            or_(after.id.is_(None), after.decided_at >= end),
        )
        .order_by(d.decided_at, d.id)
    )
    with sessions() as s:
        return [
            FinanceRow(
                r.refund_no,
                r.order_no,
                r.buyer_id,
                r.buyer_account,
                d.kind,
                d.asked,
                d.amount,
                r.reason,
                d.decision,
                replaced is not None and replaced < start,
                replaced_by,
                d.grounds,
                d.note,
                d.decided_by,
                d.decided_at,
            )
            for d, r, replaced, replaced_by in s.execute(q)
        ]


def finance_table(rows: list[FinanceRow], day: dt.date) -> Table:
    return Table(
        f"{day:%Y-%m-%d} 退款清单",
        HEADERS,
        [r.cells() for r in rows],
        {5: MONEY, 6: MONEY, 7: MONEY},
    )


def export_refund_list(
    sessions: SessionFactory, day: dt.date, out: Path, progress: Progress | None = None
) -> list[FinanceRow]:
    """Write the day's list to ``out``; the format follows the extension (.xlsx/.csv/.pdf)."""
    fmt = format_of(out)
    rows = finance_rows(sessions, day)
    if fmt == "pdf":
        from returnsdesk.printing.report_pdf import render_table_pdf

        approved = sum((r.amount for r in rows if r.decision == Verdict.APPROVE), Decimal("0.00"))
        render_table_pdf(
            f"退款清单 {day:%Y-%m-%d}",
            f"共 {len(rows)} 笔, 批准退款合计 {approved:.2f} 元",
            list(HEADERS),
            [[_pdf_cell(v) for v in r.cells()] for r in rows],
            out,
        )
    else:
        (write_xlsx if fmt == "xlsx" else write_csv)([finance_table(rows, day)], out, progress)
    return rows


def _pdf_cell(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.datetime):
        return value.strftime("%m-%d %H:%M")
    return value
