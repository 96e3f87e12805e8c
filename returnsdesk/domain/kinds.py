"""The fixed kinds the shop's records name, each an enum with one display function.

Every enum is a ``StrEnum`` whose values are the stored text, so the database keeps what it
had and a member compares equal to it. A display function gives the name in the user's
language (``i18n.translate``); Chinese is the default and what documents and data carry.
A value that is no member (a record written by another version) shows as it is stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import StrEnum
from typing import Self

from returnsdesk.i18n import translate


class Named(StrEnum):
    """A stored value with its display name, written once: ``MEMBER = "stored", "显示名"``.

    The name is Chinese, the source language; ``name_of`` gives it in the user's language
    (``i18n.translate``), and a value that is no member (a record of another version) as it
    is stored. A member without a name shows its value."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value
        return member

    def display(self, lang: str = "zh_CN") -> str:
        return translate(self.label, lang)

    @classmethod
    def name_of(cls, value: str, lang: str = "zh_CN") -> str:
        try:
            return cls(value).display(lang)
        except ValueError:
            return value


class ItemAction(Named):
    """What the buyer gets for an item that came back."""

    RETURN = "退", "退货"  # money back
    EXCHANGE = "换", "换货"  # another size or colour is sent
    REISSUE = "补", "补发"  # the item is sent again (missing, wrong)


# the actions that send something: each queues a reshipment slip of that kind
RESHIP_KINDS = frozenset({ItemAction.EXCHANGE, ItemAction.REISSUE})


action_name = ItemAction.name_of


class FreightDecision(Named):
    """What the bench decided about a 顺丰 or 到付 parcel; stored "" means none (yet)."""

    REFUSED = "refused", "拒收"
    BUYER_SHARED = (
        "buyer_shared",
        "接收: 买家原因, 运费分摊",
    )  # accepted: the buyer's fault, the freight is shared
    OURS = "ours", "接收: 我方原因, 店铺承担"  # accepted: our fault, the shop pays


# the decisions that take the parcel in
ACCEPTED = frozenset({FreightDecision.BUYER_SHARED, FreightDecision.OURS})


freight_name = FreightDecision.name_of


class Bin(StrEnum):
    """Where an item goes. The codes are fixed (routing names them); each bin's name and
    colour are the shop's, in ``shop.toml`` ``[bins]`` (``ShopConfig.bin_name``)."""

    RESTOCK = "restock"
    REPAIR = "repair"
    DAMAGE = "damage"
    DISTRIBUTION = "distribution"
    TRANSFER = "transfer"
    PENDING = "pending"


class DocKind(Named):
    """A printed document: its print job's kind, its printer and paper setting."""

    LABEL = "label", "包裹标签"
    RESHIP = "reship", "换货单/补发单"
    DAY_SHEET = "day_sheet", "售后登记日报"
    COMMANDS = "commands", "扫码指令表"


doc_name = DocKind.name_of


class JobState(Named):
    """A print job: queued → printing → done / failed."""

    QUEUED = "queued", "排队中"
    PRINTING = "printing", "打印中"
    DONE = "done", "已打印"
    FAILED = "failed", "失败"


# not finished: the print queue lists them whatever their day
UNFINISHED = frozenset({JobState.QUEUED, JobState.PRINTING, JobState.FAILED})


job_state_name = JobState.name_of


class SlipState(Named):
    """A reshipment slip: checked and waiting (or held by a problem), printed, shipped."""

    PENDING = "pending", "待打印"
    PROBLEM = "problem", "有问题"
    PRINTED = "printed", "已打印"
    SHIPPED = "shipped", "已发货"


# not printed yet: CS may still change or void them
EDITABLE_SLIPS = frozenset({SlipState.PENDING, SlipState.PROBLEM})
# not shipped: the desk's 待处理 list
OPEN_SLIPS = frozenset({SlipState.PENDING, SlipState.PROBLEM, SlipState.PRINTED})


