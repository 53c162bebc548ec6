"""Who issued the document and who it is addressed to.

The issuer is never the addressee. Words are grouped into blocks (address
blocks: cells on consecutive lines, aligned); a block opened by a customer
marker ("Spett.le", "Cessionario/Committente", "Destinatario", "Cliente", ...)
is the customer's, one opened by a supplier marker ("Fornitore", "Mittente",
"Cedente/Prestatore") the supplier's, and so is the column of values beside the captions a marker heads
("Dati cliente" over "Ragione sociale | Rossi S.r.l."). Without a supplier marker the issuer is
the letterhead: the first company name at the top of the first page that is
not in the customer's block. P.IVA and codice fiscale belong to the party
whose block they are in; outside any customer block they are the issuer's where a page puts an
issuer's (see `_placed_with_supplier`), else no one's known.
A letter's greeting ("Gentile Cliente,") marks no block, a surname that reads
like a marker ("Gentile S. & C.") is a name, and a letter without any marker is
addressed to the block that carries an address. Whose block is the addressee's
when no marker read says so is addressees.py's; how a name is read in its cell
is names.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from demat.extractors.fields import values
from demat.extractors.fields.addressees import (
    ADDRESS_RE,
    addressee_by_address,
    addressee_under_letterhead,
    mark_headed_blocks,
    named_address,
    unmarked_addressee,
)
from demat.extractors.fields.brand import brand_owner, names_an_owner
from demat.extractors.fields.identifiers import TRANSMITTER_RE, find_tax_codes, find_vats
from demat.extractors.fields.labels import (
    BELOW_LABEL,
    GUESS,
    PATTERN,
    RIGHT_OF_LABEL,
    Candidate,
    Label,
    label_words,
    to_field,
    tokens_in,
)
from demat.extractors.fields.layout import Layout, Line, Token, box_of, confidence_of, overlaps_x, text_of, words_of
from demat.extractors.fields.markers import blurred_markers, echoes_a_marker, nearest_marker
from demat.extractors.fields.names import (
    PARTY_CAPTIONS,
    after_translation,
    continued,
    labelled_name,
    name_candidate,
    opened_above,
    read_name,
)
from demat.extractors.fields.patterns import FALLBACK_RANK, one_character_apart
from demat.extractors.fields.sections import party_sections, section_name
from demat.kernel.document import Box, Field


@dataclass
class Block:
    cells: list[list[Token]] = field(default_factory=list)
    role: str | None = None  # "supplier", "customer" or None
    marker: Label | None = None

    @property
    def page(self) -> int:
        return self.cells[0][0].page


PARTY_FIELDS = ("supplier_name", "supplier_vat", "supplier_tax_code", "customer_name", "customer_vat",
                "customer_tax_code")


@dataclass
class Parties:
    supplier_name: Candidate | None = None
    supplier_vat: Candidate | None = None
    supplier_tax_code: Candidate | None = None
    customer_name: Candidate | None = None
    customer_vat: Candidate | None = None
    customer_tax_code: Candidate | None = None
    companies: set[str] = field(default_factory=set)  # roles whose name carries a legal form
    scanned: bool = False  # read by OCR: an identifier whose check fails is a misread, no field (see party_fields)


# "Gentile S. & C. S.a.s.": a surname that reads like a marker, then an initial and "& C.".
INITIAL_RE = re.compile(r"^[A-ZÀ-Ý]\.$")
# The words of a customer marker that names where the goods go rather than whom the document is made out to.
DELIVERY_RE = re.compile(r"destinazione|consegn|spedi|recapito|\bship\b|liefer|livraison|leverings", re.IGNORECASE)
# How many words before an identifier may caption it ("Partita IVA e Codice Fiscale").
MAX_CAPTION_WORDS = 6
# How far under the customer's block, in its last line's heights, a block of no one's may stand and be its.
UNDER_CUSTOMER = 4
# Where a page's footer starts, as a share of the page: the issuer's identifiers stand there as in its letterhead.
FOOTER_TOP = 0.75
def find_parties(layout: Layout, labels: list[Label]) -> Parties:
    labels = labels + blurred_markers(layout, labels)
    labels = [lb for lb in labels
              if not (lb.kind == "party" and (_starts_a_name(layout, lb) or _greeting(layout, lb))
                      or lb.kind == "legal_form" and _unit_or_code(layout, lb))]
    blocks = _split_at_headings(_blocks(layout), labels)
    block_of = {id(t): b for b in blocks for cell in b.cells for t in cell}
    captions = {id(lb.first) for lb in labels if lb.kind == "field" and lb.name not in PARTY_CAPTIONS}
    for label in labels:
        if label.kind == "party":
            block = block_of[id(label.first)]
            cell = next(c for c in block.cells if label.first in c)
            if words_of(cell)[0] is label.first and block.role is None:  # ". Cliente": a speck before it
                block.role, block.marker = label.name, label
                under = (_block_under_caption(blocks, block, cell, captions)
                         or _block_beside_caption(layout, blocks, block, cell))
                if under is not None and under.role is None:
                    under.role, under.marker = label.name, label
                for owned in (block, under) if under is not None and under.role == label.name else (block,):
                    column = _values_beside_captions(layout, blocks, owned, cell, labels)
                    if column is not None and column.role is None:
                        column.role, column.marker = label.name, label
    mark_headed_blocks(layout, blocks, labels)
    parties = Parties(scanned=layout.scanned)
    field_words = label_words(labels)
    sections = party_sections(layout, labels)
    addressed = "customer" in sections or any(b.role == "customer" and not _for_delivery(b) for b in blocks)
    addressee = None if addressed else (unmarked_addressee(layout, blocks, labels)
                                        or addressee_under_letterhead(layout, blocks, labels))
    if addressee is not None:
        addressee.role = "customer"
    for role in ("supplier", "customer"):
        ordered = sorted((b for b in blocks if b.role == role), key=lambda b: (_for_delivery(b), _blurred(b)))
        names = (_name_in_block(layout, b, labels, field_words) for b in ordered)
        named = next((n for n in names if n), None)
        setattr(parties, f"{role}_name", named or section_name(layout, sections.get(role, []), labels, field_words))
    if parties.supplier_name is None:
        parties.supplier_name = _letterhead_name(layout, blocks, labels, field_words)
    if parties.customer_name is None and "customer" not in sections:
        parties.customer_name = addressee_by_address(layout, blocks, labels, field_words, parties.supplier_name)
    forms = {id(lb.last) for lb in labels if lb.kind == "legal_form"}
    for role in ("supplier", "customer"):
        name = getattr(parties, f"{role}_name")
        if name and id(name.tokens[-1]) in forms:
            parties.companies.add(role)
    section_of = {id(t): role for role, cells in sections.items() for cell in cells for t in cell}
    _identifiers(layout, labels, block_of, section_of, parties)
    for role in ("supplier", "customer"):
        _company_tax_code(parties, role)
        _misread_against_the_other(parties, role)
    return parties


def _starts_a_name(layout: Layout, label: Label) -> bool:
    """A marker word followed in its cell by an initial and "&" is the surname of a partnership."""
    tokens = layout.lines[label.line].tokens
    rest = [t.text for t in tokens[tokens.index(label.last) + 1:] if t.cell == label.last.cell][:2]
    return len(rest) == 2 and bool(INITIAL_RE.match(rest[0])) and rest[1] in ("&", "e")


def _unit_or_code(layout: Layout, label: Label) -> bool:
    """A legal form of two letters and no period followed in its cell by a figure is a unit or a code:
    "PANE KG 0,5" on a receipt, not a company "Pane KG"; so is one not in capitals, wherever it stands:
    "Smaltimento rifiuti speciali (kg)" is an item, not a company a letterhead names."""
    tokens = layout.lines[label.line].tokens
    after = tokens.index(label.last) + 1
    letters = "".join(ch for ch in label.last.text if ch.isalpha())
    return label.first is label.last and len(letters) == 2 and "." not in label.last.text and (
        not letters.isupper() or after < len(tokens) and tokens[after].cell == label.last.cell
        and tokens[after].text[:1].isdigit())


def _greeting(layout: Layout, label: Label) -> bool:
    """"Gentile Cliente," "Egregi Signori,": the salutation opening a letter's body, not an address."""
    cell = [t for t in layout.lines[label.line].tokens if t.cell == label.last.cell]
    return cell[0] is label.first and len(cell) <= 4 and cell[-1].text.endswith(",")


