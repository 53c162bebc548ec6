"""Whose block is the addressee's when no marker read on the page says so.

A scan may blur the customer's marker past the look-alikes markers.py reads again, or a page may print none.
The addressee's block is then told by its shape and place: a party's block high on page 1 (a name and a
valid P.IVA or codice fiscale) beside the issuer's (a "Destinazione merce" says where the goods go, not
whom the page is made out to); a caption of a word or two, near enough to a marker's letters, over a name
and an address line; a block with a name and an address line wholly under the letterhead (an envelope's
window, the sender's small line over it), whatever the issuer's name; else, with the issuer's block known,
the first block not above it whose name is followed by an address line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from demat.extractors.fields.identifiers import TRANSMITTER_RE, find_tax_codes, find_vats
from demat.extractors.fields.labels import GUESS, Candidate, Label, label_words
from demat.extractors.fields.layout import Layout, Token, box_of, overlaps_x, text_of, words_of
from demat.extractors.fields.markers import loosely_blurred_role
from demat.extractors.fields.names import name_candidate, read_name
from demat.extractors.fields.patterns import FALLBACK_RANK

if TYPE_CHECKING:
    from demat.extractors.fields.parties import Block

# A street, or a CAP and a town: the line that makes a block an address ("Indirizzo: Via Roma 1" too).
ADDRESS_RE = re.compile(r"^(?:indirizzo:?\s+)?(?:via|viale|piazza|p\.za|corso|c\.so|largo|vicolo|strada|località|loc\.)\b"
                        r"|\b\d{5}\s+[A-ZÀ-Ý]", re.IGNORECASE)
# How far down page 1 an unmarked addressee's block may open, as a share of the page.
ADDRESSEE_TOP = 0.5
# The fewest lines of a letterhead over an unmarked addressee: a name, a street, a town.
LETTERHEAD_LINES = 3
# How far under a letterhead's line, in its heights, the next line of the letterhead may stand.
LETTERHEAD_GAP = 2.5
# What parts the sender's line over an envelope's window ("Rossi Srl - Via Roma 1 - 20100 Milano", "· ", "• ", "| ").
SENDER_PARTS_RE = re.compile(r"\s[-–·•|]\s")
# A sender's line is printed smaller than the address under it: its height at most this share of the next line's.
SENDER_TYPE = 0.8


def unmarked_addressee(layout: Layout, blocks: list[Block], labels: list[Label]) -> Block | None:
    """With no addressee's block marked (its "Cliente" unread or never printed), two party blocks high on page 1,
    each with a name and a valid P.IVA or codice fiscale of its own (in it or in the blocks set close under it:
    a letterhead's name centred over its address line): the issuer's is the one a supplier marker heads, else
    the higher, and the other is the addressee's. A party's block opens with its name (a letterhead's may be a
    sole trader's, with no legal form) or with its identifiers' captions over its name and address, or holds a
    company's name among its captions (a courtesy copy's box: "Identificativo fiscale ai fini IVA: IT...",
    "Denominazione: Rossi S.r.l.")."""
    forms = {id(lb.last) for lb in labels if lb.kind == "legal_form"}
    field_words = label_words(labels)
    first_page = layout.first_page
    high = [b for b in blocks if b.page == first_page and layout.relative_top(b.cells[0][0]) <= ADDRESSEE_TOP]
    parties = [(b, codes) for b in high
               if (read_name(_opening(b), labels, field_words) or named_address(b, labels, field_words)
                   or any(id(t) in forms for c in b.cells for t in c))
               and (codes := _valid_codes(_letterhead(b, high)))]
    if len(parties) < 2:
        return None
    issuer, issuer_codes = next(((b, c) for b, c in parties if b.role == "supplier"), parties[0])
    return next((b for b, codes in parties if b.role is None and b is not issuer and not codes & issuer_codes), None)


def addressee_under_letterhead(layout: Layout, blocks: list[Block], labels: list[Label]) -> Block | None:
    """With no customer's block marked, two address blocks high on page 1, one wholly below the other: the higher,
    of three lines at least and opening with a name, is the issuer's letterhead whatever its name (a person, an
    association, a firm whose legal form is none we list: "Fjord Maritime AS"), the lower, a name followed by an
    address line (an envelope's window, its sender's line aside), the addressee's. A company's name in the window
    says nothing of who issued the page: the back office's own name there has a legal form as often as not."""
    field_words = label_words(labels)
    first_page = layout.first_page
    high = [b for b in blocks if b.page == first_page and layout.relative_top(b.cells[0][0]) <= ADDRESSEE_TOP]
    issuer = next((b for b in high if read_name(b.cells[0], labels, field_words)), None)
    letterhead = _letterhead(issuer, high) if issuer else []
    if len(letterhead) < LETTERHEAD_LINES:
        return None
    bottom = box_of(letterhead[-1])[3]
    return next((b for b in high if box_of(b.cells[0])[1] > bottom and named_address(b, labels, field_words)), None)


