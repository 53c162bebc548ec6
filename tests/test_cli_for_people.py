"""The command line as people use it: piped into `head`, run without a terminal, setting a quarantined file aside."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, demat


def started(home: Path, *args: str, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "demat.pipeline.cli", "--home", str(home), *args], cwd=REPO,
                            stderr=subprocess.PIPE, text=True, **options)


@pytest.mark.parametrize("command, exit_codes", [(("status",), {141}), (("review",), {141}),
                                                 (("--help",), {0, 141})])  # argparse's own exit may come first
def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path, command, exit_codes):
    """`demat status | head`: head may close the pipe before demat writes; no traceback, the exit code of SIGPIPE."""
    demat(tmp_path, "status")  # makes the home and its catalog
    process = started(tmp_path, *command, stdout=subprocess.PIPE)
    process.stdout.close()  # the reader is gone before the first line is written
    error = process.stderr.read()
    assert process.wait(60) in exit_codes, error
    assert "Traceback" not in error and "BrokenPipe" not in error


def test_user_add_without_a_terminal_reads_the_password_from_standard_input(tmp_path):
    added = started(tmp_path, "user", "add", "giulia", "--role", "archivist", stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE)
    out, error = added.communicate("una password lunga\n", timeout=60)
    assert added.returncode == 0, error
    assert "giulia" in out
    empty = started(tmp_path, "user", "add", "piero", "--role", "archivist", stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE)
    out, error = empty.communicate(timeout=60)
    assert empty.returncode == 2 and "EOFError" not in error and "Traceback" not in error
    assert "--password-stdin" in error


def test_discard_sets_a_quarantined_file_aside_with_its_reason_and_status_no_longer_lists_it(tmp_path):
    broken = tmp_path / "rotto.pdf"
    broken.write_bytes(b"%PDF-1.4 broken beyond repair")
    home = tmp_path / "home"
    [record] = [json.loads(line) for line in demat(home, "ingest", str(broken), "--json", check=False)
                .stdout.splitlines() if line.strip()]
    assert record["status"] == "quarantined"
    assert "rotto.pdf" in demat(home, "status").stdout
    assert demat(home, "discard", str(record["id"]), "--why", "scansione da rifare").returncode == 0
    aside = home / "quarantine" / "scartati" / "rotto.pdf"
    assert aside.read_bytes() == broken.read_bytes()
    reason = json.loads(aside.with_name("rotto.pdf.error.json").read_text(encoding="utf-8"))
    assert reason["why_discarded"] == "scansione da rifare" and reason["discarded_by"]
    status = demat(home, "status").stdout
    assert "rotto.pdf" not in status and "discarded:" in status
    again = demat(home, "discard", str(record["id"]), check=False)
    assert again.returncode != 0 and "Traceback" not in again.stderr
    assert demat(home, "check").returncode == 0  # a file set aside is not a stray in the quarantine


def test_errors_are_said_in_italian_and_in_english_on_request(tmp_path):
    demat(tmp_path, "status")
    italian = started(tmp_path, "discard", "424242", stdout=subprocess.PIPE, env={**os.environ, "DEMAT_LANGUAGE": "it"})
    english = started(tmp_path, "discard", "424242", stdout=subprocess.PIPE, env={**os.environ, "DEMAT_LANGUAGE": "en"})
    said = {language: process.communicate(timeout=60)[1] for language, process in (("it", italian), ("en", english))}
    assert italian.returncode == english.returncode == 3
    assert "demat: nessun lavoro con id 424242" in said["it"] and "elenca i file in quarantena" in said["it"]
    assert "demat: no job with id 424242" in said["en"] and "lists the quarantined files" in said["en"]


def test_a_bad_layouts_file_is_refused_in_italian_and_in_english_on_request(tmp_path):
    demat(tmp_path, "status")
    bad = tmp_path / "modelli.json"
    bad.write_text('{"format": "un altro programma", "layouts": []}', encoding="utf-8")
    said = {}
    for language in ("it", "en"):
        refused = started(tmp_path, "layouts", "import", str(bad), stdout=subprocess.PIPE,
                          env={**os.environ, "DEMAT_LANGUAGE": language})
        said[language] = refused.communicate(timeout=60)[1]
        assert refused.returncode == 2, said[language]
    assert "non è un file di modelli di fattura dei fornitori" in said["it"]
    assert "Esportalo di nuovo dall'altra installazione" in said["it"]
    assert "not a supplier layouts file" in said["en"] and "Export it again" in said["en"]
    assert "Traceback" not in said["it"] + said["en"]
