"""Amounts, dates and times as an Italian back office reads them: 1.234,56 €, 14/03/2024, local time.

Used by the pages (as Jinja filters) and by the CLI's `show` and `queue`.
Machine formats (JSON, the API, csv-plain) never go through here.
Times are stored in UTC; they are shown in DEMAT_TIMEZONE (Europe/Rome by default).
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.numbers import format_currency, format_decimal

from demat.kernel.schema import SCHEMA

DEFAULT_TIMEZONE = "Europe/Rome"
LOCALES = {"it": "it_IT", "en": "en_GB"}  # en_GB: day/month/year, as the documents are written


def timezone() -> ZoneInfo:
    """DEMAT_TIMEZONE, or Europe/Rome: the time people read is their office's."""
    name = os.environ.get("DEMAT_TIMEZONE") or DEFAULT_TIMEZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"DEMAT_TIMEZONE={name!r} is not a time zone: use a name such as Europe/Rome") from None


CREDIT_NOTES = SCHEMA.negative_labels  # their amounts count against the supplier: shown negative everywhere


def amount(value, language: str = "it", currency: str = "EUR", doc_type: str | None = None) -> str:
    """1.234,56 € (Italian) or €1,234.56 (English), negative for a credit note; "" for no value."""
    number = _decimal(value)
    if number is None:
        return "" if value in (None, "") else str(value)
    if doc_type in CREDIT_NOTES:
        number = -abs(number)
    return format_currency(number, currency or "EUR", locale=LOCALES.get(language, "it_IT"))


def number(value, language: str = "it") -> str:
    """1.234,56 without a currency: for a table's cells and inputs a person edits."""
    parsed = _decimal(value)
    if parsed is None:
        return "" if value in (None, "") else str(value)
    return format_decimal(parsed, format="#,##0.00##", locale=LOCALES.get(language, "it_IT"))


def percent(value, language: str = "it") -> str:
    """22% or 5,5% (a VAT rate, a confidence): no decimals where there are none."""
    parsed = _decimal(value)
    if parsed is None:
        return ""
    return format_decimal(parsed, format="#,##0.##", locale=LOCALES.get(language, "it_IT")) + "%"


def date(value) -> str:
    """14/03/2024 from a date or an ISO date string; other text as it is."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else ""


def when(value) -> str:
    """14/03/2024 15:04 in the office's time zone, from an aware datetime or an ISO timestamp (UTC if naive)."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, dt.datetime):
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(timezone()).strftime("%d/%m/%Y %H:%M")


def _decimal(value) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        try:
            parsed = Decimal(str(value))
        except InvalidOperation:
            return None
        return parsed if parsed.is_finite() else None
    return None
