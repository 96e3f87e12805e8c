"""The fixed kinds the shop's records name, each an enum with one display function.

Every enum is a ``StrEnum`` whose values are the stored text, so the database keeps what it
had and a member compares equal to it. A display function gives the name in the user's
language (``i18n.translate``); Chinese is the default and what documents and data carry.
A value that is no member (a record written by another version) shows as it is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from returnsdesk.i18n import translate


def name_of(names: Mapping[str, str], value: str, lang: str = "zh_CN") -> str:
    """``value``'s name from ``names`` in ``lang``; an unknown value as it is."""
    name = names.get(value)
    return value if name is None else translate(name, lang)


class ItemAction(StrEnum):
    """What the buyer gets for an item that came back."""

    RETURN = "退"  # money back
    EXCHANGE = "换"  # another size or colour is sent
    REISSUE = "补"  # the item is sent again (missing, wrong)


# the actions that send something: each queues a reshipment slip of that kind
RESHIP_KINDS = frozenset({ItemAction.EXCHANGE, ItemAction.REISSUE})

_ACTION_NAMES: dict[str, str] = {
    ItemAction.RETURN: "退货",
    ItemAction.EXCHANGE: "换货",
    ItemAction.REISSUE: "补发",
}


def action_name(action: str, lang: str = "zh_CN") -> str:
    """退货 / 换货 / 补发; also the name of a reshipment slip's kind."""
    return name_of(_ACTION_NAMES, action, lang)


class FreightDecision(StrEnum):
    """What the bench decided about a 顺丰 or 到付 parcel; stored "" means none (yet)."""

    REFUSED = "refused"
    BUYER_SHARED = "buyer_shared"  # accepted: the buyer's fault, the freight is shared
    OURS = "ours"  # accepted: our fault, the shop pays


# the decisions that take the parcel in
ACCEPTED = frozenset({FreightDecision.BUYER_SHARED, FreightDecision.OURS})

_DECISION_NAMES: dict[str, str] = {
    FreightDecision.REFUSED: "拒收",
    FreightDecision.BUYER_SHARED: "接收: 买家原因, 运费分摊",
    FreightDecision.OURS: "接收: 我方原因, 店铺承担",
}


def freight_name(decision: str, lang: str = "zh_CN") -> str:
    return name_of(_DECISION_NAMES, decision, lang)


class Bin(StrEnum):
    """Where an item goes. The codes are fixed (routing names them); each bin's name and
    colour are the shop's, in ``shop.toml`` ``[bins]`` (``ShopConfig.bin_name``)."""

    RESTOCK = "restock"
    REPAIR = "repair"
    DAMAGE = "damage"
    DISTRIBUTION = "distribution"
    TRANSFER = "transfer"
    PENDING = "pending"


class DocKind(StrEnum):
    """A printed document: its print job's kind, its printer and paper setting."""

    LABEL = "label"
    RESHIP = "reship"
    DAY_SHEET = "day_sheet"
    COMMANDS = "commands"


_DOC_NAMES: dict[str, str] = {
    DocKind.LABEL: "包裹标签",
    DocKind.RESHIP: "换货单/补发单",
    DocKind.DAY_SHEET: "售后登记日报",
    DocKind.COMMANDS: "扫码指令表",
}


def doc_name(kind: str, lang: str = "zh_CN") -> str:
    return name_of(_DOC_NAMES, kind, lang)


class JobState(StrEnum):
    """A print job: queued → printing → done / failed."""

    QUEUED = "queued"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"


# not finished: the print queue lists them whatever their day
UNFINISHED = frozenset({JobState.QUEUED, JobState.PRINTING, JobState.FAILED})

_JOB_STATE_NAMES: dict[str, str] = {
    JobState.QUEUED: "排队中",
    JobState.PRINTING: "打印中",
    JobState.DONE: "已打印",
    JobState.FAILED: "失败",
}


def job_state_name(state: str, lang: str = "zh_CN") -> str:
    return name_of(_JOB_STATE_NAMES, state, lang)


class SlipState(StrEnum):
    """A reshipment slip: checked and waiting (or held by a problem), printed, shipped."""

    PENDING = "pending"
    PROBLEM = "problem"
    PRINTED = "printed"
    SHIPPED = "shipped"


# not printed yet: CS may still change or void them
EDITABLE_SLIPS = frozenset({SlipState.PENDING, SlipState.PROBLEM})
# not shipped: the desk's 待处理 list
OPEN_SLIPS = frozenset({SlipState.PENDING, SlipState.PROBLEM, SlipState.PRINTED})

_SLIP_STATE_NAMES: dict[str, str] = {
    SlipState.PENDING: "待打印",
    SlipState.PROBLEM: "有问题",
    SlipState.PRINTED: "已打印",
    SlipState.SHIPPED: "已发货",
}


def slip_state_name(state: str, lang: str = "zh_CN") -> str:
    return name_of(_SLIP_STATE_NAMES, state, lang)
