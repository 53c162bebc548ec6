"""Amounts on scans made here (issue 11): an invoice written as a PDF with reportlab, printed to a 300 dpi
image and read back by tesseract through the text stage, then the fields. A total whose cents the scan
mangled ("€ 8.793.365" for 8.793,86) is the imponibile + IVA when those two prove each other by a legal
rate and the figure's euros are theirs; a figure whose euros are not stays unread."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from demat.extractors import fields
from demat.extractors import text as text_stage
from demat.kernel.document import Classification, Document, StageContext
from demat.samples.grammar.damage import rasterise
from test_fields_amounts_layout import LETTERHEAD, caption_rows
from test_fields_foreign import _config, _serial, write_pdf


def read_scan(lines, tmp_path: Path) -> Document:
    """LINES printed to a PDF, the PDF to a 300 dpi PNG, the PNG through OCR and the fields stage."""
    pdf = write_pdf(lines, tmp_path / "invoice.pdf")
    scan = tmp_path / "invoice.png"
    rasterise(pdf.read_bytes(), 300)[0].save(scan, dpi=(300, 300))
    ctx = StageContext(config=_config(tmp_path), executor=_serial(), work_dir=tmp_path)
    doc = text_stage.run(Document(path=scan, original_name=scan.name), ctx)
    doc.classification = Classification("fattura", 0.99)
    return fields.run(doc, ctx)


@pytest.mark.parametrize("printed, want", [("€ 8.793.365", Decimal("8793.86")), ("€ 8.798.365", None)])
def test_a_total_whose_cents_the_scan_mangled_is_imponibile_plus_iva(tmp_path, printed, want):
    summary = caption_rows(("Totale imponibile", "7.208,08"), ("Totale IVA 22%", "1.585,78"), ("Totale documento", printed))
    doc = read_scan([*LETTERHEAD, *summary], tmp_path)
    assert doc.pages[0].source == "ocr"
    assert doc.field_value("total") == want
