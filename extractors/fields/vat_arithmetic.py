"""The VAT lines worked out by arithmetic where no summary is read as printed: rows
whose imponibile x aliquota = imposta, captions that name their rate, the items' own
rates, or one rate alone; each kept only where the rows add up to the imponibile and
IVA the page's summary makes.
"""

from __future__ import annotations

import re
from decimal import Decimal

from demat.extractors.fields import values
from demat.extractors.fields.amounts import find_amounts, has_cents, misread_figure, spaces_closed
from demat.extractors.fields.checks import CENT, LEGAL_VAT_RATES, legal_rates_making, tax_at
from demat.extractors.fields.item_rates import rows_by_item_rate
from demat.extractors.fields.labels import GUESS, Candidate
from demat.extractors.fields.layout import Token, box_of, confidence_of, text_of
from demat.extractors.fields.reading import Reading
from demat.extractors.fields.totals import figure_printed
from demat.kernel.document import Field

BARE_RATE_RE = re.compile(r"(\d{1,2}(?:[.,]\d{1,2})?)\s?%?")  # a cell that is only a rate: "22", "22,00", "10 %"
PERCENT_RE = re.compile(r"(?<![\d,.])(\d{1,2}(?:[.,]\d{1,2})?)\s?%")
LEAST_PRINTED = Decimal(1)  # a figure of cents printed somewhere on the page proves no row
MOST_NATURED_LINES = 12  # lines naming a nature code beyond which no split of the 0% rows is sought


def rows_that_add_up(reading: Reading, taxable: Candidate | None, vat: Candidate | None,
                     total: Candidate | None = None) -> Field | None:
    """The VAT summary read by arithmetic when its header is not recognised: lines
    holding a legal rate and two amounts with imponibile x aliquota = imposta (or a
    0% rate, an imposta of zero and a nature code), on consecutive lines or else
    anywhere on one page (a wrapped description between rows), whose sums are the
    document's imponibile and imposta, or, neither of them read, make the TOTAL."""
    if taxable is None and vat is None and total is None:
        return None
    groups: list[list[tuple[dict, list[Token]]]] = []
    last_line, last_page = -10, None
    for line in reading.layout.lines:
        row = _arithmetic_row(line.cells())
        if row is None:
            continue
        if line.index - last_line > 2 or line.page != last_page:
            groups.append([])
        groups[-1].append((row, line.tokens))
        last_line, last_page = line.index, line.page
    pages = {group[0][1][0].page for group in groups}
    groups += [[row for group in groups if group[0][1][0].page == page for row in group] for page in sorted(pages)]
    for group in groups:
        rows = [_signed_like(row, taxable) for row, _ in group]
        if not _fits(rows, taxable, vat, total):
            rows += _row_left_unread(reading, rows, taxable, vat) or _row_left_of_the_total(reading, rows, taxable, vat, total)
        if _fits(rows, taxable, vat, total):
            used = [t for _, tokens in group for t in tokens]
            return Field(value=rows, raw=" | ".join(text_of(tokens) for _, tokens in group),
                         confidence=round(confidence_of(used) * 0.85, 3), source_box=box_of(used), page=used[0].page)
    return None


def _signed_like(row: dict, taxable: Candidate | None) -> dict:
    """ROW negative where the imponibile read is: a credit note's rows are all negative, and a scan loses
    the minus of some ("10 Aliquota 10% 12.296,46 1.229,65" under "-2,50 -0,55"); the sums prove the signs."""
    if taxable is None or taxable.value >= 0:
        return row
    return {**row, **{name: -abs(row[name]) for name in ("taxable_amount", "vat_amount") if row[name]}}


def _row_left_unread(reading: Reading, rows: list[dict], taxable: Candidate | None, vat: Candidate | None) -> list[dict]:
    """The one row of a VAT summary OCR left unreadable: what the rows read leave of the
    imponibile and the imposta, when one legal rate not among theirs makes the one the other;
    0% too, no imposta left, where the page names a nature code ("N2.2"), as a 0% row must."""
    if taxable is None or vat is None:
        return []
    base = taxable.value - sum((r["taxable_amount"] for r in rows), Decimal(0))
    tax = vat.value - sum((r["vat_amount"] for r in rows), Decimal(0))
    natured = any(values.vat_nature(line.text) for line in reading.layout.lines)
    rates = [r for r in legal_rates_making(base, tax)
             if (r != 0 or natured) and r.quantize(CENT) not in {x["rate"] for x in rows}]
    if base == 0 or len(rates) != 1:
        return []
    if rates[0] == 0 and (natured_rows := _natured_rows(reading, base)):
        return natured_rows
    return [{"rate": rates[0].quantize(CENT), "taxable_amount": base, "vat_amount": tax, "nature": None}]


