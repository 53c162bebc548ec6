"""The document's own number: after its label in the header, or under its caption.

A label not listed (a token pattern, as a bare "N." or "Nr.") names the
document's number only beside a date label ("N. | Data"), or in the top third of
the page with the number on its line or below it in a row that holds a date: a
caption elsewhere ("Articolo | Nr. | Prezzo", "N. colli") heads a column of
quantities. Every type that has a number (invoices, DDT, orders, bills, ...)
reads it so.
"""

from __future__ import annotations

import re
from dataclasses import replace

from demat.extractors.fields import values
from demat.extractors.fields.labels import GUESS, RIGHT_OF_LABEL, Candidate, Label, candidate_from_line, parse_tokens
from demat.extractors.fields.layout import Layout, Line, Token, box_of, caption_row, overlaps_x, text_of
from demat.extractors.fields.names import PARTY_CAPTIONS
from demat.extractors.fields.off_line import words_beside
from demat.extractors.fields.patterns import FALLBACK_RANK, letters, patterns
from demat.extractors.fields.reading import Reading
from demat.kernel.document import Box

# The words that say "number" alone: a caption of them may head a column of quantities.
NUMBER_WORDS = {"n", "nr", "no", "nro", "num", "numero"}
# A FatturaPA's format ("Fattura elettronica FPR12", "Formato trasmissione FPA12"): never its number.
FORMAT_CODE_RE = re.compile(r"FP[AR]1[0-9]|SDI1[0-9]", re.IGNORECASE)
# How far down the first page the header goes, as a share of its height.
HEADER_DEPTH = 0.3
# What a scan reads for the I that opens a number in capitals: a bracket or a bar ("[NV-05673"), a small i or l.
I_MARKS = "[|"
SMALL_I_RE = re.compile(r"^[il](?=[A-Z])")
# The degree sign of "N°" a scan read as a word of its own, as tall as this share of the caption at most.
DEGREE_SIGN_HEIGHT = 0.6
# The words for days after payment terms ("30/60 gg", "60 giorni"), letters only.
DAYS_WORDS = {"gg", "giorni", "ggdf", "ggfm", "days", "tage", "jours"}
# A word naming the document with its "N." glued on by a scan ("FATTURAN.", "DocumentoNr."): the word, then the N.
GLUED_CAPTION_RE = re.compile(r"([^\W\d_]{3,}?)(?:N|n|NR|Nr|nr)[.°º]")
# The I of IT read as 1, l, | or i where it opens a number or a part of it ("1T25/60266", "37872/1T/2025").
SCANNED_IT_RE = re.compile(r"(?:^|(?<=[/-]))[1l|i]T(?=[/-]|\d)")


def document_number(reading: Reading) -> Candidate | None:
    """The number after its label in the header, else under a caption the scan blurred. No document is
    numbered zero: a "0" after the label is what a scan left of something else ("(D.d.T.)" read "(0. aT:")."""
    def in_header(candidate: Candidate) -> bool:
        label = candidate.label
        beside_date = any(lb.name == "date" and lb.line == label.line and _a_date_caption(lb) for lb in reading.field_labels)
        on_top = reading.layout.relative_top(label.first) <= HEADER_DEPTH
        on_top_line = candidate.tokens[0].line == label.line and on_top
        return ((label.rank < FALLBACK_RANK or _names_the_document(label) or beside_date or on_top_line
                 or on_top and _in_a_dated_row(reading, candidate))
                and not FORMAT_CODE_RE.fullmatch(candidate.value) and candidate.value.strip("0")
                and not _numbers_another_thing(reading.layout, label) and not _head_of_a_figure(candidate)
                and not _in_brackets(candidate) and not _under_another_caption(reading, candidate)
                and not _beside_another_caption(reading, candidate))
    def accepted(candidate: Candidate) -> bool:
        return in_header(candidate) and not _payment_terms(reading.layout, candidate)
    found = (reading.best("number", values.document_number, accept=accepted) or _past_its_degree_sign(reading)
             or _after_its_glued_caption(reading) or _beside_its_caption(reading) or _right_under_its_caption(reading)
             or _under_a_blurred_caption(reading) or _under_a_lost_caption(reading) or _under_unread_captions(reading))
    return _with_its_it(_with_its_split_digits(reading.layout, found)) if found and reading.scanned else found


