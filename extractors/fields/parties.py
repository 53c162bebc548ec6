"""Who issued the document and who it is addressed to.

The issuer is never the addressee. Words are grouped into blocks (address
blocks: cells on consecutive lines, aligned); a block opened by a customer
marker ("Spett.le", "Cessionario/Committente", "Destinatario", "Cliente", ...)
is the customer's, one opened by a supplier marker ("Fornitore", "Mittente",
"Cedente/Prestatore") the supplier's. Without a supplier marker the issuer is
the letterhead: the first company name at the top of the first page that is
not in the customer's block. P.IVA and codice fiscale belong to the party
whose block they are in; outside any customer block they are the issuer's.
A letter's greeting ("Gentile Cliente,") marks no block, a surname that reads
like a marker ("Gentile S. & C.") is a name, and a letter without any marker is
addressed to the block that carries an address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from demat.extractors.fields.identifiers import find_tax_codes, find_vats
from demat.extractors.fields.labels import BELOW_LABEL, GUESS, PATTERN, RIGHT_OF_LABEL, Candidate, Label, to_field, tokens_in
from demat.extractors.fields.layout import TALLER, Layout, Line, Token, box_of, confidence_of, overlaps_x, text_of
from demat.extractors.fields.markers import blurred_markers
from demat.extractors.fields.patterns import patterns
from demat.kernel.document import Field
from demat.kernel.schema import SCHEMA

NOT_A_NAME_RE = re.compile(r"^(?:(?:via|viale|piazza|p\.za|corso|c\.so|largo|vicolo|strada|loc|località|sede|tel|telefono|fax|"
                           r"e-?mail|pec|www|cap|cod|codice|partita|p\.\s?iva|c\.f)\b|\d)", re.IGNORECASE)


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


# A street, or a CAP and a town: the line that makes a block an address.
ADDRESS_RE = re.compile(r"^(?:via|viale|piazza|p\.za|corso|c\.so|largo|vicolo|strada|località|loc\.)\b"
                        r"|\b\d{5}\s+[A-ZÀ-Ý]", re.IGNORECASE)
# "Gentile S. & C. S.a.s.": a surname that reads like a marker, then an initial and "& C.".
INITIAL_RE = re.compile(r"^[A-ZÀ-Ý]\.$")
# The words of a customer marker that names where the goods go rather than whom the document is made out to.
DELIVERY_RE = re.compile(r"destinazione|consegn|spedi|recapito|\bship\b|liefer|livraison|leverings", re.IGNORECASE)
# The FatturaPA's names of the two parties, which its courtesy copies print as section headings.
FATTURAPA_ROLES = {"cedente", "prestatore", "cessionario", "committente"}
# A party's section ends where a gap wider than this many line heights opens.
SECTION_GAP = 3.0
# How many words before an identifier may caption it ("Partita IVA e Codice Fiscale").
MAX_CAPTION_WORDS = 6
# A name's second line, printed large, may stand this many of its heights below the first.
NAME_SPACING = 2.0
# Words that join the two lines of a legal name ("Rossi S.a.s." / "di Rossi Mario & C.").
CONNECTORS = {"di", "de", "del", "della", "&", "e"}
# How the second line of a legal name opens ("di Fontana Silvia & C."): never a name of its own.
SECOND_LINE_OPENINGS = {"di", "del", "della"}
# Words that introduce a name but are none ("Spett.le Società", "Alla Ditta").
TITLES = {"società", "ditta", "azienda", "impresa", "studio", "sig.", "sig.ra", "sigg.", "signor", "signora", "dott.",
          "dott.ssa", "ing.", "avv.", "rag.", "geom.", "spett.le", "egr.", "gent.mo", "gent.ma", "cliente"}


def find_parties(layout: Layout, labels: list[Label]) -> Parties:
    labels = labels + blurred_markers(layout, labels)
    labels = [lb for lb in labels
              if not (lb.kind == "party" and (_starts_a_name(layout, lb) or _greeting(layout, lb))
                      or lb.kind == "legal_form" and _unit_before_a_figure(layout, lb))]
    blocks = _blocks(layout)
    block_of = {id(t): b for b in blocks for cell in b.cells for t in cell}
    for label in labels:
        if label.kind == "party":
            block = block_of[id(label.first)]
            cell = next(c for c in block.cells if label.first in c)
            if cell[0] is label.first and block.role is None:
                block.role, block.marker = label.name, label
                under = _block_under_caption(blocks, block, cell) or _block_beside_caption(layout, blocks, block, cell)
                if under is not None and under.role is None:
                    under.role, under.marker = label.name, label
    parties = Parties()
    field_words = {id(t) for lb in labels if lb.kind in ("field", "party") for t in lb.tokens}
    sections = _sections(layout, labels)
    for role in ("supplier", "customer"):
        ordered = sorted((b for b in blocks if b.role == role), key=_for_delivery)
        names = (_name_in_block(layout, b, labels, field_words) for b in ordered)
        named = next((n for n in names if n), None)
        setattr(parties, f"{role}_name", named or _section_name(layout, sections.get(role, []), labels, field_words))
    if parties.supplier_name is None:
        parties.supplier_name = _letterhead_name(layout, blocks, labels, field_words)
    forms = {id(lb.last) for lb in labels if lb.kind == "legal_form"}
    for role in ("supplier", "customer"):
        name = getattr(parties, f"{role}_name")
        if name and id(name.tokens[-1]) in forms:
            parties.companies.add(role)
    section_of = {id(t): role for role, cells in sections.items() for cell in cells for t in cell}
    _identifiers(layout, labels, block_of, section_of, parties)
    for role in ("supplier", "customer"):
        _company_tax_code(parties, role)
    return parties


def _starts_a_name(layout: Layout, label: Label) -> bool:
    """A marker word followed in its cell by an initial and "&" is the surname of a partnership."""
    tokens = layout.lines[label.line].tokens
    rest = [t.text for t in tokens[tokens.index(label.last) + 1:] if t.cell == label.last.cell][:2]
    return len(rest) == 2 and bool(INITIAL_RE.match(rest[0])) and rest[1] in ("&", "e")


def _unit_before_a_figure(layout: Layout, label: Label) -> bool:
    """A legal form of two letters and no period followed in its cell by a figure is a unit or a code:
    "PANE KG 0,5" on a receipt, not a company "Pane KG"."""
    tokens = layout.lines[label.line].tokens
    after = tokens.index(label.last) + 1
    return (label.first is label.last and len(label.last.text) <= 2 and after < len(tokens)
            and tokens[after].cell == label.last.cell and tokens[after].text[:1].isdigit())


def _greeting(layout: Layout, label: Label) -> bool:
    """"Gentile Cliente," "Egregi Signori,": the salutation opening a letter's body, not an address."""
    cell = [t for t in layout.lines[label.line].tokens if t.cell == label.last.cell]
    return cell[0] is label.first and len(cell) <= 4 and cell[-1].text.endswith(",")


