"""The document's own number: after its label in the header, or under its caption.

A label not listed (a token pattern, as a bare "N." or "Nr.") names the
document's number only beside a date label ("N. | Data") or with the number on
its line in the top third of the page: a caption elsewhere ("Articolo | Nr. |
Prezzo", "N. colli") heads a column of quantities. Every type that has a number
(invoices, DDT, orders, bills, ...) reads it so.
"""

from __future__ import annotations

import re

from demat.extractors.fields import values
from demat.extractors.fields.labels import GUESS, Candidate, candidate_from_line
from demat.extractors.fields.layout import box_of, caption_row, text_of
from demat.extractors.fields.patterns import FALLBACK_RANK
from demat.extractors.fields.reading import Reading

# A FatturaPA's format ("Fattura elettronica FPR12", "Formato trasmissione FPA12"): never its number.
FORMAT_CODE_RE = re.compile(r"FP[AR]1[0-9]|SDI1[0-9]", re.IGNORECASE)


def document_number(reading: Reading) -> Candidate | None:
    """The number after its label in the header, else under a caption the scan blurred."""
    def in_header(candidate: Candidate) -> bool:
        label = candidate.label
        beside_date = any(lb.name == "date" and lb.line == label.line for lb in reading.field_labels)
        on_top_line = candidate.tokens[0].line == label.line and reading.layout.relative_top(label.first) <= 0.3
        return (label.rank < FALLBACK_RANK or beside_date or on_top_line) and not FORMAT_CODE_RE.fullmatch(candidate.value)
    return reading.best("number", values.document_number, accept=in_header) or _under_a_blurred_caption(reading)


def _under_a_blurred_caption(reading: Reading) -> Candidate | None:
    """A header grid whose "N." a scan blurred ("N", "x.", "ua"): the code under the short
    caption just left of the date's caption, in the row of values below."""
    layout = reading.layout
    for label in reading.field_labels:
        if label.name != "date" or layout.relative_top(label.first) > 0.3:
            continue
        line = layout.lines[label.line]
        cells = line.cells()
        mine = next((i for i, c in enumerate(cells) if label.first in c), 0)
        caption = cells[mine - 1] if mine else None
        if not caption or len(text_of(caption)) > 3 or caption_row(line, box_of(caption)) is None:
            continue
        for value in layout.cells_below(label.line, box_of(caption), max_lines=2):
            found = values.document_number(text_of(value))
            if found and not values.date(text_of(value)):
                return candidate_from_line(value, *found, GUESS)
    return None
