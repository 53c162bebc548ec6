"""bench/legible: a value printed in the OCR text counts as legible, however a date is written.

Before, an English invoice's date (`March 15, 2025`, month first) and one
whose month's name was joined by dashes (`11-mar-2025`) counted as not read
though the OCR text held them: the legibility the benches print was too low.
So did a figure OCR printed with a letter for a digit (`2:B99,27`), an
identifier whose own letter it printed as a figure, and an IBAN in groups.
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


@pytest.mark.parametrize(("name", "value", "text"), [
    ("total", "2899.27", "2.376,45 522,82 2:B99,27 | 22%"),  # a lowres scan's total: its 8 read as a B
    ("supplier_vat", "IE3033023W", "VAT No. 1E3033023W"),  # an Irish VAT number: its I read as a 1
    ("iban", "IT21I0886829871767163388751", "IBAN IT21 10886829871767163388751"),  # the letter inside it too
    ("supplier_tax_code", "BLLGRG58R01L407X", "CF. BLLGRGS8R01L407X"),  # a figure read as a letter
    ("iban", "IT60X0542811101000000123456", "IBAN IT60 X054 2811 1010 0000 0123 456"),  # printed in groups
])
def test_a_value_ocr_printed_with_look_alikes_or_in_groups_is_legible(name, value, text):
    """Values of tuned scans the fields stage read right (it repairs look-alikes) that the measure
    counted as lost: never-tuned amounts were right more often than legible (0.761 against 0.688)."""
    assert all(legible.Text(text).holds(name, s) for s in legible.searched_values(name, value))


@pytest.mark.parametrize(("name", "value", "text"), [
    ("total", "2899.27", "2.376,45 522,82 2:B98,27"),
    ("iban", "IT60X0542811101000000123456", "IBAN IT60 X054 2811 1010 0000 0123 457"),
])
def test_a_value_misread_is_still_not(name, value, text):
    assert not all(legible.Text(text).holds(name, s) for s in legible.searched_values(name, value))


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


def test_the_report_parts_the_scans_by_their_fields(capsys):
    """Which field the fields stage loses where the OCR text holds it, never-tuned apart: a group's
    figure (identifiers .958 legible, .913 right) does not say whether the number or a P.IVA is lost."""
    def scan(fields, text):
        doc = Document(path=Path("x.png"), original_name="x.png", pages=[Page(number=1, text=text)])
        return {"kind": "scan", "family": "G2", "damage": "lowres", "fields": fields}, doc

    samples = [scan({"total": "12.50", "number": "A-17"}, "Fattura A-17 Totale 12,50"), scan({"total": "9.00"}, "Totale")]
    legible.report(samples, lambda family: False, lambda name, value, doc: name == "number")
    rows = {line.split()[1]: line for line in capsys.readouterr().out.splitlines() if line.startswith("field ")}
    assert rows["total"].split()[2:] == ["-", "0.500", "/", "0.000", "(2)"]
    assert rows["number"].split()[2:] == ["-", "1.000", "/", "1.000", "(1)"]
