"""Learning from confirmations: a supplier's layout remembered, its next invoices read there.

Real PDFs from the independent grammar (a supplier's series: one template, other
values, samples/grammar/series.py), the real `demat` command line and catalog.
G2 is a never-tuned family whose supplier P.IVA and second VAT row the general
extractor misses; G3 is another supplier's template, used as "the supplier
changed its invoice".
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from helpers import demat, demat_json_lines
from indexer.catalog import Catalog
from pipeline.app import App
from pipeline.config import load_config
from samples.grammar.series import write_series
from web.app import create_app
from web.users import Users
from webhelpers import PASSWORD, archive, csrf_of, log_in

STRAIGHT = ("number", "date", "supplier_vat", "total", "vat_lines")


@pytest.fixture(scope="module")
def g2(tmp_path_factory) -> list[tuple[Path, dict]]:
    """Three invoices of one G2 supplier: (PDF, expected fields)."""
    return _series(tmp_path_factory.mktemp("g2"), "G2", 7, 3)


def _series(folder: Path, family: str, supplier: int, count: int) -> list[tuple[Path, dict]]:
    series = []
    for [written] in write_series(folder, family, supplier, count, kinds=("born_digital",)):
        data = json.loads(written.read_text(encoding="utf-8"))
        series.append((folder / data["file"], data["fields"]))
    return series


def ingest(home: Path, path: Path) -> dict:
    [record] = demat_json_lines(home, "ingest", str(path))
    assert record["status"] == "archived", record
    return Catalog(home / "catalog.sqlite3").document(record["id"])


def values(doc: dict) -> dict:
    return {name: doc["fields"].get(name, {}).get("value") for name in STRAIGHT}


def confirm_with_true_values(home: Path, doc: dict, want: dict, *extra: str) -> None:
    """`demat confirm` setting each value the general extractor read wrong, as a person would."""
    totals = {name: str(sum(Decimal(row[name]) for row in want["vat_lines"])) for name in ("taxable_amount", "vat_amount")}
    want = {**totals, **want}  # the totals of the VAT rows, where the invoice prints only those of each rate
    wrong = [f"{name}={json.dumps(value) if name == 'vat_lines' else value}" for name, value in want.items()
             if value not in (None, []) and doc["fields"].get(name, {}).get("value") != value]
    demat(home, "confirm", str(doc["id"]), *[a for w in wrong for a in ("--set", w)], "--user", "anna", *extra)


def test_confirmed_in_the_cli_a_suppliers_next_invoice_is_read_from_its_layout(home: Path, g2):
    (first, want_first), (second, want_second), (third, want_third) = g2
    before = ingest(home, second)
    assert values(before) != {n: want_second[n] for n in STRAIGHT}  # the general extractor alone reads it wrong
    assert before["review_state"] == "review"
    doc = ingest(home, first)
    confirm_with_true_values(home, doc, want_first)
    catalog = Catalog(home / "catalog.sqlite3")
    confirmed = catalog.document(doc["id"])
    assert confirmed["review_state"] == "confirmed"
    assert values(confirmed) == {n: want_first[n] for n in STRAIGHT}
    [entry] = [e for e in catalog.audit_trail(doc["id"]) if e["action"] == "confirm"]
    assert entry["user"] == "anna" and entry["detail"]["layout"] == f"vat:{want_first['supplier_vat']}"
    assert {"number", "date", "total", "supplier_vat"} <= set(entry["detail"]["learnt"])
    assert [r["id"] for r in catalog.review_queue()] == [before["id"]]

    after = ingest(home, third)
    assert values(after) == {n: want_third[n] for n in STRAIGHT}
    assert after["fields"]["supplier_vat"]["confidence"] >= 0.99
    assert not {"unknown_supplier", "layout_changed"} & {r["code"] for r in after["review_reasons"]}
    [layout] = catalog.layouts()
    assert layout["uses"] == 1 and layout["failures"] == 0 and layout["document_id"] == doc["id"]


def test_undo_puts_back_the_layout_it_replaced_and_the_document_in_review(home: Path, g2):
    (first, want_first), (second, want_second), _ = g2
    one, two = ingest(home, first), ingest(home, second)
    confirm_with_true_values(home, one, want_first)
    confirm_with_true_values(home, Catalog(home / "catalog.sqlite3").document(two["id"]), want_second)
    catalog = Catalog(home / "catalog.sqlite3")
    assert [row["document_id"] for row in catalog.layouts()] == [two["id"]]

    demat(home, "confirm", "--undo", str(two["id"]), "--user", "anna")
    assert [row["document_id"] for row in catalog.layouts()] == [one["id"]]
    assert catalog.document(two["id"])["review_state"] == "review"
    assert catalog.supplier(want_first["supplier_vat"]) is not None  # known since the first confirmation
    [entry] = [e for e in catalog.audit_trail(two["id"]) if e["action"] == "unconfirm"]
    assert entry["user"] == "anna" and entry["detail"]["layouts"] == [f"vat:{want_first['supplier_vat']}"]

    demat(home, "confirm", "--undo", str(one["id"]), "--user", "anna")
    assert catalog.layouts() == [] and catalog.supplier(want_first["supplier_vat"]) is None
    again = demat(home, "confirm", "--undo", str(one["id"]), check=False)
    assert again.returncode == 2 and "non ha una conferma da annullare" in again.stderr


def test_exported_layouts_work_in_another_home_and_a_changed_layout_goes_to_review(home: Path, g2, tmp_path: Path):
    (first, want_first), _, (third, want_third) = g2
    doc = ingest(home, first)
    confirm_with_true_values(home, doc, want_first)
    exported = tmp_path / "layouts.json"
    assert "fornitori scritti in" in demat(home, "layouts", "export", str(exported)).stdout

    other = tmp_path / "other"
    (other / "inbox").mkdir(parents=True)
    demat(other, "layouts", "import", str(exported), "--user", "paolo")
    after = ingest(other, third)
    assert values(after) == {n: want_third[n] for n in STRAIGHT}
    assert "unknown_supplier" not in {r["code"] for r in after["review_reasons"]}

    [(changed, want_changed)] = _series(tmp_path / "g3", "G3", 3, 1)
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["layouts"][0]["supplier"] = data["layouts"][0]["layout"]["supplier"] = f"vat:{want_changed['supplier_vat']}"
    exported.write_text(json.dumps(data), encoding="utf-8")
    demat(other, "layouts", "import", str(exported))
    doc = ingest(other, changed)
    assert doc["review_state"] == "review"
    [changed_reason] = [r for r in doc["review_reasons"] if r["code"] == "layout_changed"]
    assert any("not found" in failure for failure in changed_reason["failures"])
    assert values(doc)["total"] == want_changed["total"]  # the general extractor's values stay

    changed_key = f"vat:{want_changed['supplier_vat']}"
    assert "eliminati: 1" in demat(other, "layouts", "delete", changed_key, "--user", "paolo").stdout
    assert changed_key not in demat(other, "layouts", "list").stdout
    assert demat(other, "layouts", "delete", changed_key, check=False).returncode == 2

    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "something else"}', encoding="utf-8")
    refused = demat(other, "layouts", "import", str(broken), check=False)
    assert refused.returncode == 2 and "non è un file di modelli di fattura" in refused.stderr


def test_conferma_in_the_review_queue_confirms_and_learns(tmp_path: Path, g2):
    (first, want_first), _, _ = g2
    home = tmp_path / "home"
    home.mkdir()
    with App(load_config(home)) as app:
        doc_id = archive(app, {"first": first})["first"]
        Users(app.catalog).add("anna", "archivist", [], PASSWORD)
    with TestClient(create_app(load_config(home))) as client:
        log_in(client, "anna")
        page = client.get("/review").text
        response = client.post(f"/review/{doc_id}", data={"csrf_token": csrf_of(page), "action": "confirm",
                                                          "back": "/review"}, follow_redirects=False)
        assert response.status_code == 303
    catalog = Catalog(home / "catalog.sqlite3")
    assert catalog.document(doc_id)["review_state"] == "confirmed"
    [entry] = [e for e in catalog.audit_trail(doc_id) if e["action"] == "confirm"]
    assert entry["user"] == "anna"
    [layout] = catalog.layouts()
    assert layout["document_id"] == doc_id and "total" in layout["layout"]["fields"]