def address_block_name(layout: Layout, labels: list[Label], issuer: Candidate | None) -> Candidate | None:
    """The addressee of a letter without a marker: the first name on page 1 that
    opens a block with an address line (street or CAP and town), outside the issuer's block."""
    blocks = _blocks(layout)
    first_page = min((ln.page for ln in layout.lines), default=1)
    issuer_words = {id(t) for t in issuer.tokens} if issuer else set()
    field_words = {id(t) for lb in labels if lb.kind in ("field", "party") for t in lb.tokens}
    for block in blocks:
        words = [t for cell in block.cells for t in cell]
        if block.page != first_page or len(block.cells) < 2 or any(id(t) in issuer_words for t in words):
            continue
        if not any(ADDRESS_RE.search(text_of(cell)) for cell in block.cells[1:]):
            continue
        name = _name(block.cells[0], labels, field_words)
        if name:
            return _candidate(name[1], GUESS)
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


def _sections(layout: Layout, labels: list[Label]) -> dict[str, list[list[Token]]]:
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


def _section_name(layout: Layout, cells: list[list[Token]], labels: list[Label],
                  field_words: set[int]) -> Candidate | None:
    """The party's name in its section: after "Denominazione", else the first company
    name (a legal form) there."""
    named = _labelled_name(layout, cells, labels, beside=True)
    if named or not cells:
        return named
    forms = {id(lb.last) for lb in labels if lb.kind == "legal_form"}
    for cell in cells:
        name = _name(cell, labels, field_words) if any(id(t) in forms for t in cell) else None
        if name:
            return _candidate(name[1], BELOW_LABEL)
    return None


