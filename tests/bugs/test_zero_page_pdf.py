"""Bug: a PDF without pages was quarantined as "protected by a password"."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from demat.indexer.catalog import Catalog
from helpers import demat_json_lines


def test_a_pdf_without_pages_is_quarantined_as_having_none(home: Path, tmp_path: Path):
    empty = tmp_path / "vuoto.pdf"
    with pikepdf.new() as pdf:
        pdf.save(empty)
    [record] = demat_json_lines(home, "ingest", str(empty), check=False)
    assert record["status"] == "quarantined"
    assert "no pages" in record["error"] and "password" not in record["error"]
    assert Catalog(home / "catalog.sqlite3").jobs()[0].error_kind == "CorruptFile"
