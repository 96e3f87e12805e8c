"""Export tables of the lead's lists: the money register and the repairs outstanding."""

from __future__ import annotations

from collections.abc import Sequence

from returnsdesk.reports.tables import Table
from returnsdesk.services.lead.money_rows import MoneyRow
from returnsdesk.services.lead.repairs import RepairRow

MONEY_HEADERS = (
    "日期",
    "编号",
    "类型",
    "金额",
    "登记员",
    "工位",
    "登记时间",
    "纸条编号",
    "旺旺名",
    "运单号",
    "冲正",
    "已交接",
    "备注",
)
REPAIR_HEADERS = (
    "收到日期",
    "纸条编号",
    "旺旺名",
    "品类",
    "款号",
    "颜色",
    "尺码",
    "规格",
    "数量",
    "原因",
    "已收天数",
    "返厂期限",
    "剩余天数",
)


def money_table(rows: Sequence[MoneyRow], title: str = "款项") -> Table:
    def flag(r: MoneyRow) -> str:
        if r.reverses_id is not None:
            return f"冲正 #{r.reverses_id}"
        return f"被 #{r.reversed_by} 冲正" if r.reversed_by is not None else ""

    return Table(
        title,
        MONEY_HEADERS,
        [
            (
                r.day,
                r.id,
                r.kind,
                r.amount,
                r.clerk,
                r.station,
                r.created_at.strftime("%Y-%m-%d %H:%M"),
                r.slip_no,
                r.buyer_id,
                r.tracking_no,
                flag(r),
                "是" if r.handover_id is not None else "",
                r.note,
            )
            for r in rows
        ],
        {3: "0.00"},
    )


def repair_cells(r: RepairRow) -> tuple[object, ...]:
    """One repair as the table, the export and the lead's list show it."""
    return (
        r.day,
        r.slip_no,
        r.buyer_id,
        r.category,
        r.model,
        r.color,
        r.size,
        r.spec,
        r.qty,
        r.reason,
        r.days_since,
        r.deadline,
        r.days_left,
    )


def repairs_table(rows: Sequence[RepairRow]) -> Table:
    return Table(
        "返厂维修",
        REPAIR_HEADERS,
        [repair_cells(r) for r in rows],
    )