def _block_under_caption(blocks: list[Block], block: Block, cell: list[Token]) -> Block | None:
    """A marker alone at the end of its block ("DESTINATARIO" as a box's title)
    heads the block just below it, even a little further down than a line."""
    if cell is not block.cells[-1] or len(cell) > 4:
        return None
    box = box_of(cell)
    height = max(box[3] - box[1], 6.0)
    for other in blocks:
        first = box_of(other.cells[0])
        if (other is not block and other.page == block.page and 0 <= first[1] - box[3] < 3 * height
                and overlaps_x(first, box)):
            return other
    return None


def _block_beside_caption(layout: Layout, blocks: list[Block], block: Block, cell: list[Token]) -> Block | None:
    """A marker alone in its block and its cell ("Cessionario/Committente" in a column of
    captions) heads the block that opens in the next cell of its line."""
    if len(block.cells) > 1 or len(cell) > 4:
        return None
    line = layout.lines[cell[0].line].cells()
    beside = next((after for c, after in zip(line, line[1:]) if c[0] is cell[0]), None)
    return next((b for b in blocks if beside is not None and b.cells[0][0] is beside[0]), None)


def _for_delivery(block: Block) -> bool:
    """The block is where the goods go ("Luogo di destinazione", "Ship to"), not whom the
    document is made out to: its name is the customer's only when no other block names it."""
    return block.marker is not None and bool(DELIVERY_RE.search(text_of(block.marker.tokens)))


def _name_in_block(layout: Layout, block: Block, labels: list[Label], field_words: set[int]) -> Candidate | None:
    """The name after "Denominazione" in the block, else its first line that reads
    as a name, after its marker."""
    named = _labelled_name(layout, block.cells, labels)
    if named:
        return named
    marker = block.marker
    start = next((i for i, cell in enumerate(block.cells) if marker and marker.first in cell), 0)
    for cell in block.cells[start:]:
        tokens = list(cell)
        if marker and marker.first in tokens:
            tokens = _after_translation(tokens[tokens.index(marker.last) + 1:], marker, labels)
            how = RIGHT_OF_LABEL
        else:
            how = BELOW_LABEL if marker else GUESS
        name = _name(tokens, labels, field_words)
        if name:
            return _candidate(_continued(layout, block, cell, name[1], labels), how)
    return None


def _after_translation(tokens: list[Token], marker: Label, labels: list[Label]) -> list[Token]:
    """TOKENS past the marker's translation that a bilingual page prints after a slash ("Cliente / Customer:")."""
    if len(tokens) < 2 or tokens[0].text != "/":
        return tokens
    translation = next((lb for lb in labels if lb.first is tokens[1] and lb.kind == "party" and lb.name == marker.name),
                       None)
    return tokens[tokens.index(translation.last) + 1:] if translation else tokens


def _labelled_name(layout: Layout, cells: list[list[Token]], labels: list[Label],
                   beside: bool = False) -> Candidate | None:
    """"Denominazione: Rossi S.r.l.", as the courtesy copy of a FatturaPA prints it, or
    with BESIDE (inside a party's section) "Denominazione | Rossi S.r.l.", the name in
    the next cell of the line."""
    for label in labels:
        for cell in cells:
            if label.name == "party_name" and label.first is cell[0]:
                tokens = [t for t in cell[cell.index(label.last) + 1:] if t.text not in (":", "-", "–")]
                if not tokens and beside and label.last is cell[-1]:
                    line = layout.lines[label.line].cells()
                    tokens = next((after for c, after in zip(line, line[1:]) if c[0] is cell[0]), [])
                if tokens:
                    return _candidate(tokens, RIGHT_OF_LABEL)
    return None


def _candidate(tokens: list[Token], how: float) -> Candidate:
    printed = text_of(tokens).strip(" :-")
    raw = printed.strip(" ,;")
    return Candidate(_closing_period(_misread_form(_read_again(printed), tokens), tokens), raw, tokens,
                     confidence_of(tokens) * how)


