"""Learning from confirmations: a supplier's layout remembered, its next invoices read there.

Real PDFs from the independent grammar (a supplier's series: one template, other
values, samples/grammar/series.py), the real `demat` command line and catalog.
G2 is a never-tuned family whose supplier P.IVA and second VAT row the general
extractor misses; G3 is another supplier's template, used as "the supplier
changed its invoice".
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytesseract
import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw, ImageFont

from demat.extractors import fields, text
from demat.extractors.fields.amounts import parse_amount
from demat.extractors.fields.values import date as date_value
from demat.extractors.layouts import apply_layout
from demat.extractors.layouts.arithmetic import mend_amounts
from demat.extractors.layouts.model import FieldPlace, SupplierLayout, absolute
from demat.extractors.layouts.proof import proven, shape
from demat.extractors.layouts.read import LayoutReading
from demat.extractors.layouts.read import read as layout_read
from demat.extractors.layouts.record import learn
from demat.extractors.layouts.reread import read_again, scan_reader
from demat.extractors.layouts.vat_split import take_vat_split
from demat.indexer.catalog import Catalog
from demat.indexer.repository import from_json
from demat.kernel.config import load_config
from demat.kernel.document import Classification, Document, Field, Page, StageContext, Word, to_jsonable
from demat.pipeline.app import App
from demat.pipeline.executor import SerialExecutor
from demat.pipeline.layout_memory import CatalogLayouts
from demat.pipeline.stages import CatalogSuppliers, review_stage
from demat.samples.grammar.series import write_series
from demat.web import i18n_checks
from demat.web.app import create_app
from demat.web.users import Users
from helpers import demat, demat_json_lines
from webhelpers import PASSWORD, archive, csrf_of, log_in

STRAIGHT = ("number", "date", "supplier_vat", "total", "vat_lines")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.fixture(scope="module")
def g2(tmp_path_factory) -> list[tuple[Path, dict]]:
    """Three invoices of one G2 supplier: (PDF, expected fields)."""
    return _series(tmp_path_factory.mktemp("g2"), "G2", 7, 3)


def _series(folder: Path, family: str, supplier: int, count: int,
            kind: str = "born_digital") -> list[tuple[Path, dict]]:
    series = []
    for [written] in write_series(folder, family, supplier, count, kinds=(kind,)):
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
    assert before["review_state"] == "review" and "unknown_supplier" in {r["code"] for r in before["review_reasons"]}
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


def test_a_layout_taught_by_a_wrong_confirmation_is_undone_with_it(home: Path, tmp_path: Path):
    """End to end: a person confirms a wrong total (the taxable amount); the supplier's next invoice
    is read at that wrong place; undone, the next is read as if never taught; confirmed again
    with the right values, the one after is read right."""
    series = _series(tmp_path / "g1", "G1", 2, 4)
    (first, want_first), (second, want_second), (third, want_third), (fourth, want_fourth) = series
    wrong_total = str(sum(Decimal(row["taxable_amount"]) for row in want_first["vat_lines"]))
    doc = ingest(home, first)
    confirm_with_true_values(home, doc, {**want_first, "total": wrong_total})
    catalog = Catalog(home / "catalog.sqlite3")
    [taught] = catalog.layouts()
    taught_wrong = ingest(home, second)
    assert values(taught_wrong)["total"] != want_second["total"]

    demat(home, "confirm", "--undo", str(doc["id"]), "--user", "anna")
    assert catalog.layouts() == [] and catalog.document(doc["id"])["review_state"] == "review"
    untaught = ingest(home, third)
    assert untaught["fields"]["total"]["confidence"] < 0.99  # the general extractor's, no layout's
    assert "unknown_supplier" in {r["code"] for r in untaught["review_reasons"]}  # the supplier it made known is unknown again

    confirm_with_true_values(home, catalog.document(doc["id"]), want_first)
    assert catalog.document(doc["id"])["fields"]["total"]["value"] == want_first["total"]
    assert catalog.layouts()[0]["layout"] != taught["layout"]
    after = ingest(home, fourth)
    assert values(after) == {n: want_fourth[n] for n in STRAIGHT}
    assert not {"unknown_supplier", "layout_changed"} & {r["code"] for r in after["review_reasons"]}


def test_undo_puts_back_the_values_and_the_department_the_confirmation_corrected(home: Path, tmp_path: Path):
    """A wrong confirmation corrected a value, added one and sent the invoice elsewhere: undone, the
    document is again as the pipeline read it (values, checks, review reasons, department and folder)."""
    [(first, _)] = _series(tmp_path / "g1", "G1", 3, 1)
    before = ingest(home, first)
    demat(home, "confirm", str(before["id"]), "--set", "total=1,00", "--set", "protocol_number=P-7",
          "--department", "legale", "--user", "anna")
    catalog = Catalog(home / "catalog.sqlite3")
    confirmed = catalog.document(before["id"])
    assert confirmed["fields"]["total"]["value"] == "1.00" and confirmed["department"] == "legale"

    demat(home, "confirm", "--undo", str(before["id"]), "--user", "paolo")
    undone = catalog.document(before["id"])
    assert undone["fields"] == before["fields"] and "protocol_number" not in undone["fields"]
    assert undone["review_reasons"] == before["review_reasons"] and undone["review_state"] == "review"
    assert undone["department"] == before["department"] and undone["archive_dir"] == before["archive_dir"]
    assert Path(undone["original_path"]).is_file() and not Path(confirmed["archive_dir"]).exists()
    [entry] = [e for e in catalog.audit_trail(before["id"]) if e["action"] == "unconfirm"]
    restored = {change["field"]: change for change in entry["detail"]["restored"]}
    assert set(restored) == {"total", "protocol_number", "department"} and entry["user"] == "paolo"
    assert restored["total"] == {"field": "total", "old": "1.00", "new": before["fields"]["total"]["value"]}
    assert "1,00" not in demat(home, "show", str(before["id"])).stdout


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


def test_an_archivist_edits_a_suppliers_layouts_from_the_cli_audited(home: Path, tmp_path: Path):
    """`demat layouts forget SUPPLIER FIELD` and `delete SUPPLIER --page-size`, as the supplier's web page."""
    def layout(size: str) -> dict:
        places = {name: FieldPlace(name, 1, "right", (0.6, y, 0.8, y + 0.02), [label], (0.4, y, 0.5, y + 0.02))
                  for name, label, y in (("number", "Numero", 0.1), ("total", "Totale", 0.8))}
        return SupplierLayout("vat:01234567897", size, places).to_dict()
    exported = tmp_path / "layouts.json"
    exported.write_text(json.dumps({"format": "demat-supplier-layouts/1", "layouts": [
        {"supplier": "vat:01234567897", "page_size": size, "layout": layout(size), "learnt_by": "anna",
         "learnt_at": "2026-12-01T10:00:00+00:00"} for size in ("600x840", "610x790")]}), encoding="utf-8")
    demat(home, "layouts", "import", str(exported), "--user", "anna")
    catalog = Catalog(home / "catalog.sqlite3")

    ambiguous = demat(home, "layouts", "forget", "vat:01234567897", "total", check=False)
    assert ambiguous.returncode == 2 and "600x840, 610x790" in ambiguous.stderr and "--page-size" in ambiguous.stderr
    out = demat(home, "layouts", "forget", "vat:01234567897", "total", "--page-size", "600x840", "--user", "paolo")
    assert "non è più letto" in out.stdout
    kept = {row["page_size"]: sorted(row["layout"]["fields"]) for row in catalog.layouts()}
    assert kept == {"600x840": ["number"], "610x790": ["number", "total"]}
    [entry] = [e for e in catalog.audit_trail() if e["action"] == "edit_layout"]
    assert entry["user"] == "paolo" and entry["detail"] == {"supplier": "vat:01234567897", "page_size": "600x840",
                                                            "forgotten": "total", "layout_left": True}
    unknown = demat(home, "layouts", "forget", "vat:01234567897", "iban", "--page-size", "600x840", check=False)
    assert unknown.returncode == 2 and "non legge iban" in unknown.stderr

    assert "1" in demat(home, "layouts", "delete", "vat:01234567897", "--page-size", "610x790", "--user", "paolo").stdout
    assert [row["page_size"] for row in catalog.layouts()] == ["600x840"]
    [deleted] = [e for e in catalog.audit_trail() if e["action"] == "delete_layout"]
    assert deleted["detail"] == {"supplier": "vat:01234567897", "page_size": "610x790"}
    demat(home, "layouts", "forget", "vat:01234567897", "number", "--user", "paolo")  # its only layout now
    assert catalog.layouts() == []


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


