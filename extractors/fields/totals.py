"""The document total proven by arithmetic when its figure was not read as printed.

OCR misreads a total ("1.22O,00", "1.220, 00", "Tota1e") so that no labelled
amount makes imponibile + IVA. When the imponibile and the IVA were read, their
sum is looked for as OCR may have misread it: next to a total's label, else,
when no total was read at all, anywhere on the page. The figure agreeing with
the sum is what proves the reading; a total read that disagrees with the sum is
replaced only when the IVA is the imponibile at one legal rate (the two then
prove each other, so the sum is the total a withholding or a deposit may follow).
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from itertools import permutations, product

from demat.extractors.fields import values
from demat.extractors.fields.amounts import (
    cents_misread_as,
    cut_short_as,
    digit_lost_as,
    find_amounts,
    has_cents,
    misread_as,
    misread_figure,
    slipped_figure,
    slipped_readings,
)
from demat.extractors.fields.checks import CENT, at_a_legal_rate, tax_at
from demat.extractors.fields.labels import GUESS, PATTERN, Candidate, Label, Parser, candidate_from_line
from demat.extractors.fields.layout import Token, text_of
from demat.extractors.fields.reading import Reading
from demat.kernel.document import Field

SUMMARY_ROLES = ("taxable_amount", "vat_amount", "total")
UNDER_CAPTIONS = 2  # the lines below a row of captions that hold its figures
# An IVA of cents is its rate of a span of imponibili (0,10 is 4% of 2,38 to 2,75): it proves no figure
# among the many readings of a scanned row of boxes (a text layer's figures are as printed)
LEAST_PROVING_VAT = Decimal(1)
# What may sit by a box's figure: a currency, a rate ("3.771,12 | 4%"), a rate after the box's edge ("1.935,23|4")
CELL_REST_RE = re.compile(r"[\s€|]*(?:EUR|\d{1,2}(?:[.,]\d\d)? ?%|(?<=\|)\d{1,2}(?:[.,]\d\d)?)?[\s|]*")
CUT_CENTS_RE = re.compile(r"\d[.,]\d\W*$")  # money prints two digits of cents: "16.430,1" lost one
MIN_ITEMS = 2  # item lines whose amounts' sum proves an imponibile: one alone is the imponibile itself
STAMP_RE = re.compile(r"\bbollo\b", re.IGNORECASE)  # "Bollo", "Imposta di bollo", "Spese bollo"


def stamp_duty(reading: Reading) -> Decimal:
    """The revenue stamp's figure printed right of its caption ("Bollo 2,00", "Imposta di bollo
    € 2,00"), which a total adds to imponibile + IVA; 0 when none is printed. A figure with cents
    only (`values.amount`): "Bollo assolto ai sensi dell'art. 15" names a law, not an amount."""
    for line in reading.layout.lines:
        caption = STAMP_RE.search(line.text)
        found = values.amount(line.text[caption.end():]) if caption else None
        if found and found[0] > 0:
            return found[0]
    return Decimal(0)


def proven_total(reading: Reading, taxable: Candidate | None, vat: Candidate | None,
                 total: Candidate | None) -> Candidate | None:
    """TOTAL, or the imponibile + IVA found as printed (misread) when TOTAL is missing or cannot be it."""
    if taxable is None or vat is None or taxable.value == 0:
        return total
    want = taxable.value + vat.value
    rated = at_a_legal_rate(taxable.value, vat.value)
    if total is not None and (total.value == want or not rated):
        return total
    labelled = _by_label(reading, "total", want, last=True, mangled_cents=rated)
    if labelled is None and total is not None and reading.scanned and _one_slip_from(total, want) \
            and total.value != want + stamp_duty(reading):  # a stamp added to the sum is no slip
        return replace(total, value=want, confidence=total.confidence * GUESS)
    return labelled or total or _printed_anywhere(reading, want, taxable, vat)


def _one_slip_from(found: Candidate, want: Decimal) -> bool:
    """FOUND's figure is WANT's with one digit misread or one stray ("6.507,72" for 6.501,72), signed alike:
    on a scan, with an imponibile and IVA at a legal rate making WANT, the sum proves the slip."""
    return (found.value < 0) == (want < 0) and abs(want) in slipped_readings(found.raw)


def total_the_rows_make(reading: Reading, vat_lines: Field | None, total: Candidate | None) -> Candidate | None:
    """The total whose figure the printed VAT summary's rows make (each rate's imponibile + imposta, every
    row's imposta its rate of its imponibile), read by a total's label as printed or as OCR misread it,
    when TOTAL is another figure: a summary with a "Totale" column gives its first row's imponibile,
    imposta and totale, a triple that adds up as well, and a scan may misread the total ("2:448,12")."""
    rows = vat_lines.value if vat_lines else []
    if len(rows) < 2 or any(r["vat_amount"] is None or abs(tax_at(r["taxable_amount"], r["rate"]) - r["vat_amount"]) > CENT
                            for r in rows):
        return total
    want = sum(r["taxable_amount"] + r["vat_amount"] for r in rows)
    if total is not None and total.value == want:
        return total
    return _by_label(reading, "total", want, last=True) or total


def total_the_rows_prove(reading: Reading, vat_lines: Field | None, taxable: Candidate | None,
                         vat: Candidate | None, total: Candidate | None) -> Candidate | None:
    """TOTAL, or on a scan the imponibile + IVA where the total read is one slip from their sum and the VAT
    lines prove the two (rows of two rates or more, each its rate of its imponibile, adding up to them): a
    sum of two rates is at no one rate, so `proven_total` could not take it ("120,69" for 120,89)."""
    rows = vat_lines.value if vat_lines else []
    if not reading.scanned or total is None or taxable is None or vat is None or len(rows) < 2 or any(
            r["vat_amount"] is None or abs(tax_at(r["taxable_amount"], r["rate"]) - r["vat_amount"]) > CENT for r in rows):
        return total
    want = taxable.value + vat.value
    if total.value == want or [sum(r[n] for r in rows) for n in ("taxable_amount", "vat_amount")] != [
            taxable.value, vat.value] or not _one_slip_from(total, want) or total.value == want + stamp_duty(reading):
        return total
    return replace(total, value=want, confidence=total.confidence * GUESS)


def proven_part(reading: Reading, name: str, part: Candidate | None, other: Candidate | None,
                total: Candidate | None) -> Candidate | None:
    """PART (the imponibile or the IVA, field NAME), or totale - OTHER found as printed (misread)
    when PART is missing or does not make the total with OTHER: by a label of NAME, else
    anywhere (its caption misread, "Totale-ithponibile"). The figure agreeing with the
    difference is what proves it; an IVA, a small figure that a page may print by chance,
    is looked for anywhere only when it is the imponibile at one legal rate. A figure read by
    the label that the difference and one legal rate both contradict is the difference, and so
    is a figure a scan lost altogether when one legal rate proves the difference."""
    if other is None or total is None or part is not None and part.value + other.value == total.value:
        return part
    want = total.value - other.value
    if want == 0 or (want < 0) != (total.value < 0) or part is not None and abs(part.value) == abs(want):
        return part  # nothing to prove, or only a sign in doubt: the figure was read as printed
    labelled = _by_label(reading, name, want)
    if labelled is not None:
        return labelled
    at_one_rate = at_a_legal_rate(want, other.value) if name == "taxable_amount" else at_a_legal_rate(other.value, want)
    if name == "vat_amount" and not at_one_rate:
        return part
    found = _printed_anywhere(reading, want, other, total)
    if found is None and part is not None and (at_one_rate or reading.scanned and name == "taxable_amount"
                                               and _items_above_make(reading, part, want)):
        return replace(part, value=want, confidence=part.confidence * GUESS)  # the difference and a rate or the items
    if found is None and part is None and at_one_rate and reading.scanned:  # OCR lost its figure
        return Candidate(want, f"{total.raw} - {other.raw}", total.tokens + other.tokens,
                         min(total.confidence, other.confidence) * GUESS)
    return found or part


def _items_above_make(reading: Reading, taxable: Candidate, want: Decimal) -> bool:
    """The items just above the imponibile's line make WANT, each line's last figure with cents summed (a run
    of lines ending in one, MIN_ITEMS at least): with the total and the IVA they prove an imponibile a scan
    misread by more than a slip ("73,204.29" for 73,293.29), where the rate is no Italian one to prove it."""
    lines = reading.layout.lines
    amounts = []
    for line in reversed(lines[:taxable.tokens[0].line]):
        found = [(value, start + len(raw)) for value, raw, start in find_amounts(line.text) if has_cents(raw)]
        if not found or line.page != taxable.page or line.text[found[-1][1]:].strip(" €"):
            break
        amounts.append(found[-1][0])
    return len(amounts) >= MIN_ITEMS and sum(amounts, Decimal(0)) == want


def parts_at_the_one_rate(total: Candidate, rate: Decimal) -> tuple[Candidate, Candidate] | None:
    """Imponibile and IVA when a scan lost both figures but kept the TOTAL and the one legal RATE the
    page prints: the imponibile that, taxed at the rate, makes the total, taken only when exactly one
    does (the total and the rate prove it, as they prove an IVA lost alone in `proven_part`)."""
    size = abs(total.value)
    nearest = int(size * 100) * 100 // (100 + int(rate))
    bases = [base for base in (Decimal(cents).scaleb(-2) for cents in range(nearest - 2, nearest + 3))
             if base > 0 and base + tax_at(base, rate) == size]
    if len(bases) != 1:
        return None
    sign = -1 if total.value < 0 else 1
    base, tax = sign * bases[0], total.value - sign * bases[0]
    return tuple(Candidate(value, total.raw, total.tokens, total.confidence * GUESS) for value in (base, tax))


def parts_the_page_prints(reading: Reading, total: Candidate, rates: set[Decimal]) -> tuple[Candidate, Candidate] | None:
    """Imponibile and IVA when a scan misread one or both beside the TOTAL read, the page printing one legal
    rate alone (RATES, "IVA 22%" or after its items): the parts the total makes at the rate
    (`parts_at_the_one_rate`), taken only where the page prints that IVA's figure as read ("50,55" beside a
    caption misread, "WA 22%", and "220.77-" for an imponibile of 229,77): the total, the rate and the
    figure read prove the parts."""
    parts = parts_at_the_one_rate(total, next(iter(rates))) if len(rates) == 1 else None
    if parts is None:
        return None
    taxable, vat = parts
    printed = figure_printed(reading, vat.value, total.tokens)
    return (taxable, printed) if printed is not None else None


def figure_printed(reading: Reading, want: Decimal, apart: list[Token]) -> Candidate | None:
    """WANT's figure as printed, with its cents, on a line of the page that holds none of the tokens APART."""
    for line in reading.layout.lines:
        printed = [(value, start, start + len(raw)) for value, raw, start in find_amounts(line.text)
                   if value == want and has_cents(raw)]
        if printed and not any(t in apart for t in line.tokens):
            return candidate_from_line(line.tokens, *printed[0], GUESS)
    return None


