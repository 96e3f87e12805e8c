"""``returnsdesk register`` never dies: any bytes, a busy database, several processes at once.

Each non-blank input line gets exactly one JSON line, in order; a line that cannot be read
names its line number; the lines after it are registered as usual (seeded, bounded).
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from returnsdesk.cli import main
from returnsdesk.commands import jsonlines
from returnsdesk.db import engine as db_engine

ITEM = {"model": "5815", "color": "深紫", "size": "W7", "qty": 1, "reason": "尺码偏小",
        "condition": "完好"}  # fmt: skip


def _line(tracking: str, buyer: str = "tb_stream", items: int = 1) -> bytes:
    record = {"tracking": tracking, "buyer": buyer, "items": [ITEM] * items}
    return json.dumps(record, ensure_ascii=False).encode()


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def home(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A demo shop in a home folder: its own SQLite file, or a fresh PostgreSQL database."""
    monkeypatch.setenv("RETURNSDESK_HOME", str(tmp_path))
    monkeypatch.delenv("RETURNSDESK_DB", raising=False)
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_engine").url.render_as_string(hide_password=False)
        monkeypatch.setenv("RETURNSDESK_DB", url)
    assert main(["demo", "--orders", "5", "--seed", "5", "--weeks", "0"]) == 0
    return tmp_path


def _answers(lines: list[bytes]) -> int:
    """How many lines get an answer: every one but the blank ones."""
    n = 0
    for raw in lines:
        try:
            blank = not raw.decode("utf-8").strip()
        except UnicodeDecodeError:
            blank = False
        n += not blank
    return n


def test_any_bytes_on_a_line_give_one_json_line(home, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    r = random.Random(21)
    lines = [
        _line("YT9000000000001"),
        b"\xff\xfe not utf-8 \xc3",
        '{"tracking": "YT9000000000002", "buyer": "Jos\u00e9"}'.encode("latin-1"),
        b'{"tracking": "YT9000000000003", "buyer": "\\ud800"}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"tracking": "YT9000000000004", "note": "' + b"x" * (jsonlines.MAX_LINE + 10) + b'"}',
        _line("YT9000000000005", items=201),
        b'{"tracking": "YT9000000000006", "items": [{"exchange_to": {"model": {"x": 1}}}]}',
        b"null",
        b"1e999999",
        b'{"tracking": 7}',
    ]
    for _ in range(40):  # seeded noise: any byte but the line break
        size = r.randrange(1, 200)
        lines.append(bytes(r.choice([b for b in range(256) if b not in (10, 13)])
                           for _ in range(size)))  # fmt: skip
    lines.append(_line("YT9000000000009"))
    monkeypatch.setattr("sys.stdin", _Stdin(b"\n".join(lines) + b"\n"))
    capsys.readouterr()
    started = time.monotonic()
    code = main(["register"])
    out, err = capsys.readouterr()
    assert time.monotonic() - started < 30
    answers = [json.loads(x) for x in out.splitlines()]
    assert code == 1
    assert "Traceback" not in err
    assert len(answers) == _answers(lines)
    assert "id" in answers[0], (answers[0], answers[-1])
    assert "id" in answers[-1], (answers[0], answers[-1])
    by_line = {a.get("line"): a["error"] for a in answers if "line" in a}
    assert "UTF-8" in by_line[2]
    assert "UTF-8" in by_line[3]
    assert "代理码位" in by_line[4]
    assert "嵌套" in by_line[5]
    assert "字节" in by_line[6]
    assert answers[6]["field"] == "items"
    assert "最多 200 件" in answers[6]["error"]
    assert "嵌套" in by_line[8]


HOLD = """
import datetime as dt, sys, time
from sqlalchemy import text
from returnsdesk.db.engine import make_engine, make_session_factory
from returnsdesk.services.common import days
sessions = make_session_factory(make_engine(sys.argv[1]))
with sessions.begin() as s:  # SQLite: the write lock; PostgreSQL: today's lock, as a close
    s.execute(text("UPDATE parcels SET note = '' WHERE id = -1"))
    days.hold(s, dt.date.today())
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_busy_database_gives_a_line_and_the_stream_goes_on(home, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from returnsdesk.config import Settings
    from returnsdesk.services.bench.session.batch import Batch
    from returnsdesk.services.common.setup import open_database

    monkeypatch.setattr(db_engine, "LOCK_WAIT_S", 0.3)  # before the engine: its busy timeout
    settings = Settings.resolve(home=str(home))
    ctx = open_database(settings)
    batch = Batch(ctx.sessions, settings.shop, "clerk1", "bench-1")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, settings.db_url, "2"],
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        busy = batch.line(json.loads(_line("YT9100000000001")))
    finally:
        holder.communicate(timeout=30)
    assert "数据库正忙" in busy["error"]
    assert busy["tracking"] == "YT9100000000001"
    again = batch.line(json.loads(_line("YT9100000000001")))
    assert "id" in again, again
    assert "error" not in again, again
    ctx.close()


WORKER = """
import sys
from returnsdesk.cli import main
sys.exit(main(["register", "--station", sys.argv[1]]))
"""


def test_four_register_processes_on_one_database_all_answer(home: Path) -> None:
    env = {**os.environ, "RETURNSDESK_HOME": str(home)}
    procs = []
    for p in range(4):
        data = b"\n".join(
            _line(f"YT92{p:02d}{n:09d}", buyer=f"tb_bench{p}", items=3) for n in range(15)
        )
        proc = subprocess.Popen(
            [sys.executable, "-c", WORKER, f"bench-{p}"], env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        procs.append((proc, data))
    for proc, data in procs:  # a few kB each: the pipe takes it without a reader
        assert proc.stdin is not None
        proc.stdin.write(data + b"\n")
        proc.stdin.close()
        proc.stdin = None  # communicate() below only reads
    for p, (proc, _) in enumerate(procs):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        answers = [json.loads(x) for x in out.splitlines()]
        assert len(answers) == 15, answers
        assert all("id" in a for a in answers), answers
        assert all(f"tb_bench{p}" in a["register_line"] for a in answers)
        assert b"Traceback" not in err
