"""A person corrects a document: audit trail, re-check, re-route, re-index, learning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from demat.kernel.errors import UsageError
from demat.pipeline.app import App
from demat.pipeline.corrections import correct
from helpers import demat, demat_json_lines, expected, samples_of


@pytest.fixture
def invoice(home: Path) -> tuple[int, dict]:
    sample = samples_of("born_digital", "fattura")[0]
    [record] = demat_json_lines(home, "ingest", str(sample))
    return record["id"], expected(sample)


def test_a_field_correction_is_audited_checked_and_indexed(home: Path, invoice):
    doc_id, want = invoice
    out = demat(home, "correct", str(doc_id), "--field", "total=9.999,99", "--user", "anna").stdout
    assert "NON SUPERATO" in out or "FAILED" in out  # taxable + VAT no longer make the total (Italian or LANG=en)
    catalog = Catalog(home / "catalog.sqlite3")
    doc = catalog.document(doc_id)
    assert doc["fields"]["total"]["value"] == "9999.99"
    assert doc["review_state"] == "review"
    assert any(r["code"] == "check_failed" and r["check"] == "total" for r in doc["review_reasons"])
    [entry] = catalog.audit_trail(doc_id)
    assert entry["user"] == "anna" and entry["action"] == "correct"
    assert entry["detail"] == {"field": "total", "old": want["fields"]["total"], "new": "9999.99"}
    sidecar = json.loads((Path(doc["archive_dir"]) / "document.json").read_text())
    assert sidecar["fields"]["total"]["value"] == "9999.99"


def test_a_new_department_moves_the_archive_folder_and_the_queue(home: Path, invoice):
    doc_id, _ = invoice
    before = Path(Catalog(home / "catalog.sqlite3").document(doc_id)["archive_dir"])
    demat(home, "correct", str(doc_id), "--department", "acquisti", "--user", "anna")
    doc = Catalog(home / "catalog.sqlite3").document(doc_id)
    after = Path(doc["archive_dir"])
    assert doc["department"] == "acquisti"
    assert after.relative_to(home / "archive").parts[0] == "acquisti"
    assert not before.exists() and (after / "document.json").exists()
    assert Path(doc["original_path"]).parent == after and Path(doc["original_path"]).exists()
    queue = demat(home, "queue", "acquisti").stdout  # one line per document, its id first: not "1" anywhere
    assert [line.split()[0] for line in queue.splitlines()] == [str(doc_id)]
    found = json.loads(demat(home, "search", "fattura", "--department", "acquisti", "--json").stdout)
    assert [hit["id"] for hit in found["hits"]] == [doc_id]


def test_confirming_an_invoice_makes_its_supplier_known_for_the_next_one(home: Path, invoice, tmp_path: Path):
    doc_id, want = invoice
    first = Catalog(home / "catalog.sqlite3").document(doc_id)
    assert any(r["code"] == "unknown_supplier" for r in first["review_reasons"])
    demat(home, "correct", str(doc_id), "--type", "fattura", "--user", "anna")
    doc = Catalog(home / "catalog.sqlite3").document(doc_id)
    assert doc["review_state"] == "confirmed" and doc["review_reasons"] == []
    assert Catalog(home / "catalog.sqlite3").supplier(want["fields"]["supplier_vat"])["confirmed_by"] == "anna"
    again = tmp_path / "same supplier.pdf"  # same content plus a trailing comment: a new file
    shutil.copyfile(samples_of("born_digital", "fattura")[0], again)
    with open(again, "ab") as f:
        f.write(b"\n% a second copy\n")
    [record] = demat_json_lines(home, "ingest", str(again))
    assert record["status"] == "archived"
    assert not any(r.startswith("unknown supplier") for r in record["review_reasons"])


def test_bad_corrections_are_refused_with_a_clear_message(home: Path, invoice):
    doc_id, _ = invoice
    with App(load_config(home), with_runner=False) as app:
        for kwargs, words in [({"doc_type": "fatura"}, "unknown type"), ({"fields": {"totale": "1"}}, "unknown field"),
                              ({"fields": {"date": "ieri"}}, "date: cannot read"),
                              ({"department": "magazzino"}, "unknown department")]:
            with pytest.raises(UsageError, match=words):
                correct(app, doc_id, "anna", **kwargs)
        assert app.catalog.audit_trail(doc_id) == []  # nothing half-applied
    result = demat(home, "correct", str(doc_id), "--field", "total", check=False)
    assert result.returncode == 2 and "NOME=VALORE" in result.stderr  # the CLI speaks Italian


def test_train_learns_from_confirmed_documents_and_the_new_model_is_used(home: Path, invoice):
    doc_id, _ = invoice
    demat(home, "correct", str(doc_id), "--type", "proforma", "--user", "anna")
    trained = demat(home, "train", "--per-type", "4")
    assert "training with 1 documents confirmed by people" in trained.stderr
    per_label = json.loads((home / "model" / "meta.json").read_text())["corpus"]["per_label"]
    assert per_label["proforma"] == 5 and per_label["fattura"] == 4  # 4 generated each, + the confirmed one
    assert load_config(home).model_path() == home / "model"
    [record] = demat_json_lines(home, "ingest", str(samples_of("born_digital", "lettera")[0]))
    assert record["status"] == "archived" and record["type"] is not None