def captionless_summary(reading: Reading) -> tuple[Candidate, Candidate, Candidate] | None:
    """Imponibile, IVA and totale when OCR parted the summary's figures from their captions (read as
    a block of their own, or lost): lines that are a lone figure each, in a run down one page, of
    which one is another at a legal rate and a third their sum. Both equations prove the roles; the
    last run on the page that holds one such triple, and only one, is taken. Else a line whose cells
    are a figure each, a form's row of boxes whose captions a scan lost, where one line alone holds
    such a triple (two would be rows of a summary by rate, each its own sums)."""
    runs: list[list[Candidate]] = []
    previous = None
    for line in reading.layout.lines:
        found = values.amount(line.text)
        if found is None or line.text[:found[1]].strip(" €") or line.text[found[2]:].strip(" €") not in ("", "EUR"):
            continue
        if previous is None or line.index != previous.index + 1 or line.page != previous.page:
            runs.append([])
        runs[-1].append(candidate_from_line(line.tokens, *found, GUESS))
        previous = line
    for run in reversed(runs):
        triples = _triples_in(run)
        if len(triples) == 1:
            return next(iter(triples.values()))
    rows = [triples for line in reading.layout.lines if (triples := _triples_in(_figure_cells(line.cells())))]
    return next(iter(rows[0].values())) if len(rows) == 1 and len(rows[0]) == 1 else None


