"""Suppliers that print no P.IVA of their own (issue 14): an association's receipt, a foreign supplier,
a person's receipt for occasional work. Confirmed once, such a supplier's layout is kept under its IBAN or
its name; where the general extractor gives another party's P.IVA as the supplier's on its next invoice
(the customer's, as a never-tuned layout made it do), the supplier is still known by two agreeing signs,
and that P.IVA is not given as its own. Real PDFs and scans read by the text and fields stages.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from bench.learning import grammar_series
from demat.extractors.layouts import apply_layout
from demat.extractors.layouts.match import supplier_key
from demat.extractors.layouts.model import SupplierLayout
from demat.extractors.layouts.record import learn
from demat.extractors.layouts.reread import scan_reader
from demat.indexer.repository import from_json
from demat.kernel.config import load_config
from demat.kernel.document import Document, Field, StageContext
from demat.pipeline.executor import SerialExecutor
from demat.pipeline.stages import review_stage
from no_p_iva_suppliers import write_receipts
from test_learning import OneLayout, misread, read_invoice

ASSOCIATION, SWISS = 2, 7  # no_p_iva_suppliers' suppliers: an association, a Swiss firm writing in Italian


class Confirmed(OneLayout):
    """The one layout a test taught, and the suppliers confirmed (`demat confirm` makes them known)."""

    def is_known(self, vat: str) -> bool:
        return self.layout.supplier == f"vat:{vat}"


def confirmed(first: Path, want: dict, work: Path) -> SupplierLayout:
    """The layout a confirmation of FIRST with its true values teaches, under the key `demat confirm` gives."""
    true = {name: Field(from_json(name, value)) for name, value in want.items() if value not in (None, [])}
    return learn(supplier_key({name: f.value for name, f in true.items()}), read_invoice(first, work).pages, true)


def given_the_customers_p_iva(doc: Document) -> Document:
    """DOC as the general extractor read it where it takes the customer's P.IVA for the supplier's."""
    doc.fields["supplier_vat"] = replace(doc.fields["customer_vat"], checks=[])
    return doc


def reviewed(doc: Document, memory: Confirmed, work: Path) -> Document:
    ctx = StageContext(load_config(work / "home"), SerialExecutor(), work)
    return review_stage(memory)(apply_layout(doc, memory, scan_reader(doc, ctx.config.ocr)), ctx)


def test_a_swiss_suppliers_scan_with_the_customers_p_iva_in_a_strip_of_boxes_is_read(tmp_path: Path):
    """A Swiss firm invoicing in Italian prints the customer's P.IVA only in a strip of boxes, under
    'Partita IVA': the fields stage stopped on its flatbed scan (a loop in parties.py reused the name of
    the set of captions for a block, and the next party marker looked a caption up in that block)."""
    [(scan, want)] = write_receipts(tmp_path, SWISS, 1, "scan", "flatbed")
    doc = read_invoice(scan, tmp_path)
    assert doc.field_value("customer_vat") == want["customer_vat"] and doc.field_value("supplier_vat") is None


def test_an_associations_next_receipt_read_with_the_customers_p_iva_leaves_review_without_it(tmp_path: Path):
    """An association prints its codice fiscale, no P.IVA; its layout is kept under its IBAN, and the
    customer's P.IVA its confirmed receipt printed is remembered as another's. Its next receipt, the
    customer's P.IVA given as the supplier's: its IBAN and its name printed tell the supplier, the P.IVA is
    not given as its own, and nothing else keeping it, it leaves review (it was kept as from an unknown
    supplier, that P.IVA's)."""
    (first, want_first), (second, want) = write_receipts(tmp_path, ASSOCIATION, 2)
    layout = confirmed(first, want_first, tmp_path)
    assert layout.supplier.startswith("iban:")

    after = reviewed(given_the_customers_p_iva(read_invoice(second, tmp_path)), Confirmed(layout), tmp_path)
    assert after.field_value("supplier_vat") is None and after.field_value("customer_vat") == want["customer_vat"]
    assert after.field_value("number") == want["number"] and after.fields["number"].confidence >= 0.99
    assert not after.review_reasons, [str(reason) for reason in after.review_reasons]


def test_a_p_iva_the_confirmed_receipt_did_not_print_stays_the_suppliers_and_review_asks(tmp_path: Path):
    """The same association's next receipt read with a P.IVA its confirmed one did not print (the supplier's
    new own, or another customer's): nothing says whose it is, and the document stays in review."""
    (first, want_first), (second, want) = write_receipts(tmp_path, ASSOCIATION, 2)
    layout = confirmed(first, want_first, tmp_path)
    doc = given_the_customers_p_iva(read_invoice(second, tmp_path))
    new = "01234567897"
    doc.fields["supplier_vat"] = replace(doc.fields["supplier_vat"], value=new)

    after = reviewed(doc, Confirmed(layout), tmp_path)
    assert after.field_value("supplier_vat") == new
    assert "unknown_supplier" in {reason.code for reason in after.review_reasons}


def test_a_foreign_supplier_known_by_its_name_is_recognised_where_the_p_iva_read_is_the_customers(tmp_path: Path):
    """A tuned G7 supplier in the US (grammar seed 211) prints no VAT number and no IBAN: its layout is kept
    under its name. On its next scan the name read otherwise and the customer's P.IVA given as the
    supplier's, no key found it, and a valid P.IVA read kept it from being recognised by its template and
    name (as a supplier never confirmed): the P.IVA being one its confirmation said is another's, its
    template in place and its name printed tell it, and its layout reads the invoice."""
    (first, want_first), (second, want) = [(path.parent / data["file"], data["fields"]) for [path] in
                                           grammar_series(tmp_path, "G7", 0, 2, ["born_digital"], 211)
                                           for data in [json.loads(path.read_text(encoding="utf-8"))]]
    layout = confirmed(first, want_first, tmp_path)
    assert layout.supplier.startswith("name:")
    word = want_first["supplier_name"].split()[0]
    doc = given_the_customers_p_iva(misread(read_invoice(second, tmp_path), word, word[:-1] + "x", tmp_path))
    assert supplier_key({"supplier_name": doc.field_value("supplier_name")}) != layout.supplier

    after = reviewed(doc, Confirmed(layout), tmp_path)
    assert after.field_value("supplier_vat") is None
    assert after.field_value("number") == want["number"] and after.fields["number"].confidence >= 0.99
    assert "unknown_supplier" not in {reason.code for reason in after.review_reasons}
