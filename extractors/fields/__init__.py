"""The fields stage: text → fields (the review stage checks them and gives the reasons).

Runs after classification: `doc.label` says which family extractor reads the
pages (invoice also for ordine and preventivo, letter, f24, ddt, bolletta,
estratto_conto, nota spese, cv, ricevuta; the generic fields for contratto or an unknown type).
"""

from __future__ import annotations

from demat.extractors.fields import bolletta, ddt, estratto_conto, f24, generic, invoice, letter, personal, receipt
from demat.extractors.fields.reading import Reading
from demat.kernel.document import Document, StageContext
from demat.kernel.schema import SCHEMA

# The extractor of each family; which types a family reads is in kernel/schema.toml.
EXTRACTORS = {
    "invoice": invoice.extract, "letter": letter.extract, "f24": f24.extract, "ddt": ddt.extract,
    "bolletta": bolletta.extract, "estratto_conto": estratto_conto.extract, "expenses": personal.extract_expenses,
    "cv": personal.extract_cv, "receipt": receipt.extract, "generic": generic.extract,
}
FAMILIES = SCHEMA.families(EXTRACTORS)


def run(doc: Document, ctx: StageContext) -> Document:
    """The runner calls this once per document, each part of a FatturaPA lotto included, unless its fields
    are already there (a FatturaPA states them); the review stage checks them."""
    extract = FAMILIES.get(doc.label, generic.extract)
    doc.fields = extract(Reading(doc.pages))
    return doc