def test_confirmed_with_another_type_or_department_in_the_cli_the_document_is_routed_again(home: Path, g2):
    (first, _), (second, _), _ = g2
    one, two = ingest(home, first), ingest(home, second)
    assert one["department"] == "amministrazione"
    demat(home, "confirm", str(one["id"]), "--type", "cv", "--user", "anna")
    demat(home, "confirm", str(two["id"]), "--department", "legale", "--user", "anna")
    catalog = Catalog(home / "catalog.sqlite3")
    cv, moved = catalog.document(one["id"]), catalog.document(two["id"])
    assert (cv["type"], cv["department"], cv["review_state"]) == ("cv", "risorse_umane", "confirmed")
    assert (moved["type"], moved["department"], moved["review_state"]) == ("fattura", "legale", "confirmed")
    assert Path(moved["original_path"]).is_file() and "legale" in moved["archive_dir"]
    changes = [(e["user"], e["detail"]) for e in catalog.audit_trail(one["id"]) if e["action"] == "correct"]
    assert ("anna", {"field": "type", "old": "fattura", "new": "cv"}) in changes
    assert ("anna", {"field": "department", "old": "amministrazione", "new": "risorse_umane"}) in changes
    assert [row["document_id"] for row in catalog.layouts()] == [two["id"]]  # a CV teaches no invoice layout


def test_conferma_takes_the_type_and_department_chosen_on_the_form(tmp_path: Path, g2):
    (first, _), (second, _), _ = g2
    home = tmp_path / "home"
    home.mkdir()
    with App(load_config(home)) as app:
        ids = archive(app, {"first": first, "second": second})
        Users(app.catalog).add("anna", "archivist", [], PASSWORD)
    with TestClient(create_app(load_config(home))) as client:
        log_in(client, "anna")
        form = {"csrf_token": csrf_of(client.get("/review").text), "action": "confirm", "back": "/review"}
        for doc_id, chosen in ((ids["first"], {"type": "ddt", "department": ""}),
                               (ids["second"], {"type": "fattura", "department": "tesoreria"})):
            response = client.post(f"/review/{doc_id}", data={**form, **chosen}, follow_redirects=False)
            assert response.status_code == 303
    catalog = Catalog(home / "catalog.sqlite3")
    ddt, paid = catalog.document(ids["first"]), catalog.document(ids["second"])
    assert (ddt["type"], ddt["department"], ddt["review_state"]) == ("ddt", "acquisti", "confirmed")
    assert (paid["type"], paid["department"], paid["review_state"]) == ("fattura", "tesoreria", "confirmed")
    assert [e["detail"]["field"] for e in catalog.audit_trail(ids["second"]) if e["action"] == "correct"] == \
        ["department"]  # the type left as it was is no correction
    assert [e["user"] for e in catalog.audit_trail(ids["first"]) if e["action"] == "confirm"] == ["anna"]


