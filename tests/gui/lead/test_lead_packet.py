"""The dispute packet from the lead's view: E on a refund row, or any number in the window's
lookup box (Ctrl+E); written off the UI thread with its progress, audited, leads only."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QTableView
from sqlalchemy import select

from returnsdesk.context import AppContext
from returnsdesk.db.models import AuditEntry, Parcel
from returnsdesk.services.common import users
from returnsdesk.services.evidence import records
from returnsdesk.ui.common.ops import OpsBus
from returnsdesk.ui.lead.window import LeadWindow

from helpers.factories import ItemSpec
from helpers.gui import burst
from helpers.refund_data import SHOE, request

NOW = dt.datetime(2026, 11, 23, 17, 0)


@pytest.fixture
def window(qtbot, app_context: AppContext):  # type: ignore[no-untyped-def]
    with app_context.sessions.begin() as s:
        r = request(s, [ItemSpec(*SHOE)], refund_no="R1", registered_at=NOW - dt.timedelta(hours=3))
        p = s.scalars(select(Parcel).where(Parcel.refund_id == r.id)).one()
        pid, tracking = p.id, p.tracking_no
    root = records.folder(app_context.settings.home, app_context.settings.shop.evidence)
    rel = f"2026/11/23/{tracking}_photo.jpg"
    (root / rel).parent.mkdir(parents=True)
    (root / rel).write_bytes(b"\xff\xd8 a photo \xff\xd9")
    digest = hashlib.sha256((root / rel).read_bytes()).hexdigest()
    records.record_photo(app_context.sessions, pid, 0, rel, digest, (root / rel).stat().st_size,
                         "test", NOW, "clerk", "bench-1")  # fmt: skip
    w = LeadWindow(app_context, OpsBus(), now=lambda: NOW)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.tracking = tracking  # type: ignore[attr-defined]
    return w


def _save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    asked: list[str] = []

    def fake(_parent, _title, default, _filter):  # type: ignore[no-untyped-def]
        asked.append(default)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return asked


def test_e_on_a_refund_row_exports_its_packet(window: LeadWindow, qtbot, monkeypatch,
                                              tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    w = window
    out = tmp_path / "R1.zip"
    asked = _save_as(monkeypatch, out)
    qtbot.keyClick(w, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)
    table = w.findChild(QTableView, "refundTable")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    w.resize(1366, 728)
    with qtbot.waitSignal(w.refunds.packet.finished, timeout=10_000):
        qtbot.keyClick(table, Qt.Key.Key_E)
    assert asked[0].endswith("举证包-R1.zip")
    w.free_space = lambda _root: 2 << 30  # and the clips' disk is nearly full
    w.check_disk()
    qtbot.wait(50)
    w.grab().save(str(tmp_path / "lead-packet.png"))
    status = w.findChild(QLabel, "refundStatus").text()
    assert "1 个包裹, 0 段录像, 1 张照片" in status
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
    assert "summary.pdf" in names
    assert any(n.startswith("photos/") for n in names)
    with w.ctx.sessions() as s:
        trail = s.scalars(select(AuditEntry.detail).where(AuditEntry.action == "evidence_export"))
        assert [t for t in trail] == ["R1 → R1.zip"]


def test_any_number_in_the_lookup_box(window: LeadWindow, qtbot, monkeypatch,
                                      tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    w = window
    out = tmp_path / "by-tracking.zip"
    _save_as(monkeypatch, out)
    qtbot.keyClick(w, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    box = w.packet.input
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    with qtbot.waitSignal(w.packet.exporter.finished, timeout=10_000) as got:
        burst(qtbot, w.tracking)  # type: ignore[attr-defined]
    assert got.args[0].trackings == (w.tracking,)  # type: ignore[attr-defined]
    assert out.is_file()
    assert "1 张照片" in w.findChild(QLabel, "packetStatus").text()

    # nothing under that number: said in place, no file
    with qtbot.waitSignal(w.packet.exporter.failed, timeout=10_000):
        w.packet.exporter.export_to("NOPE", tmp_path / "nope.zip")
    assert "NOPE" in w.findChild(QLabel, "packetStatus").text()
    assert not (tmp_path / "nope.zip").exists()


def test_a_clerk_is_refused(window: LeadWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    sessions = w.ctx.sessions
    users.add_user(sessions, "admin", "admin", "1234", "", "pc")
    users.add_user(sessions, "clerk1", "clerk", "1234", "admin", "pc")
    w.ctx.settings.user = "clerk1"  # another person signed in at the lead's PC
    with qtbot.waitSignal(w.packet.exporter.failed, timeout=10_000):
        w.packet.exporter.export_to("R1", tmp_path / "no.zip")
    assert "无权限" in w.findChild(QLabel, "packetStatus").text()
    assert not (tmp_path / "no.zip").exists()


def test_e_on_a_claim_exports_its_parcels_packet(window: LeadWindow, qtbot, monkeypatch,
                                                 tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    from helpers.factories import parcel

    w = window
    with w.ctx.sessions.begin() as s:  # a parcel the courier damaged
        claim = parcel(s, NOW.date(), [ItemSpec(reason="物流破损")], packaging_damaged=True)
        tracking = claim.tracking_no
    out = tmp_path / "claim.zip"
    asked = _save_as(monkeypatch, out)
    w.tabs.setCurrentWidget(w.claims)
    table = w.findChild(QTableView, "claimTable")
    qtbot.waitUntil(lambda: table.model().rowCount() == 1)
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    with qtbot.waitSignal(w.claims.packet.finished, timeout=10_000) as got:
        qtbot.keyClick(table, Qt.Key.Key_E)
    assert asked[0].endswith(f"举证包-{tracking}.zip")
    assert got.args[0].trackings == (tracking,)
    assert out.is_file()
