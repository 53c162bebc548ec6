"""The embedded search backend: SQLite FTS5 inside the catalog file.

The index is a few tables next to the catalog's own (tables.py): the stems
of each document in FTS5, the values that filters and facets read, and the
vocabulary. Because they live in the catalog file, `documents_changed`
writes them in the caller's transaction: catalog and index commit together,
and a crash leaves both as they were.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import time
import uuid
from collections.abc import Callable
from decimal import Decimal

import numpy as np

from demat.indexer.search import FACETS, SearchHit, SearchPage, SearchQuery, filters, fts, records, snippet, tables
from demat.indexer.search.analysis import keep, max_edits, stem, term, wordlike, words
from demat.indexer.search.columns import Columns
from demat.indexer.search.matches import MatchCache
from demat.indexer.search.query import And, Not, Or, Phrase, Prefix, Word, parse
from demat.indexer.search.vocabulary import Vocabulary

TITLE_WEIGHT = 3.0
BATCH = 500  # documents read from the catalog at a time
# bm25 costs a few microseconds per scored document: a broad query (40,000 matches) ranks only
# its most recently archived RANK_WINDOW matches (with or without filters), so its cost stays
# flat as the archive grows.
RANK_WINDOW = 1000


class SqliteBackend:
    def __init__(self, catalog):
        self.catalog = catalog
        tables.ensure(catalog)
        self.vocabulary = Vocabulary()
        self.columns = Columns()
        self.matches = MatchCache()

    # -- writing -------------------------------------------------------------
    def documents_changed(self, doc_ids: list[int]) -> None:
        with self.catalog.transaction() as conn:
            for i in range(0, len(doc_ids), BATCH):
                self._write(conn, list(dict.fromkeys(doc_ids[i:i + BATCH])))

    def _write(self, conn, ids: list[int], fresh: bool = False) -> None:
        """Index these documents; `fresh`: the index tables were just emptied, nothing to delete first."""
        if not fresh:
            marks = ",".join("?" * len(ids))
            conn.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", ids)
            conn.execute(f"DELETE FROM search_recent WHERE rowid IN ({marks})", ids)
            conn.execute(f"DELETE FROM search_docs WHERE doc_id IN ({marks})", ids)
        seq = int(conn.execute("INSERT INTO search_meta VALUES ('seq', 1) ON CONFLICT (key)"
                               " DO UPDATE SET value = value + 1 RETURNING value").fetchone()[0])
        found = records.load(conn, ids)
        conn.executemany("INSERT OR REPLACE INTO search_deleted VALUES (?, ?)",
                         [(i, seq) for i in ids if i not in found])
        analysed = [(rec, words(rec.title), words("\n".join([*rec.pages, rec.field_text, rec.meta_text])))
                    for rec in found.values()]
        vocabulary = set().union(*(title for _, title, _ in analysed), *(body for _, _, body in analysed))
        terms = {w: term(w) for w in vocabulary}  # once per distinct word of the batch
        index_term = terms.__getitem__
        fts_rows = [(rec.id, " ".join(filter(None, map(index_term, title))),
                     " ".join(filter(None, map(index_term, body)))) for rec, title, body in analysed]
        doc_rows = [(rec.id, rec.type, rec.department, rec.review_state, rec.supplier_name, rec.supplier_vat,
                     rec.date.isoformat() if rec.date else None, _cents(rec.total), rec.signature, seq)
                    for rec, _, _ in analysed]
        conn.executemany("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)", fts_rows)
        floor = tables.raise_recent_floor(conn, max(found, default=0))
        conn.executemany("INSERT INTO search_recent (rowid, title, body) VALUES (?, ?, ?)",
                         [row for row in fts_rows if row[0] >= floor])
        conn.executemany("INSERT INTO search_docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", doc_rows)
        conn.executemany("INSERT OR IGNORE INTO search_words (word, stem) VALUES (?, ?)",
                         [(w, t) for w, t in terms.items() if t and wordlike(w)])

    def flush(self) -> None:
        """Nothing to send: the index committed with the catalog."""

    def repair(self) -> int:
        """Index the documents missing or stale in the index, drop the ones no longer in the catalog."""
        conn = self.catalog.conn
        current = records.signatures(conn)
        indexed = dict(conn.execute("SELECT doc_id, signature FROM search_docs").fetchall())
        wrong = [i for i, sig in current.items() if indexed.get(i) != sig]
        extra = [i for i in indexed if i not in current]
        orphans = [r[0] for r in conn.execute(
            "SELECT rowid FROM search_fts WHERE rowid NOT IN (SELECT doc_id FROM search_docs)"
            " UNION SELECT rowid FROM search_recent WHERE rowid NOT IN (SELECT doc_id FROM search_docs)"
            " UNION SELECT rowid FROM search_fts WHERE rowid >= ? AND rowid NOT IN (SELECT rowid FROM search_recent)",
            (tables.recent_floor(conn),))]
        fix = sorted(set(wrong + extra + orphans))
        if fix:
            self.documents_changed(fix)
        return len(set(wrong + extra))

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> int:
        with self.catalog.transaction() as conn:
            conn.execute("DELETE FROM search_fts")
            conn.execute("DELETE FROM search_recent")
            conn.execute("DELETE FROM search_docs")
            conn.execute("DELETE FROM search_words")
            conn.execute("DELETE FROM search_deleted")
            conn.execute("INSERT OR REPLACE INTO search_meta VALUES ('generation', ?)", (uuid.uuid4().hex,))
            ids = records.all_ids(conn)
            tables.raise_recent_floor(conn, max(ids, default=0))  # before the writes: no churn in search_recent
            for i in range(0, len(ids), BATCH):
                self._write(conn, ids[i:i + BATCH], fresh=True)
                if progress:
                    progress(min(i + BATCH, len(ids)), len(ids))
            conn.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
            conn.execute("INSERT INTO search_recent (search_recent) VALUES ('optimize')")
        return len(ids)

    # -- reading -------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchPage:
        started = time.perf_counter()
        plan = filters.plan(query)
        conn = self.catalog.conn
        with _snapshot(conn):
            self.vocabulary.refresh(conn)
            self.columns.refresh(conn)
            compiled = _Compiler(self.vocabulary)
            tree = parse(query.text)
            match = compiled.node(tree) if tree is not None else None
            if tree is not None and match is None:  # only stop words: nothing can match
                return SearchPage(0, [], {name: {} for name in FACETS} if query.facets else {}, _ms(started))
            matched = self.columns.all_ids() if match is None else self._matching(conn, match)
            selected = self.columns.select(matched, plan)
            first = (query.page - 1) * query.page_size
            if match is not None and query.sort == "relevance":
                ids = self._ranked(conn, query, match, compiled.exact, matched, selected, first)
            else:
                ids = [int(i) for i in self.columns.newest_first(selected, first + query.page_size)[first:]]
            hits = self._hits(conn, ids, snippet.pattern(compiled.highlight, compiled.prefixes))
        facets = self.columns.facets(selected) if query.facets else {}
        return SearchPage(len(selected), hits, facets, _ms(started))

    def _ranked(self, conn, query: SearchQuery, match: fts.Expression, exact: fts.Expression, matched: np.ndarray,
                selected: np.ndarray, first: int) -> list[int]:
        """One page by bm25: the words as typed first, then what only their typo variants match.

        Ranking costs a bm25 per scored document, so each pass scores the newest
        RANK_WINDOW matches of its words (ids grow with archiving, so the newest
        are the highest ids), going further back only as far as the page needs
        documents that pass the filters. The typo variants are ranked only when
        the words as typed do not fill the page.
        """
        need = first + query.page_size
        allowed = selected if len(selected) < len(matched) else None  # None: every match passes the filters
        lowest = _start(matched, selected, need)
        ids = self._rank(conn, exact, lowest, need, allowed)  # usually enough
        if len(ids) == need or exact == match:
            return ids[first:]
        exact_matched = self._matching(conn, exact)
        exact_selected = np.intersect1d(exact_matched, selected, assume_unique=True)
        further = _start(exact_matched, exact_selected, need)
        if further < lowest:  # the words as typed are rarer than their variants: look further back for them
            ids = self._rank(conn, exact, further, need, allowed)
        if len(ids) < need:
            more = need - len(ids)
            variants = np.setdiff1d(matched, exact_matched, assume_unique=True)
            chosen = np.setdiff1d(selected, exact_selected, assume_unique=True)
            ids += self._rank(conn, fts.Without(match, exact), _start(variants, chosen, more), more, allowed)
        return ids[first:]

    def _rank(self, conn, match: fts.Expression, lowest: int, limit: int, allowed: np.ndarray | None) -> list[int]:
        """The LIMIT best matches from id LOWEST on that are ALLOWED (ascending; None: all).

        In the recent table when it holds every id from LOWEST on (tables.py).
        The filters come as the ids that pass them: FTS5 then reads no other
        table, where a join looked up every match (3 to 7 times slower).
        """
        table = "search_recent" if lowest >= tables.recent_floor(conn) else "search_fts"
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid >= ?"
        params: list = [str(match), lowest]
        if allowed is not None:
            candidates = allowed[np.searchsorted(allowed, lowest):]
            if not len(candidates):
                return []
            # `+rowid`: checked on each match; a plain IN would make FTS5 run the query once per id.
            sql += " AND +rowid IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(candidates.tolist()))
        sql += f" ORDER BY bm25({table}, {TITLE_WEIGHT}, 1.0), rowid LIMIT ?"
        return [r[0] for r in conn.execute(sql, [*params, limit])]

    def _matching(self, conn, match: fts.Expression) -> np.ndarray:
        """The ids of the documents an FTS5 expression matches, in ascending order."""
        # The index as this search's snapshot sees it (another thread's Columns may be newer).
        state = tuple(tuple(row) for row in conn.execute("SELECT key, value FROM search_meta ORDER BY key"))

        def phrase_ids(phrase: str) -> np.ndarray:
            return self.matches.get(state, phrase, lambda: _listed(conn, phrase))

        return fts.matching(match, phrase_ids)

    def _hits(self, conn, ids: list[int], regex) -> list[SearchHit]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {r["id"]: r for r in conn.execute(
            f"SELECT d.id, d.title, s.type, s.department, s.date, s.supplier_name, d.total"
            f" FROM documents d JOIN search_docs s ON s.doc_id = d.id WHERE d.id IN ({marks})", ids)}
        pages: dict[int, list[str]] = {i: [] for i in ids}
        for doc_id, text in conn.execute(
                f"SELECT document_id, text FROM pages WHERE document_id IN ({marks}) ORDER BY number", ids):
            pages[doc_id].append(text)
        return [SearchHit(id=i, title=rows[i]["title"], type=rows[i]["type"], department=rows[i]["department"],
                          date=dt.date.fromisoformat(rows[i]["date"]) if rows[i]["date"] else None,
                          supplier_name=rows[i]["supplier_name"], total=records.amount(rows[i]["total"]),
                          snippet_parts=snippet.make(pages[i] or [rows[i]["title"]], regex))
                for i in ids if i in rows]


class _Compiler:
    """Turns a query tree into an FTS5 expression (fts.py's tree) over the stems, with typo variants.

    `exact` is the same expression without the typo variants (for ranking);
    `highlight` and `prefixes` are the folded words to mark in snippets.
    """

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self.highlight: set[str] = set()
        self.prefixes: set[str] = set()
        self.exact: fts.Expression | None = None

    def node(self, tree) -> fts.Expression | None:
        fuzzy = self._compile(tree, fuzzy=True, positive=True)
        self.exact = self._compile(tree, fuzzy=False, positive=False)
        return fuzzy

    def _compile(self, node, fuzzy: bool, positive: bool) -> fts.Expression | None:
        if isinstance(node, Word):
            return self._word(node.text, fuzzy, positive)
        if isinstance(node, Phrase):
            kept = [w for w in words(node.text) if keep(w)]
            if positive:
                self._mark(kept)
            return fts.Phrase(f'"{" ".join(stem(w) for w in kept)}"') if kept else None
        if isinstance(node, Prefix):
            folded = words(node.text)
            if not folded:
                return None
            head, last = folded[:-1], folded[-1]
            if positive:
                self._mark(head)
                self.prefixes.add(last)
            lead = " ".join(stem(w) for w in head if keep(w))
            options = sorted({last, stem(last)})
            return fts.AnyOf(tuple(fts.Phrase(f'"{(lead + " " + o).strip()}"*') for o in options))
        if isinstance(node, (And, Or)):
            parts = tuple(p for p in (self._compile(n, fuzzy, positive) for n in node.parts) if p)
            return (fts.AllOf if isinstance(node, And) else fts.AnyOf)(parts) if parts else None
        if isinstance(node, Not):
            keep_part = self._compile(node.keep, fuzzy, positive)
            drop_part = self._compile(node.drop, False, False)
            if keep_part is None or drop_part is None:
                return keep_part
            return fts.Without(keep_part, drop_part)
        raise TypeError(node)

    def _word(self, text: str, fuzzy: bool, positive: bool) -> fts.Expression | None:
        kept = [w for w in words(text) if keep(w)]
        if not kept:
            return None
        if len(kept) > 1:  # 12/2024, dell'IVA, 1.234,56: the pieces in order
            if positive:
                self._mark(kept)
            return fts.Phrase(f'"{" ".join(stem(w) for w in kept)}"')
        word = kept[0]
        stems = {stem(word)}
        if fuzzy:
            stems.update(self.vocabulary.stem_of[w] for w in self.vocabulary.similar(word, max_edits(word)))
        if positive:
            self._mark([word])
            for s in stems:
                self.highlight.update(self.vocabulary.forms(s))
        return fts.AnyOf(tuple(fts.Phrase(f'"{s}"') for s in sorted(stems)))

    def _mark(self, folded: list[str]) -> None:
        for word in folded:
            self.highlight.add(word)
            self.highlight.update(self.vocabulary.forms(stem(word)))


def _listed(conn, phrase: str) -> np.ndarray:
    """The ids one FTS5 phrase matches, ascending: one string from SQLite, parsed by numpy."""
    text = conn.execute("SELECT group_concat(rowid, ' ') FROM search_fts WHERE search_fts MATCH ?",
                        (phrase,)).fetchone()[0]
    return np.fromstring(text or "", dtype=np.int64, sep=" ")


def _start(matches: np.ndarray, selected: np.ndarray, need: int) -> int:
    """Where ranking starts: the newest RANK_WINDOW MATCHES, or further back to have NEED of SELECTED.

    Both in ascending order; SELECTED are the matches that pass the filters.
    """
    return min(_lowest_id(matches, RANK_WINDOW), _lowest_id(selected, need))


def _lowest_id(ids: np.ndarray, count: int) -> int:
    """The smallest of the `count` highest ids (ascending `ids`): the lowest of all when there are fewer."""
    return int(ids[max(0, len(ids) - count)]) if len(ids) else 0


def _cents(amount: Decimal | None) -> int | None:
    """The amount in cents; None (no amount filter) when an int64 column cannot hold it."""
    if amount is None or not amount.is_finite():
        return None
    cents = int((amount * 100).to_integral_value())
    return cents if abs(cents) < 2 ** 63 - 1 else None


@contextlib.contextmanager
def _snapshot(conn):
    """One read transaction, so the count, the facets and the hits see the same commit."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("COMMIT")


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
