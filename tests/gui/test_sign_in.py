"""Signing in at a station with the keyboard only: a number key picks the person, the PIN,
Enter. Keys go to whatever has the focus, as a clerk's keyboard does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from returnsdesk.domain.roles import Role
from returnsdesk.services import users
from returnsdesk.ui.sign_in import SignInDialog


def _staff(ctx):
    users.add_user(ctx.sessions, "admin", "admin", "9999", "", "office")
    users.add_user(ctx.sessions, "clerk1", "clerk", "1111", "admin", "office")
    users.add_user(ctx.sessions, "lead", "lead", "4444", "admin", "office")


def _type(qtbot, text: str) -> None:
    for ch in text:
        qtbot.keyClick(QApplication.focusWidget(), ch)


def test_number_key_pin_and_enter(qtbot, app_context):
    _staff(app_context)
    d = SignInDialog(app_context)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is d.list)
    names = [d.list.item(i).text() for i in range(d.list.count())]
    assert [n.split()[1] for n in names] == ["admin", "clerk1", "lead"]
    _type(qtbot, "3")  # picks "lead" and moves to the PIN box
    assert QApplication.focusWidget() is d.pin
    _type(qtbot, "1111")  # clerk1's PIN is not lead's
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert d.actor is None and d.message.text().startswith("登录失败")
    assert d.pin.text() == ""
    _type(qtbot, "4444")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert d.actor == users.Actor("lead", Role.LEAD)
    assert d.result() == SignInDialog.DialogCode.Accepted
