"""The VAT split read through a supplier's layout: each row's amounts where the
confirmed invoice printed them, the rate as confirmed (a supplier's rows keep their rates)."""

from __future__ import annotations

from decimal import Decimal

from extractors.layouts.model import ROW_PARTS, SupplierLayout, row_place
from pipeline.document import Field


def take_vat_split(fields: dict[str, Field], layout: SupplierLayout) -> None:
    """Replace the rows' amounts read in FIELDS by `vat_lines` where every row's VAT was found,
    and the taxable and VAT totals by the rows' sums (an invoice may print only those of each rate)."""
    found = [{part: fields.pop(row_place(i, part), None) for part in ROW_PARTS} for i in range(len(layout.vat_rates))]
    if not found or any(row["vat_amount"] is None for row in found):
        return
    if "vat_amount" not in layout.fields:
        fields["vat_amount"] = Field(sum(row["vat_amount"].value for row in found),
                                     raw="; ".join(row["vat_amount"].raw for row in found), page=found[0]["vat_amount"].page)
    missing = [row for row in found if row["taxable_amount"] is None]
    taxable = fields.get("taxable_amount")
    if len(missing) > 1 or (missing and taxable is None):
        return  # the taxable amount of each rate is not printed: the general extractor's rows stay
    rows = []
    for learnt, row in zip(layout.vat_rates, found):
        if row["taxable_amount"] is None:
            known = sum(r["taxable_amount"].value for r in found if r["taxable_amount"] is not None)
            row["taxable_amount"] = Field(taxable.value - known, raw=taxable.raw, page=taxable.page)
        rows.append({"rate": Decimal(learnt["rate"]), "taxable_amount": row["taxable_amount"].value,
                     "vat_amount": row["vat_amount"].value, "nature": learnt["nature"]})
    parts = [f for row in found for f in row.values()]
    fields["vat_lines"] = Field(rows, raw="; ".join(f.raw for f in parts), confidence=min(f.confidence for f in parts),
                                page=parts[0].page)
    for name in ROW_PARTS:  # the rows, each read where it was confirmed, make the totals
        total = sum(row[name] for row in rows)
        if name not in fields or fields[name].value != total:
            fields[name] = Field(total, raw=fields["vat_lines"].raw, page=parts[0].page)