def _a_date_caption(label: Label) -> bool:
    """A date's label that captions one: a preposition ("del", "li": the date labels from "del" on in the data
    file) dates a thing only in its sentence, and "Causale del trasporto | a cura del | N." in a delivery
    note's foot holds no date caption beside the "N." of its parcels."""
    return label.rank < patterns().fields["date"].index("del")


def _with_its_it(found: Candidate) -> Candidate:
    """The IT of a shop's number ("IT25/60266", "37872/IT/2025") whose I a scan read as 1, l, | or i: "1T" opening
    the number or a part of it is no series. So is the I of a number that opens with capitals read as a bracket
    or a bar (left out of the value: "[NV-05673", "[T25/61406") or as a small i or l ("iNV-06225")."""
    value = SCANNED_IT_RE.sub("IT", found.value)
    printed = found.tokens[0].text
    if SMALL_I_RE.match(value) or value[:1].isupper() and printed[:1] in I_MARKS and printed[1:].startswith(value):
        value = "I" + value[1 if SMALL_I_RE.match(value) else 0:]
    return replace(found, value=value) if value != found.value else found


def _with_its_split_digits(layout: Layout, found: Candidate) -> Candidate:
    """A typewritten number the OCR cut in two ("N° 001 583" for 001583, "122 1/E" for 1221/E): a code opening with
    figures that follows the value's last figures closer than three quarters of a character, where a typed space
    is a whole one, is the rest of the number. A text layer keeps its words whole."""
    last = found.tokens[-1]
    line = layout.lines[last.line]
    after = line.tokens[line.tokens.index(last) + 1:]
    if not after or not last.text.isdigit() or not _rest_of_a_number(after[0].text) or not found.value.endswith(last.text):
        return found
    char = (last.box[2] - last.box[0]) / len(last.text)
    if after[0].box[0] - last.box[2] >= char * 3 / 4:
        return found
    return replace(found, value=found.value + after[0].text, raw=f"{found.raw} {after[0].text}",
                   tokens=[*found.tokens, after[0]])


def _rest_of_a_number(word: str) -> bool:
    """WORD is figures, or a code that opens with one and is a number whole ("1/E", "3-FV")."""
    found = values.document_number(word)
    return word[:1].isdigit() and found is not None and found[1:] == (0, len(word))


def _after_its_glued_caption(reading: Reading) -> Candidate | None:
    """The number after a caption whose "N." a scan glued to the word naming the document ("FATTURAN. 070/25",
    "DocumentoNr. 12"), high on the page: the phrase finder reads the two as one word it does not list."""
    layout = reading.layout
    for line in layout.lines:
        for token in line.tokens:
            glued = GLUED_CAPTION_RE.fullmatch(token.text)
            if (not glued or glued.group(1).lower() not in values.type_words()
                    or layout.relative_top(token) > HEADER_DEPTH):
                continue
            label = Label("field", "number", FALLBACK_RANK, line.index, [token], "")
            after = layout.tokens_after(line.index, token)
            found = parse_tokens("", after, values.document_number, label, RIGHT_OF_LABEL)
            if found and found.tokens[0] is after[0] and found.value.strip("0"):
                return found
    return None


def _beside_its_caption(reading: Reading) -> Candidate | None:
    """A number typed at the height of its caption high on the page ("N°" pre-printed, "008435" typed a point
    lower) that the OCR set on a line of its own: the caption's line ends with the caption."""
    layout = reading.layout
    for label in reading.field_labels:
        if (label.name != "number" or label.tail or layout.relative_top(label.first) > HEADER_DEPTH
                or layout.tokens_after(label.line, label.last)):
            continue
        found = parse_tokens("", words_beside(layout, label), values.document_number, label, RIGHT_OF_LABEL)
        if found and not FORMAT_CODE_RE.fullmatch(found.value):
            return found
    return None


