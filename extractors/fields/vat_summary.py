"""The VAT summary (riepilogo IVA) as printed: a table under its column headers, or
records opened by their rate, each row read with the figures beside it. Whether the
rows add up to the page's imponibile and IVA is `vat_lines.py`'s to judge.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import takewhile

from demat.extractors.fields import values
from demat.extractors.fields.amounts import MISREAD_FIGURE_RE, misread_figure, misread_readings
from demat.extractors.fields.checks import CENT, LEGAL_VAT_RATES, legal_rates_making, tax_at
from demat.extractors.fields.labels import Candidate, Label
from demat.extractors.fields.layout import Line, Token, box_of, confidence_of, overlaps_x, text_of
from demat.extractors.fields.reading import Reading
from demat.kernel.document import Field

# A VAT record runs over at most this many lines after its rate's.
RECORD_LINES = 6
# A rate opening its word, alone or before the column's rule a scan read beside it ("0.00]", "0,00|N3.1"): the
# opening of the cell a scan made of the rate's and the nature's beside it
RATE_WORD_RE = re.compile(r"\d{1,2}(?:[.,]\d{1,2})?%?(?:[\]|].*)?")
# The cells of a row under another column of the summary's (see `_other_captions`)
OTHER_COLUMN = "other"
# FatturaPA's nature N1 as a scan reads its figure ("NL", "Ni", "N|")
N1_MISREAD_RE = re.compile(r"\bN[IiLl|!](?![\w.,])")
# The specification's meaning of a nature that names one code alone, printed beside (or for) a code a scan lost
NATURE_MEANINGS = (("escluse", "N1"), ("esenti", "N4"))


def printed_summary(reading: Reading) -> Field | None:
    """The VAT summary as printed: a table under its headers, else records one per rate."""
    return vat_table(reading) or vat_records(reading)


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


def one_row_of_several(reading: Reading, taxable: Candidate | None, vat: Candidate | None) -> int | None:
    """The line of the imponibile and IVA chosen where both are one row of a VAT summary table of several
    rows: read under the summary's own headers (a rate's, the imponibile's and the imposta's on one line),
    with a line next to theirs, under the headers too, holding other figures in both their columns, however
    misread. Such figures are one rate's, not the document's: with a "Totale" column the row adds up as the
    document's amounts would."""
    if taxable is None or vat is None or taxable.label is None or vat.label is None:
        return None
    header, row = taxable.label.line, taxable.tokens[0].line
    if vat.label.line != header or row <= header or any(t.line != row for t in taxable.tokens + vat.tokens) \
            or not any(lb.line == header and lb.name in ("vat_rate", "vat_summary") for lb in reading.field_labels):
        return None
    lines = reading.layout.lines
    beside = [lines[i] for i in (row - 1, row + 1) if header < i < len(lines) and lines[i].page == lines[row].page]
    return row if any(_another_row(line, taxable, vat) for line in beside) else None


def _another_row(line: Line, *read: Candidate) -> bool:
    """LINE holds a figure under each of READ, however misread ("6OO,0O"), not all of them READ's own
    (a row printed twice)."""
    under = [{r for cell in line.cells() if overlaps_x(box_of(cell), c.box)
              for figure in MISREAD_FIGURE_RE.findall(text_of(cell)) for r in misread_readings(figure)} for c in read]
    return all(under) and any(abs(c.value) not in figures for c, figures in zip(read, under))


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


def _rows_under(reading: Reading, header: int, columns: dict[str, Label]) -> Field | None:
    layout = reading.layout
    centres = {name: (lb.box[0] + lb.box[2]) / 2 for name, lb in columns.items()}
    edges = {name: (lb.box[0], lb.box[2]) for name, lb in columns.items()}
    others = _other_captions(layout.lines[header], columns)
    rows, used = [], []
    for line in layout.lines[header + 1: header + 12]:
        if line.page != layout.lines[header].page:
            break
        cells: dict[str, list[Token]] = {}
        for cell in line.cells():
            cell_box = box_of(cell)
            if any(overlaps_x(cell_box, other) for other in others) and \
                    not any(_distance(cell_box, edges[n], centres[n]) == 0 for n in edges):
                cells.setdefault(OTHER_COLUMN, []).extend(cell)  # its words may name the row's nature, no figure
                continue
            name = _column_of(cell_box, edges, centres)
            if name != "vat_nature" and any(id(t) in reading.labelled for t in cell):
                # a caption on the row ("10% 1.479,07 Totale imponibile EUR 1.479,07") starts the totals beside the
                # table; under the nature's header it is the nature's meaning ("N3.1 - Non imponibili - esportazioni")
                break
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


