"""DDT (documento di trasporto): number, date, sender (mittente) and recipient (destinatario)."""

from __future__ import annotations

from demat.extractors.fields.generic import issue_date
from demat.extractors.fields.labels import put
from demat.extractors.fields.number import document_number
from demat.extractors.fields.parties import party_fields
from demat.extractors.fields.reading import Reading
from demat.kernel.document import Field


def extract(reading: Reading) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    put(fields, "number", document_number(reading))
    put(fields, "date", issue_date(reading))
    fields.update(party_fields(reading.parties))
    return fields
