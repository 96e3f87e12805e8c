"""The print queue and the document data, on SQLite and PostgreSQL; printer settings; CLI."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from returnsdesk import cli
from returnsdesk.config import Settings
from returnsdesk.db.engine import SessionFactory
from returnsdesk.db.models import AuditEntry, MoneyEntry, Order, Parcel, PrintJob
from returnsdesk.errors import InvalidInput, NotFound, PrinterUnavailable
from returnsdesk.printing import settings as printer_settings
from returnsdesk.printing.backends import FolderBackend, display_name, split_printer
from returnsdesk.services.printing import documents
from returnsdesk.services.printing import queue as print_queue

from helpers.factories import shoe_item

DAY = dt.date(2026, 11, 22)


def make_parcel(
    sessions: SessionFactory,
    slip_no: int | None = 17,
    status: str = "registered",
    buyer: str = "tb_xiaomei",
    tracking: str = "YT1234567890123",
    phone: str = "13812345678",
) -> int:
    with sessions.begin() as s:
        order = Order(
            order_no=f"O-{tracking}", buyer_id=buyer, buyer_id_lower=buyer, receiver_phone=phone
        )
        s.add(order)
        s.flush()
        p = Parcel(
            tracking_no=tracking,
            courier="圆通",
            day=DAY,
            station="bench-1",
            clerk="clerk1",
            status=status,
            slip_no=slip_no,
            buyer_id=buyer,
            order_id=order.id if buyer else None,
            return_string=f"{buyer} 5815深紫W7*1 尺码偏小 完好",
            register_line=f"11-22 ID:{buyer} 收到5815深紫W7*1 尺码偏小 完好 退",
            received_at=dt.datetime(2026, 11, 22, 16, 5),
        )
        if buyer:
            p.items.append(shoe_item())
        s.add(p)
        s.flush()
        return p.id


class Broken:
    """A backend whose printer is off."""

    scheme = "cups"

    def __init__(self) -> None:
        self.calls = 0

    def send(self, pdf: Path, target: str, media: str, copies: int, title: str) -> str:
        self.calls += 1
        raise PrinterUnavailable(printer=target, detail="打印机已暂停")

    def printers(self) -> list[str]:
        return ["off"]


@pytest.fixture
def home_settings(tmp_path: Path, shop) -> Settings:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    return Settings(home=home, db_url="sqlite://", station="bench-1", user="clerk1", shop=shop)


def test_label_data_from_the_database(any_sessions: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    pid = make_parcel(any_sessions)
    d = documents.label_data(any_sessions, pid, shop)
    assert (d.parcel_id, d.slip_no, d.buyer_id) == (pid, 17, "tb_xiaomei")
    assert d.items_text == "5815深紫W7*1"
    assert (d.reasons, d.condition, d.bin_name) == ("尺码偏小", "完好", "良品")
    assert d.phone == "13812345678"  # masked when drawn
    assert d.date == "2026-11-22"
    assert d.station == "bench-1"
    with pytest.raises(NotFound):
        documents.label_data(any_sessions, pid + 999, shop)


def test_no_info_parcel_label_goes_to_pending(any_sessions: SessionFactory, shop) -> None:  # type: ignore[no-untyped-def]
    pid = make_parcel(any_sessions, status="no_info", buyer="", slip_no=3)
    with any_sessions.begin() as s:
        p = s.get(Parcel, pid)
        assert p is not None
        p.sender_phone, p.contents = "13900001111", "黑色鞋一双"
    d = documents.label_data(any_sessions, pid, shop)
    assert (d.buyer_id, d.bin_name, d.items_text, d.phone) == (
        "无信息件",
        "待查",
        "黑色鞋一双",
        "13900001111",
    )


def test_day_sheet_data(any_sessions: SessionFactory) -> None:
    make_parcel(any_sessions, slip_no=2, buyer="b2", tracking="YT2")
    make_parcel(any_sessions, slip_no=1, buyer="b1", tracking="YT1")
    make_parcel(any_sessions, slip_no=3, buyer="", tracking="YT3", status="no_info")
    make_parcel(any_sessions, slip_no=None, buyer="", tracking="YT4", status="received")
    with any_sessions.begin() as s:
        s.add_all(
            [
                MoneyEntry(day=DAY, kind="邮费", amount=Decimal("10.00")),
                MoneyEntry(day=DAY, kind="邮费", amount=Decimal("12.00")),
                MoneyEntry(day=DAY, kind="现金", amount=Decimal("5.50")),
                MoneyEntry(day=DAY + dt.timedelta(days=1), kind="现金", amount=Decimal("99")),
            ]
        )
    with any_sessions.begin() as s:  # what was wrong with two of them, counted on the sheet
        for p in s.scalars(select(Parcel).where(Parcel.tracking_no.in_(["YT1", "YT2"]))):
            p.outcomes = "short,empty" if p.tracking_no == "YT1" else "short"
    d = documents.day_sheet_data(any_sessions, DAY)
    assert d.outcomes == (("空包", 1), ("少件", 2))
    assert [li.slip_no for li in d.lines] == [1, 2, 3]
    assert d.lines[0].line == "11-22 ID:b1 收到5815深紫W7*1 尺码偏小 完好 退"
    assert [n.tracking for n in d.no_info] == ["YT3"]
    assert [(u.tracking, u.status) for u in d.unregistered] == [("YT4", "已扫描未登记")]
    assert dict(d.money) == {"邮费": "22.00", "现金": "5.50"}
    assert d.money_total == "27.50"


def test_enqueue_run_done_with_pdf_saved(
    any_sessions: SessionFactory, home_settings: Settings
) -> None:
    pid = make_parcel(any_sessions)
    job_id = print_queue.enqueue(any_sessions, "label", str(pid), "clerk1", "bench-1")
    assert print_queue.get_job(any_sessions, job_id).state == "queued"
    job = print_queue.process_next(any_sessions, home_settings)
    assert job is not None
    assert job.id == job_id
    assert (job.state, job.error, job.attempts) == ("done", "", 1)
    assert Path(job.pdf_path).read_bytes().startswith(b"%PDF")
    saved = list((home_settings.home / "print").glob("*.pdf"))
    assert len(saved) == 1
    assert saved[0].name == f"包裹标签_{pid}.pdf"
    assert print_queue.process_next(any_sessions, home_settings) is None
    with any_sessions() as s:
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["print_enqueue", "print_done"]


def test_failed_job_stays_with_reason_then_retry_and_redirect(
    any_sessions: SessionFactory, home_settings: Settings, tmp_path: Path
) -> None:
    pid = make_parcel(any_sessions)
    broken = Broken()
    backends = {"cups": broken, "folder": FolderBackend(tmp_path / "out")}
    job_id = print_queue.enqueue(any_sessions, "label", str(pid), "u", "bench-1", "cups:Label1")
    job = print_queue.process_next(any_sessions, home_settings, backends)
    assert job is not None
    assert job.state == "failed"
    assert "打印机已暂停" in job.error
    assert "Label1" in job.error
    assert Path(job.pdf_path).is_file()  # rendered, kept for the retry
    # still there, listed, not lost
    assert [j.id for j in print_queue.list_jobs(any_sessions, "bench-1")] == [job_id]
    again = print_queue.retry(any_sessions, job_id, "u", "bench-1")
    assert (again.state, again.error) == ("queued", "")
    job = print_queue.process_next(any_sessions, home_settings, backends)
    assert job is not None
    assert job.state == "failed"
    assert job.attempts == 2
    assert broken.calls == 2
    moved = print_queue.send_elsewhere(
        any_sessions, job_id, f"folder:{tmp_path / 'x'}", "u", "bench-1"
    )
    assert moved.printer.startswith("folder:")
    job = print_queue.process_next(any_sessions, home_settings, backends)
    assert job is not None
    assert (job.state, job.attempts) == ("done", 3)
    assert len(list((tmp_path / "x").glob("*.pdf"))) == 1


class Recorder:
    scheme = "cups"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, int]] = []

    def send(self, pdf: Path, target: str, media: str, copies: int, title: str) -> str:
        self.sent.append((target, media, copies))
        return "ok"

    def printers(self) -> list[str]:
        return []


def test_printer_size_and_copies_come_from_settings_unless_given(
    any_sessions: SessionFactory, home_settings: Settings
) -> None:
    pid = make_parcel(any_sessions)
    printer_settings.save(
        home_settings.home,
        printer_settings.PrinterSettings().with_kind(
            "label", printer_settings.DocPrinter("cups:Zebra", "60x40", 3)
        ),
    )
    rec = Recorder()
    backends = {"cups": rec}
    print_queue.enqueue(any_sessions, "label", str(pid), "u", "bench-1")
    print_queue.enqueue(any_sessions, "label", str(pid), "u", "bench-1", "cups:Other", 2)
    while print_queue.process_next(any_sessions, home_settings, backends) is not None:
        pass
    assert rec.sent == [("Zebra", "Custom.60x40mm", 3), ("Other", "Custom.60x40mm", 2)]


def test_missing_parcel_fails_the_job_not_the_runner(
    any_sessions: SessionFactory, home_settings: Settings
) -> None:
    job_id = print_queue.enqueue(any_sessions, "label", "424242", "u", "bench-1")
    job = print_queue.run_job(any_sessions, job_id, home_settings)
    assert job.state == "failed"
    assert "424242" in job.error


def test_claim_is_exclusive_and_per_station(any_sessions: SessionFactory) -> None:
    a = print_queue.enqueue(any_sessions, "commands", "", "u", "bench-1")
    b = print_queue.enqueue(any_sessions, "commands", "", "u", "bench-2")
    c = print_queue.enqueue(any_sessions, "commands", "", "u", "bench-1")
    assert print_queue.claim_next(any_sessions, "bench-1") == a
    assert print_queue.claim_next(any_sessions, "bench-1") == c
    assert print_queue.claim_next(any_sessions, "bench-1") is None
    assert print_queue.claim_next(any_sessions, "bench-2") == b
    with pytest.raises(InvalidInput):
        print_queue.retry(any_sessions, a, "u", "bench-1")  # it is printing right now
    assert print_queue.recover(any_sessions, "bench-1") == 2
    assert print_queue.get_job(any_sessions, a).state == "queued"


def test_reprint_makes_a_new_job(any_sessions: SessionFactory, home_settings: Settings) -> None:
    pid = make_parcel(any_sessions)
    first = print_queue.enqueue(any_sessions, "label", str(pid), "u", "bench-1", copies=2)
    print_queue.process_next(any_sessions, home_settings)
    second = print_queue.reprint(any_sessions, first, "u2", "bench-1")
    assert second != first
    job = print_queue.get_job(any_sessions, second)
    assert (job.kind, job.ref_id, job.copies, job.state, job.created_by) == (
        "label",
        str(pid),
        2,
        "queued",
        "u2",
    )
    assert print_queue.get_job(any_sessions, first).state == "done"
    with any_sessions() as s:
        assert s.scalar(select(func.count()).select_from(PrintJob)) == 2


def test_enqueue_refuses_unknown_kind(sessions: SessionFactory) -> None:
    with pytest.raises(InvalidInput):
        print_queue.enqueue(sessions, "poster", "1", "u", "s")


def test_printer_settings_round_trip_and_upgrade(tmp_path: Path) -> None:
    assert printer_settings.load(tmp_path).for_kind("label").size == "100x150"
    prefs = printer_settings.load(tmp_path).with_kind(
        "label", printer_settings.DocPrinter("cups:Zebra", "60x40", 2)
    )
    path = printer_settings.save(tmp_path, prefs)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["version"] == printer_settings.VERSION
    again = printer_settings.load(tmp_path)
    assert again.for_kind("label") == printer_settings.DocPrinter("cups:Zebra", "60x40", 2)
    assert again.for_kind("day_sheet").size == "A4"
    # a size the kind cannot take falls back to the default
    bad = again.with_kind("reship", printer_settings.DocPrinter("", "60x40", 0))
    assert bad.for_kind("reship") == printer_settings.DocPrinter("", "100x150", 1)
    # version 0: one printer for everything
    path.write_text(json.dumps({"printer": "Office"}), encoding="utf-8")
    old = printer_settings.load(tmp_path)
    assert {old.for_kind(k).printer for k in ("label", "reship", "day_sheet")} == {"Office"}
    path.write_text("{broken", encoding="utf-8")
    assert printer_settings.load(tmp_path) == printer_settings.PrinterSettings()


def test_printer_names() -> None:
    assert split_printer("") == ("folder", "")
    assert split_printer("Zebra") == ("cups", "Zebra")
    assert split_printer("cups:Zebra") == ("cups", "Zebra")
    assert split_printer("folder:/tmp/x") == ("folder", "/tmp/x")
    assert split_printer("qt:HP LaserJet") == ("qt", "HP LaserJet")
    assert display_name("qt:HP") == "HP (Qt)"


def test_folder_backend_never_overwrites(tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    b = FolderBackend(tmp_path / "out")
    first = b.send(pdf, "", "", 1, "标签 1")
    second = b.send(pdf, "", "", 1, "标签 1")
    assert first != second
    assert Path(first).is_file()
    assert Path(second).is_file()


def test_cli_print_label_out_and_to_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    base = ["--home", str(home), "--db", f"sqlite:///{tmp_path / 'x.db'}"]
    assert cli.main(["print", "commands", "--out", str(tmp_path / "c.pdf"), *base]) == 0
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    # the parcel is made in the database the command just created
    from returnsdesk.context import AppContext

    ctx = AppContext.open(Settings.resolve(home=str(home), db=f"sqlite:///{tmp_path / 'x.db'}"))
    pid = make_parcel(ctx.sessions)
    ctx.close()
    out = tmp_path / "label.pdf"
    assert (
        cli.main(["print", "label", f"P{pid:08d}", "--out", str(out), "--size", "60x40", *base])
        == 0
    )
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "170.079 x 113.386 pts" in info
    capsys.readouterr()
    assert (
        cli.main(
            ["print", "label", str(pid), "--json", "--printer", f"folder:{tmp_path / 'f'}", *base]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["state"] == "done"
    assert len(list((tmp_path / "f").glob("*.pdf"))) == 1
    # unknown parcel: exit 1, one line on stderr, no job left behind
    assert cli.main(["print", "label", "999", *base]) == 1
    assert "999" in capsys.readouterr().err
    assert cli.main(["print", "label", "5", "--size", "A4", *base]) == 1
    # a missing CUPS queue: exit 1 and the job stays in the queue, failed
    assert (
        cli.main(
            ["print", "day-sheet", "--date", "2026-11-22", "--printer", "cups:nosuch_rd", *base]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "nosuch_rd" in err
    assert "已保留在队列中" in err
