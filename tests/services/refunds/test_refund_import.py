"""Re-importing the platform's refund list closes the loop on the queue (SQLite, PostgreSQL)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from returnsdesk.importing.service import run_import
from returnsdesk.reports.refund_list import finance_rows
from returnsdesk.services.refunds import queue as rq
from returnsdesk.services.refunds.decide import decide
from returnsdesk.services.refunds.rows import rows as refund_rows

from helpers.factories import ItemSpec
from helpers.refund_data import REGISTERED, SHOE, request

HEADER = ["退款编号", "订单编号", "买家会员名称", "退款金额", "退款原因", "退货物流公司",
          "退货物流单号", "退款状态", "退款的申请时间", "买家支付宝账号", "退款完结时间"]  # fmt: skip
LATER = REGISTERED + dt.timedelta(hours=30)


def _row(no: str, order: str, status: str, finished: str = "", account: str = "") -> list[str]:
    return [no, order, "tb_xiaomei", "89.00", "尺码偏小", "圆通速递", "", status,
            "2026-11-20 09:00:00", account, finished]  # fmt: skip


def _import(sessions, tmp_path: Path, rows: list[list[str]]):  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([HEADER, *rows])
    path = tmp_path / "退款列表.csv"
    path.write_bytes(buf.getvalue().encode("gb18030"))
    return run_import(sessions, "refunds", path, home=tmp_path, user="lead", station="office")


def test_reimport_marks_refunded_closed_and_refunded_before_arrival(any_sessions, shop, tmp_path):
    with any_sessions.begin() as s:
        paid = request(s, [ItemSpec(*SHOE)], refund_no="300000001", order_no="310000001")
        shut = request(s, [ItemSpec(*SHOE)], refund_no="300000002", order_no="310000002")
        early = request(s, [ItemSpec(*SHOE)], refund_no="300000003", order_no="310000003")
    decide(any_sessions, shop, "300000001", "主管", "lead-pc", approve="89", now=REGISTERED)
    rules = shop.refunds
    assert rq.queue_ids(any_sessions, rules, LATER, "followup") == [paid.id]
    assert rq.queue_ids(any_sessions, rules, LATER, "open") == [shut.id, early.id]

    result = _import(any_sessions, tmp_path, [
        _row("300000001", "310000001", "退款成功", "2026-11-23 10:00:00", "pay@example.cn"),
        _row("300000002", "310000002", "退款关闭"),
        _row("300000003", "310000003", "退款成功", "2026-11-20 12:00:00"),
    ])  # fmt: skip
    assert (result.updated, result.rejected) == (3, 0)
    assert rq.queue_ids(any_sessions, rules, LATER, "followup") == []  # the platform paid it
    assert rq.queue_ids(any_sessions, rules, LATER, "open") == [early.id]  # closed: gone
    assert rq.queue_ids(any_sessions, rules, LATER, "flagged") == [early.id]
    rows = refund_rows(any_sessions, [paid.id, shut.id, early.id], shop, LATER)
    assert [rows[i].platform_state for i in (paid.id, shut.id, early.id)] == [
        "refunded", "closed", "refunded",
    ]  # fmt: skip
    assert rows[early.id].refunded_before_arrival
    assert not rows[paid.id].refunded_before_arrival
    assert [r.buyer_account for r in finance_rows(any_sessions, REGISTERED.date())] == [
        "pay@example.cn"
    ]
    again = _import(any_sessions, tmp_path, [_row("300000002", "310000002", "退款关闭")])
    assert (again.updated, again.unchanged) == (0, 1)  # nothing changes on a second import
