"""Invoice fields (fattura, nota_credito, proforma) from the text of the pages.

Each value is looked for next to its labels; amounts are chosen so that
imponibile + IVA = totale when some reading of the page allows it, which keeps
a line-item "Totale" column from passing for the document total. The VAT lines
that make those amounts are read in `vat_lines.py`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from itertools import product

from demat.extractors.fields import foreign, values
from demat.extractors.fields.amounts import misread_figure, slipped_readings
from demat.extractors.fields.checks import LEGAL_VAT_RATES, at_a_legal_rate, tax_at
from demat.extractors.fields.credit_note import is_credit_note, negatives_proving, signed_as_printed
from demat.extractors.fields.due_date import due_date
from demat.extractors.fields.flat_rate import flat_rate_amounts
from demat.extractors.fields.generic import issue_date
from demat.extractors.fields.item_rates import item_rates, items_sums
from demat.extractors.fields.labels import GUESS, PATTERN, Candidate, candidate_from_line, put
from demat.extractors.fields.layout import box_of, confidence_of, overlaps_x, text_of
from demat.extractors.fields.number import document_number
from demat.extractors.fields.parties import party_fields
from demat.extractors.fields.payment import currency, payment_method
from demat.extractors.fields.reading import Reading
from demat.extractors.fields.slips import one_slip_apart
from demat.extractors.fields.totals import (
    captionless_summary,
    figure_printed,
    figures_before_captions,
    figures_the_items_prove,
    figures_under_captions,
    parts_at_the_one_rate,
    parts_the_page_prints,
    proven_part,
    proven_total,
    stamp_duty,
    total_the_rows_make,
    total_the_rows_prove,
)
from demat.extractors.fields.vat_arithmetic import PERCENT_RE, rows_that_add_up
from demat.extractors.fields.vat_lines import sums_over_a_row, table_sums, vat_lines_of
from demat.extractors.fields.vat_summary import one_row_of_several, printed_summary
from demat.kernel.document import Field

HIGHEST_VAT_RATE = Decimal(27)  # Hungary's, the highest in the EU
VAT_BY_RATE_STRETCH = 9  # an IVA taken from the arithmetic alone strays further than any reading of its figure
# A simplified invoice says so in words or by its TipoDocumento code (TD07, TD08 its credit note).
SIMPLIFIED_RE = re.compile(r"\bsemplificat[ao]\b|\bTD0[78]\b", re.IGNORECASE)
# Its rows: "Importo bene/servizio: 3786.59", the amount VAT included, and "Ammontare imposta: 145.64".
ROW_AMOUNT_RE = re.compile(r"^importo\b[^:\d]*:?", re.IGNORECASE)
ROW_VAT_RE = re.compile(r"^(?:ammontare\s+)?imposta\b[^:\d]*:?", re.IGNORECASE)


def extract(reading: Reading) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    put(fields, "number", document_number(reading))
    issued = issue_date(reading)
    due = due_date(reading, issued)
    if issued is not None and due is not None and issued.label is None and issued.tokens == due.tokens:
        issued = None  # a date guessed by its shape alone that the due date's caption claims is not the issue date
    put(fields, "date", issued)
    put(fields, "due_date", due)
    fields.update(party_fields(reading.parties))
    stamp = stamp_duty(reading)
    taxable, vat, total = _amounts(reading, stamp)
    vat = _credited(reading, taxable, vat)
    taxable, vat, total = signed_as_printed(reading, taxable, vat, total)
    vat = vat or _vat_the_rows_make(reading, taxable) or _vat_printed_apart(reading, taxable)
    total = proven_total(reading, taxable, vat, total)
    taxable = proven_part(reading, "taxable_amount", taxable, vat, total)
    vat = proven_part(reading, "vat_amount", vat, taxable, total)
    if reading.scanned and not _add_up_as_read(taxable, vat, total, stamp):
        taxable, vat, total = captionless_summary(reading) or (taxable, vat, total)
    if reading.scanned and total is not None and not _add_up_as_read(taxable, vat, total, stamp):
        taxable, vat = parts_the_page_prints(reading, total, _printed_rates(reading) | _rates_anywhere(reading)) or (
            taxable, vat)
    if reading.scanned and taxable is None and vat is None and total is not None \
            and len(rates := _printed_rates(reading)) == 1:
        taxable, vat = parts_at_the_one_rate(total, rates.pop()) or (None, None)
    if total is None and is_simplified(reading):
        total, vat = _row_sum(reading, ROW_AMOUNT_RE), _row_sum(reading, ROW_VAT_RE) or vat
    vat_lines = printed_summary(reading)
    row = one_row_of_several(reading, taxable, vat)
    one_row = (taxable, vat) if row is not None else ()
    if row is not None and total is not None and total.tokens[0].line == row:  # the row's "Totale" column
        total = _most_specific([c for c in reading.candidates("total", values.amount) if c.tokens[0].line != row],
                               last=True)
    total = total_the_rows_make(reading, vat_lines, total)
    if total is not None and (taxable is None or vat is None or taxable.value + vat.value != total.value):
        found = rows_that_add_up(reading, None, None, total)  # the captions misread: the rows that make the total
        if found:
            vat_lines, taxable, vat = found, None, None
    if vat_lines and total is not None:
        taxable, vat = table_sums(vat_lines, total, taxable, vat)
    elif vat_lines:
        taxable, vat = sums_over_a_row(vat_lines, taxable, vat)
    if taxable in one_row or vat in one_row:  # no sum over the summary's rows replaced its one row
        taxable, vat, vat_lines = None, None, None
    if vat_lines and total is None:
        total = proven_total(reading, taxable, vat, total)
    taxable, vat, total = signed_as_printed(reading, taxable, vat, total)
    taxable, vat = flat_rate_amounts(reading, taxable, vat, total, stamp)
    put(fields, "taxable_amount", taxable)
    put(fields, "vat_amount", vat)
    put(fields, "total", total)
    vat_lines = vat_lines_of(reading, vat_lines, taxable, vat)
    if vat_lines:
        fields["vat_lines"] = vat_lines
    put(fields, "total", total_the_rows_prove(reading, vat_lines, taxable, vat, total))
    fields["currency"] = currency(reading)
    put(fields, "payment_method", payment_method(reading))
    put(fields, "iban", reading.best("iban", values.iban) or reading.first_anywhere(values.iban))
    foreign.adapt(reading, fields)
    return fields


def _amounts(reading: Reading, stamp: Decimal) -> tuple[Candidate | None, Candidate | None, Candidate | None]:
    """Imponibile, IVA and totale: the most specific labels whose values add up (with the
    revenue STAMP the page prints, if any), as printed or else with the figures taken as OCR
    likeliest misread them (see `_misread`), else each one's own best reading."""
    taxables = _with_sums(reading.candidates("taxable_amount", values.amount))
    vats = _with_sums(reading.candidates("vat_amount", values.amount))
    totals = reading.candidates("total", values.amount)
    proving = negatives_proving(reading)
    consistent = _adding_up(taxables, vats, totals, proving, stamp)
    stretch: dict[int, int] = {}
    if not consistent:
        lists = [found + _misread(reading, name, stretch)
                 for found, name in ((taxables, "taxable_amount"), (vats, "vat_amount"), (totals, "total"))]
        consistent = [tvg for tvg in _adding_up(*lists, proving, stamp) if _within_any_rate(*tvg)]
    consistent = (consistent or reading.scanned and _taxable_slipped(taxables, vats, totals)
                  or _vat_by_rate(taxables, vats, totals, stretch, _caption_rates(reading)))
    if not consistent and (beside_captions := figures_before_captions(reading) or figures_under_captions(reading)):
        return beside_captions
    if not consistent and reading.scanned:
        slipped = (one_slip_apart(reading, item_rates(reading), proving)
                   or figures_the_items_prove(reading, items_sums(reading)))
        if slipped:
            return slipped
    if consistent:
        position = {id(g): i for i, g in enumerate(totals)}
        best = min(_minus_printed(reading, consistent), key=lambda tvg: (
            sum(stretch.get(id(c), 0) for c in tvg), sum(c.rank for c in tvg), -position.get(id(tvg[2]), -1)))
        return _signed_alike(*best, stamp=stamp, negatives_proving=proving)
    if not taxables and totals:  # among the most specific totals only: a looser one may add up by chance
        specific = [g for g in reversed(totals) if g.rank == min(c.rank for c in totals)]
        for total, vat in product(specific, vats):
            taxable = _unlabelled_taxable(reading, vat, total)
            if taxable:
                return taxable, vat, total
    return (_most_specific(taxables), _most_specific(vats), _most_specific(totals, last=True))


