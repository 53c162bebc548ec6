"""The catalog's API behaves the same on a SQLite file and on PostgreSQL; its schema is versioned."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from demat.indexer.catalog import Catalog, open_catalog
from demat.indexer.catalog.dialects import CatalogServerError, postgres_sql
from demat.indexer.catalog.migrations import LATEST, MIGRATIONS
from demat.indexer.search.outbox import OutboxBackend
from demat.kernel.config import load_config
from demat.kernel.errors import ConfigError
from demat.pipeline.faults import machine_fault
from demat.web.sessions import LoginLimiter
from demat.web.users import Users
from servers import free_port
from test_search_contract import archive_document

CATALOGS = Path(__file__).parent / "catalogs"


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    """Where a fresh catalog lives: a SQLite file, or an empty database on the session's PostgreSQL."""
    if request.param == "sqlite":
        return tmp_path / "catalog.sqlite3"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def catalog(location, tmp_path):
    catalog = Catalog(location, home=tmp_path)
    yield catalog
    catalog.close()


def test_a_job_goes_through_its_states(catalog, tmp_path):
    job = catalog.add_job("tok", "scansioni/fattura.pdf")
    second = catalog.add_job("tok2", "lotto.xml", parent_id=job.id, part=1)
    assert (job.id, job.state, second.id) == (1, "claimed", 2)
    catalog.update_job(job.id, "archived", "done", state="archived", archive_dir=str(tmp_path / "archive/a/1"))
    stored = catalog.job_by_token("tok")
    assert stored.state == "archived" and stored.archive_dir == str(tmp_path / "archive/a/1")
    assert [e["step"] for e in catalog.events(job.id)] == ["claimed", "archived"]
    assert catalog.state_counts() == {"archived": 1, "claimed": 1}
    assert [j.id for j in catalog.unfinished_parts(job.id)] == [second.id]
    catalog.drop_unfinished_parts(job.id)
    assert catalog.part_job(job.id, 1) is None and [j.id for j in catalog.jobs(("archived",))] == [job.id]


def test_a_document_reads_back_as_written(catalog, tmp_path):
    with catalog.transaction():
        doc_id = archive_document(catalog, "Fattura 7 del 2024", title="Fattura 7", type="fattura",
                                  department="acquisti", review_state="review",
                                  fields={"total": "12.50", "doc_date": "2024-01-02", "iban": "IT60X"})
    doc = catalog.document(doc_id)
    assert list(doc["fields"]) == ["total", "doc_date", "iban"]  # the order they were written in
    assert doc["fields"]["total"]["value"] == "12.50" and doc["pages"][0]["text"] == "Fattura 7 del 2024"
    assert doc["original_path"] == str(tmp_path / f"archive/{doc_id}/original.pdf")
    assert [r["id"] for r in catalog.review_queue(departments=("acquisti",))] == [doc_id]
    with catalog.transaction():
        catalog.confirm_document(doc_id)
        catalog.conn.execute("INSERT INTO pages VALUES (?, 2, 'pagina due', 'ocr', 0.5)", (doc_id,))
    assert catalog.confirmed_documents() == [("Fattura 7 del 2024\npagina due", "fattura")]
    catalog.set_work_state(doc_id, "done")
    assert [(r["id"], r["work_state"]) for r in catalog.queue("acquisti")] == [(doc_id, "done")]
    assert catalog.document_with_sha(doc["sha256"]) == doc_id and catalog.document_count() == 1


def test_upserts_keep_one_row_and_decide_which_invoice_counts(catalog):
    catalog.confirm_supplier("01234567890", "Rossi srl", None, "anna")
    catalog.confirm_supplier("01234567890", None, "IT60X", "bruno")
    assert catalog.supplier("01234567890") | {"confirmed_at": None} == {
        "vat": "01234567890", "name": "Rossi srl", "iban": "IT60X", "confirmed_by": "bruno", "confirmed_at": None}
    with catalog.transaction():
        pdf = archive_document(catalog, "copia PDF della fattura")
        xml = archive_document(catalog, "FatturaPA")
        notice = archive_document(catalog, "ricevuta di consegna")
        assert catalog.add_invoice_file(pdf, "01234567890|7|2024-01-02", electronic=False) == []
        assert catalog.add_invoice_file(xml, "01234567890|7|2024-01-02", electronic=True) == [pdf]
        catalog.add_sdi_file(xml, "invoice", None, "it01234567890_00007")
        catalog.add_sdi_file(notice, "RC", "123", "it01234567890_00007")
        catalog.add_sdi_file(xml, "invoice", "123", "it01234567890_00007")  # the identifier, learnt later
    assert [(f["id"], f["copy_of"]) for f in catalog.invoice_files(pdf)] == [(xml, None)]
    assert [r["id"] for r in catalog.sdi_related(notice)] == [xml]
    assert catalog.conn.execute("SELECT sdi_identifier FROM sdi_files WHERE document_id = ?", (xml,)).fetchone()[0] == "123"


def test_a_failed_transaction_leaves_nothing(catalog):
    with pytest.raises(RuntimeError), catalog.transaction():
        catalog.add_job("tok", "a.pdf")
        raise RuntimeError("the archive folder could not be written")
    assert catalog.jobs() == [] and catalog.job_by_token("tok") is None
    assert catalog.add_job("tok", "a.pdf").state == "claimed"  # the connection is usable again


