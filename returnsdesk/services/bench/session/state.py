"""What the bench session holds and answers: the parcel in hand, its item drafts, outcomes.

Plain data, so the window, the scanner and ``returnsdesk register`` read the same thing, and
a draft is stored as JSON after every change (nothing typed is lost in a crash).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any

from returnsdesk.domain.strings import ItemSpec
from returnsdesk.services.bench.match import MatchView
from returnsdesk.services.bench.receive import ParcelView
from returnsdesk.services.bench.register import ItemInput, MoneyInput, RegisterResult


class Field(StrEnum):
    """Where the keys go next, or what an error is about."""

    NONE = "none"
    SCAN = "scan"
    BUYER = "buyer"
    ITEM = "item"
    ACCESSORY = "accessory"
    REASON = "reason"
    CONDITION = "condition"
    BIN = "bin"
    TARGET = "target"
    MONEY = "money"
    NO_INFO = "no_info"
    DECISION = "decision"


# a service error's field (``UserError.field``) -> where the bench puts the keys
_ALIASES = {
    "amount": Field.MONEY,
    "items": Field.ITEM,
    "model": Field.ITEM,
    "qty": Field.ITEM,
    "action": Field.TARGET,
    "note": Field.DECISION,
    "payer": Field.DECISION,
    "contents": Field.NO_INFO,
}
_ITEM_PATH = re.compile(r"items\[(\d+)\]\.(\w+)")


def bench_field(path: str) -> tuple[Field | None, int | None]:
    """The bench field and item an error names (``"items[1].reason"`` -> REASON, 1)."""
    m = _ITEM_PATH.fullmatch(path)
    name, item = (m.group(2), int(m.group(1))) if m else (path, None)
    if name in _ALIASES:
        return _ALIASES[name], item
    try:
        return Field(name), item
    except ValueError:
        return None, item


class Sound(StrEnum):
    NONE = "none"
    OK = "ok"
    NOTICE = "notice"  # done, but the clerk must hear it: a parcel set aside unregistered
    ERROR = "error"


class Event(StrEnum):
    RECEIVED = "received"
    RESUMED = "resumed"
    DUPLICATE = "duplicate"
    ATTACHED = "attached"
    ITEM_ADDED = "item_added"
    ITEM_CHANGED = "item_changed"
    ITEM_REMOVED = "item_removed"
    PARCEL_CHANGED = "parcel_changed"
    DECIDED = "decided"
    REFUSED = "refused"
    REGISTERED = "registered"
    NO_INFO = "no_info"
    PARKED = "parked"
    SELECTED = "selected"
    COPIED = "copied"
    REPRINTED = "reprinted"
    PHOTO = "photo"
    ERROR = "error"
    IGNORED = "ignored"


@dataclass(frozen=True)
class Outcome:
    """What one scan or key did: the message (already in the clerk's language), where the
    keys go next (``field``), a sound, and a banner line for what must not be missed."""

    event: Event
    message: str
    field: Field = Field.NONE
    sound: Sound = Sound.NONE
    banner: str = ""
    item: int | None = None  # the item (0-based) the outcome is about
    result: RegisterResult | None = None
    copy_text: str = ""
    parcel_id: int | None = None

    @property
    def failed(self) -> bool:
        return self.event in (Event.ERROR, Event.IGNORED, Event.DUPLICATE)


@dataclass
class ItemDraft(ItemInput):
    """The item in hand: what will be registered, and where the clerk is with it."""

    line: int | None = None  # index of the matched order's line, None: not in the order
    confirmed: bool = False  # the clerk confirmed an item that is not in the order
    reason_seen: bool = False  # a default reason (the buyer's) was shown and let stand
    photos: list[int] = field(default_factory=list)  # evidence ids of its photos

    @property
    def in_order(self) -> bool:
        return self.line is not None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ItemDraft:
        spec = ItemSpec(**{"sku_code": d.pop("sku_code", ""), **d.pop("spec")})  # older: apart
        target = d.pop("target", None)
        known = {f.name for f in fields(cls)}
        rest = {k: v for k, v in d.items() if k in known}  # keys of another version drop out
        return cls(spec=spec, target=ItemSpec(**target) if target else None, **rest)


@dataclass
class ParcelDraft:
    """The parcel in hand and everything typed for it so far."""

    parcel: ParcelView
    match: MatchView | None
    items: list[ItemDraft] = field(default_factory=list)
    current: int = -1
    line: int = 0  # the order line Enter takes next
    money: list[MoneyInput] = field(default_factory=list)
    packaging_damaged: bool = False
    has_slip: bool = True
    no_info: bool = False
    sender_name: str = ""
    sender_phone: str = ""
    sender_city: str = ""
    contents: str = ""
    target_action: str = ""  # one of RESHIP_KINDS while the clerk types what to send
    # what a box holds that was typed but not yet confirmed with Enter ("money",
    # "accessory", "target"): kept as typed, so a crash at any keystroke loses none of it
    typed: dict[str, str] = field(default_factory=dict)
    confirm_pending: bool = False
    photos: list[int] = field(default_factory=list)  # photos of the parcel as a whole
    outcomes: list[str] = field(default_factory=list)  # ParcelOutcome codes: 空包 …

    def item(self) -> ItemDraft | None:
        return self.items[self.current] if 0 <= self.current < len(self.items) else None

    def to_dict(self) -> dict[str, Any]:
        """What the clerk typed; the parcel and its match are read again on restore."""
        return {
            "parcel_id": self.parcel.id,
            "tracking": self.parcel.tracking_no,
            "items": [i.to_dict() for i in self.items],
            "current": self.current,
            "line": self.line,
            "money": [[m.kind, str(m.amount)] for m in self.money],
            "packaging_damaged": self.packaging_damaged,
            "has_slip": self.has_slip,
            "no_info": self.no_info,
            "sender_name": self.sender_name,
            "sender_phone": self.sender_phone,
            "sender_city": self.sender_city,
            "contents": self.contents,
            "typed": dict(self.typed),
            "photos": list(self.photos),
            "outcomes": list(self.outcomes),
        }

    def apply(self, d: dict[str, Any]) -> None:
        """Put back what was stored for this parcel."""
        self.items = [ItemDraft.from_dict(dict(i)) for i in d.get("items", [])]
        self.current = int(d.get("current", len(self.items) - 1))
        self.line = int(d.get("line", 0))
        self.money = [MoneyInput(k, a) for k, a in d.get("money", [])]
        self.packaging_damaged = bool(d.get("packaging_damaged", False))
        self.has_slip = bool(d.get("has_slip", True))
        self.no_info = bool(d.get("no_info", False))
        for name in ("sender_name", "sender_phone", "sender_city", "contents"):
            setattr(self, name, str(d.get(name, "")))
        typed = d.get("typed", {})
        self.typed = {str(k): str(v) for k, v in typed.items()} if isinstance(typed, dict) else {}
        self.photos = [int(x) for x in d.get("photos", [])]
        self.outcomes = [str(x) for x in d.get("outcomes", [])]

    @property
    def touched(self) -> bool:
        """Anything typed that a new scan would otherwise throw away."""
        return bool(self.items or self.money or self.no_info or self.contents or self.typed
                    or self.photos or self.outcomes)  # fmt: skip


@dataclass(frozen=True)
class BinPreview:
    code: str
    name: str
    color: str
    items: tuple[int, ...]  # indexes of the items going there
    overridden: bool


@dataclass(frozen=True)
class Preview:
    """Bins and strings as they will be when the parcel is registered now."""

    bins: tuple[BinPreview, ...] = ()
    return_string: str = ""
    register_line: str = ""
