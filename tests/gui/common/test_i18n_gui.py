"""The UI in English (RETURNSDESK_LANG=en): the bench's own text is translated, data is not."""

from __future__ import annotations

import datetime as dt
import importlib
import re

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from returnsdesk.config import Settings
from returnsdesk.services.admin.demo import fill_demo
from returnsdesk.services.common.setup import open_database
from returnsdesk.ui.app import make_app
from returnsdesk.ui.bench.window import BenchWindow
from returnsdesk.ui.common.i18n import TsTranslator, install, parse_ts, remove, ts_path
from returnsdesk.ui.common.ops import OpsBus

HAN = re.compile(r"[\u4e00-\u9fff]")
# tables and lists whose headers or rows are the shop's own data
DATA_VIEWS: set[str] = set()


@pytest.fixture
def english(qapp):
    """The app switched to English for one test, back to Chinese after it."""
    before = qapp.applicationDisplayName()
    make_app("en")
    yield qapp
    remove(qapp)
    qapp.setApplicationDisplayName(before)


@pytest.fixture
def en_bench(english, qtbot, tmp_path):
    settings = Settings.resolve(home=str(tmp_path), lang="en", station="bench-1", user="clerk1")
    ctx = open_database(settings)
    fill_demo(ctx.sessions, orders=40, seed=3, today=dt.date.today())
    window = BenchWindow(ctx, OpsBus())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.view.scan_input.setFocus()
    yield window
    window.close()
    ctx.close()


def _ui_texts(window: QWidget) -> list[str]:
    """Text the program itself puts on buttons, menus and empty entry boxes."""
    texts = [b.text() for b in window.findChildren(QAbstractButton)]
    texts += [e.placeholderText() for e in window.findChildren(QLineEdit)]
    texts += [g.title() for g in window.findChildren(QGroupBox)]
    for menu in window.findChildren(QMenu):
        texts.append(menu.title())
        texts += [a.text() for a in menu.actions()]
    for tabs in window.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    for table in window.findChildren(QTableView):
        model = table.model()
        if model is not None and table.objectName() not in DATA_VIEWS:
            texts += [
                str(model.headerData(i, Qt.Orientation.Horizontal) or "")
                for i in range(model.columnCount(QModelIndex()))
            ]
    return [t for t in texts if t]


def _untranslated(window: QWidget, labels: bool = False) -> list[str]:
    """UI text still in Chinese; Chinese inside a translation (an example to type) is fine."""
    translations = set(parse_ts(ts_path("en")).values())
    texts = [*_ui_texts(window), window.windowTitle()]
    if labels:
        texts += [lb.text() for lb in window.findChildren(QLabel)]
    return [t for t in texts if HAN.search(t) and t not in translations]


def test_bench_in_english(english, en_bench):
    assert english.applicationDisplayName() == "ReturnsDesk"
    v = en_bench.view
    assert v.commit_button.text() == "Register (Enter)"
    assert v.scan_input.placeholderText().startswith("Scan or type a waybill")
    assert _untranslated(en_bench) == []
    en_bench.show_start_of_day()
    assert en_bench.findChild(QWidget, "statusLine").text() == "Ready: scan a tracking number"


def _window(bench: BenchWindow, module: str, cls: str) -> QWidget:
    """Each window as the app opens it (see BenchWindow.open_window and the reshipment desk)."""
    factory = getattr(importlib.import_module(f"returnsdesk.ui.{module}"), cls)
    ctx, bus = bench.ctx, bench.bus
    if cls in ("PrintSettingsDialog", "ReshipReportsDialog"):
        return factory(ctx, bench)  # type: ignore[no-any-return]
    if cls == "ReshipEntryDialog":
        return factory(ctx, None, bench)  # type: ignore[no-any-return]
    if cls == "PrintQueueWidget":
        return factory(ctx, bus, None)  # type: ignore[no-any-return]
    return factory(ctx, bus, None)  # type: ignore[no-any-return]


WINDOWS = [
    ("reship.window", "ReshipWindow"),
    ("reship.entry", "ReshipEntryDialog"),
    ("reship.reports", "ReshipReportsDialog"),
    ("lead.window", "LeadWindow"),
    ("printing.queue", "PrintQueueWidget"),
    ("importing.dialog", "ImportDialog"),
    ("printing.settings", "PrintSettingsDialog"),
]


@pytest.mark.parametrize(("module", "cls"), WINDOWS)
def test_other_windows_in_english(en_bench, qtbot, module, cls):
    window = _window(en_bench, module, cls)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert _untranslated(window, labels=True) == []


