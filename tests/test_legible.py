"""bench/legible: a value printed in the OCR text counts as legible, however a date is written.

Before, an English invoice's date (`March 15, 2025`, month first) and one
whose month's name was joined by dashes (`11-mar-2025`) counted as not read
though the OCR text held them: the legibility the benches print was too low.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import legible
from demat.kernel.document import Document, Page


@pytest.mark.parametrize("text", ["Invoice date March 15, 2025", "Data documento 15-mar-2025",
                                  "Data 15/03/2025", "Napoli, 15 marzo 2025"])
def test_a_date_however_written_is_legible(text):
    assert legible.Text(text).holds("date", "2025-03-15")


@pytest.mark.parametrize("text", ["Invoice date March 16, 2025", "Data documento 15-apr-2025"])
def test_another_date_is_not(text):
    assert not legible.Text(text).holds("date", "2025-03-15")


def test_the_report_parts_the_scans_by_their_damage(capsys):
    """Which kind of scan loses values in the OCR, tuned and never-tuned apart, so that the never-tuned
    families' loss can be placed without opening one of their documents."""
    def scan(family, damage, text):
        doc = Document(path=Path("x.png"), original_name="x.png", pages=[Page(number=1, text=text)])
        return {"kind": "scan", "family": family, "damage": damage, "fields": {"total": "12.50"}}, doc

    samples = [scan("G1", "fax", "Totale 12,50"), scan("G2", "fax", "Totale 1?,50"), scan("G2", "phone", "Totale 12,50")]
    legible.report(samples, lambda family: family == "G1", lambda name, value, doc: False)
    rows = {line.split()[1]: line for line in capsys.readouterr().out.splitlines() if line.startswith("damage ")}
    assert rows["fax"].split()[2:] == ["1.000", "/", "0.000", "(1)", "0.000", "/", "0.000", "(1)"]
    assert rows["phone"].split()[2:] == ["-", "1.000", "/", "0.000", "(1)"]