def _triples_in(figures: list[Candidate]) -> dict[tuple[Decimal, ...], tuple[Candidate, Candidate, Candidate]]:
    """Every (imponibile, IVA, totale) among FIGURES in their order: the IVA the imponibile at a legal rate,
    the totale their sum."""
    return {(t.value, v.value, g.value): (t, v, g) for i, t in enumerate(figures)
            for j, v in enumerate(figures[i + 1:], i + 1) for g in figures[j + 1:]
            if t.value and (t.value > 0) == (v.value > 0) and g.value == t.value + v.value
            and at_a_legal_rate(t.value, v.value)}


def _figure_cells(cells: list[list[Token]]) -> list[Candidate]:
    """The figures of a line of CELLS that are a figure each, a rate or a currency at most beside it
    ("3.771,12 | 4%"); none where a cell holds a word or fewer than three cells do."""
    figures = []
    for cell in cells:
        text = text_of(cell)
        found = values.amount(text)
        if found is None or not CELL_REST_RE.fullmatch(text[:found[1]] + " " + text[found[2]:]):
            return []
        figures.append(candidate_from_line(cell, *found, GUESS))
    return figures if len(figures) >= 3 else []


def figures_before_captions(reading: Reading) -> tuple[Candidate, Candidate, Candidate] | None:
    """Imponibile, IVA and totale printed LEFT of their captions ("1.206,23 Imponibile"), which no
    label reads rightward or below: the lone figure just before each caption on its line. Both
    equations (imponibile x a legal rate = IVA, imponibile + IVA = totale) prove the roles; taken
    only when exactly one such triple is printed."""
    found: dict[str, list[Candidate]] = {name: [] for name in SUMMARY_ROLES}
    for label in reading.field_labels:
        figure = _lone_figure_before(reading, label) if label.name in found else None
        if figure is not None:
            found[label.name].append(figure)
    triples = {(t.value, v.value, g.value): (t, v, g) for t, v, g in product(*found.values())
               if t.value > 0 and t.value + v.value == g.value and at_a_legal_rate(t.value, v.value)}
    return next(iter(triples.values())) if len(triples) == 1 else None


