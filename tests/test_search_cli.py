"""The search, export and reindex commands, run as a user runs them."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from demat.indexer.catalog import Catalog
from demat.indexer.search import open_search
from demat.kernel.config import load_config
from helpers import demat
from test_search_contract import DOCUMENTS, archive_document


def fill(home):
    catalog = Catalog(home / "catalog.sqlite3")
    backend = open_search(load_config(home, environ={}), catalog)
    with catalog.transaction():
        ids = {name: archive_document(catalog, **values) for name, values in DOCUMENTS.items()}
        backend.documents_changed(list(ids.values()))
    catalog.close()
    return ids


def test_search_prints_hits_snippets_and_facets(home):
    ids = fill(home)
    out = demat(home, "search", "fatlura", "--department", "amministrazione").stdout
    assert out.startswith("2 documents found")
    assert f"#{ids['invoice']}  Fattura 101 Enel" in out and "[Fattura] n. 101" in out
    assert "14/03/2024  Enel Energia S.p.A.  1.220,00 €" in out
    assert "type: fattura (1), nota_credito (1)" in out
    page = json.loads(demat(home, "search", "--supplier", "IT00934061003", "--min-amount", "1.220,00",
                            "--from", "01/01/2024", "--sort", "date", "--json").stdout)
    assert [h["id"] for h in page["hits"]] == [ids["invoice"], ids["contract"]]
    assert page["hits"][0]["total"] == "1220.00" and page["facets"]["year"] == {"2024": 2}


def test_bad_input_is_a_usage_error(home):
    for args in (["fattura", "--from", "31/02/2024"], ["(fattura"], ["x", "--max-amount", "tanti"]):
        result = demat(home, "search", *args, check=False)
        assert result.returncode == 2 and result.stderr.startswith("demat: ")


def test_reindex_and_export(home, tmp_path):
    ids = fill(home)
    assert demat(home, "reindex").stdout.strip() == "5 documents indexed (sqlite)"
    assert json.loads(demat(home, "search", "bonifico", "--json").stdout)["hits"][0]["id"] == ids["invoice"]
    target = tmp_path / "fatture.xlsx"
    result = demat(home, "export", "invoices", "--format", "xlsx", "-o", str(target), "--to", "2024-12-31")
    assert result.stderr.strip() == "2 invoices exported"
    rows = list(load_workbook(target)["Fatture"].values)
    assert [r[1] for r in rows[1:]] == ["nota_credito", "fattura"]
    assert demat(home, "export", "invoices", "--format", "xlsx", check=False).returncode == 2
