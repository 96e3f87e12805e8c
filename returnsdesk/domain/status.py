"""A parcel's status, its display name and the groups the services ask about: one place.

``ParcelStatus`` is a ``StrEnum``, so the stored text and comparisons with it stay as they
were; the display name is translated through the message catalogue, like the kinds'
(``domain.kinds``).
"""

from __future__ import annotations

from returnsdesk.domain.kinds import Named


class ParcelStatus(Named):
    RECEIVED = "received", "已扫描未登记"  # scanned, no buyer yet
    MATCHED = "matched", "已匹配未登记"  # scanned and matched, not registered
    REGISTERED = "registered", "已登记"
    NO_INFO = "no_info", "无信息件"  # no buyer found: waits in the follow-up queue
    REFUSED = "refused", "已拒收"  # 顺丰/到付 refused at the door


# scanned, still to be registered: the bench may change them
OPEN = frozenset({ParcelStatus.RECEIVED, ParcelStatus.MATCHED})
# done: no other station may change them
CLOSED = frozenset({ParcelStatus.REGISTERED, ParcelStatus.NO_INFO, ParcelStatus.REFUSED})


status_name = ParcelStatus.name_of
