"""Driving windows as people do: scanner bursts and keys go to whatever has the focus."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QTableView, QWidget

ENTER = Qt.Key.Key_Return
W = TypeVar("W", bound=QWidget)


def burst(qtbot: Any, text: str) -> str:
    """Type ``text`` and Enter into the focused widget at scanner speed; its objectName."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClicks(target, text)
    qtbot.keyClick(target, ENTER)
    qtbot.wait(60)  # the next burst is a new one (and a key list settles)
    return target.objectName()


def press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    """One key to whatever has the focus."""
    target = QApplication.focusWidget()
    assert target is not None
    if modifier is None:
        qtbot.keyClick(target, key)
    else:
        qtbot.keyClick(target, key, modifier)


def ime(widget: QWidget, text: str) -> None:
    """Chinese comes through the input method, not key events (QTest types ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def focused(name: str) -> bool:
    f = QApplication.focusWidget()
    return f is not None and f.objectName() == name


def child(window: QWidget, cls: type[W], name: str) -> W:
    found = window.findChild(cls, name)
    assert found is not None, name
    return found


def cells(view: QTableView) -> list[list[str]]:
    """What a table shows, row by row."""
    m = view.model()
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def open_bench(qtbot: Any, ctx: Any, shop_toml: str = "") -> Any:
    """The bench window over ``ctx``, shown, active, the scan box focused; ``shop_toml`` is
    written to the home's shop.toml first."""
    from returnsdesk.config import load_shop_config
    from returnsdesk.ui.bench.window import BenchWindow
    from returnsdesk.ui.common.ops import OpsBus

    if shop_toml:
        (ctx.settings.home / "shop.toml").write_text(shop_toml, encoding="utf-8")
        ctx.settings.shop = load_shop_config(ctx.settings.home)
    window = BenchWindow(ctx, OpsBus())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.view.scan_input.setFocus()
    return window