def test_conferma_of_a_scan_learns_from_its_stored_words_without_running_ocr(tmp_path: Path, monkeypatch):
    """The web `Conferma` of a scan, with the values a person corrected on the form, runs no OCR
    (tesseract is made unreachable during it): the words OCR found at ingest are kept in the
    archive; the layout learnt from them reads the next scan."""
    (first, want_first), (second, want_second) = _series(tmp_path / "g1", "G1", 1, 2, kind="scan")
    home = tmp_path / "home"
    home.mkdir()
    with App(load_config(home)) as app:
        doc_id = archive(app, {"first": first})["first"]
        Users(app.catalog).add("anna", "archivist", [], PASSWORD)
    read_first = Catalog(home / "catalog.sqlite3").document(doc_id)
    wrong = {f"field.{name}": str(want_first[name]) for name in ("number", "date", "supplier_vat", "total")
             if read_first["fields"].get(name, {}).get("value") != want_first[name]}
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    with TestClient(create_app(load_config(home))) as client:
        log_in(client, "anna")
        form = {"csrf_token": csrf_of(client.get("/account").text), "back": "/review", "action": "confirm"}
        response = client.post(f"/review/{doc_id}", data={**form, **wrong}, follow_redirects=False)
        assert response.status_code == 303
    monkeypatch.undo()
    catalog = Catalog(home / "catalog.sqlite3")
    assert catalog.document(doc_id)["review_state"] == "confirmed"
    assert [e["user"] for e in catalog.audit_trail(doc_id) if e["action"] == "confirm"] == ["anna"]
    [layout] = catalog.layouts()
    assert {"number", "supplier_vat", "total"} <= set(layout["layout"]["fields"]) and layout["layout"]["anchors"]

    with App(load_config(home)) as app:
        after = catalog.document(archive(app, {"second": second})["second"])
    assert values(after) == {n: want_second[n] for n in STRAIGHT}
    assert "layout_changed" not in {r["code"] for r in after["review_reasons"]}
    assert catalog.layouts()[0]["uses"] == 1


def read_invoice(path: Path, work: Path) -> Document:
    """The text and fields stages of `demat` over PATH, its type given as known."""
    ctx = StageContext(load_config(work / "home"), SerialExecutor(), work)
    doc = text.run(Document(path=path, original_name=path.name), ctx)
    doc.classification = Classification("fattura", 1.0)
    return fields.run(doc, ctx)


def misread(doc: Document, right: str, wrong: str, work: Path, confidence: float | None = None) -> Document:
    """DOC as OCR would read it with WRONG printed for RIGHT (read with CONFIDENCE, if given), or with a word
    that was RIGHT lost (WRONG empty); the general extractor runs again."""
    for page in doc.pages:
        page.text = page.text.replace(right, wrong)
        page.words = [replace(w, text=w.text.replace(right, wrong),
                              confidence=w.confidence if confidence is None or right not in w.text else confidence)
                      for w in page.words if w.text.replace(right, wrong)]
    doc.fields = {}
    return fields.run(doc, StageContext(load_config(work / "home"), SerialExecutor(), work))


def one_digit_changed(vat: str, position: int) -> str:
    return vat[:position] + str((int(vat[position]) + 3) % 10) + vat[position + 1:]


def test_a_supplier_p_iva_read_with_one_digit_wrong_is_still_its_supplier(home: Path, tmp_path: Path):
    """Only when its P.IVA is the only known one a digit away and its layout agrees."""
    (first, want_first), (second, want_second) = _series(tmp_path / "g1", "G1", 5, 2)
    known = want_first["supplier_vat"]
    confirm_with_true_values(home, ingest(home, first), want_first)
    catalog = Catalog(home / "catalog.sqlite3")
    wrong = one_digit_changed(known, 4)

    doc = apply_layout(misread(read_invoice(second, tmp_path), known, wrong, tmp_path), CatalogLayouts(catalog))
    assert doc.field_value("supplier_vat") == known and doc.fields["supplier_vat"].raw.endswith(wrong)
    assert {n: to_jsonable(doc.field_value(n)) for n in ("number", "date", "total")} == \
        {n: want_second[n] for n in ("number", "date", "total")}
    assert "layout_changed" not in {r.code for r in doc.review_reasons}

    [row] = catalog.layouts()  # another known supplier one digit away from the misread P.IVA: no telling which
    other = one_digit_changed(wrong, 8)
    catalog.save_layout(f"vat:{other}", row["page_size"], {**row["layout"], "supplier": f"vat:{other}"}, None, "t")
    doc = apply_layout(misread(read_invoice(second, tmp_path), known, wrong, tmp_path), CatalogLayouts(catalog))
    assert doc.field_value("supplier_vat") != known


def test_a_supplier_whose_p_iva_ocr_cannot_read_is_known_by_its_template_and_name(home: Path, tmp_path: Path):
    """Nor its IBAN: its template's words in place and its name printed; another supplier printed
    from the same template (same words in place, another name) is not taken for it."""
    (first, want_first), (second, want_second) = _series(tmp_path / "g1", "G1", 5, 2)
    [(stranger, want_stranger)] = _series(tmp_path / "g1", "G1", 6, 1)
    known = want_first["supplier_vat"]
    confirm_with_true_values(home, ingest(home, first), want_first)
    memory = CatalogLayouts(Catalog(home / "catalog.sqlite3"))

    unread = misread(read_invoice(second, tmp_path), known, "PIVA-ILLEGGIBILE", tmp_path)
    unread = misread(unread, want_second["iban"], "IBAN-ILLEGGIBILE", tmp_path) if want_second.get("iban") else unread
    assert unread.field_value("supplier_vat") != known
    doc = apply_layout(unread, memory)
    assert doc.field_value("supplier_vat") == known and doc.fields["supplier_vat"].confidence >= 0.99
    assert {n: to_jsonable(doc.field_value(n)) for n in ("number", "date", "total")} == \
        {n: want_second[n] for n in ("number", "date", "total")}

    other = misread(read_invoice(stranger, tmp_path), want_stranger["supplier_vat"], "PIVA-ILLEGGIBILE", tmp_path)
    assert apply_layout(other, memory).field_value("supplier_vat") != known
    customer = misread(read_invoice(stranger, tmp_path), want_stranger["customer_name"], want_first["supplier_name"],
                       tmp_path)  # the known supplier as a customer of another: its own valid P.IVA tells
    assert apply_layout(customer, memory).field_value("supplier_vat") == want_stranger["supplier_vat"]


