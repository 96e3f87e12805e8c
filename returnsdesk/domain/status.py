"""A parcel's status, its display name and the groups the services ask about: one place.

``ParcelStatus`` is a ``StrEnum``, so the stored text and comparisons with it stay as they
were; the display name is translated through the message catalogue, like the kinds'
(``domain.kinds``).
"""

from __future__ import annotations

from enum import StrEnum

from returnsdesk.domain.kinds import name_of


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

_NAMES: dict[str, str] = {
    ParcelStatus.RECEIVED: "已扫描未登记",
    ParcelStatus.MATCHED: "已匹配未登记",
    ParcelStatus.REGISTERED: "已登记",
    ParcelStatus.NO_INFO: "无信息件",
    ParcelStatus.REFUSED: "已拒收",
}


def status_name(status: str, lang: str = "zh_CN") -> str:
    """The one display name of a status, in ``lang``."""
    return name_of(_NAMES, status, lang)
