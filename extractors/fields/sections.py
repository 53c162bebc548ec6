"""The parties' sections of a FatturaPA's courtesy copy: a heading that names a party by its
FatturaPA role ("Dati del cessionario / committente") over the lines that are that party's,
and the party's name among them.
"""

from __future__ import annotations

import re

from demat.extractors.fields.labels import BELOW_LABEL, Candidate, Label
from demat.extractors.fields.layout import Layout, Line, Token, box_of, overlaps_x, text_of
from demat.extractors.fields.names import labelled_name, name_candidate, read_name

# The FatturaPA's names of the two parties, which its courtesy copies print as section headings.
FATTURAPA_ROLES = {"cedente", "prestatore", "cessionario", "committente"}
# A party's section ends where a gap wider than this many line heights opens.
SECTION_GAP = 3.0


def party_sections(layout: Layout, labels: list[Label]) -> dict[str, list[list[Token]]]:
    """The cells of each party's section: a heading line naming the party by its
    FatturaPA role and nothing else ("Dati del cessionario / committente", as a courtesy
    copy prints it) heads the lines below it, within its width, down to the next line naming a
    party, a line starting left of it, a wide gap or the end of the page."""
    headings: dict[int, str] = {}
    for label in labels:
        line = layout.lines[label.line]
        if (label.kind == "party" and label.first is not line.tokens[0] and len(line.cells()) == 1
                and _is_heading(line) and FATTURAPA_ROLES & set(re.findall(r"\w+", text_of(label.tokens).lower()))):
            headings.setdefault(label.line, label.name)  # a caption that opens its line marks its block instead
    naming = {lb.line for lb in labels if lb.kind == "party"}
    sections: dict[str, list[list[Token]]] = {}
    for index, role in headings.items():
        heading = layout.lines[index]
        box = box_of(heading.tokens)
        previous = heading
        for below in layout.lines[index + 1:]:
            gap_limit = SECTION_GAP * max(previous.height, 6.0)
            if (below.index in naming or below.page != heading.page or below.top - previous.bottom > gap_limit
                    or below.tokens[0].box[0] < box[0] - heading.height):
                break
            sections.setdefault(role, []).extend(
                cell for cell in below.cells()
                if (cell_box := box_of(cell))[0] >= box[0] - heading.height and overlaps_x(cell_box, box))
            previous = below
    return sections


def _is_heading(line: Line) -> bool:
    """A few words without figures, from a capital: a title, not a line of data nor
    prose ("nel seguito «Committente»" names the party above it)."""
    return (len(line.tokens) <= 10 and line.tokens[0].text[:1].isupper()
            and not any(ch.isdigit() for t in line.tokens for ch in t.text))


def section_name(layout: Layout, cells: list[list[Token]], labels: list[Label],
                  field_words: set[int]) -> Candidate | None:
    """The party's name in its section: after "Denominazione", else the first company
    name (a legal form) there."""
    named = labelled_name(layout, cells, labels, beside=True)
    if named or not cells:
        return named
    forms = {id(lb.last) for lb in labels if lb.kind == "legal_form"}
    for cell in cells:
        name = read_name(cell, labels, field_words) if any(id(t) in forms for t in cell) else None
        if name:
            return name_candidate(name[1], BELOW_LABEL)
    return None
