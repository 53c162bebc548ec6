"""Every check flags a wrong value, keeps it, and sends the document to review;
a bad pattern file stops the start with the file and entry named."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from demat.extractors.fields.checks import REQUIRED, add_review_reasons, run_checks
from demat.kernel.document import Classification, Document, Field

D = Decimal


def invoice(**overrides) -> dict[str, Field]:
    values = {"number": "1", "date": dt.date(2024, 3, 14), "supplier_name": "Rossi S.r.l.",
              "supplier_vat": "00743110157", "supplier_tax_code": "RSSMRA85T10A562S", "iban": "IT60X0542811101000000123456",
              "taxable_amount": D("1206.23"), "vat_amount": D("265.37"), "total": D("1471.60"),
              "due_date": dt.date(2024, 4, 13),
              "vat_lines": [{"rate": D("22.00"), "taxable_amount": D("1206.23"), "vat_amount": D("265.37"), "nature": None}]}
    values.update(overrides)
    return {k: Field(v, raw=str(v)) for k, v in values.items() if v is not None}


def run(tmp_path: Path, fields_: dict[str, Field], label: str = "fattura") -> Document:
    doc = Document(path=tmp_path / "x.xml", original_name="x.xml", fields=fields_,
                   classification=Classification(label, 1.0))
    run_checks(doc.fields)  # what the review stage does with a document's values
    add_review_reasons(doc)
    return doc


def test_a_consistent_invoice_passes_every_check(tmp_path):
    doc = run(tmp_path, invoice())
    names = {c.name for f in doc.fields.values() for c in f.checks}
    assert names == {"partita_iva", "codice_fiscale", "iban", "vat_lines_sum", "vat_rate_legal", "total",
                     "due_date_after_date"}
    assert all(c.passed for f in doc.fields.values() for c in f.checks)
    assert doc.review_reasons == []


@pytest.mark.parametrize("overrides, field, check", [
    ({"supplier_vat": "00743110158"}, "supplier_vat", "partita_iva"),
    ({"supplier_tax_code": "RSSMRA85T10A562X"}, "supplier_tax_code", "codice_fiscale"),
    ({"iban": "IT61X0542811101000000123456"}, "iban", "iban"),
    ({"total": D("1471.70")}, "total", "total"),
    ({"due_date": dt.date(2024, 3, 1)}, "due_date", "due_date_after_date"),
    ({"vat_lines": [{"rate": D("22.00"), "taxable_amount": D("1206.23"), "vat_amount": D("265.00"), "nature": None}]},
     "vat_lines", "vat_lines_sum"),
    ({"vat_lines": [{"rate": D("21.00"), "taxable_amount": D("1206.23"), "vat_amount": D("253.31"), "nature": None}]},
     "vat_lines", "vat_rate_legal"),
])
def test_each_failed_check_is_flagged_kept_and_sent_to_review(tmp_path, overrides, field, check):
    doc = run(tmp_path, invoice(**overrides))
    kept = doc.fields[field]
    assert kept.value == next(iter(overrides.values()))
    failed = [c.name for c in kept.failed_checks]
    assert check in failed
    assert any(r.startswith(f"check failed: {check}: ") for r in doc.review_reasons)


def test_the_total_reason_says_the_sum(tmp_path):
    doc = run(tmp_path, invoice(total=D("1471.70")))
    assert "check failed: total: 1206.23 + 265.37 != 1471.70" in doc.review_reasons


def test_credit_note_signs_must_agree(tmp_path):
    ok = run(tmp_path, invoice(taxable_amount=D("-100.00"), vat_amount=D("-22.00"), total=D("-122.00"),
                               vat_lines=None), "nota_credito")
    assert ok.review_reasons == []
    mixed = run(tmp_path, invoice(taxable_amount=D("-100.00"), vat_amount=D("22.00"), total=D("-78.00"),
                                  vat_lines=None), "nota_credito")
    assert any("signs differ" in r for r in mixed.review_reasons)


def test_missing_required_fields_are_review_reasons(tmp_path):
    doc = run(tmp_path, invoice(number=None, supplier_vat=None))
    assert "missing field: number" in doc.review_reasons
    assert "missing field: supplier_vat" in doc.review_reasons
    assert set(REQUIRED["fattura"]) == {"number", "date", "supplier_name", "supplier_vat", "total"}

