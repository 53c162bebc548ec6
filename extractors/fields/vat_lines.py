"""The VAT lines (riepilogo IVA) of an invoice: one row per rate with its imponibile and imposta.

Read as printed (a summary table under its column headers, or records opened by
their rate), else by arithmetic: rows whose imponibile x aliquota = imposta,
captions that name their rate, the items' own rates, or one rate alone; each
kept only where the rows add up to the imponibile and IVA the page's summary
makes (`invoice.py` chooses those).
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import takewhile

from demat.extractors.fields import values
from demat.extractors.fields.amounts import find_amounts, has_cents, misread_figure, spaces_closed
from demat.extractors.fields.checks import CENT, LEGAL_VAT_RATES, legal_rates_making, tax_at
from demat.extractors.fields.item_rates import rows_by_item_rate
from demat.extractors.fields.labels import GUESS, Candidate, Label
from demat.extractors.fields.layout import Token, box_of, confidence_of, text_of
from demat.extractors.fields.reading import Reading
from demat.kernel.document import Field

BARE_RATE_RE = re.compile(r"(\d{1,2}(?:[.,]\d{1,2})?)\s?%?")  # a cell that is only a rate: "22", "22,00", "10 %"
PERCENT_RE = re.compile(r"(?<![\d,.])(\d{1,2}(?:[.,]\d{1,2})?)\s?%")
# A VAT record runs over at most this many lines after its rate's.
RECORD_LINES = 6


def printed_summary(reading: Reading) -> Field | None:
    """The VAT summary as printed: a table under its headers, else records one per rate."""
    return vat_table(reading) or vat_records(reading)


def vat_lines_of(reading: Reading, found: Field | None, taxable: Candidate | None,
                 vat: Candidate | None) -> Field | None:
    """The VAT lines that add up to the imponibile and IVA chosen: FOUND (its signs agreed with the
    imponibile's), else the rows the arithmetic proves, else the one rate that makes IVA of imponibile."""
    if found and taxable is not None:
        _agree_signs(found, taxable.value)
    if not _adds_up(found, taxable, vat):
        found = (rows_that_add_up(reading, taxable, vat) or rates_in_captions(reading, taxable, vat)
                 or items_by_rate(reading, taxable, vat)
                 or (single_rate(reading, taxable, vat) if _lacks_a_tax(found, taxable) or _one_figure_slipped(
                     found, taxable, vat) else None) or found)
    found = found or single_rate(reading, taxable, vat)
    if found:
        _natures_named_apart(reading, found)
    return found


def _natures_named_apart(reading: Reading, vat_lines: Field) -> None:
    """A 0% row without its nature takes the one nature the page names ("Operazione N6.1: inversione
    contabile" under a single rate; a table's code a scan misread, "NI" for N1, named again in a note)."""
    natures = {found[0] for line in reading.layout.lines if (found := values.vat_nature(line.text))}
    if len(natures) == 1:
        [nature] = natures
        vat_lines.value = [{**row, "nature": row["nature"] or (nature if row["rate"] == 0 else None)}
                           for row in vat_lines.value]


def vat_table(reading: Reading) -> Field | None:
    """The VAT summary table: a header with rate (or the table's title: "Riepilogo
    IVA"), imponibile and imposta columns, then one row per rate, each cell read
    under the header it sits closest to."""
    by_line: dict[int, dict[str, Label]] = {}
    for label in sorted(reading.field_labels, key=lambda lb: not _heads_a_column(reading, lb)):
        column = "vat_rate" if label.name == "vat_summary" else label.name
        if column in ("vat_rate", "taxable_amount", "vat_amount", "vat_nature"):
            by_line.setdefault(label.line, {}).setdefault(column, label)
    for line_index, columns in by_line.items():
        if not {"vat_rate", "taxable_amount", "vat_amount"} <= set(columns):
            continue
        rows = _rows_under(reading, line_index, columns)
        if rows:
            return rows
    return None


def vat_records(reading: Reading) -> Field | None:
    """The VAT summary printed as records, one per rate: a line opened by the rate's
    label ("Aliquota IVA (%): 4.00"), then the lines of its imponibile, imposta and
    nature, down to the next rate."""
    lines = reading.layout.lines
    starts = [(lb.line, found[0]) for lb in reading.field_labels
              if lb.name == "vat_rate" and lb.first is lines[lb.line].tokens[0]
              and (found := values.vat_rate(lb.tail + " " + text_of(_up_to_the_next_caption(reading, lb))))]
    taxables = reading.candidates("taxable_amount", values.amount, right_only=True)
    vats = reading.candidates("vat_amount", values.amount, right_only=True)
    rows, used = [], []
    ends = [line for line, _ in starts[1:]] + [line + RECORD_LINES for line, _ in starts[-1:]]
    for (line, rate), end in zip(starts, ends):
        taxable = next((c for c in taxables if c.label and line < c.label.line < end), None)
        vat = next((c for c in vats if c.label and line < c.label.line < end), None)
        if taxable is None or vat is None:
            return None
        nature = next((found[0] for ln in lines[line:end] if (found := values.vat_nature(ln.text))), None)
        rows.append({"rate": rate.quantize(CENT), "taxable_amount": taxable.value, "vat_amount": vat.value,
                     "nature": nature if rate == 0 else None})
        used += taxable.tokens + vat.tokens
    if not rows:
        return None
    return Field(value=rows, raw=" | ".join(t.text for t in used), confidence=round(confidence_of(used) * 0.9, 3),
                 source_box=box_of(used), page=used[0].page)


def _up_to_the_next_caption(reading: Reading, label: Label) -> list[Token]:
    """The words after LABEL on its line, up to another field's caption: a rate read past one is a
    scan's speck in a row of captions ("Aliquota imponibile 7 Imposta", a summary table's header),
    which opens no record."""
    after = reading.layout.lines[label.line].tokens[len(label.tokens):]
    captions = {id(lb.first) for lb in reading.field_labels if lb.line == label.line and lb is not label}
    return list(takewhile(lambda t: id(t) not in captions, after))


def _heads_a_column(reading: Reading, label: Label) -> bool:
    """The label ends its cell ("Totale imposta"), not a word inside a longer caption
    ("esigibilità iva / riferimenti normativi")."""
    cell = [t for t in reading.layout.lines[label.line].tokens if t.cell == label.last.cell]
    return label.last is cell[-1]


def table_sums(vat_lines: Field, total: Candidate, taxable: Candidate | None,
                vat: Candidate | None) -> tuple[Candidate | None, Candidate | None]:
    """Imponibile and IVA as the sums of a VAT summary of several rates whose rows,
    with their VAT, make the total: a column headed "Totale imponibile" gives only
    its first row to the label alone."""
    rows = vat_lines.value
    if len(rows) < 2 and (taxable or vat) or any(r["vat_amount"] is None for r in rows):
        return taxable, vat
    sums = [sum((r[name] for r in rows), Decimal(0)) for name in ("taxable_amount", "vat_amount")]
    if sums[0] + sums[1] != total.value or taxable is not None and vat is not None and [
            taxable.value, vat.value] == sums:
        return taxable, vat
    tokens = [t for c in (taxable, vat) if c is not None for t in c.tokens]
    return tuple(Candidate(value, vat_lines.raw, tokens, vat_lines.confidence) for value in sums)


def _lacks_a_tax(vat_lines: Field | None, taxable: Candidate | None) -> bool:
    """A summary row whose imposta was not read (faint, or a caption beside the table in its column), or
    the one row of the imponibile read whose imposta a scan misread ("411,84" for 111,84, not its rate
    of the imponibile): `single_rate` then gives it the IVA read where one legal rate makes it."""
    if vat_lines is None:
        return False
    rows = vat_lines.value
    return any(r["vat_amount"] is None for r in rows) or (
        len(rows) == 1 and taxable is not None and rows[0]["taxable_amount"] == taxable.value
        and rows[0]["rate"] is not None and abs(tax_at(taxable.value, rows[0]["rate"]) - rows[0]["vat_amount"]) > CENT)


def _one_figure_slipped(vat_lines: Field | None, taxable: Candidate | None, vat: Candidate | None) -> bool:
    """The one row of a summary that holds the imponibile or the IVA chosen, its other figure misread
    ("-586,00" for -585,00 beside -58,50 at 10%): its rate makes the IVA chosen of the imponibile chosen,
    so `single_rate` gives the row those two."""
    rows = vat_lines.value if vat_lines else []
    if len(rows) != 1 or taxable is None or vat is None or rows[0]["rate"] is None:
        return False
    row = rows[0]
    return (row["taxable_amount"] == taxable.value or row["vat_amount"] == vat.value) and abs(
        tax_at(taxable.value, row["rate"]) - vat.value) <= CENT


def _adds_up(vat_lines: Field | None, taxable: Candidate | None, vat: Candidate | None) -> bool:
    if vat_lines is None:
        return False
    rows = vat_lines.value
    return (taxable is None or sum(r["taxable_amount"] for r in rows) == taxable.value) and (
        vat is None or sum(r["vat_amount"] or 0 for r in rows) == vat.value)


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
        rows = [row for row, _ in group]
        rows += [] if _fits(rows, taxable, vat, total) else _row_left_unread(rows, taxable, vat)
        if _fits(rows, taxable, vat, total):
            used = [t for _, tokens in group for t in tokens]
            return Field(value=rows, raw=" | ".join(text_of(tokens) for _, tokens in group),
                         confidence=round(confidence_of(used) * 0.85, 3), source_box=box_of(used), page=used[0].page)
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


def _row_left_unread(rows: list[dict], taxable: Candidate | None, vat: Candidate | None) -> list[dict]:
    """The one row of a VAT summary OCR left unreadable: what the rows read leave of the
    imponibile and the imposta, when one legal rate not among theirs makes the one the other."""
    if taxable is None or vat is None:
        return []
    base = taxable.value - sum((r["taxable_amount"] for r in rows), Decimal(0))
    tax = vat.value - sum((r["vat_amount"] for r in rows), Decimal(0))
    rates = [r for r in legal_rates_making(base, tax) if r != 0 and r.quantize(CENT) not in {x["rate"] for x in rows}]
    if base == 0 or len(rates) != 1:
        return []
    return [{"rate": rates[0].quantize(CENT), "taxable_amount": base, "vat_amount": tax, "nature": None}]


def _fits(rows: list[dict], taxable: Candidate | None, vat: Candidate | None, total: Candidate | None) -> bool:
    """The rows add up to the imponibile and imposta read, or, neither read, make the total."""
    if taxable is None and vat is None:
        return total is not None and sum(r["taxable_amount"] + r["vat_amount"] for r in rows) == total.value
    return _adds_up(Field(value=rows, raw="", confidence=0.0), taxable, vat)


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


def _rows_under(reading: Reading, header: int, columns: dict[str, Label]) -> Field | None:
    layout = reading.layout
    centres = {name: (lb.box[0] + lb.box[2]) / 2 for name, lb in columns.items()}
    edges = {name: (lb.box[0], lb.box[2]) for name, lb in columns.items()}
    rows, used = [], []
    for line in layout.lines[header + 1: header + 12]:
        if line.page != layout.lines[header].page:
            break
        cells: dict[str, list[Token]] = {}
        for cell in takewhile(lambda c: not any(id(t) in reading.labelled for t in c), line.cells()):
            # a caption on the row ("10% 1.479,07 Totale imponibile EUR 1.479,07") starts the totals beside the table
            cell_box = box_of(cell)
            name = min(centres, key=lambda n: _distance(cell_box, edges[n], centres[n]))
            cells.setdefault(name, []).extend(cell)
        row = _row(cells)
        if row is None:
            break
        rows.append(row)
        used += [t for cell in cells.values() for t in cell]
    if not rows:
        return None
    raw = " | ".join(" ".join(t.text for t in line) for line in [used])
    return Field(value=rows, raw=raw, confidence=round(confidence_of(used) * 0.93, 3),
                 source_box=box_of(used), page=used[0].page)


def _agree_signs(vat_lines: Field, taxable: Decimal) -> None:
    """A minus sign lost in a scan: when the rows add up to the imponibile only with
    every row signed like it, sign them so (a credit note's rows are all negative)."""
    rows = vat_lines.value
    if sum(r["taxable_amount"] for r in rows) == taxable or taxable == 0:
        return
    negative = taxable < 0
    signed = [{**r, **{k: -r[k] for k in ("taxable_amount", "vat_amount")
                       if r[k] is not None and r[k] != 0 and (r[k] < 0) != negative}} for r in rows]
    if sum(r["taxable_amount"] for r in signed) == taxable:
        vat_lines.value = signed
        vat_lines.confidence = round(vat_lines.confidence * 0.9, 3)


def _distance(box, edges, centre) -> float:
    """0 when the cell overlaps the header, else how far its centre is from the header's."""
    if box[0] < edges[1] and edges[0] < box[2]:
        return 0.0
    return abs((box[0] + box[2]) / 2 - centre)


def _row(cells: dict[str, list[Token]]) -> dict | None:
    def read(name, parse):
        tokens = cells.get(name)
        found = parse(" ".join(t.text for t in tokens)) if tokens else None
        return found[0] if found else None

    taxable = read("taxable_amount", values.amount)
    if taxable is None:
        return None
    rate_text = " ".join(t.text for t in cells.get("vat_rate", []))
    row_text = " ".join(t.text for cell in cells.values() for t in cell)
    nature = read("vat_nature", values.vat_nature) or (values.vat_nature(rate_text) or (None,))[0]
    rate = read("vat_rate", values.vat_rate)
    if rate is None and nature:
        rate = Decimal("0")
    if rate == 0 and nature is None:  # the nature code may sit in a column of its own, however headed
        nature = (values.vat_nature(row_text) or (None,))[0]
    vat = read("vat_amount", values.amount)
    if vat is None and rate == 0:  # a 0% row owes no VAT, however its "0" is printed
        vat = Decimal("0.00")
    rate = _rate_proven(rate, taxable, vat)
    if rate is None:
        return None
    return {"rate": rate.quantize(CENT), "taxable_amount": taxable, "vat_amount": vat, "nature": nature}


def _rate_proven(rate: Decimal | None, taxable: Decimal, vat: Decimal | None) -> Decimal | None:
    """RATE as read, or, when OCR misread it as no legal rate ("2Z%" read as 2, "1O" as 1, "40%" for
    10%, "l0%" as 0 with VAT owed), the one legal rate at which the row's imponibile makes its
    imposta: the row's own arithmetic proves it. A rate read that makes the imposta (a foreign 19%
    too) stands, and so does a legal rate that does not: the imposta may be the misread figure, and
    the check on the row must still say so. A rate not read at all ends the table, as before: the
    line may be no row of it."""
    if rate is None or vat is None or abs(tax_at(taxable, rate) - vat) <= CENT:
        return rate
    if rate in LEGAL_VAT_RATES and (rate != 0 or vat == 0):
        return rate
    making = [r for r in legal_rates_making(taxable, vat) if r != 0]  # no VAT proves no rate: any figure makes it at 0%
    return making[0] if len(making) == 1 else rate


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
