"""A parcel's status (domain.status): one display name, in both languages."""

from __future__ import annotations

import re

from returnsdesk.domain.status import CLOSED, OPEN, ParcelStatus, status_name

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_status_has_a_name_in_both_languages():
    for status in ParcelStatus:
        assert HAN.search(status_name(status)), status
        english = status_name(status.value, "en")
        assert english.strip(), (status, english)
        assert not HAN.search(english), (status, english)
    assert status_name(ParcelStatus.REGISTERED) == "已登记"
    assert status_name("archived", "en") == "archived"  # a value of no member shows as stored


def test_open_and_closed_split_the_statuses():
    assert set(OPEN | CLOSED) == set(ParcelStatus)
    assert not OPEN & CLOSED
