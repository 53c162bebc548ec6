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
match. Documents come from the catalog through the outbox (outbox.py), as for
Elasticsearch, also when the catalog lives in the same database. Each thread has
its own connection (the web server searches from several).
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from demat.indexer.search import FACET_SIZE, FACETS, SearchHit, SearchPage, SearchQuery, filters, records, snippet
from demat.indexer.search.analysis import fold, keep, max_edits, term, wordlike, words
from demat.indexer.search.outbox import OutboxBackend, SearchServerError
from demat.indexer.search.query import And, Not, Or, Phrase, Prefix, Word, parse
from demat.indexer.search.vocabulary import MAX_EXPANSIONS
from demat.kernel.errors import N_, ConfigError

CONFIG = "demat_italian"
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
    signature text NOT NULL
);
-- The pages' text, read for the snippets of one page of hits, apart: a search visits the rows of all
-- its matches, and they are a third smaller without it.
CREATE TABLE IF NOT EXISTS search_pages (
    doc_id bigint PRIMARY KEY REFERENCES search_docs ON DELETE CASCADE,
    pages text NOT NULL
);
CREATE INDEX IF NOT EXISTS search_docs_terms ON search_docs USING gin (terms);
CREATE TABLE IF NOT EXISTS search_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE INDEX IF NOT EXISTS search_docs_newest ON search_docs (date DESC NULLS LAST, doc_id DESC);
-- The filters without marks in the terms, for the planner to combine with the terms' index: "Ferrara" within
-- a supplier's name through its trigrams, and the amount.
CREATE INDEX IF NOT EXISTS search_docs_supplier ON search_docs USING gin (supplier_key gin_trgm_ops);
CREATE INDEX IF NOT EXISTS search_docs_total ON search_docs (total);
-- Every indexed word (folded) with its stem: the words a typo away, the forms a snippet highlights.
CREATE TABLE IF NOT EXISTS search_words (word text PRIMARY KEY, stem text NOT NULL);
CREATE INDEX IF NOT EXISTS search_words_trigrams ON search_words USING gin (word gin_trgm_ops);
CREATE INDEX IF NOT EXISTS search_words_stem ON search_words (stem);
"""
# Each document's terms also carry a mark for each of its filter values (type, department, review state, P.IVA,
# year), which no word can index to, so that the GIN index alone finds what a filter keeps and a filtered search
# visits only the rows it keeps, not every row of its words checked column by column.
FILTER_MARKS = {"type": "§t", "department": "§d", "review_state": "§r", "supplier_vat": "§v", "year": "§y"}
VERSION = 2  # of the index's layout, kept in search_meta: 2 added the filter marks and lz4


def _filter_marks(value) -> str:
    """SQL for the tsvector of a document's filter marks; VALUE(column) is the SQL of that column's value."""
    values = {name: value(name) for name in FILTER_MARKS if name != "year"}
    values["year"] = f"extract(year FROM {value('date')})::int"
    return ("array_to_tsvector(array_remove(ARRAY["
            + ", ".join(f"'{FILTER_MARKS[name]}' || {sql}" for name, sql in values.items()) + "], NULL))")


UPSERT = f"""
INSERT INTO search_docs VALUES (
    %(id)s, %(title)s,
    setweight(to_tsvector('{CONFIG}', %(title)s), 'A') || setweight(to_tsvector('{CONFIG}', %(body)s), 'D')
        || %(marks)s::tsvector || {_filter_marks(lambda name: f"%({name})s::{'date' if name == 'date' else 'text'}")},
    %(type)s, %(department)s, %(review_state)s, %(supplier_name)s, %(supplier_key)s, %(supplier_vat)s,
    %(date)s, %(total)s, %(signature)s)
ON CONFLICT (doc_id) DO UPDATE SET
    title = EXCLUDED.title, terms = EXCLUDED.terms, type = EXCLUDED.type,
    department = EXCLUDED.department, review_state = EXCLUDED.review_state,
    supplier_name = EXCLUDED.supplier_name, supplier_key = EXCLUDED.supplier_key,
    supplier_vat = EXCLUDED.supplier_vat, date = EXCLUDED.date, total = EXCLUDED.total,
    signature = EXCLUDED.signature
