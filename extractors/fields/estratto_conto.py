"""Bank statements: the bank, the account's IBAN and the closing balance."""

from __future__ import annotations

from extractors.fields import values
from extractors.fields.generic import issue_date
from extractors.fields.labels import put
from extractors.fields.parties import party_fields
from extractors.fields.reading import Reading
from pipeline.document import Field


def extract(reading: Reading) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    fields.update(party_fields(reading.parties, ("supplier_name", "customer_name")))
    put(fields, "iban", reading.best("iban", values.iban) or reading.first_anywhere(values.iban))
    put(fields, "balance", reading.best("balance", values.amount, last=True))
    put(fields, "date", issue_date(reading))
    return fields
