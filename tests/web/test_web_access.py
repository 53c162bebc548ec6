"""Per-department access: an accounting user never sees an HR document, through any door."""

from __future__ import annotations

import json

import pytest

from webhelpers import bearer

HR = ("cv", "nota_spese")


@pytest.fixture
def carlo(login):
    return login("carlo")


def hr_ids(site) -> set[int]:
    return {site.ids[name] for name in HR}


def test_hr_documents_are_hr(anonymous, site):
    for name in HR:
        doc = anonymous.get(f"/api/documents/{site.ids[name]}", headers=bearer(site, "anna")).json()
        assert doc["department"] == "risorse_umane"


@pytest.mark.parametrize("how", ["session", "token"])
def test_accounting_search_and_facets_leave_hr_out(site, carlo, anonymous, how):
    get = carlo.get if how == "session" else (lambda url, **kw: anonymous.get(url, headers=bearer(site, "carlo"), **kw))
    for params in ({}, {"q": "curriculum"}, {"q": "Luca"}, {"department": "risorse_umane"}, {"type": "cv"},
                   {"q": "nota spese"}, {"department": ["risorse_umane", "amministrazione"]}):
        page = get("/api/search", params=params).json()
        assert not {h["id"] for h in page["hits"]} & hr_ids(site), params
        assert "risorse_umane" not in page["facets"].get("department", {}), params
        assert not {"cv", "nota_spese"} & set(page["facets"].get("type", {})), params
    everything = get("/api/search").json()
    assert everything["total"] == sum(everything["facets"]["department"].values())
    listing = get("/api/documents", params={"department": "risorse_umane"}).json()
    assert listing["total"] == 0


def test_accounting_cannot_open_view_or_download_hr(site, carlo):
    for doc_id in hr_ids(site):
        assert carlo.get(f"/api/documents/{doc_id}").status_code == 404
        page = carlo.get(f"/documents/{doc_id}")
        assert page.status_code == 404 and f"nessun documento {doc_id}" in page.text  # as if it did not exist
        assert carlo.get(f"/api/documents/{doc_id}/file").status_code == 404
        assert carlo.get(f"/api/documents/{doc_id}/file", params={"variant": "searchable"}).status_code == 404


def test_accounting_search_page_shows_no_hr(site, carlo):
    page = carlo.get("/search", params={"q": "curriculum"}).text
    assert "risorse_umane" not in page and "Luca Rossi" not in page
    all_page = carlo.get("/search").text
    assert "risorse_umane" not in all_page


def test_accounting_cannot_reach_the_hr_queue_or_move_hr_documents(site, carlo, anonymous):
    assert carlo.get("/queues/risorse_umane").status_code == 404
    assert carlo.get("/api/queues/risorse_umane").status_code == 404
    assert anonymous.get("/api/queues", headers=bearer(site, "carlo")).json() == {"departments": ["amministrazione"]}
    doc_id = site.ids["cv"]
    moved = anonymous.post(f"/api/documents/{doc_id}/work-state", json={"state": "done"},
                           headers=bearer(site, "carlo"))
    assert moved.status_code == 404
    corrected = anonymous.post(f"/api/documents/{doc_id}/corrections", json={"department": "amministrazione"},
                               headers=bearer(site, "carlo"))
    assert corrected.status_code == 404
    assert anonymous.get(f"/api/documents/{doc_id}", headers=bearer(site, "anna")).json()["department"] == \
        "risorse_umane"


def test_accounting_exports_and_invoices_leave_hr_out(site, anonymous):
    headers = bearer(site, "carlo")
    assert anonymous.get("/api/invoices", params={"department": "risorse_umane"}, headers=headers).status_code == 404
    assert anonymous.get("/api/exports/invoices", params={"format": "json", "department": "risorse_umane"},
                         headers=headers).status_code == 404
    exported = json.loads(anonymous.get("/api/exports/invoices", params={"format": "json"}, headers=headers).content)
    assert not {r["document_id"] for r in exported} & hr_ids(site)


def test_accounting_review_queue_leaves_hr_and_unrouted_out(site, anonymous):
    review = anonymous.get("/api/review", headers=bearer(site, "carlo")).json()["documents"]
    assert {d["department"] for d in review} == {"amministrazione"}  # an empty queue would prove nothing


def test_hr_staff_see_their_documents_and_nothing_else(site, anonymous):
    headers = bearer(site, "hilde")
    everything = anonymous.get("/api/search", headers=headers).json()
    assert {h["id"] for h in everything["hits"]} == hr_ids(site)
    assert anonymous.get(f"/api/documents/{site.ids['fattura']}", headers=headers).status_code == 404
    assert anonymous.get("/api/invoices", headers=headers).json() == []


def test_archivist_sees_every_department(site, anonymous):
    page = anonymous.get("/api/search", headers=bearer(site, "anna")).json()
    assert {h["id"] for h in page["hits"]} == set(site.ids.values())
    assert page["facets"]["department"]["risorse_umane"] == 2
