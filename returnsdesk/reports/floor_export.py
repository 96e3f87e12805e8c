"""The floor report written out: the XLSX sheets (``floor_tables``) and the ``report floor
--json`` document (``as_json``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from returnsdesk.i18n import translate
from returnsdesk.reports.floor import FloorReport
from returnsdesk.reports.tables import Table


def as_json(report: FloorReport) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.isoformat(timespec="seconds")
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    doc = plain(asdict(report))
    doc["refund_bands"] = report.refund_bands()
    return dict(doc)


def _minutes(value: float | None) -> object:
    return "" if value is None else value


def floor_tables(report: FloorReport, lang: str = "zh_CN") -> list[Table]:
    """The sheets of the floor's XLSX export, headed in ``lang``."""

    def t(text: str) -> str:
        return translate(text, lang)

    def table(title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> Table:
        return Table(t(title), [t(h) for h in headers], list(rows))

    return [
        table(
            "按小时",
            ("小时", "签收", "登记", "拒收", "搁置", "待登记"),
            ((f"{h.hour:02d}:00", h.received, h.registered, h.refused, h.parked, h.waiting)
             for h in report.hours),
        ),
        table(
            "按登记员",
            ("登记员", "包裹", "件数", "中位用时(分钟)", "P90用时(分钟)", "拒收", "更正"),
            ((c.clerk, c.parcels, c.items, _minutes(c.median_min), _minutes(c.p90_min),
              c.refusals, c.corrections) for c in report.clerks),
        ),
        table(
            "待登记包裹",
            ("运单号", "工位", "登记员", "扫描时间", "已等待(分钟)"),
            ((w.tracking_no, w.station, w.clerk, w.received_at, w.minutes)
             for w in report.waiting),
        ),
        table(
            "退款时限",
            ("退款编号", "买家", "截止", "剩余(小时)"),
            ((r.refund_no, r.buyer_id, r.due_at, r.hours_left) for r in report.refunds),
        ),
        table(
            "待打印和未发货的补发单",
            ("补发单号", "类型", "买家", "状态", "自"),
            ((x.slip_id, x.kind, x.buyer_id, x.state, x.since)
             for x in (*report.to_print, *report.to_ship)),
        ),
        table(
            "工位",
            ("工位", "在线", "登录人", "登录时间", "最后包裹", "扫描→面板 P50(ms)",
             "扫描→面板 P95(ms)", "登记→就绪 P50(ms)", "登记→就绪 P95(ms)"),
            ((st.station, t("是") if st.open else t("否"), st.user, st.signed_in_at or "",
              st.last_tracking, _minutes(st.scan_p50_ms), _minutes(st.scan_p95_ms),
              _minutes(st.register_p50_ms), _minutes(st.register_p95_ms))
             for st in report.stations),
        ),
    ]  # fmt: skip
