"""One contract for every search backend: what an archivist can rely on.

Runs against the embedded backend and a private PostgreSQL server (started
once per session, tests/servers.py) always, and against Elasticsearch when
DEMAT_ES_URL names a server (otherwise those cases are reported as skipped).
Every expectation is a set of document ids worked out from the small archive
below, so a backend passes only if it really stems, folds, forgives typos,
filters and counts.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from decimal import Decimal

import pytest

from demat.indexer.catalog import Catalog
from demat.indexer.search import SearchQuery, open_search
from demat.kernel.config import load_config
from demat.kernel.errors import UsageError

ENEL_VAT = "00934061003"
ROSSI_VAT = "01234567897"


def archive_document(catalog: Catalog, text: str, *, title: str = "", type: str | None = None,
                     department: str | None = None, supplier_name: str | None = None,
                     supplier_vat: str | None = None, total: str | None = None, doc_date: str | None = None,
                     archived_at: str = "2024-12-31T10:00:00+00:00", review_state: str = "auto",
                     fields: dict | None = None, checks: dict | None = None) -> int:
    """Insert one archived document the way the runner does (call inside catalog.transaction())."""
    token = uuid.uuid4().hex
    job = catalog.add_job(token, f"{token}.pdf")
    catalog.insert_document(
        dict(id=job.id, sha256=token, part=0, original_name=f"scansioni/{token}.pdf", media_type="application/pdf",
             extractor="text_layer", page_count=1, title=title or text[:40], type=type, department=department,
             review_state=review_state, doc_date=doc_date, supplier_name=supplier_name,
             supplier_vat=supplier_vat, total=total, archive_dir=f"archive/{job.id}",
             original_path=f"archive/{job.id}/original.pdf", sidecar_path=f"archive/{job.id}/document.json",
             received_at=archived_at, archived_at=archived_at),
        [dict(document_id=job.id, number=1, text=text, source="text_layer", confidence=1.0)],
        [dict(document_id=job.id, name=name, value=json.dumps(value), raw=str(value), confidence=1.0,
              page=1, box=None, checks=json.dumps((checks or {}).get(name, [])))
         for name, value in (fields or {}).items()])
    return job.id


DOCUMENTS = {
    "invoice": dict(
        text="Fattura n. 101 per la fornitura di energia elettrica.\nPagamento con bonifico bancario "
             "entro la scadenza. Sede operativa nella città di Milano.",
        title="Fattura 101 Enel", type="fattura", department="amministrazione", supplier_name="Enel Energia S.p.A.",
        supplier_vat=ENEL_VAT, total="1220.00", doc_date="2024-03-14", fields={"iban": "IT60X0542811101000000123456"}),
    "credit_note": dict(
        text="Nota di credito a storno delle fatture precedenti. I pagamenti ricevuti dalle banche "
             "saranno rimborsati.",
        title="Nota di credito 7", type="nota_credito", department="amministrazione",
        supplier_name="Società Idrica Lombarda", total="-150.00", doc_date="2023-11-02"),
    "ddt": dict(
        text="Documento di trasporto: colli 4, peso 120 kg, vettore Rossi. Causale: vendita.",
        title="DDT 55", type="ddt", department="acquisti", supplier_name="Trasporti Rossi srl",
        supplier_vat=ROSSI_VAT, doc_date="2024-07-01"),
    "letter": dict(
        text="Spett.le azienda, con la presente comunichiamo che la consegna è ritardata. Distinti saluti.",
        title="Lettera consegna", type="lettera", department="segreteria",
        archived_at="2022-05-10T09:00:00+00:00", review_state="review"),
    "contract": dict(
        text="Contratto di fornitura tra le parti. Articolo 1: oggetto del contratto. Sede vicino al parco di Monza.",
        title="Contratto fornitura", type="contratto", department="legale", supplier_name="Enel Energia S.p.A.",
        supplier_vat=ENEL_VAT, total="5000.00", doc_date="2024-01-20"),
}
NAMES = list(DOCUMENTS)


def _sqlite(catalog, tmp_path, request):
    return open_search(load_config(tmp_path, environ={}), catalog)


def _postgresql(catalog, tmp_path, request):
    url = request.getfixturevalue("postgres_url")  # a database of its own on the session's private server
    config = load_config(tmp_path, environ={"DEMAT_PG_URL": url}, overrides={"search": {"backend": "postgresql"}})
    return open_search(config, catalog)


def _elasticsearch(catalog, tmp_path, request):
    url = os.environ.get("DEMAT_ES_URL")
    if not url:
        pytest.skip("DEMAT_ES_URL not set: no Elasticsearch server to test against")
    index = f"demat-test-{uuid.uuid4().hex[:12]}"
    config = load_config(tmp_path, environ={"DEMAT_ES_URL": url},
                         overrides={"search": {"backend": "elasticsearch", "elasticsearch_index": index}})
    return open_search(config, catalog)


@pytest.fixture(params=[_sqlite, _postgresql, _elasticsearch], ids=["sqlite", "postgresql", "elasticsearch"])
def backend(request, tmp_path):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    engine = request.param(catalog, tmp_path, request)
    yield engine
    if request.param is _elasticsearch:
        engine.es.indices.delete(index=engine.index, ignore_unavailable=True)
    if request.param is _postgresql:
        engine.close()
    catalog.close()


@pytest.fixture
def archive(backend):
    """The backend with the five documents above indexed: (backend, {name: id})."""
    catalog = backend.catalog
    with catalog.transaction():
        ids = {name: archive_document(catalog, **values) for name, values in DOCUMENTS.items()}
        backend.documents_changed(list(ids.values()))
    backend.flush()
    return backend, ids


def found(backend, text="", **filters) -> set[int]:
    page = backend.search(SearchQuery(text=text, page_size=100, **filters))
    assert page.total == len(page.hits)
    return {hit.id for hit in page.hits}


def named(ids, *names) -> set[int]:
    return {ids[n] for n in names}


def test_stemming_finds_other_forms_both_ways(archive):
    backend, ids = archive
    assert found(backend, "fatture") >= named(ids, "invoice")  # plural query, singular text
    assert found(backend, "fattura") >= named(ids, "credit_note")  # singular query, plural text
    assert found(backend, "banca") == named(ids, "credit_note")  # 'banche': two letters apart, so no typo match
    assert found(backend, "parchi") == named(ids, "contract")  # 'parco'


def test_accents_are_folded(archive):
    backend, ids = archive
    assert found(backend, "citta") == named(ids, "invoice")
    assert found(backend, "CITTÀ") == named(ids, "invoice")
    assert found(backend, "societa idrica") == named(ids, "credit_note")


def test_stop_words_are_ignored(archive):
    backend, ids = archive
    assert found(backend, "della") == set()
    assert found(backend, "fornitura della energia") == named(ids, "invoice", "contract")  # Enel Energia
    assert found(backend, '"fornitura della energia"') == named(ids, "invoice")


def test_words_with_one_or_two_wrong_letters_still_match(archive):
    backend, ids = archive
    both = named(ids, "invoice", "credit_note")
    assert found(backend, "fattura") == both
    assert found(backend, "fatlura") == both
    assert found(backend, "fqtlura") == both
    assert found(backend, "bonifcio") == named(ids, "invoice")
    assert found(backend, "fqtlxra") == set()  # three wrong letters is another word


def test_exact_words_rank_above_their_typo_variants(backend):
    with backend.catalog.transaction():
        typo = archive_document(backend.catalog, "Fatlura numero 9 del fornitore")
        exact = archive_document(backend.catalog, "Fattura numero 9 del fornitore")
        backend.documents_changed([typo, exact])
    backend.flush()
    assert [hit.id for hit in backend.search(SearchQuery(text="fattura")).hits] == [exact, typo]


def test_phrases_keep_word_order(archive):
    backend, ids = archive
    assert found(backend, '"nota di credito"') == named(ids, "credit_note")
    assert found(backend, '"credito nota"') == set()


def test_boolean_operators(archive):
    backend, ids = archive
    assert found(backend, "fornitura contratto") == named(ids, "contract")
    assert found(backend, "fornitura AND contratto") == named(ids, "contract")
    assert found(backend, "trasporto OR contratto") == named(ids, "ddt", "contract")
    assert found(backend, "fornitura NOT contratto") == named(ids, "invoice")
    assert found(backend, "(trasporto OR consegna) NOT ritardata") == named(ids, "ddt")


def test_prefix(archive):
    backend, ids = archive
    assert found(backend, "forn*") == named(ids, "invoice", "contract")
    assert found(backend, "rimbors*") == named(ids, "credit_note")


def test_bad_syntax_is_a_usage_error(archive):
    backend, _ = archive
    for text in ('"nota di', "(fattura", "NOT fattura", "fattura OR"):
        with pytest.raises(UsageError):
            backend.search(SearchQuery(text=text))


def test_each_filter(archive):
    backend, ids = archive
    assert found(backend, types=["fattura", "ddt"]) == named(ids, "invoice", "ddt")
    assert found(backend, departments=["amministrazione"]) == named(ids, "invoice", "credit_note")
    assert found(backend, supplier="enel") == named(ids, "invoice", "contract")
    assert found(backend, supplier="societa") == named(ids, "credit_note")
    assert found(backend, supplier=ENEL_VAT) == named(ids, "invoice", "contract")
    assert found(backend, supplier="IT" + ROSSI_VAT) == named(ids, "ddt")
    assert found(backend, date_from=dt.date(2024, 1, 20)) == named(ids, "invoice", "ddt", "contract")
    assert found(backend, date_to=dt.date(2023, 12, 31)) == named(ids, "credit_note", "letter")
    assert found(backend, date_from=dt.date(2022, 5, 10), date_to=dt.date(2022, 5, 10)) == named(ids, "letter")
    assert found(backend, amount_min=Decimal("1220.00")) == named(ids, "invoice", "contract")
    assert found(backend, amount_max=Decimal("0")) == named(ids, "credit_note")
    assert found(backend, amount_min=Decimal("-150"), amount_max=Decimal("1220")) == named(
        ids, "invoice", "credit_note")
    assert found(backend, review_state="review") == named(ids, "letter")
    assert found(backend, "fornitura", types=["contratto"]) == named(ids, "contract")


def test_facet_counts(archive):
    backend, _ = archive
    facets = backend.search(SearchQuery()).facets
    assert facets["type"] == {"contratto": 1, "ddt": 1, "fattura": 1, "lettera": 1, "nota_credito": 1}
    assert facets["department"] == {"amministrazione": 2, "acquisti": 1, "legale": 1, "segreteria": 1}
    assert facets["supplier"] == {"Enel Energia S.p.A.": 2, "Società Idrica Lombarda": 1, "Trasporti Rossi srl": 1}
    assert facets["year"] == {"2024": 3, "2023": 1, "2022": 1}
    narrowed = backend.search(SearchQuery(text="fornitura", departments=["amministrazione", "legale"]))
    assert narrowed.total == 2
    assert narrowed.facets["department"] == {"amministrazione": 1, "legale": 1}
    assert narrowed.facets["supplier"] == {"Enel Energia S.p.A.": 2}
    assert narrowed.facets["year"] == {"2024": 2}


def test_snippet_highlights_the_matched_word(archive):
    backend, ids = archive
    hit, = backend.search(SearchQuery(text="bonifico")).hits
    assert hit.id == ids["invoice"]
    assert "[bonifico]" in hit.snippet
    assert "<mark>bonifico</mark>" in hit.snippet_html
    hit, = backend.search(SearchQuery(text="trasporti", types=["ddt"])).hits
    assert "[trasporto]" in hit.snippet  # the text's own form, found through the stem
    hit, = backend.search(SearchQuery(text="consegna")).hits
    assert "&lt;" not in hit.snippet_html and "[consegna]" in hit.snippet


def test_hit_carries_the_document_values(archive):
    backend, ids = archive
    hit, = backend.search(SearchQuery(text="bonifico")).hits
    assert (hit.title, hit.type, hit.department, hit.date, hit.supplier_name, hit.total) == (
        "Fattura 101 Enel", "fattura", "amministrazione", dt.date(2024, 3, 14), "Enel Energia S.p.A.",
        Decimal("1220.00"))


def test_fields_are_searchable(archive):
    backend, ids = archive
    assert found(backend, "IT60X0542811101000000123456") == named(ids, "invoice")


def test_sort_by_date_newest_first(archive):
    backend, ids = archive
    page = backend.search(SearchQuery(sort="date", page_size=10))
    assert [hit.id for hit in page.hits] == [ids[n] for n in ("ddt", "invoice", "contract", "credit_note", "letter")]
    page = backend.search(SearchQuery(text="fornitura", sort="date"))
    assert [hit.id for hit in page.hits] == [ids["invoice"], ids["contract"]]


def test_pages(archive):
    backend, ids = archive
    seen = []
    for number in (1, 2, 3):
        page = backend.search(SearchQuery(sort="date", page=number, page_size=2))
        assert page.total == 5
        seen += [hit.id for hit in page.hits]
    assert seen == [ids[n] for n in ("ddt", "invoice", "contract", "credit_note", "letter")]
    assert backend.search(SearchQuery(page=4, page_size=2)).hits == []


def test_changed_document_is_found_by_its_new_words_only(archive):
    backend, ids = archive
    catalog = backend.catalog
    with catalog.transaction() as conn:
        conn.execute("UPDATE pages SET text = 'Preventivo per manutenzione caldaia' WHERE document_id = ?",
                     (ids["ddt"],))
        conn.execute("UPDATE documents SET type = 'preventivo' WHERE id = ?", (ids["ddt"],))
        backend.documents_changed([ids["ddt"]])
    backend.flush()
    assert found(backend, "vettore") == set()
    assert found(backend, "caldaia") == named(ids, "ddt")
    assert found(backend, types=["preventivo"]) == named(ids, "ddt")


def test_deleted_document_leaves_the_index(archive):
    backend, ids = archive
    delete_document(backend.catalog, ids["ddt"])
    with backend.catalog.transaction():
        backend.documents_changed([ids["ddt"]])
    backend.flush()
    assert found(backend, "trasporto") == set()
    assert backend.search(SearchQuery()).total == 4


def delete_document(catalog, doc_id):
    with catalog.transaction() as conn:
        conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def test_repair_after_a_crash_that_never_told_the_index(archive):
    backend, ids = archive
    catalog = backend.catalog
    with catalog.transaction() as conn:  # the index is told nothing of these three changes
        new = archive_document(catalog, "Estratto conto della banca con saldo finale", type="estratto_conto")
        conn.execute("UPDATE pages SET text = 'Preventivo caldaia' WHERE document_id = ?", (ids["ddt"],))
    delete_document(catalog, ids["letter"])
    assert found(backend, "saldo") == set()
    assert backend.repair() == 3
    assert found(backend, "saldo") == {new}
    assert found(backend, "caldaia") == named(ids, "ddt")
    assert found(backend, "vettore") == set()
    assert found(backend, "consegna") == set()
    assert backend.repair() == 0


def test_reindex_rebuilds_everything(archive):
    backend, ids = archive
    with backend.catalog.transaction():
        new = archive_document(backend.catalog, "Modello F24 sezione erario", type="f24")
    calls = []
    assert backend.reindex(progress=lambda done, total: calls.append((done, total))) == 6
    assert calls[-1] == (6, 6)
    assert found(backend, "erario") == {new}
    assert found(backend, "fatlura") == named(ids, "invoice", "credit_note")
    assert backend.search(SearchQuery()).total == 6
