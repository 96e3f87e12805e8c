"""The weekly return-reason summary as values: what the lead's view, the exports and the PDF
show. ``reports.weekly`` fills it from the database; printing draws it without a query."""

from __future__ import annotations

from dataclasses import dataclass, field

from returnsdesk.domain.weeks import IsoWeek


@dataclass(frozen=True)
class BreakdownRow:
    key: tuple[str, ...]
    count: int
    share: float
    prev_count: int
    prev_share: float

    @property
    def delta_count(self) -> int:
        return self.count - self.prev_count

    @property
    def delta_share(self) -> float:
        return self.share - self.prev_share


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    columns: tuple[str, ...]
    rows: list[BreakdownRow]
    # what a count is: "pieces" (items' quantities, shares of the week's pieces) or "parcels"
    # (the parcel outcomes: shares of the week's registered parcels)
    unit: str = "pieces"


@dataclass(frozen=True)
class WeeklySummary:
    week: IsoWeek
    total: int
    prev_total: int
    parcels: int
    prev_parcels: int
    breakdowns: list[Breakdown] = field(default_factory=list)

    @property
    def prev_week(self) -> IsoWeek:
        return self.week.previous()

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)
