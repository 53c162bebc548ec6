"""The PostgreSQL backend: a search index that several machines share.

PostgreSQL's own full-text search does the work: the `italian` configuration
(Snowball stemmer and stop words) with `unaccent` in front for accents, a GIN
index over the terms, `pg_trgm` to find the indexed words one or two letters
from a misread one (checked with `fuzzystrmatch`'s Levenshtein), `ts_rank`
with the title weighted among the newest RANK_WINDOW matches (found in the
newest blocks of ids), and GROUPING SETS for the facets, counted on a sample of
the documents past EXACT_LIMIT matches (the coarser the broader the match; the
page then says they are estimated), so that no search reads every row of a
broad match; the snippets are cut in Python as the embedded backend cuts them
(snippet.py), around the words that the query's stems and typo variants
match; a phrase takes as candidates the documents holding all of its word pairs (`pairs`, below). Documents
come from the catalog through the outbox (outbox.py), as for
Elasticsearch, also when the catalog lives in the same database. Each thread has
its own connection (the web server searches from several).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from demat.indexer.search import FACET_SIZE, FACETS, SearchHit, SearchPage, SearchQuery, filters, records, snippet
from demat.indexer.search.analysis import fold, keep, max_edits, term, wordlike, words
from demat.indexer.search.outbox import OutboxBackend, SearchServerError
from demat.indexer.search.query import And, Not, Or, Phrase, Prefix, Word, parse
from demat.indexer.search.vocabulary import MAX_EXPANSIONS
from demat.kernel.errors import N_, ConfigError

CONFIG = "demat_italian"
log = logging.getLogger("demat.search")
# The GIN index holds no word positions: a phrase whose words are in many documents but seldom side by side had
# each of them read to check (`"informazioni contattare amministrativo"` at 100k: 65,071 rows for none, 0.2 to 0.45
# s). So each document also keeps, in `pairs` with a GIN index of its own, a hash of each of its words with each of
# the next up to PAIR_GAP positions on and their distance (a stop word leaves a gap), and a phrase's candidates are
# the documents holding all of its pairs; their positions are still checked (as Elasticsearch's `index_phrases`).
# 16 bits of an md5 (the same on every server; a collision only adds a candidate): about 160 pairs, 320 bytes a
# document at 100k. In the terms, they would have doubled what ranking and every check read; beside them, a row
# passes the 2 kB where PostgreSQL would move the terms out of line, hence `toast_tuple_target`.
PAIR_GAP = 2
SCHEMA = f"""
SELECT pg_advisory_xact_lock(4711);  -- one process at a time creates what is missing
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.italian);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG}
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, italian_stem;
    END IF;
