"""Utility bills: supplier, supply point (POD for electricity, PDR for gas), total, due date."""

from __future__ import annotations

from demat.extractors.fields import values
from demat.extractors.fields.due_date import due_date
from demat.extractors.fields.generic import issue_date
from demat.extractors.fields.labels import put
from demat.extractors.fields.number import document_number
from demat.extractors.fields.parties import party_fields
from demat.extractors.fields.payment import currency
from demat.extractors.fields.reading import Reading
from demat.kernel.document import Field


def extract(reading: Reading) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    fields.update(party_fields(reading.parties))
    put(fields, "supply_point", reading.best("supply_point", values.supply_point)
        or reading.first_anywhere(values.supply_point))
    put(fields, "number", document_number(reading))
    issued = issue_date(reading)
    put(fields, "date", issued)
    put(fields, "total", reading.best("total", values.amount, last=True))
    put(fields, "due_date", due_date(reading, issued))
    fields["currency"] = currency(reading)
    return fields