def _natured_rows(reading: Reading, base: Decimal) -> list[dict]:
    """The 0% rows that make BASE, each under its nature code, where a summary prints them with no imposta
    ("N1 Escluso art. 15 2,00" and "N4 Esente art. 10 88,02"): one figure of each line that names a nature,
    one row per nature, and one way only of making BASE (a line may repeat a row's figures, as the item that
    bills the stamp duty does). None proven: no row is split by nature."""
    natured = []
    for line in reading.layout.lines:
        found = values.vat_nature(line.text)
        figures = {value for value, raw, _ in find_amounts(line.text) if has_cents(raw) and value}
        if found and figures:
            natured.append((found[0], sorted(figures)))
    if len(natured) > MOST_NATURED_LINES:
        return []
    ways = {frozenset(way) for way in _ways_of_making(natured, base, frozenset())}
    if len(ways) != 1:
        return []
    return [{"rate": Decimal("0").quantize(CENT), "taxable_amount": figure, "vat_amount": Decimal("0.00"), "nature": nature}
            for nature, figure in sorted(ways.pop())]


def _ways_of_making(natured: list[tuple[str, list[Decimal]]], left: Decimal, taken: frozenset) -> list[set]:
    """Every set of (nature, figure), at most one figure a line and one figure a nature, that makes LEFT."""
    if left == 0 and taken:
        return [set(taken)]
    if not natured:
        return []
    (nature, figures), rest = natured[0], natured[1:]
    ways = _ways_of_making(rest, left, taken)
    if nature not in {n for n, _ in taken}:
        for figure in figures:
            if abs(figure) <= abs(left):
                ways += _ways_of_making(rest, left - figure, taken | {(nature, figure)})
    return ways


def _row_left_of_the_total(reading: Reading, rows: list[dict], taxable: Candidate | None, vat: Candidate | None,
                           total: Candidate | None) -> list[dict]:
    """The one row of a VAT summary OCR misread, neither imponibile nor IVA read, only the total: what the
    rows read leave of it is that row's imponibile and imposta at one legal rate not among theirs, where the
    page prints one of the two as read ("10% 800,00 60,00", its imponibile misread): the total, the rate and
    the figure prove the row, where a rate alone would make almost any remainder."""
    if taxable is not None or vat is not None or total is None:
        return []
    left = total.value - sum((r["taxable_amount"] + r["vat_amount"] for r in rows), Decimal(0))
    taken = {r["rate"] for r in rows}
    found = [{"rate": rate.quantize(CENT), "taxable_amount": base, "vat_amount": left - base, "nature": None}
             for rate in sorted(LEGAL_VAT_RATES - {Decimal(0)}) if rate.quantize(CENT) not in taken
             for base in _bases_making(left, rate)
             if any(abs(figure) >= LEAST_PRINTED and figure_printed(reading, figure, []) for figure in (base, left - base))]
    return found if len(found) == 1 else []


def _bases_making(left: Decimal, rate: Decimal) -> list[Decimal]:
    """The imponibili that with their imposta at RATE make LEFT, to the cent."""
    near = (left * 100 / (100 + rate)).quantize(CENT)
    return [base for base in (near - CENT, near, near + CENT) if base and base + tax_at(base, rate) == left]


def _fits(rows: list[dict], taxable: Candidate | None, vat: Candidate | None, total: Candidate | None) -> bool:
    """The rows add up to the imponibile and imposta read, or, neither read, make the total."""
    if taxable is None and vat is None:
        return total is not None and sum(r["taxable_amount"] + r["vat_amount"] for r in rows) == total.value
    return adds_up(Field(value=rows, raw="", confidence=0.0), taxable, vat)


def adds_up(vat_lines: Field | None, taxable: Candidate | None, vat: Candidate | None) -> bool:
    if vat_lines is None:
        return False
    rows = vat_lines.value
    return (taxable is None or sum(r["taxable_amount"] for r in rows) == taxable.value) and (
        vat is None or sum(r["vat_amount"] or 0 for r in rows) == vat.value)


def _arithmetic_row(cells: list[list[Token]]) -> dict | None:
    """A rate and two amounts of one row with imponibile x aliquota = imposta; a scan's stray space in
    a figure ("1.917, 76") is closed, and a cell of no amount with cents right of one is read as OCR may
    have misread its figure ("8457" for 84,57), since the row's arithmetic and the sums prove the reading. A rate
    with its "%" may share its cell with the amounts (a scan reads a tight row as one cell: "22% 3.431,64
    754,96"); a bare rate's cell ("22,00") holds no amount of the row."""
    rates, amounts = [], []
    for i, cell in enumerate(cells):
        text = spaces_closed(text_of(cell))
        bare = BARE_RATE_RE.fullmatch(text)
        if bare:
            rates.append((Decimal(bare.group(1).replace(",", ".")), i))
            if "%" in text:
                continue
        rates += [(Decimal(m.group(1).replace(",", ".")), None) for m in PERCENT_RE.finditer(text)]
        read = [(value, i) for value, raw, _ in find_amounts(text) if has_cents(raw)]
        misread = misread_figure(text) if amounts and not read and not bare else None  # an imposta after its base
        amounts += [(value, i) for value in misread[0]] if misread else read
    nature = values.vat_nature(" ".join(text_of(c) for c in cells))
    if nature:
        rates.append((Decimal("0"), None))  # "Esente art. 10 (N4)": a 0% row by its nature code
    for rate, rate_cell in rates:
        if rate not in LEGAL_VAT_RATES:
            continue
        usable = [value for value, cell in amounts if cell != rate_cell]
        for i, base in enumerate(usable):
            for tax in usable[i + 1:]:
                if base == 0 or rate == 0 and (tax != 0 or not nature):
                    continue
                if abs((base * rate / 100).quantize(CENT) - tax) <= CENT:
                    return {"rate": rate.quantize(CENT), "taxable_amount": base, "vat_amount": tax,
                            "nature": nature[0] if rate == 0 else None}
    return None if rates else _row_of_an_unread_rate([value for value, _ in amounts])


