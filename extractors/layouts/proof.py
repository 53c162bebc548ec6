"""What proves a value read where its layout only guesses it is.

A value read at its learnt place is trusted: a person confirmed it there. A value
read elsewhere (where its caption moved rather than where the template's words
put it, or in its box widened for a longer value) may be any figure, date or code printed near it, and a wrong value
that passes its checks leaves review unseen. Such a reading is kept only where a
check proves it: the amounts' equations at the supplier's confirmed VAT rates, the
supplier's known P.IVA, an IBAN's mod-97, the issue date in order with a due date,
a number of the confirmed number's shape (its letters and separators as
confirmed, each run of digits as long or one longer). A date printed in figures
alone is refuted where it is not written as the confirmed one was ("30/06/ 20" read
for 30/06/2025: a year cut short; 01/19/2025 for 01/10/2025, a date only month first where the
supplier prints the day first), and, however written, is not likely where it falls after the
due date or a year from every other date of its page (`implausible`). A row of the VAT split is
proven with the whole split as its rows were read: every row's taxable amount read (or one
row's what the totals read leave, its tax then exactly what that makes at its rate),
each row's tax at its rate, and the rows adding up to the totals read. Otherwise the general
extractor's value stands, and review is told where they differ (`apply_layout`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from demat.extractors.fields import values
from demat.extractors.fields.checks import CENT, run_checks, tax_at
from demat.extractors.fields.dates import find_dates, parse_date
from demat.extractors.fields.identifiers import is_valid_iban
from demat.extractors.layouts.model import ROW_PARTS, SupplierLayout, row_place
from demat.extractors.layouts.read import Guess, LayoutReading
from demat.kernel.document import Field

AMOUNTS = ("taxable_amount", "vat_amount", "total")
MAX_DUE_DAYS = 366  # a due date further from its issue date proves nothing about either
MAX_DAYS_APART = 366  # an issue date further from every other date its page prints is not likely one
DIGIT_RUN = re.compile(r"\d+")
MIN_DIGITS = 5  # in a number's shape with no letter: fewer, and a day and month fit it


def shape(number: str) -> str:
    """NUMBER with each digit as 9: the shape of a supplier's invoice numbers ("FT-0012/25" -> "FT-9999/99")."""
    return DIGIT_RUN.sub(lambda run: "9" * len(run.group()), number.upper().replace(" ", ""))


def date_shape(printed: str) -> str:
    """A date as PRINTED in figures, its day and month each one letter, D and M, in the order the date
    parser reads them, however many figures each takes ("30/06/2025" and "1/7/2025" are D/M/9999,
    "03/14/2025", only a date month first, M/D/9999, "30/06/ 20" is D/M/9), each one 9 where they are the
    same number (05/05/2025); "" for a date that prints letters (its month's name)."""
    if any(c.isalpha() for c in printed):
        return ""
    compact = printed.replace(" ", "")
    value = parse_date(compact)
    first = next((int(run) for run in DIGIT_RUN.findall(compact) if len(run) <= 2), None)
    order = iter("9" * 2 if value is None or value.day == value.month else "DM" if first == value.day else "MD")
    return DIGIT_RUN.sub(lambda run: "9" * len(run.group()) if len(run.group()) > 2 else next(order, "9"), compact)


def same_date_shape(read: str, learnt: str) -> bool:
    """Whether a date's shape READ is the LEARNT one: each character alike, a 9 for a day or month alike to
    either letter (a shape learnt before the order was kept, or from a date whose day was its month)."""
    loose = {"9", "D", "M"}
    return len(read) == len(learnt) and all(a == b or "9" in (a, b) and {a, b} <= loose for a, b in zip(read, learnt))


def printed_date(raw: str | None) -> str:
    """The text of RAW a date was read from ("30/06/ 20" of "Data: 30/06/ 20"); "" if none."""
    found = values.date(raw) if raw else None
    return raw[found[1]:found[2]] if found else ""


