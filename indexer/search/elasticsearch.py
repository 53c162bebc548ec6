"""The Elasticsearch backend, for archives too large for one file.

Documents reach the server through the catalog's outbox (outbox.py), one bulk
request per batch. The query tree is compiled to Elasticsearch's query DSL; the request
bodies are built by plain functions so they can be checked without a server.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import time
from collections.abc import Iterator
from decimal import Decimal

from demat.indexer.search import FACET_SIZE, FACETS, SearchHit, SearchPage, SearchQuery, filters, records
from demat.indexer.search.analysis import STOP_WORDS, fold, keep, max_edits, words
from demat.indexer.search.outbox import OutboxBackend, SearchServerError
from demat.indexer.search.query import And, Not, Or, Phrase, Prefix, Word, parse
from demat.kernel.errors import N_, ConfigError

TEXT_FIELDS = ["title^3", "body"]
MARK_START, MARK_END = "\x02", "\x03"  # highlight tags no document text contains
SNIPPET_CHARS = 220


def index_body() -> dict:
    """Settings and mappings: Elasticsearch's `italian` analyzer rebuilt with accent folding."""
    return {
        "settings": {
            "number_of_shards": 1,
            "analysis": {
                "filter": {
                    "italian_elision": {"type": "elision", "articles_case": True, "articles": [
                        "c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl",
                        "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d"]},
                    "italian_stop": {"type": "stop", "stopwords": sorted(STOP_WORDS)},
                    "italian_stemmer": {"type": "stemmer", "language": "light_italian"},
                },
                "analyzer": {
                    "italian_folded": {
                        "tokenizer": "standard",
                        "filter": ["italian_elision", "lowercase", "asciifolding", "italian_stop", "italian_stemmer"],
                    },
                },
            },
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": {"type": "long"},
                "title": {"type": "text", "analyzer": "italian_folded"},
                "body": {"type": "text", "analyzer": "italian_folded"},
                "type": {"type": "keyword"},
                "department": {"type": "keyword"},
                "review_state": {"type": "keyword"},
                "supplier_name": {"type": "keyword"},
                "supplier_key": {"type": "keyword"},
                "supplier_vat": {"type": "keyword"},
                "date": {"type": "date", "format": "strict_date"},
                "total": {"type": "scaled_float", "scaling_factor": 100},
                "total_text": {"type": "keyword", "index": False},
                "signature": {"type": "keyword", "index": False},
            },
        },
    }


def document_body(rec: records.IndexRecord) -> dict:
    """The _source of one document."""
    return {
        "id": rec.id,
        "title": rec.title,
        "body": "\n".join([*rec.pages, rec.field_text, rec.meta_text]),
        "type": rec.type,
        "department": rec.department,
        "review_state": rec.review_state,
        "supplier_name": rec.supplier_name,
        "supplier_key": fold(rec.supplier_name or ""),
        "supplier_vat": rec.supplier_vat,
        "date": rec.date.isoformat() if rec.date else None,
        "total": float(rec.total) if rec.total is not None else None,
        "total_text": str(rec.total) if rec.total is not None else None,
        "signature": rec.signature,
    }


def compile_text(node) -> dict | None:
    """The query DSL for a query tree; None when it holds only stop words."""
    if isinstance(node, Word):
        kept = [w for w in words(node.text) if keep(w)]
        if not kept:
            return None
        if len(kept) > 1:
            return {"multi_match": {"query": node.text, "fields": TEXT_FIELDS, "type": "phrase"}}
        return {"multi_match": {"query": node.text, "fields": TEXT_FIELDS, "operator": "and",
                                "fuzziness": "AUTO" if max_edits(kept[0]) else 0, "max_expansions": 50}}
    if isinstance(node, Phrase):
        if not any(keep(w) for w in words(node.text)):
            return None
        return {"multi_match": {"query": node.text, "fields": TEXT_FIELDS, "type": "phrase"}}
    if isinstance(node, Prefix):
        if not words(node.text):
            return None
        return {"bool": {"should": [
            {"multi_match": {"query": node.text, "fields": TEXT_FIELDS, "type": "phrase_prefix"}},
            {"query_string": {"query": _escape(fold(node.text)) + "*", "fields": TEXT_FIELDS,
                              "analyze_wildcard": True}},
        ], "minimum_should_match": 1}}
    if isinstance(node, (And, Or)):
        parts = [p for p in map(compile_text, node.parts) if p]
        if not parts:
            return None
        if isinstance(node, And):
            return {"bool": {"must": parts}}
        return {"bool": {"should": parts, "minimum_should_match": 1}}
    if isinstance(node, Not):
        keep_part, drop_part = compile_text(node.keep), _exact(compile_text(node.drop))
        if keep_part is None or drop_part is None:
            return keep_part
        return {"bool": {"must": [keep_part], "must_not": [drop_part]}}
    raise TypeError(node)


