"""Search over the archive, behind one interface with three engines.

`open_search(config, catalog)` gives the backend named by `config.search.backend`:
"sqlite" (default) keeps an FTS5 index inside the catalog file, so catalog and
index commit in the same transaction; "postgresql" (an index several machines
share) and "elasticsearch" (for the largest archives) receive the documents
through an outbox table (outbox.py). All read the same query syntax (see
`query.py`) and answer with the same `SearchPage`.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from demat.kernel.config import Config

FACETS = ("type", "department", "supplier", "year")
FACET_SIZE = 20  # values per facet, most frequent first (years: all)


@dataclass
class SearchQuery:
    text: str = ""
    types: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    supplier: str = ""  # a name (or part of it) or a P.IVA
    date_from: dt.date | None = None  # document date, else the day it was archived
    date_to: dt.date | None = None
    amount_min: Decimal | None = None  # on the document total
    amount_max: Decimal | None = None
    review_state: str | None = None  # auto, review, confirmed
    sort: str = "relevance"  # or "date" (newest first)
    page: int = 1
    page_size: int = 20
    facets: bool = True


@dataclass
class SearchHit:
    id: int
    title: str
    type: str | None
    department: str | None
    date: dt.date | None
    supplier_name: str | None
    total: Decimal | None
    # The snippet as (text, is_match) pieces, so any front end can mark the matches safely.
    snippet_parts: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def snippet(self) -> str:
        """Plain text with the matched words in [brackets]."""
        return "".join(f"[{text}]" if hit else text for text, hit in self.snippet_parts)

    @property
    def snippet_html(self) -> str:
        """HTML-escaped text with the matched words in <mark>."""
        return "".join(f"<mark>{html.escape(text)}</mark>" if hit else html.escape(text)
                       for text, hit in self.snippet_parts)


@dataclass
class SearchPage:
    total: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]]
    took_ms: float
    estimated: bool = False  # the total and the facet counts are estimated from a sample (too many matches)


class SearchBackend(Protocol):
    def documents_changed(self, doc_ids: list[int]) -> None:
        """Called inside the catalog transaction that wrote or deleted these documents."""

    def flush(self) -> None:
        """After the commit: send what documents_changed queued (a no-op when embedded)."""

    def repair(self) -> int:
        """Make the index agree with the catalog; how many documents were fixed."""

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild the whole index from the catalog; how many documents were indexed."""

    def search(self, query: SearchQuery) -> SearchPage:
        """The page of hits asked for, with the total and the facets."""


def open_search(config: Config, catalog) -> SearchBackend:
    """The backend named in the settings, ready to use."""
    if config.search.backend == "elasticsearch":
        from demat.indexer.search.elasticsearch import ElasticsearchBackend
        return ElasticsearchBackend(catalog, config.search.elasticsearch_url, config.search.elasticsearch_index)
    if config.search.backend == "postgresql":
        from demat.indexer.search.postgres import PostgresBackend
        return PostgresBackend(catalog, config.search.postgresql_url)
    from demat.indexer.search.sqlite import SqliteBackend
    return SqliteBackend(catalog)