def _minus_printed(reading: Reading, consistent: list[tuple[Candidate, ...]]) -> list[tuple[Candidate, ...]]:
    """On a credit note, the triples of CONSISTENT that print a minus, where the others are the same figures
    unsigned: a summary's row read under its headers ("4.772,19 0,00") beside totals that print the credit
    note's sign ("Tot. imponibile € -4.772,19", the total's minus lost) is the same amounts, negative."""
    signed = [tvg for tvg in consistent if any(c.value < 0 for c in tvg)]
    sizes = {tuple(abs(c.value) for c in tvg) for tvg in signed}
    if not signed or not is_credit_note(reading) or any(tuple(abs(c.value) for c in tvg) not in sizes
                                                        for tvg in consistent):
        return consistent
    return signed


def _adding_up(taxables: list[Candidate], vats: list[Candidate], totals: list[Candidate],
               negatives_proving: int, stamp: Decimal) -> list[tuple[Candidate, Candidate, Candidate]]:
    """Every (imponibile, IVA, totale) that `_add_up`; the totals looked up by their size, so that
    a page of many captioned figures costs pairs, not triples."""
    by_size: dict[Decimal, list[Candidate]] = {}
    for total in totals:
        by_size.setdefault(abs(total.value), []).append(total)
    found = []
    for taxable, vat in product(taxables, vats):
        sizes = {abs(taxable.value + vat.value), abs(taxable.value) + abs(vat.value), taxable.value + vat.value + stamp}
        found += [(taxable, vat, total) for size in sizes for total in by_size.get(size, [])
                  if _add_up(taxable, vat, total, negatives_proving, stamp)]
    return found


