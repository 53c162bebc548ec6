"""`demat show`, `demat queue` and the CLI's errors for people: Italian labels, 1.234,56 €, 14/03/2024,
Italian messages; English with DEMAT_LANGUAGE=en."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from demat.web.i18n_formats import amount, date
from helpers import REPO, demat_json_lines, expected, samples_of


def run(home: Path, *args: str, language: str) -> str:
    env = {**os.environ, "DEMAT_LANGUAGE": language}
    return subprocess.run([sys.executable, "-m", "demat.pipeline.cli", "--home", str(home), *args], env=env,
                          capture_output=True, text=True, check=True, cwd=REPO).stdout


def test_show_and_queue_write_amounts_dates_and_labels_as_the_office_reads_them(home: Path):
    sample = samples_of("born_digital", "fattura")[0]
    [record] = demat_json_lines(home, "ingest", str(sample))
    want = expected(sample)["fields"]
    shown = run(home, "show", str(record["id"]), language="it")
    assert amount(want["total"]) in shown and date(want["date"]) in shown
    assert "Fattura" in shown and "Totale" in shown and "Documento" in shown
    assert want["date"] not in shown  # no ISO date for people
    english = run(home, "show", str(record["id"]), language="en")
    assert "Invoice" in english and "Total" in english and amount(want["total"], "en") in english
    department = record["department"]
    run(home, "correct", str(record["id"]), "--department", department, "--user", "anna", language="it")  # looked at
    queue = run(home, "queue", department, language="it")
    assert str(record["id"]) in queue and amount(want["total"]) in queue and date(want["date"]) in queue


def test_a_bad_search_query_is_explained_in_italian_and_in_english_when_asked(home: Path):
    def refused(language: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "DEMAT_LANGUAGE": language}
        return subprocess.run([sys.executable, "-m", "demat.pipeline.cli", "--home", str(home), "search", '"nota di'],
                              env=env, capture_output=True, text=True, cwd=REPO)

    italian, english = refused("it"), refused("en")
    assert italian.returncode == english.returncode == 2
    assert "demat: ricerca '\"nota di': una virgoletta non è chiusa\nChiudi la frase con \"." in italian.stderr
    assert "demat: search query '\"nota di': a quote is not closed\nClose the phrase with \"." in english.stderr
