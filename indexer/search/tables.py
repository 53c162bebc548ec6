"""The embedded index's tables in the catalog file, and the upgrade of an index made by an older demat.

`search_fts` holds the stems of every document's title and text (FTS5);
`search_recent` holds the same for the RECENT newest document ids only, for
ranking. bm25 counts every document of each phrase over its whole table
before it scores one (3 ms for a word in 80,000 documents, 8 ms for a
two-word phrase), and a broad query ranks only its newest matches anyway
(sqlite.RANK_WINDOW): in the recent table that count costs a tenth.
`search_docs` holds the values that filters and facets read, `search_words`
the vocabulary (for typos and highlighting).
"""

from __future__ import annotations

# Prefix indexes: `con*` then reads one list instead of merging those of hundreds of words
# (110 ms down to 20 at 100,000 documents, for a third more index).
PREFIXES = "prefix = '3 4'"
FTS_TABLE = ("CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5(title, body, "
             f"tokenize = 'unicode61 remove_diacritics 0', {PREFIXES})")
# Columns of search_docs that ranking read through SQL filters, before the filters came from Columns.
DROPPED = {"supplier_key", "year"}
RECENT = 10_000  # ids in search_recent: its rows are those of search_fts from recent_floor() on
SCHEMA = """
CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS search_docs (
    doc_id INTEGER PRIMARY KEY,          -- = search_fts rowid = documents.id
    type TEXT, department TEXT, review_state TEXT,
    supplier_name TEXT, supplier_vat TEXT, date TEXT, total_cents INTEGER,
    signature TEXT NOT NULL,
    seq INTEGER NOT NULL                  -- the write that put it here: readers take in what is newer
);
CREATE INDEX IF NOT EXISTS search_docs_seq ON search_docs(seq);
CREATE TABLE IF NOT EXISTS search_deleted (doc_id INTEGER PRIMARY KEY, seq INTEGER NOT NULL);
{fts};
{recent};
CREATE TABLE IF NOT EXISTS search_words (id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE, stem TEXT NOT NULL);
""".format(fts=FTS_TABLE.format(name="search_fts"), recent=FTS_TABLE.format(name="search_recent"))


def ensure(catalog) -> None:
    """The tables, created or brought up to date (seconds per 100,000 documents, once).

    A process that only searches an up-to-date index never takes the write lock here.
    """
    conn = catalog.conn
    if not definition(conn, "search_words"):
        catalog.add_schema(SCHEMA)
    if _current(conn):
        return
    with catalog.transaction() as conn:
        if PREFIXES not in definition(conn, "search_fts"):
            conn.execute(FTS_TABLE.format(name="search_fts_next"))
            conn.execute("INSERT INTO search_fts_next (rowid, title, body) SELECT rowid, title, body FROM search_fts")
            conn.execute("DROP TABLE search_fts")
            conn.execute("ALTER TABLE search_fts_next RENAME TO search_fts")
        for column in DROPPED & _columns(conn, "search_docs"):
            conn.execute(f"ALTER TABLE search_docs DROP COLUMN {column}")
        if PREFIXES not in definition(conn, "search_recent"):
            conn.execute("DROP TABLE IF EXISTS search_recent")
            conn.execute(FTS_TABLE.format(name="search_recent"))
            newest = conn.execute("SELECT max(doc_id) FROM search_docs").fetchone()[0] or 0
            floor = max(0, newest + 1 - RECENT)
            _store_floor(conn, floor)
            conn.execute("INSERT INTO search_recent (rowid, title, body) SELECT rowid, title, body FROM search_fts"
                         " WHERE rowid >= ?", (floor,))


def recent_floor(conn) -> int:
    """The lowest id search_recent holds (0 until the archive has more than RECENT ids)."""
    row = conn.execute("SELECT value FROM search_meta WHERE key = 'recent_floor'").fetchone()
    return int(row[0]) if row else 0


def raise_recent_floor(conn, newest: int) -> int:
    """The floor once NEWEST is in: it rises (never falls) to keep RECENT ids, and the rows below go."""
    floor = recent_floor(conn)
    if newest + 1 - RECENT > floor:
        floor = newest + 1 - RECENT
        conn.execute("DELETE FROM search_recent WHERE rowid < ?", (floor,))
        _store_floor(conn, floor)
    return floor


def definition(conn, table: str) -> str:
    """The SQL that made TABLE; empty when there is no such table."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    return row[0] if row else ""


def _store_floor(conn, floor: int) -> None:
    conn.execute("INSERT OR REPLACE INTO search_meta VALUES ('recent_floor', ?)", (floor,))


def _current(conn) -> bool:
    return (all(PREFIXES in definition(conn, table) for table in ("search_fts", "search_recent"))
            and not DROPPED & _columns(conn, "search_docs"))


def _columns(conn, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
