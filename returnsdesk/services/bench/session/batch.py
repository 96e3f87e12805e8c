"""``returnsdesk register``: one JSON line → one parcel, driven through the bench session.

The same engine as the window, so the same rules and defaults. Every field is checked
first; a line rejected later (a closed parcel, a missing decision or reason) takes back the
parcel it signed in, so a rejected line leaves nothing behind.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from returnsdesk.config import ShopConfig
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import Parcel
from returnsdesk.domain.kinds import Bin, FreightDecision, outcomes_of
from returnsdesk.domain.roles import ACT_NAMES, Act
from returnsdesk.domain.status import ParcelStatus
from returnsdesk.errors import Forbidden, UnknownTrackingNumber, UserError
from returnsdesk.services.bench import parcel_state
from returnsdesk.services.bench.identify import identify_value
from returnsdesk.services.bench.register import MoneyInput
from returnsdesk.services.bench.session.engine import BenchSession
from returnsdesk.services.bench.session.register_lines import FieldError, ParcelLine, parse_line
from returnsdesk.services.bench.session.state import Event, Field, Outcome
from returnsdesk.services.common import lists, tx, users

MAX_ITEMS = 200

_FIELD = {
    Field.BUYER: "buyer",
    Field.ITEM: "items",
    Field.DECISION: "freight",
    Field.NO_INFO: "contents",
    Field.MONEY: "money",
    Field.SCAN: "tracking",
}


class Batch:
    """Registers lines one by one; reuses one session per (user, station)."""

    def __init__(self, sessions: SessionFactory, shop: ShopConfig, user: str, station: str,
                 lang: str = "zh_CN") -> None:  # fmt: skip
        self.sessions, self.shop, self.lang = sessions, shop, lang
        self.user, self.station = user, station
        self.known = {
            "reason": {c.code for c in lists.reasons(sessions)},
            "condition": {c.code for c in lists.conditions(sessions)},
            "bin": set(shop.bins),
        }
        self._benches: dict[tuple[str, str], BenchSession] = {}
        with sessions() as s:  # once people sign in, a line acts as the signed-in user only
            self.signed_in = users.has_users(s)

    def _bench(self, user: str, station: str) -> BenchSession:
        key = (user, station)
        if key not in self._benches:
            self._benches[key] = BenchSession(
                self.sessions, self.shop, user, station, self.lang, labels=False
            )
        return self._benches[key]

    def line(self, record: Any) -> dict[str, Any]:
        """One line in one database transaction: committed when the parcel is registered
        (or found registered), rolled back otherwise, so a rejected line writes nothing.

        The transaction is the retrying helper's (``tx.run``): it takes the write lock at its
        start (BEGIN IMMEDIATE on SQLite) and is run again from the top after a lock conflict
        or serialization failure; when the retries are spent the line answers 数据库正忙.
        """
        tracking = record.get("tracking") if isinstance(record, dict) else None
        try:
            line = parse_line(_within_limits(record), self.known)
        except FieldError as exc:
            return {"tracking": tracking, "error": exc.text(self.lang), "field": exc.field,
                    "value": exc.value}  # fmt: skip
        if self.signed_in and line.user and line.user != self.user:
            text = Forbidden(what=ACT_NAMES[Act.BENCH], user=line.user).text(self.lang)
            return {"tracking": tracking, "error": text, "field": "user", "value": line.user}
        bench = self._bench(line.user or self.user, line.station or self.station)

        def work(s: Session) -> dict[str, Any]:
            bench.draft = None  # a retried line starts again from its scan
            inner = SessionFactory(bind=s.connection(), expire_on_commit=False,
                                   join_transaction_mode="create_savepoint")  # fmt: skip
            bench.sessions = inner
            try:
                out = self._line(bench, line)
            finally:
                bench.sessions = self.sessions
            if "error" in out and not out.get("duplicate"):
                raise _Rejected(out)
            return out

        try:
            return tx.run(self.sessions, work)
        except _Rejected as rejected:
            return rejected.out
        except UserError as exc:  # the database stayed busy through every retry
            bench.draft = None
            return {"tracking": line.tracking, "error": exc.text(self.lang),
                    "field": exc.field or "tracking"}  # fmt: skip

    def _line(self, b: BenchSession, line: ParcelLine) -> dict[str, Any]:
        sessions = b.sessions
        if not identify_value(sessions, line.tracking).is_parcel_number:
            text = UnknownTrackingNumber(value=line.tracking).text(self.lang)
            return {"tracking": line.tracking, "error": text, "field": "tracking",
                    "value": line.tracking}  # fmt: skip
        out = b.scan(line.tracking)
        if out.event is Event.DUPLICATE:
            slip, status = parcel_state.slip_and_status(sessions, out.parcel_id or 0)
            return {"tracking": line.tracking, "id": out.parcel_id, "duplicate": True,
                    "slip_no": slip, "status": status, "error": out.message,
                    "field": "tracking"}  # fmt: skip
        if out.failed:
            return self._error(line, "tracking", line.tracking, out)
        result = self._fill(b, line)
        if isinstance(result, dict):
            return result
        if result.failed or result.result is None:
            pid = b.draft.parcel.id if b.draft is not None else 0
            b.cancel()
            b.store.drop(pid)
            return self._error(line, _path(result), None, result)
        res = result.result
        return {
            "tracking": line.tracking,
            "id": res.parcel_id,
            "slip_no": res.slip_no,
            "status": res.status,
            "bin": res.bins[0] if res.bins else Bin.PENDING,
            "bins": res.bins,
            "return_string": res.return_string,
            "register_line": res.register_line,
            "reship_slips": list(res.reship_slip_ids),
            "outcomes": list(outcomes_of(_stored_outcomes(sessions, res.parcel_id))),
        }

    def _fill(self, b: BenchSession, line: ParcelLine) -> Outcome | dict[str, Any]:
        """Tell the session what the line says, as a clerk would key it; then register."""
        with b.saves_held():
            steps = self._keys(b, line)
        if isinstance(steps, dict):
            return steps
        if isinstance(steps, Outcome):
            return steps
        failed = next((s for s in steps if s.failed), None)
        return failed or b.commit()

    def _keys(self, b: BenchSession, line: ParcelLine) -> list[Outcome] | Outcome | dict[str, Any]:
        """The line's keys, each step's outcome (a refused parcel ends the line at once)."""
        steps: list[Outcome] = []
        d = b.draft
        assert d is not None
        if line.freight_collect and not d.parcel.is_freight_collect:
            steps.append(b.toggle_freight_collect())
        if line.decision:
            steps.append(b.decide(line.decision, line.payer, line.note))
            if line.decision == FreightDecision.REFUSED:
                return steps[-1] if steps[-1].failed else self._refused(line, steps[-1])
        if line.buyer and (d.match is None or d.match.buyer_id.lower() != line.buyer.lower()):
            steps.append(b.attach(line.buyer, line.order))
        for code in line.outcomes:  # as Ctrl+1 … Ctrl+4 at the bench
            if code not in d.outcomes:
                steps.append(b.toggle_outcome(code))
        for it in line.items:
            steps.append(b.add_spec(it.spec, it.accessories))
            if it.reason:
                steps.append(b.set_reason(it.reason))
            if it.condition:
                steps.append(b.set_condition(it.condition))
            if it.bin_override:
                steps.append(b.set_bin(it.bin_override))
            if it.target is not None:
                item = d.item()
                assert item is not None
                item.action, item.target = it.action, it.target
            item = d.item()
            if item is not None:
                item.confirmed = True  # the line states its items deliberately
        d.money = [MoneyInput(k, a) for k, a in line.money]
        d.packaging_damaged = line.packaging_damaged
        d.has_slip = line.has_slip
        if d.match is None:
            steps.append(b.start_no_info())
            b.set_sender(*line.sender)
        return steps

    def _refused(self, line: ParcelLine, out: Outcome) -> dict[str, Any]:
        return {"tracking": line.tracking, "id": out.parcel_id, "status": ParcelStatus.REFUSED}

    def _error(self, line: ParcelLine, path: str, value: Any, out: Outcome) -> dict[str, Any]:
        return {"tracking": line.tracking, "error": out.message, "field": path, "value": value}


class _Rejected(Exception):
    """A line that cannot be registered: its transaction is rolled back, its answer kept."""

    def __init__(self, out: dict[str, Any]) -> None:
        super().__init__(out.get("error"))
        self.out = out


def _stored_outcomes(sessions: SessionFactory, parcel_id: int) -> str:
    """The registered parcel's outcomes as its row holds them."""
    with sessions() as s:
        return s.scalar(select(Parcel.outcomes).where(Parcel.id == parcel_id)) or ""


def _within_limits(record: Any) -> Any:
    """A parcel holds at most ``MAX_ITEMS`` items (a box, not a warehouse)."""
    items = record.get("items") if isinstance(record, dict) else None
    if isinstance(items, list) and len(items) > MAX_ITEMS:
        raise FieldError("items", "最多 {n} 件", len(items), n=MAX_ITEMS)
    return record


def _path(out: Outcome) -> str:
    if out.field in (Field.REASON, Field.CONDITION, Field.BIN, Field.TARGET):
        return f"items[{out.item or 0}].{out.field.value}"
    return _FIELD.get(out.field, out.field.value)