def _other_captions(header: Line, columns: dict[str, Label]) -> list:
    """The boxes of the header's cells that hold none of the COLUMNS' captions: another column's ("Esigibilità IVA
    / riferimenti normativi" left of "%IVA"), whose words under it (the collectability, a law) are no rate."""
    captions = {id(t) for label in columns.values() for t in label.tokens}
    return [box_of(cell) for cell in header.cells() if not any(id(t) in captions for t in cell)]


def _column_of(box, edges: dict[str, tuple[float, float]], centres: dict[str, float]) -> str:
    """The column of a cell at BOX: the caption it lies under, else the one it sits closest to, unless the
    cell ends right of that caption and left of the next one's start, where a figure printed to the right
    of its cell stands under a caption printed to the left of it ("Totale imponibile" over "1.018,86" at
    the cell's right edge, nearer the next caption "Totale imposta" than its own): then that caption's."""
    nearest = min(centres, key=lambda n: _distance(box, edges[n], centres[n]))
    if _distance(box, edges[nearest], centres[nearest]) == 0:
        return nearest
    started = [n for n in edges if edges[n][0] < box[2]]
    owner = max(started, key=lambda n: edges[n][0], default=nearest)
    return owner if box[0] > edges[owner][0] else nearest


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

    rate_text = " ".join(t.text for t in cells.get("vat_rate", []))
    row_text = " ".join(t.text for cell in cells.values() for t in cell)
    nature = read("vat_nature", values.vat_nature) or (values.vat_nature(rate_text) or (None,))[0]
    rate = _rate_read(cells) if "vat_rate" in cells else _rate_joined_to_nature(cells)
    taxable, vat = read("taxable_amount", values.amount), read("vat_amount", values.amount)
    if (taxable is None) != (vat is None) and rate in LEGAL_VAT_RATES - {Decimal(0)}:
        taxable, vat = _misread_at_the_rate(cells, rate, taxable, vat)
    if taxable is None:
        return None
    if rate is None and nature:
        rate = Decimal("0")
    if rate == 0 and nature is None:  # the nature code may sit in a column of its own, however headed
        nature = (values.vat_nature(row_text) or (None,))[0] or _nature_misread(row_text)
    if vat is None and rate == 0:  # a 0% row owes no VAT, however its "0" is printed
        vat = Decimal("0.00")
    rate = _rate_proven(rate, taxable, vat)
    if rate is None:
        return None
    return {"rate": rate.quantize(CENT), "taxable_amount": taxable, "vat_amount": vat, "nature": nature}


def _rate_read(cells: dict[str, list[Token]]) -> Decimal | None:
    """The rate under the rate's caption; where the cell holds a figure with its % sign, that one: a bare figure
    beside it is another column's that the page's gaps joined to the rate ("10,11 10%", the total's box beside
    the rate's)."""
    tokens = cells["vat_rate"]
    signed = [t for t in tokens if "%" in t.text] or tokens
    found = values.vat_rate(" ".join(t.text for t in signed))
    return found[0] if found else None


def _rate_joined_to_nature(cells: dict[str, list[Token]]) -> Decimal | None:
    """The rate a scan joined to the nature's cell beside it, the rule between them read as "]" or "|" ("0.00] N1"
    read under the nature's header, "0,00|N3.1" in one word): the rate that opens the cell's first word."""
    first = cells.get("vat_nature", [])[:1]
    found = values.vat_rate(first[0].text) if first and RATE_WORD_RE.fullmatch(first[0].text) else None
    return found[0] if found else None


def _nature_misread(row_text: str) -> str | None:
    """The nature of a 0% row whose code a scan misread: N1 with its figure read as a letter ("NL"), or the
    specification's meaning printed beside the code ("Escluse ex art. 15") where it names one nature alone."""
    if N1_MISREAD_RE.search(row_text):
        return "N1"
    words = row_text.casefold()
    return next((code for meaning, code in NATURE_MEANINGS if re.search(rf"\b{meaning}\b", words)), None)


def _misread_at_the_rate(cells: dict[str, list[Token]], rate: Decimal, taxable: Decimal | None,
                         vat: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """The row's imponibile or imposta that a scan misread past reading as money ("1.712 25": its comma read
    as a space), read as OCR may have misread it where the one reading the row's legal RATE makes of the other
    figure, or makes the other figure of, is among its readings: the row's arithmetic proves it."""
    name = "taxable_amount" if taxable is None else "vat_amount"
    figure = misread_figure(" ".join(t.text for t in cells.get(name, [])))
    readings = figure[0] if figure else []
    if taxable is None:
        found = [r for r in readings if r and abs(tax_at(r, rate) - vat) <= CENT]
    else:
        found = [r for r in readings if abs(tax_at(taxable, rate) - r) <= CENT]
    if len(found) != 1:
        return taxable, vat
    return (found[0], vat) if taxable is None else (taxable, found[0])


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
