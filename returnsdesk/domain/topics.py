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


#: No change (a read, or a check before a write).
NOTHING = Topic(0)

#: What an import of each kind changes (``importing`` names its kinds by these words).
IMPORTED = {"orders": Topic.ORDERS, "refunds": Topic.REFUNDS, "catalog": Topic.CATALOG}
