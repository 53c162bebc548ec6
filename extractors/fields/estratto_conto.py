"""Bank statements: the bank, the account holder, the IBAN, the closing balance and date."""

from __future__ import annotations

from demat.extractors.fields import values
from demat.extractors.fields.generic import issue_date
from demat.extractors.fields.labels import put
from demat.extractors.fields.parties import party_fields
from demat.extractors.fields.payment import currency
from demat.extractors.fields.reading import Reading
from demat.kernel.document import Field


def extract(reading: Reading) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    fields.update(party_fields(reading.parties, ("supplier_name", "supplier_vat", "customer_name")))
    put(fields, "iban", reading.best("iban", values.iban) or reading.first_anywhere(values.iban))
    put(fields, "balance", reading.best("balance", values.amount, last=True))
    # A statement is dated at the end of the period it covers.
    put(fields, "date", reading.best("period", values.last_date) or issue_date(reading))
    fields["currency"] = currency(reading)
    return fields
