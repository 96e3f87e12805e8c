"""Demo data goes in with its ids given; an import afterwards must still find free ids."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import func, select

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order
from returnsdesk.importing.service import run_import
from returnsdesk.services.admin.demo import fill_demo

HEADER = ["订单编号", "买家会员名", "买家实际支付金额", "订单状态", "收货人姓名", "收货地址",
          "联系手机", "订单付款时间", "物流单号", "物流公司"]  # fmt: skip


def _orders_file(path: Path, n: int) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADER)
    for i in range(n):
        w.writerow([f"31569{i:04d}062392749", f"tb_new_{i}", "99.00", "交易成功", "肖磊",
                    "浙江省 杭州市 西湖区 世纪大道574号", "13166131860",
                    "2026-10-04 10:21:30", f"YT75291703{i:05d}", "圆通速递"])  # fmt: skip
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return path


def test_an_import_after_demo_gets_new_ids(any_sessions: SessionFactory, tmp_path: Path) -> None:
    def import_orders(name: str, n: int):  # type: ignore[no-untyped-def]
        file = _orders_file(tmp_path / name, n)
        return run_import(
            any_sessions, "orders", file, home=tmp_path, user="lead", station="office"
        )

    fill_demo(any_sessions, orders=50, seed=1)
    result = import_orders("orders.csv", 30)
    assert (result.imported, result.rejected) == (30, 0)
    with any_sessions() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 80
    fill_demo(any_sessions, orders=5, seed=2)  # demo again on top, then one more import
    result = import_orders("more.csv", 1)
    assert result.updated + result.imported + result.unchanged == 1
