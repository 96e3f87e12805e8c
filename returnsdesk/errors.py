"""Errors a user can fix.

Each carries a catalogue key (its Chinese template, ``message`` or the one given), named
parameters, and the input it concerns (``field``: ``"amount"``, ``"items[1].reason"``; empty
when none), so the UI can show ``text(lang)`` in place and mark the field without reading the
text. Fixed text passed as a parameter is a ``Message``, translated with the rest.
"""

from __future__ import annotations

from typing import Any

from returnsdesk.i18n import Message, translate


class UserError(Exception):
    """A problem the user can fix; the UI shows ``text()`` in place, the CLI exits 1."""

    message = "操作无法完成"

    def __init__(self, message: str | None = None, /, *, field: str = "", **params: Any) -> None:
        self.template = message or self.message
        self.params = params
        self.field = field
        super().__init__(self.text())

    def text(self, lang: str = "zh_CN") -> str:
        return translate(self.template, lang, **self.params)


class _Framed(UserError):
    """An error whose message frames one part (``slot``), given as a catalogue key with its own
    parameters: ``NotFound("包裹 {id}", id=7)`` reads 找不到: 包裹 7."""

    slot = "detail"

    def __init__(self, part: str, /, *, field: str = "", **params: Any) -> None:
        super().__init__(field=field, **{self.slot: Message(part, **params)})


class UnknownTrackingNumber(UserError):
    message = "不是快递单号: {value}"


class DuplicateParcel(UserError):
    message = "该包裹已登记: 纸条编号 {slip_no}, {status}"

    def __init__(self, parcel_id: int, **params: Any) -> None:
        self.parcel_id = parcel_id
        super().__init__(**params)


class ParcelTaken(DuplicateParcel):
    message = "该包裹已由 {station} 的 {user} 处理: 纸条编号 {slip_no}, {status}"


class BuyerChanged(UserError):
    """Another station named another buyer for the parcel since this one looked."""

    message = "包裹的买家已由 {station} 的 {user} 改为 {buyer}; 请核对纸条后重新选择买家"


class NumberOfAnotherParcel(UserError):
    message = "单号 {number} 已是另一个包裹的单号"


class UnknownMoneyKind(UserError):
    message = "未知的款项类型: {kind} (可用: 换货邮费/邮费, 现金, 差价)"


class DayClosed(UserError):
    message = "{day} 已由 {who} 日结, 不能再登记; 需主管重新打开"


class MoneyNotHandedOver(UserError):
    message = "{day} 还有 {amount} 元款项未交接, 请先确认收款或填写原因强制日结"


class SignInFailed(_Framed):
    message = "登录失败: {detail}"


class Forbidden(UserError):
    """``what`` is the act's name from ``domain.roles.ACT_NAMES``, a catalogue key."""

    message = "无权限: {user} 不能{what}"

    def __init__(self, *, what: str, user: str) -> None:
        super().__init__(what=Message(what), user=user)


class ConfigError(UserError):
    message = "配置文件有误 {file}: {detail}"


class DecisionRequired(UserError):
    message = "{courier}件需要先决定: 拒收, 或记录原因后接收"


class NotFound(_Framed):
    message = "找不到: {what}"
    slot = "what"


class InvalidInput(_Framed):
    """``InvalidInput("金额 {value} 不是数字", field="amount", value=text)``."""

    message = "输入有误: {detail}"


class ConcurrentChange(UserError):
    message = "该包裹刚被另一工位修改, 请重新扫描"


class DatabaseUnavailable(UserError):
    message = "无法打开数据库 {where}: {detail}"


class DatabaseBusy(UserError):
    """Another station (or an import) held the write lock longer than a bench waits."""

    message = "数据库正忙: 另一工位正在保存, 已等待 {seconds} 秒; 录入的内容已保留, 请稍后再试"


class BackupRefused(UserError):
    """A backup that would harm the database: wrong schema, newer version, not ours."""

    message = "不能恢复 {name}"


class OutputUnwritable(UserError):
    message = "无法写入 {path}: {reason}"


class ImportFileError(UserError):
    message = "无法导入文件: {detail}"


class PrinterUnavailable(UserError):
    message = "打印机不可用 {printer}: {detail}"


class FontMissing(UserError):
    message = "找不到中文字体: 请安装 {suggestion}"


class SlipNotShippable(UserError):
    message = "{code} 还没有打印, 不能发货"


class SlipAlreadyShipped(UserError):
    message = "{code} 已由 {who} 于 {when} 发货: {courier} {tracking}"


class TrackingUsed(UserError):
    message = "单号 {tracking} 已用在补发单 {code} 上"


class DayAlreadyClosed(UserError):
    message = "{day} 已由 {who} 于 {when} 日结"


class DayAlreadyOpen(UserError):
    message = "{day} 已由 {who} 于 {when} 重新打开"


class DayNotComplete(UserError):
    message = "{day} 还有 {count} 个包裹未登记, 请先登记或确认强制日结"


class UnknownRefund(UserError):
    message = "没有这个退款申请: {refund_no}"


class RefundNotInspected(UserError):
    message = "退款 {refund_no} 的退货包裹还没有登记: 先验货登记再审核"


class RefundAbovePaid(UserError):
    message = "退款 {refund_no}: 金额 {amount} 元超过订单商品实付可退的 {cap} 元"


class UnknownRefundKind(UserError):
    message = "退款类型应为 {kinds}: {kind}"


class FollowupResolved(UserError):
    """Another lead resolved the no-info parcel meanwhile; nothing was written."""

    message = "包裹 {tracking_no} 已由 {user} 于 {when} 处理: 买家 {buyer}"


class HandoverChanged(UserError):
    """Another lead confirmed a hand-over of the clerk's day since this one looked; nothing
    was written."""

    message = (
        "{clerk} 在 {day} 的款项已由 {who} 于 {when} 确认交接: 应交 {registered} 实点 {counted} "
        "(交接 #{handover_id}); 请按现在的情况重新清点"
    )


class RefundChanged(UserError):
    """Another lead decided the request since this one looked; nothing was written."""

    message = (
        "退款 {refund_no} 已由 {who} 于 {when} 审核: {what} (决定 #{decision_id}); "
        "请按现在的决定重新审核"
    )


class CameraUnavailable(UserError):
    message = "摄像头不可用 ({camera}): {reason}"
