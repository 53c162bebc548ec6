"""The PostgreSQL backend beyond the contract suite: its errors, several threads, the real commands."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Iterator
from decimal import Decimal

import psycopg
import pytest

from demat.indexer.catalog import Catalog
from demat.indexer.search import SearchQuery, filters, postgres
from demat.indexer.search.outbox import SearchServerError
from demat.indexer.search.postgres import PostgresBackend
from demat.kernel.errors import ConfigError
from demat.pipeline.commands.search import as_json, render
from helpers import demat
from servers import free_port
from test_search_contract import DOCUMENTS, archive_document, delete_document


def test_missing_url_and_unreachable_server_are_clear_errors(tmp_path):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    with pytest.raises(ConfigError, match="no server URL") as error:
        PostgresBackend(catalog, "")
    assert "DEMAT_PG_URL" in error.value.action
    port = free_port()  # nothing listens there
    backend = PostgresBackend(catalog, f"postgresql://demat:segreto@127.0.0.1:{port}/demat")
    with pytest.raises(SearchServerError, match=f"127.0.0.1:{port}") as error:
        backend.search(SearchQuery(text="fattura"))
    assert "segreto" not in str(error.value) and "search.backend" in error.value.action


def test_threads_search_on_connections_of_their_own(tmp_path, postgres_url):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    backend = PostgresBackend(catalog, postgres_url)
    with catalog.transaction():
        ids = [archive_document(catalog, **values) for values in DOCUMENTS.values()]
        backend.documents_changed(ids)
    backend.flush()
    totals, errors = [], []

    def search() -> None:
        try:
            for _ in range(20):
                totals.append(backend.search(SearchQuery(text="fatlura")).total)
        except Exception as exc:  # noqa: BLE001  reported below
            errors.append(exc)

    threads = [threading.Thread(target=search) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and totals == [2] * 80
    assert len(backend._opened) == 5  # the main thread's and one per searching thread
    backend.close()
    catalog.close()


def test_commands_search_and_reindex_on_postgresql(home, postgres_url):
    (home / "demat.toml").write_text(f'[search]\nbackend = "postgresql"\npostgresql_url = "{postgres_url}"\n',
                                     encoding="utf-8")
    catalog = Catalog(home / "catalog.sqlite3")
    with catalog.transaction():
        ids = {name: archive_document(catalog, **values) for name, values in DOCUMENTS.items()}
    catalog.close()
    assert demat(home, "search", "bonifico").stdout.startswith("0 documents found")  # never sent to the index
    assert demat(home, "reindex").stdout.strip() == "5 documents indexed (postgresql)"
    out = demat(home, "search", "fatlura", "--department", "amministrazione").stdout
    assert out.startswith("2 documents found") and "[Fattura] n. 101" in out
    page = json.loads(demat(home, "search", "--supplier", "IT00934061003", "--sort", "date", "--json").stdout)
    assert [h["id"] for h in page["hits"]] == [ids["invoice"], ids["contract"]]
    assert page["facets"]["year"] == {"2024": 2}


def test_many_matches_give_counts_estimated_from_one_sample_and_say_so(tmp_path, postgres_url, monkeypatch):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    backend = PostgresBackend(catalog, postgres_url)
    with catalog.transaction():
        ids = [archive_document(catalog, f"Fattura numero {n} per consulenza", type="fattura" if n % 3 else "ddt",
                                department="amministrazione", doc_date=f"{2020 + n % 2}-05-0{1 + n % 9}")
               for n in range(45)]
        rare = archive_document(catalog, "Contratto di locazione", type="contratto")
        backend.documents_changed([*ids, rare])
    backend.flush()
    exact = backend.search(SearchQuery(text="fattura"))
    assert (exact.total, exact.estimated) == (45, False)  # within EXACT_LIMIT: counted
    monkeypatch.setattr(postgres, "EXACT_LIMIT", 10)
    share = postgres.SAMPLES[-1]  # no id of 46 is in the coarser sample
    sample = [i for i in ids if i % share == 0]
    page = backend.search(SearchQuery(text="fattura"))
    assert page.estimated and page.total == len(sample) * share != 45
    assert page.facets["department"] == {"amministrazione": len(sample) * share}
    assert sum(page.facets["type"].values()) == page.total
    assert len(page.hits) == 20 and {h.id for h in page.hits} <= set(ids)  # the hits themselves are exact
    assert render(page, SearchQuery(text="fattura")).startswith(f"about {page.total} documents found")
    assert as_json(page)["estimated"] is True
    assert backend.search(SearchQuery(text="locazione")).estimated is False
    queries = [SearchQuery(text="fattura"), SearchQuery(text="consulenza", sort="date"), SearchQuery(page=2)]
    collected = [[h.id for h in backend.search(q).hits] for q in queries]  # so few documents: collected
    monkeypatch.setattr(postgres, "WALK_COST", 0)  # walked in index order instead: the same pages
    assert [[h.id for h in backend.search(q).hits] for q in queries] == collected and all(collected)
    backend.close()
    catalog.close()


def test_the_coarsest_sample_with_enough_matches_gives_the_estimate(tmp_path, postgres_url, monkeypatch):
    monkeypatch.setattr(postgres, "SAMPLES", (8, 2))  # the marks are written with these
    monkeypatch.setattr(postgres, "EXACT_LIMIT", 10)  # a sample is used past 5 matches
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    backend = PostgresBackend(catalog, postgres_url)
    with catalog.transaction():
        ids = [archive_document(catalog, f"Fattura {n}" + (" trasporto" if n % 3 == 0 else "")
                                + (" locazione" if n % 20 == 0 else ""), type="fattura", department="acquisti")
               for n in range(64)]
        backend.documents_changed(ids)
    backend.flush()

    def in_sample(share: int, word: str) -> int:
        return sum(1 for n, i in enumerate(ids) if i % share == 0 and (word == "fattura" or n % 3 == 0))

    assert in_sample(8, "fattura") > 5  # the coarse sample holds enough
    assert in_sample(8, "trasporto") <= 5 < in_sample(2, "trasporto")  # only the fine one does
    for word in ("fattura", "trasporto"):
        share = 8 if word == "fattura" else 2
        page = backend.search(SearchQuery(text=word))
        assert page.estimated and page.total == in_sample(share, word) * share
        assert page.facets["type"] == {"fattura": page.total}
    rare = backend.search(SearchQuery(text="locazione"))
    assert (rare.total, rare.estimated) == (4, False)
    with catalog.transaction() as conn:  # a correction re-sends a document: its marks go with it
        conn.execute("UPDATE documents SET type = 'ddt' WHERE id = ?", (ids[8],))
        backend.documents_changed([ids[8]])
    backend.flush()
    assert backend.search(SearchQuery(text="fattura")).total == in_sample(8, "fattura") * 8
    assert backend.reindex() == 64
    assert backend.search(SearchQuery(text="fattura")).facets["type"] == {
        "fattura": in_sample(8, "fattura") * 8 - 8 * (ids[8] % 8 == 0), **({"ddt": 8} if ids[8] % 8 == 0 else {})}
    backend.close()
    catalog.close()


def test_ranking_among_the_newest_blocks_gives_the_pages_of_all_matches(tmp_path, postgres_url, monkeypatch):
    monkeypatch.setattr(postgres, "BLOCK", 4)  # the marks are written with it
    monkeypatch.setattr(postgres, "RANK_WINDOW", 6)
    monkeypatch.setattr(postgres, "WALK_COST", 10**9)  # collected, as few matches among many documents are
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    backend = PostgresBackend(catalog, postgres_url)
    with catalog.transaction():  # "archivio" only in the oldest 30: its newest blocks hold none
        ids = [archive_document(catalog, "Fattura " + ("fattura " * (n % 4)) + ("archivio" if n < 30 else ""),
                                title=f"Documento {n}") for n in range(60)]
        backend.documents_changed(ids)
    backend.flush()
    backend.conn.execute("ANALYZE search_docs")  # the order reads the table's size from its statistics
    queries = [SearchQuery(text=text, page=page, page_size=4) for text in ("fattura", "archivio") for page in (1, 2)]
    pages = [[h.id for h in backend.search(q).hits] for q in queries]
    blocks = backend.conn.execute(f"SELECT {postgres._newest_blocks(6)} FROM (SELECT 60 AS matches, 60 AS documents,"
                                  " max(doc_id) AS newest FROM search_docs) counted").fetchone()[0]
    assert blocks is not None  # "fattura" is ranked among the newest blocks
    monkeypatch.setattr(postgres, "BLOCKS_AT_MOST", 0)  # among all matches instead: the same pages
    assert [[h.id for h in backend.search(q).hits] for q in queries] == pages
    assert all(len(page) == 4 for page in pages) and set(pages[2]) <= set(ids[:30])
    backend.close()
    catalog.close()


def test_filter_marks_stay_in_step_after_corrections_deletions_reindex_and_migration(tmp_path, postgres_url):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    backend = PostgresBackend(catalog, postgres_url)
    with catalog.transaction():
        ids = [archive_document(catalog, f"Fattura numero {n}", type="fattura" if n % 2 else "ddt",
                                department="ufficio dell'arte" if n % 3 == 0 else "acquisti",
                                supplier_vat="00934061003" if n < 3 else None, doc_date=f"{2022 + n % 3}-06-15",
                                review_state="review" if n == 4 else "auto") for n in range(8)]
        backend.documents_changed(ids)
    backend.flush()
    filters = {"types": dict(types=["ddt"]), "department": dict(departments=["ufficio dell'arte"]),
               "review": dict(review_state="review"), "vat": dict(supplier="IT00934061003"),
               "years": dict(date_from=dt.date(2023, 6, 1), date_to=dt.date(2024, 6, 14)),
               "whole year": dict(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31))}

    def found() -> dict[str, set[int]]:
        return {name: {h.id for h in backend.search(SearchQuery(text="fattura", **given)).hits}
                for name, given in filters.items()}

    expected = {"types": set(ids[0::2]), "department": set(ids[0::3]), "review": {ids[4]}, "vat": set(ids[:3]),
                "years": {i for n, i in enumerate(ids) if n % 3 == 1},
                "whole year": {i for n, i in enumerate(ids) if n % 3 == 2}}
    assert found() == expected
    with catalog.transaction() as conn:  # a correction: its marks change with it
        conn.execute("UPDATE documents SET type = 'ddt', review_state = 'confirmed' WHERE id = ?", (ids[3],))
        backend.documents_changed([ids[3]])
    backend.flush()
    expected["types"].add(ids[3])
    assert found() == expected
    delete_document(catalog, ids[0])
    with catalog.transaction():
        backend.documents_changed([ids[0]])
    backend.flush()
    expected = {name: found_ids - {ids[0]} for name, found_ids in expected.items()}
    assert found() == expected
    assert backend.reindex() == 7 and found() == expected

    # An index written before the marks: none in the terms, no version, the column indexes they replaced.
    backend.conn.execute("UPDATE search_docs SET terms = ts_delete(terms, (SELECT coalesce(array_agg(lexeme), '{}')"
                         " FROM unnest(terms) WHERE lexeme ~ '^§[tdrvy]'))")
    backend.conn.execute("DELETE FROM search_meta; CREATE INDEX search_docs_vat ON search_docs (supplier_vat);"
                         " ALTER TABLE search_docs ALTER COLUMN terms SET COMPRESSION pglz")
    assert all(not hits for hits in found().values())  # the filters read the marks alone
    backend.close()
    migrated = PostgresBackend(catalog, postgres_url)
    assert migrated.conn.execute("SELECT value FROM search_meta WHERE key = 'version'").fetchone() == (
        str(postgres.VERSION),)
    backend = migrated
    assert found() == expected
    assert backend.conn.execute("SELECT count(*) FROM pg_indexes WHERE indexname = 'search_docs_vat'").fetchone()[0] == 0
    assert backend.conn.execute("SELECT attcompression FROM pg_attribute WHERE attname = 'terms'"
                                " AND attrelid = 'search_docs'::regclass").fetchone()[0] == "l"  # lz4
    backend.close()
    catalog.close()


def test_a_part_of_a_supplier_name_is_found_through_the_trigram_marks_of_the_terms(tmp_path, postgres_url):
    """The three letters or digits at each place of a folded name are marks in the terms: the GIN index alone
    keeps the names holding a part, with a broad word too (a trigram index of its own was combined with the word's
    whole bitmap: 47,000 rows for 1,073 at 100k); a part without three in a row is the column filter alone."""
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    backend = PostgresBackend(catalog, postgres_url)
    names = {"ferrara": "Ferrara Trasporti S.r.l.", "ferraris": "Idraulica FERRARIS", "studio": "Studio Ré & C.",
             "bar": "Bar Sport", "none": None}
    with catalog.transaction():
        ids = {key: archive_document(catalog, f"Fattura del fornitore {n}", supplier_name=name)
               for n, (key, name) in enumerate(names.items())}
        backend.documents_changed(list(ids.values()))
    backend.flush()
    parts = {"ferrar": {"ferrara", "ferraris"}, "Ferrara": {"ferrara"}, "rara t": {"ferrara"}, "ré &": {"studio"},
             "spa": set(), "ba": {"bar"}, "s.r.l.": {"ferrara"}}

    def found(text: str = "") -> dict[str, set[str]]:
        keys = {i: key for key, i in ids.items()}
        return {part: {keys[h.id] for h in backend.search(SearchQuery(text=text, supplier=part)).hits}
                for part in parts}

    assert found() == parts and found("fattura") == parts
    with catalog.transaction() as conn:  # a corrected name: its marks change with it
        conn.execute("UPDATE documents SET supplier_name = 'Spa Ferrari' WHERE id = ?", (ids["bar"],))
        backend.documents_changed([ids["bar"]])
    backend.flush()
    parts.update({"ferrar": {"ferrara", "ferraris", "bar"}, "spa": {"bar"}, "ba": set()})
    assert found("fattura") == parts

    # An index written before the name's marks: the part is looked for through them, the column only checks.
    backend.conn.execute("UPDATE search_docs SET terms = ts_delete(terms, (SELECT coalesce(array_agg(lexeme), '{}')"
                         " FROM unnest(terms) WHERE lexeme LIKE '§n%'))")
    backend.conn.execute("UPDATE search_meta SET value = '2' WHERE key = 'version';"
                         " CREATE INDEX IF NOT EXISTS search_docs_supplier ON search_docs USING gin (supplier_key gin_trgm_ops)")
    assert found("fattura") == {part: set() if part not in ("ré &", "s.r.l.") else parts[part] for part in parts}
    backend.close()
    backend = PostgresBackend(catalog, postgres_url)
    assert found("fattura") == parts
    assert backend.conn.execute("SELECT count(*) FROM pg_indexes WHERE indexname = 'search_docs_supplier'"
                                ).fetchone()[0] == 0
    backend.close()
    catalog.close()


def test_a_prefix_the_stemmer_leaves_alone_is_looked_up_once(tmp_path, postgres_url):
    """The GIN index reads every entry of a prefix in full: `forn*` twice (stemmed and as written, the same) took
    twice as long at 100k."""
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    backend = PostgresBackend(catalog, postgres_url)
    with catalog.transaction():
        ids = [archive_document(catalog, text) for text in ("Fornitura di carta", "Le fatture di maggio", "Forno")]
        backend.documents_changed(ids)
    backend.flush()

    def prefix(word: str) -> str:
        sql = postgres._prefix([word])
        return backend.conn.execute("SELECT " + sql.sql + "::text", sql.params).fetchone()[0]

    assert prefix("forn") == "'forn':*"
    assert prefix("fatture") == "'fattur':* | 'fatture':*"  # stemmed, and as written
    assert {h.id for h in backend.search(SearchQuery(text="forn*")).hits} == {ids[0], ids[2]}
    assert [h.id for h in backend.search(SearchQuery(text="fatture*")).hits] == [ids[1]]
    backend.close()
    catalog.close()


def test_a_search_is_one_statement_after_the_typo_lookup(tmp_path, postgres_url, monkeypatch):
    """The count, the facets, the page and the forms to highlight in one round trip (ten before: a third of a
    search's time at 100,000 documents), whichever way the statement takes, read from libpq's own trace."""
    monkeypatch.setattr(postgres, "EXACT_LIMIT", 10)  # "fattura" estimated from a sample
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    backend = PostgresBackend(catalog, postgres_url)
    with catalog.transaction():
        ids = [archive_document(catalog, f"Fattura numero {n} pagamento" + (" nota di credito" if n % 5 == 0 else ""),
                                type="fattura", doc_date=f"2024-05-{1 + n % 28:02d}") for n in range(64)]
        backend.documents_changed(ids)
    backend.flush()
    trace = tmp_path / "libpq.trace"

    def trips(query: SearchQuery) -> int:
        """The round trips of a search: each ends with a Sync (or is a simple Query)."""
        with trace.open("w") as out:
            backend.conn.pgconn.trace(out.fileno())
            page = backend.search(query)
            backend.conn.pgconn.untrace()
        assert page.hits or not page.total
        return sum(1 for line in trace.read_text().splitlines()
                   if "\tF\t" in line and ("\tSync" in line or "\tQuery\t" in line))

    backend.search(SearchQuery(text="fattura"))  # the connection opened, the schema made
    assert backend.search(SearchQuery(text="fattura")).estimated  # from a sample, in the same statement
    assert trips(SearchQuery(text="fattura")) == 2  # its typo variants, then the statement
    assert trips(SearchQuery(text="fatlura", types=["fattura"], page=2, page_size=5)) == 2
    assert trips(SearchQuery(text='"nota di credito"')) == 1  # a phrase has no typo variants
    assert trips(SearchQuery(text='"nota di credito"', sort="date")) == 1
    assert trips(SearchQuery(text="", sort="date", facets=False)) == 1
    assert trips(SearchQuery(text="inesistente")) == 2
    backend.close()
    catalog.close()


def test_a_page_by_date_walked_from_the_years_filtered_on_gives_the_collected_page(tmp_path, postgres_url,
                                                                                    monkeypatch):
    """Whole years are filtered by their marks alone; the walk by date starts at their last day instead of at
    the newest document (at 100k, 66,000 rows walked for 2020)."""
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    backend = PostgresBackend(catalog, postgres_url)
    with catalog.transaction():
        ids = [archive_document(catalog, f"Fattura numero {n}", doc_date=f"{2020 + n % 4}-{1 + n % 12:02d}-15")
               for n in range(48)]
        backend.documents_changed(ids)
    backend.flush()
    queries = [SearchQuery(text=text, sort="date", page=page, page_size=5, date_from=dt.date(2021, 1, 1),
                           date_to=dt.date(year, 12, 31)) for text in ("", "fattura") for year in (2021, 2022)
               for page in (1, 2)]
    monkeypatch.setattr(postgres, "WALK_COST", 10**9)  # collected and sorted
    collected = [[(h.date, h.id) for h in backend.search(q).hits] for q in queries]
    monkeypatch.setattr(postgres, "WALK_COST", 0)  # walked in index order
    assert [[(h.date, h.id) for h in backend.search(q).hits] for q in queries] == collected
    assert all(len(page) == 5 for page in collected)
    assert all(dt.date(2021, 1, 1) <= day <= query.date_to for page, query in zip(collected, queries)
               for day, _ in page)
    assert collected[0] == sorted(collected[0], reverse=True) and collected[0][0][0] == dt.date(2021, 10, 15)
    backend.close()
    catalog.close()


def test_a_samples_count_of_words_reads_the_samples_own_index_and_no_amount_index(tmp_path, postgres_url,
                                                                                 monkeypatch):
    """Each sample has a partial GIN index: through a mark of the sample, the GIN index stepped through the whole
    sample's list beside the words' (at 100k, 9 to 12 ms for the sixteenth against 3 to 4). The amount range is
    checked on the sample's rows, not merged from its own index (32,773 entries read at 100k to keep 106 rows)."""
    monkeypatch.setattr(postgres, "EXACT_LIMIT", 10)  # "fattura" counted on a sample
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    backend = PostgresBackend(catalog, postgres_url)
    with catalog.transaction():
        ids = [archive_document(catalog, f"Fattura numero {n}", total=f"{100 * n}.00") for n in range(300)]
        backend.documents_changed(ids)
    backend.flush()
    statements = recorded_statements(monkeypatch)
    queries = {"words": SearchQuery(text="fattura"), "an amount": SearchQuery(text="fattura", amount_min=Decimal(1000)),
               "none": SearchQuery()}
    pages = {name: backend.search(query) for name, query in queries.items()}
    assert all(page.estimated for page in pages.values())
    shares = {share: [i for i in ids if i % share == 0] for share in postgres.SAMPLES}
    share = next(share for share, sample in shares.items() if len(sample) * postgres.SAMPLES[-1] > 10)
    assert pages["words"].total == pages["none"].total == len(shares[share]) * share
    assert pages["an amount"].total == sum(1 for n, i in enumerate(ids) if i % share == 0 and n >= 10) * share

    def indexes(sql: postgres._Sql) -> set[str]:
        """The indexes the plan of SQL looks up with a condition (not read whole, in order)."""
        plan = backend.conn.execute("EXPLAIN (FORMAT JSON) " + sql.sql, sql.params).fetchone()[0][0]["Plan"]
        return {node["Index Name"] for node in plan_nodes(plan) if "Index Cond" in node}

    used = dict(zip(queries, map(indexes, statements)))
    samples = {f"search_docs_sample_{share}" for share in postgres.SAMPLES}
    assert samples <= used["words"] and samples <= used["an amount"] and not samples & used["none"]
    for indexed, way in ((True, {"search_docs_total"}), (False, set())):  # an amount's range alone
        _, where, params = postgres._filters(filters.plan(queries["an amount"]), indexed=indexed)
        count = postgres._Sql("SELECT count(*) FROM search_docs WHERE " + " AND ".join(where), params)
        assert indexes(count) & {"search_docs_total"} == way
    backend.close()
    catalog.close()


def test_the_collected_newest_matches_are_sorted_without_their_terms(tmp_path, postgres_url, monkeypatch):
    """A top-N sort of the matches with their terms (1.3 kB a row) took longer than visiting them (`contratto` at
    100k: 8 to 13 ms against 2 to 6 without); the 1,000 kept are read again at their row's place."""
    monkeypatch.setattr(postgres, "WALK_COST", 10**9)  # collected, as few matches among many documents are
    catalog, backend, ids = thirty_contracts(tmp_path, postgres_url)
    statements = recorded_statements(monkeypatch)
    collected = [h.id for h in backend.search(SearchQuery(text="contratto", page_size=30)).hits]
    plan = backend.conn.execute("EXPLAIN (VERBOSE, FORMAT JSON) " + statements[0].sql,
                                statements[0].params).fetchone()[0][0]["Plan"]

    by_id = [node for node in plan_nodes(plan) if node["Node Type"] == "Sort" and "doc_id + 0" in str(node["Sort Key"])]
    assert by_id and not any("terms" in column for node in by_id for column in node["Output"])
    assert any(node["Node Type"] == "Tid Scan" for node in plan_nodes(plan))
    monkeypatch.setattr(postgres, "WALK_COST", 0)  # walked, with their terms: the same page
    assert [h.id for h in backend.search(SearchQuery(text="contratto", page_size=30)).hits] == collected
    assert sorted(collected) == sorted(ids)
    backend.close()
    catalog.close()


def test_matches_counted_exactly_are_read_once_for_the_count_and_the_page(tmp_path, postgres_url, monkeypatch):
    """Under EXACT_LIMIT matches the count visited every match, then the page visited them again to collect the
    newest (`pagamento` with supplier `Ferrara` at 100k: 1,073 rows twice, 42 against 33 ms of server time)."""
    monkeypatch.setattr(postgres, "WALK_COST", 10**9)  # collected, as few matches among many documents are
    catalog, backend, ids = thirty_contracts(tmp_path, postgres_url)
    statements = recorded_statements(monkeypatch)
    queries = [SearchQuery(text="contratto", page_size=30), SearchQuery(text="contratto", sort="date", page_size=30)]
    pages = [[h.id for h in backend.search(query).hits] for query in queries]

    for sql in statements:
        plan = backend.conn.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql.sql, sql.params).fetchone()[0][0]["Plan"]
        # (a sample's count may take either index at 30 rows: the samples' own test says which at scale)
        beyond_samples = [node for part in plan["Plans"] if not part.get("Subplan Name", "").startswith("CTE tally_")
                          for node in plan_nodes(part)]
        assert sum(1 for node in beyond_samples
                   if node.get("Index Name") == "search_docs_terms" and node["Actual Loops"]) == 1
    monkeypatch.setattr(postgres, "WALK_COST", 0)  # walked instead: the same pages
    assert [[h.id for h in backend.search(query).hits] for query in queries] == pages
    assert sorted(pages[0]) == sorted(pages[1]) == sorted(ids)
    backend.close()
    catalog.close()


