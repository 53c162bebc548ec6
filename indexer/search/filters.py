"""Checks on a SearchQuery's filters that every backend applies the same way."""

from __future__ import annotations

import re

from pipeline.errors import UsageError

SORTS = ("relevance", "date")
MAX_PAGE_SIZE = 200
VAT = re.compile(r"(?:IT)?\s*(\d{11})", re.IGNORECASE)


def check(query) -> None:
    """Raise UsageError for a query no backend could answer sensibly."""
    if query.sort not in SORTS:
        raise UsageError(f"unknown sort {query.sort!r}; use one of: {', '.join(SORTS)}")
    if query.page < 1:
        raise UsageError(f"page must be 1 or more, got {query.page}")
    if not 1 <= query.page_size <= MAX_PAGE_SIZE:
        raise UsageError(f"page size must be between 1 and {MAX_PAGE_SIZE}, got {query.page_size}")
    if query.date_from and query.date_to and query.date_from > query.date_to:
        raise UsageError(f"the date range is empty: from {query.date_from} is after to {query.date_to}")
    if query.amount_min is not None and query.amount_max is not None and query.amount_min > query.amount_max:
        raise UsageError(f"the amount range is empty: minimum {query.amount_min} is above maximum {query.amount_max}")


def vat_number(text: str) -> str | None:
    """The 11 digits of a P.IVA written as one (IT prefix allowed), else None: then it is a name."""
    match = VAT.fullmatch(text.strip())
    return match.group(1) if match else None