def test_a_vat_row_whose_tax_was_not_read_gets_the_tax_its_rate_makes():
    """A low-resolution scan: both rows' taxable amounts read where the layout holds them, their tax not."""
    place = FieldPlace("vat_lines.0.vat_amount", 1, "right", (0.7, 0.5, 0.8, 0.51), ["IVA"], (0.6, 0.5, 0.65, 0.51))
    layout = SupplierLayout("vat:01234567890", "600x840", {"vat_lines.0.vat_amount": place},
                            [{"rate": "22.00", "nature": None}, {"rate": "4.00", "nature": None}])
    fields = {"vat_lines.0.taxable_amount": Field(Decimal("149.86"), raw="149,86", page=1),
              "vat_lines.1.taxable_amount": Field(Decimal("249.18"), raw="249,18", page=1)}
    take_vat_split(fields, layout, None)
    assert fields["vat_lines"].value == [
        {"rate": Decimal("22.00"), "taxable_amount": Decimal("149.86"), "vat_amount": Decimal("32.97"), "nature": None},
        {"rate": Decimal("4.00"), "taxable_amount": Decimal("249.18"), "vat_amount": Decimal("9.97"), "nature": None}]
    assert fields["vat_amount"].value == Decimal("42.94")  # the totals the rows make, for the checks to compare

    nothing = {}
    take_vat_split(nothing, layout, None)
    assert "vat_lines" not in nothing  # no row read at all: no split made up


def test_totals_made_from_a_misread_row_are_no_second_read_for_the_arithmetic():
    """A fax's dash read after the taxable amount ("11,181.08-": negative), where the layout holds the row's
    taxable amount but no tax: the tax the row makes at its rate is made, not read, so it does not agree
    with the row; the tax and total the general extractor read do, and mend the row."""
    place = FieldPlace("vat_lines.0.taxable_amount", 1, "right", (0.7, 0.4, 0.8, 0.41), ["Net"], (0.6, 0.4, 0.65, 0.41))
    layout = SupplierLayout("vat:IE3240620W", "600x840", {"vat_lines.0.taxable_amount": place},
                            [{"rate": "23.00", "nature": None}])
    fields = {"vat_lines.0.taxable_amount": Field(Decimal("-11181.08"), raw="11,181.08-", page=1),
              "total": Field(Decimal("13752.73"), raw="13,752.73", page=1)}
    general = {"taxable_amount": Field(Decimal("-11181.08"), raw="11,181.08-"),
               "vat_amount": Field(Decimal("2571.65"), raw="2,571.65"), "total": Field(Decimal("13752.73"))}
    made = take_vat_split(fields, layout, None)
    assert made == {"taxable_amount", "vat_amount"}
    mend_amounts(fields, general, layout, 0.99, made)
    assert fields["vat_lines"].value == [{"rate": Decimal("23.00"), "taxable_amount": Decimal("11181.08"),
                                          "vat_amount": Decimal("2571.65"), "nature": None}]
    assert (fields["taxable_amount"].value, fields["vat_amount"].value) == (Decimal("11181.08"), Decimal("2571.65"))


def printed(doc: Document, amount: str) -> str:
    """How DOC prints AMOUNT ("3.590,52")."""
    return next(w.text for page in doc.pages for w in page.words if parse_amount(w.text) == Decimal(amount))


def test_an_amount_ocr_misread_is_mended_by_the_invoices_own_arithmetic_at_the_learnt_rate(home: Path, tmp_path: Path):
    """A fax's tax amount read with a digit wrong: the taxable amount and the total, read right, agree at
    the supplier's confirmed rates, and make the tax. Every amount but the taxable ones misread: nothing
    agrees, nothing is made up."""
    (first, want_first), (second, want_second) = _series(tmp_path / "g1", "G1", 1, 2)
    confirm_with_true_values(home, ingest(home, first), want_first)
    memory = CatalogLayouts(Catalog(home / "catalog.sqlite3"))
    clean = read_invoice(second, tmp_path)
    tax = printed(clean, want_second["vat_lines"][0]["vat_amount"])
    wrong_tax = one_digit_changed(tax, 0)

    doc = apply_layout(misread(read_invoice(second, tmp_path), tax, wrong_tax, tmp_path), memory)
    assert {n: to_jsonable(doc.field_value(n)) for n in (*STRAIGHT, "vat_amount")} == \
        {n: want_second[n] for n in (*STRAIGHT, "vat_amount")}
    assert not doc.fields["vat_lines"].failed_checks and not doc.fields["total"].failed_checks
    assert "layout_changed" not in {r.code for r in doc.review_reasons}

    unread = read_invoice(second, tmp_path)  # and the tax's total, and the total: only the taxable amounts agree
    for amount in {tax, printed(clean, want_second["vat_amount"]), printed(clean, want_second["total"])}:
        unread = misread(unread, amount, one_digit_changed(amount, 0), tmp_path)
    doc = apply_layout(unread, memory)
    assert to_jsonable(doc.field_value("vat_amount")) != want_second["vat_amount"]
    assert to_jsonable(doc.field_value("total")) != want_second["total"]


