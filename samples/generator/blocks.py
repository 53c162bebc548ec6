"""What a document says, before it is placed on a page.

A type builder (invoices.py, commerce.py, ...) turns a random draw into a `Plan`
of these blocks plus the expected field values; layout.py decides where each
block goes for the chosen layout variant.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from demat.samples.generator import formats
from demat.samples.generator.wording import WORDINGS


@dataclass
class Letterhead:
    name: str
    lines: list[str]
    logo: str | None = None  # initials drawn in a box, like a printed logo


@dataclass
class Pairs:
    """Label/value metadata: number, date, due date, ..."""

    pairs: list[tuple[str, str]]


@dataclass
class PartyBox:
    heading: str
    lines: list[str]


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    widths: list[float]  # fractions of the text width
    aligns: str  # one of l/r/c per column


@dataclass
class Totals:
    pairs: list[tuple[str, str]]


@dataclass
class Para:
    text: str
    bold: bool = False
    align: str = "l"


@dataclass
class Heading:
    text: str


@dataclass
class Space:
    mm: float = 4.0


Block = Pairs | PartyBox | Table | Totals | Para | Heading | Space


@dataclass
class Plan:
    title: str
    letterhead: Letterhead | None
    top: list[Pairs | PartyBox] = field(default_factory=list)  # the block beside/under the header
    body: list[Block] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)


@dataclass
class Draw:
    """The random choices one document is made of, and how it prints values."""

    rng: random.Random
    split: str
    layout: str
    amounts: str  # "it", "intl" or "plain"
    date_style: str
    euro: str

    def word(self, key: str) -> str:
        return self.rng.choice(WORDINGS[key][self.split])

    def date(self, day: dt.date) -> str:
        return formats.fmt_date(day, self.date_style)

    def money(self, value: Decimal) -> str:
        return formats.fmt_amount(value, self.amounts, self.euro)

    def total(self, label: str, value: Decimal) -> tuple[str, str]:
        """A totals row; a label that already says "€" gets the bare number."""
        return label, self.number(value) if "€" in label else self.money(value)

    def number(self, value: Decimal) -> str:
        return formats.fmt_number(value, self.amounts)

    def day_between(self, start: dt.date, days: int) -> dt.date:
        return start + dt.timedelta(days=self.rng.randrange(days))

    def issue_date(self) -> dt.date:
        return self.day_between(dt.date(2023, 1, 2), 1000)