def address_block_name(layout: Layout, labels: list[Label], issuer: Candidate | None) -> Candidate | None:
    """The addressee of a letter without a marker: the first name on page 1 that
    opens a block with an address line (street or CAP and town), outside the issuer's block;
    a caption of a word or two that opens the block ("A:") comes before it."""
    blocks = _blocks(layout)
    first_page = layout.first_page
    issuer_words = {id(t) for t in issuer.tokens} if issuer else set()
    field_words = label_words(labels)
    for block in blocks:
        words = [t for cell in block.cells for t in cell]
        if block.page != first_page or len(block.cells) < 2 or any(id(t) in issuer_words for t in words):
            continue
        cells = block.cells[1:] if len(block.cells[0]) <= 2 and block.cells[0][-1].text.endswith(":") else block.cells
        if not any(ADDRESS_RE.search(text_of(cell)) for cell in cells[1:]):
            continue
        name = read_name(cells[0], labels, field_words)
        if name:
            return name_candidate(name[1], GUESS)
    return None


def _blocks(layout: Layout) -> list[Block]:
    """Cells on consecutive lines that overlap and share a left or right edge."""
    blocks: list[Block] = []
    for line in layout.lines:
        for cell in line.cells():
            box = box_of(cell)
            height = max(box[3] - box[1], 6.0)
            home = None
            for block in reversed(blocks[-40:]):
                last = block.cells[-1]
                last_box = box_of(last)
                if last[0].page != line.page or last[0].line == line.index:
                    continue
                gap = box[1] - last_box[3]
                aligned = abs(box[0] - last_box[0]) < 2 * height or abs(box[2] - last_box[2]) < 2 * height
                if gap < 1.2 * height and overlaps_x(box, last_box) and aligned:
                    home = block
                    break
            if home is None:
                home = Block()
                blocks.append(home)
            home.cells.append(cell)
    return blocks