def test_a_rare_phrase_reads_only_the_documents_holding_its_word_pairs(tmp_path, postgres_url, monkeypatch, caplog):
    """The GIN index holds no word positions: a phrase whose words are in many documents but seldom side by side
    had each of them read to check (at 100k, 65,071 rows for `"informazioni contattare amministrativo"`, none
    kept, 0.2 to 0.45 s). The documents' word pairs find its few candidates; an older index gets them in place."""
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    backend = PostgresBackend(catalog, postgres_url)
    with catalog.transaction():
        apart = [archive_document(catalog, f"Per contattare l'ufficio amministrativo chiamare il numero {n}.")
                 for n in range(150)]
        together = [archive_document(catalog, f"Pratica {n}: per informazioni contattare amministrativo e legale.")
                    for n in range(3)]
        backend.documents_changed(apart + together)
    backend.flush()
    backend.conn.execute("ANALYZE search_docs")
    statements = recorded_statements(monkeypatch)
    queries = {'"contattare amministrativo"': set(together), '"contattare l\'ufficio amministrativo"': set(apart),
               '"contattare amministrativo" OR chiamare': set(apart + together),
               'amministrativo NOT "contattare amministrativo"': set(apart)}

    def found() -> dict[str, set[int]]:
        return {text: {h.id for h in backend.search(SearchQuery(text=text, page_size=200)).hits} for text in queries}

    assert found() == queries
    plan = backend.conn.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statements[0].sql,
                                statements[0].params).fetchone()[0][0]["Plan"]
    read = [node for node in plan_nodes(plan) if node["Node Type"] == "Bitmap Heap Scan" and node["Actual Loops"]
            and "pairs" in node.get("Recheck Cond", "")]
    assert read and all(node["Rows Removed by Index Recheck"] < 10 for node in read)  # not the 150 apart

    # An index written before the pairs: migrated when next opened, no reindex.
    backend.conn.execute("DROP INDEX search_docs_pairs; ALTER TABLE search_docs DROP COLUMN pairs;"
                         " UPDATE search_meta SET value = '3'")
    backend.close()
    backend = PostgresBackend(catalog, postgres_url)
    with caplog.at_level(logging.WARNING, logger="demat.search"):
        assert backend.conn.execute("SELECT value FROM search_meta WHERE key = 'version'").fetchone() == (
            str(postgres.VERSION),)
    assert caplog.messages == [f"search index: bringing {len(together) + len(apart)} documents to layout 4"
                               " (minutes at 100,000; searches wait)"]  # the wait is said, and only where there is one
    assert backend.conn.execute("SELECT count(*) FROM search_docs WHERE pairs = '{}'").fetchone() == (0,)
    assert found() == queries
    with pytest.raises(psycopg.errors.NotNullViolation):  # an older demat's writes, without pairs, are refused
        backend.conn.execute("INSERT INTO search_docs (doc_id, title, terms, signature) VALUES (%s, 'x', '', 'x')"
                             " ON CONFLICT (doc_id) DO UPDATE SET title = EXCLUDED.title", (together[0],))
    backend.close()
    catalog.close()


def plan_nodes(node: dict) -> Iterator[dict]:
    """NODE of a JSON plan (EXPLAIN FORMAT JSON) and every node under it."""
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def recorded_statements(monkeypatch) -> list[postgres._Sql]:
    """The statements the backend's searches make from now on, in order."""
    statements: list[postgres._Sql] = []
    statement = postgres._statement
    monkeypatch.setattr(postgres, "_statement", lambda *args: statements.append(statement(*args)) or statements[-1])
    return statements


def thirty_contracts(tmp_path, postgres_url) -> tuple[Catalog, PostgresBackend, list[int]]:
    """A backend holding 30 dated contracts that all say `contratto`, its statistics taken (the way of a
    search reads the table's size from them)."""
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    backend = PostgresBackend(catalog, postgres_url)
    with catalog.transaction():
        ids = [archive_document(catalog, f"Contratto numero {n}" + " contratto" * (n % 3), title=f"Documento {n}",
                                doc_date=f"2024-05-{1 + n % 28:02d}") for n in range(30)]
        backend.documents_changed(ids)
    backend.flush()
    backend.conn.execute("ANALYZE search_docs")
    return catalog, backend, ids