def _letterhead(issuer: Block, blocks: list[Block]) -> list[list[Token]]:
    """The cells of ISSUER's block and of the blocks set close under it (a name in larger type stands apart from
    the address under it): its letterhead's lines."""
    cells = list(issuer.cells)
    for block in blocks[blocks.index(issuer) + 1:]:
        last, top = box_of(cells[-1]), box_of(block.cells[0])
        if 0 <= top[1] - last[3] < LETTERHEAD_GAP * (last[3] - last[1]) and overlaps_x(top, last):
            cells += block.cells
    return cells


def named_address(block: Block, labels: list[Label], field_words: set[int]) -> tuple[str, list[Token]] | None:
    """The name, in one of BLOCK's first cells (a caption of a word or two, or a sender's line, may open it: see
    `sender_line`), that an address line (street, or CAP and town) follows."""
    cells = block.cells[1:] if sender_line(block) else block.cells
    for cell, after in list(zip(cells, cells[1:]))[:2]:
        name = read_name(cell, labels, field_words)
        if name and ADDRESS_RE.search(text_of(after)):
            return name
    return None


def sender_line(block: Block) -> bool:
    """BLOCK opens with the sender's line printed over an envelope's window: name, street and town on one line,
    parted by dashes or dots, in a smaller type than the address under it."""
    if len(block.cells) < 2:
        return False
    first, second = box_of(block.cells[0]), box_of(block.cells[1])
    parts = len(SENDER_PARTS_RE.findall(text_of(block.cells[0]))) + 1
    return parts >= 3 and first[3] - first[1] < SENDER_TYPE * (second[3] - second[1])


def mark_headed_blocks(layout: Layout, blocks: list[Block], labels: list[Label]) -> None:
    """A block high on page 1 that no marker heads, whose first cell is a caption of a word or two that a scan
    blurred past the markers' look-alikes ("Sperti"), followed by a name and an address line, is the party's
    whose markers the caption is nearest (see markers.loosely_blurred_role): a letterhead opens with its name."""
    first_page = layout.first_page
    field_words = label_words(labels)
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
        name = named_address(block, labels, field_words)
        if name:
            block.role = "customer"
            return name_candidate(name[1], GUESS)
    return None


def _opening(block: Block) -> list[Token]:
    """The first of BLOCK's cells that is more than a scan's specks."""
    return next((words for cell in block.cells if (words := words_of(cell))), [])


def _valid_codes(cells: list[list[Token]]) -> set[str]:
    """The valid P.IVA and codici fiscali printed in CELLS, but the SdI transmitter's (no party's)."""
    texts = [text for cell in cells if not TRANSMITTER_RE.search(text := text_of(cell))]
    return {found.value for text in texts for found in find_vats(text) + find_tax_codes(text) if found.valid}
