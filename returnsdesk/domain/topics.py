"""What changed: the topics a write announces and windows refresh on.

One flag set for every place that tells or is told: the windows of one process (ui/common/
ops.py), and later other stations through the database. A window refreshes only what a topic
it shows was named in."""

from __future__ import annotations

import enum


class Topic(enum.Flag):
    PARCELS = enum.auto()  # parcels and their items: the bench's list, follow-ups, claims
    MONEY = enum.auto()  # the money register and hand-overs
    REFUNDS = enum.auto()  # return requests and their decisions
    RESHIP = enum.auto()  # reship slips
    PRINT_JOBS = enum.auto()  # the print queue
    REPAIRS = enum.auto()  # items at the factory
    FOLLOWUPS = enum.auto()  # no-info parcels' contact attempts and results
    DAYS = enum.auto()  # day close and reopen
    ORDERS = enum.auto()  # imported orders and shipments
    CATALOG = enum.auto()  # imported SKUs
    USERS = enum.auto()  # users and PINs
    PERSON = enum.auto()  # another person signed in at this station (F1)
    STATIONS = enum.auto()  # stations open, who is at each, their measured pace


#: No change (a read, or a check before a write).
NOTHING = Topic(0)

#: Every topic: what a station refreshes when it cannot know what changed (it reconnected
#: to the server, or another process wrote a table no notice names).
EVERYTHING = ~NOTHING

#: What a write to each table changes, for changes told through the database (another
#: process): the table names come from the triggers of migration 0009.
TABLE_TOPICS: dict[str, Topic] = {
    "parcels": Topic.PARCELS,
    "parcel_items": Topic.PARCELS | Topic.REPAIRS,
    "evidence": Topic.PARCELS,
    "evidence_removals": Topic.PARCELS,
    "money_entries": Topic.MONEY,
    "cash_handovers": Topic.MONEY,
    "refunds": Topic.REFUNDS,
    "refund_decisions": Topic.REFUNDS,
    "reship_slips": Topic.RESHIP,
    "reship_items": Topic.RESHIP,
    "print_jobs": Topic.PRINT_JOBS,
    "contact_attempts": Topic.FOLLOWUPS,
    "day_closes": Topic.DAYS,
    "users": Topic.USERS,
    "stations": Topic.STATIONS,
    "station_timings": Topic.STATIONS,
    "orders": Topic.ORDERS,
    "order_lines": Topic.ORDERS,
    "shipments": Topic.ORDERS,
    "skus": Topic.CATALOG,
}

#: Tables written by the thousand in one import: PostgreSQL tells them once per statement,
#: and SQLite keeps no hint for them (a change no hint names refreshes everything).
BULK_TABLES = frozenset({"orders", "order_lines", "shipments", "skus"})


def topics_of(tables: frozenset[str] | None) -> Topic:
    """The topics a set of changed tables touches; ``None`` (not known) is everything."""
    if tables is None:
        return EVERYTHING
    out = NOTHING
    for table in tables:
        out |= TABLE_TOPICS.get(table, NOTHING)
    return out


#: What an import of each kind changes (``importing`` names its kinds by these words).
IMPORTED = {"orders": Topic.ORDERS, "refunds": Topic.REFUNDS, "catalog": Topic.CATALOG}
