"""What only the embedded backend promises: one transaction with the catalog, self-repair, shared vocabulary."""

from __future__ import annotations

import pytest

from demat.indexer.catalog import Catalog
from demat.indexer.search import SearchQuery, records, sqlite, tables
from demat.indexer.search.sqlite import SqliteBackend
from test_search_contract import archive_document


@pytest.fixture
def backend(tmp_path):
    return SqliteBackend(Catalog(tmp_path / "catalog.sqlite3"))


def hits(backend, text):
    return {h.id for h in backend.search(SearchQuery(text=text)).hits}


def index_rows(catalog):
    return (catalog.conn.execute("SELECT count(*) FROM search_docs").fetchone()[0],
            catalog.conn.execute("SELECT count(*) FROM search_fts").fetchone()[0])


def test_index_and_catalog_roll_back_together(backend):
    catalog = backend.catalog
    with pytest.raises(RuntimeError), catalog.transaction():
        doc = archive_document(catalog, "Fattura del fornitore")
        backend.documents_changed([doc])
        assert hits(backend, "fattura") == {doc}  # visible inside the transaction
        raise RuntimeError("crash before commit")
    assert catalog.document_count() == 0
    assert index_rows(catalog) == (0, 0)
    assert hits(backend, "fattura") == set()


def test_repair_mends_damaged_index_tables(backend):
    catalog = backend.catalog
    with catalog.transaction():
        kept = archive_document(catalog, "Fattura del fornitore")
        lost = archive_document(catalog, "Bolletta della luce")
        backend.documents_changed([kept, lost])
    with catalog.transaction() as conn:
        conn.execute("DELETE FROM search_docs WHERE doc_id = ?", (lost,))  # its FTS row is left orphaned
        conn.execute("INSERT INTO search_docs (doc_id, signature, seq) VALUES (999, 'x', 0)")
        conn.execute("UPDATE search_docs SET signature = 'old' WHERE doc_id = ?", (kept,))
    assert backend.repair() == 3
    assert index_rows(catalog) == (2, 2)
    assert hits(backend, "bolletta") == {lost} and hits(backend, "fattura") == {kept}
    assert backend.repair() == 0


def test_a_new_analyzer_version_makes_repair_redo_everything(backend, monkeypatch):
    catalog = backend.catalog
    with catalog.transaction():
        ids = [archive_document(catalog, f"Documento {n}") for n in range(3)]
        backend.documents_changed(ids)
    monkeypatch.setattr(records, "ANALYZER_VERSION", "next")
    assert backend.repair() == 3


def test_typo_search_sees_words_written_by_another_process(tmp_path):
    path = tmp_path / "catalog.sqlite3"
    reader = SqliteBackend(Catalog(path))
    assert hits(reader, "zanzariera") == set()  # vocabulary loaded, still empty
    writer = SqliteBackend(Catalog(path))
    with writer.catalog.transaction():
        doc = archive_document(writer.catalog, "Fornitura di una zanzariera")
        writer.documents_changed([doc])
    assert hits(reader, "zanzarera") == {doc}
    writer.reindex()  # a rebuild renumbers the vocabulary: the reader starts over
    assert hits(reader, "zamzarera") == {doc}


def test_counts_follow_writes_and_deletes_made_by_another_process(tmp_path):
    path = tmp_path / "catalog.sqlite3"
    reader, writer = SqliteBackend(Catalog(path)), SqliteBackend(Catalog(path))
    with writer.catalog.transaction():
        ids = [archive_document(writer.catalog, f"Fattura {n}", type="fattura") for n in range(3)]
        writer.documents_changed(ids)
    assert reader.search(SearchQuery()).facets["type"] == {"fattura": 3}
    with writer.catalog.transaction() as conn:
        conn.execute("DELETE FROM documents WHERE id = ?", (ids[0],))
        conn.execute("UPDATE documents SET type = 'proforma' WHERE id = ?", (ids[1],))
        writer.documents_changed(ids[:2])
    page = reader.search(SearchQuery())
    assert page.total == 2 and page.facets["type"] == {"fattura": 1, "proforma": 1}
    assert [h.id for h in reader.search(SearchQuery(sort="date")).hits] == [ids[2], ids[1]]


