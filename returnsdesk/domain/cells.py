"""Spreadsheet formula injection: text from buyers must never become a formula.

A buyer ID or note such as ``=HYPERLINK(...)`` or ``+86...`` would run as a formula when the
export is opened in Excel/WPS; such text is written as text (CSV: a leading ``'``).
"""

from __future__ import annotations

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(value: object) -> bool:
    return isinstance(value, str) and value.startswith(DANGEROUS_START)


def csv_safe(value: object) -> object:
    """The value as a CSV cell: dangerous text gets a ``'`` prefix, numbers stay numbers."""
    return "'" + value if is_dangerous(value) and isinstance(value, str) else value
