"""Signing in at a station with the keyboard only: a number key picks the person, the PIN,
Enter. Keys go to whatever has the focus, as a clerk's keyboard does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from returnsdesk.domain.roles import Role
from returnsdesk.services.common import users
from returnsdesk.ui.common.sign_in import SignInDialog


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
    assert d.actor is None
    assert d.message.text().startswith("登录失败")
    assert d.pin.text() == ""
    _type(qtbot, "4444")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert d.actor == users.Actor("lead", Role.LEAD)
    assert d.result() == SignInDialog.DialogCode.Accepted


def test_f1_switches_the_person_at_the_bench(qtbot, bench):
    """Two keystrokes (F1, the person's number) plus the PIN and Enter."""
    from PySide6.QtCore import QTimer

    _staff(bench.ctx)
    answered: list[bool] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SignInDialog)
        _type(qtbot, "2")
        _type(qtbot, "1111")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        answered.append(True)

    QTimer.singleShot(200, answer)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(answered))
    assert "clerk1" in bench.windowTitle()
    assert bench.ctx.settings.user == bench.controller.session.user == "clerk1"
    # what the bench writes now carries the new name
    bench.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bench.view.scan_input)
    qtbot.keyClicks(QApplication.focusWidget(), "YT1234567890123")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    from sqlalchemy import select

    from returnsdesk.db.models import Parcel

    with bench.ctx.sessions() as s:
        qtbot.waitUntil(lambda: s.scalar(select(Parcel.clerk)) is not None)
        assert s.scalar(select(Parcel.clerk)) == "clerk1"
