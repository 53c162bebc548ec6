"""Every endpoint of the JSON API, over a home archived by the real pipeline."""

from __future__ import annotations

import io
import json

import openpyxl

from webhelpers import SAMPLES, bearer, csrf_of


def test_openapi_describes_the_api(anonymous):
    spec = anonymous.get("/api/openapi.json").json()
    for path in ("/api/search", "/api/documents", "/api/documents/{doc_id}", "/api/documents/{doc_id}/file",
                 "/api/documents/{doc_id}/corrections", "/api/invoices", "/api/exports/invoices",
                 "/api/queues/{department}", "/api/review", "/api/upload", "/api/pipeline", "/api/audit"):
        assert path in spec["paths"], path


def test_without_token_or_session_the_api_answers_401_and_pages_send_to_login(anonymous, site):
    assert anonymous.get("/api/search").status_code == 401
    assert anonymous.get("/api/search", headers={"Authorization": "Bearer demat_wrong"}).status_code == 401
    page = anonymous.get("/search", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")


def test_me_tells_role_and_departments(anonymous, site):
    me = anonymous.get("/api/me", headers=bearer(site, "carlo")).json()
    assert me == {"name": "carlo", "role": "accounting", "departments": ["amministrazione"]}


def test_search_finds_words_with_highlights_and_facets(anonymous, site):
    page = anonymous.get("/api/search", params={"q": "fattura"}, headers=bearer(site, "anna")).json()
    ids = [h["id"] for h in page["hits"]]
    assert site.ids["fattura"] in ids
    hit = page["hits"][ids.index(site.ids["fattura"])]
    assert any(piece["match"] and piece["text"].lower() == "fattura" for piece in hit["snippet"])
    assert page["facets"]["type"]["fattura"] == 1
    assert page["facets"]["department"]["amministrazione"] == page["total"]
    assert page["estimated"] is False  # a handful of documents: counted exactly


def test_search_narrows_by_type_department_and_year(anonymous, site):
    headers = bearer(site, "anna")
    everything = anonymous.get("/api/search", headers=headers).json()
    assert everything["total"] == len(site.ids)
    letters = anonymous.get("/api/search", params={"type": "cv"}, headers=headers).json()
    assert [h["id"] for h in letters["hits"]] == [site.ids["cv"]]
    hr = anonymous.get("/api/search", params={"department": "risorse_umane"}, headers=headers).json()
    assert {h["id"] for h in hr["hits"]} == {site.ids["cv"], site.ids["nota_spese"]}
    year = next(iter(everything["facets"]["year"]))
    in_year = anonymous.get("/api/search", params={"year": year}, headers=headers).json()
    assert in_year["total"] == everything["facets"]["year"][year]
    big = anonymous.get("/api/search", params={"amount_min": "60000", "amount_max": "70000"}, headers=headers).json()
    assert [h["id"] for h in big["hits"]] == [site.ids["fattura"]]
    dated = anonymous.get("/api/search", params={"date_from": "2023-06-15", "date_to": "2023-06-15"},
                          headers=headers).json()
    assert site.ids["fattura"] in [h["id"] for h in dated["hits"]]


def test_bad_query_is_a_400_with_the_reason(anonymous, site):
    answer = anonymous.get("/api/search", params={"q": '"unclosed'}, headers=bearer(site, "anna"))
    assert answer.status_code == 400
    assert "quote" in answer.json()["detail"]


def test_documents_list_newest_first(anonymous, site):
    listing = anonymous.get("/api/documents", headers=bearer(site, "anna")).json()
    dates = [h["date"] for h in listing["hits"]]
    assert dates == sorted(dates, reverse=True)
    assert {h["id"] for h in listing["hits"]} == set(site.ids.values())


def test_document_has_fields_checks_pages_and_history(anonymous, site):
    doc = anonymous.get(f"/api/documents/{site.ids['fattura']}", headers=bearer(site, "anna")).json()
    assert doc["type"] == "fattura"
    assert doc["fields"]["number"]["value"] == "2023-FV-1380"
    assert all("checks" in f for f in doc["fields"].values())
    assert "2023-FV-1380" in doc["pages"][0]["text"]
    assert [e["step"] for e in doc["events"]][0] == "claimed"
    assert doc["audit"][0]["action"] == "view" and doc["audit"][0]["user"] == "anna"


def test_original_file_is_served_inline_or_as_download(anonymous, site):
    url = f"/api/documents/{site.ids['fattura']}/file"
    shown = anonymous.get(url, headers=bearer(site, "anna"))
    assert shown.status_code == 200
    assert shown.headers["content-type"] == "application/pdf"
    assert shown.headers["content-disposition"].startswith("inline")
    assert shown.content == (SAMPLES / "fattura-L1-s0009.pdf").read_bytes()
    downloaded = anonymous.get(url, params={"download": 1}, headers=bearer(site, "anna"))
    assert downloaded.headers["content-disposition"].startswith("attachment")
    assert anonymous.get(url, params={"variant": "../../etc/passwd"}, headers=bearer(site, "anna")).status_code == 404


def test_unknown_document_is_404(anonymous, site):
    assert anonymous.get("/api/documents/999999", headers=bearer(site, "anna")).status_code == 404


def test_queues_list_departments_and_documents_with_work_state(anonymous, site):
    headers = bearer(site, "hilde")
    assert anonymous.get("/api/queues", headers=headers).json() == {"departments": ["risorse_umane"]}
    queue = anonymous.get("/api/queues/risorse_umane", headers=headers).json()["documents"]
    assert {d["id"] for d in queue} == {site.ids["cv"], site.ids["nota_spese"]}
    assert all(d["work_state"] in ("new", "in_progress", "done") for d in queue)


def test_work_state_moves_and_is_audited(anonymous, site):
    headers = bearer(site, "hilde")
    doc_id = site.ids["nota_spese"]
    moved = anonymous.post(f"/api/documents/{doc_id}/work-state", json={"state": "in_progress"}, headers=headers)
    assert moved.status_code == 200
    queue = anonymous.get("/api/queues/risorse_umane", headers=headers).json()["documents"]
    assert next(d for d in queue if d["id"] == doc_id)["work_state"] == "in_progress"
    wrong = anonymous.post(f"/api/documents/{doc_id}/work-state", json={"state": "lost"}, headers=headers)
    assert wrong.status_code == 400
    trail = anonymous.get("/api/audit", headers=bearer(site, "anna")).json()["entries"]
    assert any(e["action"] == "work_state" and e["document_id"] == doc_id and e["user"] == "hilde"
               and e["detail"]["new"] == "in_progress" for e in trail)


def test_review_lists_documents_with_reasons(anonymous, site):
    review = anonymous.get("/api/review", headers=bearer(site, "anna")).json()["documents"]
    credit_note = next(d for d in review if d["id"] == site.ids["nota_credito"])
    assert any(reason["code"] == "unknown_supplier" and reason["vat"] for reason in credit_note["review_reasons"])


def test_correction_changes_the_field_rechecks_reindexes_and_is_audited(anonymous, site):
    doc_id = site.ids["fattura"]
    headers = bearer(site, "carlo")
    corrected = anonymous.post(f"/api/documents/{doc_id}/corrections",
                               json={"fields": {"number": "FV-2023/77"}}, headers=headers)
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["fields"]["number"]["value"] == "FV-2023/77"
    found = anonymous.get("/api/search", params={"q": '"FV-2023/77"'}, headers=headers).json()
    assert [h["id"] for h in found["hits"]] == [doc_id]
    trail = anonymous.get(f"/api/documents/{doc_id}", headers=bearer(site, "anna")).json()["audit"]
    change = next(e for e in trail if e["action"] == "correct")
    assert change["user"] == "carlo"
    assert change["detail"] == {"field": "number", "old": "2023-FV-1380", "new": "FV-2023/77"}


def test_invoices_json_and_exports_in_every_format(anonymous, site):
    headers = bearer(site, "carlo")
    rows = anonymous.get("/api/invoices", headers=headers).json()
    assert {r["document_id"] for r in rows} == {site.ids["fattura"], site.ids["nota_credito"]}
    csv = anonymous.get("/api/exports/invoices", params={"format": "csv"}, headers=headers)
    assert csv.headers["content-disposition"].startswith("attachment; filename=")
    assert csv.content.startswith(b"\xef\xbb\xbf") and b"P.IVA fornitore" in csv.content
    xlsx = anonymous.get("/api/exports/invoices", params={"format": "xlsx"}, headers=headers)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content))["Fatture"]
    assert sheet.max_row == 3  # header + two invoices
    exported = json.loads(anonymous.get("/api/exports/invoices", params={"format": "json"}, headers=headers).content)
    assert len(exported) == 2
    assert anonymous.get("/api/exports/invoices", params={"format": "pdf"}, headers=headers).status_code == 404
    supplier = anonymous.get("/api/invoices", params={"supplier": "Metaldeluca"}, headers=headers).json()
    assert [r["document_id"] for r in supplier] == [site.ids["nota_credito"]]
    trail = anonymous.get("/api/audit", headers=bearer(site, "anna")).json()["entries"]
    assert any(e["action"] == "export" and e["user"] == "carlo" and e["detail"]["format"] == "xlsx" for e in trail)