def _add_up(taxable: Candidate, vat: Candidate, total: Candidate, negatives_proving: int, stamp: Decimal) -> bool:
    """Imponibile + IVA = totale, two different figures, or + the revenue STAMP printed ("Bollo
    2,00": a positive total only, at a legal rate); or so but for the minus signs OCR lost, when
    NEGATIVES_PROVING of the three read negative (two; one on a page that calls itself a credit
    note, which prints all three so), or for the one a scan's speck added on a page that is no
    credit note ("Totale imponibile | - | € 6.191,85")."""
    if taxable.tokens == total.tokens:
        return False
    amounts = (taxable.value, vat.value, total.value)
    if amounts[0] + amounts[1] == amounts[2] or stamp and _stamped(taxable.value, vat.value, total.value, stamp):
        return True
    negatives = sum(a < 0 for a in amounts)
    return (abs(amounts[0]) + abs(amounts[1]) == abs(amounts[2])
            and (negatives >= negatives_proving or negatives == 1 and negatives_proving > 1))


def _within_any_rate(taxable: Candidate, vat: Candidate, total: Candidate) -> bool:
    """The IVA is at most the imponibile at the highest VAT rate any invoice prints: a sum of figures
    re-read ("115,92" as 15,92 and "427,51" as 27,51, a sign read as a leading digit) that makes an IVA of
    72% is chance, not the summary."""
    return abs(vat.value) <= tax_at(abs(taxable.value), HIGHEST_VAT_RATE)


def _add_up_as_read(taxable: Candidate | None, vat: Candidate | None, total: Candidate | None, stamp: Decimal) -> bool:
    return taxable is not None and vat is not None and total is not None and (
        taxable.value + vat.value == total.value or _stamped(taxable.value, vat.value, total.value, stamp))


def _stamped(taxable: Decimal, vat: Decimal, total: Decimal, stamp: Decimal) -> bool:
    """TOTAL is imponibile + IVA + the revenue STAMP printed, the IVA at a legal rate: the stamp's
    caption and both equations prove a total that is no sum of the other two figures."""
    return stamp > 0 and taxable > 0 and taxable + vat + stamp == total and at_a_legal_rate(taxable, vat)