def test_two_rates_split_by_the_goods_line_ocr_misread_by_one_digit(home: Path, tmp_path: Path):
    """G4 prints the rate of each goods line, not the taxable amount of each rate. A fax misreads a line
    of each rate: neither rate's sum is right, and the totals alone fit splits a few cents apart. The
    4% row, one digit away from its sum as read, picks the split the totals read agree on; with the
    tax read wrong too, nothing agrees and no split is made up."""
    (first, want_first), (second, want_second) = _series(tmp_path / "g4", "G4", 1, 2)
    confirm_with_true_values(home, ingest(home, first), want_first)
    memory = CatalogLayouts(Catalog(home / "catalog.sqlite3"))
    lines = {row["rate"]: row["taxable_amount"] for row in want_second["vat_lines"]}
    assert lines == {"22.00": "978.22", "4.00": "167.13"}  # 756,00 + 222,22 and 127,86 + 39,27
    doc = misread(read_invoice(second, tmp_path), "756,00", "7S6,00", tmp_path)  # a line of 22% lost
    doc = misread(doc, "127,86", "121,86", tmp_path)  # the 4% row read 161,13

    mended = apply_layout(doc, memory)
    assert {n: to_jsonable(mended.field_value(n)) for n in STRAIGHT} == {n: want_second[n] for n in STRAIGHT}
    assert not mended.fields["vat_lines"].failed_checks
    assert "layout_changed" not in {r.code for r in mended.review_reasons}

    tax_misread = apply_layout(misread(doc, "221,90", "227,90", tmp_path), memory)
    assert to_jsonable(tax_misread.field_value("vat_lines")) != want_second["vat_lines"]


def test_an_amount_whose_label_ocr_misread_is_read_at_its_place(home: Path, tmp_path: Path):
    """G1 prints "EUR" between each total's caption and its figure: learnt as their label. OCR reads it
    "FUR" on the next invoice: the amounts are read where the confirmed ones sat, moved with the
    template's words, as trusted as by their label; nothing is taken for a changed layout."""
    (first, want_first), (second, want_second) = _series(tmp_path / "g1", "G1", 1, 2)
    confirm_with_true_values(home, ingest(home, first), want_first)
    memory = CatalogLayouts(Catalog(home / "catalog.sqlite3"))
    [layout] = memory.layouts_for([f"vat:{want_first['supplier_vat']}"])
    assert {layout.fields[name].label[-1] for name in ("taxable_amount", "vat_amount", "total")} == {"EUR"}

    doc = apply_layout(misread(read_invoice(second, tmp_path), "EUR", "FUR", tmp_path), memory)
    for name in ("taxable_amount", "vat_amount", "total"):
        assert to_jsonable(doc.field_value(name)) == want_second[name]
        assert doc.fields[name].confidence >= 0.99, name  # read through the layout, not by the general extractor
    assert "layout_changed" not in {r.code for r in doc.review_reasons}


def shifted_scan(pdf: Path, out: Path, scale: float, offset: tuple[int, int]) -> Path:
    """PDF's page as a 150 dpi scan of it placed crooked on the glass: shrunk by SCALE, moved by OFFSET pixels."""
    page = pdfium.PdfDocument(pdf)[0]
    image = page.render(scale=150 / 72 * scale).to_pil().convert("L")
    glass = Image.new("L", (round(page.get_width() * 150 / 72), round(page.get_height() * 150 / 72)), 255)
    glass.paste(image, offset)
    glass.save(out, dpi=(150, 150))
    return out


def test_a_scan_moved_and_shrunk_on_the_glass_is_read_through_the_layout(home: Path, tmp_path: Path):
    """The places move with the template's own words; nothing is taken for a changed layout."""
    (first, want_first), (second, want_second) = _series(tmp_path / "g1", "G1", 1, 2)
    confirm_with_true_values(home, ingest(home, first), want_first)
    after = ingest(home, shifted_scan(second, tmp_path / "storta.png", 0.92, (70, 110)))
    assert values(after) == {n: want_second[n] for n in STRAIGHT}
    assert after["fields"]["supplier_vat"]["confidence"] >= 0.99  # read where the layout put it
    assert "layout_changed" not in {r["code"] for r in after["review_reasons"]}


def crooked_scan(pdf: Path, out: Path, angle: float) -> Path:
    """PDF's page as a 200 dpi scan of it turned by ANGLE degrees on the glass."""
    image = pdfium.PdfDocument(pdf)[0].render(scale=200 / 72).to_pil().convert("L")
    image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255).save(out, dpi=(200, 200))
    return out


def scan_with_its_date_misread(home: Path, tmp_path: Path) -> tuple[Document, CatalogLayouts, str, str]:
    """A G1 supplier confirmed, and its next invoice scanned crooked, whose date the page's OCR read with its
    first digit wrong (no such day): the layout finds no date by its label, and the general extractor takes
    another one. The document, the layouts, the true date and the date as printed."""
    (first, want_first), (second, want_second) = _series(tmp_path / "g1", "G1", 1, 2)
    confirm_with_true_values(home, ingest(home, first), want_first)
    scan = read_invoice(crooked_scan(second, tmp_path / "storta.png", 1.5), tmp_path)
    assert scan.pages[0].skew != 0 and scan.field_value("date") == dt.date.fromisoformat(want_second["date"])
    day = next(w.text for w in scan.pages[0].words if found_date(w.text) == want_second["date"])
    doc = misread(scan, day, "9" + day[1:], tmp_path)  # day 9x
    return doc, CatalogLayouts(Catalog(home / "catalog.sqlite3")), want_second["date"], day


def test_a_learnt_value_ocr_misread_is_read_again_in_its_box_on_the_scan(home: Path, tmp_path: Path):
    """The date's box, mapped back onto the crooked scan, is read again alone with real tesseract: the date
    printed there, trusted as read through the layout. Without the scan to go back to, it stays wrong."""
    scan, memory, want, day = scan_with_its_date_misread(home, tmp_path)

    doc = apply_layout(copy.deepcopy(scan), memory)
    assert to_jsonable(doc.field_value("date")) != want
    doc = apply_layout(copy.deepcopy(scan), memory, scan_reader(scan, load_config(home).ocr))
    assert to_jsonable(doc.field_value("date")) == want
    assert doc.fields["date"].confidence >= 0.99 and doc.fields["date"].raw == day
    assert doc.read_away == [] and "layout_changed" not in {r.code for r in doc.review_reasons}


