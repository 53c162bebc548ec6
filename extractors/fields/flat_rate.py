"""Invoices under the flat-rate regime (regime forfettario, L. 190/2014 art. 1 c. 54-89, and the older
regime dei minimi): no VAT is charged, and the page says so in the law's words instead of a VAT line.
FatturaPA files such an imponibile under nature N2.2 ("non soggette - altri casi"). Where the page names
the regime and its total is the imponibile, with the stamp duty if charged, the VAT is zero: the words and
the sum prove it together."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from demat.extractors.fields.labels import GUESS, Candidate
from demat.extractors.fields.reading import Reading

# The regime as its invoices name it: the law's number, the regime's name, the franchise from VAT.
FLAT_RATE_RE = re.compile(r"\b190\s?/\s?2014\b|\bforfettari[oa]\b|\bregime\s+(?:dei|di)\s+minimi\b|"
                          r"\bfranchigia\s+da\s+i\.?v\.?a\b", re.IGNORECASE)
NATURE = "N2.2"  # FatturaPA's nature of a flat-rate imponibile


def names_the_flat_rate(reading: Reading) -> bool:
    return any(FLAT_RATE_RE.search(line.text) for line in reading.layout.lines)


def no_vat(reading: Reading, taxable: Candidate | None, total: Candidate | None, stamp: Decimal) -> Candidate | None:
    """A VAT of zero where the page names the flat-rate regime and the total is the imponibile (with the
    stamp duty): the total's own words stand for the zero no caption prints."""
    if taxable is None or total is None or total.value - taxable.value not in (0, stamp) \
            or not names_the_flat_rate(reading):
        return None
    return replace(total, value=Decimal("0.00"), confidence=total.confidence * GUESS, label=None)
