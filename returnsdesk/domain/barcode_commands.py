"""Command barcodes: what the bench does when the scanner reads one of the command sheet.

Every bench action has one, so a parcel can be done with the scanner alone. Code 128 carries
ASCII only, so reasons and conditions are named by their one-key shortcut, order lines by
their number and bins by their code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from returnsdesk.domain.kinds import (
    FreightDecision,
    ItemAction,
    ParcelOutcome,
    action_name,
    freight_name,
)

PREFIX = "RD+"


class Action(StrEnum):
    """What a command barcode (or its key) does at the bench."""

    COMMIT = "COMMIT"
    CANCEL = "CANCEL"
    REFUSE = "REFUSE"
    ACCEPTBUYER = "ACCEPTBUYER"
    ACCEPTOURS = "ACCEPTOURS"
    FREIGHT = "FREIGHT"
    EXCHANGE = "EXCHANGE"
    REISSUE = "REISSUE"
    NOINFO = "NOINFO"
    COPY = "COPY"
    MONEY = "MONEY"
    PACKAGING = "PACKAGING"
    REPRINT = "REPRINT"
    NEXT = "NEXT"
    REMOVE = "REMOVE"
    BIN = "BIN"
    PHOTO = "PHOTO"
    # with a key: the reason, the condition, the order line or the bin it names
    REASON = "REASON"
    CONDITION = "CONDITION"
    LINE = "LINE"
    BINTO = "BINTO"
    OUTCOME = "OUTCOME"


def code(action: Action) -> str:
    """The barcode of an action without a key (``RD+COMMIT``)."""
    return f"{PREFIX}{action}"


# action -> (key on the keyboard, what the sheet says); the key is shown beside the code
FIXED_ACTIONS: dict[Action, tuple[str, str]] = {
    Action.COMMIT: ("Enter", "登记"),
    Action.CANCEL: ("Esc", "取消 (包裹保留在今日列表)"),
    Action.REFUSE: ("F2", freight_name(FreightDecision.REFUSED)),
    Action.ACCEPTBUYER: ("F3", freight_name(FreightDecision.BUYER_SHARED)),
    Action.ACCEPTOURS: ("F4", freight_name(FreightDecision.OURS)),
    Action.FREIGHT: ("F5", "到付"),
    Action.EXCHANGE: ("F6", action_name(ItemAction.EXCHANGE)),
    Action.REISSUE: ("F7", action_name(ItemAction.REISSUE)),
    Action.NOINFO: ("F8", "无信息件"),
    Action.COPY: ("F9", "复制登记字符串"),
    Action.MONEY: ("F10", "钱款 (邮费/现金)"),
    Action.PACKAGING: ("F11", "外包装破损"),
    Action.REPRINT: ("F12", "重打标签"),
    Action.NEXT: ("Ctrl+N", "下一件商品"),
    Action.REMOVE: ("Ctrl+Del", "删除当前商品"),
    Action.BIN: ("Ctrl+B", "换区域 (下一个)"),
    Action.PHOTO: ("Ctrl+P", "拍照 (当前商品)"),
}
FIXED = {code(action): label for action, (_key, label) in FIXED_ACTIONS.items()}


@dataclass(frozen=True)
class Command:
    action: Action
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


# the parcel's outcomes: their keys at the bench (Ctrl+1 … Ctrl+4), in ParcelOutcome's order
OUTCOME_KEYS: dict[str, str] = {
    ParcelOutcome.EMPTY: "Ctrl+1",
    ParcelOutcome.WRONG_ITEM: "Ctrl+2",
    ParcelOutcome.SHORT: "Ctrl+3",
    ParcelOutcome.NOT_OURS: "Ctrl+4",
}


def outcome_code(outcome: str) -> str:
    """Mark the parcel in hand 空包 (``RD+OUT-EMPTY``), 调包, 少件 or 多件/非本店."""
    return f"{PREFIX}OUT-{outcome.upper()}"


def parse(value: str) -> Command | None:
    """The command a scanned value stands for, or None when it is not a command barcode."""
    v = value.strip().upper()
    if not v.startswith(PREFIX):
        return None
    body = v[len(PREFIX) :]
    if v in FIXED:
        return Command(Action(body))
    if body.startswith("OUT-") and len(body) > 4:
        return Command(Action.OUTCOME, body[4:].lower())
    if body.startswith("BIN-") and len(body) > 4:
        return Command(Action.BINTO, body[4:].lower())
    if len(body) >= 2 and body[0] == "L" and body[1:].isdigit():
        return Command(Action.LINE, body[1:])
    if len(body) >= 2 and body[0] == "R":
        return Command(Action.REASON, body[1:])
    if len(body) >= 2 and body[0] == "C":
        return Command(Action.CONDITION, body[1:])
    return None