"""
# An index of an older layout, brought up to VERSION in place: the marks are made from the columns the rows hold
# (adding a mark a row has is a no-op; the terms rewritten are packed with lz4), and the indexes the marks
# replace go.
MIGRATE = f"""
ALTER TABLE search_docs ALTER COLUMN terms SET COMPRESSION lz4;
UPDATE search_docs SET terms = terms || {_filter_marks(lambda name: name)};
DROP INDEX IF EXISTS search_docs_vat, search_docs_review;
INSERT INTO search_meta VALUES ('version', {VERSION}) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
"""
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
SESSION = f"SET pg_trgm.similarity_threshold = {TRIGRAM_THRESHOLD}; SET jit = off"
STEM = "coalesce((ts_lexize('italian_stem', w))[1], w)"  # of a folded word w, as the configuration stems it
PAGE_BREAK = "\f"  # between the pages of search_pages.pages
# Counting and faceting read every match's row: 46,000 rows for `fattura` at 100,000 documents, 10 µs each on a
# busy server. A document in a sample (one in SAMPLES[i], by id) carries that sample's mark in its terms, which no
# word can index to, so the GIN index finds the matches within a sample alone. The coarsest sample holding more
# than EXACT_LIMIT / SAMPLES[-1] matches gives the total and the facets, scaled up, and the page says they are
# estimated: past 2,000 matches the sixteenth, past about 16,000 the 128th (about 125 rows read, not 2,900).
SAMPLES = (128, 16)  # coarsest first; each divides the one before, so the coarse sample is within the fine one
EXACT_LIMIT = 2000
# Each document's terms also carry the mark of its block of BLOCK ids, so that the GIN index alone finds the
# matches among the newest ids (see _Order.blocks).
BLOCK = 4096
BLOCK_MARK = "§b"
SAMPLE_MARK = "§"
SIZE = "SELECT reltuples, (SELECT max(doc_id) FROM search_docs) FROM pg_class WHERE oid = 'search_docs'::regclass"


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
        started = time.perf_counter()
        plan = filters.plan(query)
        tree = parse(query.text)
        marks, where, params = _filters(plan)
        conn = self.conn
        with self._server(), conn.transaction():
            # One snapshot for the count, the facets and the hits. A words or marks query goes through the GIN
            # index, always: a scan of the table would read every document's terms, which the planner
            # does not count.
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;"
                         f" SET LOCAL enable_seqscan = {'off' if tree is not None or marks else 'on'}")
            size = conn.execute(SIZE)
            similar = _similar(conn, _typed_words(tree))
            fuzzy = exact = None
            compiler = _Compiler(similar)
            if tree is not None:
                fuzzy, exact = compiler.node(tree), _Compiler({}).node(tree)
                if fuzzy is None:  # only stop words: nothing can match
                    return SearchPage(0, [], {name: {} for name in FACETS} if query.facets else {}, _ms(started))
            wanted = [t for t in (fuzzy, marks) if t is not None]  # one tsquery: one scan of the GIN index
            if wanted:
                where.insert(0, "terms @@ (" + " && ".join(t.sql for t in wanted) + ")")
                params[:0] = [p for t in wanted for p in t.params]
            condition = " AND ".join(where) or "TRUE"
            total, facets, estimated = _count(conn, condition, params, query.facets)
            first = (query.page - 1) * query.page_size
            ranked = fuzzy is not None and query.sort == "relevance"
            shown = first + query.page_size  # the rows up to this page's last, in order
            order = _Order(size, total, max(RANK_WINDOW, shown) if ranked else shown)
            if not total:  # counted in this snapshot: no second pass over the candidates (a phrase rechecks each)
                ids = []
            elif ranked:
                ids = _ranked(conn, condition, params, fuzzy, exact, first, query.page_size, order)
            else:
                ids = [r[0] for r in conn.execute(
                    f"SELECT doc_id FROM search_docs WHERE {condition}"
                    f" ORDER BY {order.key('date')} DESC NULLS LAST, {order.key('doc_id')} DESC LIMIT %s OFFSET %s",
                    [*params, query.page_size, first])]
            forms = _forms(conn, compiler.highlight)
            rows = _hit_rows(conn, ids)
        return SearchPage(total, _hits(ids, rows.fetchall(), compiler.snippet_pattern(forms.fetchall())), facets,
                          _ms(started), estimated)


class _Tsquery:
    """An SQL expression giving a tsquery, with its parameters."""

    def __init__(self, sql: str, params: list):
        self.sql, self.params = sql, params

    def __eq__(self, other) -> bool:
        return isinstance(other, _Tsquery) and (self.sql, self.params) == (other.sql, other.params)


class _Compiler:
    """Turns a query tree into a tsquery expression, a word with the indexed words a typo away given in SIMILAR.

    `highlight` and `prefixes` collect the folded words a snippet marks (not those after NOT).
    """

    def __init__(self, similar: dict[str, _Near]):
        self.similar = similar
        self.highlight: set[str] = set()
        self.prefixes: set[str] = set()

    def node(self, node, fuzzy: bool = True, positive: bool = True) -> _Tsquery | None:
        if isinstance(node, Word):
            return self._word(node.text, fuzzy, positive)
        if isinstance(node, Phrase):
            kept = [w for w in words(node.text) if keep(w)]
            if not kept:
                return None
            self._mark(positive, kept)
            return _Tsquery(f"phraseto_tsquery('{CONFIG}', %s)", [node.text])
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
            return _Tsquery("(" + operator.join(p.sql for p in parts) + ")", [x for p in parts for x in p.params])
        if isinstance(node, Not):
            keep_part, drop_part = self.node(node.keep, fuzzy, positive), self.node(node.drop, False, False)
            if keep_part is None or drop_part is None:
                return keep_part
            return _Tsquery(f"({keep_part.sql} && !!{drop_part.sql})", keep_part.params + drop_part.params)
        raise TypeError(node)

    def _word(self, text: str, fuzzy: bool, positive: bool) -> _Tsquery | None:
        kept = [w for w in words(text) if keep(w)]
        if not kept:
            return None
        if len(kept) > 1:  # 12/2024, dell'IVA, 1.234,56: the pieces in order
            self._mark(positive, kept)
            return _Tsquery(f"phraseto_tsquery('{CONFIG}', %s)", [text])
        near = self.similar.get(kept[0]) if fuzzy else None
        self._mark(positive, [kept[0], *(near.words if near else [])])
        if near and near.words and near.tsquery:
            return _Tsquery("%s::tsquery", [near.tsquery])
        return _Tsquery(f"plainto_tsquery('{CONFIG}', %s)", [kept[0]])

    def _mark(self, positive: bool, folded: list[str]) -> None:
        if positive:
            self.highlight.update(folded)

    def snippet_pattern(self, forms: list[tuple[str]]):
        """The regex that marks the words found in a snippet: these words and FORMS, the indexed forms of their
        stems (from _forms)."""
        if not self.highlight and not self.prefixes:
            return None
        return snippet.pattern(self.highlight | {r[0] for r in forms}, self.prefixes)


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


def _prefix(folded: list[str]) -> _Tsquery | None:
    """The last word as a prefix, stemmed or as written, after the others as a phrase."""
    if not folded:
        return None
    head, last = folded[:-1], folded[-1]
    start = f"(to_tsquery('{CONFIG}', %s) || to_tsquery('simple', %s))"
    params = [f"{last}:*", f"{last}:*"]
    if any(keep(w) for w in head):
        return _Tsquery(f"tsquery_phrase(phraseto_tsquery('{CONFIG}', %s), {start})", [" ".join(head), *params])
    return _Tsquery(start, params)


def _filters(plan: filters.Plan) -> tuple[_Tsquery | None, list[str], list]:
    """The filters as a tsquery of their marks (None without any) and the conditions on columns the marks
    do not answer alone, with their parameters."""
    marks: list[list[str]] = []  # each a choice of marks, all of them needed
    where, params = [], []

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
        add("supplier_key LIKE %s", "%" + re.sub(r"([\\%_])", r"\\\1", plan.supplier.name) + "%")
    whole_years = False
    if plan.date_from and plan.date_to:  # the years it spans; the days, unless whole years, on the column
        marks.append([FILTER_MARKS["year"] + str(y) for y in range(plan.date_from.year, plan.date_to.year + 1)])
        whole_years = (plan.date_from.month, plan.date_from.day, plan.date_to.month, plan.date_to.day) == (1, 1, 12, 31)
    if plan.date_from and not whole_years:
        add("date >= %s", plan.date_from)
    if plan.date_to and not whole_years:
        add("date <= %s", plan.date_to)
    if plan.amount_min is not None:
        add("total >= %s", plan.amount_min)
    if plan.amount_max is not None:
        add("total <= %s", plan.amount_max)
    if not marks:
        return None, where, params
    text = " & ".join("(" + " | ".join(_lexeme(m) for m in choice) + ")" for choice in marks)
    return _Tsquery("%s::tsquery", [text]), where, params


def _lexeme(text: str) -> str:
    """TEXT as one lexeme in a tsquery, quoted."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


