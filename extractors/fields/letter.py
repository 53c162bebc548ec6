"""Letters: sender (the letterhead), recipient (the "Spett.le" block), date, subject, protocol number."""

from __future__ import annotations

from demat.extractors.fields import values
from demat.extractors.fields.generic import issue_date
from demat.extractors.fields.labels import put
from demat.extractors.fields.parties import address_block_name
from demat.extractors.fields.reading import Reading
from demat.kernel.document import Field


def extract(reading: Reading) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    parties = reading.parties
    put(fields, "sender", parties.supplier_name)
    put(fields, "recipient", parties.customer_name
        or address_block_name(reading.layout, reading.labels, parties.supplier_name))
    put(fields, "date", issue_date(reading, place_first=True))
    put(fields, "subject", reading.best("subject", values.rest_of_line, free_text=True))
    put(fields, "protocol_number", reading.best("protocol_number", values.document_number))
    return fields
