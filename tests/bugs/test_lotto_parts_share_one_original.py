"""Bug: the invoices of one FatturaPA lotto shared one original file.

Part 1's catalog row pointed at the original in part 0's folder: changing part
1's department answered 500 after renaming the folder, and changing part 0's
moved the shared original, so part 1's download gave 404. Each part now has its
own copy (a hard link where the file system allows), moved on its own.

Its original still holds every invoice of the lotto: the catalog tells the
departments of them all (`lotto_departments`), for the web to let only who
sees them all download it.
"""

from __future__ import annotations

from pathlib import Path

from demat.indexer.catalog import Catalog
from helpers import SAMPLES, demat, demat_json_lines

LOTTO = SAMPLES / "IT20674070303_0002U.xml"  # two invoices in one file


def test_each_part_of_a_lotto_has_its_own_original_and_moves_alone(home: Path):
    records = demat_json_lines(home, "ingest", str(LOTTO))
    assert [r["status"] for r in records] == ["archived", "archived"]
    first, second = (r["id"] for r in records)
    demat(home, "correct", str(second), "--department", "legale")
    demat(home, "correct", str(first), "--department", "tesoreria")
    catalog = Catalog(home / "catalog.sqlite3")
    for doc_id, department in ((first, "tesoreria"), (second, "legale")):
        doc = catalog.document(doc_id)
        original = Path(doc["original_path"])
        assert original.parent == Path(doc["archive_dir"])
        assert original.relative_to(home / "archive").parts[0] == department
        assert original.read_bytes() == LOTTO.read_bytes()
    assert "the catalog and the files agree" in demat(home, "check").stdout
    assert catalog.lotto_departments(second) == catalog.lotto_departments(first) == {"tesoreria", "legale"}