def _credited(reading: Reading, taxable: Candidate | None, vat: Candidate | None) -> Candidate | None:
    """A credit note's IVA whose minus a scan lost ("IVA 22% £ 9,92" for -€ 9,92) under an imponibile read
    negative: negative too where it is the imponibile at a legal rate. The page calling itself a credit note
    and the rate prove the sign (elsewhere the imponibile's minus may be a speck)."""
    if taxable is None or vat is None or not taxable.value < 0 < vat.value or not is_credit_note(reading) \
            or not at_a_legal_rate(-taxable.value, vat.value):
        return vat
    return replace(vat, value=-vat.value)


def _printed_rates(reading: Reading) -> set[Decimal]:
    """The legal rates other than zero the page prints: after its items' amounts, or on the line of
    an IVA or rate caption ("IVA 22%", "Aliquota 10%")."""
    captions = {Decimal(m.group(1).replace(",", ".")) for lb in reading.field_labels if lb.name in ("vat_amount", "vat_rate")
                for m in PERCENT_RE.finditer(reading.layout.lines[lb.line].text)}
    return (item_rates(reading) | captions) & LEGAL_VAT_RATES - {Decimal(0)}


def _caption_rates(reading: Reading) -> set[Decimal]:
    """The rates other than zero printed on the line of an IVA or rate caption ("VAT (20%)", "IVA 22%")."""
    return {rate for lb in reading.field_labels if lb.name in ("vat_amount", "vat_rate")
            for m in PERCENT_RE.finditer(reading.layout.lines[lb.line].text)
            if 0 < (rate := Decimal(m.group(1).replace(",", "."))) <= HIGHEST_VAT_RATE}


def _rates_anywhere(reading: Reading) -> set[Decimal]:
    """The legal rates other than zero the page prints with "%" on any line ("WA 22%": a caption misread)."""
    return {Decimal(m.group(1).replace(",", ".")) for line in reading.layout.lines
            for m in PERCENT_RE.finditer(line.text)} & LEGAL_VAT_RATES - {Decimal(0)}


def _signed_alike(*found: Candidate, stamp: Decimal, negatives_proving: int) -> tuple[Candidate, ...]:
    """FOUND as they add up (with the revenue STAMP printed): all negative when a minus sign was lost
    (NEGATIVES_PROVING of them read negative, see `_add_up`), all positive when a speck added one."""
    if _add_up_as_read(*found, stamp):
        return found
    sign = -1 if sum(c.value < 0 for c in found) >= negatives_proving else 1
    return tuple(replace(c, value=sign * abs(c.value)) for c in found)


def _misread(reading: Reading, name: str, stretch: dict[int, int]) -> list[Candidate]:
    """Every reading of the figures by NAME's labels as OCR may have misread them: each a
    candidate whose id STRETCH maps to how far it strays from the print (the likelier
    readings first). Kept only where the sum it makes proves it."""
    found = []
    for candidate in reading.candidates(name, misread_figure):
        for i, value in enumerate(candidate.value):
            found.append(replace(candidate, value=value, confidence=candidate.confidence * PATTERN))
            stretch[id(found[-1])] = 1 + i
    return found


def _taxable_slipped(taxables: list[Candidate], vats: list[Candidate],
                     totals: list[Candidate]) -> list[tuple[Candidate, Candidate, Candidate]]:
    """IVA and totale read whose difference is the imponibile read with one digit slipped ("1.099,82"
    for 1.099,83), the IVA read being that difference at one legal rate to the cent: the rate and the
    sum prove the slip, where `_vat_by_rate` would make up an IVA ("44,00") the page does not print."""
    found = []
    for taxable, vat, total in product(taxables, vats, totals):
        want = total.value - vat.value
        if (taxable.value < 0) == (want < 0) and abs(want) in slipped_readings(taxable.raw) and any(
                rate != 0 and tax_at(want, rate) == vat.value for rate in LEGAL_VAT_RATES):
            found.append((replace(taxable, value=want, confidence=taxable.confidence * GUESS), vat, total))
    return found


