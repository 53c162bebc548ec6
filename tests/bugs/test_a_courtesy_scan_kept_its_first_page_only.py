"""Bug: a courtesy copy printed on several pages and scanned as a PNG kept its first page only.

The public stylesheets print two or three pages; the scan's expected values (the
whole XML's) then named totals, VAT and payment that were in no file, and the
bench counted them as lost by the OCR. The grammar's own scans already turned an
image format into a PDF for a document of several pages; courtesy copies now go
through the same rule, and `write_scan` refuses to drop a page.
"""

from __future__ import annotations

import json
import random
import shutil

import pypdfium2 as pdfium
import pytest

from demat.samples.grammar import courtesy, damage

needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
TWO_PAGES = '<p>Fattura n. 1</p><p style="break-before: page">Totale documento 10,00</p>'


def _pages(path) -> int:
    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


@needs_chromium
def test_a_courtesy_copy_of_two_pages_is_scanned_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(courtesy, "page_html", lambda family, xml, seed=0: TWO_PAGES)
    [written] = courtesy.write_copy(tmp_path, "C0", 1, kinds=("scan",), recipe="lowres", ext="png")
    expected = json.loads(written.read_text(encoding="utf-8"))
    scan = tmp_path / expected["file"]
    assert scan.suffix == ".pdf" and expected["pages"] == 2 and _pages(scan) == 2


@needs_chromium
def test_a_scan_refuses_a_format_that_would_drop_pages(tmp_path):
    pdf = courtesy.print_pdf(TWO_PAGES)
    with pytest.raises(ValueError, match="holds one page"):
        damage.write_scan(pdf, tmp_path / "copia.png", "lowres", random.Random(1))
    assert not (tmp_path / "copia.png").exists()
    assert damage.scan_extension("png", 2) == "pdf" and damage.scan_extension("png", 1) == "png"
