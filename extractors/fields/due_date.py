"""The due date (data di scadenza): the date after its label that falls on or after
the document's date. A scan may split it over two lines ("Scadenza 30/04/" then
"2025"), drop or misread a separator ("2706.2025"), read letters for digits
("3O/O4/2025") or blur the caption of one word ("Scadenra"): such a reading is taken
only where the date order proves it, on or after the document's date and within a
year. A date printed with the payment terms and no caption of its own ("Bonifico 30 gg
d.f. 15/05/2025"), or one OCR lost, is the date they fall due, when it is later than
the document's. A digit that made the date impossible ("95/11/25") is read again only
where one reading alone falls on a usual term from the document's date.
"""

from __future__ import annotations

import datetime as dt

from demat.extractors.fields import values
from demat.extractors.fields.dates import find_dates, find_misread_dates, slipped_dates
from demat.extractors.fields.labels import BELOW_LABEL, GUESS, Candidate, Label, Parser, parse_tokens
from demat.extractors.fields.layout import Token, box_of, caption_row, overlaps_x
from demat.extractors.fields.markers import blurred_one_word_captions
from demat.extractors.fields.off_line import words_beside
from demat.extractors.fields.patterns import FALLBACK_RANK
from demat.extractors.fields.reading import Reading

# A due date later than this after the document's is no reading of a misprinted one.
MAX_TERM = dt.timedelta(days=400)
# A due date more years than this after the document's date is a misread year ("2052" for 2025): an
# invoice's instalments (a lease's, a plan's) run for a few years at most.
LONGEST_TERM_YEARS = 5
TERM_DAYS = (30, 60, 90, 120)  # the usual payment terms, days from the document's date ("30 gg d.f.")
NEXT_LINE_GAP = 2.5  # line heights between a caption and the line of its value below, as `Layout.cells_below` allows


def due_date(reading: Reading, issued: Candidate | None) -> Candidate | None:
    """The first labelled date not before ISSUED (a listed label's before a token pattern's; an
    instalment's above it misread, see `_slipped_above`), else the first labelled one, none
    years past ISSUED (`_latest_due`), else one pieced together from a split or misread print, else
    one printed with the payment terms."""
    found = [c for c in reading.candidates("due_date", values.date)
             if issued is None or c.value <= _latest_due(issued.value)]
    found = [c for c in found if c.rank < FALLBACK_RANK] or found
    in_order = [c for c in found if issued is None or c.value >= issued.value]
    first = next(iter(in_order or found), None)
    if first:
        return issued and _slipped_above(reading, first, issued.value) or first
    if not issued:  # no date order to prove a misread: a real date only, as printed by its caption
        return _by_a_due_date_label(reading, values.date)
    return (_pieced(reading, issued.value) or _with_the_terms(reading, issued.value)
            or _by_a_due_date_label(reading, _at_a_term(issued.value)))


def _latest_due(issued: dt.date) -> dt.date:
    """The latest date a document issued on ISSUED may fall due: later is a misread year ("2052" for 2025)."""
    try:
        return issued.replace(year=issued.year + LONGEST_TERM_YEARS)
    except ValueError:  # 29 February
        return issued.replace(year=issued.year + LONGEST_TERM_YEARS, day=28)


def _slipped_above(reading: Reading, first: Candidate, issued: dt.date) -> Candidate | None:
    """The date under FIRST's caption on a line above FIRST's that a slipped digit made impossible
    ("26/09/2625"), read as the one date a digit away between ISSUED and FIRST: a table of instalments
    whose first row OCR misread, the due date being the first instalment's, not the next one's."""
    label, line = first.label, first.tokens[0].line if first.tokens else None
    if label is None or line is None or line <= label.line:
        return None
    above = [t for cell in reading.layout.cells_below(label.line, label.box, max_lines=line - label.line)
             for t in cell if t.line < line]

    def earlier(text: str) -> values.Found:
        for readings, raw, start in slipped_dates(text):
            if len(readings) == 1 and issued <= (value := next(iter(readings))) < first.value:
                return value, start, start + len(raw)
        return None
    return parse_tokens("", above, earlier, label, GUESS)


def _pieced(reading: Reading, issued: dt.date) -> Candidate | None:
    """The date after a due-date label, on its line or in the cells below, read across
    the line break and with OCR's separator slips, proven by the date order."""
    def proven(text: str) -> values.Found:
        for value, raw, start in find_dates(text) + find_misread_dates(text):
            if issued <= value <= issued + MAX_TERM:
                return value, start, start + len(raw)
        for readings, raw, start in slipped_dates(text):  # letters for digits, a month's name blurred
            if len(readings) == 1 and issued <= (value := next(iter(readings))) <= issued + MAX_TERM:
                return value, start, start + len(raw)
        return None

    return _by_a_due_date_label(reading, proven)


