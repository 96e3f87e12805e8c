"""The text rule where people and files fill fields: a ``register`` line, the bench session,
an import, a lookup; the same answer on SQLite and PostgreSQL, and nothing written."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Order, OrderLine, Parcel
from returnsdesk.errors import UserError
from returnsdesk.importing.service import run_import
from returnsdesk.services.bench.lookup import lookup
from returnsdesk.services.bench.session import BenchSession, Field, MemoryStore
from returnsdesk.services.bench.session.batch import Batch

BAD = ["\x00", "\n", "\x1b", "\x85", "\u200b", "\u202e", "\ufeff", "\udcff"]
ITEM = {"model": "5815", "color": "深紫", "size": "W7", "reason": "尺码偏小", "condition": "完好"}


def _line(field: str, value: str) -> dict[str, Any]:
    line: dict[str, Any] = {
        "tracking": "YT1234567890999",
        "buyer": "tb_text",
        "items": [dict(ITEM)],
    }
    if field.startswith("items[0]."):
        line["items"][0][field.split(".", 1)[1]] = value
    else:
        line[field] = value
    if field in ("sender_name", "contents"):
        line.pop("buyer")
    return line


def _parcels(sessions: SessionFactory) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(Parcel)) or 0


FIELDS = ["tracking", "buyer", "items[0].model", "items[0].color", "items[0].accessories",
          "sender_name", "contents"]  # fmt: skip


@pytest.mark.parametrize("field", FIELDS)
def test_register_refuses_a_bad_character_naming_the_field(
    any_sessions: SessionFactory, shop: Any, field: str
) -> None:
    batch = Batch(any_sessions, shop, "clerk", "bench-1")
    for char in BAD:
        out = batch.line(_line(field, f"tb_x{char}ID:tb_other"))
        assert out.get("field") == field, (repr(char), out)
        assert "error" in out, (repr(char), out)
        assert "\n" not in out["error"]
        assert "\x00" not in str(out["value"])
        str(out).encode("utf-8")  # writable: no lone surrogate travels back
    assert _parcels(any_sessions) == 0
    assert "error" not in batch.line(_line("buyer", "tb_text")), "a clean line still registers"


def test_bench_session_refuses_on_the_field_concerned(
    any_sessions: SessionFactory, shop: Any
) -> None:
    bench = BenchSession(any_sessions, shop, "clerk", "bench-1", store=MemoryStore())
    assert not bench.scan("YT1234567890998").failed
    out = bench.attach("tb_x\nID:tb_other")
    assert out.failed
    assert out.field is Field.BUYER
    assert not bench.attach("tb_clean").failed
    out = bench.add_text("5815\u200b深紫W7")
    assert out.failed
    assert out.field is Field.ITEM
    assert not bench.add_text("5815深紫W7").failed
    out = bench.set_accessories("鞋盒\x00")
    assert out.failed
    assert out.field is Field.ACCESSORY
    bench.reason_key("1")
    bench.condition_key("1")
    assert bench.commit().event.value == "registered"


HEADER = ["订单编号", "买家会员名", "买家实际支付金额", "订单状态", "收货人姓名", "收货地址",
          "联系手机", "订单付款时间", "物流单号", "物流公司", "订单备注"]  # fmt: skip


def _row(n: int, name: str = "肖磊", note: str = "", buyer: str = "") -> list[str]:
    return [f"31569{n:04d}062392749", buyer or f"tb_imp_{n}", "99.00", "交易成功", name,
            "浙江省 杭州市 西湖区 世纪大道574号", "13166131860", "2026-10-04 10:21:30",
            f"YT75291703{n:05d}", "圆通速递", note]  # fmt: skip


def test_import_rejects_rows_with_a_bad_character_and_keeps_line_breaks_of_notes_as_spaces(
    any_sessions: SessionFactory, tmp_path: Path
) -> None:
    rows = [HEADER, _row(1, name="肖\x1b磊"), _row(2, buyer="tb_\u202eevil"),
            _row(3, note="第一行\n第二行"), _row(4, name="张\u200b三"), _row(5)]  # fmt: skip
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "orders.csv"
    path.write_bytes(buf.getvalue().encode("utf-8"))
    result = run_import(any_sessions, "orders", path, home=tmp_path, user="lead", station="o")
    assert (result.imported, result.rejected) == (2, 3), result.rejections
    reasons = " ".join(r for _, r in result.rejections)
    assert "receiver_name" in reasons
    assert "U+001B" in reasons
    assert "U+200B" in reasons
    with any_sessions() as s:
        notes = s.scalars(select(Order.seller_note)).all()
        assert "第一行 第二行" in notes
        assert s.scalar(select(func.count()).select_from(OrderLine)) == 0


def test_lookup_answers_every_input_with_a_user_error_at_worst(
    any_sessions: SessionFactory,
) -> None:
    r = random.Random(26)
    alphabet = ["\x00", "\n", "\xff", "\udcff", "\u202e", "\u200b", "%", "_", "'", '"', "\\",
                "tb", "YT", "1", "9", "车", " ", "*", "="]  # fmt: skip
    for _ in range(300):
        value = "".join(r.choice(alphabet) for _ in range(r.randrange(0, 30)))
        try:
            lookup(any_sessions, value)
        except UserError as exc:
            assert one_clean_line(exc.text())
    with pytest.raises(UserError):
        lookup(any_sessions, "tb_" + "x" * 500)


def one_clean_line(text: str) -> bool:
    return "\n" not in text and bool(text.encode("utf-8"))
