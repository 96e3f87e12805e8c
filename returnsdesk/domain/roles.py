"""Who may do what: the four roles of the shop's procedures and the acts each may perform.

One table, read by ``services.users.require`` before a service writes anything.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CLERK = "clerk"  # the unpacking bench
    PRINTER = "printer"  # the reshipment desk
    LEAD = "lead"  # money, corrections, day close, follow-ups, refunds, full phone numbers
    ADMIN = "admin"  # users, settings, restore; and everything else


class Act(StrEnum):
    BENCH = "bench"  # scan, match, register, no-info, money found in a parcel
    RESHIP = "reship"  # print and ship reshipment slips
    RESHIP_SUBMIT = "reship_submit"  # type in a slip (CS at the desk)
    IMPORT = "import"  # orders, refunds, catalog from the ERP
    MONEY_CONFIRM = "money_confirm"  # take over a clerk's money
    MONEY_REVERSE = "money_reverse"  # reverse an entry already handed over
    DAY_CLOSE = "day_close"  # close or reopen a day
    FOLLOWUP = "followup"  # no-info parcels: contact attempts, attach the buyer
    REPAIRS = "repairs"  # close repairs sent back to the factory
    FULL_PHONES = "full_phones"  # exports and lists with unmasked phone numbers
    USERS = "users"  # add, disable users, set PINs
    SETTINGS = "settings"  # printers, shop settings
    RESTORE = "restore"  # restore a backup
    REFUND_DECIDE = "refund_decide"  # approve or refuse a refund after inspection
    RECORDS = "records"  # read in bulk: exports and lists of money, refunds, claims, audit
    BACKUP = "backup"  # a copy of everything, every user's PIN hash included
    EVIDENCE = "evidence"  # export a dispute packet (clips, photos, summary)
    EVIDENCE_CLEAN = "evidence_clean"  # run the evidence clean-up by hand (the bench runs it)


_LEAD = {Role.LEAD, Role.ADMIN}
ALLOWED: dict[Act, frozenset[Role]] = {
    Act.BENCH: frozenset({Role.CLERK, *_LEAD}),
    Act.RESHIP: frozenset({Role.PRINTER, *_LEAD}),
    Act.RESHIP_SUBMIT: frozenset({Role.CLERK, Role.PRINTER, *_LEAD}),
    Act.IMPORT: frozenset(_LEAD),
    Act.MONEY_CONFIRM: frozenset(_LEAD),
    Act.MONEY_REVERSE: frozenset(_LEAD),
    Act.DAY_CLOSE: frozenset(_LEAD),
    Act.FOLLOWUP: frozenset(_LEAD),
    Act.REPAIRS: frozenset(_LEAD),
    Act.FULL_PHONES: frozenset({Role.PRINTER, *_LEAD}),
    Act.USERS: frozenset({Role.ADMIN}),
    Act.SETTINGS: frozenset({Role.ADMIN}),
    Act.RESTORE: frozenset({Role.ADMIN}),
    Act.REFUND_DECIDE: frozenset(_LEAD),
    Act.RECORDS: frozenset(_LEAD),
    # a backup holds every PIN hash (the admin's too), which a 4-digit PIN does not outlast
    Act.BACKUP: frozenset({Role.ADMIN}),
    Act.EVIDENCE: frozenset(_LEAD),
    Act.EVIDENCE_CLEAN: frozenset(_LEAD),
}

# what the refusal names (translated through the message catalogue)
ACT_NAMES: dict[Act, str] = {
    Act.BENCH: "在拆包台登记包裹",
    Act.RESHIP: "打印和发出补发单",
    Act.RESHIP_SUBMIT: "提交补发单",
    Act.IMPORT: "导入数据",
    Act.MONEY_CONFIRM: "确认收到登记员的款项",
    Act.MONEY_REVERSE: "冲正已交接的款项",
    Act.DAY_CLOSE: "日结或重新打开一天",
    Act.FOLLOWUP: "跟进无信息件",
    Act.REPAIRS: "记录返厂",
    Act.FULL_PHONES: "查看完整电话",
    Act.USERS: "管理用户",
    Act.SETTINGS: "修改设置",
    Act.RESTORE: "恢复备份",
    Act.REFUND_DECIDE: "审核退款",
    Act.RECORDS: "导出款项、退款、索赔和审计记录",
    Act.BACKUP: "备份数据库",
    Act.EVIDENCE: "导出举证包",
    Act.EVIDENCE_CLEAN: "清理录像和照片",
}

# the own-entry rule of Act.BENCH: a clerk corrects only what the clerk registered
OTHERS_MONEY = "冲正别人登记的款项"


def may(role: Role, act: Act) -> bool:
    return role in ALLOWED[act]
