"""What a person accepted on confirming a supplier's invoice, and its next invoice repeats.

A foreign supplier charges its own country's VAT (18%, 8.25%) and may print no
P.IVA: the person who confirmed its invoice accepted both. Its next invoice that
repeats them is not sent to review again for them; the value keeps its failed
check for accounting to see. Only the very values accepted are waived: a rate among
those the confirmed invoice printed (another rate is a misread, or a change), and a
missing P.IVA only where payment goes where it went (the confirmed IBAN, or no IBAN
as on the confirmed invoice: a new one is where fraud starts). The arithmetic
checks are never waived: they catch misread amounts. Nor is anything waived where
OCR was unsure of a word of the number or the date (no check refutes a misread one):
for a supplier with no P.IVA those reasons were the only review such a scan had
(a fax's 2025-3112 read 2025-3142 at 0.66, tuned G7, grammar seed 131). A date
OCR was unsure of is as printed where a sign that owes nothing to its words proves
it: the due date, read sure and as printed, falls on the confirmed invoice's terms
from it (30 days, say: a misread day or month falls elsewhere). A second reading of
the date's own box would not do: two readings of one print share its misreads.

Each waiver is named `field:check` (`field:missing` for a field not read), as the
review stage looks them up.
"""

from __future__ import annotations

from decimal import Decimal

from demat.extractors.fields import values
from demat.extractors.fields.checks import LEGAL_VAT_RATES
from demat.extractors.layouts.model import SupplierLayout
from demat.extractors.layouts.reread import UNCHECKED, unsure
from demat.kernel.document import Field, Page


def accepted_reasons(layout: SupplierLayout, fields: dict[str, Field], pages: list[Page]) -> list[str]:
    """The review reasons LAYOUT's confirmation accepted that FIELDS, read on PAGES, give again with the same values."""
    by_number = {page.number: page for page in pages}
    doubtful = [name for name in UNCHECKED if name in fields and _unsure(fields[name], by_number)]
    if doubtful and not (doubtful == ["date"] and _on_terms(layout, fields, by_number)):
        return []
    return [*_foreign_rates(layout, fields), *_no_p_iva(layout, fields)]


def _unsure(value: Field, by_number: dict[int, Page]) -> bool:
    return value.page in by_number and unsure(value, by_number[value.page])


def _on_terms(layout: SupplierLayout, fields: dict[str, Field], by_number: dict[int, Page]) -> bool:
    """Whether the due date in FIELDS, read sure and as printed (not worked out from the date and usual
    terms, as the general extractor may where a slipped digit made it impossible), falls on LAYOUT's
    confirmed terms from the date."""
    due = fields.get("due_date")
    if layout.terms is None or due is None or due.source_box is None or due.page not in by_number \
            or _unsure(due, by_number):
        return False
    printed = values.date(due.raw or "")
    return printed is not None and printed[0] == due.value and (due.value - fields["date"].value).days == layout.terms


def _foreign_rates(layout: SupplierLayout, fields: dict[str, Field]) -> list[str]:
    """Judged on the rows' rates, not on their checks: a row kept from the general extractor was not checked."""
    if "vat_rate_legal" not in layout.accepted or "vat_lines" not in fields:
        return []
    confirmed = {Decimal(row["rate"]) for row in layout.vat_rates}
    rates = {row["rate"] for row in fields["vat_lines"].value if row["rate"] is not None} - LEGAL_VAT_RATES
    return ["vat_lines:vat_rate_legal"] if rates and rates <= confirmed else []


def _no_p_iva(layout: SupplierLayout, fields: dict[str, Field]) -> list[str]:
    kind, _, key = layout.supplier.partition(":")  # known by its IBAN or name: confirmed with no P.IVA
    iban = fields["iban"].value if "iban" in fields else None
    same_payee = iban == key if kind == "iban" else kind == "name" and iban is None
    return ["supplier_vat:missing"] if "supplier_vat" not in fields and same_payee else []
