"""The VAT lines (riepilogo IVA) of an invoice: one row per rate with its imponibile and imposta.

The summary read as printed (`vat_summary.py`) stands where its rows add up to the
imponibile and IVA `invoice.py` chose; else the rows worked out by arithmetic
(`vat_arithmetic.py`) that do. Here too: the summary's sums when the labels gave only
a row, and a lost minus sign or nature code put back.
"""

from __future__ import annotations

from decimal import Decimal

from demat.extractors.fields import values
from demat.extractors.fields.checks import CENT, tax_at
from demat.extractors.fields.flat_rate import NATURE as FLAT_RATE_NATURE
from demat.extractors.fields.flat_rate import names_the_flat_rate
from demat.extractors.fields.labels import Candidate
from demat.extractors.fields.reading import Reading
from demat.extractors.fields.vat_arithmetic import PERCENT_RE as PERCENT_RE  # layouts/record.py reads rates so too
from demat.extractors.fields.vat_arithmetic import adds_up, items_by_rate, rates_in_captions, rows_that_add_up, single_rate
from demat.kernel.document import Field


def vat_lines_of(reading: Reading, found: Field | None, taxable: Candidate | None,
                 vat: Candidate | None) -> Field | None:
    """The VAT lines that add up to the imponibile and IVA chosen: FOUND (its signs agreed with the
    imponibile's), else the rows the arithmetic proves, else the one rate that makes IVA of imponibile."""
    if found and taxable is not None:
        _agree_signs(found, taxable.value)
    if not adds_up(found, taxable, vat):
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
    contabile" under a single rate; a table's code a scan misread, "NI" for N1, named again in a note), or,
    naming none, the flat-rate regime's where the page names the regime."""
    natures = {found[0] for line in reading.layout.lines if (found := values.vat_nature(line.text))}
    if not natures and names_the_flat_rate(reading):
        natures = {FLAT_RATE_NATURE}
    if len(natures) == 1:
        [nature] = natures
        vat_lines.value = [{**row, "nature": row["nature"] or (nature if row["rate"] == 0 else None)}
                           for row in vat_lines.value]


def table_sums(vat_lines: Field, total: Candidate, taxable: Candidate | None,
                vat: Candidate | None) -> tuple[Candidate | None, Candidate | None]:
    """Imponibile and IVA as the sums of a VAT summary of several rates whose rows,
    with their VAT, make the total: a column headed "Totale imponibile" gives only
    its first row to the label alone."""
    rows = vat_lines.value
    if len(rows) < 2 and (taxable or vat) or any(r["vat_amount"] is None for r in rows):
        return taxable, vat
    sums = _sums(rows)
    if sums[0] + sums[1] != total.value or taxable is not None and vat is not None and [
            taxable.value, vat.value] == sums:
        return taxable, vat
    return _as_read(sums, vat_lines, taxable, vat)


def sums_over_a_row(vat_lines: Field, taxable: Candidate | None,
                    vat: Candidate | None) -> tuple[Candidate | None, Candidate | None]:
    """Imponibile and IVA as the sums of a VAT summary of several rates, each row its rate of its imponibile,
    where no total was read to check them and a label took a figure inside the summary itself: its column
    headed "Imponibile" gives its first row to the label alone when the totals' captions are lost. A figure
    read outside the summary must be its sum."""
    rows = vat_lines.value
    if len(rows) < 2 or any(r["vat_amount"] is None or abs(tax_at(r["taxable_amount"], r["rate"]) - r["vat_amount"]) > CENT
                            for r in rows):
        return taxable, vat
    sums = _sums(rows)
    inside = [c is not None and _within(c.box, vat_lines.source_box) for c in (taxable, vat)]
    if not any(inside) or any(c is not None and not within and c.value != s
                              for c, within, s in zip((taxable, vat), inside, sums)):
        return taxable, vat
    return _as_read(sums, vat_lines, taxable, vat)


def _sums(rows: list[dict]) -> list[Decimal]:
    """The imponibile and the IVA the summary's ROWS add up to."""
    return [sum((r[name] for r in rows), Decimal(0)) for name in ("taxable_amount", "vat_amount")]


def _as_read(sums: list[Decimal], vat_lines: Field, taxable: Candidate | None,
             vat: Candidate | None) -> tuple[Candidate, ...]:
    """SUMS as the imponibile and IVA read, in the words the labels took (TAXABLE, VAT)."""
    tokens = [t for c in (taxable, vat) if c is not None for t in c.tokens]
    return tuple(Candidate(value, vat_lines.raw, tokens, vat_lines.confidence) for value in sums)


def _within(box, area) -> bool:
    """BOX lies wholly inside AREA (either may be unknown: then it does not)."""
    return box is not None and area is not None and area[0] <= box[0] and box[2] <= area[2] and area[1] <= box[1] \
        and box[3] <= area[3]


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