def test_a_learnt_value_read_away_from_its_place_sends_the_document_to_review(home: Path, tmp_path: Path):
    """Where the layout cannot read a learnt value even on the scan, the general extractor's value, read
    elsewhere on the page, is kept but not trusted: the review stage says which field, in Italian on the page.
    Read where the layout has it, nothing is said."""
    scan, memory, want, _ = scan_with_its_date_misread(home, tmp_path)
    # the general extractor's date taken from the due date's place, as it did before it knew that caption
    scan.fields["date"] = copy.copy(scan.fields["due_date"])
    ctx = StageContext(load_config(home), SerialExecutor(), tmp_path)
    review = review_stage(CatalogSuppliers(Catalog(home / "catalog.sqlite3")))

    doc = review(apply_layout(copy.deepcopy(scan), memory), ctx)
    assert doc.read_away == ["date"] and to_jsonable(doc.field_value("date")) != want
    [reason] = [r for r in doc.review_reasons if r.code == "read_away"]
    assert reason.params == {"field": "date"}
    assert "non è stato letto dove lo stampa il modello" in i18n_checks.reason(reason.to_dict(), {}, "it")

    doc = review(apply_layout(copy.deepcopy(scan), memory, scan_reader(scan, load_config(home).ocr)), ctx)
    assert "read_away" not in {r.code for r in doc.review_reasons}


def found_date(text: str) -> str | None:
    found = date_value(text)
    return found[0].isoformat() if found else None


def test_a_confirmed_value_ocr_misread_by_one_character_is_still_learnt_where_it_was_printed(tmp_path: Path):
    """The confirmed scan's OCR read the total with a letter for a digit: the person's value is not on the page
    as read, but one character away from a word that is where the supplier prints its total."""
    [(first, want_first)] = _series(tmp_path / "g1", "G1", 1, 1)
    doc = read_invoice(first, tmp_path)
    true = {name: Field(from_json(name, value)) for name, value in want_first.items() if value not in (None, [])}
    total = printed(doc, want_first["total"])
    clean = learn(f"vat:{want_first['supplier_vat']}", doc.pages, true)

    misprinted = learn(f"vat:{want_first['supplier_vat']}", misread(doc, total, total[:-2] + "O" + total[-1:],
                                                                    tmp_path).pages, true)
    assert misprinted.fields["total"] == clean.fields["total"]


def one_line_scan(tmp_path: Path, line: str, font: str) -> tuple[Document, StageContext]:
    """A real scan (200 dpi) of LINE printed in FONT, read by the text stage as any scan; with its context."""
    return lines_scan(tmp_path, [line], font)


def lines_scan(tmp_path: Path, lines: list[str], font: str) -> tuple[Document, StageContext]:
    """A real scan (200 dpi) of LINES printed in FONT one under the other, read by the text stage; with its context."""
    image = Image.new("L", (1400, 140 + 60 * len(lines)), 255)
    for index, line in enumerate(lines):
        ImageDraw.Draw(image).text((60, 70 + 60 * index), line, font=ImageFont.truetype(font, 40), fill=0)
    path = tmp_path / "line.png"
    image.save(path, dpi=(200, 200))
    ctx = StageContext(load_config(tmp_path / "home"), SerialExecutor(), tmp_path)
    return text.run(Document(path=path, original_name=path.name), ctx), ctx


@pytest.mark.parametrize("iban, as_read, font", [
    ("GB05XLVS66158084452254", "GBO5XLVS66158084452254", FONT),  # check digits read as letters
    ("IE94QHGB67529518882442", "1E94QHGB67529518882442", FONT.replace("Sans", "SansMono")),  # I read as 1 (a fax)
])
def test_an_iban_whose_letters_and_digits_ocr_confuses_is_read_again_as_they_must_be(tmp_path: Path, iban, as_read,
                                                                                         font):
    """An IBAN opens with its country's two letters and two check digits: a 1 tesseract reads among the
    first is an I, an O among the second a 0. The box read again on a real scan that prints it so gives
    the IBAN whose check digits hold."""
    doc, ctx = one_line_scan(tmp_path, f"IBAN {as_read}", font)
    [page] = doc.pages
    word = next(w for w in page.words if w.text.endswith(iban[-6:]))
    assert word.text != iban  # the page's OCR read the character printed
    reading = LayoutReading(missing=["iban (no value by label 'IBAN')"], places={"iban": (page, word.box)})

    read_again(reading, {}, [], scan_reader(doc, ctx.config.ocr))
    assert reading.fields["iban"].value == iban and reading.missing == []


class OneLayout:
    """The one layout a test taught (the catalog's role, as `LayoutMemory`)."""

    def __init__(self, layout: SupplierLayout):
        self.layout = layout

    def layouts_for(self, suppliers: list[str]) -> list[SupplierLayout]:
        return [self.layout] if self.layout.supplier in suppliers else []

    def layout_used(self, layout: SupplierLayout, failures: list[str]) -> None:
        assert not failures, failures

    def suppliers(self) -> list[str]:
        return [self.layout.supplier]


def scanned_series_read_through_its_layout(tmp_path: Path, family: str, supplier: int, invoice: int) -> tuple:
    """A tuned supplier's scanned series (its damage drawn by the grammar): the first scan learnt with its
    true values, scan INVOICE read by the general extractor; (that scan, its supplier's memory, its values)."""
    series = _series(tmp_path / family, family, supplier, invoice + 1, kind="scan")
    (first, want_first), (scan, want) = series[0], series[invoice]
    true = {name: Field(from_json(name, value)) for name, value in want_first.items() if value not in (None, [])}
    layout = learn(f"vat:{want_first['supplier_vat']}", read_invoice(first, tmp_path).pages, true)
    return read_invoice(scan, tmp_path), OneLayout(layout), want


