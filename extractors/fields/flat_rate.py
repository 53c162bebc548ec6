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
from demat.extractors.fields.totals import figure_printed

# The regime as its invoices name it: the law's number, the regime's name, the franchise from VAT.
FLAT_RATE_RE = re.compile(r"\b190\s?/\s?2014\b|\bforfettari[oa]\b|\bregime\s+(?:dei|di)\s+minimi\b|"
                          r"\bfranchigia\s+da\s+i\.?v\.?a\b", re.IGNORECASE)
NATURE = "N2.2"  # FatturaPA's nature of a flat-rate imponibile


def names_the_flat_rate(reading: Reading) -> bool:
    return any(FLAT_RATE_RE.search(line.text) for line in reading.layout.lines)


def flat_rate_amounts(reading: Reading, taxable: Candidate | None, vat: Candidate | None, total: Candidate | None,
                      stamp: Decimal) -> tuple[Candidate | None, Candidate | None]:
    """Imponibile and a VAT of zero where the page names the flat-rate regime and the total is the imponibile
    (with the stamp duty): the total's own words stand for the zero no caption prints. An imponibile whose
    caption is not read ("Totale compenso", or blurred by a scan) is the total less the stamp, or the total where
    the stamp was paid apart, where that figure is printed on another line."""
    if vat is not None or total is None or not names_the_flat_rate(reading):
        return taxable, vat
    for want in (total.value - stamp, total.value) if taxable is None else ():  # the stamp charged, or paid apart
        taxable = taxable or figure_printed(reading, want, total.tokens)
    if taxable is None or total.value - taxable.value not in (0, stamp):
        return taxable, vat
    return taxable, replace(total, value=Decimal("0.00"), confidence=total.confidence * GUESS, label=None)