def admit_guesses(reading: LayoutReading, general: dict[str, Field], layout: SupplierLayout) -> None:
    """READING's guesses that checks prove, taken as read: all together (a total and its VAT moved with
    their captions prove each other), else each alone; the others dropped."""
    tried = dict(reading.guesses)
    for trial in (reading.guesses, *({name: guess} for name, guess in reading.guesses.items())):
        fields = checked({**general, **reading.fields, **trial})
        for name in [name for name in trial if name in reading.guesses and proven(name, fields, layout)]:
            reading.take(name, reading.guesses.pop(name), reading.places[name][0])
    reading.guessed += [Guess(reading.how[name], name, guess.value, name not in reading.guesses)
                        for name, guess in tried.items()]
    reading.guesses.clear()


def checked(fields: dict[str, Field]) -> dict[str, Field]:
    """Copies of FIELDS with their checks run."""
    copies = {name: Field(f.value, f.raw, f.confidence, f.source_box, f.page) for name, f in fields.items()}
    run_checks(copies)
    return copies


def proven(name: str, fields: dict[str, Field], layout: SupplierLayout) -> bool:
    """Whether field NAME's value in FIELDS is proven by a check other than where it was read."""
    value = fields[name].value if name in fields else None
    if value is None:
        return False
    if name.startswith("vat_lines."):
        rows = _rows_read(fields, layout)
        return rows is not None and _amounts_proven(fields, layout, rows)
    if name in AMOUNTS:
        several = len(layout.vat_rates) > 1 and "vat_lines" in fields
        return _amounts_proven(fields, layout, fields["vat_lines"].value if several else None)
    if name == "supplier_vat":
        return layout.supplier == f"vat:{value}"
    if name == "iban":
        return is_valid_iban(value)
    if name in ("date", "due_date"):
        return _dates_in_order(fields)
    if name == "number":
        return _of_shape(str(value), layout.shapes.get("number", ""))
    return False


def provable(name: str, fields: dict[str, Field], layout: SupplierLayout) -> bool:
    """Whether a value of field NAME read elsewhere could be proven in FIELDS at all (`proven` has what
    it needs besides the value itself): a guess that cannot be is not worth reading. A row of the VAT split
    can be where the three totals were read, to prove the rows by."""
    if name in AMOUNTS:
        return bool(layout.vat_rates) and all(other in fields for other in AMOUNTS if other != name)
    if name.startswith("vat_lines."):
        return bool(layout.vat_rates) and all(total in fields for total in AMOUNTS)
    if name in ("date", "due_date"):
        return ({"date", "due_date"} - {name}) <= set(fields)
    if name == "number":
        return _provable(layout.shapes.get("number", ""))
    return name == "iban" or name == "supplier_vat" and layout.supplier.startswith("vat:")


def refuted(name: str, fields: dict[str, Field], layout: SupplierLayout) -> bool:
    """Whether field NAME's value in FIELDS is not of a shape the supplier's confirmed value proves: a
    number OCR misread ("FT-OO12/25", "FT-0012125" for FT-0012/25) where its shape can prove one, or, of
    digits alone, not as long as the confirmed one or one longer ("390" where the fax printed 5390, its 5
    read as "§": a counter grows), a date not written as the confirmed one was (`date_shape`)."""
    if name not in fields or not layout.shapes.get(name):
        return False
    if name == "date":
        printed = printed_date(fields[name].raw)
        return bool(printed) and not same_date_shape(date_shape(printed), layout.shapes[name])
    learnt = layout.shapes[name]
    return name == "number" and (_provable(learnt) or learnt.isdigit()) and not _fits(str(fields[name].value), learnt)


def implausible(fields: dict[str, Field], text: str) -> bool:
    """Whether the issue date in FIELDS is after its due date, or more than a year from every other date
    TEXT (its page) prints: a typewritten fax's 21/08/25 read 21/08/28 is written as the confirmed date
    was, and no check refutes it."""
    issued = fields["date"].value if "date" in fields else None
    if issued is None:
        return False
    due = fields["due_date"].value if "due_date" in fields else None
    others = [found for found, _, _ in find_dates(text) if found != issued]
    return (due is not None and due < issued) or \
        bool(others) and all(abs((found - issued).days) > MAX_DAYS_APART for found in others)