def _split_at_headings(blocks: list[Block], labels: list[Label]) -> list[Block]:
    """A cell of nothing but a party's marker inside a block ("DESTINATARIO" under the supplier's last line, as a
    courtesy copy stacks its parties' sections evenly spaced) heads the lines under it: the block above ends there."""
    markers = {id(t) for lb in labels if lb.kind == "party" for t in lb.tokens}
    split: list[Block] = []
    for block in blocks:
        start = 0
        for index, cell in enumerate(block.cells):
            words = words_of(cell)
            if index > start and words and all(id(t) in markers for t in words):
                split.append(Block(block.cells[start:index]))
                start = index
        split.append(Block(block.cells[start:]))
    return split


def _block_under_caption(blocks: list[Block], block: Block, cell: list[Token], captions: set[int]) -> Block | None:
    """A marker alone at the end of its block ("DESTINATARIO" as a box's title)
    heads the block just below it, even a little further down than a line, unless that block opens with a
    caption of another field (CAPTIONS: "Oggetto:" under "Cliente:" in a template's column of captions), a scan's
    speck before it or not ("| Oggetto:", a grid's rule read as a bar)."""
    if cell is not block.cells[-1] or len(cell) > 4:
        return None
    box = box_of(cell)
    height = max(box[3] - box[1], 6.0)
    for other in blocks:
        first = box_of(other.cells[0])
        if (other is not block and other.page == block.page and 0 <= first[1] - box[3] < 3 * height
                and overlaps_x(first, box)):
            opening = words_of(other.cells[0])[:1] or other.cells[0]
            return None if id(opening[0]) in captions else other
    return None


def _block_beside_caption(layout: Layout, blocks: list[Block], block: Block, cell: list[Token]) -> Block | None:
    """A marker alone in its cell with nothing under it in its block ("Cessionario/Committente" in a column of
    captions, "Cliente:" under "Fattura n°" in a template's grid) heads the block that holds the next cell of
    its line."""
    if cell is not block.cells[-1] or len(cell) > 4:
        return None
    return _block_of_next_cell(layout, blocks, cell)