def figures_under_captions(reading: Reading) -> tuple[Candidate, Candidate, Candidate] | None:
    """Imponibile, IVA and totale typed in a row of boxes under a row of their captions (a form's
    totals: each caption in its box's top edge, its figure right-aligned below, so nearer the next
    caption's column than its own): the figures of the lines just below a row that holds a total's
    caption and another of the three (a scan may blur one: "Imponbie"), as OCR may have misread them
    ("4.229,40)"), the total on a scan also one slip away ("109.305,32]" for 10.305,32), or, last, the
    imponibile a scan mangled past reading ("95457" for 95,17) left over by an IVA and a totale read as
    printed. Both equations (imponibile x a legal rate = IVA, imponibile + IVA = totale) prove the roles,
    not the columns; taken only when exactly one such triple is printed."""
    lines = reading.layout.lines
    for row in sorted({lb.line for lb in reading.field_labels if lb.name == "total"}):
        if len({lb.name for lb in reading.field_labels if lb.line == row} & set(SUMMARY_ROLES)) < 2:
            continue
        below = [line for line in lines[row + 1:row + 1 + UNDER_CAPTIONS] if line.page == lines[row].page]
        cells = [cell for line in below for cell in line.cells()]
        figures = [figure for cell in cells for figure in _figures_in(cell)]
        parts = [(t, v) for t, v in permutations(figures, 2)
                 if t.value > 0 and t.tokens != v.tokens and (abs(v.value) >= LEAST_PROVING_VAT or not reading.scanned)
                 and at_a_legal_rate(t.value, v.value)]
        for slips in (False, True) if reading.scanned else (False,):
            triples = {(t.value, v.value, g.value): (t, v, g) for t, v in parts
                       for g in _sums_in(cells, t.value + v.value, slips) if g.tokens not in (t.tokens, v.tokens)}
            if len(triples) == 1:
                return next(iter(triples.values()))
        left_over = _imponibile_left_over(cells) | _iva_left_over(cells) if reading.scanned else {}
        if len(left_over) == 1:
            return next(iter(left_over.values()))
    return None


