"""Bug (issue 16, 10): bad input answered 500 instead of saying what was wrong.

Each of these crashed the server: a search word of about 490 letters
(RecursionError building the snippet, in the web and in `demat search`);
numbers beyond int64 as a page, a limit or a document id; amounts
`1E+999999`, `Infinity`, `NaN`, `sNaN`; `year=²`; an upload name over 250
characters; a correction of the total to `99999999999999999999,00` or of a
VAT rate to NaN or Infinity. Each is now a 400 whose message names the
parameter, from the one parsing layer (`demat.web.params`, `demat.indexer.search.filters`).
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from demat.kernel.config import load_config
from demat.web.app import create_app
from helpers import demat
from webhelpers import bearer, make_site

BEYOND_INT64 = "99999999999999999999"
LONG_WORD = "fatturazione" * 42  # 504 letters


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    home = tmp_path_factory.mktemp("bad-input") / "home"
    home.mkdir()
    return make_site(home, ["fattura"])


@pytest.fixture(scope="module")
def client(site):
    with TestClient(create_app(load_config(site.home)), headers=bearer(site, "anna")) as client:
        yield client


def test_a_very_long_search_word_still_finds_and_highlights(client):
    answer = client.get("/api/search", params={"q": f"fattura OR {LONG_WORD}"})
    assert answer.status_code == 200 and answer.json()["total"] == 1
    assert ["fattura", True] in [[p["text"].lower(), p["match"]] for p in answer.json()["hits"][0]["snippet"]]
    assert client.get("/search", params={"q": f"fattura OR {LONG_WORD}"}).status_code == 200


def test_a_very_long_search_word_on_the_command_line(site):
    found = demat(site.home, "search", f"fattura OR {LONG_WORD}", "--json")
    assert json.loads(found.stdout)["total"] == 1


@pytest.mark.parametrize("url, parameter", [
    (f"/api/search?page={BEYOND_INT64}", "page"),
    (f"/search?page={BEYOND_INT64}", "page"),
    (f"/api/search?page_size={BEYOND_INT64}", "page_size"),
    (f"/api/documents?page={BEYOND_INT64}", "page"),
    (f"/api/documents/{BEYOND_INT64}", "doc_id"),
    (f"/documents/{BEYOND_INT64}", "doc_id"),
    (f"/api/documents/{BEYOND_INT64}/file", "doc_id"),
    (f"/api/queues/amministrazione?limit={BEYOND_INT64}", "limit"),
    (f"/api/audit?limit={BEYOND_INT64}", "limit"),
    (f"/review?corrected={BEYOND_INT64}", "corrected"),
    ("/api/search?amount_min=1E%2B999999", "amount_min"),
    ("/api/search?amount_max=Infinity", "amount_max"),
    ("/api/search?amount_min=NaN", "amount_min"),
    ("/api/search?amount_min=sNaN", "amount_min"),
    ("/search?amount_max=-Infinity", "amount_max"),
    (f"/api/search?amount_min={'9' * 30}", "amount_min"),
    ("/api/search?year=²", "year"),
    ("/search?year=²", "year"),
    ("/api/exports/invoices?date_from=2024-02-30", "date_from"),
    ("/accounting?date_to=٢٠٢٤-٠١-٠١", "date_to"),
    (f"/api/search?q={'a' * 5000}", "q"),
])
def test_out_of_bounds_parameters_are_a_400_naming_them(client, url, parameter):
    answer = client.get(url)
    assert answer.status_code == 400, answer.text[:300]
    assert f"{parameter}: " in answer.text


def test_an_upload_name_over_250_characters_is_a_400(client, site):
    answer = client.post("/api/upload", files={"file": ("f" * 251 + ".pdf", b"%PDF-1.4\n", "application/pdf")})
    assert answer.status_code == 400
    assert "Rename the file" in answer.json()["detail"]
    assert not list((site.home / "inbox").iterdir())


@pytest.mark.parametrize("field, value", [
    ("total", "99999999999999999999,00"),
    ("vat_lines", json.dumps([{"rate": "NaN", "taxable_amount": "100.00", "vat_amount": "22.00"}])),
    ("vat_lines", json.dumps([{"rate": "Infinity", "taxable_amount": "100.00", "vat_amount": "22.00"}])),
    ("vat_lines", json.dumps([{"rate": "22", "taxable_amount": "1E+999999", "vat_amount": "22.00"}])),
])
def test_corrections_beyond_any_amount_are_a_400(client, site, field, value):
    doc_id = site.ids["fattura"]
    before = client.get(f"/api/documents/{doc_id}").json()["fields"]
    answer = client.post(f"/api/documents/{doc_id}/corrections", json={"fields": {field: value}})
    assert answer.status_code == 400
    assert answer.json()["detail"].startswith(f"field {field}: ")
    assert client.get(f"/api/documents/{doc_id}").json()["fields"] == before
