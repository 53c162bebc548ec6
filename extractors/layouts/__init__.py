"""Supplier layouts: what demat learns when a person confirms an invoice.

A supplier prints every invoice from one template. When a person confirms one,
`record.learn` remembers where each value sat (its label, its place relative to
the label and to the page); the catalog keeps it per supplier and page size.
This stage, run after the general fields extractor, reads the next invoice of
that supplier at those places first: a value found there that passes its checks
replaces the general one; what the layout does not hold, or what fails, keeps
the general extractor's value. The VAT split, not required of every invoice, is of
one whose supplier printed it when confirmed: none read, the document goes to review.

A scan moves and scales the page and OCR misreads a word here and there: the
places move with the words the template always prints (placement.py), and
totals learnt on a one-page invoice are looked for on the last page of a longer
one (read.py). When those words are read elsewhere on the page, the supplier has
changed its invoice: the layout is not used and the document goes to review saying
so. Otherwise a value that cannot be read or fails its checks is OCR's doing, not a
change, and keeps the general extractor's value, after the value's box is read again
alone on the scan (reread.py); a value so kept that was read elsewhere on the page is
named in `Document.read_away` (so is an amount the general extractor worked out from
another, where the layout holds it or not: a faint scan's IVA read as the total makes an
imponibile and IVA that add up), for the review stage to send it to a person; a number too,
or a date read from words OCR was unsure of (no check refutes either), read otherwise in its
box; and a number whose letters or separators are not the confirmed number's ("1T25/79729" is
mended to IT25/79729 where the shape says "IT"; "AT25/79729" is not), goes to review. (A
layout learnt before it kept those words is judged by its labels and checks instead.)
Amounts that do not add up are mended by the invoice's own arithmetic at the supplier's
confirmed VAT rates, where two of them agree (arithmetic.py).

A scan's OCR may misread a digit of the P.IVA the supplier is known by, lose one or
double one: when exactly one known supplier's P.IVA is one digit away (misread, lost
or added) from a number printed on the document, or ends one of twelve or thirteen digits (its "IT" read as digits,
"(104212620878"), as read or with one digit misread, and that supplier's layout finds
its labels on it, the document is that supplier's, and its P.IVA the known one; so is its
P.IVA read at its learnt place with
its "IT" made other characters ("154416660360"), and the first P.IVA the document prints,
when it is the known one, the layout read none and the general extractor read another or none
(its caption misread), and not as the customer's; a codice fiscale read as the same misread digits
(one number printed for both) is the known P.IVA too. Where OCR read no P.IVA, IBAN or
name that is known, nor a valid supplier P.IVA (that would be a supplier never
confirmed), the one supplier whose template's words are in place and whose name
is printed on the first page is recognised the same way. A known supplier's name the general extractor
missed or read otherwise is its confirmed one, where its template is in place and the first page prints it.

A supplier that prints no P.IVA of its own (a person's receipt, an association, a firm abroad) is
kept under its IBAN or name, with the P.IVAs its confirmed pages print (the customer's, its own
codice fiscale: a person said none is its own). Where the general extractor gives one of those as
the supplier's, it is not given so, the supplier told by two agreeing signs of three (its IBAN, its
name printed, its template in place); and such a P.IVA does not keep the supplier from being
recognised by its template and name, as a valid P.IVA read otherwise does (a supplier never confirmed).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Protocol

from demat.extractors.fields.checks import run_checks
from demat.extractors.fields.identifiers import find_vats, is_valid_vat
from demat.extractors.fields.patterns import one_character_apart
from demat.extractors.layouts.accepted import accepted_reasons
from demat.extractors.layouts.arithmetic import AMOUNTS, as_printed, mend_amounts
from demat.extractors.layouts.match import (
    misread_supplier,
    misread_vat,
    printed_at,
    printed_name,
    recognised_supplier,
    supplier_keys,
)
from demat.extractors.layouts.model import SupplierLayout, page_size
from demat.extractors.layouts.placement import IN_PLACE, MOVED, NOT_LEARNT
from demat.extractors.layouts.proof import admit_guesses
from demat.extractors.layouts.read import TRUSTED, LayoutReading, read
from demat.extractors.layouts.reread import BoxReader, read_again, scan_reader
from demat.extractors.layouts.vat_split import take_vat_split
from demat.kernel.document import INVOICE_LABELS, Box, Document, Field, Page, Reason, Stage, StageContext

CHANGED = "supplier layout changed"
log = logging.getLogger("demat.layouts")


class LayoutMemory(Protocol):
    """The layouts people taught, by supplier key (the catalog provides them)."""

    def layouts_for(self, suppliers: list[str]) -> list[SupplierLayout]: ...

    def layout_used(self, layout: SupplierLayout, failures: list[str]) -> None: ...

    def suppliers(self) -> list[str]: ...


def make_layout_stage(memory: LayoutMemory) -> Stage:
    def run(doc: Document, ctx: StageContext) -> Document:
        return apply_layout(doc, memory, scan_reader(doc, ctx.config.ocr))

    return run


def apply_layout(doc: Document, memory: LayoutMemory, read_box: BoxReader | None = None) -> Document:
    """Read DOC through its supplier's layout, if one was learnt; see the module's docstring.
    READ_BOX reads a box of its scan again (None: a document with no scan to go back to)."""
    if doc.label not in INVOICE_LABELS or doc.extractor == "fatturapa" or not doc.pages:
        return doc
    values = {name: f.value for name, f in doc.fields.items()}
    layouts = memory.layouts_for(supplier_keys(values, doc.text))
    misread = None if layouts else misread_supplier(doc.text, memory.suppliers())
    if misread:
        layouts = memory.layouts_for([misread])
    recognised = None if layouts else recognised_supplier(_recognisable(memory, values.get("supplier_vat")),
                                                          doc.pages)
    if recognised:
        layouts = [recognised[0]]
    if not layouts:
        return doc
    size = page_size(doc.pages[0])
    layout = next((lay for lay in layouts if lay.page_size == size), layouts[0])
    reading = read(layout, doc.pages)
    if misread and not reading.agrees:
        return doc  # one digit away, but not its layout: another supplier
    if reading.template == MOVED:
        return _changed(doc, layout, memory, ["the template's own words not found in place", *reading.missing])
    _known_supplier_vat(reading, layout, doc.fields.get("supplier_vat"), bool(misread),
                        recognised[1] if recognised else None, doc.text)
    general = doc.fields
    if _anothers_vat(layout, general, reading, doc.pages):  # not given as the supplier's: it leaves the merge
        general = {name: value for name, value in general.items() if name != "supplier_vat"}
    if reading.template == IN_PLACE:
        _first_printed_vat(reading, layout, general, doc.text)
        _confirmed_name(reading, layout, general, doc.pages)
    _tax_code_read_alike(reading, layout, general)
    admit_guesses(reading, general, layout)
    if read_box is not None:
        read_again(reading, general, layout.accepted, read_box, layout, doc.pages)
    if reading.guessed:  # what the guesses cost and bought (bench/learning.py counts them)
        log.debug("%s: %d of %d guesses kept", doc.original_name, sum(g.kept for g in reading.guessed), len(reading.guessed),
                  extra={"guessed": reading.guessed})
    made = take_vat_split(reading.fields, layout, reading.item_rows)
    mend_amounts(reading.fields, general, layout, TRUSTED, made, reading.item_rows, reading.read_again)
    merged = {**general, **reading.fields}
    run_checks(merged)
    failures = list(reading.missing)
    for name in reading.fields:
        failed = [c for c in merged[name].failed_checks if c.name not in layout.accepted]
        failures += [f"{name} ({check.name}: {check.message})" for check in failed]
        if failed and name in general:
            merged[name] = general[name]
        elif failed:
            del merged[name]
    doc.fields = merged  # checked again, with the reasons they give, by the review stage
    for name in reading.doubted:
        doc.add_review_reason(Reason(f"{name} read otherwise when read again on the scan", "read_twice", field=name))
    for name in reading.misshapen:
        doc.add_review_reason(Reason(f"{name} not written as the supplier writes it", "misshapen", field=name))
    for name in reading.implausible:
        doc.add_review_reason(Reason(f"{name} unlikely beside the document's other dates", "implausible", field=name))
    if layout.vat_rates and "vat_lines" not in merged:  # required of an invoice whose supplier prints its split
        doc.add_review_reason(Reason("missing field: vat_lines", "missing_field", field="vat_lines"))
    doc.read_away = [name for name, (page, box) in reading.places.items() if name in general and
                     merged.get(name) is general[name] and not (_near(general[name], page, box) and
                                                             as_printed(name, general[name]))] + \
        [name for name in AMOUNTS if name in general and name not in reading.places and
         merged.get(name) is general[name] and not as_printed(name, general[name])]
    if reading.template == NOT_LEARNT and failures:  # a layout remembered without its template's words
        return _changed(doc, layout, memory, failures)
    doc.accepted = accepted_reasons(layout, merged, doc.pages)
    memory.layout_used(layout, [])
    return doc


def _recognisable(memory: LayoutMemory, own_vat: str | None) -> list[SupplierLayout]:
    """The layouts a document no key found may be recognised by (template and name): any, where OCR read no
    valid supplier P.IVA; where it read one (a supplier never confirmed, as a rule), those whose confirmation
    said that P.IVA is another's."""
    if own_vat and is_valid_vat(own_vat):  # only a supplier kept under its IBAN or name remembers others' P.IVAs
        keys = [key for key in memory.suppliers() if not key.startswith("vat:")]
        return [layout for layout in memory.layouts_for(keys) if own_vat in layout.others_vats]
    return memory.layouts_for(memory.suppliers())


