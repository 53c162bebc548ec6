"""Whose block is the addressee's when no marker read on the page says so.

A scan may blur the customer's marker past the look-alikes markers.py reads again, or a page may print none.
The addressee's block is then told by its shape and place: a block high on page 1 that opens with a
company's name and holds a P.IVA of its own beside the issuer's; a caption of a word or two, near enough
to a marker's letters, over a name and an address line; else, with the issuer's block known, the first
block not above it whose name is followed by an address line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from demat.extractors.fields.identifiers import find_vats
from demat.extractors.fields.labels import GUESS, Candidate, Label
from demat.extractors.fields.layout import Layout, Token, box_of, text_of, words_of
from demat.extractors.fields.markers import loosely_blurred_role
from demat.extractors.fields.names import name_candidate, read_name
from demat.extractors.fields.patterns import FALLBACK_RANK

if TYPE_CHECKING:
    from demat.extractors.fields.parties import Block

# A street, or a CAP and a town: the line that makes a block an address.
ADDRESS_RE = re.compile(r"^(?:via|viale|piazza|p\.za|corso|c\.so|largo|vicolo|strada|località|loc\.)\b"
                        r"|\b\d{5}\s+[A-ZÀ-Ý]", re.IGNORECASE)
# How far down page 1 an unmarked addressee's block may open, as a share of the page.
ADDRESSEE_TOP = 0.5


def unmarked_addressee(layout: Layout, blocks: list[Block], labels: list[Label]) -> Block | None:
    """With no customer's block marked (its "Cliente" unread or never printed), two blocks high on page 1
    that each open with a company's name (a legal form) and hold a valid P.IVA of their own: the issuer's
    letterhead is the one a supplier marker heads, else the higher, and the other is the addressee's."""
    if any(b.role == "customer" for b in blocks):
        return None
    forms = {id(lb.last) for lb in labels if lb.kind == "legal_form"}
    first_page = layout.first_page
    companies = [(b, vats) for b in blocks
                 if b.page == first_page and layout.relative_top(b.cells[0][0]) <= ADDRESSEE_TOP
                 and any(id(t) in forms for t in _opening(b)) and (vats := _valid_vats(b))]
    if len(companies) < 2:
        return None
    issuer, issuer_vats = next(((b, v) for b, v in companies if b.role == "supplier"), companies[0])
    return next((b for b, vats in companies if b.role is None and b is not issuer and not vats & issuer_vats), None)


def mark_headed_blocks(layout: Layout, blocks: list[Block], labels: list[Label]) -> None:
    """A block high on page 1 that no marker heads, whose first cell is a caption of a word or two that a scan
    blurred past the markers' look-alikes ("Sperti"), followed by a name and an address line, is the party's
    whose markers the caption is nearest (see markers.loosely_blurred_role): a letterhead opens with its name."""
    first_page = layout.first_page
    field_words = {id(t) for lb in labels if lb.kind in ("field", "party") for t in lb.tokens}
    for block in blocks:
        if (block.role is not None or block.page != first_page or len(block.cells) < 3
                or layout.relative_top(block.cells[0][0]) > ADDRESSEE_TOP):
            continue
        caption, name, address = block.cells[:3]
        role = loosely_blurred_role(caption)
        if role and read_name(name, labels, field_words) and ADDRESS_RE.search(text_of(address)):
            block.role = role
            block.marker = Label("party", role, FALLBACK_RANK, caption[0].line, words_of(caption), "")


def addressee_by_address(layout: Layout, blocks: list[Block], labels: list[Label], field_words: set[int],
                          issuer: Candidate | None) -> Candidate | None:
    """With no customer's name read (its marker blurred past reading: "Spee /Desraneo"), the first block high on
    page 1, apart from the issuer's and not above it, whose name is followed by an address line (street, or CAP
    and town); a caption of a word or two may open it. Without the issuer's block nothing says which is whose.
    The block found becomes the customer's: the P.IVA in it or set under it is the customer's too."""
    issuer_block = next((b for b in blocks if issuer and any(t is issuer.tokens[0] for c in b.cells for t in c)), None)
    if issuer_block is None:
        return None
    first_page = layout.first_page
    issuer_top = box_of(issuer_block.cells[0])[1]
    for block in blocks:
        top = box_of(block.cells[0])[1]
        if (block is issuer_block or block.role is not None or block.page != first_page or top < issuer_top
                or layout.relative_top(block.cells[0][0]) > ADDRESSEE_TOP):
            continue
        for cell, after in list(zip(block.cells, block.cells[1:]))[:2]:
            name = read_name(cell, labels, field_words)
            if name and ADDRESS_RE.search(text_of(after)):
                block.role = "customer"
                return name_candidate(name[1], GUESS)
    return None


def _opening(block: Block) -> list[Token]:
    """The first of BLOCK's cells that is more than a scan's specks."""
    return next((words for cell in block.cells if (words := words_of(cell))), [])


def _valid_vats(block: Block) -> set[str]:
    """The valid P.IVA printed in BLOCK."""
    return {found.value for cell in block.cells for found in find_vats(text_of(cell)) if found.valid}
