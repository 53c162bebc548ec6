"""The whole path on real parts: a scan dropped into a running watcher, found by search."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber

from demat.indexer.catalog import Catalog
from helpers import REPO, demat, demat_json_lines, expected, samples_of, wait_for


def test_a_scanned_invoice_dropped_in_the_inbox_is_archived_and_found(home: Path, watch):
    scan = next(p for p in samples_of("scan", "fattura") if p.suffix == ".pdf")
    want = expected(scan)["fields"]
    watcher = watch()
    inbox = home / "inbox" / "scanner-2"
    inbox.mkdir(parents=True)
    shutil.copyfile(scan, inbox / scan.name)
    catalog_path = home / "catalog.sqlite3"
    wait_for(lambda: catalog_path.exists() and Catalog(catalog_path).document_count() == 1, 300,
             lambda: f"the scan archived; watcher said:\n{watcher.output()}")
    assert not (inbox / scan.name).exists()

    shown = json.loads(demat(home, "show", "1", "--json").stdout)
    assert shown["type"] == "fattura"
    assert shown["department"] == "amministrazione"
    assert shown["original_name"] == f"scanner-2/{scan.name}"
    fields = {name: f["value"] for name, f in shown["fields"].items()}
    for name in ("number", "supplier_vat", "total", "date"):
        assert fields.get(name) == want[name], (name, fields.get(name), want[name])
    folder = Path(shown["archive_dir"])
    assert folder.relative_to(home / "archive").parts[0] == "amministrazione"
    assert (folder / scan.name).read_bytes() == scan.read_bytes()
    with pdfplumber.open(folder / "searchable.pdf") as pdf:
        assert want["number"] in pdf.pages[0].extract_text()
    sidecar = json.loads((folder / "document.json").read_text())
    assert sidecar["fields"]["total"]["value"] == want["total"]

    supplier_word = want["supplier_name"].split()[0]
    found = demat(home, "search", supplier_word, "--type", "fattura").stdout
    assert scan.name in found or want["supplier_name"] in found
    # A first invoice from a supplier nobody confirmed waits in review, not in the queue.
    assert shown["review_state"] == "review"
    assert any(r["code"] == "unknown_supplier" and r["vat"] == want["supplier_vat"] for r in shown["review_reasons"])
    assert "scanner-2/" + scan.name in demat(home, "review").stdout
    assert demat(home, "queue", "amministrazione").stdout.strip().endswith(("è vuota.", "is empty."))


def test_ingest_json_reports_each_document_with_fields_and_checks(home: Path):
    sample = samples_of("born_digital", "fattura")[0]
    want = expected(sample)
    [record] = demat_json_lines(home, "ingest", str(sample))
    assert set(record) >= {"id", "file", "status", "type", "type_confidence", "department", "fields",
                           "review_reasons"}
    assert record["status"] == "archived" and record["type"] == "fattura"
    vat = record["fields"]["supplier_vat"]
    assert vat["value"] == want["fields"]["supplier_vat"]
    assert any(c["name"] == "partita_iva" and c["passed"] for c in vat["checks"])
    assert record["fields"]["total"]["value"] == want["fields"]["total"]


def test_help_answers_without_loading_the_heavy_libraries():
    probe = ("import sys, contextlib, io\n"
             "from demat.pipeline import cli\n"
             "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
             "    cli.main(['--help'])\n"
             "print(sorted(m for m in ('spacy', 'pytesseract', 'pdfplumber', 'watchdog', 'elasticsearch', 'PIL')"
             " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "[]"
    helptext = subprocess.run([sys.executable, "-m", "demat.pipeline.cli", "--help"], capture_output=True, text=True,
                              cwd=REPO, check=True).stdout
    for command in ("watch", "ingest", "search", "show", "status", "queue", "retry", "export"):
        assert command in helptext


def test_a_bad_setting_stops_the_command_with_a_clear_message(home: Path):
    (home / "demat.toml").write_text("[watch]\nsettle_secs = 1\n")
    result = demat(home, "status", check=False)
    assert result.returncode == 2
    assert "impostazione watch.settle_secs sconosciuta" in result.stderr  # the CLI speaks Italian


def test_a_bad_routing_file_stops_the_start_and_quarantines_nothing(home: Path):
    (home / "routing.toml").write_text('default_department = "segreteria"\n\n[[rule]]\ntype = "fattura"\n'
                                       'department = "contabilita"\n')
    result = demat(home, "ingest", str(samples_of("born_digital", "fattura")[0]), check=False)
    assert result.returncode == 2
    assert "routing.toml:" in result.stderr and "contabilita" in result.stderr
    assert list((home / "quarantine").iterdir()) == []