def test_a_number_the_pages_ocr_lost_on_a_photo_is_read_in_its_box_on_grey_paper(tmp_path: Path):
    """A phone's photo of a G1 invoice whose number the page's OCR lost (as it did before it read again
    the lines holding print it read no word from). Its box, read again alone, is grey paper under a dim
    number; made white as the border around it, tesseract reads the number."""
    scan, memory, want = scanned_series_read_through_its_layout(tmp_path, "G1", 5, 1)
    scan = misread(scan, want["number"], "", tmp_path)
    assert scan.path.suffix == ".jpg" and want["number"] not in scan.text and scan.field_value("number") is None

    doc = apply_layout(copy.deepcopy(scan), memory, scan_reader(scan, load_config(tmp_path / "home").ocr))
    assert doc.field_value("number") == want["number"] and doc.fields["number"].confidence >= 0.99


@pytest.mark.parametrize("printed_date, want, doubted", [
    ("27.April 2025", dt.date(2025, 4, 27), []),  # the day glued to its month: no date parser reads "27.April"
    ("O7.April 2025", dt.date(2025, 4, 7), ["date"]),  # a letter glued to the day: read with every character
])
def test_a_date_printed_with_its_month_name_is_read_again_with_its_letters(tmp_path: Path, printed_date, want,
                                                                            doubted):
    """A date's box read again with the letters of month names allowed, and the month set apart from the day
    and year OCR glued it to, is the date; a letter where the day's digit is printed is not taken for it
    there (a fax's 27 read O7 was trusted as the 7th): read again with every character, tesseract reads a
    7th, which no due date proves, and the date goes to review."""
    doc, ctx = one_line_scan(tmp_path, f"Invoice date {printed_date}", FONT)
    [page] = doc.pages
    words = [w for w in page.words if any(c.isdigit() for c in w.text)]
    assert date_value(" ".join(w.text for w in page.words)) is None  # the page's OCR gives no date
    box = (words[0].box[0], min(w.box[1] for w in words), words[-1].box[2], max(w.box[3] for w in words))
    reading = LayoutReading(missing=["date (no value by label 'Invoice date')"], places={"date": (page, box)})

    read_again(reading, {}, [], scan_reader(doc, ctx.config.ocr))
    assert (reading.fields["date"].value, reading.doubted) == (want, doubted)



def with_totals_on_a_second_page(doc: Document, caption: str, top: float, work: Path) -> Document:
    """DOC printed on two pages: from the line of CAPTION (the first of the totals) down, on a second page
    whose first line is at TOP points (the goods ran on; the general extractor runs again)."""
    [page] = doc.pages
    start = next(w.box[1] for w in page.words if w.text == caption) - 1
    shift = start - top

    def page_of(number: int, words: list[Word]) -> Page:
        lines: dict[int, list[Word]] = {}
        for word in sorted(words, key=lambda w: (round(w.box[1]), w.box[0])):
            lines.setdefault(round(word.box[1] / 4), []).append(word)
        return replace(page, number=number, words=words, text="\n".join(" ".join(w.text for w in line)
                                                                         for line in lines.values()))

    first = [w for w in page.words if w.box[1] < start]
    moved = [replace(w, box=(w.box[0], w.box[1] - shift, w.box[2], w.box[3] - shift)) for w in page.words
             if w.box[1] >= start]
    doc.pages = [page_of(1, first), page_of(2, moved)]
    doc.fields = {}
    return fields.run(doc, StageContext(load_config(work / "home"), SerialExecutor(), work))


def test_totals_learnt_on_a_one_page_invoice_are_read_on_the_page_the_goods_ran_onto(tmp_path: Path):
    """A G1 supplier confirmed on a one-page invoice; its next invoice's goods run onto a second page and
    the totals with them, higher on that page. Their captions, found there together, tell how far the
    block moved: the totals are read through the layout, trusted, and none is said to be read away."""
    (first, want_first), (second, want) = _series(tmp_path / "g1", "G1", 3, 2)
    true = {name: Field(from_json(name, value)) for name, value in want_first.items() if value not in (None, [])}
    layout = learn(f"vat:{want_first['supplier_vat']}", read_invoice(first, tmp_path).pages, true)
    caption = layout.fields["taxable_amount"]
    doc = with_totals_on_a_second_page(read_invoice(second, tmp_path), "Totale", 200, tmp_path)
    assert len(doc.pages) == 2 and "EUR" not in doc.pages[0].text

    doc = apply_layout(doc, OneLayout(layout))
    for name in ("taxable_amount", "vat_amount", "total"):
        assert doc.field_value(name) == Decimal(want[name]) and doc.fields[name].page == 2, name
        assert doc.fields[name].confidence >= 0.99, name
    assert doc.read_away == [] and caption.label == ["EUR"]  # a caption printed on each of the totals' rows


def learnt_from(first: Path, want_first: dict, work: Path) -> SupplierLayout:
    """The layout a confirmation of FIRST with its true values teaches."""
    true = {name: Field(from_json(name, value)) for name, value in want_first.items() if value not in (None, [])}
    return learn(f"vat:{want_first['supplier_vat']}", read_invoice(first, work).pages, true)


def true_fields(want: dict, *names: str) -> dict[str, Field]:
    return {name: Field(from_json(name, want[name])) for name in names}


def lost(doc: Document, printed_text: str, work: Path) -> Document:
    """DOC as OCR would read it without the word PRINTED_TEXT (the general extractor runs again)."""
    for page in doc.pages:
        page.text = page.text.replace(printed_text, "")
        page.words = [w for w in page.words if w.text != printed_text]
    doc.fields = {}
    return fields.run(doc, StageContext(load_config(work / "home"), SerialExecutor(), work))