def _values_beside_captions(layout: Layout, blocks: list[Block], captions: Block, marker: list[Token],
                            labels: list[Label]) -> Block | None:
    """CAPTIONS, the block of a party's MARKER or the block it heads from above, holding under the marker a column
    of captions without figures that opens with a field's caption ("Dati cliente" over "Ragione sociale",
    "Indirizzo", "Partita IVA" in a grid): the block of their values, which holds the next cell of its first
    caption's line, is the party's too."""
    cells = [cell for cell in captions.cells if cell is not marker]
    captioned = {id(t) for lb in labels if lb.kind == "field" for t in lb.tokens}
    if (not cells or any(ch.isdigit() for cell in cells for t in cell for ch in t.text)
            or not all(id(t) in captioned for t in words_of(cells[0]))):
        return None
    return _block_of_next_cell(layout, blocks, cells[0])


def _block_of_next_cell(layout: Layout, blocks: list[Block], cell: list[Token]) -> Block | None:
    """The block that holds the cell after CELL on its line."""
    line = layout.lines[cell[0].line].cells()
    beside = next((after for c, after in zip(line, line[1:]) if c[0] is cell[0]), None)
    return next((b for b in blocks if beside is not None and any(c[0] is beside[0] for c in b.cells)), None)


def _blurred(block: Block) -> bool:
    """BLOCK's marker was read through a blur (markers.py): a marker read as printed says more surely whose the
    block is ("Cliente" read as "CHente" beside a "Destinazione merce" read as "Destnazione merce")."""
    return block.marker is not None and block.marker.rank >= FALLBACK_RANK


def _for_delivery(block: Block) -> bool:
    """The block is where the goods go ("Luogo di destinazione", "Ship to"), not whom the
    document is made out to: its name is the customer's only when no other block names it. A marker read through
    a blur says so by the marker it is nearest ("Destihazione merce")."""
    if block.marker is None:
        return False
    printed = text_of(block.marker.tokens)
    return bool(DELIVERY_RE.search(nearest_marker(printed) if _blurred(block) else printed))


def _name_in_block(layout: Layout, block: Block, labels: list[Label], field_words: set[int]) -> Candidate | None:
    """The name after "Denominazione" in the block (or in the next cell of its line: a grid of captions and values
    under the party's marker); in a block no marker heads, the name an address line follows
    (a scan's blurred caption or an envelope's sender line may open it: see addressees.named_address); else its
    first line that reads as a name, after its marker, or from its marker's line down where the marker heads it
    from beside: the cells above are another column's ("Vettore | Colli" over "Mittente | 20", a delivery note's
    carrier being its sender)."""
    named = labelled_name(layout, block.cells, labels, beside=True)
    if named:
        return named
    marker = block.marker
    addressed = None if marker else named_address(block, labels, field_words)
    if addressed:
        return name_candidate(addressed[1], GUESS)
    start = next((i for i, cell in enumerate(block.cells) if marker and (marker.first in cell or cell[0].line >= marker.line)), 0)
    for cell in block.cells[start:]:
        tokens = list(cell)
        if marker and marker.first in tokens:
            tokens = after_translation(tokens[tokens.index(marker.last) + 1:], marker, labels)
            how = RIGHT_OF_LABEL
        else:
            how = BELOW_LABEL if marker else GUESS
        name = read_name(tokens, labels, field_words)
        if name and not _a_markers_echo(name[1], labels):
            return name_candidate(continued(layout, block.cells, cell, name[1], labels), how)
    return None


def _a_markers_echo(name: list[Token], labels: list[Label]) -> bool:
    """NAME, without a legal form, is a party marker's words a scan blurred (see markers.echoes_a_marker)."""
    forms = {id(lb.last) for lb in labels if lb.kind == "legal_form"}
    return not any(id(t) in forms for t in name) and echoes_a_marker(name)


