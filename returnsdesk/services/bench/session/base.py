"""The session's shared parts: who acts where, the lists, messages, the draft's store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.domain.text import check_text
from returnsdesk.errors import UserError
from returnsdesk.i18n import translate
from returnsdesk.services.bench.register import RegisterResult
from returnsdesk.services.bench.session.state import (
    Event,
    Field,
    Outcome,
    ParcelDraft,
    Sound,
    bench_field,
)
from returnsdesk.services.bench.session.store import DraftStore, MemoryStore
from returnsdesk.services.common import lists


class SessionBase:
    def __init__(
        self,
        sessions: SessionFactory,
        shop: ShopConfig,
        user: str,
        station: str,
        lang: str = "zh_CN",
        store: DraftStore | None = None,
        labels: bool = True,
    ) -> None:
        self.sessions = sessions
        self.shop = shop
        self.user = user
        self.station = station
        self.lang = lang
        self.store: DraftStore = store if store is not None else MemoryStore()
        self.labels = labels  # queue box labels on registration (the window; not the CLI)
        self.reasons = lists.reasons(sessions)
        self.conditions = lists.conditions(sessions)
        self.draft: ParcelDraft | None = None
        self.last: RegisterResult | None = None  # the parcel registered last: copy, reprint
        self.selected: int | None = None  # a parcel picked by its label or in today's list
        self._saves_held = False  # a whole parcel keyed at once: one save at the end

    def tr(self, message: str, /, **params: Any) -> str:
        return translate(message, self.lang, **params)

    # --- outcomes -----------------------------------------------------------------------
    def ok(self, event: Event, message: str, **kw: Any) -> Outcome:
        kw.setdefault("field", self.next_field())
        kw.setdefault("sound", Sound.OK)
        return Outcome(event, message, **kw)

    def fail(self, message: str, field: Field = Field.NONE, **kw: Any) -> Outcome:
        kw.setdefault("sound", Sound.ERROR)
        return Outcome(kw.pop("event", Event.ERROR), message, field, **kw)

    def refused(self, exc: UserError, field: Field = Field.NONE) -> Outcome:
        """A service said no: its message, on the field it names (``field`` when none)."""
        named, item = bench_field(exc.field)
        return self.fail(exc.text(self.lang), named or field, item=item)

    def next_field(self) -> Field:
        """Where the keys go now: what the parcel in hand still needs."""
        d = self.draft
        if d is None or d.parcel.needs_decision:
            return Field.SCAN if d is None else Field.DECISION
        if d.no_info:
            return Field.NO_INFO
        if d.match is None:
            return Field.BUYER
        if d.target_action:
            return Field.TARGET
        item = d.item()
        if item is None:
            return Field.ITEM
        if not item.reason or not item.reason_seen:
            return Field.REASON  # a default reason is shown there for the clerk to confirm
        if not item.condition:
            return Field.CONDITION
        missing = next((i for i, it in enumerate(d.items) if not it.reason or not it.condition), -1)
        if missing >= 0:
            d.current = missing
            return self.next_field()
        return Field.SCAN  # complete: scan the next item, or Enter registers

    # --- the draft ----------------------------------------------------------------------
    def save(self) -> None:
        """Store the draft as it is now; called after every change (which also withdraws a
        pending "register anyway?" question)."""
        d = self.draft
        if d is not None:
            d.confirm_pending = False
            if not self._saves_held:
                self.store.save(d.parcel.id, d.to_dict(), current=True)

    @contextmanager
    def saves_held(self) -> Iterator[None]:
        """Store the draft once when the block ends instead of after every step: a parcel of
        n items keyed at once (a ``register`` line) costs n steps, not n saves of n items."""
        self._saves_held = True
        try:
            yield
        finally:
            self._saves_held = False
        self.save()

    def bad_text(self, field: str, *values: str) -> Outcome | None:
        """The text rule (``domain.text``) on what the clerk typed, refused on ``field``."""
        try:
            for value in values:
                check_text(value, field)
        except UserError as exc:
            return self.refused(exc)
        return None

    def need_parcel(self) -> Outcome | None:
        if self.draft is None:
            return self.fail(self.tr("请先扫描快递单号"), Field.SCAN)
        return None

    def reason_of_key(self, key: str) -> str | None:
        return next((c.code for c in self.reasons if c.key.upper() == key.upper()), None)

    def condition_of_key(self, key: str) -> str | None:
        return next((c.code for c in self.conditions if c.key.upper() == key.upper()), None)