class _Order:
    """How to find the newest matches: walk an index from the newest row, or collect them all and sort.

    The walk fetches and tests each row it passes in index order: cheap when most documents match, dear
    for a rare word, which passes most of the table (`curriculum` at 100,000 documents: 32,000 rows for
    3,000 matches). Collecting visits each match in table order through the GIN index's bitmap, about
    WALK_COST times cheaper a row. The planner misjudges the two (it takes a typo-expanded query for
    broader than it is), so the count decides, and for few matches the sort keys are written as
    expressions no index gives.

    Collecting many matches reads only the newest blocks of ids: ids grow with archiving and the matches
    spread over them, so the newest blocks hold about twice the window, and the GIN index keeps
    the others out through their marks (`"nota di credito"`: 1,600 rows collected instead of 4,800).
    A condition on doc_id would do the same only when the planner combines the two indexes; given one,
    it walks the id index with the words as a filter, through 40,000 rows.
    """

    def __init__(self, size, matches: int, window: int):
        """SIZE: the cursor of the SIZE statement; MATCHES: how many documents match."""
        documents, self.newest = size.fetchone()
        self.matches, self.window = matches, window
        # The walk reads window * documents / matches rows (a ranked page's RANK_WINDOW, a page by date its
        # own rows: 250 of them for a type that one document in 12 has); collecting reads the matches.
        self.walk = matches * matches > WALK_COST * window * max(documents, 0)

    def key(self, column: str) -> str:
        return column if self.walk else f"({column} + 0)"

    def blocks(self) -> str | None:
        """A tsquery for the newest blocks of ids, expected to hold twice the window's matches; None for all.

        Only when those are at most half the ids: the GIN index reads one entry for each id of the blocks,
        which costs more than it saves when few matches are left out (`curriculum`, 3,100 matches at 100k).
        """
        share = 2 * self.window / max(self.matches, 1)
        if self.walk or share > 0.5 or not self.newest:
            return None
        floor = int(self.newest * (1 - share))
        return " | ".join(_block(doc_id) for doc_id in range(self.newest, floor - BLOCK, -BLOCK))


