"""The fields every document has: date and issuer (for ordine, preventivo, cv, ... or an unknown type)."""

from __future__ import annotations

from extractors.fields import values
from extractors.fields.labels import put
from extractors.fields.parties import party_fields
from extractors.fields.reading import Reading
from pipeline.document import Field


def extract(reading: Reading) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    put(fields, "date", issue_date(reading))
    fields.update(party_fields(reading.parties, ("supplier_name", "supplier_vat", "customer_name")))
    return fields


def issue_date(reading: Reading):
    """The labelled issue date, else the first date of the document."""
    return reading.best("date", values.date) or reading.first_anywhere(values.date)
