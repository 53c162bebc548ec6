"""The pages people use, driven through their forms as a browser would (without JavaScript)."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from demat.kernel.config import load_config
from demat.pipeline.app import App
from demat.web import pages
from webhelpers import ARCHIVED, SAMPLES, csrf_of, log_in


def test_login_sends_to_the_page_asked_for_and_logout_ends_the_session(anonymous):
    asked = anonymous.get("/review", follow_redirects=False)
    assert asked.headers["location"] == "/login?next=%2Freview"
    assert log_in(anonymous, "anna", next="/review").headers["location"] == "/review"
    assert log_in(anonymous, "anna", next="//evil.example/").headers["location"] == "/search"
    token = csrf_of(anonymous.get("/search").text)
    assert anonymous.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert anonymous.get("/search", follow_redirects=False).status_code == 303


def test_wrong_password_shows_the_form_again(anonymous):
    answer = log_in(anonymous, "anna", "not the password")
    assert answer.status_code == 401 and "Nome o password errati" in answer.text


def test_search_page_has_facets_that_narrow_and_pages(login, site):
    client = login("anna")
    page = client.get("/search", params={"q": "fattura"}).text
    assert "<mark>fattura</mark>" in page.lower()
    assert 'href="/search?q=fattura&amp;type=fattura&amp;sort=relevance&amp;page=1"' in page
    narrowed = client.get("/search", params={"q": "fattura", "type": "nota_credito"}).text
    assert f'href="/documents/{site.ids["nota_credito"]}"' in narrowed
    assert f'href="/documents/{site.ids["fattura"]}"' not in narrowed
    by_amount = client.get("/search", params={"amount_min": "60000,00"}).text
    assert f'href="/documents/{site.ids["fattura"]}"' in by_amount and "1 documento " in by_amount
    assert "&#39;lots&#39; non è un importo" in client.get("/search", params={"amount_max": "lots"}).text
    assert "&#39;32/13/2024&#39; non è una data" in client.get("/search", params={"date_from": "32/13/2024"}).text
    by_date = client.get("/search", params={"sort": "date"}).text
    assert "pagina 1 di 1" in by_date


def test_document_page_shows_the_pdf_fields_checks_and_history(login, site):
    client = login("anna")
    page = client.get(f"/documents/{site.ids['nota_credito']}").text
    assert f'src="/documents/{site.ids["nota_credito"]}/pages/1.png"' in page
    assert "NC A/942" in page
    assert "Perché è da verificare" in page and "Fornitore mai visto prima" in page
    # The history's cells, not the words: "view" alone is in every page's viewport meta.
    assert "<td>claimed</td>" in page and "<td>view</td>" in page  # a job event and an audit entry


def test_a_failed_check_stands_out(own_site):
    site, client = own_site
    doc_id = site.ids["nota_credito"]
    csrf = csrf_of(client.get(f"/documents/{doc_id}").text)
    client.post(f"/review/{doc_id}", data={"csrf_token": csrf, "field.supplier_vat": "12345678901",
                                           "back": f"/documents/{doc_id}"})
    page = client.get(f"/documents/{doc_id}").text
    row = page[page.index("<th>P.IVA fornitore</th>") - 30:page.index("<th>P.IVA fornitore</th>")]
    assert 'class="failed"' in row
    assert "check-failed" in page


def test_review_form_corrects_type_department_and_a_field(login, site):
    client = login("anna")
    doc_id = site.ids["lettera"]
    page = client.get(f"/documents/{doc_id}").text
    answer = client.post(f"/review/{doc_id}", follow_redirects=False, data={
        "csrf_token": csrf_of(page), "type": "contratto", "department": "legale",
        "field.subject": "Rinnovo contratto", "back": "/review"})
    assert answer.status_code == 303
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert (doc["type"], doc["department"]) == ("contratto", "legale")
    assert doc["fields"]["subject"]["value"] == "Rinnovo contratto"
    changes = {e["detail"]["field"] for e in doc["audit"] if e["action"] == "correct"}
    assert {"type", "department", "subject"} <= changes
    bad = client.post(f"/review/{doc_id}", data={"csrf_token": csrf_of(page), "field.date": "not a date"})
    assert bad.status_code == 400 and "impossibile leggere &#39;not a date&#39;" in bad.text  # "date" is in every form


def test_queue_page_moves_work_state(login, site):
    client = login("hilde")
    page = client.get("/queues/risorse_umane").text
    assert f'id="doc-{site.ids["cv"]}"' in page
    client.post(f"/queues/risorse_umane/{site.ids['cv']}", data={"state": "done", "csrf_token": csrf_of(page)})
    assert 'class="state-done"' in client.get("/queues/risorse_umane").text
    assert client.get("/queues", follow_redirects=False).headers["location"] == "/queues/risorse_umane"


def test_accounting_page_lists_invoices_with_totals_and_exports(login, site):
    client = login("carlo")
    page = client.get("/accounting").text
    assert "2 fatture" in page
    assert f'href="/documents/{site.ids["fattura"]}"' in page
    assert "/api/exports/invoices?format=xlsx" in page
    narrowed = client.get("/accounting", params={"supplier": "Metaldeluca"}).text
    assert "1 fattura<" in narrowed and f'href="/documents/{site.ids["nota_credito"]}"' in narrowed  # that supplier's
    assert f'href="/documents/{site.ids["fattura"]}"' not in narrowed
    assert "&#39;yesterday&#39; non è una data" in client.get("/accounting", params={"date_from": "yesterday"}).text


def test_accounting_sorts_by_any_column_and_pages_with_totals_over_every_invoice(login, site, monkeypatch):
    client = login("carlo")
    rows = client.get("/api/exports/invoices", params={"format": "json"}).json()
    by_total = [r["document_id"] for r in sorted(rows, key=lambda r: Decimal(r["total"]))]

    def totals(page: str) -> str:
        return page.split('class="totals"')[1].split("</tr>")[0]

    def order(page: str) -> list[int]:
        return [int(m) for m in re.findall(r'<td><a href="/documents/(\d+)">', page)]

    assert order(client.get("/accounting", params={"sort": "total"}).text) == by_total
    descending = client.get("/accounting", params={"sort": "-total"}).text
    assert order(descending) == by_total[::-1] and 'aria-sort="descending"' in descending
    assert 'href="/accounting?sort=total&amp;page=1"' in descending  # the same column again: the other way
    assert client.get("/accounting", params={"sort": "password"}).status_code == 400

    monkeypatch.setattr(pages, "INVOICE_PAGE", 1)
    first, second = (client.get("/accounting", params={"sort": "total", "page": n}).text for n in (1, 2))
    assert order(first) == by_total[:1] and order(second) == by_total[1:2]
    assert "pagina 1 di 2" in first and 'href="/accounting?sort=total&amp;page=2"' in first
    assert "2 fatture" in first and totals(first) == totals(second)


def test_an_upload_redirects_so_a_reload_uploads_nothing_and_links_to_where_the_file_is(login, site):
    client = login("anna")
    token = csrf_of(client.get("/inbox").text)
    pdf = (SAMPLES / "contratto-L4-s0004.pdf").read_bytes()
    answer = client.post("/inbox", data={"csrf_token": token}, follow_redirects=False, files=[
        ("files", ("contratto.pdf", pdf, "application/pdf")), ("files", ("note.pdf", b"just words", "text/plain"))])
    assert answer.status_code == 303 and answer.headers["location"] == "/inbox"
    page = client.get("/inbox").text
    assert 'In arrivo: <a href="/inbox/files/contratto.pdf">contratto.pdf</a>' in page
    assert "note.pdf è" in page and "che demat non sa leggere" in page  # the refusal, in Italian
    assert "contratto.pdf</a>" not in client.get("/inbox").text  # said once, then gone: a reload repeats nothing
    assert [p.name for p in (site.home / "inbox").iterdir() if p.name.startswith("contratto")] == ["contratto.pdf"]
    assert "in attesa nell'inbox" in client.get("/inbox/files/contratto.pdf").text
    (site.home / "inbox" / "contratto.pdf").unlink()
    assert "non è nell'inbox" in client.get("/inbox/files/contratto.pdf").text

    archived = client.get("/inbox/files/" + SAMPLES.joinpath(ARCHIVED["fattura"]).name, follow_redirects=False)
    assert archived.headers["location"] == f"/documents/{site.ids['fattura']}"
    hidden = login("hilde").get("/inbox/files/" + ARCHIVED["fattura"], follow_redirects=False)
    assert hidden.status_code == 200 and f"/documents/{site.ids['fattura']}" not in hidden.text


def quarantined(site, name: str):
    """A job of a file the pipeline could not read, now in quarantine."""
    bad = site.home.parent / name
    bad.write_bytes(b"%PDF-1.4 broken beyond repair")
    with App(load_config(site.home)) as app:
        job = app.copy_in(bad, name)
        assert app.run_jobs([job])[0].status == "quarantined"
    return job


def test_a_quarantined_file_is_retried_from_the_inbox_page(login, site):
    client = login("anna")
    job = quarantined(site, "rotto.pdf")
    page = client.get("/inbox").text
    assert "rotto.pdf" in page and f'action="/inbox/retry/{job.id}"' in page
    assert "rotto.pdf" not in login("carlo").get("/inbox").text
    client.post(f"/inbox/retry/{job.id}", data={"csrf_token": csrf_of(page)})
    config = load_config(site.home)
    with App(config, with_runner=False) as app:
        assert app.catalog.job(job.id).state == "claimed"
    assert (config.processing / job.token / "rotto.pdf").exists()


def test_a_quarantined_file_is_discarded_only_when_confirmed_and_kept_aside_with_its_reason(login, site):
    client = login("anna")
    job = quarantined(site, "illeggibile.pdf")
    page = client.get("/inbox").text
    assert f'action="/inbox/discard/{job.id}"' in page
    token = csrf_of(page)
    unconfirmed = client.post(f"/inbox/discard/{job.id}", data={"csrf_token": token, "why": "doppione"})
    assert unconfirmed.status_code == 400 and (site.home / "quarantine" / "illeggibile.pdf").exists()
    assert login("carlo").post(f"/inbox/discard/{job.id}", data={
        "csrf_token": csrf_of(login("carlo").get("/inbox").text), "confirmed": "yes"}).status_code in (403, 400)
    client.post(f"/inbox/discard/{job.id}", data={"csrf_token": token, "why": "doppione", "confirmed": "yes"})

    aside = site.home / "quarantine" / "scartati" / "illeggibile.pdf"
    assert aside.read_bytes() == b"%PDF-1.4 broken beyond repair"
    assert not (site.home / "quarantine" / "illeggibile.pdf").exists()
    reason = json.loads(aside.with_name("illeggibile.pdf.error.json").read_text(encoding="utf-8"))
    assert (reason["discarded_by"], reason["why_discarded"], reason["error"]) == ("anna", "doppione", "CorruptFile")
    assert f'id="job-{job.id}"' not in client.get("/inbox").text
    trail = client.get("/api/audit").json()["entries"]
    assert any(e["action"] == "discard" and e["detail"]["job"] == job.id and e["user"] == "anna" for e in trail)
    with App(load_config(site.home), with_runner=False) as app:
        assert app.catalog.job(job.id).state == "discarded"
        assert [e["step"] for e in app.catalog.events(job.id)][-1] == "discard"
    assert client.post(f"/inbox/discard/{job.id}", data={"csrf_token": token, "confirmed": "yes"}).status_code == 400


def test_audit_page_is_for_archivists(login, site):
    assert login("carlo").get("/audit").status_code == 403
    page = login("anna").get("/audit").text
    assert "<td>login</td>" in page and "<td>view</td>" in page


def test_a_held_file_is_on_the_inbox_page_with_its_reason_and_a_retry(login, site):
    config = load_config(site.home)
    with App(config) as app:
        job = app.copy_in(SAMPLES / "contratto-L4-s0004.pdf", "contratto.pdf")
        app.runner.hold(job, "the disk is full")
    page = login("anna").get("/inbox").text
    assert 'data-key="held">1<' in page
    assert "the disk is full" in page and f'action="/inbox/retry/{job.id}"' in page
    assert "the disk is full" not in login("carlo").get("/inbox").text
