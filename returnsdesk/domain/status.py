"""A parcel's status, its display name and the groups the services ask about: one place.

``ParcelStatus`` is a ``StrEnum``, so the stored text and comparisons with it stay as they
were; the display name is translated through the message catalogue (``i18n.translate``).
"""

from __future__ import annotations

from enum import StrEnum


class ParcelStatus(StrEnum):
    RECEIVED = "received"  # scanned, no buyer yet
    MATCHED = "matched"  # scanned and matched, not registered
    REGISTERED = "registered"
    NO_INFO = "no_info"  # no buyer found: waits in the follow-up queue
    REFUSED = "refused"  # 顺丰/到付 refused at the door


# scanned, still to be registered: the bench may change them
OPEN = frozenset({ParcelStatus.RECEIVED, ParcelStatus.MATCHED})
# done: no other station may change them
CLOSED = frozenset({ParcelStatus.REGISTERED, ParcelStatus.NO_INFO, ParcelStatus.REFUSED})

_NAMES = {
    ParcelStatus.RECEIVED: "已扫描未登记",
    ParcelStatus.MATCHED: "已匹配未登记",
    ParcelStatus.REGISTERED: "已登记",
    ParcelStatus.NO_INFO: "无信息件",
    ParcelStatus.REFUSED: "已拒收",
}


def status_name(status: str) -> str:
    """The one display name of a status (Chinese; callers translate it for the user)."""
    try:
        return _NAMES[ParcelStatus(status)]
    except ValueError:
        return status
