"""How amounts and dates are printed: the Italian norm and its common variants."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
          "agosto", "settembre", "ottobre", "novembre", "dicembre")

# Date styles, by id: the layout picks one.
DATE_STYLES = {
    "slash": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    "dash": lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
    "dot": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    "long": lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    "iso": lambda d: d.isoformat(),
}


def cents(value: Decimal) -> Decimal:
    """Round to the cent the way invoices do (half up, not banker's rounding)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_date(day: dt.date, style: str) -> str:
    return DATE_STYLES[style](day)


def fmt_number(value: Decimal, style: str = "it") -> str:
    """1.234,56 (it), 1,234.56 (intl) or 1234.56 (plain)."""
    text = f"{abs(cents(value)):,.2f}"
    sign = "-" if value < 0 else ""
    if style == "it":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    elif style == "plain":
        text = text.replace(",", "")
    return sign + text


def fmt_amount(value: Decimal, style: str = "it", euro: str = "before") -> str:
    """An amount with the euro sign before, after, as 'EUR', or not at all."""
    number = fmt_number(value, style)
    return {"before": f"€ {number}", "after": f"{number} €", "code": f"EUR {number}", "none": number}[euro]


def fmt_rate(rate: Decimal) -> str:
    return f"{rate:.0f}%" if rate == rate.to_integral() else f"{fmt_number(rate)}%"
