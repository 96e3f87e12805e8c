"""Sign-in at a station, and switching the person at a shared bench.

Keyboard only, as at a till: the people are numbered, one key picks a person and puts the
cursor in the PIN box, Enter signs in. At the bench F1 opens it, so switching the person
takes two keystrokes plus the PIN.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from returnsdesk.context import AppContext
from returnsdesk.domain.roles import Role
from returnsdesk.services.common import users
from returnsdesk.ui.common.ops import run_op
from returnsdesk.ui.common.status import StatusLine

KEYS = "123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


class SignInDialog(QDialog):
    """Pick a person (number key or arrows), type the PIN, Enter. ``actor`` is the result."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("登录"))
        self.ctx = ctx
        self.actor: users.Actor | None = None
        self.people = [u for u in users.list_users(ctx.sessions) if u.active]
        self.list = QListWidget()
        self.list.setObjectName("signInPeople")
        roles = {  # literal tr() calls, so the role names are in the .ts
            Role.CLERK: self.tr("拆包员"),
            Role.PRINTER: self.tr("打单员"),
            Role.LEAD: self.tr("主管"),
            Role.ADMIN: self.tr("管理员"),
        }
        for key, u in zip(KEYS, self.people, strict=False):
            role = roles[u.role]
            self.list.addItem(f"{key}  {u.name}  ({role})")
        self.pin = QLineEdit()
        self.pin.setObjectName("signInPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN, 回车登录"))
        self.message = StatusLine(self.tr("按编号选择自己, 输入 PIN 后回车"))
        self.message.setObjectName("signInMessage")
        lay = QVBoxLayout(self)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.pin)
        lay.addWidget(self.message)
        self.pin.returnPressed.connect(self.sign_in)
        current = next((i for i, u in enumerate(self.people) if u.name == ctx.settings.user), 0)
        self.list.setCurrentRow(current)
        self.list.installEventFilter(self)
        self.list.setFocus()
        self.resize(360, 320)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """On the list, a person's key or Enter moves on to the PIN box."""
        if obj is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.text().upper()
            if key and key in KEYS[: len(self.people)]:
                self.list.setCurrentRow(KEYS.index(key))
                self.pin.setFocus()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.pin.setFocus()
                return True
        return super().eventFilter(obj, event)

    def sign_in(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.people):
            return
        name, pin = self.people[row].name, self.pin.text()
        done = run_op(
            lambda: users.sign_in(self.ctx.sessions, name, pin),
            says=self.message,
            lang=self.ctx.settings.lang,
        )
        if done is None:
            self.pin.clear()
            return
        self.actor = done.value
        self.accept()


def ask(ctx: AppContext, parent: QWidget | None = None) -> users.Actor | None:
    """Sign in through the dialog; None when the database has no users or it was cancelled."""
    with ctx.sessions() as s:
        if not users.has_users(s):
            return None
    dialog = SignInDialog(ctx, parent)
    return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None