END $$;
CREATE TABLE IF NOT EXISTS search_docs (
    doc_id bigint PRIMARY KEY,
    title text NOT NULL,
    -- title (weight A) and pages, fields, names (D), the sample, block and filter marks; lz4: ranking reads the
    -- terms of a thousand rows, and pglz took longer to unpack them than ts_rank to score them
    terms tsvector COMPRESSION lz4 NOT NULL,
    type text,
    department text,
    review_state text,
    supplier_name text,
    supplier_key text,              -- the name folded, for "contains" filters
    supplier_vat text,
    date date,                      -- document date, else the day it was archived
    total numeric,
    signature text NOT NULL,
    pairs int2[] NOT NULL  -- the hashes of its words' pairs (see PAIR_GAP); no default: see MIGRATIONS
) WITH (toast_tuple_target = 4080);
-- The pages' text, read for the snippets of one page of hits, apart: a search visits the rows of all
-- its matches, and they are a third smaller without it.
CREATE TABLE IF NOT EXISTS search_pages (
    doc_id bigint PRIMARY KEY REFERENCES search_docs ON DELETE CASCADE,
    pages text NOT NULL
);
CREATE INDEX IF NOT EXISTS search_docs_terms ON search_docs USING gin (terms);
CREATE TABLE IF NOT EXISTS search_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE INDEX IF NOT EXISTS search_docs_newest ON search_docs (date DESC NULLS LAST, doc_id DESC);
-- The filter without marks in the terms, for the planner to combine with the terms' index: the amount.
CREATE INDEX IF NOT EXISTS search_docs_total ON search_docs (total);
-- Every indexed word (folded) with its stem: the words a typo away, the forms a snippet highlights.
CREATE TABLE IF NOT EXISTS search_words (word text PRIMARY KEY, stem text NOT NULL);
CREATE INDEX IF NOT EXISTS search_words_trigrams ON search_words USING gin (word gin_trgm_ops);
CREATE INDEX IF NOT EXISTS search_words_stem ON search_words (stem);
CREATE OR REPLACE FUNCTION search_word_pairs(terms tsvector) RETURNS int2[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT coalesce(array_agg(DISTINCT (('x' || left(md5(lexeme || ' ' || next || ' ' || (next_place - place)), 4))::bit(16)
                                        ::int - 32768)::int2), '{{}}')
    FROM (SELECT lexeme, place, lead(lexeme) OVER w AS next1, lead(place) OVER w AS place1,
                 lead(lexeme, 2) OVER w AS next2, lead(place, 2) OVER w AS place2
          FROM unnest(terms) u, unnest(u.positions) place WINDOW w AS (ORDER BY place)) positioned,
         LATERAL (VALUES (next1, place1), (next2, place2)) following(next, next_place)
    WHERE next_place - place BETWEEN 1 AND {PAIR_GAP}
$$;
"""
# Each document's terms also carry a mark for each of its filter values (type, department, review state, P.IVA,
# year), which no word can index to, so that the GIN index alone finds what a filter keeps and a filtered search
# visits only the rows it keeps, not every row of its words checked column by column.
FILTER_MARKS = {"type": "§t", "department": "§d", "review_state": "§r", "supplier_vat": "§v", "year": "§y"}
# A part of a supplier's name is found inside the folded name, so the terms carry a mark for each three letters of
# it (its trigrams) that are ASCII letters or digits (the others, with a space or a sign, would make a row a tenth
# wider for little): a name part's trigrams of those, all needed, keep in the GIN index a superset of the names
# holding it, which the column filter then checks. In a trigram index of its own, the planner combined it with a broad word's
# bitmap: 47,000 rows of `pagamento` read from the terms' index to keep the 1,073 of "ferrara" (40 ms a pass at
# 100k on the busy machine); in the terms, the GIN index skips from one name's row to the next.
NAME_MARK = "§n"
TRIGRAM = "[a-z0-9]{3}"  # a regular expression for Python and PostgreSQL alike: they class other letters apart
VERSION = 4  # of the index's layout, kept in search_meta: 2 added the filter marks and lz4, 3 the name's trigrams,
#             4 the word pairs


def _filter_marks(value) -> str:
    """SQL for the tsvector of a document's filter marks; VALUE(column) is the SQL of that column's value."""
    values = {name: value(name) for name in FILTER_MARKS if name != "year"}
    values["year"] = f"extract(year FROM {value('date')})::int"
    key = value("supplier_key")
    return ("array_to_tsvector(array_remove(ARRAY["
            + ", ".join(f"'{FILTER_MARKS[name]}' || {sql}" for name, sql in values.items()) + "], NULL))"
            + f" || array_to_tsvector(ARRAY(SELECT '{NAME_MARK}' || substr({key}, i, 3)"
              f" FROM generate_series(1, length({key}) - 2) i WHERE substr({key}, i, 3) ~ '^{TRIGRAM}$'))")


def _trigrams(text: str) -> list[str]:
    """The marks of the three letters at each place of TEXT that are TRIGRAM's, as _filter_marks writes them."""
    return sorted({NAME_MARK + text[i:i + 3] for i in range(len(text) - 2) if re.fullmatch(TRIGRAM, text[i:i + 3])})


UPSERT = f"""
INSERT INTO search_docs (doc_id, title, terms, type, department, review_state, supplier_name, supplier_key,
                         supplier_vat, date, total, signature, pairs)
SELECT %(id)s, %(title)s,
    words || %(marks)s::tsvector || {_filter_marks(lambda name: f"%({name})s::{'date' if name == 'date' else 'text'}")},
    %(type)s, %(department)s, %(review_state)s, %(supplier_name)s, %(supplier_key)s, %(supplier_vat)s,
    %(date)s, %(total)s, %(signature)s, search_word_pairs(words)
FROM (SELECT setweight(to_tsvector('{CONFIG}', %(title)s), 'A') || setweight(to_tsvector('{CONFIG}', %(body)s), 'D')
             AS words) analysed
ON CONFLICT (doc_id) DO UPDATE SET
    title = EXCLUDED.title, terms = EXCLUDED.terms, type = EXCLUDED.type,
    department = EXCLUDED.department, review_state = EXCLUDED.review_state,
    supplier_name = EXCLUDED.supplier_name, supplier_key = EXCLUDED.supplier_key,
    supplier_vat = EXCLUDED.supplier_vat, date = EXCLUDED.date, total = EXCLUDED.total,
    signature = EXCLUDED.signature, pairs = EXCLUDED.pairs
"""
# An index of an older layout, brought up to VERSION in place, each version's step in turn. 3: the marks are made
# from the columns the rows hold (adding a mark a row has is a no-op; the terms rewritten are packed with lz4), and
# the indexes the marks replace go. 4: the word pairs, from the terms' positions; the column keeps no default, so
# that an older demat still writing to the index fails instead of leaving a document's pairs empty or stale (its
# phrases would no longer be found).
MIGRATIONS = {
    3: f"""
ALTER TABLE search_docs ALTER COLUMN terms SET COMPRESSION lz4;
UPDATE search_docs SET terms = terms || {_filter_marks(lambda name: name)};
DROP INDEX IF EXISTS search_docs_vat, search_docs_review, search_docs_supplier
""",
    4: """
ALTER TABLE search_docs ADD COLUMN IF NOT EXISTS pairs int2[] NOT NULL DEFAULT '{}';
ALTER TABLE search_docs SET (toast_tuple_target = 4080);
UPDATE search_docs SET pairs = search_word_pairs(terms);
ALTER TABLE search_docs ALTER COLUMN pairs DROP DEFAULT;
CREATE INDEX IF NOT EXISTS search_docs_pairs ON search_docs USING gin (pairs)
""",
}
UPSERT_PAGES = ("INSERT INTO search_pages VALUES (%(id)s, %(pages)s)"
                " ON CONFLICT (doc_id) DO UPDATE SET pages = EXCLUDED.pages")
MAX_TEXT = 1_000_000  # characters of a document indexed: a tsvector holds at most 1 MB
# The words within two letters of a misread one share few trigrams (fattura, fqtlura: 0.23),
# so the trigram index is asked for a wide net and Levenshtein keeps what is near enough.
TRIGRAM_THRESHOLD = 0.1
TITLE_WEIGHTS = "{0.33, 0.33, 0.33, 1.0}"  # D, C, B, A: a word in the title counts three times
# ts_rank reads each match's terms: a broad query ranks its newest RANK_WINDOW matches, as in SQLite.
RANK_WINDOW = 1000
WALK_COST = 3  # a row read walking an index in order, against one visited in table order (EXPLAIN at 100k)
# JIT compiles a plan whose cost passes jit_above_cost: at 100,000 documents a broad query's facets pass it,
# and compiling took 0.5 to 1 s where running takes milliseconds. deploy/README.md sets it off server-wide too.
# A search goes through the indexes, always: a scan of the table would read every document's terms, which the
# planner does not count (each filter without a mark has an index of its own). The driver prepares a statement
# met five times, and the server may then plan it once for any words: each search is planned for its own
# (a generic plan takes a rare word's way for a broad one). No parallel workers: starting them took 50 ms on a
# busy server, more than a search's whole work, and a Gather starts them even above a branch its one-time
# filter leaves out (EXPLAIN ANALYZE of `fattura` at 100k: 53 ms for no row).
SESSION = (f"SET pg_trgm.similarity_threshold = {TRIGRAM_THRESHOLD}; SET jit = off; SET enable_seqscan = off;"
           " SET plan_cache_mode = force_custom_plan; SET max_parallel_workers_per_gather = 0")
STEM = "coalesce((ts_lexize('italian_stem', w))[1], w)"  # of a folded word w, as the configuration stems it
PAGE_BREAK = "\f"  # between the pages of search_pages.pages
# Counting and faceting read every match's row: 46,000 rows for `fattura` at 100,000 documents, 10 µs each on a
# busy server. A sample (the documents whose id SAMPLES[i] divides) has a GIN index of its own, partial, so that
# the matches of words in it are found in posting lists a sample's length: through the sample's mark in the terms,
# which no word can index to, the GIN index stepped through the whole sample's list beside the words' (`bolletta
# OR estratto` at 100k, the sixteenth: 9 to 12 ms against 3 to 4 through its own index). A search without words
# nor filter marks still finds a sample through its mark. The coarsest sample holding more than EXACT_LIMIT / SAMPLES[-1] matches
# gives the total and the facets, scaled up, and the page says they are estimated: past 2,000 matches the
# sixteenth, past about 16,000 the 128th (about 125 rows read, not 2,900).
SAMPLES = (128, 16)  # coarsest first; each divides the one before, so the coarse sample is within the fine one
EXACT_LIMIT = 2000
# Each document's terms also carry the mark of its block of BLOCK ids, so that the GIN index alone finds the
# matches among the newest ids (see _newest_blocks).
BLOCK = 4096
BLOCK_MARK = "§b"
SAMPLE_MARK = "§"


def _in_sample(share: int) -> str:
    """SQL: whether a row is in the sample of one in SHARE, written as its partial index's predicate (the
    planner takes the index only for a condition written the same)."""
    return f"mod(doc_id, {share}) = 0"


def _sample_indexes() -> str:
    """SQL that makes each sample's partial GIN index (at 100k, 3 MB and 4 s for both)."""
    return "".join(f"CREATE INDEX IF NOT EXISTS search_docs_sample_{share} ON search_docs USING gin (terms)"
                   f" WHERE {_in_sample(share)};" for share in SAMPLES)


class PostgresBackend(OutboxBackend):
    server = "PostgreSQL"

    def __init__(self, catalog, url: str):
        if not url:
            raise ConfigError(N_("search.backend is postgresql but no server URL is set"),
                              N_("Set DEMAT_PG_URL, or search.postgresql_url in demat.toml "
                                 "(postgresql://user:password@host/database)."))
        super().__init__(catalog)
        self.url = url
        self._local = threading.local()
        self._opened: list = []  # every thread's connection, for close()
        self._schema_ready = False

    @property
    def conn(self):
        """This thread's connection, opened (and the schema made) on first use."""
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.closed:
            import psycopg
            with self._server():
                conn = psycopg.connect(self.url, autocommit=True)
                conn.execute(SESSION)
                if not self._schema_ready:
                    with conn.transaction():
                        conn.execute(SCHEMA)
                        conn.execute(_sample_indexes())
                        _migrate(conn)
                    self._schema_ready = True
            self._local.conn = conn
            self._opened.append(conn)
        return conn

    def close(self) -> None:
        for conn in self._opened:
            conn.close()
        self._opened.clear()

    @contextlib.contextmanager
    def _server(self) -> Iterator[None]:
        """Turn the driver's errors into one that says which server and what to do."""
        import psycopg
        try:
            yield
        except psycopg.OperationalError as exc:
            raise SearchServerError(N_("PostgreSQL at %(url)s: %(problem)s"), url=_without_password(self.url),
                                    problem=exc) from exc

    # -- writing (the outbox calls these) ----------------------------------
    def _send(self, ids: list[int]) -> set[int]:
        found = records.load(self.catalog.conn, ids)
        rows = [_row(rec) for rec in found.values()]
        vocabulary = sorted({w for rec in found.values()
                             for w in words("\n".join([rec.title, *rec.pages, rec.field_text, rec.meta_text]))
                             if term(w) and wordlike(w)})
        conn = self.conn
        with self._server(), conn.transaction():
            conn.execute("DELETE FROM search_docs WHERE doc_id = ANY(%s)", ([i for i in ids if i not in found],))
            with conn.cursor() as cursor:
                cursor.executemany(UPSERT, rows)
                cursor.executemany(UPSERT_PAGES, rows)
            # In sorted order, so two workers adding words never wait on each other in a circle.
            conn.execute(f"INSERT INTO search_words SELECT w, {STEM} FROM unnest(%s::text[]) w ON CONFLICT DO NOTHING",
                         (vocabulary,))
        return set(ids)

    def _indexed_signatures(self) -> dict[int, str | None]:
        with self._server():
            return dict(self.conn.execute("SELECT doc_id, signature FROM search_docs").fetchall())

    def _recreate(self) -> None:
        with self._server():
            self.conn.execute("TRUNCATE search_docs, search_pages, search_words")

    # -- reading -------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchPage:
        """Two round trips at most: the typo variants of the typed words, then one statement (one snapshot) for
        the count, the facets, the page's hits and the forms their snippets mark (each a round trip before:
        about ten a search, a third of its time at 100,000 documents on a busy machine)."""
        started = time.perf_counter()
        plan = filters.plan(query)
        tree = parse(query.text)
        marks, where, params = _filters(plan)
        _, unindexed, _ = _filters(plan, indexed=False)
        conn = self.conn
        with self._server():
            compiler = _Compiler(_similar(conn, _typed_words(tree)))
            fuzzy = exact = None
            if tree is not None:
                fuzzy, exact = compiler.node(tree), _Compiler({}).node(tree)
                if fuzzy is None:  # only stop words: nothing can match
                    return SearchPage(0, [], {name: {} for name in FACETS} if query.facets else {}, _ms(started))
            wanted = [t for t in (fuzzy, marks) if t is not None]  # one tsquery: one scan of the GIN index
            if wanted:
                terms = _Sql("terms @@ (" + " && ".join(t.sql for t in wanted) + ")", [p for t in wanted for p in t.params])
                where, unindexed = [terms.sql, *where], [terms.sql, *unindexed]
                params = terms.params + params
            matches = _Sql(" AND ".join(where) or "TRUE", params)
            samples = _samples(_Sql(" AND ".join(unindexed) or "TRUE", params), bool(wanted))
            first = (query.page - 1) * query.page_size
            ranked = (fuzzy, exact) if fuzzy is not None and query.sort == "relevance" else None
            few = _join([*_pairs(tree), matches], " AND ")
            statement = _statement(matches, few, samples, query.facets, ranked, first, query.page_size,
                                   sorted(compiler.highlight), _span(plan))
            tallies, hits, forms = conn.execute(statement.sql, statement.params).fetchone()
        total, facets, estimated = _counts(tallies)
        return SearchPage(total, _hits(hits or [], compiler.snippet_pattern(forms or [])),
                          facets if query.facets else {}, _ms(started), estimated)


class _Sql:
    """SQL text with its parameters (%s), put together in the order they are written."""

    def __init__(self, sql: str, params: list | tuple = ()):
        self.sql, self.params = sql, list(params)

    def __add__(self, other: _Sql | str) -> _Sql:
        other = other if isinstance(other, _Sql) else _Sql(other)
        return _Sql(self.sql + other.sql, self.params + other.params)

    def __eq__(self, other) -> bool:
        return isinstance(other, _Sql) and (self.sql, self.params) == (other.sql, other.params)


class _Compiler:
    """Turns a query tree into a tsquery expression, a word with the indexed words a typo away given in SIMILAR.

    `highlight` and `prefixes` collect the folded words a snippet marks (not those after NOT).
    """

    def __init__(self, similar: dict[str, _Near]):
        self.similar = similar
        self.highlight: set[str] = set()
        self.prefixes: set[str] = set()

    def node(self, node, fuzzy: bool = True, positive: bool = True) -> _Sql | None:
        if isinstance(node, Word):
            return self._word(node.text, fuzzy, positive)
        if isinstance(node, Phrase):
            kept = [w for w in words(node.text) if keep(w)]
            if not kept:
                return None
            self._mark(positive, kept)
            return _Sql(f"phraseto_tsquery('{CONFIG}', %s)", [node.text])
        if isinstance(node, Prefix):
            folded = words(node.text)
            self._mark(positive, folded[:-1])
            if positive and folded:
                self.prefixes.add(folded[-1])
            return _prefix(folded)
        if isinstance(node, (And, Or)):
            parts = [p for p in (self.node(n, fuzzy, positive) for n in node.parts) if p]
            if not parts:
                return None
            operator = " && " if isinstance(node, And) else " || "
            return _Sql("(" + operator.join(p.sql for p in parts) + ")", [x for p in parts for x in p.params])
        if isinstance(node, Not):
            keep_part, drop_part = self.node(node.keep, fuzzy, positive), self.node(node.drop, False, False)
            if keep_part is None or drop_part is None:
                return keep_part
            return _Sql(f"({keep_part.sql} && !!{drop_part.sql})", keep_part.params + drop_part.params)
        raise TypeError(node)

    def _word(self, text: str, fuzzy: bool, positive: bool) -> _Sql | None:
        kept = [w for w in words(text) if keep(w)]
        if not kept:
            return None
        if len(kept) > 1:  # 12/2024, dell'IVA, 1.234,56: the pieces in order
            self._mark(positive, kept)
            return _Sql(f"phraseto_tsquery('{CONFIG}', %s)", [text])
        near = self.similar.get(kept[0]) if fuzzy else None
        self._mark(positive, [kept[0], *(near.words if near else [])])
        if near and near.words and near.tsquery:
            return _Sql("%s::tsquery", [near.tsquery])
        return _Sql(f"plainto_tsquery('{CONFIG}', %s)", [kept[0]])

    def _mark(self, positive: bool, folded: list[str]) -> None:
        if positive:
            self.highlight.update(folded)

    def snippet_pattern(self, forms: list[str]):
        """The regex that marks the words found in a snippet: these words and FORMS, the indexed forms of their
        stems (from the search statement)."""
        if not self.highlight and not self.prefixes:
            return None
        return snippet.pattern(self.highlight | set(forms), self.prefixes)


def _typed_words(node, fuzzy: bool = True) -> set[str]:
    """The words of a query tree that _Compiler looks up the typo variants of: single words, not after NOT."""
    if isinstance(node, Word):
        kept = [w for w in words(node.text) if keep(w)]
        return set(kept) if fuzzy and len(kept) == 1 and max_edits(kept[0]) else set()
    if isinstance(node, (And, Or)):
        return set().union(*(_typed_words(n, fuzzy) for n in node.parts))
    if isinstance(node, Not):
        return _typed_words(node.keep, fuzzy)
    return set()


@dataclass(frozen=True)
class _Near:
    """The indexed words a typo away from a typed one, and the tsquery of its stem or theirs."""

    words: list[str]
    tsquery: str  # the stems once each: typo variants often share one (fattura, fatture, fatturo)


def _similar(conn, typed: set[str]) -> dict[str, _Near]:
    """For each of TYPED, the indexed words at most max_edits(word) letters away, nearest first (as the
    vocabulary does); one statement for all.

    Their lengths are within as many letters: said in SQL, it makes the planner take the trigram index
    instead of testing every word (14 ms against 0.8 for `fattura` among 1,600 words, on a busy server).
    """
    if not typed:
        return {}
    ordered = sorted(typed)
    return {word: _Near(near, tsquery) for word, near, tsquery in conn.execute(
        "SELECT typed.w, near.words, (SELECT string_agg(DISTINCT '(' || q::text || ')', ' | ')"
        f"                            FROM unnest(typed.w || near.words) f, plainto_tsquery('{CONFIG}', f) q"
        "                            WHERE q::text <> '')"
        " FROM unnest(%s::text[], %s::int[]) typed(w, edits) CROSS JOIN LATERAL"
        " (SELECT coalesce(array_agg(word ORDER BY distance, word), '{}') AS words FROM"
        "  (SELECT word, distance FROM (SELECT word, levenshtein_less_equal(word, typed.w, typed.edits) AS distance"
        "                               FROM search_words WHERE word %% typed.w"
        "                               AND length(word) BETWEEN length(typed.w) - typed.edits"
        "                                                    AND length(typed.w) + typed.edits) scored"
        "   WHERE distance BETWEEN 1 AND typed.edits ORDER BY distance, word LIMIT %s) nearest) near",
        (ordered, [max_edits(w) for w in ordered], MAX_EXPANSIONS))}


def _pairs(tree) -> list[_Sql]:
    """The conditions on the word pairs of the phrases every match holds (not under OR nor NOT): one for each
    phrase with two kept words at most PAIR_GAP apart (without, its pairs would be none, which the pairs' index
    answers by reading all of itself).

    Only where the matches are counted exactly, so few: there a phrase's words may be in many more documents
    (65,071 for none). A common phrase's pairs are a list as long as its matches, which cost more to read than
    the few rows they would save a sample's count or the newest blocks (`"documento di trasporto"` at 100k:
    13,215 entries, 2 ms each time); and with them, a walk in id order was planned as collecting and sorting
    every match (`"bonifico bancario"`: 23,929 rows with their terms, 0.4 s)."""
    return [_Sql(f"pairs @> search_word_pairs(to_tsvector('{CONFIG}', %s))", [text])
            for text in _required_phrases(tree) if _paired(words(text))]


def _required_phrases(node) -> list[str]:
    if isinstance(node, Phrase):
        return [node.text]
    if isinstance(node, And):
        return [text for part in node.parts for text in _required_phrases(part)]
    if isinstance(node, Not):
        return _required_phrases(node.keep)
    return []


def _paired(folded: list[str]) -> bool:
    """Whether two of the kept words among FOLDED are at most PAIR_GAP places apart."""
    places = [i for i, w in enumerate(folded) if keep(w)]
    return any(b - a <= PAIR_GAP for a, b in zip(places, places[1:]))


def _prefix(folded: list[str]) -> _Sql | None:
    """The last word as a prefix, stemmed or as written (once when they are the same: the GIN index reads every
    entry of a prefix in full, and `forn*` twice took 55 ms at 100k on the busy machine, once 27), after the
    others as a phrase."""
    if not folded:
        return None
    head, last = folded[:-1], folded[-1]
    stemmed, written = f"to_tsquery('{CONFIG}', %s)", "to_tsquery('simple', %s)"
    start = f"(CASE WHEN {stemmed} = {written} THEN {written} ELSE {stemmed} || {written} END)"
    params = [f"{last}:*"] * 5
    if any(keep(w) for w in head):
        return _Sql(f"tsquery_phrase(phraseto_tsquery('{CONFIG}', %s), {start})", [" ".join(head), *params])
    return _Sql(start, params)


def _filters(plan: filters.Plan, indexed: bool = True) -> tuple[_Sql | None, list[str], list]:
    """The filters as a tsquery of their marks (None without any) and the conditions on columns the marks
    do not answer alone, with their parameters.

    Not INDEXED: the amount and the days written so that no index of theirs answers them, for a sample's
    count, where the sample's index or mark already keeps the rows to read few. Given the amount's index, the planner
    merged its whole range with them: `bonifico` between 1,000 and 5,000 euro at 100k read 32,773 entries of
    it to keep 106 of the 310 rows of the coarse sample (14 ms of 20, on the busy machine), then again for the
    fine one."""
    marks: list[list[str]] = []  # each a choice of marks, all of them needed
    where, params = [], []
    total, date = ("total", "date") if indexed else ("(total + 0)", "(date + 0)")

    def add(sql: str, *values) -> None:
        where.append(sql)
        params.extend(values)

    if plan.types:
        marks.append([FILTER_MARKS["type"] + t for t in plan.types])
    if plan.departments:
        marks.append([FILTER_MARKS["department"] + d for d in plan.departments])
    if plan.review_state:
        marks.append([FILTER_MARKS["review_state"] + plan.review_state])
    if plan.supplier and plan.supplier.vat:
        marks.append([FILTER_MARKS["supplier_vat"] + plan.supplier.vat])
    elif plan.supplier:
        marks += [[trigram] for trigram in _trigrams(plan.supplier.name)]
        add("supplier_key LIKE %s", "%" + re.sub(r"([\\%_])", r"\\\1", plan.supplier.name) + "%")
    whole_years = False
    if plan.date_from and plan.date_to:  # the years it spans; the days, unless whole years, on the column
        marks.append([FILTER_MARKS["year"] + str(y) for y in range(plan.date_from.year, plan.date_to.year + 1)])
        whole_years = (plan.date_from.month, plan.date_from.day, plan.date_to.month, plan.date_to.day) == (1, 1, 12, 31)
    if plan.date_from and not whole_years:
        add(f"{date} >= %s", plan.date_from)
    if plan.date_to and not whole_years:
        add(f"{date} <= %s", plan.date_to)
    if plan.amount_min is not None:
        add(f"{total} >= %s", plan.amount_min)
    if plan.amount_max is not None:
        add(f"{total} <= %s", plan.amount_max)
    if not marks:
        return None, where, params
    text = " & ".join("(" + " | ".join(_lexeme(m) for m in choice) + ")" for choice in marks)
    return _Sql("%s::tsquery", [text]), where, params


def _span(plan: filters.Plan) -> _Sql:
    """The condition on the date column of the plan's dates, also of whole years (TRUE without dates)."""
    bounds = [(">=", plan.date_from), ("<=", plan.date_to)]
    kept = [(operator, day) for operator, day in bounds if day]
    return _Sql(" AND ".join(f"date {operator} %s" for operator, _ in kept) or "TRUE", [day for _, day in kept])


def _lexeme(text: str) -> str:
    """TEXT as one lexeme in a tsquery, quoted."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _samples(sampled: _Sql, worded: bool) -> dict[int, _Sql]:
    """Each sample's condition of its matching rows, from SAMPLED (the matches', no column's index used): when
    the terms are searched (WORDED: words or filter marks), through the sample's partial GIN index, else
    through its mark."""
    return {share: sampled + " AND " + (_in_sample(share) if worded else f"terms @@ '{_mark(share)}'::tsquery")
            for share in SAMPLES}


def _statement(matches: _Sql, few: _Sql, samples: dict[int, _Sql], facets: bool, ranked: tuple[_Sql, _Sql] | None,
               first: int, size: int, highlighted: list[str], span: _Sql) -> _Sql:
    """One statement for a whole page: a row of (the tallies, the hits, the forms to highlight).

    What the count decides (whether a sample is enough, how to find the newest matches) is decided in the
    statement too: each way is written out, and a condition on what the statement counted before it, which
    PostgreSQL tests once (a one-time filter), keeps all but one from reading any row.
    MATCHES is the condition of the matching rows, FEW the same for them counted exactly (with the phrases'
    pairs: see _pairs), SAMPLES that of each sample's (from _samples); RANKED, the
    (fuzzy, exact) tsqueries of a page by relevance; SPAN, the dates filtered on, from _span.
    Counted exactly, the matches are read once (`matched`): the newest are then taken from there, not visited
    again (`pagamento` with supplier `Ferrara` at 100k: 1,073 rows).
    """
    window = max(RANK_WINDOW, first + size) if ranked else first + size
    ctes = [_Sql("size AS MATERIALIZED (SELECT greatest(reltuples, 0) AS documents,"
                 " (SELECT max(doc_id) FROM search_docs) AS newest FROM pg_class WHERE oid = 'search_docs'::regclass)")]
    gate, estimate = "TRUE", "CASE"
    for share in SAMPLES:  # the coarsest sample with enough matches, else all of them
        ctes.append(_Sql(f"tally_{share} AS MATERIALIZED (") + _tally(share, gate, samples[share], facets) + ")")
        enough = f"(SELECT n FROM tally_{share} WHERE whole) * {SAMPLES[-1]} > {EXACT_LIMIT}"
        estimate += f" WHEN {enough} THEN (SELECT n FROM tally_{share} WHERE whole) * {share}"
        gate += f" AND NOT {enough}"
    ctes.append(_Sql(f"matched AS MATERIALIZED (SELECT doc_id, ctid, date, type, department, supplier_name"
                     f" FROM search_docs WHERE {gate} AND ") + few + ")")
    ctes.append(_Sql("tally_1 AS MATERIALIZED (") + _tally(1, "TRUE", _Sql("TRUE"), facets, "matched") + ")")
    ctes.append(_Sql(f"counted AS MATERIALIZED (SELECT {estimate} ELSE (SELECT n FROM tally_1 WHERE whole) END"
                     " AS matches)"))
    ctes.append(_Sql(f"way AS MATERIALIZED (SELECT matches > 0 AS found, {_walk(window)} AS walk,"
                     f" {_newest_blocks(window)} AS blocks FROM counted, size)"))
    ctes += _ranked(matches, window, *ranked, gate) if ranked else _by_date(matches, window, span, gate)
    ctes.append(_Sql(f"page AS (SELECT doc_id, position FROM ordered ORDER BY position LIMIT {size} OFFSET {first})"))
    return (_Sql("WITH ") + _join(ctes, ",\n")
            + "\nSELECT (SELECT json_agg(json_build_array(share, whole, type, department, supplier_name, year, n))"
              "         FROM (SELECT * FROM tally_1 UNION ALL " + " UNION ALL ".join(
                  f"SELECT * FROM tally_{share}" for share in SAMPLES) + ") tallies),"
              " (SELECT json_agg(json_build_array(doc_id, d.title, d.type, d.department, d.date::text,"
              "                                   d.supplier_name, d.total::text, p.pages) ORDER BY position)"
              "  FROM page JOIN search_docs d USING (doc_id) JOIN search_pages p USING (doc_id)),"
            + _Sql(f" (SELECT array_agg(word) FROM search_words WHERE stem IN (SELECT {STEM} FROM unnest(%s::text[]) w))",
                   [highlighted]))


def _join(parts: list[_Sql], separator: str) -> _Sql:
    joined = _Sql("")
    for i, part in enumerate(parts):
        joined = joined + (separator if i else "") + part
    return joined


def _tally(share: int, gate: str, matches: _Sql, facets: bool, rows: str = "search_docs") -> _Sql:
    """How many documents match in the sample of one in SHARE (1: all), and the facet counts, in one pass over
    them (of ROWS); only when GATE holds. Rows of (share, whole, type, department, supplier_name, year, n): the
    whole count is the row with whole true."""
    if not facets:
        return _Sql(f"SELECT {share} AS share, TRUE AS whole, NULL::text AS type, NULL::text AS department,"
                    " NULL::text AS supplier_name, NULL::int AS year, count(*) AS n"
                    f" FROM {rows} WHERE {gate} AND ") + matches
    return (_Sql(f"SELECT {share} AS share, GROUPING(type, department, supplier_name, year) = 15 AS whole,"
                 " type, department, supplier_name, year, count(*) AS n"
                 " FROM (SELECT type, department, supplier_name, extract(year FROM date)::int AS year"
                 f"       FROM {rows} WHERE {gate} AND ") + matches
            + ") matched GROUP BY GROUPING SETS ((type), (department), (supplier_name), (year), ())")


# How to find the newest matches: walk an index from the newest row, or collect them all and sort.
#
# The walk fetches and tests each row it passes in index order: cheap when most documents match, dear for a
# rare word, which passes most of the table (`curriculum` at 100,000 documents: 32,000 rows for 3,000
# matches). Collecting visits each match in table order through the GIN index's bitmap, about WALK_COST
# times cheaper a row. The planner misjudges the two (it takes a typo-expanded query for broader than it is),
# so the count decides, and when collecting the sort keys are written as expressions no index gives.
#
# Collecting many matches reads only the newest blocks of ids: ids grow with archiving and the matches spread
# over them, so the newest blocks hold about BLOCKS_MARGIN times the window (rounded up to whole blocks), and
# the GIN index keeps the others out through their marks (`"nota di credito"`: 1,600 rows collected instead of
# 4,800). Each row read there is a heap visit, a phrase's positions checked, a sort's entry: at twice the window,
# `bolletta OR estratto` read 2,462 rows at 100k for its 1,000 (12 ms of the statement's 30 to 50); a quarter
# more than the window leaves the count's error (a few per cent, from a sample) far behind, and the whole
# blocks add their own margin. A condition on doc_id would do the
# same only when the planner combines the two indexes; given one, it walks the id index with the words as a
# filter, through 40,000 rows. Only when those blocks are at most BLOCKS_AT_MOST of the ids (past about 4,000
# matches): the GIN index reads one entry for each id of the blocks, which costs more than it saves when few
# matches are left out (`curriculum`, 3,100 matches at 100k).
BLOCKS_MARGIN = 1.25
BLOCKS_AT_MOST = 0.3


def _walk(window: int) -> str:
    """SQL: whether walking reads fewer rows (WINDOW * documents / matches of them) than collecting (the
    matches), from the columns matches and documents."""
    return f"matches::float8 * matches > documents::float8 * {WALK_COST} * {window}"


def _newest_blocks(window: int) -> str:
    """SQL: a tsquery for the newest blocks of ids, expected to hold BLOCKS_MARGIN times the WINDOW's matches;
    NULL for all (from the columns matches, documents and newest)."""
    share = f"{BLOCKS_MARGIN} * {window} / greatest(matches, 1)"
    return (f"CASE WHEN {_walk(window)} OR {share} > {BLOCKS_AT_MOST} OR newest IS NULL THEN NULL"
            f" ELSE (SELECT string_agg(quote_literal('{BLOCK_MARK}' || (id / {BLOCK})), ' | ')::tsquery"
            f"       FROM generate_series(newest, floor(newest * (1 - {share}))::bigint - {BLOCK} + 1, -{BLOCK}) id)"
            " END")


def _ranked(matches: _Sql, window: int, fuzzy: _Sql, exact: _Sql, counted_exactly: str) -> list[_Sql]:
    """The CTEs of the matches ordered by ts_rank among the newest WINDOW: the words as typed before their typo
    variants.

    The newest matches are looked for in the way's newest blocks first; when fewer than the window are
    there (the matches lie further back than their count foretold), among all of them. Walked, the newest
    matches bring their terms with them: looked up again by id, they cost four times the ranking (`pagamento`
    at 100,000 documents, walked: 14 ms against 3.8 of server time), and straight to the ranking, not
    through a materialized CTE (3 ms less for `pagamento` and `fattura`, walked, at 100k on the busy machine).
    Collected, in the blocks or among all matches, they are sorted by id without their terms, which are then
    read at their row's place (ctid): sorting the rows with their terms took longer than visiting them
    (`contratto` at 100k, 3,991 matches: 8 to 13 ms against 2 to 6 without, and 1 to 2 to read 1,000 again).
    """
    way = "(SELECT {} FROM way)".format
    newest = "SELECT doc_id, {columns} FROM search_docs WHERE {gate} AND "
    exact_first = _Sql("") if exact == fuzzy else _Sql("(terms @@ ") + exact + ") DESC, "
    return [
        _Sql("walked AS NOT MATERIALIZED (" + newest.format(columns="terms", gate=f"{way('found')} AND {way('walk')}"))
        + matches + f" ORDER BY doc_id DESC LIMIT {window})",
        _Sql("in_blocks AS MATERIALIZED (" + newest.format(columns="ctid", gate=f"{way('blocks')} IS NOT NULL"))
        + matches + f" AND terms @@ {way('blocks')} ORDER BY doc_id + 0 DESC LIMIT {window})",
        _Sql("collected AS NOT MATERIALIZED (" + newest.format(
            columns="ctid", gate=f"{way('found')} AND NOT {way('walk')} AND NOT ({counted_exactly})"
                                 f" AND ({way('blocks')} IS NULL OR (SELECT count(*) FROM in_blocks) < {window})"))
        + matches + f" ORDER BY doc_id + 0 DESC LIMIT {window})",
        _Sql(f"collected_exactly AS (SELECT ctid FROM matched WHERE {way('found')} AND NOT {way('walk')}"
             f" ORDER BY doc_id DESC LIMIT {window})"),
        _Sql("ordered AS (SELECT doc_id, row_number() OVER (ORDER BY ") + exact_first
        + f"ts_rank('{TITLE_WEIGHTS}', terms, " + fuzzy + ", 1) DESC, doc_id) AS position"
          " FROM (SELECT * FROM walked UNION ALL SELECT doc_id, terms FROM search_docs WHERE ctid = ANY(ARRAY("
          "         SELECT ctid FROM collected UNION ALL SELECT ctid FROM collected_exactly UNION ALL"
          f"        SELECT ctid FROM in_blocks WHERE (SELECT count(*) FROM in_blocks) >= {window}))) newest)",
    ]


def _by_date(matches: _Sql, window: int, span: _Sql, counted_exactly: str) -> list[_Sql]:
    """The CTE of the newest WINDOW matches, newest first, walked or collected as the way says: collected from
    `matched` when COUNTED_EXACTLY holds.

    The walk starts at the last day of SPAN: whole years are filtered by their marks, and walking from the
    newest date passed every later year first (66,000 rows for 2020 at 100,000 documents, 0.6 s).
    """
    way = "(SELECT {} FROM way)".format
    order = "ORDER BY {date} DESC NULLS LAST, {doc_id} DESC".format

    def newest(rows: str, gate: str, where: _Sql, walk: bool = False) -> _Sql:
        keys = dict(date="date", doc_id="doc_id") if walk else dict(date="(date + 0)", doc_id="(doc_id + 0)")
        return (_Sql(f"(SELECT doc_id, row_number() OVER ({order(**keys)}) AS position FROM {rows}"
                     f" WHERE {way('found')} AND {gate} AND ") + where + f" {order(**keys)} LIMIT {window})")

    return [_Sql("ordered AS (") + newest("search_docs", way("walk"), matches + " AND " + span, walk=True)
            + " UNION ALL " + newest("search_docs", f"NOT {way('walk')} AND NOT ({counted_exactly})", matches)
            + " UNION ALL " + newest("matched", f"NOT {way('walk')}", _Sql("TRUE")) + ")"]


def _hits(rows: list[list], regex) -> list[SearchHit]:
    """The hits from the statement's rows (id, title, type, department, date, supplier, total, pages), in order."""
    return [SearchHit(id=i, title=title, type=kind, department=department,
                      date=dt.date.fromisoformat(date) if date else None, supplier_name=supplier,
                      total=Decimal(total) if total is not None else None,
                      snippet_parts=snippet.make(pages.split(PAGE_BREAK) if pages else [title], regex))
            for i, title, kind, department, date, supplier, total, pages in rows]


def _counts(tallies: list[list]) -> tuple[int, dict[str, dict[str, int]], bool]:
    """How many documents match and the facet counts, from the statement's tallies: those of the coarsest
    sample with more than EXACT_LIMIT / SAMPLES[-1] matches, scaled up and estimated, else the exact ones."""
    levels: dict[int, tuple[int, dict[str, list[tuple[str, int]]]]] = {}
    for share, whole, *values, n in tallies:
        total, counts = levels.setdefault(share, (0, {name: [] for name in FACETS}))
        if whole:
            levels[share] = (n, counts)
            continue
        position = next((i for i, v in enumerate(values) if v is not None), None)  # the one grouped by
        if position is not None:
            counts[FACETS[position]].append((str(values[position]), n))
    for share in (*SAMPLES, 1):
        total, counts = levels[share]
        if share == 1 or total * SAMPLES[-1] > EXACT_LIMIT:
            break
    found = {name: dict(sorted(((v, n * share) for v, n in pairs), key=lambda kv: (-kv[1], kv[0]))[:FACET_SIZE])
             for name, pairs in counts.items() if name != "year"}
    found["year"] = dict(sorted(((v, n * share) for v, n in counts["year"]), reverse=True))
    return total * share, found, share != 1


def _mark(share: int) -> str:
    """The lexeme of the documents in the sample of one in SHARE."""
    return f"{SAMPLE_MARK}{share}"


def _block(doc_id: int) -> str:
    """The lexeme of the documents in DOC_ID's block of ids."""
    return f"{BLOCK_MARK}{doc_id // BLOCK}"


def _migrate(conn) -> None:
    """Bring an index made by an older demat up to VERSION (the caller holds the schema lock)."""
    row = conn.execute("SELECT value FROM search_meta WHERE key = 'version'").fetchone()
    found = int(row[0]) if row else 0
    for version, steps in sorted(MIGRATIONS.items()):
        if found < version:
            rows = conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
            if rows:
                log.warning("search index: bringing %d documents to layout %d (minutes at 100,000; searches wait)",
                            rows, version)
            conn.execute(steps)
    if found < VERSION:
        conn.execute("INSERT INTO search_meta VALUES ('version', %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                     (str(VERSION),))


def _row(rec: records.IndexRecord) -> dict:
    return {"id": rec.id, "title": rec.title, "pages": PAGE_BREAK.join(rec.pages)[:MAX_TEXT],
            "body": "\n".join([*rec.pages, rec.field_text, rec.meta_text])[:MAX_TEXT],
            "type": rec.type, "department": rec.department, "review_state": rec.review_state,
            "supplier_name": rec.supplier_name, "supplier_key": fold(rec.supplier_name or ""),
            "supplier_vat": rec.supplier_vat, "date": rec.date, "total": rec.total, "signature": rec.signature,
            "marks": " ".join([_block(rec.id), *(_mark(share) for share in SAMPLES if rec.id % share == 0)])}


def _without_password(url: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