def _variable_labels() -> list[str]:
    """Labels kept in services that windows show through ``tr()`` of a variable."""
    from returnsdesk.domain.status import ParcelStatus, status_name
    from returnsdesk.reports import claims, reship_report
    from returnsdesk.reports.weekly import BREAKDOWNS
    from returnsdesk.services.lead import distribution
    from returnsdesk.ui.lead.lists import ClaimsTab, DistributionTab

    labels = [*claims.HEADERS, *reship_report.PROBLEM_HEADER, *reship_report.ARCHIVE_HEADER]
    labels += list(distribution.HEADERS)
    labels += [t.export_title for t in (ClaimsTab, DistributionTab)]
    labels += [status_name(s) for s in ParcelStatus]
    for b in BREAKDOWNS:
        labels += [b.title, *b.columns]
    return labels


def test_labels_from_variables_have_english(english):
    untranslated = [
        label
        for label in _variable_labels()
        if HAN.search(QCoreApplication.translate("AnyWindow", label))
    ]
    assert untranslated == []


def test_bench_messages_in_english_keep_their_numbers(en_bench, qtbot):
    v = en_bench.view
    qtbot.keyClicks(v.scan_input, "YT1234567890123")
    qtbot.keyClick(v.scan_input, Qt.Key.Key_Return)
    qtbot.keyClick(v.item_input, Qt.Key.Key_Return)
    qtbot.keyClick(v.reason_picker, "1")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is v.condition_picker)
    qtbot.keyClick(v.condition_picker, "1")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is v.scan_input)
    qtbot.keyClick(v.scan_input, Qt.Key.Key_Return)
    status = en_bench.findChild(QWidget, "statusLine").text()
    assert re.fullmatch(r"Registered: slip \d+.*", status), status


def test_bench_in_chinese_by_default(qapp, bench):
    assert bench.view.commit_button.text() == "登记 (回车)"
    assert not qapp.findChildren(TsTranslator)


class _Base(QWidget):
    def title(self) -> str:
        return self.tr("登记 (回车)")


class _Sub(_Base):
    pass


def test_translator_lookups(english):
    # a subclass asks under its own class name: the source alone still finds it
    assert _Sub().title() == "Register (Enter)"
    # text the UI passes through tr() from a variable falls back to the core catalogue
    assert QCoreApplication.translate("ReshipWindow", "待处理") == "Open"
    # unknown text stays as it is
    assert QCoreApplication.translate("X", "没有这句话") == "没有这句话"


def test_switching_back_to_chinese_removes_the_translation(qapp):
    try:
        assert install("en", qapp) is not None
        assert QCoreApplication.translate("BenchView", "登记 (回车)") == "Register (Enter)"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
        assert install("zh_CN", qapp) is None
        assert QCoreApplication.translate("BenchView", "登记 (回车)") == "登记 (回车)"
        assert not qapp.findChildren(TsTranslator)
        # Qt's own buttons and dialogs speak Chinese too
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        remove(qapp)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def _banners_fit(qtbot: QtBot, bench: BenchWindow, unmatched: str) -> None:
    """The bench's banner states one after another, ``unmatched`` a parcel with no order:
    the window stays 1366×728 and its minimum fits within 728 pixels in each."""
    from helpers.gui import burst

    steps = ("SF1234567890123", "RD+ACCEPTBUYER", "RD+CANCEL", "YT7777777777777", "RD+FREIGHT",
             "RD+NOINFO", "RD+CANCEL", unmatched, "RD+L1", "RD+EXCHANGE")  # fmt: skip
    for step in steps:
        burst(qtbot, step)
        assert bench.minimumSizeHint().height() <= 728, step
        assert (bench.width(), bench.height()) == (1366, 728), step


def test_the_english_bench_fits_1366x728_with_its_banners(qtbot, en_bench):
    """English is longer than Chinese: no title forces the columns wider, no placeholder is
    cut, and the window stays within 728 pixels in every state."""
    bench = en_bench
    bench.resize(1366, 728)
    qtbot.wait(50)
    _banners_fit(qtbot, bench, "YT1234567890123")
    v = bench.view
    for box in (v.item_input, v.accessory_input, v.target_input, v.money_input, v.buyer_input):
        shown = box.fontMetrics().horizontalAdvance(box.placeholderText())
        assert shown <= box.width() - 8, box.placeholderText()


def test_the_english_bench_fits_1366x728_with_a_label_shown_and_its_banners(qtbot, en_bench):
    """After the first registration the label's preview takes its place on the left; a
    parcel with a banner then made the window 752 pixels tall (the preview's empty message
    line took a row)."""
    from helpers.gui import burst

    bench = en_bench
    bench.resize(1366, 728)
    for code in ("YT1234567890123", "RD+L1", "RD+R1", "RD+C1", "RD+COMMIT"):
        burst(qtbot, code)
    preview = bench.controller.label_preview
    qtbot.waitUntil(lambda: preview is not None and not preview.picture.pixmap().isNull())
    _banners_fit(qtbot, bench, "YT6666666666666")
