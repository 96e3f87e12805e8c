"""Users, PINs and the role check every service makes before it writes.

A database with no users runs open: the name given is recorded as it is and anyone may do
anything. The first user must be an admin; from then on every station and command signs in.
PINs are kept only as salted ``hashlib.scrypt`` hashes; five wrong PINs lock the user for
five minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import case, func, or_, select, update
from sqlalchemy.orm import Session

from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import User
from returnsdesk.domain.kinds import AuditAction, AuditEntity
from returnsdesk.domain.roles import ACT_NAMES, Act, Role, may
from returnsdesk.errors import Forbidden, InvalidInput, SignInFailed
from returnsdesk.services.common import audit, tx

_PIN = re.compile(r"\d{4,8}")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user with a role, or a name in an open database."""

    name: str
    role: Role | None  # None: the database has no users (open)


@dataclass(frozen=True)
class UserView:
    name: str
    role: Role
    active: bool
    locked_until: dt.datetime | None


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        got = hashlib.scrypt(
            pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


def _check_pin(pin: str) -> str:
    pin = pin.strip()
    if not _PIN.fullmatch(pin):
        raise InvalidInput("PIN 须为 4 到 8 位数字", field="pin")
    return pin


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 40:
        raise InvalidInput("用户名须为 1 到 40 个字符", field="name")
    return name


def has_users(session: Session) -> bool:
    return session.scalar(select(User.id).limit(1)) is not None


def require(session: Session, user: str, act: Act) -> Actor:
    """The acting user's right to ``act``, checked before anything is written.

    Open database: anyone. Otherwise an active user whose role allows it, else ``Forbidden``.
    """
    row = session.scalars(select(User).where(User.name == user)).first()
    if row is None:
        if not has_users(session):
            return Actor(user, None)
        raise Forbidden(what=ACT_NAMES[act], user=user)
    role = Role(row.role)
    if not row.active or not may(role, act):
        raise Forbidden(what=ACT_NAMES[act], user=user)
    return Actor(row.name, role)


def may_read(sessions: SessionFactory, user: str, act: Act) -> None:
    """Refuse (``Forbidden``) a view that reads in bulk to one whose role does not allow it:
    the lead's window is the lead's and the admin's (``Act.RECORDS``)."""
    with sessions() as s:
        require(s, user, act)


def allowed(sessions: SessionFactory, user: str, act: Act) -> bool:
    """For views deciding what to show (phones, buttons); services still check."""
    try:
        may_read(sessions, user, act)
    except Forbidden:
        return False
    return True


def _dummy_hash() -> str:
    """A hash no PIN is checked against in earnest: an unknown name costs the same scrypt."""
    global _DUMMY
    if _DUMMY is None:
        _DUMMY = hash_pin(secrets.token_hex(8))
    return _DUMMY


_DUMMY: str | None = None


def _take_attempt(
    sessions: SessionFactory, user_id: int, when: dt.datetime
) -> tuple[int, bool] | None:
    """Count an attempt before the PIN is checked, in one conditional UPDATE: attempts that
    overlap each see the others' count, and the one that reaches the limit locks the user.
    ``None`` while the user is locked; else (the attempt's number, whether it locked)."""
    reached = User.failed_attempts + 1 >= MAX_FAILURES
    stmt = (
        update(User)
        .where(
            User.id == user_id,
            or_(User.locked_until.is_(None), User.locked_until <= when),
        )
        .values(
            failed_attempts=case((reached, 0), else_=User.failed_attempts + 1),
            locked_until=case((reached, when + LOCKOUT), else_=None),
        )
        .returning(User.failed_attempts, User.locked_until)
        .execution_options(synchronize_session=False)
    )

    def work(s: Session) -> tuple[int, bool] | None:
        row = s.execute(stmt).first()
        if row is None:
            return None
        return (row[0], row[1] is not None)

    return tx.run(sessions, work)


def sign_in(sessions: SessionFactory, name: str, pin: str, now: dt.datetime | None = None) -> Actor:
    """Check a user's PIN; ``MAX_FAILURES`` wrong ones lock the user for ``LOCKOUT``.

    The attempt is counted before the PIN is checked and outside the transaction that checks
    it, so parallel guesses cannot each see an unlocked user; a known name, an unknown one and
    a disabled one cost the same scrypt, so the answer's time tells no names.
    """
    when = now or dt.datetime.now()
    name, pin = name.strip(), pin.strip()
    with sessions() as s:
        row = s.execute(
            select(User.id, User.name, User.role, User.active, User.pin_hash).where(
                User.name == name
            )
        ).first()
        if row is None and not has_users(s):
            return Actor(name, None)
    if row is None:
        pin_matches(pin, _dummy_hash())
        raise SignInFailed("用户名或 PIN 不对")
    taken = _take_attempt(sessions, row.id, when)
    if taken is None:
        raise SignInFailed("PIN 输错次数太多, 请稍后再试")
    if not pin_matches(pin, row.pin_hash):
        if taken[1]:
            tx.run(
                sessions,
                lambda s: audit.record(
                    s, row.name, "", AuditAction.USER_LOCKED, AuditEntity.USER, row.id
                ),
            )
        raise SignInFailed("用户名或 PIN 不对")

    def passed(s: Session) -> None:
        s.execute(
            update(User)
            .where(User.id == row.id)
            .values(failed_attempts=0, locked_until=None)
            .execution_options(synchronize_session=False)
        )

    tx.run(sessions, passed)
    if not row.active:  # said only to whom knows the PIN: a wrong one tells no more
        raise SignInFailed("用户已停用")
    return Actor(row.name, Role(row.role))


def add_user(
    sessions: SessionFactory, name: str, role: str, pin: str, acting: str, station: str
) -> UserView:
    """Add a user. The first user of an empty database must be an admin and needs no one."""
    name, pin = _check_name(name), _check_pin(pin)
    try:
        role_v = Role(role)
    except ValueError:
        raise InvalidInput("未知角色 {role}", field="role", role=role) from None

    def work(s: Session) -> UserView:
        if has_users(s):
            require(s, acting, Act.USERS)
        elif role_v is not Role.ADMIN:
            raise InvalidInput("第一个用户必须是管理员 (admin)", field="role")
        if s.scalar(select(func.count()).select_from(User).where(User.name == name)):
            raise InvalidInput("用户 {name} 已存在", field="name", name=name)
        s.add(User(name=name, role=str(role_v), pin_hash=hash_pin(pin), active=True))
        audit.record(
            s, acting or name, station, AuditAction.USER_ADD, AuditEntity.USER, name, str(role_v)
        )
        return UserView(name, role_v, True, None)

    return tx.run(sessions, work)


def list_users(sessions: SessionFactory) -> list[UserView]:
    with sessions() as s:
        rows = s.scalars(select(User).order_by(User.name))
        return [UserView(u.name, Role(u.role), u.active, u.locked_until) for u in rows]


def _change(
    sessions: SessionFactory,
    name: str,
    acting: str,
    station: str,
    what: AuditAction,
    **values: object,
) -> None:
    def work(s: Session) -> None:
        require(s, acting, Act.USERS)
        row = s.scalars(select(User).where(User.name == name.strip())).first()
        if row is None:
            raise InvalidInput("没有用户 {name}", field="name", name=name)
        for k, v in values.items():
            setattr(row, k, v)
        audit.record(s, acting, station, what, AuditEntity.USER, row.name)

    tx.run(sessions, work)


def disable_user(sessions: SessionFactory, name: str, acting: str, station: str) -> None:
    _change(sessions, name, acting, station, AuditAction.USER_DISABLE, active=False)


def set_pin(sessions: SessionFactory, name: str, pin: str, acting: str, station: str) -> None:
    pin = _check_pin(pin)
    _change(
        sessions,
        name,
        acting,
        station,
        AuditAction.USER_SET_PIN,
        pin_hash=hash_pin(pin),
        failed_attempts=0,
        locked_until=None,
    )


# ``returnsdesk demo --users``: sample people to try sign-in and roles with (README lists them)
DEMO_USERS = (
    ("admin", Role.ADMIN, "9999"),
    ("lead", Role.LEAD, "4444"),
    ("clerk1", Role.CLERK, "1111"),
    ("clerk2", Role.CLERK, "2222"),
    ("printer", Role.PRINTER, "3333"),
)


def add_demo_users(sessions: SessionFactory, station: str) -> int:
    """Add the sample users to a database that has none; returns how many were added."""
    with sessions() as s:
        if has_users(s):
            return 0
    for name, role, pin in DEMO_USERS:
        add_user(sessions, name, str(role), pin, "admin", station)
    return len(DEMO_USERS)
