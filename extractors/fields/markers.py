"""Party markers that OCR blurred beyond the look-alikes the phrase finder reads
again: "Spettile" for "Spett.le", "BILETO" for "BILL TO", "csiente" for "Cliente".

Such a word is taken for a marker only where a marker stands: alone at the head
of its cell, on no label's words, its letters one edit from one
marker's letters and closer to the markers of one role than to the other's.
The blocks of the page then say whose block it heads, as for a marker read right.
"""

from __future__ import annotations

import re
from functools import lru_cache

from demat.extractors.fields.labels import Label
from demat.extractors.fields.layout import Layout
from demat.extractors.fields.patterns import FALLBACK_RANK, patterns

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
    letters = _letters(text)
    return _role_of_letters(letters) if len(letters) >= MIN_LETTERS else None


@lru_cache(maxsize=4096)
def _role_of_letters(letters: str) -> str | None:
    """The role whose marker LETTERS are a blurred reading of, if only one role's is nearest."""
    pairs = _pairs(letters)
    nearest: dict[str, int] = {}
    for role, words in marker_letters().items():
        # Each edit spoils at most two letter pairs: a word sharing too few with a marker is none of it.
        near = [w for w, p in words if len(pairs & p) >= max(len(letters), len(w)) - 1 - 2 * MAX_EDITS]
        nearest[role] = min((_distance(letters, w, MAX_EDITS) for w in near), default=MAX_EDITS + 1)
    best = min(nearest.values(), default=MAX_EDITS + 1)
    roles = [role for role, distance in nearest.items() if distance == best]
    return roles[0] if 0 < best <= MAX_EDITS and len(roles) == 1 else None


@lru_cache(maxsize=1)
def marker_letters() -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """Each role's markers as their letters alone ("spettle", "billto"), long enough to be read
    again, each with its pairs of neighbouring letters."""
    return {role: tuple((m, _pairs(m)) for m in {m for m in map(_letters, markers) if len(m) >= MIN_LETTERS})
            for role, markers in patterns().parties.items()}


def _letters(text: str) -> str:
    return "".join(re.findall(r"[^\W\d_]", text.lower()))


def _pairs(letters: str) -> frozenset[str]:
    return frozenset(letters[i:i + 2] for i in range(len(letters) - 1))


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of A and B, or LIMIT + 1 once it is sure to exceed LIMIT."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