def _past_its_degree_sign(reading: Reading) -> Candidate | None:
    """The number after its caption high on the page where a scan read the caption's degree sign as a word of
    its own between them ("N° o 007887", "N° (n) 004392"): three characters at most, no figure, far shorter than
    the caption and level with its top. The caption may be the bare N the sign was printed beside ("N o 007260"),
    which no pattern lists: an N alone names nothing."""
    layout = reading.layout
    for label in [*reading.field_labels, *_bare_ns(layout)]:
        if label.name != "number" or label.tail or layout.relative_top(label.first) > HEADER_DEPTH:
            continue
        after = layout.tokens_after(label.line, label.last, cells=1)
        if len(after) < 2 or not _a_degree_sign(after[0], label.box):
            continue
        found = parse_tokens("", after[1:], values.document_number, label, RIGHT_OF_LABEL)
        if found and found.tokens[0] is after[1] and found.value.strip("0") and not FORMAT_CODE_RE.fullmatch(found.value):
            return found
    return None


def _bare_ns(layout: Layout) -> list[Label]:
    """Every word "N" alone, as a caption of the number it may be (a guess: only a degree sign after it makes it
    one)."""
    return [Label("field", "number", FALLBACK_RANK, line.index, [token], "")
            for line in layout.lines for token in line.tokens if token.text in ("N", "n")]


def _a_degree_sign(word: Token, caption: Box) -> bool:
    """WORD is what a scan read of a degree sign after CAPTION: a mark or a letter or two, no figure, at most
    DEGREE_SIGN_HEIGHT of the caption's height and in its upper half."""
    height = caption[3] - caption[1]
    return (len(word.text) <= 3 and not any(ch.isdigit() for ch in word.text)
            and word.box[3] - word.box[1] <= DEGREE_SIGN_HEIGHT * height and word.box[1] < caption[1] + height / 2)


def _numbers_another_thing(layout: Layout, label: Label) -> bool:
    """Below the header, a wording not listed after a word that names no document numbers that thing ("Mandato
    SEPA n. 4090 del 01-08-25" in the payment terms), however a date stands beside it; in the header such a word
    is the document's series or kind ("Serie B N°", "Ricevuta n.")."""
    if label.rank < FALLBACK_RANK or layout.relative_top(label.first) <= HEADER_DEPTH:
        return False
    line = layout.lines[label.line].tokens
    before = [letters(t.text) for t in line[:line.index(label.first)] if t.cell == label.first.cell]
    return bool(before) and len(before[-1]) >= 3 and before[-1] not in values.type_words()


def _payment_terms(layout: Layout, candidate: Candidate) -> bool:
    """Days of payment terms after a word that names the document ("Bonifico vista fattura 30/60/90 gg d.f."):
    the value is followed by the word for days."""
    line = layout.lines[candidate.tokens[-1].line].tokens
    after = line[line.index(candidate.tokens[-1]) + 1:]
    return bool(after) and letters(after[0].text) in DAYS_WORDS


def _right_under_its_caption(reading: Reading) -> Candidate | None:
    """A header strip of boxes ("Tipo documento | Numero | Data | Cod. cliente") over a row of values that the
    page's gaps do not cut into cells ("FATTURA 001740 04/08/2025 C96517"): the words right under the caption
    word, and those that run on from them, in the row right below the captions (the date's among them) that
    holds a date. The caption's first cell may have joined the next ("Tipo documento Numero"): its last word
    stands over the number."""
    layout = reading.layout
    for label in reading.field_labels:
        if (label.name != "number" or label.tail or layout.relative_top(label.first) > HEADER_DEPTH
                or label.line + 1 >= len(layout.lines)
                or not any(lb.name == "date" and lb.line == label.line for lb in reading.field_labels)):
            continue
        captions, below = layout.lines[label.line], layout.lines[label.line + 1]
        if below.page != captions.page or below.top - captions.bottom > 2 * captions.height \
                or not any(values.date(t.text) for t in below.tokens):
            continue
        under = [t for t in below.tokens if overlaps_x(t.box, label.last.box) and not values.date(t.text)]
        if not under:
            continue
        run = below.tokens[below.tokens.index(under[0]):]
        run = run[:next((i for i, t in enumerate(run[1:], 1) if t.box[0] - run[i - 1].box[2] > below.height), len(run))]
        found = _alone(values.document_number, run)
        if found and not FORMAT_CODE_RE.fullmatch(found[0]) and found[0].strip("0"):
            return candidate_from_line(run, *found, GUESS)
    return None