def _amounts_proven(fields: dict[str, Field], layout: SupplierLayout, rows: list[dict] | None) -> bool:
    """Imponibile + IVA = totale, and the IVA is what the imponibile makes at the supplier's confirmed
    rates: with one rate and no ROWS to prove, at that rate; else row by row of the VAT split ROWS, each
    at its own, the rows adding up to the totals (with several rates, none proves without its ROWS)."""
    amounts = [fields[name].value if name in fields else None for name in AMOUNTS]
    rates = [Decimal(row["rate"]) for row in layout.vat_rates]
    if None in amounts or not rates:
        return False
    taxable, tax, total = amounts
    if taxable + tax != total or taxable <= 0:
        return False
    if rows is None:
        return len(rates) == 1 and abs(tax_at(taxable, rates[0]) - tax) <= CENT
    return len(rows) == len(rates) and \
        all(row["rate"] == rate and row["taxable_amount"] is not None and row["vat_amount"] is not None
            and abs(tax_at(row["taxable_amount"], rate) - row["vat_amount"]) <= CENT for row, rate in zip(rows, rates)) \
        and sum(row["taxable_amount"] for row in rows) == taxable and sum(row["vat_amount"] for row in rows) == tax


def _rows_read(fields: dict[str, Field], layout: SupplierLayout) -> list[dict] | None:
    """The VAT split as FIELDS read its rows (vat_lines.0.taxable_amount, ...), a row's tax not read what
    its taxable amount makes at its rate; one row whose taxable amount is not read (a photo lost it) what
    the totals read leave of both amounts, where its tax is then exactly what its amount makes at its rate
    (`_left_row`); else None while a row's taxable amount is not read."""
    rows = []
    for index, learnt in enumerate(layout.vat_rates):
        taxable, tax = (fields.get(row_place(index, part)) for part in ROW_PARTS)
        rate = Decimal(learnt["rate"])
        if taxable is None:
            rows.append({"rate": rate, "taxable_amount": None, "vat_amount": None})
        else:
            rows.append({"rate": rate, "taxable_amount": taxable.value,
                         "vat_amount": tax_at(taxable.value, rate) if tax is None else tax.value})
    lost = [row for row in rows if row["taxable_amount"] is None]
    if not lost:
        return rows
    return rows if len(lost) == 1 and len(rows) > 1 and _left_row(lost[0], rows, fields) else None


def _left_row(lost: dict, rows: list[dict], fields: dict[str, Field]) -> bool:
    """Fill row LOST of ROWS with what the totals read in FIELDS leave of the others; whether its tax is then
    what its amount makes at its rate, to the cent (the invoice's own sum: with a cent's slack, a taxable
    amount misread a few cents off would still prove itself)."""
    taxable, tax = (fields[name].value if name in fields else None for name in ("taxable_amount", "vat_amount"))
    if taxable is None or tax is None:
        return False
    others = [row for row in rows if row is not lost]
    lost["taxable_amount"] = taxable - sum(row["taxable_amount"] for row in others)
    lost["vat_amount"] = tax - sum(row["vat_amount"] for row in others)
    return lost["taxable_amount"] > 0 and tax_at(lost["taxable_amount"], lost["rate"]) == lost["vat_amount"]


def _dates_in_order(fields: dict[str, Field]) -> bool:
    """The issue date on or before the due date, and within a year of it, the two dates not one."""
    if "date" not in fields or "due_date" not in fields:
        return False
    issued, due = fields["date"].value, fields["due_date"].value
    return issued < due and (due - issued).days <= MAX_DUE_DAYS


def _of_shape(number: str, learnt: str) -> bool:
    """NUMBER has the LEARNT shape with each run of digits as long or one longer (0099 -> 0100 keeps its
    length, 99 -> 100 does not); a shape of digits alone, or of a few parted by a separator, proves
    nothing (an order number is one too, and 12/03 a date)."""
    return _provable(learnt) and _fits(number, learnt)


def _fits(number: str, learnt: str) -> bool:
    """NUMBER has the LEARNT shape with each run of digits as long or one longer."""
    pattern = DIGIT_RUN.sub(lambda run: f"\\d{{{len(run.group())},{len(run.group()) + 1}}}",
                            re.escape(learnt).replace("9", "0"))
    return re.fullmatch(pattern, number.upper().replace(" ", "")) is not None


def _provable(learnt: str) -> bool:
    """A number's shape that tells it from other figures: with a letter, or a separator and enough digits."""
    return any(c.isalpha() for c in learnt) or learnt.count("9") >= MIN_DIGITS and not learnt.isdigit()