def _exact(clause):
    """The same clause without typo variants (what NOT excludes must be what was written)."""
    if isinstance(clause, dict):
        return {k: _exact(v) for k, v in clause.items() if k not in ("fuzziness", "max_expansions")}
    if isinstance(clause, list):
        return [_exact(v) for v in clause]
    return clause


def _escape(text: str) -> str:
    special = set('+-=&|><!(){}[]^"~*?:\\/ ')
    return "".join("\\" + c if c in special else c for c in text)


def compile_filters(plan: filters.Plan) -> list[dict]:
    clauses: list[dict] = []
    if plan.types:
        clauses.append({"terms": {"type": list(plan.types)}})
    if plan.departments:
        clauses.append({"terms": {"department": list(plan.departments)}})
    if plan.supplier and plan.supplier.vat:
        clauses.append({"term": {"supplier_vat": plan.supplier.vat}})
    elif plan.supplier:
        key = plan.supplier.name.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?")
        clauses.append({"wildcard": {"supplier_key": {"value": f"*{key}*"}}})
    dates = {k: d.isoformat() for k, d in (("gte", plan.date_from), ("lte", plan.date_to)) if d}
    if dates:
        clauses.append({"range": {"date": dates}})
    amounts = {k: float(a) for k, a in (("gte", plan.amount_min), ("lte", plan.amount_max)) if a is not None}
    if amounts:
        clauses.append({"range": {"total": amounts}})
    if plan.review_state:
        clauses.append({"term": {"review_state": plan.review_state}})
    return clauses


def search_body(query: SearchQuery) -> dict | None:
    """The keyword arguments of `Elasticsearch.search` for a query; None when nothing can match."""
    plan = filters.plan(query)
    tree = parse(query.text)
    text = compile_text(tree) if tree is not None else None
    if tree is not None and text is None:
        return None
    body: dict = {
        "query": {"bool": {"must": [text or {"match_all": {}}], "filter": compile_filters(plan)}},
        "from_": (query.page - 1) * query.page_size,
        "size": query.page_size,
        "track_total_hits": True,
        "sort": (["_score", {"id": "asc"}] if text and query.sort == "relevance"
                 else [{"date": {"order": "desc", "missing": "_last"}}, {"id": "desc"}]),
        "source_excludes": ["body"],
        "highlight": {
            "pre_tags": [MARK_START], "post_tags": [MARK_END], "encoder": "default",
            "fields": {"body": {"fragment_size": SNIPPET_CHARS, "number_of_fragments": 1,
                                "no_match_size": SNIPPET_CHARS}},
        },
    }
    if query.facets:
        body["aggs"] = {
            "type": {"terms": {"field": "type", "size": FACET_SIZE}},
            "department": {"terms": {"field": "department", "size": FACET_SIZE}},
            "supplier": {"terms": {"field": "supplier_name", "size": FACET_SIZE}},
            "year": {"date_histogram": {"field": "date", "calendar_interval": "year", "format": "yyyy",
                                        "min_doc_count": 1, "order": {"_key": "desc"}}},
        }
    return body