def figures_the_items_prove(reading: Reading, sums: tuple[Decimal, Decimal] | None
                            ) -> tuple[Candidate, Candidate, Candidate] | None:
    """Imponibile, IVA and totale the rated items' SUMS make (`item_rates.items_sums`), where a scan slipped
    or lost the summary's figures ("395738" for 395,38, "2,192,567]" for 2.192,56, the imponibile "LOT Ls"):
    taken where the figures on and under the summary's captions read the IVA and the totale, two cells
    apart, each as printed or one slip away, and the imponibile too if it is read. The items, the rates and
    the two figures prove one another."""
    if sums is None or abs(sums[1]) < LEAST_PROVING_VAT:
        return None
    taxable, vat = sums
    lines = reading.layout.lines
    rows = {i for lb in reading.field_labels if lb.name in SUMMARY_ROLES
            for i in range(lb.line, min(lb.line + 1 + UNDER_CAPTIONS, len(lines))) if lines[i].page == lines[lb.line].page}
    cells = [cell for i in sorted(rows) for cell in lines[i].cells()]
    base_cell, vat_cell, total_cell = (next((c for c in cells if _reads(c, want)), None)
                                       for want in (taxable, vat, taxable + vat))
    if vat_cell is None or total_cell is None or vat_cell is total_cell:
        return None
    vat_read, total_read = _whole(vat_cell, vat), _whole(total_cell, taxable + vat)
    if base_cell is not None and base_cell is not vat_cell and base_cell is not total_cell:
        return _whole(base_cell, taxable), vat_read, total_read
    return Candidate(taxable, f"{total_read.raw} - {vat_read.raw}", total_read.tokens + vat_read.tokens,
                     min(total_read.confidence, vat_read.confidence)), vat_read, total_read


def _whole(cell: list[Token], value: Decimal) -> Candidate:
    return candidate_from_line(cell, value, 0, len(text_of(cell)), GUESS)


def _reads(cell: list[Token], want: Decimal) -> bool:
    """CELL's figure reads WANT as printed, as OCR misread it, or one slip away."""
    found = slipped_figure(text_of(cell))
    return found is not None and abs(want) in {abs(v) for readings in found[0] for v in readings}


def _imponibile_left_over(cells: list[list[Token]]) -> dict[tuple[Decimal, ...], tuple[Candidate, Candidate, Candidate]]:
    """Every (imponibile, IVA, totale) whose IVA and totale CELLS print as money (or as OCR likeliest misread
    them: "4.229,40)"), the imponibile their difference at a legal rate, read in a third cell that is no
    money (the scan mangled it: "95457" for 95,17) or one slip from it ("10,10" for 10,40)."""
    printed = [figures[0] for cell in cells if (figures := _figures_in(cell))]
    found = {}
    for v, g in permutations(printed, 2):
        want = g.value - v.value
        if not (LEAST_PROVING_VAT <= v.value < g.value and at_a_legal_rate(want, v.value)):
            continue
        for cell in (c for c in cells if not any(t in v.tokens + g.tokens for t in c)):
            slipped = slipped_figure(text_of(cell))
            if slipped and (not values.amount(text_of(cell)) or want in slipped[0][1]):
                found[(want, v.value, g.value)] = (candidate_from_line(cell, want, *slipped[1:], GUESS), v, g)
    return found


