"""Command barcodes: what the bench does when the scanner reads one of the command sheet.

Every bench action has one, so a parcel can be done with the scanner alone. Code 128 carries
ASCII only, so reasons and conditions are named by their one-key shortcut, order lines by
their number and bins by their code.
"""

from __future__ import annotations

from dataclasses import dataclass

from returnsdesk.domain.kinds import FreightDecision, ItemAction, action_name, freight_name

PREFIX = "RD+"

COMMIT = f"{PREFIX}COMMIT"  # 登记
CANCEL = f"{PREFIX}CANCEL"  # 取消
REPRINT = f"{PREFIX}REPRINT"  # 重打标签
NO_INFO = f"{PREFIX}NOINFO"  # 无信息件
COPY = f"{PREFIX}COPY"  # 复制登记字符串

# action -> (key on the keyboard, what the sheet says); the key is shown beside the code
FIXED_ACTIONS: dict[str, tuple[str, str]] = {
    "COMMIT": ("Enter", "登记"),
    "CANCEL": ("Esc", "取消 (包裹保留在今日列表)"),
    "REFUSE": ("F2", freight_name(FreightDecision.REFUSED)),
    "ACCEPTBUYER": ("F3", freight_name(FreightDecision.BUYER_SHARED)),
    "ACCEPTOURS": ("F4", freight_name(FreightDecision.OURS)),
    "FREIGHT": ("F5", "到付"),
    "EXCHANGE": ("F6", action_name(ItemAction.EXCHANGE)),
    "REISSUE": ("F7", action_name(ItemAction.REISSUE)),
    "NOINFO": ("F8", "无信息件"),
    "COPY": ("F9", "复制登记字符串"),
    "MONEY": ("F10", "钱款 (邮费/现金)"),
    "PACKAGING": ("F11", "外包装破损"),
    "REPRINT": ("F12", "重打标签"),
    "NEXT": ("Ctrl+N", "下一件商品"),
    "REMOVE": ("Ctrl+Del", "删除当前商品"),
    "BIN": ("Ctrl+B", "换区域 (下一个)"),
}
FIXED = {f"{PREFIX}{action}": label for action, (_key, label) in FIXED_ACTIONS.items()}


@dataclass(frozen=True)
class Command:
    action: str  # one of FIXED_ACTIONS, or REASON, CONDITION, LINE, BINTO
    key: str = ""


def reason_code(key: str) -> str:
    return f"{PREFIX}R{key}"


def condition_code(key: str) -> str:
    return f"{PREFIX}C{key}"


def line_code(number: int) -> str:
    """The matched order's line ``number`` (1-based)."""
    return f"{PREFIX}L{number}"


def bin_code(code: str) -> str:
    """Put the current item in bin ``code`` (restock, repair, …)."""
    return f"{PREFIX}BIN-{code.upper()}"


def parse(value: str) -> Command | None:
    """The command a scanned value stands for, or None when it is not a command barcode."""
    v = value.strip().upper()
    if not v.startswith(PREFIX):
        return None
    body = v[len(PREFIX) :]
    if v in FIXED:
        return Command(body)
    if body.startswith("BIN-") and len(body) > 4:
        return Command("BINTO", body[4:].lower())
    if len(body) >= 2 and body[0] == "L" and body[1:].isdigit():
        return Command("LINE", body[1:])
    if len(body) >= 2 and body[0] == "R":
        return Command("REASON", body[1:])
    if len(body) >= 2 and body[0] == "C":
        return Command("CONDITION", body[1:])
    return None