slip_state_name = SlipState.name_of


class AuditAction(Named):
    """What an audit-trail row records; the lead's trail shows its name."""

    RECEIVE = "receive", "扫描签收"
    LINK_NUMBER = "link_number", "关联原单号"
    ATTACH_BUYER = "attach_buyer", "匹配买家"
    FREIGHT = "freight", "顺丰/到付决定"
    DISCARD = "discard", "撤销扫描"
    REGISTER = "register", "登记"
    NO_INFO = "no_info", "登记无信息件"
    CONTACT_ATTEMPT = "contact_attempt", "联系买家"
    REPORTED_TO_LEAD = "reported_to_lead", "报主管"
    FOLLOWUP_ATTACH = "followup_attach", "跟进后关联买家"
    MONEY_ADD = "money_add", "记录款项"
    MONEY_REVERSE = "money_reverse", "冲正款项"
    CASH_HANDOVER = "cash_handover", "确认交接"
    DAY_CLOSE = "day_close", "日结"
    DAY_REOPEN = "day_reopen", "重新打开一天"
    REPAIR_CLOSED = "repair_closed", "返厂完成"
    REFUND_APPROVE = "refund_approve", "同意退款"
    REFUND_REFUSE = "refund_refuse", "拒绝退款"
    RESHIP_QUEUE = "reship_queue", "生成补发单"
    RESHIP_UPDATE = "reship_update", "更新补发单"
    RESHIP_CREATE = "reship_create", "新建补发单"
    RESHIP_EDIT = "reship_edit", "修改补发单"
    RESHIP_PROBLEM = "reship_problem", "补发单有问题"
    RESHIP_CANCEL = "reship_cancel", "作废补发单"
    RESHIP_PRINT = "reship_print", "打印补发单"
    RESHIP_REPRINT = "reship_reprint", "重打补发单"
    RESHIP_SHIP = "reship_ship", "补发单发货"
    PRINT_ENQUEUE = "print_enqueue", "加入打印队列"
    PRINT_DONE = "print_done", "打印完成"
    PRINT_FAILED = "print_failed", "打印失败"
    PRINT_RETRY = "print_retry", "重试打印"
    PRINT_AUTO_RETRY = "print_auto_retry", "自动重试打印"
    PRINT_REDIRECT = "print_redirect", "改用其他打印机"
    IMPORT = "import", "导入 ERP 数据"
    USER_ADD = "user_add", "添加用户"
    USER_LOCKED = "user_locked", "用户被锁定"
    USER_DISABLE = "user_disable", "停用用户"
    USER_SET_PIN = "user_set_pin", "重设 PIN"
    DEMO = "demo", "生成演示店"
    NO_CLIP = "no_clip", "未录像"
    NO_PHOTO = "no_photo", "未拍照"
    EVIDENCE_EXPORT = "evidence_export", "导出举证包"


audit_action_name = AuditAction.name_of


def audit_detail(action: str, detail: str, lang: str = "zh_CN") -> str:
    """An audit row's detail in the reader's language where the program wrote it (a
    document kind, which print of a slip); what people typed is shown as written."""
    if action == AuditAction.PRINT_ENQUEUE:
        kind, _, ref = detail.partition(" ")
        return f"{DocKind.name_of(kind, lang)} {ref}".strip()
    if action == AuditAction.DEMO:  # its detail is the practice numbers, as JSON
        sheet = _json_field(detail, "sheet")
        return translate("练习单 {sheet}", lang, sheet=sheet) if sheet else ""
    if action in (AuditAction.RESHIP_PRINT, AuditAction.RESHIP_REPRINT) and detail.isdigit():
        return translate("第 {n} 次", lang, n=detail)
    return detail


def _json_field(detail: str, name: str) -> str:
    try:
        value = json.loads(detail)
    except ValueError:
        return ""
    return str(value.get(name, "")) if isinstance(value, dict) else ""


