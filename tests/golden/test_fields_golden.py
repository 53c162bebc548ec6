"""Golden pairs: every committed born-digital PDF and FatturaPA file, read by the
text and fields stages, checked field by field against its NAME.json."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from demat.extractors import fields, text
from demat.kernel.config import load_config
from demat.kernel.document import Classification, Document, StageContext, to_jsonable
from demat.pipeline.executor import SerialExecutor

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "committed"
AMOUNTS = ("taxable_amount", "vat_amount", "total", "balance")



def golden_files() -> list[Path]:
    found = []
    for expected in sorted(SAMPLES.glob("*.json")):
        data = json.loads(expected.read_text(encoding="utf-8"))
        if data["kind"] in ("born_digital", "fatturapa"):
            found.append(expected)
    return found


@pytest.mark.parametrize("expected_file", golden_files(), ids=lambda p: p.stem)
def test_fields_match_the_golden_values(expected_file, tmp_path):
    data = json.loads(expected_file.read_text(encoding="utf-8"))
    path = SAMPLES / data["file"]
    ctx = StageContext(config=load_config(tmp_path), executor=SerialExecutor(), work_dir=tmp_path)
    doc = text.run(Document(path=path, original_name=path.name), ctx)
    if doc.classification is None:  # the classifier's job; here the type is given
        doc.classification = Classification(data["type"], 1.0)
    # as the runner does: each part, the fields stage skipped where a FatturaPA states them
    documents = [d if d.fields else fields.run(d, ctx) for d in [doc, *doc.parts]]
    invoices = data.get("invoices") or [data["fields"]]
    assert len(documents) == len(invoices)
    wrong = []
    for document, expected in zip(documents, invoices):
        for name, value in expected.items():
            got = to_jsonable(document.field_value(name))
            if comparable(name, got) != comparable(name, value):
                wrong.append(f"{name}: expected {value!r}, got {got!r}")
    assert not wrong, f"{path.name}: " + "; ".join(wrong)


def comparable(name: str, value):
    """Amounts by value ("7899.2" is "7899.20", "-0.00" is "0.00"), everything else exactly."""
    if value is None:
        return None
    if name in AMOUNTS:
        return Decimal(value)
    if name == "vat_lines":
        return [{k: Decimal(v) if k in ("rate", "taxable_amount", "vat_amount") and v is not None else v
                 for k, v in row.items()} for row in value]
    return value