def _anothers_vat(layout: SupplierLayout, general: dict[str, Field], reading: LayoutReading, pages: list[Page]) -> bool:
    """Whether the general extractor's supplier P.IVA is one LAYOUT's confirmation said is not the supplier's
    (it printed none: the customer's in the address block, its own codice fiscale), the supplier told by two
    agreeing signs of three: its IBAN, its name printed on the first page, its template's words in place. A
    P.IVA the confirmed pages did not print may be the supplier's new one: it stays, and review asks."""
    read = general.get("supplier_vat")
    if read is None or read.value not in layout.others_vats:
        return False
    kind, _, key = layout.supplier.partition(":")
    iban = reading.fields.get("iban") or general.get("iban")
    signs = (kind == "iban" and iban is not None and iban.value == key, printed_name(layout, pages) is not None,
             reading.template == IN_PLACE)
    return sum(signs) >= 2


def _near(value: Field, page: Page, box: Box) -> bool:
    """Whether VALUE was read at BOX of PAGE, give or take a line (the general extractor found it there too)."""
    if value.source_box is None or value.page != page.number:
        return False
    slack = box[3] - box[1]
    x0, top, x1, bottom = value.source_box
    return x0 < box[2] + slack and x1 > box[0] - slack and top < box[3] + slack and bottom > box[1] - slack


