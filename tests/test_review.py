"""The review decision: uncertain type, no type, unknown supplier."""

from __future__ import annotations

from pathlib import Path

from demat.classifiers import review
from demat.kernel.config import load_config
from demat.kernel.document import Classification, Document, Field, Page, StageContext
from demat.pipeline.executor import SerialExecutor


def context(tmp_path: Path, threshold: float = 0.8) -> StageContext:
    config = load_config(tmp_path, environ={}, overrides={"classifier": {"review_threshold": threshold}})
    return StageContext(config=config, executor=SerialExecutor(), work_dir=tmp_path)


def document(classification: Classification | None, **fields) -> Document:
    doc = Document(path=Path("x.pdf"), original_name="x.pdf", pages=[Page(number=1, text="...")])
    doc.classification = classification
    doc.fields = {k: Field(value=v) for k, v in fields.items()}
    return doc


UNSURE = Classification("fattura", 0.62, [("fattura", 0.62), ("nota_credito", 0.3), ("proforma", 0.05)])
SURE = Classification("fattura", 0.97, [("fattura", 0.97), ("proforma", 0.02), ("ddt", 0.01)])


def test_low_confidence_gives_a_reason_with_the_alternatives(tmp_path):
    doc = review.run(document(UNSURE), context(tmp_path))
    assert doc.review_reasons == ["uncertain type: fattura 0.62, nota_credito 0.30, proforma 0.05"]


def test_confident_type_needs_no_review(tmp_path):
    assert review.run(document(SURE), context(tmp_path)).review_reasons == []


def test_threshold_comes_from_the_settings(tmp_path):
    assert review.run(document(UNSURE), context(tmp_path, threshold=0.5)).review_reasons == []
    assert review.run(document(SURE), context(tmp_path, threshold=0.99)).review_reasons != []


def test_no_classification_goes_to_review(tmp_path):
    assert review.run(document(None), context(tmp_path)).review_reasons == [
        "no document type: no readable text to classify"]


def test_fatturapa_type_is_not_questioned(tmp_path):
    exact = Classification("nota_credito", 1.0, [("nota_credito", 1.0)], source="fatturapa")
    doc = review.run(document(exact), context(tmp_path))
    assert doc.review_reasons == []
    assert doc.classification.label == "nota_credito"


def test_reasons_from_earlier_stages_are_kept_and_not_repeated(tmp_path):
    doc = document(UNSURE)
    doc.add_review_reason("total: 1471.60 != 1206.23 + 265.37")
    review.run(review.run(doc, context(tmp_path)), context(tmp_path))
    assert doc.review_reasons == ["total: 1471.60 != 1206.23 + 265.37",
                                  "uncertain type: fattura 0.62, nota_credito 0.30, proforma 0.05"]


class Catalog:
    def __init__(self, *vats: str):
        self.vats = set(vats)

    def is_known(self, vat: str) -> bool:
        return vat in self.vats


def test_unknown_supplier_goes_to_review(tmp_path):
    stage = review.make_review_stage(Catalog("01234567890"))
    known = stage(document(SURE, supplier_vat="01234567890"), context(tmp_path))
    assert known.review_reasons == []
    unknown = stage(document(SURE, supplier_vat="09876543210", supplier_name="Bianchi S.p.A."), context(tmp_path))
    assert unknown.review_reasons == ["unknown supplier 09876543210 (Bianchi S.p.A.)"]
    no_vat = stage(document(SURE), context(tmp_path))
    assert no_vat.review_reasons == []
    ddt = Classification("ddt", 0.97, [("ddt", 0.97)])
    not_an_invoice = stage(document(ddt, supplier_vat="09876543210"), context(tmp_path))
    assert not_an_invoice.review_reasons == []  # only invoices ask for money


def test_without_a_supplier_list_no_supplier_is_unknown(tmp_path):
    doc = review.run(document(SURE, supplier_vat="09876543210"), context(tmp_path))
    assert doc.review_reasons == []