def test_both_signature_queries_agree(backend):
    catalog = backend.catalog
    with catalog.transaction():
        ids = [archive_document(catalog, "Fattura", fields={"total": "1.00", "number": "7", "iban": "IT60X"}),
               archive_document(catalog, "Lettera senza campi")]
        job = catalog.add_job("empty", "vuoto.pdf")  # a document without pages
        catalog.insert_document(dict(id=job.id, sha256="e", original_name="vuoto.pdf", media_type="application/pdf",
                                     extractor="text_layer", page_count=0, title="vuoto", review_state="auto",
                                     archive_dir="a", original_path="a/o", sidecar_path="a/s",
                                     received_at="2024-01-01", archived_at="2024-01-01"), [], [])
    ids.append(job.id)
    assert records.signatures(catalog.conn) == records.signatures(catalog.conn, ids)
    assert len(set(records.signatures(catalog.conn).values())) == 3


def test_broad_queries_rank_their_newest_matches_and_keep_exact_words_first(backend, monkeypatch):
    monkeypatch.setattr(sqlite, "RANK_WINDOW", 2)
    catalog = backend.catalog
    with catalog.transaction():
        old = archive_document(catalog, "Fattura fattura fattura del fornitore")
        exact = [archive_document(catalog, f"Fattura numero {n} del fornitore") for n in range(2)]
        typos = [archive_document(catalog, f"Fatlura numero {n} del fornitore") for n in range(3)]
        backend.documents_changed([old, *exact, *typos])
    newest = backend.search(SearchQuery(text="fattura", page_size=2))
    assert newest.total == 6 and {h.id for h in newest.hits} == set(exact)  # the old best match is outside
    wider = [h.id for h in backend.search(SearchQuery(text="fattura", page_size=4)).hits]
    assert wider[0] == old and set(wider[1:3]) == set(exact) and wider[3] in typos


def test_filtered_broad_queries_rank_the_newest_matches_that_pass_the_filters(backend, monkeypatch):
    monkeypatch.setattr(sqlite, "RANK_WINDOW", 2)
    catalog = backend.catalog
    with catalog.transaction():
        old = archive_document(catalog, "Fattura fattura fattura", supplier_name="Alfa S.r.l.")
        recent = archive_document(catalog, "Fattura numero 1", supplier_name="Alfa S.r.l.")
        others = [archive_document(catalog, f"Fattura numero {n}", supplier_name="Beta S.p.A.") for n in range(3)]
        backend.documents_changed([old, recent, *others])
    one = backend.search(SearchQuery(text="fattura", supplier="alfa", page_size=1))
    assert one.total == 2 and [h.id for h in one.hits] == [recent]  # the old best match is outside the window
    two = backend.search(SearchQuery(text="fattura", supplier="alfa", page_size=2))
    assert [h.id for h in two.hits] == [old, recent]  # the page reaches back for what it needs, ranked


def test_a_query_repeated_after_another_process_wrote_sees_the_write(tmp_path):
    path = tmp_path / "catalog.sqlite3"
    reader, writer = SqliteBackend(Catalog(path)), SqliteBackend(Catalog(path))
    with writer.catalog.transaction():
        first = archive_document(writer.catalog, "Fornitura di una zanzariera")
        writer.documents_changed([first])
    assert hits(reader, "zanzariera") == {first}
    with writer.catalog.transaction():
        second = archive_document(writer.catalog, "Seconda zanzariera")
        writer.documents_changed([second])
    assert hits(reader, "zanzariera") == {first, second}
    with writer.catalog.transaction() as conn:
        conn.execute("DELETE FROM documents WHERE id = ?", (first,))
        writer.documents_changed([first])
    assert hits(reader, "zanzariera") == {second}


def recent_ids(catalog):
    return [r[0] for r in catalog.conn.execute("SELECT rowid FROM search_recent ORDER BY rowid")]


