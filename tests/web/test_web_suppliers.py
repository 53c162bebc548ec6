"""The supplier pages in a real headless Chromium against a live server: the suppliers whose
layout a confirmation taught, one supplier's layout and invoices, and forgetting it (audited).

The invoices are a supplier series of G1, a tuned family of the independent grammar
(samples/grammar/series.py), read by the real pipeline and confirmed with `demat confirm`.
"""

from __future__ import annotations

import json

import httpx
import pytest
from test_web_browser import browser, log_in  # noqa: F401  (the fixture of Debian's Chromium)

from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from demat.pipeline.app import App
from demat.samples.grammar.series import write_series
from helpers import demat
from webhelpers import PASSWORD, archive, csrf_of, home_with_users, serving


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A home with two invoices of one G1 supplier, the first confirmed: (home, ids, supplier P.IVA, base URL)."""
    folder = tmp_path_factory.mktemp("suppliers")
    files = {}
    for number, [written] in enumerate(write_series(folder / "series", "G1", 4, 2, kinds=("born_digital",))):
        data = json.loads(written.read_text(encoding="utf-8"))
        files[f"invoice{number}"] = written.parent / data["file"]
    vat = data["fields"]["supplier_vat"]
    home = folder / "home"
    home_with_users(home)
    with App(load_config(home)) as app:
        ids = archive(app, files)
    demat(home, "confirm", str(ids["invoice0"]), "--set", f"supplier_vat={vat}", "--user", "carlo")
    with serving(home) as base:
        yield home, ids, vat, base


@pytest.fixture
def page(browser, server):  # noqa: F811
    context = browser.new_context(base_url=server[3], locale="it-IT")
    yield context.new_page()
    context.close()


def test_an_archivist_removes_one_field_of_a_layout_audited(page, server):
    """Before the test that forgets the whole supplier (the server is shared by the module)."""
    home, _, vat, base = server
    catalog = Catalog(home / "catalog.sqlite3")
    [before] = catalog.layouts()
    assert any(name.startswith("vat_lines.") for name in before["layout"]["fields"])
    log_in(page, "anna")
    page.goto(f"/suppliers/vat:{vat}")
    with page.expect_navigation():
        page.locator("tr[data-field='vat_lines.0.taxable_amount'] button", has_text="Dimentica").click()
    assert "Righe IVA non è più letto con il modello per pagine di" in page.inner_text("main")
    assert page.locator("tr[data-field^='vat_lines.']").count() == 0
    [after] = catalog.layouts()
    assert not any(name.startswith("vat_lines.") for name in after["layout"]["fields"])
    assert after["layout"]["vat_rates"] == [] and after["layout"]["items"] is None
    assert set(after["layout"]["fields"]) == {n for n in before["layout"]["fields"] if not n.startswith("vat_lines.")}
    assert after["document_id"] == before["document_id"]  # still the layout that confirmation taught
    [entry] = [e for e in catalog.audit_trail() if e["action"] == "edit_layout"]
    assert entry["user"] == "anna" and entry["detail"] == {
        "supplier": f"vat:{vat}", "page_size": before["page_size"], "forgotten": "vat_lines", "layout_left": True}

    with httpx.Client(base_url=base) as client:  # a field the layout does not read: refused, nothing changes
        form = client.get("/login")
        client.post("/login", data={"name": "anna", "password": PASSWORD, "next": "/suppliers",
                                    "csrf_token": csrf_of(form.text)})
        refused = client.post(f"/suppliers/vat:{vat}/forget", data={
            "csrf_token": csrf_of(client.get(f"/suppliers/vat:{vat}").text), "page_size": before["page_size"],
            "field": "vat_lines"})
        assert refused.status_code == 400 and "non legge vat_lines" in refused.text
    assert catalog.layouts()[0]["layout"] == after["layout"]

    letter = {**after["layout"], "page_size": "610x790"}  # the supplier's invoices on Letter paper, say
    with catalog.transaction():
        catalog.save_layout(f"vat:{vat}", "610x790", letter, None, "anna")
    page.reload()
    with page.expect_navigation():
        page.locator("section.layout", has_text="610x790").locator("button", has_text="Dimentica questo modello").click()
    assert "Il modello per pagine di 610x790 punti è stato dimenticato." in page.inner_text("main")
    assert [row["page_size"] for row in catalog.layouts()] == [before["page_size"]]
    [entry] = [e for e in catalog.audit_trail() if e["action"] == "delete_layout"]
    assert entry["user"] == "anna" and entry["detail"] == {"supplier": f"vat:{vat}", "page_size": "610x790"}


def test_accounting_sees_the_suppliers_learnt_and_forgets_one_audited(page, server):
    home, ids, vat, _ = server
    log_in(page, "carlo")
    page.click("header nav >> text=Fornitori")
    row = page.locator("table.suppliers tr", has_text=f"vat:{vat}")
    assert row.count() == 1
    cells = row.locator("td").all_inner_texts()
    assert cells[1] == "1"  # one confirmation
    assert "Numero" in cells[3] and "Totale" in cells[3]  # the fields learnt, by their Italian names

    row.locator("a").click()
    page.wait_for_url(f"**/suppliers/vat%3A{vat}")
    main = page.inner_text("main")
    assert "Modello per pagine di" in main and "Conferme che lo hanno insegnato: 1" in main
    invoices = page.locator(f"a[href='/documents/{ids['invoice0']}'], a[href='/documents/{ids['invoice1']}']")
    assert invoices.count() >= 2  # both invoices of the supplier (the first also as the layout's source)

    with page.expect_navigation():
        page.click("text=Dimentica i modelli di questo fornitore")
    assert f"Modelli di vat:{vat} dimenticati" in page.inner_text("main")
    assert page.locator("table.suppliers").count() == 0
    catalog = Catalog(home / "catalog.sqlite3")
    assert catalog.layouts() == []
    [entry] = [e for e in catalog.audit_trail() if e["action"] == "delete_layout" and e["user"] == "carlo"]
    assert entry["detail"] == {"supplier": f"vat:{vat}"}


def test_staff_may_not_see_the_suppliers(server):
    _, _, vat, base = server
    with httpx.Client(base_url=base) as client:
        form = client.get("/login")
        client.post("/login", data={"name": "hilde", "password": PASSWORD, "next": "/search",
                                    "csrf_token": csrf_of(form.text)})
        assert client.get("/suppliers").status_code == 403
        assert client.get(f"/suppliers/vat:{vat}").status_code == 403
        assert "Fornitori" not in client.get("/search").text


def test_a_wrong_conferma_is_undone_from_the_document_page_with_what_it_taught(page, server):
    """After the test that forgets the supplier: the second invoice confirmed with a wrong total
    teaches a layout; undone in the browser, the layout goes, the total read comes back, the document
    waits in review."""
    home, ids, vat, _ = server
    doc_id = ids["invoice1"]
    catalog = Catalog(home / "catalog.sqlite3")
    read = catalog.document(doc_id)["fields"]["total"]
    demat(home, "confirm", str(doc_id), "--set", f"supplier_vat={vat}", "--set", "total=1,00", "--user", "carlo")
    assert [row["document_id"] for row in catalog.layouts()] == [doc_id]
    log_in(page, "anna")
    page.goto(f"/documents/{doc_id}")
    with page.expect_navigation():
        page.click("text=Annulla la conferma")
    assert "Da verificare" in page.inner_text("main") and page.locator("form.unconfirm").count() == 0
    assert catalog.layouts() == [] and catalog.document(doc_id)["review_state"] == "review"
    assert catalog.document(doc_id)["fields"]["total"] == read
    [entry] = [e for e in catalog.audit_trail(doc_id) if e["action"] == "unconfirm"]
    assert entry["user"] == "anna" and entry["detail"]["layouts"] == [f"vat:{vat}"]
