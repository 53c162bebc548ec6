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
(a fax's 2025-3112 read 2025-3142 at 0.66, tuned G7, grammar seed 131).

Each waiver is named `field:check` (`field:missing` for a field not read), as the
review stage looks them up.
"""

from __future__ import annotations

from decimal import Decimal

from demat.extractors.fields.checks import LEGAL_VAT_RATES
from demat.extractors.layouts.model import SupplierLayout
from demat.extractors.layouts.reread import UNCHECKED, unsure
from demat.kernel.document import Field, Page


def accepted_reasons(layout: SupplierLayout, fields: dict[str, Field], pages: list[Page]) -> list[str]:
    """The review reasons LAYOUT's confirmation accepted that FIELDS, read on PAGES, give again with the same values."""
    by_number = {page.number: page for page in pages}
    if any(fields[name].page in by_number and unsure(fields[name], by_number[fields[name].page])
           for name in UNCHECKED if name in fields):
        return []
    return [*_foreign_rates(layout, fields), *_no_p_iva(layout, fields)]


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
