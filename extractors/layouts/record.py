"""Learning a layout: where each confirmed value sits on the confirmed document's pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

from demat.extractors.fields.checks import run_checks
from demat.extractors.fields.identifiers import find_vats
from demat.extractors.fields.layout import Layout, Line, Token, box_of
from demat.extractors.fields.patterns import one_character_apart
from demat.extractors.fields.vat_lines import PERCENT_RE
from demat.extractors.layouts.items import learn_columns
from demat.extractors.layouts.model import (
    LEARNT_FIELDS,
    ROW_PARTS,
    FieldPlace,
    SupplierLayout,
    page_key,
    page_size,
    relative,
    row_place,
)
from demat.extractors.layouts.placement import learn_anchors
from demat.extractors.layouts.places import label_above, label_left, parser_for, read_run
from demat.extractors.layouts.proof import date_shape, printed_date, shape
from demat.kernel.document import Field, Page

TOTALS = ("taxable_amount", "vat_amount", "total")
MIN_MISREAD_LENGTH = 4  # characters: a shorter value one character away is another value as often as not


def learn(supplier: str, pages: list[Page], fields: dict[str, Field]) -> SupplierLayout | None:
    """The layout of a confirmed document whose PAGES have word boxes; None when no value was found on them."""
    if not pages or not all(p.words and p.width and p.height for p in pages):
        return None
    layout = Layout(pages)
    by_number = {p.number: p for p in pages}
    wanted = {name: fields[name].value for name in LEARNT_FIELDS if name in fields}
    rows = fields["vat_lines"].value if "vat_lines" in fields and fields["vat_lines"].value else []
    wanted.update({row_place(i, part): row[part] for i, row in enumerate(rows) for part in ROW_PARTS})
    rates = {row_place(i, part): row["rate"] for i, row in enumerate(rows) for part in ROW_PARTS}
    places = {}
    for name, value in wanted.items():
        place = _place(layout, by_number, name, value, rates.get(name)) if value not in (None, "") else None
        if place is not None:
            places[name] = place
    if not places:
        return None
    rates = [{"rate": str(row["rate"]), "nature": row.get("nature")} for row in rows]
    columns = learn_columns(layout, by_number, rows) if rows else None
    anchors = [a for p in pages for a in learn_anchors(p, page_key(p.number, len(pages)))]
    name = fields["supplier_name"].value if "supplier_name" in fields else ""
    return SupplierLayout(supplier, page_size(pages[0]), places, rates, columns, _failed_checks(fields), anchors,
                          name or "", _shapes(layout, fields), _others_vats(pages, fields), _terms(fields))


def _terms(fields: dict[str, Field]) -> int | None:
    """The days from the confirmed date to its due date: the supplier's payment terms, which its next
    invoices repeat (30 days, say), where it prints both dates."""
    if fields.get("date") is None or fields.get("due_date") is None:
        return None
    return (fields["due_date"].value - fields["date"].value).days


def _others_vats(pages: list[Page], fields: dict[str, Field]) -> list[str]:
    """The valid P.IVAs PAGES print, where the confirmed supplier has none: a person said none is its own."""
    if "supplier_vat" in fields:
        return []
    return sorted({found.value for page in pages for found in find_vats(page.text) if found.valid})


def _shapes(layout: Layout, fields: dict[str, Field]) -> dict[str, str]:
    """How the confirmed number and date are written, to refute a misread one by (proof.py): the number's
    shape; the date's, where it is printed in figures, and alike wherever it is printed."""
    shapes = {"number": shape(str(fields["number"].value))} if "number" in fields else {}
    printed = {date_shape(printed_date(" ".join(t.text for t in used))) for line in layout.lines
               for used in _occurrences(line, "date", fields["date"].value)} if "date" in fields else set()
    if len(printed) == 1 and "" not in printed:
        shapes["date"] = printed.pop()
    return shapes


def _failed_checks(fields: dict[str, Field]) -> list[str]:
    """The checks the confirmed values fail (a foreign rate, say): a person accepted them."""
    confirmed = {name: replace(f, checks=[]) for name, f in fields.items()}
    run_checks(confirmed)
    return sorted({c.name for f in confirmed.values() for c in f.failed_checks})


def _place(layout: Layout, pages: dict[int, Page], name: str, value: Any, rate: Decimal | None = None) -> FieldPlace | None:
    """Where VALUE of field NAME was printed; a row of the VAT split at RATE, on a line printing that rate where
    one does (a fee of 3,00 € at 22% is also the 22% row's imponibile, but only the summary's row prints 22%)."""
    found = [(line, used) for line in layout.lines for used in _occurrences(line, name, value)] or \
        [(line, [token]) for line in layout.lines for token in line.tokens if _misprinted(token.text, value)]
    found = [(line, used) for line, used in found if _prints_rate(line, rate)] or found
    if not found:
        return None
    labelled = [(line, used, label_left(line, used[0]), "right") for line, used in found]
    labelled += [(line, used, label_above(layout, line, used), "below") for line, used in found]
    ranked = [c for c in labelled if c[2] and c[3] == "right"] or [c for c in labelled if c[2]] or \
        [(line, used, [], "page") for line, used in found]
    line, used, label, how = ranked[-1] if name in TOTALS or name.startswith("vat_lines.") else ranked[0]
    page = pages[line.page]
    return FieldPlace(name, page_key(line.page, len(pages)), how, relative(box_of(used), page),
                      [t.text for t in label], relative(box_of(label), page) if label else None)


def _prints_rate(line: Line, rate: Decimal | None) -> bool:
    """Whether LINE prints RATE as a percentage ("22%", "10,00 %")."""
    return rate is not None and any(Decimal(m.group(1).replace(",", ".")) == rate
                                    for m in PERCENT_RE.finditer(" ".join(t.text for t in line.tokens)))


def _occurrences(line: Line, name: str, value: Any) -> list[list[Token]]:
    """The runs of tokens on LINE that read as VALUE."""
    found = []
    for i in range(len(line.tokens)):
        read = read_run(line.tokens[i:], parser_for(name))
        if read is not None and same(read[0], value):
            found.append(read[1])
    return found


def _misprinted(text: str, value: Any) -> bool:
    """TEXT is VALUE as OCR printed it with one character wrong ("GBO5XLVS...", "1.622,O7", "15.O8.2023"):
    on a confirmed scan, where it was printed is still where the supplier prints it."""
    wanted = _characters(f"{value:%d%m%Y}" if isinstance(value, dt.date) else
                         f"{value:.2f}" if isinstance(value, Decimal) else str(value))
    return len(wanted) >= MIN_MISREAD_LENGTH and one_character_apart(wanted, _characters(text))


def _characters(text: str) -> str:
    return "".join(c for c in text.upper() if c.isalnum())


def same(read: Any, value: Any) -> bool:
    if isinstance(value, str) and isinstance(read, str):
        return read.upper().replace(" ", "") == value.upper().replace(" ", "")
    return read == value
