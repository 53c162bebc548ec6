"""Fuzzing the search and filter parameters: whatever a request carries, the server never answers 5xx.

Every value that has broken a parser before (numbers beyond int64, NaN,
exponents, digits of other scripts, FTS5 syntax, words of hundreds of
letters) goes into every search and filter parameter of the API and the
pages, one at a time; then Hypothesis combines them with arbitrary text and
invalid UTF-8, several parameters at once. The examples are bounded so the
test stays quick; a failure prints the request that caused it.
"""

from __future__ import annotations

from urllib.parse import quote_from_bytes, urlencode

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demat.web import api, pages
from webhelpers import bearer

EXAMPLES = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SEARCH_ROUTES = ["/api/search", "/search", "/api/documents"]
FILTER_ROUTES = ["/accounting", "/api/invoices", "/api/exports/invoices"]
SEARCH_PARAMETERS = ["q", "type", "department", "supplier", "year", "date_from", "date_to", "amount_min",
                     "amount_max", "sort", "page", "page_size"]
FILTER_PARAMETERS = ["date_from", "date_to", "supplier", "department", "format"]
TRICKY = ["", " ", "0", "-1", "2024", "99999999999999999999", "-99999999999999999999", "9" * 400, "1E+999999",
          "Infinity", "-Infinity", "NaN", "sNaN", "-0", "²", "٢٠٢٤", "1.234,56", "1,234.56", "€ 10", "2024-02-30",
          "31/12/2024", "9999-12-31", "fattura OR nota", "NOT", '"nota di', "forn*", "*", "(", "a:b", "^x",
          "fatturazione" * 45, "\x00", "date", "amministrazione", "xlsx"]
printable = st.characters(blacklist_categories=("Cs",))  # surrogates cannot travel in a URL
tricky = st.sampled_from(TRICKY)
values = st.one_of(tricky, tricky, tricky, st.text(printable, max_size=40), st.integers().map(str),
                   st.decimals(allow_nan=True, allow_infinity=True).map(str))


def query(names: list[str]):
    """Some of NAMES, each with one or a few values (repeated parameters like type=...&type=...)."""
    return st.lists(st.tuples(st.sampled_from(names), values), max_size=6)


@pytest.fixture(scope="module")
def client(web_app, site):
    with TestClient(web_app, headers=bearer(site, "carlo"), raise_server_exceptions=False) as client:
        yield client


def no_server_error(client: TestClient, url: str) -> None:
    answer = client.get(url)
    assert answer.status_code < 500, f"{url} -> {answer.status_code}: {answer.text[:300]}"


@pytest.mark.parametrize("route, names", [("/api/search", SEARCH_PARAMETERS), ("/search", SEARCH_PARAMETERS),
                                          ("/accounting", FILTER_PARAMETERS[:4]),
                                          ("/api/exports/invoices", FILTER_PARAMETERS)])
def test_every_tricky_value_in_every_parameter(client, route, names):
    for name in names:
        for value in TRICKY:
            no_server_error(client, f"{route}?{urlencode({name: value})}")


@pytest.mark.parametrize("route", SEARCH_ROUTES)
@EXAMPLES
@given(params=query(SEARCH_PARAMETERS))
def test_search_parameters_never_cause_a_server_error(client, route, params):
    no_server_error(client, f"{route}?{urlencode(params)}")


@pytest.mark.parametrize("route", FILTER_ROUTES)
@EXAMPLES
@given(params=query(FILTER_PARAMETERS))
def test_filter_parameters_never_cause_a_server_error(client, route, params):
    no_server_error(client, f"{route}?{urlencode(params)}")


@EXAMPLES
@given(value=values, route=st.sampled_from(["/api/documents/{}", "/documents/{}", "/api/documents/{}/file",
                                            "/api/queues/amministrazione?limit={}", "/api/audit?limit={}",
                                            "/review?corrected={}"]))
def test_ids_and_limits_never_cause_a_server_error(client, value, route):
    no_server_error(client, route.format(quote_from_bytes(value.encode(), safe="")))


@EXAMPLES
@given(route=st.sampled_from(SEARCH_ROUTES + FILTER_ROUTES), name=st.sampled_from(SEARCH_PARAMETERS),
       raw=st.binary(max_size=30))
def test_bytes_that_are_not_utf8_never_cause_a_server_error(client, route, name, raw):
    no_server_error(client, f"{route}?{name}={quote_from_bytes(raw, safe='')}")


@pytest.mark.parametrize("body", [{}, {"json": {}}, {"json": []}, {"content": b"\xff\xfe"},
                                  {"data": {"state": "x", "name": "x", "current_password": "x"}}])
def test_no_route_that_takes_a_body_answers_a_server_error(web_app, site, body):
    """Every POST and DELETE route, with an id, a department or a name in its path, and a body that is wrong."""
    fill = {"doc_id": str(site.ids["lettera"]), "job_id": "1", "department": "segreteria", "token_id": "0" * 12,
            "name": "nessuno"}
    with TestClient(web_app, headers=bearer(site, "carlo"), raise_server_exceptions=False) as client:
        for route in [*api.router.routes, *pages.router.routes]:
            for method in set(getattr(route, "methods", ())) & {"POST", "DELETE"}:
                url = route.path.format(**fill)
                answer = client.request(method, url, **body)
                assert answer.status_code < 500, f"{method} {url} -> {answer.status_code}: {answer.text[:300]}"