def _at_a_term(issued: dt.date) -> Parser:
    """A parser of a date that a slipped digit made impossible ("95/11/25", "49/12/2025", "45 February 2025"),
    read as the one date one digit away (`dates.slipped_dates`) that falls on a usual payment term from ISSUED
    (30, 60, 90 or 120 days, or the end of that month): the issue date and the term prove the digit; two or
    none, no date."""
    terms = {issued + dt.timedelta(days=days) for days in TERM_DAYS}
    terms |= {_month_end(term) for term in terms}

    def parse(text: str) -> values.Found:
        for readings, raw, start in slipped_dates(text):
            if len(on_terms := readings & terms) == 1:
                return on_terms.pop(), start, start + len(raw)
        return None
    return parse


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _by_a_due_date_label(reading: Reading, proven: Parser) -> Candidate | None:
    """The date PROVEN reads after a due-date label: on its line, in the cells below, beside it or below
    and right of it, across the line break."""
    layout = reading.layout
    for label in reading.field_labels + blurred_one_word_captions(layout, reading.labels, "due_date"):
        if label.name == "due_date":
            right = layout.tokens_after(label.line, label.last)
            below = [t for cell in layout.cells_below(label.line, label.box, max_lines=2) for t in cell]
            found = (parse_tokens(label.tail, right + below, proven, label, BELOW_LABEL)
                     or parse_tokens("", below, proven, label, BELOW_LABEL)
                     or parse_tokens("", words_beside(layout, label), proven, label, BELOW_LABEL)
                     or parse_tokens("", _below_right(reading, label), proven, label, BELOW_LABEL))
            if found:
                return found
    return None


def _below_right(reading: Reading, label: Label) -> list[Token]:
    """The first cell of the next line when it starts right of LABEL, as a box prints its figure under
    and right of its caption ("Data scadenza" over "01/07/2025" at the box's right edge). A scan's tight
    glyph boxes leave the lines further apart than their height, so the gap allowed is that of the cells
    below a caption (`Layout.cells_below`); the date order proves the value."""
    lines = reading.layout.lines
    origin = lines[label.line]
    below = next((ln for ln in lines[label.line + 1:] if ln.cells_read()), None)
    if below is None or below.page != origin.page or below.top - origin.bottom > NEXT_LINE_GAP * max(origin.height, 6.0):
        return []
    first = below.cells_read()[0]
    return first if first[0].box[0] > label.box[2] else []


def _with_the_terms(reading: Reading, issued: dt.date) -> Candidate | None:
    """The first date later than ISSUED (within MAX_TERM) on the line of a payment caption or of a
    method's word, right of it (see `_with_the_terms_right`), else in the cells just below the caption:
    the date the terms printed there fall due, whose own caption the layout leaves out ("Pagamento"
    over "Bonifico 30 gg d.f. 15/05/2025") or OCR lost. Never the document's own date, nor one before it."""
    def later(text: str) -> values.Found:
        for value, raw, start in find_dates(text):
            if issued < value <= issued + MAX_TERM:
                return value, start, start + len(raw)
        return None

    layout = reading.layout
    anchors = [lb for lb in reading.field_labels if lb.name == "payment_method"] + reading.labels_named("payment_method")
    for label in sorted(anchors, key=lambda lb: lb.line):
        right = _with_the_terms_right(reading, label)
        below = [t for cell in layout.cells_below(label.line, label.box, max_lines=1) for t in cell]
        found = parse_tokens("", right, later, label, GUESS) or parse_tokens("", below, later, label, GUESS)
        if found:
            return found
    return None


def _with_the_terms_right(reading: Reading, anchor: Label) -> list[Token]:
    """The words right of ANCHOR on its line that belong to the terms: those before another field's
    caption ("Periodo: 01/04/2025 - 30/04/2025" beside them) and, where the method is the value of a row
    of captions above it, before the first cell under another of its captions (the header grid's next
    column is another field's: "Data consegna" over "20/03/2025"); a cell under none, whose caption
    a scan lost, is still the terms'."""
    layout = reading.layout
    right = layout.tokens_after(anchor.line, anchor.last, cells=None)
    stops = [lb.first.box[0] for lb in reading.field_labels
             if lb.line == anchor.line and lb.first.box[0] > anchor.last.box[0]]
    above = layout.lines[anchor.line - 1] if anchor.line else None
    if (anchor.kind == "payment_method" and above is not None and above.page == anchor.first.page
            and caption_row(above, anchor.box)):
        others = [box_of(cell) for cell in above.cells_read() if not overlaps_x(box_of(cell), anchor.box)]
        cells: dict[int, list[Token]] = {}
        for token in right:
            cells.setdefault(token.cell, []).append(token)
        stops += [cell[0].box[0] for number, cell in cells.items()
                  if number != anchor.last.cell and any(overlaps_x(box_of(cell), other) for other in others)]
    return [t for t in right if t.box[0] < min(stops, default=float("inf"))]