def _letterhead_name(layout: Layout, blocks: list[Block], labels: list[Label],
                     field_words: set[int]) -> Candidate | None:
    """The issuer named by a caption or as the owner of the page's brand (see brand.py), else by position:
    in the top quarter of page 1 and outside the customer's block, the first cell with a legal form
    (S.r.l., ...), else the first cell that reads as a name (two words at least: not a logo's initials;
    never on a page that says its brand is a company's); lower on the page, only a name with a legal form."""
    customer_words = {id(t) for b in blocks if b.role == "customer" for c in b.cells for t in c}
    first_page = layout.first_page
    cells = [cell for line in layout.lines if line.page == first_page for cell in line.cells()
             if id(cell[0]) not in customer_words]
    named = labelled_name(layout, cells, labels) or brand_owner(cells, labels, field_words)
    if named:
        return named
    branded = names_an_owner(cells)
    block_cells = {id(c[0]): b.cells for b in blocks for c in b.cells}
    forms = {id(lb.last) for lb in labels if lb.kind == "legal_form"}
    top = [c for c in cells if layout.relative_top(c[0]) <= 0.25]
    with_form = [c for c in cells if any(id(t) in forms for t in c)]
    for group, need_form, how in ((top, True, PATTERN), (top, False, GUESS), (with_form, True, GUESS)):
        if branded and not need_form:
            continue  # the brand heads the page: its owner's name was read past knowing
        for cell in group:
            if need_form and not any(id(t) in forms for t in cell) or not need_form and len(cell) < 2:
                continue
            name = read_name(cell, labels, field_words)
            if name:
                cells = block_cells.get(id(cell[0]))
                tokens = opened_above(cells, cell, continued(layout, cells, cell, name[1], labels), labels, field_words)
                return name_candidate(tokens, how)
    return None


def _identifiers(layout: Layout, labels: list[Label], block_of: dict[int, Block], section_of: dict[int, str],
                 parties: Parties) -> None:
    """P.IVA and codici fiscali, each given to the party whose block holds it; the
    supplier's are first looked for in the block of its name (a footer or a stamp
    may print others, as may an unmarked addressee's block that opens with another
    company's name), a line naming the party counts as its block, and a valid value
    beats one whose check fails. A number in a cell of its own belongs with its caption's
    cell before it, and one captioned by both names ("C.F. e P.IVA") is both."""
    name_block = {role: block_of.get(id(name.tokens[0])) for role in ("supplier", "customer")
                  if (name := getattr(parties, f"{role}_name")) is not None}
    blocks = list({id(b): b for b in block_of.values()}.values())
    customer_words = [t for b in blocks if b.role == "customer" and b.page == layout.first_page for c in b.cells for t in c]
    customer = box_of(customer_words) if customer_words else None
    issuer = name_block.get("supplier")
    issuer_box = box_of([t for c in issuer.cells for t in c]) if issuer is not None else None
    forms = {id(lb.last) for lb in labels if lb.kind == "legal_form"}
    preference: dict[str, tuple[bool, ...]] = {}
    tax_labels = {(lb.line, id(lb.last)) for lb in labels if lb.name == "supplier_tax_code"}
    vat_labels = {(lb.line, id(lb.last)) for lb in labels if lb.name == "supplier_vat"}
    caption_words = {id(lb.last) for lb in labels if lb.name in ("supplier_vat", "supplier_tax_code")}
    both_labels = {(lb.line, id(lb.last)) for lb in labels
                   if lb.name == "supplier_vat" and BOTH_CAPTION_RE.match(text_of(lb.tokens))}
    unmarked: list[Candidate] = []  # the valid P.IVAs on page 1 in no party's block or section
    for line in layout.lines:
        text = line.text
        people = find_tax_codes(text)
        for found in find_vats(text) + people:
            tokens = tokens_in(line.tokens, found.start, found.start + len(found.raw))
            if not tokens:
                continue
            if TRANSMITTER_RE.search(text_of(_caption_words(line, tokens[0]))):
                continue  # the SdI file's sender (an intermediary, FatturaPA's IdTrasmittente): no party's
            block = block_of.get(id(tokens[0]))
            caption = _caption_block(layout, tokens[0], block_of, caption_words)
            customers = (any(b and (b.role == "customer" or _set_under_customer(b, blocks)) for b in (block, caption))
                         or not (block and block.role) and section_of.get(id(tokens[0])) == "customer"
                         or _in_the_documents_data(layout, line, labels))
            role = "customer" if customers else "supplier"
            captions = _captions_before(line, tokens[0], tax_labels | vat_labels)
            label = next(iter(captions), None)
            is_person_code = found in people  # a Swiss CHE...MWST has 16 characters too
            named_both = bool(BOTH_CAPTION_RE.match(text_of(_caption_words(line, tokens[0]))))
            by_tax_caption = (captions and not captions & vat_labels and not named_both
                              and not _blurred_vat_caption(line, tokens[0]))
            kind = "tax_code" if is_person_code or by_tax_caption else "vat"
            if kind == "vat" and not found.valid and label is None:
                continue  # an unlabelled 11-digit number that fails the check is not a P.IVA
            how = RIGHT_OF_LABEL if label else PATTERN
            candidate = Candidate(found.value, found.raw, tokens, confidence_of(tokens) * how, valid=found.valid)
            if (found.valid and found not in people and line.page == layout.first_page
                    and not any(b is not None and b.role for b in (block, caption)) and id(tokens[0]) not in section_of):
                unmarked.append(candidate)
            own = block is not None and block is name_block.get(role) or _names(line, getattr(parties, f"{role}_name"))
            if role == "supplier" and not own and not _placed_with_supplier(layout, tokens[0], block, caption,
                                                                           section_of.get(id(tokens[0])), customer, issuer_box):
                continue
            rank = (found.valid, own, not (role == "supplier" and _another_company(block, name_block.get(role), forms)))
            both = kind == "vat" and (captions & both_labels or captions & tax_labels and captions & vat_labels
                                      or named_both)
            for name in (f"{role}_vat", f"{role}_tax_code") if both else (f"{role}_{kind}",):
                if name not in preference or rank > preference[name]:
                    preference[name] = rank
                    setattr(parties, name, candidate)
    if parties.customer_vat is None:
        parties.customer_vat = _the_other_vat(layout, parties, unmarked)


