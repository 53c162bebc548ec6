"""A credit note's amounts and their sign, which a scan loses.

A credit note is kept as it prints its amounts: positive where it prints them so (its type
says they are a credit), negative where it prints a minus. A low-resolution scan or a fax
loses the thin minus before a figure ("-2.021,72 €" read "2.021,72 €"), often before
some figures and not others, so that the page seems to print a positive total beside a
negative imponibile. The minus signs that survive tell how the page prints its amounts.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from demat.extractors.fields.amounts import find_amounts, has_cents, misread_as
from demat.extractors.fields.labels import Candidate
from demat.extractors.fields.reading import Reading

CREDIT_NOTE_RE = re.compile(r"\bnota\s+(?:di\s+)?credito\b|\bcredit\s+note\b", re.IGNORECASE)
# Figures read with a minus that a scan's specks do not make by chance: the page prints its amounts negative.
LEAST_MINUSES = 2
# Of a summary's imponibile, IVA and totale, those read with a minus that make all three negative where a scan
# lost the others' minus: two (a speck may make one), one on a page calling itself a credit note, whose amounts
# are all negative or all positive.
NEGATIVES_PROVING, NEGATIVES_PROVING_CREDIT = 2, 1


def is_credit_note(reading: Reading) -> bool:
    """The page calls itself a credit note ("NOTA CREDITO", "Nota di credito", "Credit note")."""
    return any(CREDIT_NOTE_RE.search(line.text) for line in reading.layout.lines)


def negatives_proving(reading: Reading) -> int:
    """How many of a summary's three amounts read negative make all three so (see NEGATIVES_PROVING)."""
    return NEGATIVES_PROVING_CREDIT if is_credit_note(reading) else NEGATIVES_PROVING


def signed_as_printed(reading: Reading, *amounts: Candidate | None) -> tuple[Candidate | None, ...]:
    """AMOUNTS (imponibile, IVA, totale, any of them None) all negative on a scanned credit note whose
    minus signs show it prints them so: one of them read negative or printed elsewhere after a minus (a
    summary's row, "-19,B7"), or LEAST_MINUSES figures with cents read negative anywhere on the page (its
    items). A page of positive amounts keeps them."""
    found = [c for c in amounts if c is not None]
    if not reading.scanned or not any(c.value > 0 for c in found) or not is_credit_note(reading):
        return amounts
    if not any(c.value < 0 for c in found) and not any(_printed_negative(reading, c.value) for c in found) \
            and _minuses(reading) < LEAST_MINUSES:
        return amounts
    return tuple(replace(c, value=-c.value) if c is not None and c.value > 0 else c for c in amounts)


def _printed_negative(reading: Reading, value: Decimal) -> bool:
    """The page prints VALUE's figure, however misread ("-19,B7"), after a minus sign that opens its word: the last
    dash of a date before it ("2023-11-10 5.835,80", a misreading that takes in the day) is no minus."""
    for line in reading.layout.lines:
        span = misread_as(line.text, value)
        before = line.text[:span[0]].rstrip() if span else ""
        if before.endswith(("-", "−")) and (len(before) == 1 or not before[-2].isalnum()):
            return True
    return False


def _minuses(reading: Reading) -> int:
    """How many figures with cents the page reads with a minus."""
    return sum(value < 0 and has_cents(raw) for line in reading.layout.lines for value, raw, _ in find_amounts(line.text))
