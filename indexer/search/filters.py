"""Filter values as people write them, and the query plan every backend compiles the same way.

`plan(query)` checks a SearchQuery and reads its filters once into a `Plan`;
the SQLite columns, PostgreSQL, Elasticsearch and the invoice exports each
compile that plan, so a filter means the same everywhere (the supplier filter
once had three readings, and an export missed "Società" for "societa").

Every value is bounded: a query's text, its page, its amounts (finite, and no
larger than an archive holds: the index keeps amounts as int64 cents), so no
query reaches a backend that it could not answer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from demat.indexer.search.analysis import fold
from demat.kernel.errors import N_, InputError, UsageError

SORTS = ("relevance", "date")
MAX_PAGE_SIZE = 200
MAX_PAGE = 100_000
MAX_QUERY_CHARS = 1000
MAX_AMOUNT = Decimal(10) ** 12  # a thousand billion: beyond any document, and its cents fit in int64
VAT = re.compile(r"(?:IT)?\s*(\d{11})", re.IGNORECASE)


@dataclass(frozen=True)
class Supplier:
    """The supplier filter read once: a P.IVA (its 11 digits, equal) or part of a name (folded, contained)."""

    vat: str | None
    name: str  # folded (analysis.fold: no case, no accents), found inside the folded supplier name


def supplier(text: str) -> Supplier | None:
    """The filter of what a person typed as supplier; None when it is blank."""
    if not text.strip():
        return None
    return Supplier(vat=vat_number(text), name=fold(text.strip()))


@dataclass(frozen=True)
class Plan:
    """The filters of a query, checked and read once; what each backend compiles."""

    types: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    supplier: Supplier | None = None
    date_from: dt.date | None = None  # document date, else the day it was archived
    date_to: dt.date | None = None
    amount_min: Decimal | None = None  # on the document total
    amount_max: Decimal | None = None
    review_state: str | None = None


def plan(query) -> Plan:
    """The plan of a SearchQuery; UsageError when no backend could answer it."""
    check(query)
    return Plan(types=tuple(query.types), departments=tuple(query.departments), supplier=supplier(query.supplier),
                date_from=query.date_from, date_to=query.date_to, amount_min=query.amount_min,
                amount_max=query.amount_max, review_state=query.review_state)


def check(query) -> None:
    """Raise UsageError for a query no backend could answer sensibly."""
    if query.sort not in SORTS:
        raise UsageError(N_("unknown sort %(sort)s; use one of: %(known)s"), sort=repr(query.sort),
                         known=", ".join(SORTS))
    if len(query.text) > MAX_QUERY_CHARS:
        raise UsageError(N_("the query has %(length)s characters; at most %(limit)s"), length=len(query.text),
                         limit=MAX_QUERY_CHARS)
    if not 1 <= query.page <= MAX_PAGE:
        raise UsageError(N_("page must be between 1 and %(limit)s, got %(page)s"), limit=MAX_PAGE, page=query.page)
    if not 1 <= query.page_size <= MAX_PAGE_SIZE:
        raise UsageError(N_("page size must be between 1 and %(limit)s, got %(size)s"), limit=MAX_PAGE_SIZE,
                         size=query.page_size)
    bounded_amount(query.amount_min)
    bounded_amount(query.amount_max)
    if query.date_from and query.date_to and query.date_from > query.date_to:
        raise InputError(N_("the date range is empty: from %(first)s is after to %(last)s"),
                         first=query.date_from.strftime("%d/%m/%Y"), last=query.date_to.strftime("%d/%m/%Y"))
    if query.amount_min is not None and query.amount_max is not None and query.amount_min > query.amount_max:
        raise InputError(N_("the amount range is empty: minimum %(minimum)s is above maximum %(maximum)s"),
                         minimum=query.amount_min, maximum=query.amount_max)


def parse_amount(text: str) -> Decimal:
    """1.234,56 (Italian), 1234,56, 1234.56 or 1,234.56, within MAX_AMOUNT; InputError says how to write it."""
    clean = text.strip().replace("€", "").replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?|-?\d+,\d+", clean):
        clean = clean.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", clean):
        clean = clean.replace(",", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", clean, re.ASCII):
        raise InputError(N_("%(text)s is not an amount: write it as 1234,56 or 1.234,56"), text=repr(text[:40]))
    return bounded_amount(Decimal(clean))


def bounded_amount(amount: Decimal | None) -> Decimal | None:
    """AMOUNT if it is a finite number within MAX_AMOUNT either side of zero, else InputError."""
    if amount is not None and not (amount.is_finite() and abs(amount) <= MAX_AMOUNT):
        raise InputError(N_("%(amount)s is not an amount an archive holds (at most %(limit)s either side of zero)"),
                         amount=str(amount)[:40], limit=f"{MAX_AMOUNT:,}")
    return amount


def parse_date(text: str) -> dt.date:
    """dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or ISO yyyy-mm-dd; InputError says how to write it."""
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text.strip(), re.ASCII)
    try:
        if match:
            day, month, year = map(int, match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(N_("%(text)s is not a date: write it as dd/mm/yyyy (14/03/2024) or 2024-03-14"),
                         text=repr(text[:40])) from None


def vat_number(text: str) -> str | None:
    """The 11 digits of a P.IVA written as one (IT prefix allowed), else None: then it is a name."""
    match = VAT.fullmatch(text.strip())
    return match.group(1) if match else None
