"""What an invoice from another country changes in reading it: the order of day
and month in its dates, and which VAT number is the customer's.

An American supplier writes 03/12/2025 for March 12: a page is read month first
when one of its dates reads only so (03/14/2025), or when, with no date that
reads only day first, its letterhead has an address in the United States.

A DIN letter or a Swiss invoice names its addressee in the envelope's window,
with no marker ("Rechnung an", "Bill to") to tell it from the letterhead. The
back office that reads these invoices is Italian: on an invoice whose supplier
has a foreign VAT number, or whose addressee's block ends its address with
"Italy" ("Italien", "Italie", ...), the one valid Italian P.IVA printed is the
customer's, and the company named at the head of its address block is the
customer (the sender's line printed just above the window is the supplier's).
"""

from __future__ import annotations

import datetime as dt
import re

from demat.extractors.fields.identifiers import find_vats
from demat.extractors.fields.labels import GUESS, PATTERN, Candidate, put, tokens_in
from demat.extractors.fields.layout import Token, box_of, confidence_of, text_of
from demat.extractors.fields.names import CONNECTORS
from demat.extractors.fields.reading import Reading
from demat.kernel.document import Field

NUMERIC_DATE_RE = re.compile(r"(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/]|[.-]\d)")
US_STATES = ("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
             "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC").split()
# "Austin, TX 78701", "New York, NY 10001-2345", "USA", "United States"
US_ADDRESS_RE = re.compile(rf",\s*(?:{'|'.join(US_STATES)})\s+\d{{5}}(?:-\d{{4}})?\b|\bU\.?S\.?A\.?\b|\bUnited States\b")
LETTERHEAD_DEPTH = 0.3  # the top of the first page
ITALY_RE = re.compile(r"\b(?:Italy|Italia|Italien|Italie|Italië)\b", re.IGNORECASE)  # a foreign sender's "to Italy"


def month_first(reading: Reading) -> bool:
    """The page writes its numeric dates month first, as in the United States."""
    orders = {_order(match) for line in reading.layout.lines for match in NUMERIC_DATE_RE.finditer(line.text)}
    orders.discard(None)
    if orders:
        return orders == {"month"}
    first_page = min((line.page for line in reading.layout.lines), default=1)
    return any(US_ADDRESS_RE.search(line.text) for line in reading.layout.lines
               if line.page == first_page and reading.layout.relative_top(line.tokens[0]) <= LETTERHEAD_DEPTH)


def _order(match: re.Match) -> str | None:
    """"day" or "month" when only one reading of a numeric date is a date, else None."""
    first, second = int(match.group(1)), int(match.group(3))
    if first > 12 >= second:
        return "day"
    if second > 12 >= first:
        return "month"
    return None


def read_month_first(fields: dict[str, Field], names: tuple[str, ...] = ("date", "due_date")) -> None:
    """Read the numeric dates among FIELDS month first: 03/12/2025 is March 12."""
    for name in names:
        found = fields.get(name)
        match = NUMERIC_DATE_RE.fullmatch(found.raw.strip()) if found and found.raw else None
        if match and isinstance(found.value, dt.date) and _order(match) is None:
            try:
                found.value = found.value.replace(month=found.value.day, day=found.value.month)
            except ValueError:
                continue


def _drop_slipped_months(fields: dict[str, Field], names: tuple[str, ...] = ("date", "due_date")) -> None:
    """An Italian supplier's scanned date that reads only month first ("09/19/2025") is a digit a scan slipped,
    no American date: which month it was no check tells, so it is left out rather than read as September 19."""
    for name in names:
        found = fields.get(name)
        match = NUMERIC_DATE_RE.fullmatch(found.raw.strip()) if found and found.raw else None
        if match and _order(match) == "month":
            del fields[name]


def is_foreign(vat: Field | Candidate | None) -> bool:
    """A VAT number with a country prefix: an Italian P.IVA is kept without one."""
    return vat is not None and not vat.value[:2].isdigit()


def italian_customer_vat(reading: Reading) -> Candidate | None:
    """The one valid Italian P.IVA on the page; among several 11-digit numbers (a
    codice fiscale of 11 digits too), the one written as a VAT number, with its IT."""
    found: dict[str, Candidate] = {}
    for line in reading.layout.lines:
        for vat in find_vats(line.text):
            if vat.valid and vat.value.isdigit() and vat.value not in found:
                tokens = tokens_in(line.tokens, vat.start, vat.start + len(vat.raw))
                found[vat.value] = Candidate(vat.value, vat.raw, tokens, confidence_of(tokens) * PATTERN)
    prefixed = [c for c in found.values() if c.raw[:2].upper() == "IT"]
    chosen = list(found.values()) if len(found) == 1 else prefixed
    return chosen[0] if len(chosen) == 1 else None