def _vat_by_rate(taxables: list[Candidate], vats: list[Candidate], totals: list[Candidate],
                 stretch: dict[int, int], printed: set[Decimal]) -> list[tuple[Candidate, Candidate, Candidate]]:
    """Imponibile and totale read whose difference is the imponibile at one legal rate, or at the rate the
    IVA's caption PRINTS ("VAT (20%)": a foreign one): the IVA is that difference, its figure misread
    beyond reading ("896,57" for 806,57, "£462.26" for £462.28). The difference and the rate prove each
    other; the IVA keeps its label's place on the page."""
    found = []
    for taxable, total in product(taxables, totals):
        want = total.value - taxable.value
        if taxable.tokens == total.tokens or want == 0 or not (
                at_a_legal_rate(taxable.value, want) or any(tax_at(taxable.value, rate) == want for rate in printed)):
            continue
        for vat in vats:
            found.append((taxable, replace(vat, value=want, confidence=vat.confidence * GUESS), total))
            stretch[id(found[-1][1])] = VAT_BY_RATE_STRETCH
    return found


def is_simplified(reading: Reading) -> bool:
    """A simplified invoice (fattura semplificata) prints each row's amount with its VAT
    included and may print no total: then its total and VAT are the sums of its rows."""
    return any(SIMPLIFIED_RE.search(line.text) for line in reading.layout.lines)


def _row_sum(reading: Reading, row_label: re.Pattern) -> Candidate | None:
    """The sum of the amounts on the lines that ROW_LABEL opens."""
    rows, used = [], []
    for line in reading.layout.lines:
        label = row_label.match(line.text)
        found = values.amount(line.text[label.end():]) if label else None
        if found:
            rows.append(found[0])
            used += line.tokens[-1:]
    if not rows:
        return None
    return Candidate(sum(rows, Decimal(0)), " + ".join(t.text for t in used), used, confidence_of(used) * GUESS)


def _vat_the_rows_make(reading: Reading, taxable: Candidate | None) -> Candidate | None:
    """The IVA whose caption a scan lost ("TVA-22% su 982,28"): the imposte of the summary's rows, each
    its rate of its imponibile (`rows_that_add_up`), whose imponibili make the TAXABLE read."""
    rows = rows_that_add_up(reading, taxable, None) if taxable is not None else None
    if rows is None:
        return None
    return Candidate(sum((r["vat_amount"] for r in rows.value), Decimal(0)), rows.raw, taxable.tokens,
                     rows.confidence * GUESS)


def _vat_printed_apart(reading: Reading, taxable: Candidate | None) -> Candidate | None:
    """The IVA a scan parted from its caption ("IVA 22% su 3.219,84" and "708,36" on a line of its own):
    the figure printed on the page that is the TAXABLE read at the one rate the page prints by its captions
    or items; the rate, the imponibile and the figure prove one another."""
    rates = _printed_rates(reading)
    if taxable is None or len(rates) != 1 or not (want := tax_at(taxable.value, rates.pop())):
        return None
    return figure_printed(reading, want, taxable.tokens)


def _with_sums(found: list[Candidate]) -> list[Candidate]:
    """FOUND and, where one wording labels several values ("Totale imposta:" once per
    VAT rate in a summary printed as records), their sum: the document's own figure
    when the arithmetic with the total proves it."""
    sums = []
    for rank in sorted({c.rank for c in found}):
        group = [c for c in found if c.rank == rank]
        if len(group) > 1:
            tokens = [t for c in group for t in c.tokens]
            sums.append(Candidate(sum((c.value for c in group), Decimal(0)), " + ".join(c.raw for c in group), tokens,
                                  min(c.confidence for c in group), rank, label=group[0].label))
    return found + sums


def _unlabelled_taxable(reading: Reading, vat: Candidate, total: Candidate) -> Candidate | None:
    """An imponibile under a caption we do not know ("Importo", "Merce"): the amount
    in the IVA's column on the lines just above it that, with the IVA, makes the total."""
    line = vat.tokens[0].line
    for above in reversed(reading.layout.lines[max(0, line - 3):line]):
        for cell in above.cells():
            found = values.amount(text_of(cell))
            if found and overlaps_x(box_of(cell), vat.box) and found[0] + vat.value == total.value:
                return candidate_from_line(cell, *found, GUESS)
    return None


def _most_specific(found: list[Candidate], last: bool = False) -> Candidate | None:
    if not found:
        return None
    return min(reversed(found) if last else found, key=lambda c: c.rank)