# What OCR makes of the l of "S.r.l." and "F.lli": I, i, 1, | (no word is spelt so); of its S: $.
MISREAD_L_RE = re.compile(r"(?:\b|(?<!\S))([Ss$]\.\s?[Rr]\.\s?)[Ii1|l](?=[.,]|\s|$)|\b(F\.)[I1|][I1|l]i\b")
# "srl" closing a name with its l read as i, t, 1 or |: "sri", "SRT" (no Italian name ends so).
MISREAD_SRL_RE = re.compile(r"\b([Ss][Rr])[IiTt1|]$")
# A colon or comma that OCR put for the space before a dotted legal form: "BELLINI-FARINA:S.R.L.".
GLUED_FORM_RE = re.compile(r"(?<=[^\W\d_])[:;,](?=(?:[^\W\d_]\.){2,}(?:[^\W\d_]\.?)?$)")
# A speck read after the connector of a two-line name: "S.A.S. DI. BELLINI ENRICO & C.".
STRAY_AFTER_CONNECTOR_RE = re.compile(r"(?<=\s)(di|de|del|della)[.,:;](?=\s)", re.IGNORECASE)
# The end of a name that is a dotted abbreviation without its last period: "S.R.L", "S.p.A", "S.r.l.s".
DOTTED_FORM_END_RE = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){1,3}[^\W\d_]$")
# The period of an abbreviation read as a comma ("s.r.l,", "S.A.S, DI ...") or, at the end, as specks ("Ltd...").
MISREAD_PERIOD_RE = re.compile(r"(?<=\.[^\W\d_])[,;](?=\s|$)|(?<=\w)\.{2,}$")


def _read_again(name: str) -> str:
    """The name with "S.r.I.", "s.r.i.", "$.r.1." and "F.Ili" read as the "S.r.l.", "s.r.l." and "F.lli"
    they are, a closing "srt" or "sri" as "srl", "S.r.l," or "Ltd..." as the "S.r.l." and "Ltd." they are,
    "FARINA:S.R.L." as "FARINA S.R.L." and "S.A.S. DI. BELLINI" as "S.A.S. DI BELLINI"."""
    name = MISREAD_L_RE.sub(lambda m: f"{m.group(1).replace('$', 'S')}l" if m.group(1) else f"{m.group(2)}lli", name)
    name = MISREAD_SRL_RE.sub(lambda m: m.group(1) + ("L" if m.group(1).isupper() else "l"), name)
    name = GLUED_FORM_RE.sub(" ", STRAY_AFTER_CONNECTOR_RE.sub(r"\1", name))
    return MISREAD_PERIOD_RE.sub(".", name).rstrip(" ,;")


# A word of a name after its first printed as a dotted abbreviation (a period or comma between its letters):
# "S.rl.", "S.A,S.", "$.a.s.".
DOTTED_WORD_RE = re.compile(r"(?<=\s)(?:[^\W\d_]|\$)[.,](?:[^\W\d_]|[1|.,]){2,9}(?=\s|$)")
# What OCR makes of an l: I, 1, |.
L_LOOK_ALIKES = "I1|"


def _misread_form(name: str, tokens: list[Token]) -> str:
    """In an OCR'd name, a dotted legal form read with a period lost, a comma for one or one letter
    wrong ("S.rl.", "S.rI.", "S.A,S.") or a $ for its S ("$.a.s.") is the one legal form it is nearest to."""
    if not tokens or tokens[-1].confidence >= 1.0:
        return name
    return DOTTED_WORD_RE.sub(lambda word: _nearest_form(word.group(0)) or word.group(0), name)


def _nearest_form(printed: str) -> str | None:
    """The dotted legal form whose letters are PRINTED's (I, 1, | read as l), else the one form a letter
    apart from them and no other; in PRINTED's case. None where PRINTED is a form or near none or two."""
    printed, dollar = printed.replace("$", "S"), "$" in printed
    if dollar and printed.lower() in patterns().legal_forms:
        return printed
    letters = [ch for ch in printed if ch.isalpha() or ch in L_LOOK_ALIKES]
    read = "".join("l" if ch in L_LOOK_ALIKES else ch.lower() for ch in letters)
    forms = _dotted_forms().get(len(read), [])
    if len(read) < 3 or printed.lower() in patterns().legal_forms:
        return None
    alike = [f for f in forms if f == read] or [f for f in forms if sum(a != b for a, b in zip(f, read)) == 1]
    if len(alike) != 1:
        return None
    cased = [ch.upper() if (letters[i - 1] if letters[i] in L_LOOK_ALIKES else letters[i]).isupper() else ch
             for i, ch in enumerate(alike[0])]
    return "".join(f"{ch}." for ch in cased)


