"""Amounts a scan's OCR misread, mended by the invoice's own arithmetic: with the VAT
rates the supplier's confirmed invoice had, the tax of each rate is its taxable amount
at that rate, and the total is the taxable amounts plus their tax. When the amounts
read (through the layout, by the general extractor, or again in their box on the
scan) do not add up, the one set of values that two reads of different amounts agree
on is taken, the third computed from them (the taxable amount the total and tax read
leave among them, with two rates as with one); of several, the one whose rows the
goods table adds up to; none, or several still, and they stay as read, for the
checks to send to review.
Amounts the general extractor worked out from another read are not reads of their own.
Not for a supplier whose confirmed invoice did not add up so (a withholding tax, a
stamp duty in the total): a person accepted that.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import product

from demat.extractors.fields import values
from demat.extractors.fields.checks import CENT, tax_at
from demat.extractors.layouts.model import SupplierLayout
from demat.kernel.document import Field

AMOUNTS = ("taxable_amount", "vat_amount", "total")
ARITHMETIC = {"total", "vat_lines_sum"}  # the checks of it: failed by the confirmed invoice, it is not this one's
Rows = list[dict]


def mend_amounts(fields: dict[str, Field], general: dict[str, Field], layout: SupplierLayout,
                 confidence: float, made: set[str], goods: Rows | None = None,
                 read_again: dict[str, Field] | None = None) -> None:
    """Set FIELDS' amounts and VAT split to the one reading that adds up at LAYOUT's rates, where
    the values read through the layout (FIELDS) and by the general extractor (GENERAL) do not.
    MADE: the amounts of FIELDS made from its VAT rows, not read (no second read that agrees).
    GOODS: the VAT rows the goods table adds up to, where the layout learnt its columns: of several
    readings that add up, the one whose rows they are is agreed on by a third sign. READ_AGAIN: amounts
    read otherwise in their box on the scan, more reads of them (a lost figure: 1.233,31 read 233,31)."""
    rates = [Decimal(row["rate"]) for row in layout.vat_rates]
    general = _read_as_printed(general)
    merged = {**general, **fields}
    rows = merged["vat_lines"].value if "vat_lines" in merged else None
    if not rates or ARITHMETIC & set(layout.accepted) or \
            _adds_up(rows, *(merged[name].value if name in merged else None for name in AMOUNTS)):
        return
    again = read_again or {}
    reads = {name: {f.value for f in (None if name in made else fields.get(name), general.get(name), again.get(name))
                    if f is not None and f.value is not None} for name in AMOUNTS}
    taxables = [[row["taxable_amount"] for row in rows]] if rows and len(rows) == len(rates) else []
    taxables += [[amount] for amount in reads["taxable_amount"]] if len(rates) == 1 else []
    taxables += list(_one_row_read(rows, {"taxable_amount": _left_by_total(reads)}, rates, False))
    found = {_key(split) for split in _splits(taxables, reads, rates)}
    for misread in (False, True):  # a row as read before a row with a digit changed: its neighbours fit too
        found = found or {_key(split) for split in _splits(_one_row_read(rows, reads, rates, misread), reads, rates)
                          if split[3] in reads["total"] and split[2] in reads["vat_amount"]}
    if len(found) > 1 and goods:
        found = {split for split in found if _rows_of(split) == {(row["rate"], row["taxable_amount"]) for row in goods}}
    if len(found) != 1:
        return
    [split] = [dict(zip(("rows", *AMOUNTS), key)) for key in found]
    rows = [{"rate": rate, "taxable_amount": taxable, "vat_amount": tax, "nature": learnt["nature"]}
            for (rate, taxable, tax), learnt in zip(split["rows"], layout.vat_rates)]
    raw = " + ".join(f"{row['taxable_amount']} @ {row['rate']}%" for row in rows) + f" = {split['total']}"
    for name in AMOUNTS:
        fields[name] = Field(split[name], raw=raw, confidence=confidence)
    fields["vat_lines"] = Field(rows, raw=raw, confidence=confidence)


def as_printed(name: str, value: Field) -> bool:
    """Whether the general extractor's VALUE of field NAME was read where it is printed: not an amount
    worked out from another, as an imponibile and IVA from a total alone (their text the total's,
    "380,10" for 311,56 and 68,54): one read, however many amounts it makes. A fax's OCR may part
    the cents from the comma ("147, 35"): still the amount read where it is printed."""
    if name not in AMOUNTS:
        return True
    raw = value.raw or ""
    read = values.amount(raw) or values.amount(raw.replace(" ", ""))
    return read is not None and isinstance(value.value, Decimal) and abs(read[0]) == abs(value.value)


def _read_as_printed(general: dict[str, Field]) -> dict[str, Field]:
    """GENERAL without the amounts worked out from another (`as_printed`), nor a VAT split made of them."""
    derived = {name for name, value in general.items() if not as_printed(name, value)}
    rows = general["vat_lines"].value if "vat_lines" in general else None
    if "taxable_amount" in derived and rows and \
            sum(row["taxable_amount"] or Decimal(0) for row in rows) == general["taxable_amount"].value:
        derived.add("vat_lines")
    return {name: value for name, value in general.items() if name not in derived}


def _splits(taxables: list[list[Decimal]], reads: dict[str, set[Decimal]], rates: list[Decimal]):
    """Each VAT split that two reads of different amounts agree on: the taxable amounts with a total
    or a tax read (not a tax with a row at 0%: it says nothing of that row's amount); with one rate,
    also a tax and a total read (the taxable amount what they leave)."""
    taxed = all(rate > 0 for rate in rates)
    for amounts in taxables:
        rows = [(rate, amount, tax_at(amount, rate)) for rate, amount in zip(rates, amounts)]
        taxable, tax = sum(r[1] for r in rows), sum(r[2] for r in rows)
        if taxable + tax in reads["total"] or taxed and tax in reads["vat_amount"]:
            yield rows, taxable, tax, taxable + tax
    if len(rates) == 1:
        for tax, total in product(reads["vat_amount"], reads["total"]):
            if abs(tax_at(total - tax, rates[0]) - tax) <= CENT:
                yield [(rates[0], total - tax, tax)], total - tax, tax, total


def _left_by_total(reads: dict[str, set[Decimal]]) -> set[Decimal]:
    """The taxable amounts each total read leaves with each tax read: with two rates, a split of one of them
    (a row as read) that makes the tax read is agreed on by the tax and the total, as the taxable amount a
    single rate's tax and total leave is (`_splits`). Beside a split made of a taxable amount read a few cents
    wrong (7.857,71 for 7.857,77: at 22% and 10% the same tax), it leaves two, and the amounts as read."""
    return {total - tax for total, tax in product(reads["total"], reads["vat_amount"])}


def _one_row_read(rows: Rows | None, reads: dict[str, set[Decimal]], rates: list[Decimal], misread: bool):
    """With two rates, each split of a taxable amount read in which one row is as read (MISREAD:
    with one digit changed), and the other row what the taxable amount leaves."""
    if len(rates) != 2 or not rows or len(rows) != 2:
        return
    for taxable, (index, row) in product(reads["taxable_amount"], enumerate(rows)):
        for amount in _one_digit_changed(row["taxable_amount"]) if misread else [row["taxable_amount"]]:
            if amount is not None and 0 < amount < taxable:
                yield [amount, taxable - amount] if index == 0 else [taxable - amount, amount]


def _one_digit_changed(amount: Decimal | None):
    """AMOUNT with one of its digits read as another, each way."""
    if amount is None:
        return
    printed = f"{amount:.2f}"
    for i, digit in enumerate(printed):
        if digit.isdigit():
            yield from (Decimal(printed[:i] + other + printed[i + 1:]) for other in "0123456789" if other != digit)


def _rows_of(key: tuple) -> set[tuple[Decimal, Decimal]]:
    """The rate and taxable amount of each row of a split's KEY."""
    return {(rate, taxable) for rate, taxable, _ in key[0]}


def _key(split) -> tuple:
    rows, taxable, tax, total = split
    return tuple(rows), taxable, tax, total


def _adds_up(rows: Rows | None, taxable: Decimal | None, tax: Decimal | None, total: Decimal | None) -> bool:
    """The split's rows make their tax at their rates, and the three amounts (all read)."""
    if not rows or None in (taxable, tax, total) or \
            any(None in (row["taxable_amount"], row["vat_amount"], row["rate"]) for row in rows):
        return False
    return all(abs(tax_at(row["taxable_amount"], row["rate"]) - row["vat_amount"]) <= CENT for row in rows) and \
        sum(row["taxable_amount"] for row in rows) == taxable and sum(row["vat_amount"] for row in rows) == tax \
        and taxable + tax == total
