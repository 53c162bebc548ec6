"""Stage: should a person look at this document before it is routed?

The fields stage already flags failed checks and missing fields; here the type
and the supplier are judged. An uncertain type goes to review, not to a guess,
and so does the first invoice of a supplier nobody has confirmed yet (an
invoice asks for money: a new supplier or a new IBAN is where fraud starts).
"""

from __future__ import annotations

from typing import Protocol

from demat.kernel.document import INVOICE_LABELS, Document, Reason, Stage, StageContext


class KnownSuppliers(Protocol):
    """Suppliers an archivist has confirmed, by P.IVA (the catalog provides them)."""

    def is_known(self, vat: str) -> bool: ...


def make_review_stage(known_suppliers: KnownSuppliers | None = None) -> Stage:
    """The review stage; without `known_suppliers` no supplier is judged unknown."""

    def run(doc: Document, ctx: StageContext) -> Document:
        return review(doc, ctx.config.classifier.review_threshold, known_suppliers)

    return run


run = make_review_stage()


def review(doc: Document, threshold: float, known_suppliers: KnownSuppliers | None = None) -> Document:
    c = doc.classification
    if c is None:
        doc.add_review_reason(Reason("no document type: no readable text to classify", "no_type"))
    elif c.confidence < threshold:
        alternatives = c.alternatives or [(c.label, c.confidence)]
        ranked = ", ".join(f"{label} {p:.2f}" for label, p in alternatives)
        doc.add_review_reason(Reason(f"uncertain type: {ranked}", "uncertain_type",
                                     alternatives=[[label, round(p, 2)] for label, p in alternatives]))
    vat = doc.field_value("supplier_vat")
    if doc.label in INVOICE_LABELS and known_suppliers is not None and vat and not known_suppliers.is_known(vat):
        name = doc.field_value("supplier_name")
        doc.add_review_reason(Reason(f"unknown supplier {vat}" + (f" ({name})" if name else ""), "unknown_supplier",
                                     vat=vat, name=name))
    return doc
