"""Supplier layouts: what demat learns when a person confirms an invoice.

A supplier prints every invoice from one template. When a person confirms one,
`record.learn` remembers where each value sat (its label, its place relative to
the label and to the page); the catalog keeps it per supplier and page size.
This stage, run after the general fields extractor, reads the next invoice of
that supplier at those places first: a value found there that passes its checks
replaces the general one; what the layout does not hold, or what fails, keeps
the general extractor's value. A layout that no longer finds its labels or whose
values fail their checks sends the document to review saying so: the supplier
has probably changed its invoice.
"""

from __future__ import annotations

from typing import Protocol

from extractors.fields.checks import add_review_reasons, run_checks
from extractors.layouts.match import supplier_keys
from extractors.layouts.model import SupplierLayout, page_size
from extractors.layouts.read import read
from extractors.layouts.vat_split import take_vat_split
from pipeline.document import INVOICE_LABELS, Document, Field, Reason, Stage, StageContext

CHANGED = "supplier layout changed"


class LayoutMemory(Protocol):
    """The layouts people taught, by supplier key (the catalog provides them)."""

    def layouts_for(self, suppliers: list[str]) -> list[SupplierLayout]: ...

    def layout_used(self, layout: SupplierLayout, failures: list[str]) -> None: ...


def make_layout_stage(memory: LayoutMemory) -> Stage:
    def run(doc: Document, ctx: StageContext) -> Document:
        return apply_layout(doc, memory)

    return run


def apply_layout(doc: Document, memory: LayoutMemory) -> Document:
    """Read DOC through its supplier's layout, if one was learnt; see the module's docstring."""
    if doc.label not in INVOICE_LABELS or doc.extractor == "fatturapa" or not doc.pages:
        return doc
    values = {name: f.value for name, f in doc.fields.items()}
    layouts = memory.layouts_for(supplier_keys(values, doc.text))
    if not layouts:
        return doc
    size = page_size(doc.pages[0])
    layout = next((lay for lay in layouts if lay.page_size == size), layouts[0])
    reading = read(layout, doc.pages)
    general = doc.fields
    earlier = _field_reasons(doc, general)
    take_vat_split(reading.fields, layout, reading.item_rows)
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
    run_checks(merged)
    doc.review_reasons = [r for r in doc.review_reasons if r not in earlier]
    doc.fields = merged
    add_review_reasons(doc)
    if failures:
        doc.add_review_reason(Reason(f"{CHANGED}: {', '.join(failures)}", "layout_changed", failures=failures))
    memory.layout_used(layout, failures)
    return doc


def _field_reasons(doc: Document, fields: dict[str, Field]) -> list[str]:
    """The review reasons the general extractor's fields gave (replaced by the merged fields' own)."""
    scratch = Document(path=doc.path, original_name=doc.original_name, classification=doc.classification,
                       fields=fields)
    add_review_reasons(scratch)
    return scratch.review_reasons
