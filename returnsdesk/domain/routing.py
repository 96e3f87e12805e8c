"""Which bin a returned item goes to (README, "At the bench")."""

from __future__ import annotations

from dataclasses import dataclass

from returnsdesk.config import ShopConfig
from returnsdesk.domain.kinds import Bin


@dataclass(frozen=True)
class OrderFacts:
    """What the matched order says about where its items belong."""

    known: bool = True  # False for a no-info parcel
    is_distribution: bool = False
    warehouse: str = ""


def route(reason: str, condition: str, order: OrderFacts, shop: ShopConfig) -> str:
    """The bin's code (a ``Bin``; shop.toml's reasons and conditions name only those).

    Order facts come first (a no-info parcel waits, drop-ship items go back to the distributor,
    another warehouse's items are transferred), then the item's condition, then its reason.
    """
    if not order.known:
        return Bin.PENDING
    if order.is_distribution:
        return Bin.DISTRIBUTION
    if order.warehouse and order.warehouse != shop.warehouse:
        return Bin.TRANSFER
    cond = shop.condition(condition)
    if cond is not None and cond.bin:
        return cond.bin
    why = shop.reason(reason)
    if why is not None and why.bin:
        return why.bin
    return Bin.RESTOCK
