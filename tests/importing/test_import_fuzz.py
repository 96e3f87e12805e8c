"""Fuzzing the import readers: whatever the file or mapping, the user gets ``ImportFileError``
(one line in their language) or a result, never another exception. Seeded and bounded in count,
so it runs in seconds and a failure can be replayed."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from returnsdesk.db.engine import SessionFactory
from returnsdesk.errors import UserError
from returnsdesk.importing.service import preview, run_import
from returnsdesk.importing.source import LINE_MAX

SEED = 20261127
CASES = 80  # per family

GOOD_CSV = (
    "订单编号,买家会员名,收货地址,联系手机,物流单号,物流公司,商品属性,购买数量\r\n"
    '3156900062392749367,tb_x,"浙江省 杭州市 西湖区",13166131860,YT7529170342366,圆通速递,'
    "颜色分类:深紫;尺码:W7,1\r\n"
    "3127075068556203336,鞋控小王,北京 北京市 朝阳区,18865797543,1231948757491,EMS,,2\r\n"
)
REFUNDS_CSV = (
    "退款编号,订单编号,买家退款金额,买家退款原因,退货物流单号,退货物流公司\r\n"
    "200000000000003,3151704375324253005,89.00,尺码拍错,YT1092815901396,圆通速递\r\n"
)


def _xlsx() -> bytes:
    """The same bytes on every run: openpyxl stamps the save time into the workbook and its
    zip entries, which would move the seeded damage to other bytes each second."""
    wb = Workbook()
    ws = wb.active
    ws.append(["商家编码", "款号", "条码"])
    for i in range(20):
        ws.append([f"5815-深紫-W{i}", "5815", f"69000000000{i:02d}"])
    saved = io.BytesIO()
    wb.save(saved)
    fixed = io.BytesIO()
    stamp = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*")
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = stamp.sub(rb"\g<1>2026-01-01T00:00:00Z", src.read(info.filename))
            info.date_time = (2026, 1, 1, 0, 0, 0)
            dst.writestr(info, data)
    return fixed.getvalue()


def _random_bytes(rng: random.Random) -> bytes:
    prefix = rng.choice([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04", b'"'])
    return prefix + rng.randbytes(rng.randrange(0, 4096))


def _damaged(rng: random.Random, good: bytes) -> bytes:
    data = bytearray(good)
    how = rng.randrange(4)
    if how == 0:  # truncated anywhere
        return bytes(data[: rng.randrange(len(data) + 1)])
    if how == 1:  # bytes flipped
        for _ in range(rng.randrange(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if how == 2:  # random bytes spliced in
        at = rng.randrange(len(data) + 1)
        return bytes(data[:at]) + rng.randbytes(rng.randrange(1, 64)) + bytes(data[at:])
    return bytes(data) * rng.randrange(2, 50)  # repeated: headers inside, odd widths


def _encoded(rng: random.Random, text: str) -> bytes:
    return text.encode(rng.choice(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))


def _oversized(rng: random.Random) -> bytes:
    head = GOOD_CSV.encode("utf-8")
    what = rng.randrange(3)
    if what == 0:
        return head + b"9" * (LINE_MAX + rng.randrange(1, 100))
    if what == 1:
        return head + b"1," + b"x" * 40000 + b",a\r\n"
    return head + b'1,"' + b"x,\n" * 12000 + b'",a\r\n'


TOML_VALUES = [
    '"orders"', '"refunds"', '"catalog"', '""', "3", "-1", "3.5", "inf", "nan", "true",
    "1979-05-27T07:32:00Z", "1979-05-27", "07:32:00", "[]", '["订单编号"]', '["订单编号", 3]',
    "[[1, 2], [3]]", '{ a = 1 }', '"订单编号"', '"  "', '"\\u0000"',
]  # fmt: skip
TOML_KEYS = ["kind", "name", "label", "signature", "columns"]


GOOD_VALUES = {
    "kind": '"orders"', "name": '"管家"', "label": '"管家订单"', "signature": '["订单编号"]',
    "order_no": '"订单编号"', "buyer_id": '["买家会员名", "网名"]', "qty": '"购买数量"',
}  # fmt: skip


def _value(rng: random.Random, key: str) -> str:
    """Half the time a value that fits, so the other keys' checks are reached too."""
    good = GOOD_VALUES.get(key)
    return good if good and rng.random() < 0.5 else rng.choice(TOML_VALUES)


def _mapping(rng: random.Random) -> str:
    lines = []
    for key in TOML_KEYS:
        if rng.random() < 0.8:
            lines.append(f"{key} = {_value(rng, key)}")
    if rng.random() < 0.7:
        lines = [line for line in lines if not line.startswith("columns")]
        lines.append("[columns]")
        for field in rng.sample(["order_no", "buyer_id", "refund_no", "sku_code", "qty", "x"], 3):
            lines.append(f"{field} = {_value(rng, field)}")
    if rng.random() < 0.1:
        lines.append("[[columns]]")  # an array of tables where a table belongs
    return "\n".join(lines) + "\n"


def _try(fn: Callable[[], object]) -> None:
    try:
        fn()
    except UserError as exc:
        assert "\n" not in exc.text()
        assert exc.text("en")


def _both(sessions: SessionFactory, path: Path, kind: str, mapping: Path | None = None) -> None:
    _try(lambda: preview(kind, path, mapping=mapping))
    _try(
        lambda: run_import(
            sessions, kind, path, home=path.parent, user="u", station="s", mapping=mapping
        )
    )


@pytest.mark.parametrize(
    "family", ["random", "damaged_csv", "damaged_xlsx", "oversized", "mapping"]
)
def test_readers_raise_only_user_errors(
    family: str, sessions: SessionFactory, tmp_path: Path
) -> None:
    rng = random.Random(f"{SEED}-{family}")
    xlsx = _xlsx()
    kinds = ["orders", "refunds", "catalog"]
    for case in range(CASES if family != "oversized" else 6):
        path = tmp_path / f"{family}-{case}.{'xlsx' if family == 'damaged_xlsx' else 'csv'}"
        mapping = None
        kind = rng.choice(kinds)
        if family == "random":
            path.write_bytes(_random_bytes(rng))
        elif family == "damaged_csv":
            kind, text = rng.choice([("orders", GOOD_CSV), ("refunds", REFUNDS_CSV)])
            path.write_bytes(_damaged(rng, _encoded(rng, text)))
        elif family == "damaged_xlsx":
            kind = "catalog"
            path.write_bytes(_damaged(rng, xlsx))
        elif family == "oversized":
            path.write_bytes(_oversized(rng))
        else:
            path.write_text(GOOD_CSV, encoding="utf-8")
            mapping = tmp_path / f"mapping-{case}.toml"
            mapping.write_text(_mapping(rng), encoding="utf-8")
            kind = "orders"
        _both(sessions, path, kind, mapping)


def test_the_fuzzer_reaches_real_imports(sessions: SessionFactory, tmp_path: Path) -> None:
    """The families are not all refused at the door: the undamaged files import."""
    path = tmp_path / "good.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    r = run_import(sessions, "orders", path, home=tmp_path, user="u", station="s")
    assert r.imported == 2
    book = tmp_path / "good.xlsx"
    book.write_bytes(_xlsx())
    r = run_import(sessions, "catalog", book, home=tmp_path, user="u", station="s")
    assert r.imported == 20
    assert dt.date.today()  # the TOML values above include dates and times on purpose