def _the_other_vat(layout: Layout, parties: Parties, unmarked: list[Candidate]) -> Candidate | None:
    """The customer's P.IVA where no marker or caption read says whose it is ("Spett.le" or "Cessionario" read past
    knowing, the date's caption over a row of the document's data blurred): with the issuer's P.IVA known, the one
    other valid P.IVA page 1 prints in no party's block (UNMARKED), level with the issuer's or under it, or anywhere
    above the footer where the issuer's is printed; a page that prints two others says nothing of which is the customer's,
    nor does one in the footer, the issuer's place (a brand's owner, a group's)."""
    issuer = parties.supplier_vat
    if issuer is None or not issuer.valid:
        return None
    own = {issuer.value, getattr(parties.supplier_tax_code, "value", None)}
    others = {c.value: c for c in unmarked if c.value not in own and layout.relative_top(c.tokens[0]) < FOOTER_TOP}
    if len(others) != 1:
        return None
    other = others.popitem()[1]
    first, height = issuer.tokens[0], issuer.tokens[0].box[3] - issuer.tokens[0].box[1]
    in_footer = layout.relative_top(first) >= FOOTER_TOP  # of any page: a footer prints it on each
    if not in_footer and (first.page != other.page or other.tokens[0].box[1] < first.box[1] - height / 2):
        return None
    return replace(other, confidence=other.confidence * GUESS)


def _in_the_documents_data(layout: Layout, line: Line, labels: list[Label]) -> bool:
    """LINE is the row of the document's own data, right under a strip of captions that holds the date's
    ("Numero | Data | Cod. cliente | Partita IVA" over "001740 04/08/2025 C96517 16017260783", the other
    captions however a scan blurred them), with a date in it: an ERP prints the customer's identifiers there,
    the supplier's in its letterhead or footer."""
    above = line.index - 1
    if above < 0 or layout.lines[above].page != line.page:
        return False
    captions = {lb.name for lb in labels if lb.kind == "field" and lb.line == above}
    return "date" in captions and any(values.date(t.text) for t in line.tokens)


def _placed_with_supplier(layout: Layout, value: Token, block: Block | None, caption: Block | None,
                          section: str | None, customer: Box | None, issuer: Box | None) -> bool:
    """VALUE, in no party's block, stands where a page puts the issuer's identifiers: in a supplier's block or
    section or by a supplier's caption, on page 1 above the CUSTOMER's blocks (their box) or in the column of the
    ISSUER's name (its block's box: a letterhead beside the customer's address), or in the footer. Anywhere else
    (under the customer's marker, in a grid of its values whose captions a scan blurred) nothing says it is the
    issuer's: it is left out rather than given to it. With no customer's block, nothing tells: the issuer's."""
    if customer is None or section == "supplier" or any(b is not None and b.role == "supplier" for b in (block, caption)):
        return True
    in_header = value.box[1] < customer[1] or issuer is not None and overlaps_x(value.box, issuer)
    return value.page == layout.first_page and in_header or layout.relative_top(value) >= FOOTER_TOP