def test_a_date_lost_on_a_moved_scan_is_read_again_where_its_caption_moved_and_the_due_date_proves_it(
        tmp_path: Path):
    """A G1 supplier's layout kept without the template's words (learnt before they were kept, or on a page
    read too poorly to find them); its next invoice scanned moved on the glass, its date lost by the page's
    OCR. The date is read again under where its caption is read, not where it sat on the confirmed page,
    and kept because it falls before the due date read through the layout; with no due date to order it
    by (a layout that does not read one), it is not kept."""
    (first, want_first), (second, want) = _series(tmp_path / "g1", "G1", 1, 2)
    layout = replace(learnt_from(first, want_first, tmp_path), anchors=[])
    scan = read_invoice(shifted_scan(second, tmp_path / "spostata.png", 1.0, (60, 90)), tmp_path)
    day = next(w.text for w in scan.pages[0].words if found_date(w.text) == want["date"])
    scan = lost(scan, day, tmp_path)
    reader = scan_reader(scan, load_config(tmp_path / "home").ocr)

    no_due_date = replace(layout, fields={name: p for name, p in layout.fields.items() if name != "due_date"})
    for learnt, read in ((layout, dt.date.fromisoformat(want["date"])), (no_due_date, None)):
        reading = layout_read(learnt, scan.pages)
        assert "date" not in reading.fields and "date" in reading.elsewhere
        read_again(reading, {}, [], reader, learnt)
        assert (reading.fields["date"].value if "date" in reading.fields else None) == read


def test_a_total_longer_than_the_confirmed_one_is_read_again_whole_where_the_amounts_prove_it(tmp_path: Path):
    """A G1 supplier confirmed on a total of 5.179,22; its next invoice's total, 10.378,62, was lost by the
    page's OCR. Read again in its learnt box, it is its last digits (0.378,62), which imponibile + IVA
    refute; its box widened along the line (not over the words read beside it), it is read whole, and
    kept because the amounts prove it. With no confirmed rate to prove it, the wider reading is not kept."""
    (first, want_first), _, (third, want) = _series(tmp_path / "g1", "G1", 3, 3)
    layout = learnt_from(first, want_first, tmp_path)
    scan = read_invoice(crooked_scan(third, tmp_path / "dritta.png", 0), tmp_path)
    total = printed(scan, want["total"])
    assert len(total) > len(printed(read_invoice(first, tmp_path), want_first["total"]))
    scan = lost(scan, total, tmp_path)
    [page] = scan.pages
    learnt_box = absolute(layout.fields["total"].value_box, page)
    general = true_fields(want, "taxable_amount", "vat_amount", "vat_lines")
    reader = scan_reader(scan, load_config(tmp_path / "home").ocr)

    for rates, read in ((layout.vat_rates, Decimal(want["total"])), ([], None)):
        reading = LayoutReading(missing=["total (no value by label 'EUR')"], places={"total": (page, learnt_box)})
        read_again(reading, general, [], reader, replace(layout, vat_rates=rates))
        assert (reading.fields["total"].value if "total" in reading.fields else None) == read


@pytest.mark.parametrize("confirmed, read, holds", [
    ("FT-0012/25", "FT-0013/25", True),
    ("FT-0099/25", "FT-0100/25", True),
    ("A/99", "A/100", True),  # a run of digits one longer
    ("FT-0012/25", "OR-0013/25", False),  # another prefix: an order's number
    ("FT-0012/25", "0013/25", False),
    ("2025/00123", "2025/00124", True),
    ("123", "124", False),  # digits alone: any figure has that shape
    ("12/25", "13/25", False),  # too few digits: a day and month fit it
])
def test_a_number_read_elsewhere_is_proven_only_by_the_confirmed_numbers_shape(confirmed, read, holds):
    layout = SupplierLayout("vat:01234567897", "600x840", {}, shapes={"number": shape(confirmed)})
    assert proven("number", {"number": Field(read)}, layout) is holds


def test_a_date_read_elsewhere_is_proven_only_in_order_with_a_due_date():
    layout = SupplierLayout("vat:01234567897", "600x840", {})
    issued, due = Field(dt.date(2025, 3, 1)), Field(dt.date(2025, 3, 31))
    assert proven("date", {"date": issued, "due_date": due}, layout)
    assert not proven("date", {"date": due, "due_date": issued}, layout)
    assert not proven("date", {"date": issued}, layout)
    assert not proven("date", {"date": issued, "due_date": Field(dt.date(2027, 3, 1))}, layout)


def test_a_number_ocr_read_not_of_the_confirmed_numbers_shape_is_read_again_and_kept_of_that_shape(
        tmp_path: Path):
    """A supplier confirmed on FT-0012/25; the page's OCR read its next number with letters for digits
    (FT-OO13/25: no check refutes a number). Not of the confirmed shape, it is read again in its box and
    the reading of that shape kept; a supplier whose confirmed number has no such shape keeps it as read."""
    doc, ctx = one_line_scan(tmp_path, "Fattura n. FT-0013/25", FONT)
    [page] = doc.pages
    [word] = [w for w in page.words if w.text.startswith("FT")]
    misread = Field("FT-OO13/25", raw="FT-OO13/25", confidence=0.99, source_box=word.box, page=1)
    reader = scan_reader(doc, ctx.config.ocr)

    for confirmed, want in (("FT-0012/25", "FT-0013/25"), ("12", "FT-OO13/25")):
        reading = LayoutReading(fields={"number": misread}, places={"number": (page, word.box)})
        layout = SupplierLayout("vat:01234567897", "600x840", {}, shapes={"number": shape(confirmed)})
        read_again(reading, {}, [], reader, layout)
        assert reading.fields["number"].value == want


def test_a_forgotten_number_takes_its_shape_with_it():
    """An archivist who forgets a layout's number (`demat layouts forget`) forgets what proved it too."""
    place = FieldPlace("number", 1, "right", (0.5, 0.1, 0.6, 0.12), ["Fattura"], (0.4, 0.1, 0.48, 0.12))
    layout = SupplierLayout("vat:01234567897", "600x840", {"number": place}, shapes={"number": shape("FT-12/25")})
    assert layout.forget("number") and layout.shapes == {}
    assert SupplierLayout.from_dict(layout.to_dict()) == layout
