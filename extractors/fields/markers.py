"""Party markers that OCR blurred beyond the look-alikes the phrase finder reads
again: "Spettile" for "Spett.le", "BILETO" for "BILL TO", "csiente" for "Cliente".

Such a word is taken for a marker only where a marker stands: alone at the head
of its cell, on no label's words, its letters one edit from one
marker's letters and closer to the markers of one role than to the other's.
The blocks of the page then say whose block it heads, as for a marker read right.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from demat.extractors.fields.labels import Label
from demat.extractors.fields.layout import Layout
from demat.extractors.fields.patterns import FALLBACK_RANK, letters, patterns

# Words of fewer letters than this are too near too many others to be read again.
MIN_LETTERS = 6
# How far a word may stray from its marker: one edit ("Fornitura" and "Lieferung" are two from "fornitore"
# and "lieferant", and none of them).
MAX_EDITS = 1


def blurred_markers(layout: Layout, labels: list[Label]) -> list[Label]:
    """The party markers among the one- or two-word cells that open no label."""
    labelled = {id(t) for lb in labels for t in lb.tokens}
    found = []
    for line in layout.lines:
        for cell in line.cells():
            if len(cell) > 2 or any(id(t) in labelled for t in cell):
                continue
            role = _role_of("".join(t.text for t in cell))
            if role:
                found.append(Label("party", role, FALLBACK_RANK, line.index, cell, ""))
    return found


def _role_of(text: str) -> str | None:
    found = letters(text)
    return _role_of_letters(found) if len(found) >= MIN_LETTERS else None


@lru_cache(maxsize=4096)
def _role_of_letters(word: str) -> str | None:
    """The role whose markers WORD (letters alone) is a blurred reading of, if only one role's is nearest."""
    nearest = {role: min((Levenshtein.distance(word, m, score_cutoff=MAX_EDITS) for m in markers),
                         default=MAX_EDITS + 1)
               for role, markers in marker_letters().items()}
    best = min(nearest.values(), default=MAX_EDITS + 1)
    roles = [role for role, distance in nearest.items() if distance == best]
    return roles[0] if 0 < best <= MAX_EDITS and len(roles) == 1 else None


@lru_cache(maxsize=1)
def marker_letters() -> dict[str, frozenset[str]]:
    """Each role's markers as their letters alone ("spettle", "billto"), long enough to be read again."""
    return {role: frozenset(m for m in map(letters, markers) if len(m) >= MIN_LETTERS)
            for role, markers in patterns().parties.items()}
