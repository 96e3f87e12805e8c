"""Courier claims: damaged packaging or courier-caused reasons, exportable without formulas."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from returnsdesk.reports.claims import claims, claims_table
from returnsdesk.reports.tables import write_csv

from helpers.factories import ItemSpec, parcel

DAY = dt.date(2026, 11, 20)


def test_claims_list_and_export(any_sessions, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with any_sessions.begin() as s:
        damaged = parcel(s, DAY, [ItemSpec()], packaging_damaged=True, buyer="-tb_evil").id
        broken = parcel(
            s, DAY, [ItemSpec(reason="物流破损", bin="damage"), ItemSpec(reason="不喜欢")]
        ).id
        parcel(s, DAY, [ItemSpec(reason="尺码偏小")])  # buyer's reason: no claim
        parcel(s, DAY - dt.timedelta(days=30), [ItemSpec(reason="物流破损")])  # outside period
        refused = parcel(s, DAY, [], status="refused", packaging_damaged=True).id
    rows = claims(any_sessions, DAY - dt.timedelta(days=6), DAY)
    assert [r.parcel_id for r in rows] == [damaged, broken, refused]
    by = {r.parcel_id: r for r in rows}
    assert by[broken].reasons == "物流破损"
    assert not by[broken].packaging_damaged
    assert by[damaged].packaging_damaged
    assert by[damaged].reasons == ""
    assert by[refused].status == "已拒收"
    out = tmp_path / "claims.csv"
    write_csv([claims_table(rows)], out)
    lines = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert lines[0][3] == "运单号"
    assert len(lines) == 4
    assert "'-tb_evil" in [c for r in lines for c in r]
