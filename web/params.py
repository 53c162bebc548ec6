"""Every value a request carries, parsed into a bounded, finite value, or refused with a 400 that says why.

Routes declare their parameters with these types, and nothing checks them
again further in: ids and counts fit SQLite's integers, amounts are finite and
no larger than an archive holds, dates are dates, years are years, types and
departments are known ones, text has a length. FastAPI applies them;
`demat.web.app` answers a value that fails with 400 and a message naming the
parameter, never with a 500.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import AfterValidator, BeforeValidator

from demat.indexer.search import filters
from demat.kernel.document import DEPARTMENTS, LABELS
from demat.kernel.errors import InputError
from demat.web import actions, i18n

MAX_ID = 2**63 - 1  # SQLite's largest integer
MAX_ROWS = 1000  # rows of a queue or of the audit log in one answer
MAX_TEXT = filters.MAX_QUERY_CHARS  # characters of a query, a supplier, any free text
MAX_CHOICES = 50  # values of a repeated parameter (type=...&type=...)
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _or_none(parse):
    """PARSE for a value that may be absent: an empty form field means "no filter"."""
    return lambda value: None if value is None or (isinstance(value, str) and not value.strip()) else parse(value)


def parse_year(text: Any) -> int:
    """Four ASCII digits within FIRST_YEAR..LAST_YEAR (str.isdigit() also takes "²", which int() refuses)."""
    if not re.fullmatch(r"[0-9]{4}", str(text).strip()) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise ValueError(f"{str(text)[:40]!r} is not a year between {FIRST_YEAR} and {LAST_YEAR}")
    return int(text)


def _known(choices: tuple[str, ...], what: str):
    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"unknown {what} {value[:40]!r}; known: {', '.join(choices)}")
        return value
    return check


Id = Annotated[int, Path(ge=1, le=MAX_ID)]
OptionalId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
Page = Annotated[int, Query(ge=1, le=filters.MAX_PAGE)]
PageSize = Annotated[int, Query(ge=1, le=filters.MAX_PAGE_SIZE)]
Rows = Annotated[int, Query(ge=1, le=MAX_ROWS)]
Text = Annotated[str, Query(max_length=MAX_TEXT)]
Name = Annotated[str, Path(max_length=MAX_TEXT)]  # a file name in the path
Year = Annotated[int | None, BeforeValidator(_or_none(parse_year))]
Day = Annotated[dt.date | None, BeforeValidator(_or_none(filters.parse_date))]
Amount = Annotated[Decimal | None, BeforeValidator(_or_none(filters.parse_amount))]
Types = Annotated[list[Annotated[str, AfterValidator(_known(LABELS, "type"))]], Query(max_length=MAX_CHOICES)]
SORTS = (*actions.INVOICE_COLUMNS, *(f"-{c}" for c in actions.INVOICE_COLUMNS))  # "-total": largest first
InvoiceSort = Annotated[str, AfterValidator(_known(SORTS, "column to sort by"))]
Departments = Annotated[list[Annotated[str, AfterValidator(_known(DEPARTMENTS, "department"))]],
                        Query(max_length=MAX_CHOICES)]


def search_params(q: Text = "", type: Types = [], department: Departments = [], supplier: Text = "",  # noqa: B006 (FastAPI copies a default per request)
                  year: Year = None, date_from: Day = None, date_to: Day = None, amount_min: Amount = None,
                  amount_max: Amount = None, sort: Text = "relevance", page: Page = 1,
                  page_size: PageSize = 20) -> actions.SearchParams:
    """The search's parameters, for this API and the search page alike."""
    return actions.SearchParams(q, type, department, supplier, year, sort, page, page_size, date_from, date_to,
                                amount_min, amount_max)


def invoice_params(date_from: Day = None, date_to: Day = None, supplier: Text = "",
                   department: Text = "") -> actions.InvoiceParams:
    return actions.InvoiceParams(date_from, date_to, supplier.strip(), department)


def describe(errors: list[dict], language: str) -> str:
    """FastAPI's validation errors as one sentence per parameter: `page: Input should be ...`;
    a value a person typed wrong (InputError) in LANGUAGE."""
    return "; ".join(f"{_parameter(error.get('loc', ()))}: {_problem(error, language)}" for error in errors)


def _problem(error: dict, language: str) -> str:
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, InputError):
        return i18n.error_text(cause, language)
    return error["msg"].removeprefix("Value error, ")


def _parameter(loc) -> str:
    """The name in a validation error's location, ("query", "type", 0) -> "type"."""
    return next((part for part in reversed(loc) if isinstance(part, str)), "request")
