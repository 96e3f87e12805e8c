"""Command barcodes: what the bench does when the scanner reads one of the command sheet.

Code 128 carries ASCII only, so reasons and conditions are named by their one-key shortcut.
"""

from __future__ import annotations

from dataclasses import dataclass

PREFIX = "RD+"

COMMIT = f"{PREFIX}COMMIT"  # 登记
CANCEL = f"{PREFIX}CANCEL"  # 取消
REPRINT = f"{PREFIX}REPRINT"  # 重打标签
NO_INFO = f"{PREFIX}NOINFO"  # 无信息件
COPY = f"{PREFIX}COPY"  # 复制登记字符串

FIXED = {
    COMMIT: "登记",
    CANCEL: "取消",
    REPRINT: "重打标签",
    NO_INFO: "无信息件",
    COPY: "复制登记字符串",
}


@dataclass(frozen=True)
class Command:
    action: str  # COMMIT, CANCEL, REPRINT, NOINFO, COPY, REASON, CONDITION
    key: str = ""


def reason_code(key: str) -> str:
    return f"{PREFIX}R{key}"


def condition_code(key: str) -> str:
    return f"{PREFIX}C{key}"


def parse(value: str) -> Command | None:
    """The command a scanned value stands for, or None when it is not a command barcode."""
    v = value.strip().upper()
    if not v.startswith(PREFIX):
        return None
    body = v[len(PREFIX) :]
    if v in FIXED:
        return Command(body)
    if len(body) >= 2 and body[0] == "R":
        return Command("REASON", body[1:])
    if len(body) >= 2 and body[0] == "C":
        return Command("CONDITION", body[1:])
    return None