def _row_of_an_unread_rate(amounts: list[Decimal]) -> dict | None:
    """A summary row whose rate a scan lost ("51.039,67 11.228,73"): two of its AMOUNTS that exactly one
    legal rate makes the one of the other. Kept only where the rows' sums make the imponibile and IVA read."""
    for i, base in enumerate(amounts):
        for tax in amounts[i + 1:]:
            rates = [r for r in legal_rates_making(base, tax) if r != 0] if base and tax else []
            if len(rates) == 1:
                return {"rate": rates[0].quantize(CENT), "taxable_amount": base, "vat_amount": tax, "nature": None}
    return None


def rates_in_captions(reading: Reading, taxable: Candidate | None, vat: Candidate | None) -> Field | None:
    """The VAT lines of a summary whose captions name their rate ("Imponibile 22%  1.000,00", "IVA 10%
    20,62", "Imponibile al 10%"): per rate its imponibile and its IVA, or, not printed, the imponibile
    taxed at the rate. Kept only for two rates or more whose sums make the imponibile and IVA read."""
    if taxable is None or vat is None:
        return None
    bases, taxes = _by_caption_rate(reading, "taxable_amount"), _by_caption_rate(reading, "vat_amount")
    if len(bases) < 2:
        return None
    rows = [{"rate": rate.quantize(CENT), "taxable_amount": base.value,
             "vat_amount": taxes[rate].value if rate in taxes else tax_at(base.value, rate), "nature": None}
            for rate, base in sorted(bases.items(), reverse=True)]
    if not _fits(rows, taxable, vat, None):
        return None
    used = [t for c in [*bases.values(), *taxes.values()] for t in c.tokens]
    return Field(value=rows, raw=" | ".join(c.raw for c in bases.values()), confidence=round(confidence_of(used) * 0.9, 3),
                 source_box=box_of(used), page=used[0].page)


def _by_caption_rate(reading: Reading, name: str) -> dict[Decimal, Candidate]:
    """The figures right of NAME's captions that name a legal rate ("IVA 22%", "Imponibile al 10%"), by rate."""
    found: dict[Decimal, Candidate] = {}
    for candidate in reading.candidates(name, values.amount, right_only=True):
        label = candidate.label
        if label is None:
            continue
        between = [t for t in reading.layout.lines[label.line].tokens if label.first.box[0] <= t.box[0] < candidate.box[0]]
        rate = PERCENT_RE.search(label.tail + " " + text_of(between))
        value = Decimal(rate.group(1).replace(",", ".")) if rate else None
        if value in LEGAL_VAT_RATES - {Decimal(0)}:
            found.setdefault(value, candidate)
    return found


def items_by_rate(reading: Reading, taxable: Candidate | None, vat: Candidate | None) -> Field | None:
    """The VAT lines of an invoice that prints no summary, only each item's rate after its amount
    (`item_rates.rows_by_item_rate`): several rates that make both the imponibile and the imposta read."""
    found = rows_by_item_rate(reading, taxable.value, vat.value) if taxable is not None and vat is not None else None
    if found is None:
        return None
    rows, used = found
    return Field(value=rows, raw=f"{taxable.raw} {vat.raw}", confidence=round(confidence_of(used) * GUESS, 3),
                 source_box=box_of(used), page=used[0].page)


def single_rate(reading: Reading, taxable: Candidate | None, vat: Candidate | None) -> Field | None:
    """One rate only: the percentage written by the IVA label ("IVA 22%", "Sales tax
    (8.25%)": a foreign rate too, proven by imponibile x rate = IVA, is flagged by
    its check), else the legal rate that imponibile x rate = IVA gives to the cent."""
    if taxable is None or vat is None:
        return None
    rate = None
    for label in reading.field_labels:
        if label.name in ("vat_amount", "vat_rate"):
            after = label.tail + " " + " ".join(t.text for t in reading.layout.tokens_after(label.line, label.last))
            found = values.vat_rate(after) if "%" in after else None
            if found and tax_at(taxable.value, found[0]) == vat.value:
                rate = found[0]
                break
    if rate is None:
        rates = legal_rates_making(taxable.value, vat.value)
        if len(rates) != 1:
            return None
        rate = rates[0]
    line = {"rate": rate.quantize(CENT), "taxable_amount": taxable.value, "vat_amount": vat.value, "nature": None}
    tokens = taxable.tokens + vat.tokens
    return Field(value=[line], raw=f"{taxable.raw} {vat.raw}", confidence=round(confidence_of(tokens) * GUESS, 3),
                 source_box=box_of(tokens), page=taxable.page)
