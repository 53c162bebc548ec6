"""The Elasticsearch backend without a server: the bodies it sends, the answers it reads, its outbox.

The contract suite proves the behaviour against a real server when DEMAT_ES_URL
is set; these tests pin down what is sent, so a change shows even without one.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from demat.indexer.catalog import Catalog
from demat.indexer.search import SearchQuery, records
from demat.indexer.search.elasticsearch import (
    ElasticsearchBackend,
    SearchServerError,
    compile_text,
    document_body,
    index_body,
    read_page,
    search_body,
)
from demat.indexer.search.query import parse
from demat.kernel.errors import ConfigError, DematError
from test_search_contract import DOCUMENTS, archive_document

TEXT = ["title^3", "body"]


def test_mapping_rebuilds_the_italian_analyzer_with_accent_folding():
    body = index_body()
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["italian_folded"] == {
        "tokenizer": "standard",
        "filter": ["italian_elision", "lowercase", "asciifolding", "italian_stop", "italian_stemmer"]}
    assert analysis["filter"]["italian_stemmer"] == {"type": "stemmer", "language": "light_italian"}
    assert {"della", "il", "perche"} <= set(analysis["filter"]["italian_stop"]["stopwords"])
    assert {"l", "dell", "un"} <= set(analysis["filter"]["italian_elision"]["articles"])
    fields = body["mappings"]["properties"]
    assert fields["body"] == {"type": "text", "analyzer": "italian_folded"}
    assert {name for name, f in fields.items() if f["type"] == "keyword"} >= {
        "type", "department", "review_state", "supplier_name", "supplier_key", "supplier_vat"}
    assert fields["date"]["type"] == "date" and fields["total"] == {"type": "scaled_float", "scaling_factor": 100}


def test_document_body_carries_text_fields_and_filter_values(tmp_path):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    with catalog.transaction():
        invoice = archive_document(catalog, **DOCUMENTS["invoice"])
        letter = archive_document(catalog, **DOCUMENTS["letter"])
    found = records.load(catalog.conn, [invoice, letter])
    body = document_body(found[invoice])
    assert body["id"] == invoice and body["type"] == "fattura" and body["department"] == "amministrazione"
    assert "bonifico bancario" in body["body"] and "IT60X0542811101000000123456" in body["body"]
    assert (body["supplier_name"], body["supplier_key"], body["supplier_vat"]) == (
        "Enel Energia S.p.A.", "enel energia s.p.a.", "00934061003")
    assert (body["date"], body["total"], body["total_text"]) == ("2024-03-14", 1220.0, "1220.00")
    assert body["signature"] == records.signatures(catalog.conn, [invoice])[invoice]
    assert document_body(found[letter])["date"] == "2022-05-10"  # no document date: the day it was archived


def test_words_are_fuzzy_and_codes_are_not():
    assert compile_text(parse("fatlura")) == {"multi_match": {
        "query": "fatlura", "fields": TEXT, "operator": "and", "fuzziness": "AUTO", "max_expansions": 50}}
    assert compile_text(parse("IT60X0542811101000000123456"))["multi_match"]["fuzziness"] == 0
    assert compile_text(parse("12/2024")) == {"multi_match": {"query": "12/2024", "fields": TEXT, "type": "phrase"}}
    assert compile_text(parse("della")) is None


def test_boolean_tree_becomes_bool_queries():
    query = compile_text(parse('(trasporto OR consegna) NOT ritardata "nota di credito" forn*'))
    either, phrase, prefix = query["bool"]["must"]
    assert either["bool"]["must_not"] == [{"multi_match": {
        "query": "ritardata", "fields": TEXT, "operator": "and"}}]  # what NOT drops is taken as written
    should = either["bool"]["must"][0]["bool"]
    assert should["minimum_should_match"] == 1
    assert [c["multi_match"]["query"] for c in should["should"]] == ["trasporto", "consegna"]
    assert phrase == {"multi_match": {"query": "nota di credito", "fields": TEXT, "type": "phrase"}}
    assert prefix["bool"]["should"][0] == {"multi_match": {"query": "forn", "fields": TEXT, "type": "phrase_prefix"}}
    assert prefix["bool"]["should"][1]["query_string"]["query"] == "forn*"


def test_search_body_filters_sort_pages_facets_and_highlight():
    body = search_body(SearchQuery(
        text="", types=["fattura"], departments=["amministrazione", "acquisti"], supplier="IT00934061003",
        date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31), amount_min=Decimal("10.50"),
        amount_max=Decimal("99"), review_state="review", sort="relevance", page=3, page_size=20))
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert body["query"]["bool"]["filter"] == [
        {"terms": {"type": ["fattura"]}},
        {"terms": {"department": ["amministrazione", "acquisti"]}},
        {"term": {"supplier_vat": "00934061003"}},
        {"range": {"date": {"gte": "2024-01-01", "lte": "2024-12-31"}}},
        {"range": {"total": {"gte": 10.5, "lte": 99.0}}},
        {"term": {"review_state": "review"}}]
    assert (body["from_"], body["size"], body["track_total_hits"]) == (40, 20, True)
    assert body["sort"] == [{"date": {"order": "desc", "missing": "_last"}}, {"id": "desc"}]  # no words: by date
    assert body["aggs"]["supplier"] == {"terms": {"field": "supplier_name", "size": 20}}
    assert body["aggs"]["year"]["date_histogram"]["calendar_interval"] == "year"
    assert body["highlight"]["pre_tags"] == ["\x02"] and body["highlight"]["post_tags"] == ["\x03"]
    named = search_body(SearchQuery(text="fattura", supplier="Società_100%"))
    assert named["sort"] == ["_score", {"id": "asc"}]
    assert named["query"]["bool"]["filter"] == [{"wildcard": {"supplier_key": {"value": "*societa_100%*"}}}]
    assert "aggs" not in search_body(SearchQuery(text="fattura", facets=False))
    assert search_body(SearchQuery(text="della")) is None


def test_answer_becomes_a_search_page():
    response = {
        "hits": {"total": {"value": 41}, "hits": [{
            "_id": "7", "_source": {"id": 7, "title": "Fattura 101", "type": "fattura", "department": "amministrazione",
                                    "date": "2024-03-14", "supplier_name": "Enel", "total_text": "1220.00"},
            "highlight": {"body": ["Pagamento con \x02bonifico\x03 <b>bancario</b>"]}}]},
        "aggregations": {
            "type": {"buckets": [{"key": "fattura", "doc_count": 30}, {"key": "ddt", "doc_count": 11}]},
            "department": {"buckets": []}, "supplier": {"buckets": [{"key": "Enel", "doc_count": 41}]},
            "year": {"buckets": [{"key": 1704067200000, "key_as_string": "2024", "doc_count": 41}]}}}
    page = read_page(response, 0.0, facets=True)
    assert page.total == 41
    hit, = page.hits
    assert (hit.id, hit.date, hit.total) == (7, dt.date(2024, 3, 14), Decimal("1220.00"))
    assert hit.snippet == "Pagamento con [bonifico] <b>bancario</b>"
    assert hit.snippet_html == "Pagamento con <mark>bonifico</mark> &lt;b&gt;bancario&lt;/b&gt;"
    assert page.facets == {"type": {"fattura": 30, "ddt": 11}, "department": {}, "supplier": {"Enel": 41},
                           "year": {"2024": 41}}


@pytest.fixture
def outbox(tmp_path, monkeypatch):
    """A backend whose bulk requests are recorded instead of sent: (backend, sent batches)."""
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    backend = ElasticsearchBackend(catalog, "http://127.0.0.1:9", "demat-test")
    backend._es = object()  # never contacted: bulk is replaced below
    sent, refuse = [], set()

    def bulk(client, actions, **options):
        actions = list(actions)
        sent.append(actions)
        errors = [{a["_op_type"]: {"_id": str(a["_id"]), "status": 404 if a["_op_type"] == "delete" else 400}}
                  for a in actions if a["_op_type"] == "delete" or a["_id"] in refuse]
        return len(actions) - len(errors), errors

    monkeypatch.setattr("elasticsearch.helpers.bulk", bulk)
    return backend, sent, refuse


def pending(catalog):
    return catalog.conn.execute("SELECT doc_id, version FROM search_outbox ORDER BY doc_id").fetchall()


def test_outbox_is_written_in_the_catalog_transaction(outbox):
    backend, sent, _ = outbox
    catalog = backend.catalog
    with pytest.raises(RuntimeError), catalog.transaction():
        archive_document(catalog, "Fattura persa")
        backend.documents_changed([1])
        raise RuntimeError("crash before commit")
    assert pending(catalog) == [] and catalog.document_count() == 0
    with catalog.transaction():
        doc = archive_document(catalog, "Fattura 1")
        backend.documents_changed([doc])
        backend.documents_changed([doc])
    assert [tuple(r) for r in pending(catalog)] == [(doc, 2)]
    assert sent == []  # nothing leaves before flush


def test_flush_sends_index_and_delete_then_empties_the_outbox(outbox):
    backend, sent, _ = outbox
    catalog = backend.catalog
    with catalog.transaction():
        kept = archive_document(catalog, "Fattura 1", type="fattura")
        backend.documents_changed([kept, 999])  # 999 is not in the catalog: a delete
    backend.flush()
    batch, = sent
    assert [(a["_op_type"], a["_id"]) for a in batch] == [("index", kept), ("delete", 999)]
    assert batch[0]["_index"] == "demat-test" and batch[0]["_source"]["type"] == "fattura"
    assert pending(catalog) == []


def test_refused_documents_stay_in_the_outbox(outbox):
    backend, sent, refuse = outbox
    catalog = backend.catalog
    with catalog.transaction():
        ok, bad = archive_document(catalog, "Fattura 1"), archive_document(catalog, "Fattura 2")
        backend.documents_changed([ok, bad])
    refuse.add(bad)
    with pytest.raises(DematError, match="refused 1 of 2"):
        backend.flush()
    assert [r[0] for r in pending(catalog)] == [bad]


def test_a_change_queued_during_a_send_is_sent_again(outbox, monkeypatch):
    backend, sent, _ = outbox
    catalog = backend.catalog
    with catalog.transaction():
        doc = archive_document(catalog, "Fattura 1")
        backend.documents_changed([doc])
    real_send = backend._send

    def send_while_the_runner_edits(ids):
        result = real_send(ids)
        if len(sent) == 1:
            with catalog.transaction():
                backend.documents_changed([doc])  # changed again while the first copy was on its way
        return result

    monkeypatch.setattr(backend, "_send", send_while_the_runner_edits)
    backend.flush()
    assert [[a["_id"] for a in batch] for batch in sent] == [[doc], [doc]]
    assert pending(catalog) == []


def test_missing_url_and_unreachable_server_are_clear_errors(tmp_path):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    with pytest.raises(ConfigError, match="no server URL") as error:
        ElasticsearchBackend(catalog, "", "demat")
    assert "DEMAT_ES_URL" in error.value.action
    backend = ElasticsearchBackend(catalog, "http://127.0.0.1:9", "demat")
    with pytest.raises(SearchServerError, match="127.0.0.1:9"):
        backend.search(SearchQuery(text="fattura"))