def _ranked(conn, condition: str, params: list, fuzzy: _Tsquery, exact: _Tsquery, first: int,
            size: int, order: _Order) -> list[int]:
    """One page by ts_rank among the newest matches: the words as typed before their typo variants.

    The newest matches are looked for in the order's newest blocks first; when fewer than the window are
    there (the matches lie further back than their count foretold), among all of them. The newest matches
    bring their terms with them: looked up again by id, they cost four times the ranking (`pagamento`
    at 100,000 documents, walked: 14 ms against 3.8 of server time).
    """
    window = order.window
    exact_first = "" if exact == fuzzy else f"(terms @@ {exact.sql}) DESC, "

    def ranked(blocks: str | None) -> list[tuple[int, int]]:
        """The page's (id, matches in the window), among the matches in BLOCKS (a tsquery) or all."""
        within = "" if blocks is None else " AND terms @@ %s::tsquery"
        return conn.execute(
            f"SELECT doc_id, count(*) OVER () FROM (SELECT doc_id, terms FROM search_docs WHERE {condition}{within}"
            f"                    ORDER BY {order.key('doc_id')} DESC LIMIT %s) newest"
            f" ORDER BY {exact_first}ts_rank('{TITLE_WEIGHTS}', terms, {fuzzy.sql}, 1) DESC, doc_id"
            f" LIMIT %s OFFSET %s",
            [*params, *([] if blocks is None else [blocks]), window, *([] if exact == fuzzy else exact.params),
             *fuzzy.params, size, first]).fetchall()

    blocks = order.blocks()
    rows = ranked(blocks) if blocks is not None else []
    if not rows or rows[0][1] < window:
        rows = ranked(None)
    return [r[0] for r in rows]


