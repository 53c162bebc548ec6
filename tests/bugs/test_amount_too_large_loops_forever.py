"""Bug: a file with an absurd amount was neither archived nor quarantined, retried every 10 s forever.

A total of 99999999999999999999999.00 overflowed the search index's int64
cents column inside the archiving transaction; any error there left the job in
`archiving`, shown as "in progress" forever. The amount is now kept but left
out of the amount filter, and any error while archiving ends the job.
"""

from __future__ import annotations

import json
from pathlib import Path

from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from demat.pipeline.app import App
from helpers import SAMPLES, demat, demat_json_lines, samples_of

HUGE = "99999999999999999999999.00"


def test_an_amount_too_large_for_the_index_is_archived_and_found(home: Path, tmp_path: Path):
    source = SAMPLES / "IT39154110207_0002T.xml"
    xml = source.read_text(encoding="utf-8")
    assert "<ImportoTotaleDocumento>53481.12<" in xml
    huge = tmp_path / source.name
    huge.write_text(xml.replace("<ImportoTotaleDocumento>53481.12<", f"<ImportoTotaleDocumento>{HUGE}<"),
                    encoding="utf-8")
    [record] = demat_json_lines(home, "ingest", str(huge))
    assert record["status"] == "archived" and record["fields"]["total"]["value"] == HUGE
    found = json.loads(demat(home, "search", "fattura", "--json").stdout)
    assert [hit["id"] for hit in found["hits"]] == [record["id"]]  # not '"id": 1' in the text: "id": 12 has it too
    assert Catalog(home / "catalog.sqlite3").state_counts() == {"archived": 1}


def test_any_error_while_archiving_ends_the_job_in_quarantine(home: Path):
    sample = samples_of("born_digital", "lettera")[0]
    with App(load_config(home)) as app:
        def broken(_ids):
            raise RuntimeError("a bug in the index")

        app.search.documents_changed = broken
        job = app.copy_in(sample, sample.name)
        outcome = app.runner.process(job)
        assert outcome.status == "quarantined"
        assert "internal error: RuntimeError: a bug in the index" in str(outcome.error)
        assert app.catalog.state_counts() == {"quarantined": 1}  # not `archiving`, retried forever
        assert app.catalog.document_count() == 0
    assert list((home / "archive").rglob("document.json")) == []  # its half-written folder is gone
    assert list((home / "processing").iterdir()) == []
