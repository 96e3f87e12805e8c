"""Column presets and mapping files: which header of an export holds which of our fields.

Presets live in ``resources/import_presets.toml``; a lead writes a mapping file of the same
shape for any other ERP. Header names are compared without whitespace, so column order,
extra columns and stray spaces do not matter.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from returnsdesk.i18n import Message
from returnsdesk.importing.messages import file_error

KINDS = ("orders", "refunds", "catalog")
KIND_LABELS = {"orders": "订单", "refunds": "退款", "catalog": "商品资料"}

ORDER_FIELDS: tuple[str, ...] = (
    *("order_no", "buyer_id", "receiver_name", "phone", "tel", "address", "shop", "agent"),
    *("warehouse", "distribution", "status", "total", "paid_at", "shipped_at", "seller_note"),
    *("tracking", "courier"),
)
LINE_FIELDS: tuple[str, ...] = (
    *("line_no", "sku_code", "model", "title", "category", "color", "size", "spec", "props"),
    *("qty", "price"),
)
FIELDS: dict[str, tuple[str, ...]] = {
    "orders": (*ORDER_FIELDS, *LINE_FIELDS),
    "refunds": (
        *("refund_no", "order_no", "buyer_id", "amount", "reason", "return_courier"),
        *("return_tracking", "status", "requested_at", "buyer_account", "finished_at"),
    ),
    "catalog": ("sku_code", "model", "name", "category", "color", "size", "spec", "barcode"),
}
# The field names in Chinese, for the preview and the messages.
FIELD_LABELS = {
    "order_no": "订单编号",
    "buyer_id": "买家ID",
    "receiver_name": "收货人",
    "phone": "手机",
    "tel": "电话",
    "address": "地址",
    "shop": "店铺",
    "agent": "业务员/旗帜",
    "warehouse": "发货仓库",
    "distribution": "分销",
    "status": "状态",
    "total": "金额",
    "paid_at": "付款时间",
    "shipped_at": "发货时间",
    "seller_note": "卖家备注",
    "tracking": "物流单号",
    "courier": "物流公司",
    "line_no": "行号",
    "sku_code": "商家编码",
    "model": "款号",
    "title": "标题",
    "category": "类目",
    "color": "颜色",
    "size": "尺码",
    "spec": "规格",
    "props": "商品属性",
    "qty": "数量",
    "price": "价格",
    "refund_no": "退款编号",
    "amount": "退款金额",
    "reason": "退款原因",
    "return_courier": "退货物流公司",
    "return_tracking": "退货物流单号",
    "requested_at": "申请时间",
    "buyer_account": "买家支付账号",
    "finished_at": "退款完结时间",
    "name": "品名",
    "barcode": "条码",
}


@dataclass(frozen=True)
class Preset:
    """Where each field's column may be called what; from the presets file or a mapping file."""

    name: str
    kind: str
    label: str
    columns: dict[str, tuple[str, ...]]
    signature: tuple[str, ...] = ()
    strict: bool = False  # a mapping file: every named column must exist


@dataclass(frozen=True)
class Mapping:
    """A preset resolved against one file's header: field → column index."""

    preset: Preset
    header_row: int  # 0-based record index of the header
    headers: list[str]
    index: dict[str, int] = field(default_factory=dict)


def squash(name: object) -> str:
    """A header name compared without whitespace, BOM or Taobao's ``="…"`` guard."""
    s = "" if name is None else str(name)
    s = re.sub(r"[\s\ufeff\u3000]+", "", s)
    if s.startswith('="') and s.endswith('"'):
        s = s[2:-1]
    return s


def _names(name: str, key: str, value: object) -> tuple[str, ...]:
    """A column name or a non-empty list of them, else ImportFileError naming the key."""
    if isinstance(value, str) and value.strip():
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(value)
    raise file_error(
        "映射 {name}: {key} 应该是列名或列名的列表, 现在是 {value}",
        name=name,
        key=key,
        value=_shown(value),
    )


def _shown(value: object) -> str:
    return f"{type(value).__name__} {value!r}"[:80]


def _text(name: str, raw: dict[str, object], key: str, default: str) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str):
        raise file_error(
            "映射 {name}: {key} 应该是文字, 现在是 {value}", name=name, key=key, value=_shown(value)
        )
    return value