def _forms(conn, folded: set[str]):
    """The cursor of the indexed words that share a stem with the FOLDED ones (for the snippets)."""
    return conn.execute(f"SELECT word FROM search_words WHERE stem IN (SELECT {STEM} FROM unnest(%s::text[]) w)",
                        (sorted(folded),))


def _hit_rows(conn, ids: list[int]):
    """The cursor of the values and pages of the documents IDS."""
    return conn.execute("SELECT doc_id, d.title, d.type, d.department, d.date, d.supplier_name, d.total, p.pages"
                        " FROM search_docs d JOIN search_pages p USING (doc_id) WHERE doc_id = ANY(%s)", [ids])


def _hits(ids: list[int], rows: list[tuple], regex) -> list[SearchHit]:
    """The hits of IDS, in that order, from their ROWS (of _hit_rows)."""
    found = {r[0]: r for r in rows}
    return [SearchHit(id=i, title=r[1], type=r[2], department=r[3], date=r[4], supplier_name=r[5], total=r[6],
                      snippet_parts=snippet.make(r[7].split(PAGE_BREAK) if r[7] else [r[1]], regex))
            for i in ids if (r := found.get(i))]


def _count(conn, condition: str, params: list, facets: bool) -> tuple[int, dict[str, dict[str, int]], bool]:
    """How many documents match and the facet counts, exact or, past EXACT_LIMIT, estimated from a sample."""
    for share in SAMPLES:
        total, found = _tally(conn, f"{condition} AND terms @@ %s::tsquery", [*params, _mark(share)], facets)
        if total * SAMPLES[-1] > EXACT_LIMIT:
            return total * share, {name: {value: n * share for value, n in counts.items()}
                                   for name, counts in found.items()}, True
    total, found = _tally(conn, condition, params, facets)
    return total, found, False


def _mark(share: int) -> str:
    """The lexeme of the documents in the sample of one in SHARE."""
    return f"{SAMPLE_MARK}{share}"


def _block(doc_id: int) -> str:
    """The lexeme of the documents in DOC_ID's block of ids."""
    return f"{BLOCK_MARK}{doc_id // BLOCK}"


def _tally(conn, condition: str, params: list, facets: bool) -> tuple[int, dict[str, dict[str, int]]]:
    """How many documents match, and the facet counts, in one pass over the matches."""
    if not facets:
        return conn.execute(f"SELECT count(*) FROM search_docs WHERE {condition}", params).fetchone()[0], {}
    rows = conn.execute(
        f"SELECT GROUPING(type, department, supplier_name, year), type, department, supplier_name, year, count(*)"
        f" FROM (SELECT type, department, supplier_name, extract(year FROM date)::int AS year"
        f"       FROM search_docs WHERE {condition}) matched"
        f" GROUP BY GROUPING SETS ((type), (department), (supplier_name), (year), ())", params).fetchall()
    total, counts = 0, {name: [] for name in FACETS}
    for grouping, *values, count in rows:
        if grouping == 0b1111:
            total = count
            continue
        position = [0b0111, 0b1011, 0b1101, 0b1110].index(grouping)  # the one column not grouped away
        if values[position] is not None:
            counts[FACETS[position]].append((str(values[position]), count))
    found = {name: dict(sorted(pairs, key=lambda kv: (-kv[1], kv[0]))[:FACET_SIZE])
             for name, pairs in counts.items() if name != "year"}
    found["year"] = dict(sorted(counts["year"], reverse=True))
    return total, found


def _migrate(conn) -> None:
    """Bring an index made by an older demat up to VERSION (the caller holds the schema lock)."""
    row = conn.execute("SELECT value FROM search_meta WHERE key = 'version'").fetchone()
    if row is None or int(row[0]) < VERSION:
        conn.execute(MIGRATE)


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