def test_an_index_made_by_an_older_demat_is_brought_up_to_date(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "RECENT", 3)
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    backend = SqliteBackend(catalog)
    with catalog.transaction():
        ids = [archive_document(catalog, f"Fornitura di una zanzariera, lotto {n}") for n in range(5)]
        backend.documents_changed(ids)
    with catalog.transaction() as conn:  # as demat made it before either
        conn.execute("DROP TABLE search_recent")
        conn.execute("DELETE FROM search_meta WHERE key = 'recent_floor'")
        conn.execute(tables.FTS_TABLE.format(name="search_fts_old").replace(", " + tables.PREFIXES, ""))
        conn.execute("INSERT INTO search_fts_old (rowid, title, body) SELECT rowid, title, body FROM search_fts")
        conn.execute("DROP TABLE search_fts")
        conn.execute("ALTER TABLE search_fts_old RENAME TO search_fts")
        conn.execute("ALTER TABLE search_docs ADD COLUMN supplier_key TEXT")  # read by SQL filters then
        conn.execute("ALTER TABLE search_docs ADD COLUMN year TEXT")
    assert "prefix" not in tables.definition(catalog.conn, "search_fts")
    upgraded = SqliteBackend(catalog)
    assert tables.PREFIXES in tables.definition(catalog.conn, "search_fts")
    assert "supplier_key" not in tables.definition(catalog.conn, "search_docs")
    assert "year" not in tables.definition(catalog.conn, "search_docs")
    assert recent_ids(catalog) == ids[-3:]
    assert hits(upgraded, "zan*") == hits(upgraded, "zanzariera") == set(ids)
    assert upgraded.repair() == 0


def test_the_recent_table_keeps_the_newest_ids_through_writes_deletions_and_rebuilds(backend, monkeypatch):
    monkeypatch.setattr(tables, "RECENT", 3)
    catalog = backend.catalog
    with catalog.transaction():
        ids = [archive_document(catalog, f"Bolletta della luce, mese {n}") for n in range(4)]
        backend.documents_changed(ids)
    assert recent_ids(catalog) == ids[1:]
    with catalog.transaction():
        ids.append(archive_document(catalog, "Bolletta del gas"))
        backend.documents_changed(ids[-1:])
        backend.documents_changed(ids[:1])  # a correction to an old document leaves it out
    assert recent_ids(catalog) == ids[2:]
    with catalog.transaction() as conn:
        conn.execute("DELETE FROM documents WHERE id = ?", (ids[-1],))
        backend.documents_changed(ids[-1:])
    assert recent_ids(catalog) == ids[2:4]  # the floor never falls: two ids, not three
    backend.reindex()
    assert recent_ids(catalog) == ids[2:4]
    with catalog.transaction() as conn:
        conn.execute("DELETE FROM search_recent WHERE rowid = ?", (ids[2],))
    assert backend.repair() == 0 and recent_ids(catalog) == ids[2:4]  # a lost row is put back


def test_a_broad_query_is_ranked_in_the_recent_table(backend, monkeypatch):
    monkeypatch.setattr(tables, "RECENT", 4)
    monkeypatch.setattr(sqlite, "RANK_WINDOW", 3)
    catalog = backend.catalog
    with catalog.transaction():
        ids = [archive_document(catalog, "Fattura " * n + "per la pulizia degli uffici", title="Documento")
               for n in (3, 1, 3, 2, 1, 2)]
        backend.documents_changed(ids)
    statements: list[str] = []
    catalog.conn.set_trace_callback(statements.append)
    page = backend.search(SearchQuery(text="fattura", page_size=2))
    catalog.conn.set_trace_callback(None)
    assert page.total == 6
    assert [h.id for h in page.hits] == [ids[3], ids[5]]  # the best of the newest three
    assert any("search_recent MATCH" in sql for sql in statements)


def test_a_filtered_broad_query_ranks_only_what_passes_the_filters(backend, monkeypatch):
    monkeypatch.setattr(tables, "RECENT", 4)
    monkeypatch.setattr(sqlite, "RANK_WINDOW", 3)
    catalog = backend.catalog
    with catalog.transaction():
        ids = [archive_document(catalog, "Fattura " * n + "per la pulizia degli uffici", title="Documento",
                                department=department)
               for n, department in ((3, "acquisti"), (1, "acquisti"), (3, "acquisti"), (1, "acquisti"),
                                     (3, "legale"), (2, "acquisti"))]
        backend.documents_changed(ids)
    page = backend.search(SearchQuery(text="fattura", departments=["acquisti"], page_size=2))
    assert page.total == 5
    assert [h.id for h in page.hits] == [ids[5], ids[3]]  # not ids[4], the best match but in legale
    assert [h.id for h in backend.search(SearchQuery(text="fattura", departments=["amministrazione"])).hits] == []