def test_upload_puts_a_checked_file_into_the_inbox(anonymous, site):
    sample = SAMPLES / "lettera-L1-s0007.pdf"
    answer = anonymous.post("/api/upload", files={"file": ("lettera.pdf", sample.read_bytes(), "application/pdf")},
                            headers=bearer(site, "hilde"))
    assert answer.status_code == 201, answer.text
    landed = site.home / "inbox" / answer.json()["inbox_name"]
    assert landed.read_bytes() == sample.read_bytes()
    assert not [p for p in (site.home / "inbox").iterdir() if p.name.startswith(".")]
    state = anonymous.get("/api/pipeline", headers=bearer(site, "anna")).json()
    assert state["waiting"] >= 1 and landed.name in state["waiting_files"]
    landed.unlink()


def test_pipeline_state_shows_names_only_to_archivists(anonymous, site):
    staff = anonymous.get("/api/pipeline", headers=bearer(site, "hilde")).json()
    assert staff == {"documents": 2, "in_review": staff["in_review"]}  # the CV and the expense report
    archivist = anonymous.get("/api/pipeline", headers=bearer(site, "anna")).json()
    assert "quarantine" in archivist and "waiting_files" in archivist


def test_audit_log_is_for_archivists(anonymous, site):
    assert anonymous.get("/api/audit", headers=bearer(site, "carlo")).status_code == 403
    assert anonymous.get("/api/audit", headers=bearer(site, "anna")).status_code == 200


def test_session_can_call_the_api_with_its_csrf_header(login, site):
    client = login("hilde")
    token = csrf_of(client.get("/search").text)
    url = f"/api/documents/{site.ids['cv']}/work-state"
    assert client.post(url, json={"state": "done"}).status_code == 403
    assert client.post(url, json={"state": "done"}, headers={"X-CSRF-Token": token}).status_code == 200
