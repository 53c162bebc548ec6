"""`demat migrate` moves a SQLite home into PostgreSQL, and demat then runs on it: watch, search, export."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import httpx
import pytest

from demat.indexer.catalog import Catalog
from demat.indexer.catalog.transfer import check, move, tables_to_move
from demat.web.sessions import LoginLimiter
from demat.web.users import Users
from helpers import demat, samples_of, wait_for
from servers import free_port
from webhelpers import served

FEW = 2  # documents of each kind: born-digital PDFs and FatturaPA (OCR'd scans are the slow kind, left out)


def _samples() -> list[Path]:
    return samples_of("born_digital")[:FEW] + samples_of("fatturapa")[:FEW]


def _archived_home(home: Path) -> None:
    demat(home, "ingest", *map(str, _samples()))
    Users(Catalog(home / "catalog.sqlite3")).add("anna", "archivist", [], "password-lunga")


def _use_postgres(home: Path, url: str) -> None:
    with open(home / "demat.toml", "a", encoding="utf-8") as toml:
        toml.write(f'[catalog]\nurl = "{url}"\n')


def _everything(home: Path) -> tuple[int, set[tuple], dict]:
    page = json.loads(demat(home, "search", "--json", "--page-size", "100").stdout)
    return page["total"], {(h["id"], h["title"]) for h in page["hits"]}, page["facets"]


def _verification(out: str) -> list[str]:
    return [line.split() for line in out.splitlines() if line.startswith("  ")]


def test_a_sqlite_home_moved_to_postgresql_finds_and_exports_the_same(home: Path, postgres_url):
    _archived_home(home)
    found = _everything(home)
    fattura = json.loads(demat(home, "search", "fattura", "--json").stdout)["total"]
    export = demat(home, "export", "invoices").stdout
    out = demat(home, "migrate", "--to", postgres_url).stdout
    checks = _verification(out)
    assert checks and all(c[-1] == "uguale" for c in checks), out
    assert {c[0] for c in checks} >= {"jobs", "job_events", "documents", "pages", "fields", "web_users"}
    assert f"{found[0]} documenti indicizzati (postgresql)" in out and "[catalog] url" in out
    assert demat(home, "migrate", "--to", postgres_url).stdout.count("uguale") == len(checks)  # again: nothing to do

    _use_postgres(home, postgres_url)
    (home / "catalog.sqlite3").rename(home / "catalog.sqlite3.moved")  # from now on only PostgreSQL answers
    assert _everything(home) == found
    assert json.loads(demat(home, "search", "fattura", "--json").stdout)["total"] == fattura
    assert demat(home, "export", "invoices").stdout == export
    assert "the catalog and the files agree" in demat(home, "check").stdout
    token = demat(home, "user", "token", "anna").stdout.strip()  # the user came along
    with served(home) as (base, _):
        headers = {"Authorization": f"Bearer {token}"}
        page = httpx.get(f"{base}/api/search", params={"q": "fattura"}, headers=headers, timeout=60).json()
        assert page["total"] == fattura
        doc_id = page["hits"][0]["id"]
        assert httpx.get(f"{base}/api/documents/{doc_id}", headers=headers, timeout=60).status_code == 200
    assert Catalog(postgres_url, home=home).audit_trail(doc_id)[0]["user"] == "anna"


def test_a_move_that_stopped_half_way_continues(home: Path, postgres_url):
    _archived_home(home)

    def stop_at_pages(table, done, total):
        if table == "pages":
            raise KeyboardInterrupt  # the operator's Ctrl-C, after the documents and their pages went over

    target = Catalog(postgres_url, home=home)
    Users(target)  # as `demat migrate` does first
    LoginLimiter(target)
    with pytest.raises(KeyboardInterrupt):
        move(Catalog(home / "catalog.sqlite3"), target, stop_at_pages)
    source = Catalog(home / "catalog.sqlite3")
    assert target.document_count() == source.document_count()
    assert not all(check(source, target, table).same for table in tables_to_move(source))  # half-way indeed
    out = demat(home, "migrate", "--to", postgres_url).stdout
    checks = _verification(out)
    assert checks and all(c[-1] == "uguale" for c in checks), out
    assert target.document(1)["pages"] == source.document(1)["pages"]


def test_a_database_holding_another_homes_documents_is_refused(home: Path, tmp_path: Path, postgres_url):
    _archived_home(home)
    other = Catalog(postgres_url, home=tmp_path)
    for n in range(len(_samples()) + 1):
        other.add_job(f"other-{n}", f"altro-{n}.pdf")
    result = demat(home, "migrate", "--to", postgres_url, check=False)
    assert result.returncode == 1 and "non è vuoto" in result.stderr and "database vuoto" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreachable_server_or_no_target_are_clear_errors(home: Path):
    _archived_home(home)
    result = demat(home, "migrate", "--to", f"postgresql://demat:segreto@127.0.0.1:{free_port()}/demat", check=False)
    assert result.returncode == 1 and "impossibile aprire il catalogo su" in result.stderr
    assert "segreto" not in result.stderr and "Traceback" not in result.stderr
    result = demat(home, "migrate", check=False)
    assert result.returncode != 0 and "[catalog] url" in result.stderr


def test_watch_search_and_export_with_catalog_and_index_on_postgresql(home: Path, watch, postgres_url):
    _use_postgres(home, postgres_url)
    watcher = watch()
    for sample in _samples():
        shutil.copy(sample, home / "inbox" / sample.name)
    catalog = Catalog(postgres_url, home=home)
    wait_for(lambda: catalog.state_counts().get("archived", 0) >= len(_samples()), 300,
             lambda: f"archived: {catalog.state_counts()}\n{watcher.output()}")
    assert not (home / "catalog.sqlite3").exists()
    total, hits, facets = _everything(home)
    assert total >= len(_samples()) and facets
    assert json.loads(demat(home, "search", "fattura", "--json").stdout)["total"] >= FEW
    rows = demat(home, "export", "invoices").stdout.strip().splitlines()
    assert len(rows) - 1 >= FEW  # a header, then one row per invoice
    archived = catalog.state_counts()["archived"]  # not the word "archived": status always lists every state
    assert re.search(rf"archived:\s+{archived}\n", demat(home, "status").stdout)