def _caption_block(layout: Layout, value: Token, block_of: dict[int, Block], caption_words: set[int]) -> Block | None:
    """When VALUE's block is no one's and VALUE opens its cell, the block of the nearest cell left of it
    and level with it where that cell ends with a P.IVA's or codice fiscale's caption (CAPTION_WORDS):
    "P.IVA / C.F." in a box, the number typed in the next one, a little off its line; the caption's
    place says whose the number is (another party's value beside it says nothing). A cell of words without
    figures that closes its block is such a caption however a scan blurred it ("PAVAICE." for "P.IVA/C.F."
    under the customer's address)."""
    block = block_of.get(id(value))
    line = layout.lines[value.line]
    if block is None or block.role is not None or not any(cell[0] is value for cell in line.cells()):
        return None
    beside = [cell for near in layout.lines[max(value.line - 1, 0): value.line + 2] if near.page == value.page
              for cell in near.cells() if _left_and_level(box_of(cell), value.box)]
    nearest = max(beside, key=lambda c: box_of(c)[2], default=None)
    home = block_of.get(id(nearest[0])) if nearest else None
    if home is None:
        return None
    closing = home.cells[-1][0] is nearest[0] and not any(ch.isdigit() for t in nearest for ch in t.text)
    return home if id(nearest[-1]) in caption_words or closing else None


def _left_and_level(box: Box, value: Box) -> bool:
    """BOX ends left of VALUE and shares some of its height."""
    return box[2] <= value[0] and box[1] < value[3] and box[3] > value[1]


# A caption that names one number by both its names: "C.F. e P.IVA", "P.IVA/C.F.", "CF/PI", and as a scan leaves
# it, its periods lost or read as commas, the I of P.I. as a 1, an l, a J or a bar: "C.F e P.IVA", "C.F, e P.IVA",
# "C.F./P.1."; its "e" or slash glued to the P or read as a letter ("CF ePIVA", "CF.eP.JVA", "C.F UPI.", "CF JP"),
# and what follows its P lost ("CF JP 4."): after a codice fiscale's caption, a P that opens no word of its own
# ("Prov.") is the P.IVA's.
BOTH_CAPTION_RE = re.compile(r"(?=.*\b(?:c\.?\s?f\b|cod))"
                             r"(?=.*(?:(?:\b|(?<=[/|jeu]))p(?:\.?\s?[i1lj|](?:\b|\.?\s?va)|\b)|\bpartita))",
                             re.IGNORECASE)


def _caption_words(line: Line, value: Token) -> list[Token]:
    """The few words before VALUE in its cell, back to the previous figure: "Partita IVA e Codice Fiscale 0210..."
    names one number by both; or, VALUE opening its cell, the cell before it when that holds no figure, as a grid
    of captions and values prints it ("Codice fiscale | 0210..."). A lone digit is no figure such a caption names
    but what a scan left of its "e" or of a letter ("PIVA 6 C.F. 3065...", "C.F./P.1. 7336...")."""
    before = line.tokens[:line.tokens.index(value)][-MAX_CAPTION_WORDS:]
    words: list[Token] = []
    for token in reversed(before):
        if token.cell != value.cell or sum(ch.isdigit() for ch in token.text) > 1:
            break
        words.insert(0, token)
    if words or not before:
        return words
    caption = [t for t in before if t.cell == before[-1].cell]  # VALUE opens its cell: the cell before captions it
    return caption if not any(ch.isdigit() for t in caption for ch in t.text) else []


