"""The VAT split read through a supplier's layout: each row's amounts where the
confirmed invoice printed them, the rate as confirmed (a supplier's rows keep their
rates); a row's tax that was not read (a low-resolution scan) is its taxable amount
at its rate, as the invoice computes it, and the checks compare it with the totals;
else, where the invoice prints only the rate of each line, the rows added up from
the goods table."""

from __future__ import annotations

from decimal import Decimal

from demat.extractors.fields.checks import tax_at
from demat.extractors.layouts.model import ROW_PARTS, SupplierLayout, row_place
from demat.kernel.document import Field


def take_vat_split(fields: dict[str, Field], layout: SupplierLayout, item_rows: list[dict] | None) -> set[str]:
    """Replace the rows' amounts read in FIELDS (vat_lines.0.taxable_amount, ...) by `vat_lines`; the
    totals it adds to FIELDS as the rows make them, not as read."""
    found = [{part: fields.pop(row_place(i, part), None) for part in ROW_PARTS} for i in range(len(layout.vat_rates))]
    printed = [row["vat_amount"] for row in found if row["vat_amount"] is not None]
    if found and len(printed) == len(found) and "vat_amount" not in layout.fields:
        fields["vat_amount"] = Field(sum(f.value for f in printed), raw="; ".join(f.raw for f in printed),
                                     page=printed[0].page)
    rows = _printed_rows(found, layout, fields.get("taxable_amount"))
    made = set()
    if rows is not None:
        parts = [f for row in found for f in row.values() if f is not None]
        fields["vat_lines"] = Field(rows, raw="; ".join(f.raw for f in parts), page=parts[0].page)
        made = {name for name in ROW_PARTS if name not in fields}
        for name in made:  # the rows make the totals the invoice does not print (the checks compare the others)
            fields[name] = Field(sum(row[name] for row in rows), raw=fields["vat_lines"].raw, page=parts[0].page)
    elif item_rows:
        fields["vat_lines"] = Field(item_rows, raw="goods table")
    return made


def _printed_rows(found: list[dict], layout: SupplierLayout, taxable: Field | None) -> list[dict] | None:
    """The rows read where they were printed; one row's taxable amount may be what the others leave,
    a row's tax what its taxable amount makes at its rate."""
    missing = [row for row in found if row["taxable_amount"] is None]
    if not found or len(missing) > 1 or (missing and taxable is None) or \
            not any(part is not None for row in found for part in row.values()):
        return None
    rows = []
    for learnt, row in zip(layout.vat_rates, found):
        if row["taxable_amount"] is None:
            known = sum(r["taxable_amount"].value for r in found if r["taxable_amount"] is not None)
            row["taxable_amount"] = Field(taxable.value - known, raw=taxable.raw, page=taxable.page)
        rate, amount = Decimal(learnt["rate"]), row["taxable_amount"].value
        tax = row["vat_amount"].value if row["vat_amount"] is not None else \
            tax_at(amount, rate)
        rows.append({"rate": rate, "taxable_amount": amount, "vat_amount": tax, "nature": learnt["nature"]})
    return rows
