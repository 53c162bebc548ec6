"""F24 tax payment forms: the taxpayer's codice fiscale, the final balance, the payment date."""

from __future__ import annotations

from demat.extractors.fields import values
from demat.extractors.fields.labels import put
from demat.extractors.fields.reading import Reading
from demat.kernel.document import Field


def extract(reading: Reading) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    put(fields, "tax_code", reading.best("supplier_tax_code", values.tax_code) or reading.first_anywhere(values.tax_code))
    # The saldo finale is what the form pays: its total when no saldo label is read.
    put(fields, "balance", reading.best("balance", values.amount, last=True)
        or reading.best("total", values.amount, last=True))
    put(fields, "date", reading.best("payment_date", values.date) or reading.best("date", values.date))
    return fields
