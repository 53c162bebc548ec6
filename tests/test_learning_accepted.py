"""What a person accepted on confirming a foreign supplier's invoice (its own VAT rate, no P.IVA)
does not send its next invoices to review again; another rate, or a new IBAN, still does.

A tuned G7 supplier (an Indian LLP: GST at 18%, no P.IVA, no IBAN printed), confirmed through
the CLI into a real catalog; its next invoice ingested, or read by the real stages.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from demat.extractors.fields.checks import tax_at
from demat.extractors.layouts import apply_layout
from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from demat.kernel.document import Field, StageContext
from demat.pipeline.executor import SerialExecutor
from demat.pipeline.layout_memory import CatalogLayouts
from demat.pipeline.stages import CatalogSuppliers, review_stage
from test_learning import _series, confirm_with_true_values, ingest, misread, read_invoice


def confirmed_foreign_supplier(home: Path, tmp_path: Path) -> tuple[Path, dict]:
    """The G7 supplier's first invoice confirmed with its true values; (its second invoice, its values)."""
    (first, want_first), (second, want_second) = _series(tmp_path / "g7", "G7", 1, 2)
    assert want_first["vat_lines"][0]["rate"] == "18.00" and not want_first.get("supplier_vat")
    assert not want_first.get("iban")
    confirm_with_true_values(home, ingest(home, first), want_first)
    return second, want_second


def test_a_foreign_suppliers_next_invoice_at_its_confirmed_rate_leaves_review(home: Path, tmp_path: Path):
    """Its rate keeps its failed check (accounting sees it); the person who confirmed accepted it."""
    second, want = confirmed_foreign_supplier(home, tmp_path)

    doc = ingest(home, second)
    assert doc["fields"]["vat_lines"]["value"] == want["vat_lines"]
    assert doc["review_reasons"] == [] and doc["review_state"] != "review"
    [rate] = [c for c in doc["fields"]["vat_lines"]["checks"] if c["name"] == "vat_rate_legal"]
    assert not rate["passed"]


def test_a_foreign_suppliers_next_invoice_at_another_rate_still_goes_to_review(home: Path, tmp_path: Path):
    """Its next invoice at 12%, its tax and total made at that rate: not the rate the person accepted (the
    layout's split at the confirmed 18% does not add up, the general extractor's row is kept); only its
    missing P.IVA is waived, as its confirmed invoice had none and it still prints no IBAN."""
    second, want = confirmed_foreign_supplier(home, tmp_path)
    catalog = Catalog(home / "catalog.sqlite3")
    [row] = want["vat_lines"]
    taxable, tax, total = (Decimal(v) for v in (row["taxable_amount"], row["vat_amount"], want["total"]))
    other = tax_at(taxable, Decimal("12"))

    doc = read_invoice(second, tmp_path)
    for printed, changed in (("(18%)", "(12%)"), (f"{tax:,}", f"{other:,}"), (f"{total:,}", f"{taxable + other:,}")):
        doc = misread(doc, printed, changed, tmp_path)
    doc = review_stage(CatalogSuppliers(catalog))(apply_layout(doc, CatalogLayouts(catalog)),
                                                  StageContext(load_config(home), SerialExecutor(), tmp_path))
    assert [r["rate"] for r in doc.field_value("vat_lines")] == [Decimal("12.00")]
    assert doc.accepted == ["supplier_vat:missing"]
    assert [r.params["check"] for r in doc.review_reasons] == ["vat_rate_legal"]


def test_a_foreign_supplier_confirmed_without_an_iban_whose_next_invoice_prints_one_goes_to_review(
        home: Path, tmp_path: Path):
    """Payment asked to an IBAN the confirmed invoice did not print: its missing P.IVA is not waived."""
    second, _ = confirmed_foreign_supplier(home, tmp_path)
    catalog = Catalog(home / "catalog.sqlite3")
    ctx = StageContext(load_config(home), SerialExecutor(), tmp_path)

    doc = read_invoice(second, tmp_path)
    doc.fields["iban"] = Field("GB05XLVS66158084452254")
    doc = review_stage(CatalogSuppliers(catalog))(apply_layout(doc, CatalogLayouts(catalog)), ctx)
    assert "supplier_vat:missing" not in doc.accepted
    assert "supplier_vat" in {r.params.get("field") for r in doc.review_reasons if r.code == "missing_field"}


def test_a_foreign_suppliers_next_invoice_whose_number_ocr_was_unsure_of_keeps_its_review(home: Path, tmp_path: Path):
    """No check refutes a misread number, and for a supplier with no P.IVA the reasons accepted were its
    only review: a number read from words OCR was unsure of (a fax's 2025-3112 read 2025-3142) keeps them."""
    second, want = confirmed_foreign_supplier(home, tmp_path)
    catalog = Catalog(home / "catalog.sqlite3")
    doc = read_invoice(second, tmp_path)
    for page in doc.pages:
        page.words = [replace(w, confidence=0.6) if want["number"] in w.text else w for w in page.words]

    doc = review_stage(CatalogSuppliers(catalog))(apply_layout(doc, CatalogLayouts(catalog)),
                                                  StageContext(load_config(home), SerialExecutor(), tmp_path))
    assert doc.field_value("number") == want["number"] and doc.accepted == []
    assert {(r.code, r.params["field"]) for r in doc.review_reasons} == \
        {("check_failed", "vat_lines"), ("missing_field", "supplier_vat")}


def test_a_foreign_suppliers_next_invoice_whose_date_ocr_was_unsure_of_leaves_review_where_its_terms_prove_it(
        home: Path, tmp_path: Path):
    """A date read from words OCR was unsure of keeps what was accepted from being waived, unless a sign that
    owes nothing to those words proves it: its due date, read sure, 30 days after it as on the confirmed
    invoice. The date misread a day off (03-03-2025 read 04-03-2025), unsure, falls elsewhere from the due
    date, and its review is kept."""
    second, want = confirmed_foreign_supplier(home, tmp_path)
    catalog = Catalog(home / "catalog.sqlite3")
    ctx = StageContext(load_config(home), SerialExecutor(), tmp_path)
    printed = read_invoice(second, tmp_path).fields["date"].raw
    assert printed == "03-03-2025" and want["due_date"] == "2025-04-02"  # the confirmed invoice's 30 days

    for read_as, waived in ((printed, True), ("04-03-2025", False)):
        doc = misread(read_invoice(second, tmp_path), printed, read_as, tmp_path, confidence=0.6)
        doc = review_stage(CatalogSuppliers(catalog))(apply_layout(doc, CatalogLayouts(catalog)), ctx)
        assert doc.field_value("date").strftime("%d-%m-%Y") == read_as
        assert (doc.accepted == ["vat_lines:vat_rate_legal", "supplier_vat:missing"], doc.review_reasons == []) == \
            (waived, waived), read_as