def _preset(name: str, raw: dict[str, object], strict: bool = False) -> Preset:
    """A preset from its TOML table; every value of the wrong type is named in one line."""
    kind = raw.get("kind", "")
    if not isinstance(kind, str) or kind not in KINDS:
        raise file_error("映射 {name}: kind 必须是 orders、refunds 或 catalog", name=name)
    cols_raw = raw.get("columns")
    if not isinstance(cols_raw, dict) or not cols_raw:
        raise file_error("映射 {name}: 缺少 [columns] 表", name=name)
    columns: dict[str, tuple[str, ...]] = {}
    for fname, value in cols_raw.items():
        if fname not in FIELDS[kind]:
            known = ", ".join(FIELDS[kind])
            raise file_error(
                "映射 {name}: 未知字段 {key} (可用: {known})", name=name, key=fname, known=known
            )
        columns[fname] = _names(name, f"columns.{fname}", value)
    signature = _names(name, "signature", raw["signature"]) if "signature" in raw else ()
    label = _text(name, raw, "label", name)
    return Preset(name, kind, label, columns, signature, strict)


@cache
def presets() -> dict[str, Preset]:
    """The built-in presets, by name."""
    text = (resources.files("returnsdesk.resources") / "import_presets.toml").read_text("utf-8")
    return {name: _preset(name, raw) for name, raw in tomllib.loads(text).items()}


def load_mapping(path: Path) -> Preset:
    """A lead's mapping file (TOML: ``kind``, optional ``name``, ``[columns] field = "列名"``)."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise file_error("映射文件 {name} 读不了: {error}", name=path.name, error=exc) from None
    name = _text(path.name, raw, "name", path.stem)
    return _preset(name, raw, strict=True)


def required_fields(preset: Preset) -> tuple[str, ...]:
    """What a preset must find; orders need a buyer unless it only adds lines to known orders."""
    if preset.kind == "orders":
        return ("order_no",)
    if preset.kind == "refunds":
        return ("refund_no", "order_no")
    return ("sku_code",)


def resolve(preset: Preset, header_row: int, headers: list[object]) -> Mapping:
    """Field → column index for this header, or ImportFileError naming what is missing."""
    squashed = [squash(h) for h in headers]
    position = {}
    for i, h in enumerate(squashed):
        if h and h not in position:
            position[h] = i
    index: dict[str, int] = {}
    missing: list[str] = []
    for fname, names in preset.columns.items():
        found = next((position[squash(n)] for n in names if squash(n) in position), None)
        if found is not None:
            index[fname] = found
        elif preset.strict:
            missing.append(f"{names[0]} ({fname})")
    if missing:
        raise file_error(
            "映射 {name} 里的列在文件表头中找不到: {columns}",
            name=preset.name,
            columns=", ".join(missing),
        )
    lacking = [f for f in required_fields(preset) if f not in index]
    if lacking:
        wanted = ", ".join(preset.columns.get(f, (FIELD_LABELS[f],))[0] for f in lacking)
        raise file_error(
            "文件缺少必需的列: {names} (预设: {preset})", names=wanted, preset=preset.label
        )
    return Mapping(preset, header_row, [str(h or "") for h in headers], index)


def _matches(preset: Preset, headers: list[object]) -> bool:
    present = {squash(h) for h in headers}
    sig = preset.signature or tuple(preset.columns[f][0] for f in required_fields(preset))
    return all(squash(s) in present for s in sig)


def detect(kind: str, head: list[list[object]], chosen: Preset | None = None) -> Mapping:
    """Find the header row (one of the first records) and the preset that fits it.

    With ``chosen`` (--preset/--mapping) only that one is tried. Without, the presets of
    ``kind`` are tried by their signature; a file of another kind gets a message saying so.
    """
    if not head:
        raise file_error("文件是空的")
    if chosen is not None:
        if chosen.kind != kind:
            what, want = Message(KIND_LABELS[chosen.kind]), Message(KIND_LABELS[kind])
            raise file_error(
                "{name} 是{what}的映射, 不能导入{want}", name=chosen.name, what=what, want=want
            )
        for i, row in enumerate(head):
            if _matches(chosen, row) or (chosen.strict and _has_any(chosen, row)):
                return resolve(chosen, i, row)
        return resolve(chosen, 0, head[0])
    for i, row in enumerate(head):
        for p in presets().values():
            if p.kind == kind and _matches(p, row):
                return resolve(p, i, row)
    for row in head:
        for p in presets().values():
            if _matches(p, row):
                raise file_error(
                    "这是「{label}」文件, 不是{kind}: 请选「{other}」导入, 或用 --mapping 指定列",
                    label=p.label,
                    kind=Message(KIND_LABELS[kind]),
                    other=Message(KIND_LABELS[p.kind]),
                )
    first = "、".join(str(h) for h in head[0][:6] if h)
    raise file_error(
        "认不出这个{kind}文件的表头 ({first} …): 请选预设或用映射文件",
        kind=Message(KIND_LABELS[kind]),
        first=first,
    )


def _has_any(preset: Preset, headers: list[object]) -> bool:
    present = {squash(h) for h in headers}
    names = preset.columns.get(required_fields(preset)[0], ())
    return any(squash(n) in present for n in names)
