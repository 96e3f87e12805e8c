"""The demo shop's practice numbers and the sheet that prints them (练习单).

The demo picks one parcel of each lesson (a common one, two items, no stated reason, 顺丰,
a new waybill, no information, a duplicate, a SKU barcode, garbage) and records them in the
audit log as its ``demo`` act, so every station on the database finds them: the bench shows
a few while the database is the demo shop, and ``returnsdesk demo --sheet`` prints them
again. A real shop's database has no such act, so nothing of it shows there.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import AuditEntry
from returnsdesk.domain.kinds import AuditAction, AuditEntity
from returnsdesk.errors import InvalidInput
from returnsdesk.i18n import Message
from returnsdesk.printing.data import PracticeLine, PracticeSheetData
from returnsdesk.services.common import audit, tx
from returnsdesk.services.printing.documents import command_sheet_data

SHEET_NAME = "practice-sheet.pdf"
GARBAGE = "K7Q-009-ZX"

# each lesson: its title and one line on what it teaches (Chinese; English in the catalogue)
LESSONS: dict[str, tuple[Message, Message]] = {
    "common": (
        Message("普通包裹"),
        Message("扫描后: 回车取订单商品, 回车保留买家原因, 按 1 选完好, 空回车登记; 标签打出"),
    ),
    "two_items": (
        Message("两件商品的包裹"),
        Message("第一件选完原因和好坏后按 Alt+2 取订单第 2 行, 再选原因和好坏, 空回车登记"),
    ),
    "no_reason": (
        Message("买家没写原因的包裹"),
        Message("原因没有预选: 回车取商品后按数字键选原因 (如 5 不喜欢), 再选好坏"),
    ),
    "sf": (
        Message("顺丰寄回的包裹"),
        Message("顺丰/到付件先决定: F2 拒收, F3 买家原因运费分摊, F4 我方原因店铺承担"),
    ),
    "new_waybill": (
        Message("换了新运单号退回的包裹"),
        Message("先扫新单号 (查不到买家), 再扫右边的原单号: 找到买家, 两个单号都记下"),
    ),
    "no_info": (
        Message("查不到信息的包裹"),
        Message("什么也查不到: F8 填寄件人、电话、城市、内容, 回车登记, 交主管跟进"),
    ),
    "duplicate": (
        Message("今天已登记的包裹"),
        Message("再扫一次: 显示它的登记结果和红色提示, 不会重复登记"),
    ),
    "sku": (
        Message("商品条码"),
        Message("包裹在手时扫商品条码 = 录入这件商品; 不在订单里的会要求确认"),
    ),
    "garbage": (
        Message("乱码"),
        Message("不是快递单号也不是商品: 拆包台响一声并说明, 什么也不写"),
    ),
}
ORIGINAL = Message("原单号")


@dataclass(frozen=True)
class PracticeEntry:
    lesson: str  # a key of LESSONS
    code: str
    beside: str = ""  # the original waybill of a parcel back on a new one

    @property
    def title(self) -> Message:
        return LESSONS[self.lesson][0]

    @property
    def teaches(self) -> Message:
        return LESSONS[self.lesson][1]


@dataclass(frozen=True)
class Practice:
    entries: tuple[PracticeEntry, ...]
    sheet: str  # where the sheet was last written ("" before it was)


def demo_detail(entries: list[PracticeEntry], sheet: str = "") -> str:
    """The ``demo`` act's detail: the practice numbers and the sheet, as JSON."""
    return json.dumps({"sheet": sheet, "entries": [asdict(e) for e in entries]}, ensure_ascii=False)


def _latest(s: Session) -> AuditEntry | None:
    q = (
        select(AuditEntry)
        .where(AuditEntry.action == AuditAction.DEMO)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    return s.scalars(q).first()


def practice_info(sessions: SessionFactory) -> Practice | None:
    """The demo shop's practice numbers; None in a real shop's database."""
    with sessions() as s:
        row = _latest(s)
        if row is None:
            return None
        data = json.loads(row.detail)
    entries = tuple(
        PracticeEntry(e["lesson"], e["code"], e.get("beside", ""))
        for e in data.get("entries", [])
        if e.get("lesson") in LESSONS
    )
    return Practice(entries, str(data.get("sheet", "")))


def sheet_data(practice: Practice, shop: ShopConfig) -> PracticeSheetData:
    lines = tuple(
        PracticeLine(
            e.code,
            e.title.text(),
            e.teaches.text(),
            e.beside,
            ORIGINAL.text() if e.beside else "",
        )
        for e in practice.entries
    )
    return PracticeSheetData(lines, command_sheet_data(shop))


def write_sheet(
    sessions: SessionFactory, shop: ShopConfig, path: Path, user: str, station: str
) -> Path:
    """Print the practice sheet to ``path`` (PDF) and record where it is."""
    from returnsdesk.printing.render import render_practice

    practice = practice_info(sessions)
    if practice is None:
        raise InvalidInput("这个数据库不是演示店, 没有练习单", field="sheet")
    path = path.expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_practice(sheet_data(practice, shop)))

    def work(s: Session) -> None:
        detail = demo_detail(list(practice.entries), str(path))
        audit.record(s, user, station, AuditAction.DEMO, AuditEntity.DAY, dt.date.today(), detail)

    tx.run(sessions, work)
    return path