def _head_of_a_figure(candidate: Candidate) -> bool:
    """A value that OCR cut at a comma followed by figures is the start of an amount ("1" of "1,294, 85" under a
    blurred "Totale fattura"): no number holds a comma."""
    last, tail = candidate.tokens[-1].text, candidate.raw.split()[-1]
    at = last.find(tail)
    return at >= 0 and bool(re.match(r",\d", last[at + len(tail):]))


def _under_another_caption(reading: Reading, candidate: Candidate) -> bool:
    """A value found further below its label than the next line, under a caption of its own on the line right
    above it, is that caption's: a title ("FATTURA ELETTRONICA", "Copia di cortesia della fattura elettronica")
    over a box of the transmission's data or a party's ("Progressivo invio" over "000QL") numbers nothing. A
    caption with a word for "number" ("Nr. nota credito") is the document number's own."""
    line = candidate.tokens[0].line
    if line <= candidate.label.line + 1:
        return False
    above = reading.layout.lines[line - 1]
    box = box_of(candidate.tokens)
    return above.page == reading.layout.lines[line].page and any(
        overlaps_x(box_of(cell), box) and not any(ch.isdigit() for t in cell for ch in t.text)
        and not any(letters(t.text) in NUMBER_WORDS for t in cell) for cell in above.cells_read())


def _beside_another_caption(reading: Reading, candidate: Candidate) -> bool:
    """A value found below its label in the cell right after the caption of a party's data is the party's: a title
    ("FATTURA ELETTRONICA") over a party's box of caption and value cells ("Identificativo fiscale ai fini IVA |
    IT0210...") numbers nothing."""
    first = candidate.tokens[0]
    if first.line == candidate.label.line:
        return False
    cells = reading.layout.lines[first.line].cells_read()
    before = next((c for c, after in zip(cells, cells[1:]) if after[0] is first), None)
    return before is not None and any(lb.last is before[-1] and lb.name in PARTY_CAPTIONS for lb in reading.field_labels)


def _in_brackets(candidate: Candidate) -> bool:
    """A value in brackets after the title is its abbreviation: "DOCUMENTO DI TRASPORTO (D.d.T.)" read
    "(D.4.T.)"."""
    return candidate.tokens[0].text.startswith("(") and candidate.tokens[-1].text.endswith(")")


def _names_the_document(label: Label) -> bool:
    """A wording not listed that names the document besides its number ("N documento", a scan's
    "N." without its period) is as sure as a listed one; a bare "N." or "Nr." may head a column."""
    return any(len(word) >= 2 and word not in NUMBER_WORDS for word in map(letters, (t.text for t in label.tokens)))


def _in_a_dated_row(reading: Reading, candidate: Candidate) -> bool:
    """The value stands below its caption in a row that holds a date too: a header grid whose date
    caption the scan lost ("N. | PAGINA" over "25/7476 | 07-11-2025 | 1/1"); a column of quantities
    under "Nr." holds no date beside them."""
    line = reading.layout.lines[candidate.tokens[0].line]
    return line.index != candidate.label.line and any(
        values.date(text_of(cell)) for cell in line.cells() if candidate.tokens[0] not in cell)


