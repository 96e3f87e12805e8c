"""Label rendering speed (report only): one label (target < 30 ms), a batch in one PDF
(target: 500 labels < 2 s). ``RETURNSDESK_BENCH_LABELS`` sets the batch size."""

from __future__ import annotations

import os

import pytest

from returnsdesk.printing.data import LabelData
from returnsdesk.printing.fonts import find_font
from returnsdesk.printing.render import render_label, render_labels

BATCH = int(os.environ.get("RETURNSDESK_BENCH_LABELS", "500"))


def label(i: int) -> LabelData:
    return LabelData(
        parcel_id=100000 + i,
        slip_no=i,
        buyer_id=f"tb_buyer_{i}",
        items_text="5815深紫W7*1 5815灰色W6*1",
        reasons="尺码偏小",
        condition="完好",
        bin_name="良品",
        date="2026-11-22",
        station="bench-1",
        return_string=f"tb_buyer_{i} 5815深紫W7*1 尺码偏小 完好",
        phone="13812345678",
    )


@pytest.fixture(scope="module", autouse=True)
def _font() -> None:
    find_font()  # loading the font file once per process is not part of a label's cost


@pytest.mark.parametrize("size", ["100x150", "60x40"])
def test_one_label(benchmark, size: str) -> None:  # type: ignore[no-untyped-def]
    pdf = benchmark(render_label, label(1), size)
    assert pdf.startswith(b"%PDF")


def test_label_batch_one_pdf(benchmark) -> None:  # type: ignore[no-untyped-def]
    labels = [label(i) for i in range(1, BATCH + 1)]
    pdf = benchmark.pedantic(render_labels, args=(labels,), rounds=3, iterations=1)
    assert pdf.count(b"/Type /Page\n") == BATCH or pdf.count(b"/Type /Page") >= BATCH
