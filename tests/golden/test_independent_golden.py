"""Golden pairs over layouts the extractor was not written for: samples/independent/
(never-tuned grammar families, born-digital and scanned) and samples/courtesy/
(FatturaPA courtesy copies printed by other people's stylesheets).

Every document goes through the real text stage (tesseract for scans) and fields
stage; each expected field is its own test. KNOWN_GAPS lists the (document, field)
pairs extraction gets wrong today (issue 11): they must still fail, so when the
extractor improves the list has to shrink, and nothing outside it may break.
After an extraction change, run this file: each XPASS(strict) names a pair to
delete from KNOWN_GAPS; a new FAILED is a regression to mend. REGRESSIONS lists the pairs that an
extraction change broke and nobody has mended yet, kept apart from the gaps.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from bench.extraction import same
from demat.extractors import fields, text
from demat.kernel.config import load_config
from demat.kernel.document import Classification, Document, StageContext, to_jsonable
from demat.pipeline.executor import SerialExecutor

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SETS = (SAMPLES / "independent", SAMPLES / "courtesy")
GAP = "extraction does not read this layout yet (issue 11)"
REGRESSED = "read right before this session's extraction changes, wrong after: a regression to mend (issue 11)"
KNOWN_GAPS: list[tuple[str, str]] = [  # (document, field) wrong today; shrink it as extraction learns
    ("C2-fattura-s0001", "taxable_amount"), ("C2-fattura-s0001", "vat_lines"),
    ("G12-contratto-s0005", "date"), ("G12-ordine-s0007", "taxable_amount"),
    ("G5-fattura-s0003-fax", "iban"), ("G5-fattura-s0003-fax", "number"),
    ("G5-nota_credito-s0004-lowres", "supplier_name"), ("G5-nota_credito-s0004-lowres", "taxable_amount"),
    ("G5-nota_credito-s0004-lowres", "total"), ("G5-nota_credito-s0004-lowres", "vat_lines"),
    ("G6-estratto_conto-s0005", "customer_name"), ("G6-estratto_conto-s0005", "supplier_name"),
    ("G6-nota_spese-s0007", "date"),
    ("G8-fattura-s0003", "due_date"),
]
REGRESSIONS: list[tuple[str, str]] = [  # read right before this session's extraction changes, wrong after
    # (the OCR of faxes, photos and small text, stop 13, lost five pairs here: amounts7, scan8 and ocr15 mended them
    # all, the last two with the text height measured without a page's rules and frames)
    # (a logo much taller than the text no longer joins the lines beside it into one, fields5, lost a supplier's P.IVA
    # here: the two party blocks told apart with the customer's marker unread, stop 40, mended it)
]


def cases() -> list:
    found = []
    for folder in SETS:
        for expected_file in sorted(folder.glob("*.json")):
            data = json.loads(expected_file.read_text(encoding="utf-8"))
            for name in data["fields"]:
                pair = (expected_file.stem, name)
                reason = GAP if pair in KNOWN_GAPS else REGRESSED if pair in REGRESSIONS else None
                found.append(pytest.param(expected_file, name, id=f"{expected_file.stem}:{name}",
                                          marks=[pytest.mark.xfail(strict=True, reason=reason)] if reason else []))
    return found


_read: dict[Path, Document] = {}


def extracted(expected_file: Path, data: dict) -> Document:
    """The document read once by the text and fields stages, shared by its fields' tests."""
    if expected_file not in _read:
        path = expected_file.parent / data["file"]
        work = Path(tempfile.mkdtemp(prefix="golden-"))
        ctx = StageContext(config=load_config(work), executor=SerialExecutor(), work_dir=work)
        doc = text.run(Document(path=path, original_name=path.name), ctx)
        doc.classification = doc.classification or Classification(data["type"], 1.0)  # the type is given
        _read[expected_file] = fields.run(doc, ctx)
    return _read[expected_file]


def test_known_gaps_name_real_documents_and_fields():
    known = {(p.values[0].stem, p.values[1]) for p in cases()}
    listed = KNOWN_GAPS + REGRESSIONS
    assert set(listed) <= known, sorted(set(listed) - known)
    assert len(set(listed)) == len(listed), "a pair is listed twice"


@pytest.mark.parametrize(("expected_file", "name"), cases())
def test_field_matches_the_expected_value(expected_file: Path, name: str):
    data = json.loads(expected_file.read_text(encoding="utf-8"))
    want = data["fields"][name]
    got = to_jsonable(extracted(expected_file, data).field_value(name))
    if want is None or want == []:
        assert got in (None, []), f"{data['file']}: {name} should be absent, got {got!r}"
    else:
        assert got is not None and same(name, want, got), f"{data['file']}: {name}: expected {want!r}, got {got!r}"
