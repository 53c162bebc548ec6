"""The parties' sections of a FatturaPA's courtesy copy: a heading that names a party by its
FatturaPA role ("Dati del cessionario / committente") over the lines that are that party's,
and the party's name among them.
"""

from __future__ import annotations

import re

from demat.extractors.fields.labels import BELOW_LABEL, Candidate, Label
from demat.extractors.fields.layout import Layout, Line, Token, box_of, overlaps_x, text_of
from demat.extractors.fields.names import labelled_name, name_candidate, read_name
from demat.kernel.document import Box

# The FatturaPA's names of the two parties, which its courtesy copies print as section headings.
FATTURAPA_ROLES = {"cedente", "prestatore", "cessionario", "committente"}
# The two parties, as labels.json names their markers.
ROLES = ("supplier", "customer")
# A party's section ends where a gap wider than this many line heights opens.
SECTION_GAP = 3.0


def party_sections(layout: Layout, labels: list[Label]) -> dict[str, list[list[Token]]]:
    """The cells of each party's section: a heading naming the party by its FatturaPA role and nothing else
    ("Dati del cessionario / committente", as a courtesy copy prints it), alone on its line or beside the other
    party's as two boxes side by side print them (each cell of the line naming one party), heads the lines below
    it, within its width (its column, up to the next heading's), down to the next line naming a party, a line
    starting left of it (beside another heading: a cell reaching into its column from the left), a wide gap or
    the end of the page. A heading whose role opens its cell ("Cedente/prestatore") marks its block instead."""
    roles_read: dict[int, dict[int, tuple[str, bool]]] = {}  # line -> cell (index) -> role, whether it opens it
    for label in labels:
        cells = layout.lines[label.line].cells_read()  # a speck beside a heading ("|", a box's rule) is no word of it
        cell = next((i for i, c in enumerate(cells) if label.first in c), None)
        if (label.kind == "party" and cell is not None
                and FATTURAPA_ROLES & set(re.findall(r"\w+", text_of(label.tokens).lower()))):
            read = roles_read.setdefault(label.line, {})
            if cell not in read or read[cell][1]:  # a role within the cell heads it, the one opening it if none
                read[cell] = (label.name, label.first is cells[cell][0])
    headings: dict[int, dict[int, str]] = {}  # line -> the cell of each heading on it (its index) -> role
    for index, read in roles_read.items():
        cells = layout.lines[index].cells_read()
        side_by_side = len(read) == len(cells) == 2 and {role for role, _ in read.values()} == set(ROLES)
        if all(_is_heading(c) for c in cells) and (len(cells) == 1 or side_by_side):
            headings[index] = {cell: role for cell, (role, opens) in read.items() if not opens}
    naming = {lb.line for lb in labels if lb.kind == "party"}
    sections: dict[str, list[list[Token]]] = {}
    for index, roles in headings.items():
        heading = layout.lines[index]
        cells = heading.cells_read()
        for cell, role in roles.items():
            ahead = box_of(cells[cell + 1])[0] - heading.height if cell + 1 < len(cells) else None
            column = _column(layout, heading, box_of(cells[cell]), ahead, naming)
            if column is not None:
                sections.setdefault(role, []).extend(column)
    return sections


def _column(layout: Layout, heading: Line, box: Box, ahead: float | None,
            naming: set[int]) -> list[list[Token]] | None:
    """The cells under a heading of BOX on HEADING's line that start inside its column (before AHEAD, the next
    heading's left edge, when one stands beside it), down to where its section ends (see `party_sections`);
    None when it ends at once: the heading heads no line."""
    left, lone = box[0] - heading.height, len(heading.cells_read()) == 1
    found: list[list[Token]] | None = None
    previous = heading
    for below in layout.lines[heading.index + 1:]:
        gap_limit = SECTION_GAP * max(previous.height, 6.0)
        crossing = any((cell_box := box_of(cell))[0] < left and (lone or cell_box[2] > box[0]) for cell in below.cells())
        if below.index in naming or below.page != heading.page or below.top - previous.bottom > gap_limit or crossing:
            break
        found = (found or []) + [cell for cell in below.cells() if (cell_box := box_of(cell))[0] >= left
                  and (ahead is None and overlaps_x(cell_box, box) or ahead is not None and cell_box[0] < ahead)]
        previous = below
    return found


def _is_heading(cell: list[Token]) -> bool:
    """A few words without figures, from a capital: a title, not a line of data nor
    prose ("nel seguito «Committente»" names the party above it)."""
    return (len(cell) <= 10 and cell[0].text[:1].isupper()
            and not any(ch.isdigit() for t in cell for ch in t.text))


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