class AuditEntity(Named):
    """What an audit-trail row is about; its id is in the row."""

    PARCEL = "parcel", "包裹"
    PARCEL_ITEM = "parcel_item", "商品"
    MONEY_ENTRY = "money_entry", "款项"
    CASH_HANDOVER = "cash_handover", "交接"
    DAY = "day", "日期"
    REFUND = "refund", "退款申请"
    RESHIP_SLIP = "reship_slip", "补发单"
    PRINT_JOB = "print_job", "打印任务"
    IMPORT_RUN = "import_run", "导入批次"
    USER = "user", "用户"


audit_entity_name = AuditEntity.name_of


class EvidenceKind(Named):
    """What an evidence file is."""

    CLIP = "clip", "录像"
    PHOTO = "photo", "照片"


evidence_kind_name = EvidenceKind.name_of


class RemovalReason(Named):
    """Why the clean-up removed an evidence file."""

    RETENTION = "retention", "超过保留期"
    DISK = "disk", "磁盘空间不足"


class ParcelOutcome(Named):
    """What was wrong with a returned parcel as a whole: recorded at the bench, it goes into
    the strings, the day sheet, the weekly summary, the claims list and the refund
    suggestion."""

    EMPTY = "empty", "空包"
    WRONG_ITEM = "wrong_item", "调包/货不对版"
    SHORT = "short", "少件"
    NOT_OURS = "not_ours", "多件/非本店"


parcel_outcome_name = ParcelOutcome.name_of


def outcomes_of(stored: str) -> tuple[str, ...]:
    """A parcel's stored outcomes (``"short,not_ours"``), in the order of ``ParcelOutcome``."""
    got = {x.strip() for x in stored.split(",") if x.strip()}
    known = [o.value for o in ParcelOutcome if o.value in got]
    return (*known, *sorted(got - set(known)))


def outcomes_stored(codes: Iterable[str]) -> str:
    return ",".join(outcomes_of(",".join(codes)))


def outcomes_text(codes: Iterable[str], lang: str = "zh_CN") -> str:
    """``少件 多件/非本店``: the outcomes as the strings and lists show them."""
    return " ".join(parcel_outcome_name(c, lang) for c in outcomes_of(",".join(codes)))


class Responsibility(Named):
    """Who caused a return (a reason's ``responsibility`` in ``shop.toml``)."""

    BUYER = "buyer", "买家"
    CS_AGENT = "cs_agent", "客服"
    WAREHOUSE = "warehouse", "仓库错发"
    COURIER = "courier", "快递"
    FACTORY = "factory", "厂家质量"


responsibility_name = Responsibility.name_of


class SuggestionKind(Named):
    """What the refund queue suggests from what came back against what was asked."""

    FULL = "full", "全额退款"
    PARTIAL = "partial", "部分退款"
    REFUSE = "refuse", "拒绝退款"


suggestion_name = SuggestionKind.name_of


class RefundView(Named):
    """The lists of the refund queue."""

    OPEN = "open", "待审核"
    DUE = "due", "已超时"
    FOLLOWUP = "followup", "待平台退款"
    FLAGGED = "flagged", "平台先退款"
    ALL = "all", "全部"


class MatchSource(StrEnum):
    """What matched a parcel to its buyer; stored on the parcel."""

    REFUND = "refund"  # a return request's waybill, or its number
    OUTBOUND = "outbound"  # our own shipment: a refused delivery came back
    BUYER = "buyer"  # a Wangwang ID or an order number
    MANUAL = "manual"  # a Wangwang ID typed from the buyer's slip, with no order
    FOLLOWUP = "followup"  # the lead's follow-up of a no-info parcel found the buyer


class Verdict(Named):
    """What the lead decided about a refund (a refund decision row's ``decision``)."""

    APPROVE = "approve", "同意"
    REFUSE = "refuse", "拒绝"


decision_name = Verdict.name_of
