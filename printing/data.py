"""The plain values each document is drawn from: no database, no Qt.

``returnsdesk.services.printing.documents`` fills them from the database; tests build them by hand.
Phone numbers are given as stored and masked when drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from returnsdesk.domain.kinds import DocKind, doc_name
from returnsdesk.domain.strings import ItemSpec


@dataclass(frozen=True)
class LabelData:
    """A parcel's box label."""

    parcel_id: int
    slip_no: int | None
    buyer_id: str
    items_text: str
    reasons: str
    condition: str
    bin_name: str
    date: str
    station: str
    return_string: str = ""
    phone: str = ""


@dataclass(frozen=True)
class ReshipSlipData:
    """An exchange (换) or reissue (补) slip."""

    slip_id: int
    kind: str
    receiver: str
    phone: str
    address: str
    items: tuple[ItemSpec, ...]
    buyer_id: str = ""
    source_parcel_id: int | None = None
    source_slip_no: int | None = None
    order_no: str = ""
    courier: str = ""
    warehouse: str = ""
    note: str = ""
    date: str = ""


@dataclass(frozen=True)
class DaySheetLine:
    slip_no: int | None
    line: str
    station: str = ""
    clerk: str = ""


@dataclass(frozen=True)
class NoInfoLine:
    slip_no: int | None
    courier: str
    tracking: str
    sender_city: str = ""
    sender_name: str = ""
    phone: str = ""
    contents: str = ""


@dataclass(frozen=True)
class UnregisteredLine:
    tracking: str
    courier: str
    status: str
    received_at: str
    station: str = ""


@dataclass(frozen=True)
class DaySheetData:
    """售后登记日报: the day's register, for the lead and the slip file."""

    date: str
    lines: tuple[DaySheetLine, ...] = ()
    no_info: tuple[NoInfoLine, ...] = ()
    money: tuple[tuple[str, str], ...] = ()  # (kind, amount as text), in display order
    money_total: str = "0.00"
    unregistered: tuple[UnregisteredLine, ...] = ()
    generated_at: str = ""
    # the registered parcels per outcome (空包 2, 少件 1), in the outcomes' order; none: ()
    outcomes: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class CommandEntry:
    code: str
    label: str


@dataclass(frozen=True)
class CommandSheetData:
    """The bench's command barcodes, grouped under a Chinese heading each."""

    groups: tuple[tuple[str, tuple[CommandEntry, ...]], ...] = field(default_factory=tuple)
    title: str = doc_name(DocKind.COMMANDS)


@dataclass(frozen=True)
class PracticeLine:
    """One number of the practice sheet: what it is, what it teaches, and a second number
    beside it where the lesson needs two (a parcel back on a new waybill: its original)."""

    code: str
    title: str
    teaches: str
    beside: str = ""
    beside_label: str = ""


@dataclass(frozen=True)
class PracticeSheetData:
    """The demo shop's practice sheet: its numbers, then the bench's command barcodes."""

    lines: tuple[PracticeLine, ...]
    commands: CommandSheetData
    title: str = "练习单 (演示店)"
    intro: str = "用扫描枪扫, 或在扫描框里输入号码后回车。每一行教一件事, 从上往下做。"