def _captions_before(line: Line, value: Token, captions: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The CAPTIONS that end on the caption words before VALUE (see `_caption_words`)."""
    return {(line.index, id(token)) for token in _caption_words(line, value) if (line.index, id(token)) in captions}


# What a scan leaves of the "P.I." of "C.F./P.I.", alone or still glued to its "C.F./": "IP.", "/P", "P.1", "P:1.",
# "C.F./P.).", "C.F./P.J.", "CF_/P.).", "C.F./P.." (its I lost between its periods)
BLURRED_VAT_CAPTION_RE = re.compile(r"^(?:C\.?F[._]?\s?)?[/|I1l]{0,2}P[.:,]?(?:[I1lJ|)\]]?[.:,]?)?$", re.IGNORECASE)


def _blurred_vat_caption(line: Line, value: Token) -> bool:
    """The word just before VALUE, in its cell, is what a scan left of a P.IVA caption."""
    before = line.tokens[:line.tokens.index(value)]
    return bool(before) and before[-1].cell == value.cell and bool(BLURRED_VAT_CAPTION_RE.match(before[-1].text))


def _names(line: Line, name: Candidate | None) -> bool:
    """The line prints NAME ("Rossi S.r.l. - P.IVA ..." in a footer): its identifiers are that party's."""
    return name is not None and bool(name.raw) and name.raw.casefold() in line.text.casefold()


def _another_company(block: Block | None, own: Block | None, forms: set[int]) -> bool:
    """BLOCK opens with a company's name (a legal form) and is not the block of the
    party's own name: an unmarked addressee's block, whose P.IVA is not the issuer's."""
    return block is not None and block is not own and any(id(t) in forms for t in block.cells[0])


def _set_under_customer(block: Block, blocks: list[Block]) -> bool:
    """BLOCK, with no role of its own, stands just under the customer's block, starting where its last line
    starts or inside its width (its P.IVA line set a little apart from the address, or typed in a box whose
    caption a scan read past knowing: "SNATCE" for "P.IVA")."""
    if block.role is not None:
        return False
    top = box_of(block.cells[0])
    for other in blocks:
        if other.role != "customer" or other.page != block.page:
            continue
        bottom, width = box_of(other.cells[-1]), box_of([t for cell in other.cells for t in cell])
        height = max(bottom[3] - bottom[1], 6.0)
        inside = width[0] <= top[0] and top[2] <= width[2]
        if (0 <= top[1] - bottom[3] < UNDER_CUSTOMER * height and overlaps_x(top, bottom)
                and (abs(top[0] - bottom[0]) < 2 * height or inside)):
            return True
    return False


def _company_tax_code(parties: Parties, role: str) -> None:
    """An Italian company's codice fiscale is, as a rule, its 11-digit P.IVA: when the
    document prints only the P.IVA of a company (a name with a legal form),
    that is its codice fiscale too, with less confidence."""
    vat = getattr(parties, f"{role}_vat")
    if (getattr(parties, f"{role}_tax_code") is None and vat is not None and vat.valid and vat.value.isdigit()
            and role in parties.companies):  # a foreign VAT number is no codice fiscale
        setattr(parties, f"{role}_tax_code", Candidate(vat.value, vat.raw, vat.tokens, vat.confidence * 0.8))


def _misread_against_the_other(parties: Parties, role: str) -> None:
    """A party's P.IVA and its 11-digit codice fiscale, one read with its check failed and one figure apart from the
    other, valid: the same number (a company's codice fiscale is its P.IVA as a rule), one figure misread by the
    scan ("IT81719550016" by "Codice fiscale 61719550016"). The valid reading stands for both, with less confidence;
    two numbers further apart are two numbers, and the one that fails stays unproved."""
    vat, tax_code = getattr(parties, f"{role}_vat"), getattr(parties, f"{role}_tax_code")
    if vat is None or tax_code is None or vat.valid == tax_code.valid or not vat.value.isdigit():
        return
    right, name = (vat, f"{role}_tax_code") if vat.valid else (tax_code, f"{role}_vat")
    wrong = getattr(parties, name)
    if one_character_apart(right.value, wrong.value):
        setattr(parties, name, replace(wrong, value=right.value, confidence=wrong.confidence * GUESS, valid=True))


def party_fields(parties: Parties, names: tuple[str, ...] = PARTY_FIELDS) -> dict[str, Field]:
    """The parties found, as fields named NAMES (a subset of PARTY_FIELDS). On a scan a P.IVA or codice fiscale
    whose check fails is none: the OCR misread it (a text layer prints what the issuer typed, and keeps it, its
    check failed), no single digit is proved, and a wrong value emitted costs as much as one lost."""
    return {name: to_field(found) for name in names
            if (found := getattr(parties, name)) is not None and (found.valid or not parties.scanned)}
