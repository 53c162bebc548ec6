"""Shop receipts (scontrini, documenti commerciali): the shop, its P.IVA, the
date, the total paid, the currency and how it was paid.

A receipt prints several amounts near its total: a subtotal, a rounding, the
cash handed over and the change. The total is the one that cash minus change
makes when both are printed, else the most specific total label's last value.
"""

from __future__ import annotations

from demat.extractors.fields import values
from demat.extractors.fields.amounts import find_amounts, has_cents
from demat.extractors.fields.generic import issue_date
from demat.extractors.fields.labels import GUESS, Candidate, candidate_from_line, put
from demat.extractors.fields.parties import party_fields
from demat.extractors.fields.payment import currency, payment_method
from demat.extractors.fields.reading import Reading
from demat.kernel.document import Field


def extract(reading: Reading) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    if "supplier" in reading.parties.companies:  # a name with a legal form
        fields.update(party_fields(reading.parties, ("supplier_name",)))
    else:
        put(fields, "supplier_name", shop_sign(reading))
    fields.update(party_fields(reading.parties, ("supplier_vat",)))
    put(fields, "date", issue_date(reading))
    put(fields, "total", total_paid(reading))
    fields["currency"] = currency(reading)
    put(fields, "payment_method", payment_method(reading))
    return fields


def shop_sign(reading: Reading) -> Candidate | None:
    """A till prints the shop's sign on its first line ("CONAD"), one word or more."""
    for line in reading.layout.lines[:3]:
        text = line.text
        if sum(c.isalpha() for c in text) >= 3 and not any(c.isdigit() for c in text):
            return candidate_from_line(line.tokens, text, 0, len(text), GUESS)
    return None


def total_paid(reading: Reading) -> Candidate | None:
    """The total that, with the change, makes an amount printed on the receipt (the
    cash handed over: "TOTALE CONTANTI 20,00"), else the most specific total label's last value."""
    totals = reading.candidates("total", values.amount, right_only=True) or reading.candidates("total", values.amount)
    if not totals:
        return None
    change = reading.best("change", values.amount, right_only=True)
    if change is not None and change.value > 0:
        handed = {value for line in reading.layout.lines for value, raw, _ in find_amounts(line.text) if has_cents(raw)}
        proven = [t for t in totals if t.value + change.value in handed]
        if proven:
            return proven[-1]
    return min(reversed(totals), key=lambda c: c.rank)
