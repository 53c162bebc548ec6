"""The fields every document has: date and issuer (for cv, contratto, ... or an unknown type)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from demat.extractors.fields import values
from demat.extractors.fields.dates import find_dates, one_reading, slipped_dates
from demat.extractors.fields.labels import BELOW_LABEL, GUESS, Candidate, Label, Parser, candidate_from_line, put
from demat.extractors.fields.layout import caption_row, confidence_of
from demat.extractors.fields.number import document_number
from demat.extractors.fields.parties import party_fields
from demat.extractors.fields.patterns import letters, patterns
from demat.extractors.fields.reading import Reading
from demat.kernel.document import Field

# The labels of dates that are not the document's: its due date, a delivery's, a birth's ("ignore").
OTHER_DATES = ("due_date", "ignore")
# The words of a caption that name another document than an invoice: it prints its order's, its DDT's and its
# contract's numbers and dates ("Data ordine", "DDT n. 118 del ...") beside its own, an order, a DDT or a
# contract its own under the same words.
OTHER_DOCUMENTS = frozenset({"ddt", "ordine", "preventivo", "offerta", "contratto"})
# The captions that say no more than "date": a word after one says whose date it is ("Data registrazione",
# "Data ricevimento", "Date of delivery"), and it is no longer the document's.
BARE_DATE_CAPTIONS = frozenset({"data", "date", "datum", "fecha"})
QUALIFIER_LETTERS = 4  # shorter words after a bare caption ("Data e ora", "Date of") say whose date it is not
# "Milano, 14 marzo 2024": the place and date line of letters and signed forms.
PLACE_DATE_RE = re.compile(r"^\s*[A-ZÀ-Ý][\w'À-ÿ. ]{1,40},\s*(?:lì|li|il)?\s*(?=\d)")


def extract(reading: Reading) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    put(fields, "date", issue_date(reading, place_first=True))
    fields.update(party_fields(reading.parties, ("supplier_name", "supplier_vat", "customer_name", "customer_vat")))
    if "customer_name" not in fields:
        customer = prose_customer(reading)
        if customer:
            put(fields, "customer_name", customer[0])
            put(fields, "customer_vat", customer[1])
    put(fields, "number", document_number(reading))
    return fields


def issue_date(reading: Reading, place_first: bool = False) -> Candidate | None:
    """The labelled issue date, the "place, date" line, else the first date that no
    other label claims (not a birth date, not a delivery date, not a stamp's), else the date of a caption
    that names another document (`_dates_another`): the document's own caption comes first wherever the
    page prints it, an order's date above it in a box of references or not."""
    numbered = cache(lambda: document_number(reading))  # sought only where a "del" asks whose date it is
    parse = _read_again(reading) if reading.scanned else values.date
    labelled = reading.best("date", parse, accept=lambda c: _states_the_date(reading, c, numbered)
                            and not _dates_another(reading, c.label))
    if labelled is not None and labelled.value is None:
        return None  # the date's caption holds a figure a scan slipped past telling: another date is not it
    place = place_date(reading)
    found = (place or labelled) if place_first else (labelled or place)
    if found:
        return found
    found = unclaimed_date(reading) or reading.best("date", parse, accept=lambda c: _states_the_date(reading, c, numbered))
    return found if found is None or found.value is not None else None


def _dates_another(reading: Reading, label: Label | None) -> bool:
    """LABEL captions the date of another document than an invoice (OTHER_DOCUMENTS: "Data ordine"), is a
    preposition after such a document's number ("DDT n. 118 del 03/03/2025"), or is a bare caption a word
    after it gives to something else ("Data registrazione 20/03/2025", "Date of delivery")."""
    if label is None:
        return False
    return _names_another(label) or _qualified(reading, label) or label.rank >= _preposition_rank() and any(
        lb.name == "number" and lb.line == label.line and lb.first.box[0] < label.first.box[0] and _names_another(lb)
        for lb in reading.field_labels)


def _names_another(label: Label) -> bool:
    """LABEL's words name another document than an invoice (OTHER_DOCUMENTS): "Data DDT", "Ordine n."."""
    return bool({letters(t.text) for t in label.tokens} & OTHER_DOCUMENTS)


def _preposition_rank() -> int:
    """The rank of "del" among the date's captions: it and those after it are prepositions ("del", "li")."""
    return patterns().fields["date"].index("del")


def _qualified(reading: Reading, label: Label) -> bool:
    """LABEL is a bare date caption (BARE_DATE_CAPTIONS) whose cell goes on, before any figure, with a word
    of letters that opens no date and is no other caption ("Data registrazione", "Date of delivery"; not "Date
    March 3, 2025", nor a strip of captions a scan read in one cell, "Numero Data Cod. cliente")."""
    if label.tail or " ".join(letters(t.text) for t in label.tokens) not in BARE_DATE_CAPTIONS:
        return False
    tokens = reading.layout.lines[label.line].tokens
    after = [t for t in tokens[tokens.index(label.last) + 1:] if t.cell == label.last.cell]
    for i, token in enumerate(after):
        word = token.text.strip(":.,;()")
        if any(ch.isdigit() for ch in word) or id(token) in reading.labelled \
                or any(start == 0 for _, _, start in find_dates(" ".join(t.text for t in after[i:]))):
            return False
        if word.isalpha() and len(word) >= QUALIFIER_LETTERS:
            return True
    return False


def _read_again(reading: Reading) -> Parser:
    """A parser of a date as printed, else of a figure a scan slipped (`dates.slipped_dates`): its one reading
    (`dates.one_reading`), or None for the date where it may be several."""
    def parse(text: str) -> values.Found:
        found = values.date(text)
        slipped = slipped_dates(text)
        if slipped and (found is None or slipped[0][2] < found[1]):
            readings, raw, start = slipped[0]
            page = [value for line in reading.layout.lines for value, printed, _ in find_dates(line.text) if printed != raw]
            return one_reading(readings, page), start, start + len(raw)
        return found
    return parse


def _states_the_date(reading: Reading, candidate: Candidate, numbered: Callable[[], Candidate | None]) -> bool:
    """A preposition ("del", "li": the date labels from "del" on in the data file)
    dates the document only in the sentence that names it ("Fattura n. 12 del ...",
    also when "del ..." opens the next line, or its cell there: a document box beside the letterhead's
    address); in an item ("Intervento del ...") it dates the item, and after the number of another
    document than the one whose number NUMBERED finds elsewhere ("DDT n. 2312 del ...", "Ordine di acquisto n. ... del
    ...", under a header whose own date caption a scan blurred) it dates that document; a number found after a
    caption that names an order or a DDT (`_names_another`) may be a reference's, and says nothing of it."""
    label = candidate.label
    if label is None or label.rank < _preposition_rank() or candidate.tokens[0].line != label.line:
        return True  # a caption's value below it ("N. | Del") dates the document too
    lines = reading.layout.lines
    own = lines[label.line].tokens
    opens_cell = label.line > 0 and next(t for t in own if t.cell == label.first.cell) is label.first
    above = label.line - 1 if opens_cell and lines[label.line - 1].page == lines[label.line].page else None
    own_number = numbered()
    if own_number is not None and own_number.tokens and own_number.tokens[0].line not in (label.line, above) \
            and not (own_number.label is not None and _names_another(own_number.label)):
        return False  # another number the document's: not one whose caption names an order or a DDT
    return any(lb.name == "number" and (lb.line == label.line and lb.first.box[0] < label.first.box[0]
                                        or lb.line == above) for lb in reading.field_labels)


def place_date(reading: Reading) -> Candidate | None:
    for line in reading.layout.lines:
        match = PLACE_DATE_RE.match(line.text)
        if match:
            found = values.date(line.text[match.end():])
            if found and found[1] == 0:
                value, start, end = found
                return candidate_from_line(line.tokens, value, match.end() + start, match.end() + end, BELOW_LABEL)
    return None


def unclaimed_date(reading: Reading) -> Candidate | None:
    """The first date that no other label claims. A label claims the date after it
    on its line unless a value stands between them: "Ricevuto il 02/04/2025" and
    "Data consegna prevista 10/03/2025" are claimed, "P.IVA 00743110157 | 26/03/2025"
    and "14/03/2025 - DOC.N. 42" are not."""
    on_line: dict[int, list[Label]] = {}
    for label in reading.field_labels:
        on_line.setdefault(label.line, []).append(label)
    under_captions = _under_other_captions(reading)
    for line in reading.layout.lines:
        for value, raw, start in find_dates(line.text):
            found = candidate_from_line(line.tokens, value, start, start + len(raw), GUESS)
            if id(found.tokens[0]) in under_captions:
                continue
            first = line.tokens.index(found.tokens[0])
            before = [lb for lb in on_line.get(line.index, []) if line.tokens.index(lb.last) < first]
            nearest = max(before, key=lambda lb: line.tokens.index(lb.last), default=None)
            between = line.tokens[line.tokens.index(nearest.last) + 1:first] if nearest else []
            if nearest is None or nearest.name == "date" and not _qualified(reading, nearest) \
                    or any(c.isdigit() for t in between for c in t.text):
                return found
    return None


def _under_other_captions(reading: Reading) -> set[int]:
    """The words of the cell that a row of captions puts under the caption of another date
    ("Pagamento | Scadenza | IBAN", "Data consegna") on the line below: that date, not the document's."""
    layout = reading.layout
    claimed = set()
    for label in reading.field_labels:
        line = layout.lines[label.line]
        captions = caption_row(line, label.box) if label.name in OTHER_DATES else None
        if captions is None or label.line + 1 >= len(layout.lines) or layout.lines[label.line + 1].page != line.page:
            continue
        under = captions.cell_under(layout.lines[label.line + 1].cells())
        claimed.update(id(t) for t in under or [])
    return claimed


def prose_customer(reading: Reading) -> tuple[Candidate, Candidate | None] | None:
    """A contract names its parties in prose: "TRA Rossi S.r.l., con sede ..., P.IVA ...,
    di seguito «Fornitore» E Bianchi S.p.A., ... «Cliente»". Each party opens a line
    with its name and legal form before a comma; its P.IVA and its role (a party
    marker: Cliente, Committente, Fornitore) follow within a few lines. The
    customer is the party called so, else the second one."""
    layout = reading.layout
    forms = {id(lb.last) for lb in reading.labels if lb.kind == "legal_form"}
    intros = []
    for line in layout.lines:
        comma = next((i for i, t in enumerate(line.tokens[:12]) if t.text.endswith(",")), None)
        if comma is not None and id(line.tokens[comma]) in forms:  # "Rizzo M. & C. S.a.s., con sede ..."
            intros.append((line.index, line.tokens[:comma + 1]))
    if len(intros) < 2:
        return None
    parties = []
    for i, (start, tokens) in enumerate(intros):
        end = min(intros[i + 1][0] if i + 1 < len(intros) else len(layout.lines), start + 4)
        roles = [lb.name for lb in reading.labels_named("party") if start <= lb.line < end]
        vat = None
        for line in layout.lines[start:end]:
            found = values.vat_number(line.text)
            if found:
                vat = candidate_from_line(line.tokens, *found, BELOW_LABEL)
                break
        name = " ".join(t.text for t in tokens).rstrip(",")
        parties.append((Candidate(name, name, tokens, confidence_of(tokens) * BELOW_LABEL), vat, roles[-1:]))
    customers = [p for p in parties if p[2] == ["customer"]]
    chosen = customers[0] if customers else parties[1]
    return chosen[0], chosen[1]
