"""Bug: a learnt box read again on a scan whose file had gone since its OCR raised FileNotFoundError.

The layouts stage reads a learnt value's box again on the original's image
(`layouts/reread.py`). It caught the extractors' own errors for a spoilt file,
but not a file removed between the page's OCR and the box (the inbox file taken
away, an archive moved): the error escaped the stage and the document went to
quarantine for a value that only could not be mended. Now any file that cannot
be loaded leaves the value as read, with a warning in the log.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from demat.extractors import images, pdf
from demat.extractors.layouts.reread import scan_reader
from demat.kernel.config import load_config
from demat.kernel.document import Document, Page

SPOILT = {"gone.pdf": None, "gone.png": None, "spoilt.pdf": b"%PDF-1.4 not a PDF", "spoilt.png": b"\x89PNG not a PNG"}


@pytest.mark.parametrize("name", SPOILT)
def test_a_box_whose_scan_cannot_be_loaded_is_left_as_read(name: str, home: Path, tmp_path: Path,
                                                           caplog: pytest.LogCaptureFixture):
    path = tmp_path / name
    if SPOILT[name] is not None:
        path.write_bytes(SPOILT[name])
    doc = Document(path=path, original_name=name)
    doc.extractor = pdf.name if name.endswith(".pdf") else images.name
    read = scan_reader(doc, load_config(home).ocr)
    assert read is not None
    with caplog.at_level(logging.WARNING, logger="demat.layouts"):
        assert read(Page(1, "", [], 595.0, 842.0, source="ocr"), (10.0, 10.0, 100.0, 30.0), "0123456789") == ""
    assert f"{name}: a box of page 1 not read again" in caplog.text