def _under_a_blurred_caption(reading: Reading) -> Candidate | None:
    """A header grid whose "N." a scan blurred ("N", "x.", "ua"): the code under the short
    caption just left of the date's caption, in the row of values below."""
    layout = reading.layout
    for label in _header_date_captions(reading):
        line = layout.lines[label.line]
        cells = line.cells_read()  # "Ni >": a speck beside the caption
        mine = next((i for i, c in enumerate(cells) if label.first in c), 0)
        caption = cells[mine - 1] if mine else None
        if not caption or len(text_of(caption)) > 3 or caption_row(line, box_of(caption)) is None:
            continue
        for value in layout.cells_below(label.line, box_of(caption), max_lines=2):
            found = values.document_number(text_of(value))
            if found and not values.date(text_of(value)):
                return candidate_from_line(value, *found, GUESS)
    return None


def _under_a_lost_caption(reading: Reading) -> Candidate | None:
    """A header grid whose "N." the scan lost altogether ("DATA | PAGINA" over "25/4523 | 07/02/2025 | 1/1"):
    the date's caption opens the row of captions, and the row of values below holds one cell more
    before the date, left of every caption: a code alone in its cell is the number."""
    layout = reading.layout
    for label in _header_date_captions(reading):
        captions = caption_row(layout.lines[label.line], label.box)
        if captions is None or captions.mine != 0:
            continue
        for below in layout.lines[label.line + 1: label.line + 3]:
            cells = below.cells()
            dated = next((i for i, c in enumerate(cells) if (d := values.date(text_of(c))) and d[1] == 0), None)
            if not dated or len(cells) - dated < len(captions.centres) or box_of(cells[dated - 1])[2] > label.box[0]:
                continue
            text = text_of(cells[dated - 1])
            found = values.document_number(text)
            if found and found[1] == 0 and found[2] == len(text):
                return candidate_from_line(cells[dated - 1], *found, GUESS)
    return None


def _under_unread_captions(reading: Reading) -> Candidate | None:
    """A header grid whose every caption the scan left unread ("Si | ae | ST" over "25/2893 | 10/06/2025 | 1/1"):
    high on the first page, a code alone in its cell and then a date alone in the next, under words without
    figures over either of them, as captions stand, and under no caption read over the code ("COD. CLIENTE"
    heads a code of its own): the code is the number."""
    layout = reading.layout
    labelled = {id(t) for lb in reading.labels for t in lb.tokens}
    first_page = layout.lines[0].page if layout.lines else 1
    for line in layout.lines:
        if line.page != first_page or layout.relative_top(line.tokens[0]) > HEADER_DEPTH:
            break
        cells = line.cells_read()
        for code, date in zip(cells, cells[1:]):
            found = _alone(values.document_number, code)
            if not found or not _alone(values.date, date) or values.date(text_of(code)):
                continue
            above = _captions_over(layout, line, [code, date])
            if above and not any(id(t) in labelled for cell in _captions_over(layout, line, [code]) for t in cell):
                return candidate_from_line(code, *found, GUESS)
    return None


def _alone(parse, cell: list[Token]) -> tuple | None:
    """What PARSE reads of CELL when it fills the cell."""
    text = text_of(cell)
    found = parse(text)
    return found if found and found[1] == 0 and found[2] == len(text) else None


def _captions_over(layout: Layout, line: Line, cells: list[list[Token]]) -> list[list[Token]]:
    """The cells of words without figures on the two lines above LINE that stand over one of CELLS."""
    height = max(line.height, 6.0)
    above = [ln for ln in layout.lines[max(line.index - 2, 0):line.index] if ln.page == line.page]
    return [caption for ln in above for caption in ln.cells_read() if not any(ch.isdigit() for ch in text_of(caption))
            and any(overlaps_x(box_of(caption), box_of(cell), slack=height) for cell in cells)]


def _header_date_captions(reading: Reading) -> list[Label]:
    """The date's labels in the top third of the page: the captions of a header grid."""
    return [lb for lb in reading.field_labels if lb.name == "date" and reading.layout.relative_top(lb.first) <= HEADER_DEPTH]