def _changed(doc: Document, layout: SupplierLayout, memory: LayoutMemory, failures: list[str]) -> Document:
    """DOC goes to review: its supplier's layout no longer matches it."""
    doc.add_review_reason(Reason(f"{CHANGED}: {', '.join(failures)}", "layout_changed", failures=failures))
    memory.layout_used(layout, failures)
    return doc


def _first_printed_vat(reading: LayoutReading, layout: SupplierLayout, general: dict[str, Field], text: str) -> None:
    """The supplier's P.IVA as it is known, where its layout read none (OCR spoilt it on the confirmed scan,
    or its caption now) and the general extractor read another or none ('C.F./PA.' for 'C.F./P.I.'): the
    first P.IVA the document prints, as known, where it is not the customer's and the template is in place."""
    kind, _, known = layout.supplier.partition(":")
    taken = {name: general[name].value for name in ("supplier_vat", "customer_vat") if name in general}
    if kind != "vat" or "supplier_vat" in reading.fields or known in taken.values():
        return
    first = next((found for found in find_vats(text) if found.valid), None)
    if first is not None and first.value == known:
        reading.fields["supplier_vat"] = Field(known, raw=first.raw, confidence=TRUSTED)


def _confirmed_name(reading: LayoutReading, layout: SupplierLayout, general: dict[str, Field], pages: list[Page]) -> None:
    """The supplier's name as confirmed, where the general extractor read none or another (a fax lost its
    caption, misread a letter, or took the shop's brand printed above it) and the first page prints it, the
    supplier's template in place: a right invoice is not kept in review for a missing name."""
    read = general.get("supplier_name")
    if not layout.name or (read is not None and read.value == layout.name):
        return
    printed = printed_name(layout, pages)
    if printed is not None:
        reading.fields["supplier_name"] = Field(layout.name, raw=printed, confidence=TRUSTED)


def _tax_code_read_alike(reading: LayoutReading, layout: SupplierLayout, general: dict[str, Field]) -> None:
    """The supplier's codice fiscale read as the very digits of its P.IVA misread, where the layout read the
    known P.IVA: one number printed once for both ("P.IVA e C.F. 63456250625" for 63456850625), the known
    one too; else its codice fiscale check keeps a right invoice in review."""
    vat, code = general.get("supplier_vat"), general.get("supplier_tax_code")
    known = reading.fields.get("supplier_vat")
    if None in (vat, code, known) or layout.supplier != f"vat:{known.value}" or not code.value == vat.value != known.value:
        return
    reading.fields["supplier_tax_code"] = replace(code, value=known.value, confidence=TRUSTED, checks=[])


def _known_supplier_vat(reading: LayoutReading, layout: SupplierLayout, general: Field | None,
                        misread: bool, name: str | None, text: str) -> None:
    """The supplier's P.IVA as it is known, where OCR read it with one digit wrong, or its "IT" as other
    characters or a digit lost or doubled at its learnt place, or where the supplier was recognised by its
    template and its NAME as read (OCR may not have read it at all); and where the supplier was found by
    another key (its IBAN, its name) with its template in place, OCR having misread its P.IVA so anywhere
    on TEXT (`misread_vat`: a lowres "07205420496" for 07295420496, spoilt on the confirmed scan too)."""
    fields = reading.fields
    kind, _, known = layout.supplier.partition(":")
    read = fields.get("supplier_vat") or (general if misread or name else None)
    if kind != "vat" or (read is not None and read.value == known):
        return
    place = reading.places.get("supplier_vat")
    printed = printed_at(known, *place) if read is None and place is not None else None
    misprinted = misread_vat(known, text) if read is None and reading.template == IN_PLACE else None
    if printed is not None:
        reading.take("supplier_vat", Field(known, raw=printed.text, confidence=TRUSTED, source_box=printed.box,
                                           page=place[0].number), place[0])
    elif read is None and name:
        fields["supplier_vat"] = Field(known, raw=name, confidence=TRUSTED)
    elif misprinted is not None:
        fields["supplier_vat"] = Field(known, raw=misprinted, confidence=TRUSTED)
    elif read is not None and (misread or name or (isinstance(read.value, str) and one_character_apart(known, read.value))):
        fields["supplier_vat"] = replace(read, value=known, confidence=TRUSTED, checks=[])