def read_page(response: dict, started: float, facets: bool) -> SearchPage:
    """A SearchPage from Elasticsearch's answer."""
    hits = []
    for hit in response["hits"]["hits"]:
        src = hit["_source"]
        fragment = (hit.get("highlight", {}).get("body") or [""])[0]
        hits.append(SearchHit(
            id=src["id"], title=src["title"], type=src.get("type"), department=src.get("department"),
            date=dt.date.fromisoformat(src["date"]) if src.get("date") else None,
            supplier_name=src.get("supplier_name"),
            total=Decimal(src["total_text"]) if src.get("total_text") else None,
            snippet_parts=_pieces(fragment)))
    found = {}
    if facets:
        aggs = response.get("aggregations", {})
        for name in FACETS:
            buckets = aggs.get(name, {}).get("buckets", [])
            found[name] = {b.get("key_as_string", b["key"]): b["doc_count"] for b in buckets}
    return SearchPage(response["hits"]["total"]["value"], hits, found,
                      round((time.perf_counter() - started) * 1000, 2))


def _pieces(fragment: str) -> list[tuple[str, bool]]:
    pieces = []
    for i, chunk in enumerate(fragment.split(MARK_START)):
        marked, _, rest = chunk.partition(MARK_END) if i else ("", "", chunk)
        pieces += [(marked, True)] if marked else []
        pieces += [(re.sub(r"\s+", " ", rest), False)] if rest else []
    return pieces


class ElasticsearchBackend(OutboxBackend):
    server = "Elasticsearch"

    def __init__(self, catalog, url: str, index: str):
        if not url:
            raise ConfigError(N_("search.backend is elasticsearch but no server URL is set"),
                              N_("Set DEMAT_ES_URL, or search.elasticsearch_url in demat.toml."))
        super().__init__(catalog)
        self.url, self.index = url, index
        self._es = None

    @property
    def es(self):
        if self._es is None:
            from elasticsearch import Elasticsearch
            client = Elasticsearch(self.url, request_timeout=30)
            with self._server():
                if not client.indices.exists(index=self.index):
                    client.indices.create(index=self.index, **index_body())
            self._es = client
        return self._es

    @contextlib.contextmanager
    def _server(self) -> Iterator[None]:
        """Turn the client's errors into one that says which server and what to do."""
        from elasticsearch import ApiError, TransportError
        try:
            yield
        except (ApiError, TransportError) as exc:
            raise SearchServerError(N_("Elasticsearch at %(url)s (index %(index)s): %(problem)s"), url=self.url,
                                    index=self.index, problem=exc) from exc

    def _send(self, ids: list[int]) -> set[int]:
        from elasticsearch import helpers
        found = records.load(self.catalog.conn, ids)
        actions = [{"_op_type": "index", "_index": self.index, "_id": i, "_source": document_body(found[i])}
                   if i in found else {"_op_type": "delete", "_index": self.index, "_id": i} for i in ids]
        with self._server():
            _, errors = helpers.bulk(self.es, actions, raise_on_error=False, refresh="wait_for")
        failed = set()
        for error in errors:
            (op, item), = error.items()
            if not (op == "delete" and item.get("status") == 404):
                failed.add(int(item["_id"]))
        return set(ids) - failed

    def _indexed_signatures(self) -> dict[int, str | None]:
        from elasticsearch import helpers
        with self._server():
            return {int(h["_id"]): h["_source"].get("signature") for h in helpers.scan(
                self.es, index=self.index, query={"query": {"match_all": {}}, "_source": ["signature"]})}

    def _recreate(self) -> None:
        es = self.es
        with self._server():
            es.indices.delete(index=self.index, ignore_unavailable=True)
            es.indices.create(index=self.index, **index_body())

    def search(self, query: SearchQuery) -> SearchPage:
        started = time.perf_counter()
        body = search_body(query)
        if body is None:
            return SearchPage(0, [], {name: {} for name in FACETS} if query.facets else {}, 0.0)
        with self._server():
            response = self.es.search(index=self.index, **body).body
        return read_page(response, started, query.facets)