def adapt(reading: Reading, fields: dict[str, Field]) -> None:
    """FIELDS read as an invoice from another country asks: dates month first on an
    American page; the customer's P.IVA and name when no marker named the customer's
    block, on an invoice whose supplier's VAT number is foreign or that is addressed
    to a company in Italy (then the one Italian P.IVA, unless printed in the
    letterhead beside the supplier's name, is never the supplier's)."""
    supplier_vat = fields.get("supplier_vat")
    printed = supplier_vat or reading.parties.supplier_vat  # one a scan misread past its check is no field
    if (printed is None or is_foreign(printed)) and month_first(reading):
        read_month_first(fields)  # an Italian supplier writes day first, whoever it bills
    elif printed is not None and reading.scanned:
        _drop_slipped_months(fields)
    if "customer_vat" in fields and "customer_name" in fields:
        return
    vat = italian_customer_vat(reading)
    if vat is None:
        return
    column = _column_above(reading, vat.tokens[0])
    supplier_name = fields.get("supplier_name")
    addressee = _company_in(_italy_column(reading), reading, supplier_name)
    own = _company_in(column, reading, supplier_name)  # another company than the supplier heads its column
    supplier = supplier_name.value.casefold() if supplier_name else None
    in_letterhead = own is None and any(_supplier_named(c, supplier) for c in column)
    name = own or addressee
    if not (is_foreign(supplier_vat) or addressee is not None and not in_letterhead):
        return
    for taken in ("supplier_vat", "supplier_tax_code"):  # the customer's P.IVA, taken for the issuer's
        if taken in fields and fields[taken].value == vat.value and "customer_vat" not in fields:
            del fields[taken]
    if "customer_vat" not in fields:
        put(fields, "customer_vat", vat)
    if "customer_name" not in fields:
        put(fields, "customer_name", name)


def _company_in(cells: list[list[Token]], reading: Reading, supplier_name: Field | None) -> Candidate | None:
    """The company at the head of an address block (CELLS bottom first): the topmost
    cell with a legal form that is not the supplier's (a DIN letter prints the sender
    on one small line just above the window)."""
    forms = {id(lb.last) for lb in reading.labels if lb.kind == "legal_form"}
    supplier = supplier_name.value.casefold() if supplier_name else None
    top_down = cells[::-1]
    for i, cell in enumerate(top_down):
        ends = [j for j, t in enumerate(cell) if id(t) in forms]
        name = cell[:ends[-1] + 1] if ends else []
        if name and not _supplier_named(cell, supplier):
            following = top_down[i + 1] if i + 1 < len(top_down) else []
            if (name[-1] is cell[-1] and following and id(following[-1]) in forms
                    and (following[0].text[:1].islower() or following[0].text.lower() in CONNECTORS)):
                name = name + following  # "Rossi S.a.s." / "di Rossi Mario & C.": one name on two lines
            return Candidate(text_of(name), text_of(name), name, confidence_of(name) * GUESS)
    return None


def _supplier_named(cell: list[Token], supplier: str | None) -> bool:
    """CELL prints the supplier's name (SUPPLIER, case-folded), or one line of it: "DI FABBRI BEATRICE & C." under
    "AUTORICAMBI FABBRI S.A.S.", the two lines of one legal name, is no other company heading the column."""
    printed = text_of(cell).casefold()
    return supplier is not None and (supplier in printed or printed in supplier)


def _italy_column(reading: Reading) -> list[list[Token]]:
    """The address column whose line says Italy, on the first page (bottom first), if any."""
    first_page = min((line.page for line in reading.layout.lines), default=1)
    for line in reading.layout.lines:
        match = ITALY_RE.search(line.text) if line.page == first_page else None
        if match:
            return _column_above(reading, tokens_in(line.tokens, match.start(), match.end())[0])
    return []


def _column_above(reading: Reading, token: Token) -> list[list[Token]]:
    """The cell of TOKEN and the cells above it on the lines right over it, each
    starting where it starts and close under the one above, bottom first."""
    lines = reading.layout.lines
    line = lines[token.line]
    column = [next(c for c in line.cells() if token in c)]
    for above in reversed(lines[max(0, line.index - 8):line.index]):
        below = box_of(column[-1])
        height = below[3] - below[1]
        over = [c for c in above.cells() if abs(box_of(c)[0] - below[0]) < 2 * height]
        if above.page != line.page or not over or below[1] - box_of(over[0])[3] > 1.5 * height:
            break
        column.append(over[0])
    return column
