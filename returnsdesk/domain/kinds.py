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


class AuditAction(StrEnum):
    """What an audit-trail row records; the lead's trail shows its name."""

    RECEIVE = "receive"
    LINK_NUMBER = "link_number"
    ATTACH_BUYER = "attach_buyer"
    FREIGHT = "freight"
    DISCARD = "discard"
    REGISTER = "register"
    NO_INFO = "no_info"
    CONTACT_ATTEMPT = "contact_attempt"
    REPORTED_TO_LEAD = "reported_to_lead"
    FOLLOWUP_ATTACH = "followup_attach"
    MONEY_ADD = "money_add"
    MONEY_REVERSE = "money_reverse"
    CASH_HANDOVER = "cash_handover"
    DAY_CLOSE = "day_close"
    DAY_REOPEN = "day_reopen"
    REPAIR_CLOSED = "repair_closed"
    REFUND_APPROVE = "refund_approve"
    REFUND_REFUSE = "refund_refuse"
    RESHIP_QUEUE = "reship_queue"
    RESHIP_UPDATE = "reship_update"
    RESHIP_CREATE = "reship_create"
    RESHIP_EDIT = "reship_edit"
    RESHIP_PROBLEM = "reship_problem"
    RESHIP_CANCEL = "reship_cancel"
    RESHIP_PRINT = "reship_print"
    RESHIP_REPRINT = "reship_reprint"
    RESHIP_SHIP = "reship_ship"
    PRINT_ENQUEUE = "print_enqueue"
    PRINT_DONE = "print_done"
    PRINT_FAILED = "print_failed"
    PRINT_RETRY = "print_retry"
    PRINT_AUTO_RETRY = "print_auto_retry"
    PRINT_REDIRECT = "print_redirect"
    IMPORT = "import"
    USER_ADD = "user_add"
    USER_LOCKED = "user_locked"
    USER_DISABLE = "user_disable"
    USER_SET_PIN = "user_set_pin"


_AUDIT_NAMES: dict[str, str] = {
    AuditAction.RECEIVE: "扫描签收",
    AuditAction.LINK_NUMBER: "关联原单号",
    AuditAction.ATTACH_BUYER: "匹配买家",
    AuditAction.FREIGHT: "顺丰/到付决定",
    AuditAction.DISCARD: "撤销扫描",
    AuditAction.REGISTER: "登记",
    AuditAction.NO_INFO: "登记无信息件",
    AuditAction.CONTACT_ATTEMPT: "联系买家",
    AuditAction.REPORTED_TO_LEAD: "报主管",
    AuditAction.FOLLOWUP_ATTACH: "跟进后关联买家",
    AuditAction.MONEY_ADD: "记录款项",
    AuditAction.MONEY_REVERSE: "冲正款项",
    AuditAction.CASH_HANDOVER: "确认交接",
    AuditAction.DAY_CLOSE: "日结",
    AuditAction.DAY_REOPEN: "重新打开一天",
    AuditAction.REPAIR_CLOSED: "返厂完成",
    AuditAction.REFUND_APPROVE: "同意退款",
    AuditAction.REFUND_REFUSE: "拒绝退款",
    AuditAction.RESHIP_QUEUE: "生成补发单",
    AuditAction.RESHIP_UPDATE: "更新补发单",
    AuditAction.RESHIP_CREATE: "新建补发单",
    AuditAction.RESHIP_EDIT: "修改补发单",
    AuditAction.RESHIP_PROBLEM: "补发单有问题",
    AuditAction.RESHIP_CANCEL: "作废补发单",
    AuditAction.RESHIP_PRINT: "打印补发单",
    AuditAction.RESHIP_REPRINT: "重打补发单",
    AuditAction.RESHIP_SHIP: "补发单发货",
    AuditAction.PRINT_ENQUEUE: "加入打印队列",
    AuditAction.PRINT_DONE: "打印完成",
    AuditAction.PRINT_FAILED: "打印失败",
    AuditAction.PRINT_RETRY: "重试打印",
    AuditAction.PRINT_AUTO_RETRY: "自动重试打印",
    AuditAction.PRINT_REDIRECT: "改用其他打印机",
    AuditAction.IMPORT: "导入 ERP 数据",
    AuditAction.USER_ADD: "添加用户",
    AuditAction.USER_LOCKED: "用户被锁定",
    AuditAction.USER_DISABLE: "停用用户",
    AuditAction.USER_SET_PIN: "重设 PIN",
}


def audit_action_name(action: str, lang: str = "zh_CN") -> str:
    return name_of(_AUDIT_NAMES, action, lang)


class AuditEntity(StrEnum):
    """What an audit-trail row is about; its id is in the row."""

    PARCEL = "parcel"
    PARCEL_ITEM = "parcel_item"
    MONEY_ENTRY = "money_entry"
    CASH_HANDOVER = "cash_handover"
    DAY = "day"
    REFUND = "refund"
    RESHIP_SLIP = "reship_slip"
    PRINT_JOB = "print_job"
    IMPORT_RUN = "import_run"
    USER = "user"


_ENTITY_NAMES: dict[str, str] = {
    AuditEntity.PARCEL: "包裹",
    AuditEntity.PARCEL_ITEM: "商品",
    AuditEntity.MONEY_ENTRY: "款项",
    AuditEntity.CASH_HANDOVER: "交接",
    AuditEntity.DAY: "日期",
    AuditEntity.REFUND: "退款申请",
    AuditEntity.RESHIP_SLIP: "补发单",
    AuditEntity.PRINT_JOB: "打印任务",
    AuditEntity.IMPORT_RUN: "导入批次",
    AuditEntity.USER: "用户",
}


def audit_entity_name(entity: str, lang: str = "zh_CN") -> str:
    return name_of(_ENTITY_NAMES, entity, lang)
