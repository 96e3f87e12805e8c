"""Sign-in as an attacker at a bench would try it: many wrong PINs at once, and timing names.

Parallel attempts run on a SQLite file and on PostgreSQL, each thread with its own connection,
as separate stations or processes would.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from returnsdesk.db.engine import SessionFactory, make_engine, make_session_factory
from returnsdesk.db.migrate import upgrade
from returnsdesk.db.models import AuditEntry, User
from returnsdesk.domain.kinds import AuditAction
from returnsdesk.domain.roles import Role
from returnsdesk.errors import SignInFailed
from returnsdesk.services.common import users

NOW = dt.datetime(2026, 11, 22, 18, 0)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SessionFactory]:
    """A database that several connections share (a file, not SQLite in memory)."""
    engine: Engine
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'shared.db'}", pool_size=50)
        upgrade(engine)
    else:
        engine = request.getfixturevalue("pg_engine")
        engine = make_engine(engine.url.render_as_string(False), pool_size=50)
    factory = make_session_factory(engine)
    users.add_user(factory, "admin", "admin", "9999", "", "office")
    users.add_user(factory, "clerk1", "clerk", "1111", "admin", "office")
    yield factory
    engine.dispose()


def _attempt(sessions: SessionFactory, pin: str) -> str:
    try:
        users.sign_in(sessions, "clerk1", pin, NOW)
    except SignInFailed as exc:
        return exc.text()
    return "in"


def test_parallel_wrong_pins_lock_after_the_limit(shared: SessionFactory) -> None:
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda n: _attempt(shared, f"80{n:02d}"), range(40)))
    assert "in" not in answers
    # at most the limit's worth of guesses reached the PIN check; the rest met the lock
    checked = [a for a in answers if "不对" in a]
    assert len(checked) <= users.MAX_FAILURES, answers
    with pytest.raises(SignInFailed) as err:  # locked: the right PIN too, for a while
        users.sign_in(shared, "clerk1", "1111", NOW + dt.timedelta(minutes=1))
    assert "稍后" in err.value.text()
    with shared() as s:
        row = s.scalars(select(User).where(User.name == "clerk1")).one()
        assert row.locked_until is not None
        assert row.locked_until > NOW
        locks = s.scalars(
            select(AuditEntry).where(AuditEntry.action == str(AuditAction.USER_LOCKED))
        ).all()
    assert len(locks) == 1
    after = NOW + users.LOCKOUT + dt.timedelta(seconds=1)
    assert users.sign_in(shared, "clerk1", "1111", after).role is Role.CLERK


def _median_ms(sessions: SessionFactory, name: str, n: int = 9) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        with pytest.raises(SignInFailed):
            users.sign_in(sessions, name, "0000", NOW)
        times.append((time.perf_counter() - start) * 1000)
        with sessions.begin() as s:  # never lock: the known name keeps being checked
            s.scalars(select(User).where(User.name == name)).first()
            for u in s.scalars(select(User)):
                u.failed_attempts = 0
                u.locked_until = None
    return statistics.median(times)


def test_an_unknown_name_costs_the_same_scrypt_as_a_known_one(any_sessions: SessionFactory) -> None:
    users.add_user(any_sessions, "admin", "admin", "9999", "", "office")
    users.add_user(any_sessions, "clerk1", "clerk", "1111", "admin", "office")
    known = _median_ms(any_sessions, "clerk1")
    unknown = _median_ms(any_sessions, "nobody-here")
    # before: 2 ms against 100 ms. The scrypt dominates both now; the writes differ a little.
    assert unknown > 0.6 * known, (unknown, known)


def test_a_disabled_user_is_named_only_to_whom_knows_the_pin(any_sessions: SessionFactory) -> None:
    users.add_user(any_sessions, "admin", "admin", "9999", "", "office")
    users.add_user(any_sessions, "clerk1", "clerk", "1111", "admin", "office")
    users.disable_user(any_sessions, "clerk1", "admin", "office")
    with pytest.raises(SignInFailed) as wrong:
        users.sign_in(any_sessions, "clerk1", "0000", NOW)
    assert "停用" not in wrong.value.text()
    with pytest.raises(SignInFailed) as right:
        users.sign_in(any_sessions, "clerk1", "1111", NOW)
    assert "停用" in right.value.text()