def test_web_users_sessions_tokens_and_the_audit_trail(catalog):
    users = Users(catalog)
    users.add("anna", "staff", ["acquisti"], "password-lunga")
    token = users.new_token("anna")
    session = users.start_session("anna")
    assert users.for_token(token).name == "anna" and users.for_session(session).departments == ("acquisti",)
    assert users.check_password("anna", "password-lunga") and not users.check_password("anna", "sbagliata")
    assert users.revoke_tokens("anna") == 1 and users.for_token(token) is None
    limiter = LoginLimiter(catalog)
    for _ in range(LoginLimiter.MAX_FAILURES):
        limiter.failed("anna", "10.0.0.1")
    assert limiter.blocked("anna", "10.0.0.1") and not limiter.blocked("anna", "10.0.0.2")
    catalog.record_audit("anna", "view", None, {"indirizzo": "10.0.0.1"})
    [entry] = catalog.audit_trail()
    assert (entry["user"], entry["action"], entry["detail"]) == ("anna", "view", {"indirizzo": "10.0.0.1"})
    users.delete("anna")
    assert users.for_session(session) is None


def test_the_outbox_bumps_a_version_per_change(catalog):
    outbox = OutboxBackend(catalog)
    outbox.documents_changed([5, 6])
    outbox.documents_changed([5])
    rows = catalog.conn.execute("SELECT doc_id, version FROM search_outbox ORDER BY doc_id").fetchall()
    assert [tuple(r) for r in rows] == [(5, 2), (6, 1)]


def test_each_migration_is_applied_once_and_recorded(location, tmp_path):
    opened = []
    threads = [threading.Thread(target=lambda: opened.append(Catalog(location, home=tmp_path))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(opened) == 4  # several processes starting at once on a new catalog: one makes it
    catalog = Catalog(location, home=tmp_path)
    rows = catalog.conn.execute("SELECT version, description FROM schema_migrations ORDER BY version").fetchall()
    assert [tuple(r) for r in rows] == [(m.version, m.description) for m in MIGRATIONS]
    assert catalog.schema_version() == LATEST


@pytest.mark.parametrize("version", [1, 2])
def test_a_catalog_written_by_an_older_demat_upgrades_in_place(version, tmp_path):
    """tests/catalogs/vN.sql: the catalog that demat's code at schema version N wrote (see README there)."""
    home = tmp_path / "var"
    home.mkdir()
    with sqlite3.connect(home / "catalog.sqlite3") as conn:
        conn.executescript((CATALOGS / f"v{version}.sql").read_text())
    catalog = Catalog(home / "catalog.sqlite3")
    assert catalog.schema_version() == LATEST
    recorded = [r[0] for r in catalog.conn.execute("SELECT description FROM schema_migrations ORDER BY version")]
    assert [d.endswith("(older demat)") for d in recorded] == [m.version <= version for m in MIGRATIONS]
    doc = catalog.document(1)
    assert doc["original_path"] == str(home / "archive/acquisti/2024/01/000001/fattura 1.pdf")
    assert list(doc["fields"]) == ["total", "doc_date", "supplier_vat"]
    assert catalog.job(1).archive_dir == doc["archive_dir"] and catalog.job(1).held_until is None
    assert catalog.audit_trail(1)[0]["user"] == "anna" and catalog.supplier("09876543210")["name"] == "Bianchi S.p.A."
    with catalog.transaction():  # the tables an older demat may not have had work
        assert catalog.add_invoice_file(1, "01234567890|12|2024-01-15", electronic=False) == []
    Catalog(home / "catalog.sqlite3")  # opened again: nothing left to do
    assert catalog.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)


def test_placeholders_become_psycopg_ones_outside_string_literals():
    assert postgres_sql("SELECT * FROM t WHERE a = ? AND b LIKE '/%?' AND c = :name AND d::text = '%:x'") == (
        "SELECT * FROM t WHERE a = %s AND b LIKE '/%%?' AND c = %(name)s AND d::text = '%%:x'")


def test_an_unreachable_server_is_a_clear_error_and_the_machines_fault(tmp_path):
    url = f"postgresql://demat:segreto@127.0.0.1:{free_port()}/demat"
    with pytest.raises(CatalogServerError, match="127.0.0.1") as error:
        Catalog(url, home=tmp_path)
    assert "segreto" not in str(error.value) and "[catalog] url" in error.value.action
    assert "PostgreSQL server" in machine_fault(error.value)  # a document meeting it is held, not quarantined


def test_the_catalog_url_puts_the_search_index_beside_it(tmp_path, postgres_url):
    (tmp_path / "demat.toml").write_text(f'[catalog]\nurl = "{postgres_url}"\n')
    config = load_config(tmp_path, environ={})
    assert (config.search.backend, config.search.postgresql_url) == ("postgresql", postgres_url)
    assert open_catalog(config).dialect.name == "postgresql"
    (tmp_path / "demat.toml").write_text(f'[catalog]\nurl = "{postgres_url}"\n[search]\nbackend = "sqlite"\n')
    with pytest.raises(ConfigError, match="catalog is on PostgreSQL"):
        load_config(tmp_path, environ={})


def test_without_a_catalog_url_the_sqlite_file_stays_the_default(tmp_path):
    config = load_config(tmp_path, environ={})
    catalog = open_catalog(config)
    assert catalog.dialect.name == "sqlite" and (tmp_path / "catalog.sqlite3").exists()
    assert config.search.backend == "sqlite"
