"""Every service that changes data, called as every role: a role without the right is refused
with ``无权限`` before anything is written (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from returnsdesk.db.models import AuditEntry
from returnsdesk.domain.roles import ALLOWED, Act
from returnsdesk.errors import Forbidden, UserError
from returnsdesk.importing.service import run_import
from returnsdesk.services.bench import receive
from returnsdesk.services.common import users
from returnsdesk.services.lead import cash, day_close, followup, repairs
from returnsdesk.services.refunds import decide as refund_decide
from returnsdesk.services.reship import flow as reship_flow
from returnsdesk.services.reship import slips as reship

DAY = dt.date(2026, 11, 22)
PEOPLE = {"小王": "clerk", "阿芳": "printer", "张姐": "lead", "老板": "admin"}

Call = Callable[..., object]


def _services(shop, tmp_path: Path) -> dict[str, tuple[Act, Call]]:
    draft = reship.SlipDraft(kind="补")
    csv = tmp_path / "orders.csv"
    csv.write_text("订单编号,买家会员名\n1,x\n", encoding="utf-8")
    return {
        "scan a parcel": (
            Act.BENCH,
            lambda s, u: receive.receive_scan(s, "YT1234567890123", u, "b"),
        ),
        "refund decide": (
            Act.REFUND_DECIDE,
            lambda s, u: refund_decide.decide(s, shop, "R0", u, "b", approve="1"),
        ),
        "money add": (Act.BENCH, lambda s, u: cash.add_entry(s, DAY, "现金", "1", u, u, "b")),
        "money confirm": (
            Act.MONEY_CONFIRM,
            lambda s, u: cash.confirm_handover(s, DAY, "someone", "1", "", u, "b"),
        ),
        "day close": (Act.DAY_CLOSE, lambda s, u: day_close.close_day(s, DAY, u, "b")),
        "day reopen": (Act.DAY_CLOSE, lambda s, u: day_close.reopen_day(s, DAY, "x", u, "b")),
        "follow-up attempt": (
            Act.FOLLOWUP,
            lambda s, u: followup.add_attempt(s, 1, "电话", "无人接", u, "b"),
        ),
        "follow-up report": (Act.FOLLOWUP, lambda s, u: followup.set_reported(s, 1, True, u, "b")),
        "repairs close": (Act.REPAIRS, lambda s, u: repairs.close_repairs(s, [1], u, "b")),
        "slip create": (Act.RESHIP_SUBMIT, lambda s, u: reship.create_slip(s, draft, shop, u, "b")),
        "slip cancel": (Act.RESHIP_SUBMIT, lambda s, u: reship.cancel_slip(s, 1, u, "b")),
        "slip print": (Act.RESHIP, lambda s, u: reship_flow.print_slips(s, [1], shop, u, "b")),
        "slip ship": (Act.RESHIP, lambda s, u: reship_flow.ship(s, 1, "YT1", shop, u, "b")),
        "import": (
            Act.IMPORT,
            lambda s, u: run_import(s, "orders", csv, home=tmp_path, user=u, station="b"),
        ),
        "user add": (Act.USERS, lambda s, u: users.add_user(s, f"n{u}", "clerk", "1234", u, "b")),
        "user disable": (Act.USERS, lambda s, u: users.disable_user(s, "nobody", u, "b")),
    }


@pytest.fixture
def staff(any_sessions):
    users.add_user(any_sessions, "老板", "admin", "9999", "", "office")
    for name, role in PEOPLE.items():
        if role != "admin":
            users.add_user(any_sessions, name, role, "1234", "老板", "office")
    return any_sessions


def _audit_rows(sessions) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_every_service_as_every_role(staff, shop, tmp_path):
    seen: dict[str, set[str]] = {}
    for name, (act, call) in _services(shop, tmp_path).items():
        for person in [*PEOPLE, "stranger"]:
            before = _audit_rows(staff)
            try:
                call(staff, person)
            except Forbidden as exc:
                assert exc.text().startswith("无权限"), name
                assert _audit_rows(staff) == before, f"{name} as {person} wrote before refusing"
                continue
            except UserError:
                pass  # allowed, refused for another reason (no such parcel, slip …)
            seen.setdefault(name, set()).add(person)
        allowed = {p for p, role in PEOPLE.items() if role in ALLOWED[act]}
        assert seen.get(name, set()) == allowed, name