def _iva_left_over(cells: list[list[Token]]) -> dict[tuple[Decimal, ...], tuple[Candidate, Candidate, Candidate]]:
    """Every (imponibile, IVA, totale) whose imponibile and totale CELLS print as money, the IVA their
    difference at a legal rate of the imponibile, read in a third cell a scan mangled past reading as money
    ("17326, 70" for 1.316,70): as `_imponibile_left_over`, the IVA's turn."""
    printed = [candidate_from_line(cell, *found, GUESS) for cell in cells if (found := values.amount(text_of(cell)))]
    found = {}
    for t, g in permutations(printed, 2):
        want = g.value - t.value
        if not (t.value > 0 and want >= LEAST_PROVING_VAT and at_a_legal_rate(t.value, want)):
            continue
        for cell in (c for c in cells if not any(tk in t.tokens + g.tokens for tk in c)):
            mangled = misread_figure(text_of(cell)) if not values.amount(text_of(cell)) else None
            if mangled:
                found[(t.value, want, g.value)] = (t, candidate_from_line(cell, want, *mangled[1:], GUESS), g)
    return found


def _figures_in(cell: list[Token]) -> list[Candidate]:
    """The amount CELL prints, and its first figure as OCR may have misread it (`misread_figure`); none where
    its figure ends in one digit of cents ("16.430,1"): a digit lost, which no reading of the figure gives
    back (`_imponibile_left_over` may)."""
    text = text_of(cell)
    if CUT_CENTS_RE.search(text):
        return []
    printed = [found] if (found := values.amount(text)) else []
    misread = [(value, *found[1:]) for value in found[0]] if (found := misread_figure(text)) else []
    return [candidate_from_line(cell, *figure, GUESS) for figure in printed + misread]


def _sums_in(cells: list[list[Token]], want: Decimal, slips: bool) -> list[Candidate]:
    """The figures of CELLS that read WANT: as printed or misread, or (SLIPS) one slip away."""
    if not slips:
        return [figure for cell in cells for figure in _figures_in(cell) if figure.value == want]
    found = []
    for cell in cells:
        slipped = slipped_figure(text_of(cell))
        if slipped and want in slipped[0][1]:
            found.append(candidate_from_line(cell, want, *slipped[1:], GUESS))
    return found


def _lone_figure_before(reading: Reading, label: Label) -> Candidate | None:
    """The figure that is all LABEL's line holds just before it: the rest of its own cell, else the cell before."""
    tokens = reading.layout.lines[label.line].tokens
    before = tokens[:tokens.index(label.first)]
    figure = [t for t in before if t.cell == label.first.cell] or [t for t in before if t.cell == label.first.cell - 1]
    text = text_of(figure)
    found = values.amount(text)
    if found is None or text[:found[1]].strip(" €") or text[found[2]:].strip(" €") not in ("", "EUR"):
        return None
    return candidate_from_line(figure, *found, GUESS)


def _printed_anywhere(reading: Reading, want: Decimal, *known: Candidate) -> Candidate | None:
    """The last figure on the page that reads WANT (as printed or misread) outside the KNOWN amounts' lines."""
    own = {id(t) for c in known for t in c.tokens}
    for line in reversed(reading.layout.lines):
        span = misread_as(line.text, want)
        if span and not any(id(t) in own for t in line.tokens):
            return candidate_from_line(line.tokens, want, *span, GUESS)
    return None


def _by_label(reading: Reading, name: str, want: Decimal, last: bool = False,
              mangled_cents: bool = False) -> Candidate | None:
    """WANT's figure read by a label of field NAME (the LAST such, for a total), trusted as a value
    recognised by its shape (PATTERN), not as one its label names: its agreeing with a sum proves it."""
    labelled = reading.best(name, _figure_of(want, reading.scanned, mangled_cents), last=last)
    if labelled is not None:
        labelled.confidence *= PATTERN
    return labelled


def _figure_of(want: Decimal, scanned: bool, mangled_cents: bool = False) -> Parser:
    """A parser of WANT's figure by a label: as OCR misread it, or, on a SCANNED page, cut short of
    its leading digits or short of one inside it (on a text layer a shorter figure is another amount:
    "Netto a pagare" after a deposit), or with its cents mangled where a legal rate proves WANT
    (MANGLED_CENTS: the euros alone do not)."""
    def parse(text: str) -> tuple[Decimal, int, int] | None:
        span = misread_as(text, want) or (cut_short_as(text, want) or digit_lost_as(text, want) if scanned else None) or (
            cents_misread_as(text, want) if scanned and mangled_cents else None)
        return (want, *span) if span else None
    return parse