@lru_cache(maxsize=1)
def _dotted_forms() -> dict[int, list[str]]:
    """The letters of each legal form written as single letters with periods ("s.r.l." is "srl"), by their
    number; the forms listed as OCR misreads them ("s.r.i.") are left out."""
    forms: dict[int, list[str]] = {}
    for form in sorted({_read_again(form) for form in patterns().legal_forms}):
        if re.fullmatch(r"(?:[^\W\d_]\.){3,}", form):
            forms.setdefault(len(form) // 2, []).append(form.replace(".", ""))
    return forms


def _closing_period(name: str, tokens: list[Token]) -> str:
    """A dotted legal form that closes the name without its last period ("S.R.L:", "S.p.A") gets it
    back when the form with it is one of the legal forms: only where OCR read the word (a printed
    text spells the form as its issuer does) or read the period as a colon."""
    last = tokens[-1].text if tokens else ""
    form = DOTTED_FORM_END_RE.search(name)
    if not form or (tokens[-1].confidence >= 1.0 and not last.endswith((":", ";"))):
        return name
    dotted = form.group(0) + "."
    return name + "." if dotted.lower() in patterns().legal_forms else name


def _continued(layout: Layout, block: Block | None, cell: list[Token], tokens: list[Token],
               labels: list[Label]) -> list[Token]:
    """A legal name without its legal form takes the form set apart beside it. It goes on to
    the next line of its block (or, printed large and widely spaced, to the cell just under it)
    when that line ends the name with a legal form and starts with one too ("S.P.A.",
    "S.A.S. DI FONTANA SILVIA & C.") or in lower case or with a connector ("di Fontana Silvia & C.",
    "DI FABBRI ZENO & C.", a scan's "DI." too)."""
    if tokens[-1] is not cell[-1]:
        return tokens
    forms = [lb for lb in labels if lb.kind == "legal_form"]
    beside = _form_beside(layout, cell, forms)
    if beside and not any(lb.last in tokens for lb in forms):
        return tokens + beside
    in_block = block is not None and cell in block.cells and block.cells.index(cell) + 1 < len(block.cells)
    following = block.cells[block.cells.index(cell) + 1] if in_block else _cell_under(layout, tokens)
    if following is None:
        return tokens
    if any(lb.last is following[-1] for lb in forms) and (
            any(lb.first is following[0] for lb in forms) or following[0].text[:1].islower()
            or following[0].text.lower().rstrip(".,:;") in CONNECTORS):
        return tokens + following
    return tokens


def _form_beside(layout: Layout, cell: list[Token], forms: list[Label]) -> list[Token] | None:
    """The next cell of CELL's line when it is a legal form alone, set a few letters apart
    ("Ferri & Figli    Spa", as a scan spaces a name out)."""
    line = layout.lines[cell[0].line].cells()
    after = next((b for a, b in zip(line, line[1:]) if a[0] is cell[0]), None)
    if after is None or not any(lb.first is after[0] and lb.last is after[-1] for lb in forms):
        return None
    height = max(box_of(cell)[3] - box_of(cell)[1], 6.0)
    return after if box_of(after)[0] - box_of(cell)[2] < 3 * height else None


def _cell_under(layout: Layout, name: list[Token]) -> list[Token] | None:
    """The cell on the next line that starts where NAME starts (right of a logo's letters that open its
    cell), at most NAME_SPACING of its heights below."""
    box = box_of(name)
    height = max(box[3] - box[1], 6.0)
    for line in layout.lines[name[0].line + 1: name[0].line + 3]:
        if line.page != name[0].page or line.top - box[3] > NAME_SPACING * height:
            return None
        under = next((c for c in line.cells() if abs(box_of(c)[0] - box[0]) < height), None)
        if under:
            return under
    return None


def _letterhead_name(layout: Layout, blocks: list[Block], labels: list[Label],
                     field_words: set[int]) -> Candidate | None:
    """The issuer by position: in the top quarter of page 1 and outside the
    customer's block, the first cell with a legal form (S.r.l., ...), else the
    first cell that reads as a name (two words at least: not a logo's initials);
    lower on the page, only a name with a legal form."""
    customer_words = {id(t) for b in blocks if b.role == "customer" for c in b.cells for t in c}
    first_page = min((ln.page for ln in layout.lines), default=1)
    cells = [cell for line in layout.lines if line.page == first_page for cell in line.cells()
             if id(cell[0]) not in customer_words]
    named = _labelled_name(layout, cells, labels)
    if named:
        return named
    block_of = {id(c[0]): b for b in blocks for c in b.cells}
    forms = {id(lb.last) for lb in labels if lb.kind == "legal_form"}
    top = [c for c in cells if layout.relative_top(c[0]) <= 0.25]
    with_form = [c for c in cells if any(id(t) in forms for t in c)]
    for group, need_form, how in ((top, True, PATTERN), (top, False, GUESS), (with_form, True, GUESS)):
        for cell in group:
            if need_form and not any(id(t) in forms for t in cell) or not need_form and len(cell) < 2:
                continue
            name = _name(cell, labels, field_words)
            if name:
                return _candidate(_continued(layout, block_of.get(id(cell[0])), cell, name[1], labels), how)
    return None


def _name(tokens: list[Token], labels: list[Label], field_words: set[int]) -> tuple[str, list[Token]] | None:
    """A name from a cell: ends with the legal form when there is one; not an address,
    not a label line, not a bare number."""
    tokens = [t for t in tokens if t.text not in (":", "-", "–", "|")]  # a box's rule read as "|" too
    forms = [tokens.index(lb.last) for lb in labels if lb.kind == "legal_form" and lb.last in tokens]
    if not tokens or not forms and any(id(t) in field_words for t in tokens[:2]):
        return None  # "Fattura n. ...", "P.IVA ...": a label line, unless it names a company
    text = text_of(tokens)
    if NOT_A_NAME_RE.match(text) or sum(c.isalpha() for c in text) < 3:
        return None
    if all(t.text.lower() in TITLES or not t.text[:1].isupper() for t in tokens):
        return None  # "Società", "della fornitura": a title or words, no name
    if is_document_title(text):
        return None  # "NOTA SPESE", "ESTRATTO CONTO": the document's title at the top, no one's name
    if tokens[0].text in SECOND_LINE_OPENINGS:
        return None  # "di Fabbri Enrico & C.": the second line of a legal name, whose first a scan misread
    if forms:
        tokens = tokens[:max(forms) + 1]  # "Rossi G. & C. S.n.c." ends at the last form
        if any(lb.kind == "legal_form" and lb.first is tokens[0] for lb in labels):
            return None  # "S.P.A." alone: the end of a name printed on the line above
    if _initials_of(tokens[0].text, tokens[1:]) or _logo(tokens):
        tokens = tokens[1:]  # "FMT Fontana Meccanica Torino S.r.l.": the logo's letters, then the name
    name = text_of(tokens).strip(" ,;:-")
    return name, tokens


def _words(text: str) -> str:
    """TEXT's words alone, lower case, one space apart: "Nota spese -" is "nota spese"."""
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


# The headings that name a type of document (kernel/schema.toml): a document's title, never a party's name.
DOCUMENT_TITLES = frozenset(_words(title) for doc_type in SCHEMA.types.values() for title in doc_type.all_titles)


def is_document_title(text: str) -> bool:
    """TEXT is a heading that names a type of document ("NOTA SPESE", "Curriculum vitae"), no one's name."""
    return _words(text) in DOCUMENT_TITLES


def _logo(tokens: list[Token]) -> bool:
    """The first of TOKENS is a few capitals printed far taller than every word after it: a logo's letters
    beside the name, which may stand for words of its second line too ("EPP" of "Elettromeccanica
    Pellegrini S.a.s. / di Pellegrini Noemi & C."), and whose frame a scan may read as a bar glued to them."""
    word = tokens[0].text.strip("|[]")
    height = tokens[0].box[3] - tokens[0].box[1]
    return (len(tokens) > 2 and 2 <= len(word) <= 5 and word.isalpha() and word.isupper()
            and all(height > TALLER * (t.box[3] - t.box[1]) for t in tokens[1:]))


def _initials_of(word: str, rest: list[Token]) -> bool:
    """WORD is the capitals that the words of REST start with ("FMT" of "Fontana Meccanica Torino")."""
    capitals = "".join(t.text[0] for t in rest if t.text[:1].isupper())
    return 2 <= len(word) <= 5 and word.isalpha() and word.isupper() and capitals.startswith(word)


def _identifiers(layout: Layout, labels: list[Label], block_of: dict[int, Block], section_of: dict[int, str],
                 parties: Parties) -> None:
    """P.IVA and codici fiscali, each given to the party whose block holds it; the
    supplier's are first looked for in the block of its name (a footer or a stamp
    may print others, as may an unmarked addressee's block that opens with another
    company's name), a line naming the party counts as its block, and a valid value
    beats one whose check fails."""
    name_block = {role: block_of.get(id(name.tokens[0])) for role in ("supplier", "customer")
                  if (name := getattr(parties, f"{role}_name")) is not None}
    blocks = list({id(b): b for b in block_of.values()}.values())
    forms = {id(lb.last) for lb in labels if lb.kind == "legal_form"}
    preference: dict[str, tuple[bool, ...]] = {}
    tax_labels = {(lb.line, id(lb.last)) for lb in labels if lb.name == "supplier_tax_code"}
    vat_labels = {(lb.line, id(lb.last)) for lb in labels if lb.name == "supplier_vat"}
    for line in layout.lines:
        text = line.text
        people = find_tax_codes(text)
        for found in find_vats(text) + people:
            tokens = tokens_in(line.tokens, found.start, found.start + len(found.raw))
            if not tokens:
                continue
            block = block_of.get(id(tokens[0]))
            customers = (block and (block.role == "customer" or _set_under_customer(block, blocks))
                         or not (block and block.role) and section_of.get(id(tokens[0])) == "customer")
            role = "customer" if customers else "supplier"
            captions = _captions_before(line, tokens[0], tax_labels | vat_labels)
            label = next(iter(captions), None)
            is_person_code = found in people  # a Swiss CHE...MWST has 16 characters too
            by_tax_caption = captions and not captions & vat_labels and not _blurred_vat_caption(line, tokens[0])
            kind = "tax_code" if is_person_code or by_tax_caption else "vat"
            if kind == "vat" and not found.valid and label is None:
                continue  # an unlabelled 11-digit number that fails the check is not a P.IVA
            how = RIGHT_OF_LABEL if label else PATTERN
            candidate = Candidate(found.value, found.raw, tokens, confidence_of(tokens) * how, valid=found.valid)
            own = block is not None and block is name_block.get(role) or _names(line, getattr(parties, f"{role}_name"))
            rank = (found.valid, own, not (role == "supplier" and _another_company(block, name_block.get(role), forms)))
            name = f"{role}_{kind}"
            if name not in preference or rank > preference[name]:
                preference[name] = rank
                setattr(parties, name, candidate)


def _captions_before(line: Line, value: Token, captions: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The CAPTIONS that end on the few words before VALUE in its cell, back to the previous
    figure: "Partita IVA e Codice Fiscale 0210..." names one number by both."""
    before = line.tokens[:line.tokens.index(value)][-MAX_CAPTION_WORDS:]
    found = set()
    for token in reversed(before):
        if token.cell != value.cell or any(ch.isdigit() for ch in token.text):
            break
        if (line.index, id(token)) in captions:
            found.add((line.index, id(token)))
    return found


# What a scan leaves of the "P.I." of "C.F./P.I.", alone or still glued to its "C.F./": "IP.", "/P", "P.1", "P:1.",
# "C.F./P.)."
BLURRED_VAT_CAPTION_RE = re.compile(r"^(?:C\.?F\.?\s?)?[/|I1l]{0,2}P[.:,]?(?:[I1l|)\]][.:,]?)?$", re.IGNORECASE)


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
    """BLOCK, with no role of its own, stands just under the customer's block and
    within its width (its P.IVA line set a little apart from the address)."""
    if block.role is not None:
        return False
    top = box_of(block.cells[0])
    for other in blocks:
        if other.role != "customer" or other.page != block.page:
            continue
        bottom = box_of(other.cells[-1])
        height = max(bottom[3] - bottom[1], 6.0)
        if 0 <= top[1] - bottom[3] < 3 * height and overlaps_x(top, bottom) and abs(top[0] - bottom[0]) < 2 * height:
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


def party_fields(parties: Parties, names: tuple[str, ...] = PARTY_FIELDS) -> dict[str, Field]:
    """The parties found, as fields named NAMES (a subset of PARTY_FIELDS)."""
    return {name: to_field(getattr(parties, name)) for name in names if getattr(parties, name) is not None}
