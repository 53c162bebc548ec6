"""One document being read: its layout, the labels found on it, and the
candidates for each field, from which the family extractors pick."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from demat.extractors.fields.labels import (
    GUESS,
    Candidate,
    Label,
    Parser,
    candidate_from_line,
    find_labels,
    label_words,
    value_near,
    value_right,
)
from demat.extractors.fields.layout import Layout
from demat.extractors.fields.markers import blurred_captions
from demat.extractors.fields.parties import Parties, find_parties
from demat.extractors.fields.patterns import FALLBACK_RANK, letters
from demat.kernel.document import Page

# "Rif." as scans read it, letters only: its f read as t or l, its i as l.
REFERENCE_READINGS = {"rif", "rit", "ril", "rlf"}


class Reading:
    def __init__(self, pages: list[Page]):
        self.layout = Layout(pages)
        self.labels = find_labels(self.layout)
        self.labels += blurred_captions(self.layout, self.labels)
        self.field_labels = [lb for lb in self.labels if lb.kind == "field" and not _the_stamp_dutys(self.layout, lb)]
        self.labelled = label_words(self.labels)
        self.scanned = self.layout.scanned

    @cached_property
    def parties(self) -> Parties:
        return find_parties(self.layout, self.labels)

    def candidates(self, name: str, parse: Parser, right_only: bool = False, free_text: bool = False) -> list[Candidate]:
        """Values found next to every label of NAME, in document order. FREE_TEXT (a
        subject, a name) reads the rest of the label's own cell, past other labels
        (a subject may name an invoice), else the cell below."""
        found = []
        for label in self.field_labels:
            if label.name != name or self._in_reference(label):
                continue
            stops = [] if free_text else [lb for lb in self.field_labels if lb.line == label.line and lb is not label]
            if right_only:
                candidate = value_right(self.layout, label, parse, stops, same_cell=free_text)
            else:
                candidate = value_near(self.layout, label, parse, stops, self.labelled, same_cell=free_text)
            if candidate:
                found.append(candidate)
        return found

    def _in_reference(self, label: Label) -> bool:
        """A number or date that follows "Rif. fattura", "a storno della fattura n."
        in its cell, or that stands in parentheses ("(rif. fattura n. 221 del ...)" in an
        item, its "rif." however misread), belongs to another document."""
        return label.name in ("number", "date") and (_in_parentheses(self.layout, label) or _after_a_blurred_rif(
            self.layout, label) or any(lb.name == "reference" and lb.line == label.line and lb.last.cell == label.first.cell
                                       and lb.last.box[0] < label.first.box[0] for lb in self.field_labels))

    def best(self, name: str, parse: Parser, last: bool = False, right_only: bool = False,
             free_text: bool = False, accept: Callable[[Candidate], bool] | None = None) -> Candidate | None:
        """The first value found by a label of NAME in reading order (or the LAST:
        totals close a document). The document's own number and date come in its
        header, before any reference to another document. Labels found by a
        token pattern (a wording not listed) count only when no listed one gives a value.
        ACCEPT, if given, says which candidates may be chosen. A blurred caption (markers.py), listed after
        the others, takes its place in reading order."""
        found = sorted((c for c in self.candidates(name, parse, right_only, free_text) if accept is None or accept(c)),
                       key=lambda c: c.label.line)
        found = [c for c in found if c.rank < FALLBACK_RANK] or found
        if not found:
            return None
        return found[-1] if last else found[0]

    def first_anywhere(self, parse: Parser) -> Candidate | None:
        """The first value of its kind anywhere, by its shape alone (a guess)."""
        for line in self.layout.lines:
            found = parse(line.text)
            if found:
                return candidate_from_line(line.tokens, *found, GUESS)
        return None

    def labels_named(self, kind: str) -> list[Label]:
        return [lb for lb in self.labels if lb.kind == kind]


def _the_stamp_dutys(layout: Layout, label: Label) -> bool:
    """An imposta caption that goes on to name the stamp duty ("Imposta di bollo di € 2,00 assolta
    sull'originale", "Imposta di bollo 2,00") captions no VAT: an invoice without VAT prints it."""
    if label.name != "vat_amount":
        return False
    after = [letters(t.text) for t in layout.tokens_after(label.line, label.last, cells=1)[:2]]
    return "bollo" in after[:1] or after == ["di", "bollo"]


def _after_a_blurred_rif(layout: Layout, label: Label) -> bool:
    """LABEL's cell opens with "Rif." however a scan read it ("Rif,", "Rit.", "Ril."), before the label: the
    reference list missed it, and the number or date after it is another document's ("Rif, DDT n. 3463 del
    17/03/2025" among an invoice's items)."""
    tokens = layout.lines[label.line].tokens
    cell = [t for t in tokens if t.cell == label.first.cell]
    return cell[0] is not label.first and letters(cell[0].text) in REFERENCE_READINGS


def _in_parentheses(layout: Layout, label: Label) -> bool:
    """LABEL stands inside parentheses after other words and its value with it:
    "(rif. fattura n. 221 del ...)". A caption translated in parentheses, as a
    bilingual page prints it ("Nummer (Numero documento)"), opens them and closes them."""
    tokens = layout.lines[label.line].tokens
    before = " ".join(t.text for t in tokens[:tokens.index(label.first)] if t.cell == label.first.cell)
    opened = before.rfind("(")
    if opened < 0 or ")" in before[opened:] or ")" in label.last.text:
        return False
    return any(ch.isalnum() for ch in before[opened:])
