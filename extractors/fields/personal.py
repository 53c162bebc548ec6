"""Documents written by a person: nota spese (employee, total) and cv (the candidate)."""

from __future__ import annotations

from demat.extractors.fields import values
from demat.extractors.fields.generic import issue_date
from demat.extractors.fields.labels import GUESS, Candidate, put
from demat.extractors.fields.layout import confidence_of
from demat.extractors.fields.names import is_document_title
from demat.extractors.fields.payment import currency
from demat.extractors.fields.reading import Reading
from demat.kernel.document import Field


def extract_expenses(reading: Reading) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    put(fields, "date", issue_date(reading))
    put(fields, "sender", person(reading))
    put(fields, "supplier_name", reading.parties.supplier_name)
    put(fields, "total", reading.best("total", values.amount, last=True))
    fields["currency"] = currency(reading)
    return fields


def extract_cv(reading: Reading) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    put(fields, "sender", person(reading))
    put(fields, "date", issue_date(reading, place_first=True))
    return fields


def person(reading: Reading) -> Candidate | None:
    """The labelled name ("Nominativo", "Nome"), else the first line of the page
    that is only two or three capitalised words (a signature or a heading), not the
    document's title ("CURRICULUM VITAE")."""
    labelled = reading.best("sender", values.person_name, free_text=True)
    if labelled:
        return labelled
    for line in reading.layout.lines:
        words = [t.text for t in line.tokens]
        if 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words) and not is_document_title(line.text):
            return Candidate(" ".join(words), line.text, line.tokens, confidence_of(line.tokens) * GUESS)
    return None
