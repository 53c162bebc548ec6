"""Summary blocks printed in ways no label reads alone, on born-digital PDFs made here with reportlab
and read by the text and fields stages (issue 11): figures LEFT of their captions ("1.206,23
Imponibile"), taken only where both equations prove their roles (imponibile x a legal rate = IVA,
imponibile + IVA = totale); captions that name their rate ("Imponibile 22%"), a VAT line each,
taken only where their sums make the imponibile and IVA read; a summary with a total per rate, whose
rows make the document's total printed below it, or the total and imponibile a fax misread; a summary
whose every row is one cell, rate and amounts, as a scan reads a tight table."""

from __future__ import annotations

from decimal import Decimal

import pytest

from test_fields_foreign import read

LETTERHEAD = [(20, 20, 12, "Ferramenta Lodi S.r.l.", "l"), (20, 26, 9, "Via Emilia 12, 26900 Lodi", "l"),
              (20, 31, 9, "P.IVA 00743110157", "l"), (120, 50, 9, "Spett.le Bianchi S.p.A.", "l"),
              (120, 55, 9, "P.IVA 01533030183", "l"), (20, 80, 10, "Fattura n. 118 del 14/03/2025", "l")]


def figures_first(rows: list[tuple[str, str]], right: float | None) -> list[tuple[float, float, float, str, str]]:
    """Each figure, then its caption on the same line at 150 mm: the figures left-aligned at 110 mm,
    or right-aligned at RIGHT mm."""
    return [line for i, (figure, caption) in enumerate(rows)
            for line in (((right, 200 + 6 * i, 9, figure, "r") if right else (110, 200 + 6 * i, 9, figure, "l")),
                         (150, 200 + 6 * i, 9, caption, "l"))]


@pytest.mark.parametrize("right", [None, 140])
@pytest.mark.parametrize("captions", [("Imponibile", "IVA 22%", "Totale documento"),
                                      ("Totale imponibile", "Totale IVA", "Totale fattura EUR")])
def test_summary_figures_left_of_their_captions(tmp_path, right, captions):
    rows = list(zip(("1.206,23", "265,37", "1.471,60"), captions))
    doc = read([*LETTERHEAD, *figures_first(rows, right)], tmp_path)
    assert (doc.field_value("taxable_amount"), doc.field_value("vat_amount"), doc.field_value("total")) == (
        Decimal("1206.23"), Decimal("265.37"), Decimal("1471.60"))
    assert doc.field_value("vat_lines") == [{"rate": Decimal("22.00"), "taxable_amount": Decimal("1206.23"),
                                             "vat_amount": Decimal("265.37"), "nature": None}]


def test_figures_left_of_captions_at_no_legal_rate_are_not_taken(tmp_path):
    # 1.206,23 + 500,00 = 1.706,23, but 500,00 is the imponibile at no legal rate: nothing proves the roles.
    rows = [("1.206,23", "Imponibile"), ("500,00", "IVA"), ("1.706,23", "Totale documento")]
    doc = read([*LETTERHEAD, *figures_first(rows, 140)], tmp_path)
    assert doc.field_value("taxable_amount") is None
    assert doc.field_value("vat_amount") is None


def caption_rows(*rows: tuple[str, str]) -> list[tuple[float, float, float, str, str]]:
    """Captions at 120 mm, their figures right-aligned at 190 mm, one row every 6 mm."""
    return [line for i, (caption, figure) in enumerate(rows)
            for line in ((120, 200 + 6 * i, 9, caption, "l"), (190, 200 + 6 * i, 9, figure, "r"))]


@pytest.mark.parametrize("rows", [
    [("Imponibile 22%", "1.000,00"), ("IVA 22%", "220,00"), ("Imponibile 10%", "206,23"), ("IVA 10%", "20,62")],
    [("Imponibile al 22%", "1.000,00"), ("Imponibile al 10%", "206,23"), ("Totale imponibile", "1.206,23"),
     ("Totale IVA", "240,62")]])  # no IVA per rate: each imponibile taxed at its rate makes the IVA read
def test_a_summary_whose_captions_name_their_rates_gives_a_vat_line_per_rate(tmp_path, rows):
    doc = read([*LETTERHEAD, *caption_rows(*rows, ("Totale documento", "1.446,85"))], tmp_path)
    assert doc.field_value("vat_lines") == [
        {"rate": Decimal("22.00"), "taxable_amount": Decimal("1000.00"), "vat_amount": Decimal("220.00"), "nature": None},
        {"rate": Decimal("10.00"), "taxable_amount": Decimal("206.23"), "vat_amount": Decimal("20.62"), "nature": None}]


def test_rates_in_captions_whose_sums_miss_the_iva_read_give_no_vat_lines(tmp_path):
    rows = [("Imponibile al 22%", "1.000,00"), ("Imponibile al 10%", "206,23"), ("Totale imponibile", "1.206,23"),
            ("Totale IVA", "250,62"), ("Totale documento", "1.456,85")]
    assert read([*LETTERHEAD, *caption_rows(*rows)], tmp_path).field_value("vat_lines") is None


def vat_table(*rows: tuple[str, ...]) -> list[tuple[float, float, float, str, str]]:
    """A VAT summary from 200 mm down, its header the first of ROWS, its columns every 40 mm from 20 mm."""
    return [(20 + 40 * j, 200 + 6 * i, 9, cell, "l") for i, row in enumerate(rows) for j, cell in enumerate(row)]


def test_a_vat_summary_with_a_total_per_rate_gives_the_documents_total_its_rows_make(tmp_path):
    # Its first row (1.836,16 + 403,96 = 2.240,12 under "Imponibile", "Imposta", "Totale") adds up as well.
    table = vat_table(("Aliquota", "Imponibile", "Imposta", "Totale"), ("22%", "1.836,16", "403,96", "2.240,12"),
                      ("10%", "200,00", "20,00", "220,00"))
    doc = read([*LETTERHEAD, *table, (120, 224, 9, "Totale da pagare", "l"), (190, 224, 9, "2.460,12", "r")], tmp_path)
    assert (doc.field_value("taxable_amount"), doc.field_value("vat_amount"), doc.field_value("total")) == (
        Decimal("2036.16"), Decimal("423.96"), Decimal("2460.12"))
    assert len(doc.field_value("vat_lines")) == 2


def test_the_total_and_imponibile_a_fax_misread_are_the_ones_the_vat_summarys_rows_make(tmp_path):
    # As a fax read them: "2.038,16" for 2.036,16, "2:448,12" for 2.448,12; the rows, each at its rate, read right.
    table = vat_table(("Aliquota", "Imponibile", "Imposta"), ("22%", "1.836,16", "403,96"), ("4%", "200,00", "8,00"))
    summary = caption_rows(("Totale imponibile", "2.038,16"), ("Totale IVA", "411,96"), ("Totale documento", "EUR 2:448,12"))
    doc = read([*LETTERHEAD, *table, *[(x, y + 30, size, text, align) for x, y, size, text, align in summary]], tmp_path)
    assert (doc.field_value("taxable_amount"), doc.field_value("vat_amount"), doc.field_value("total")) == (
        Decimal("2036.16"), Decimal("411.96"), Decimal("2448.12"))


def test_a_vat_summary_whose_rows_are_each_one_cell_gives_a_vat_line_per_rate(tmp_path):
    # As a scan reads a tight table: "22% 1.836,16 403,96", rate and amounts in one cell.
    rows = [(20, 200, 9, "Aliquota Imponibile Imposta", "l"), (20, 206, 9, "22% 1.836,16 403,96", "l"),
            (20, 212, 9, "4% 200,00 8,00", "l")]
    doc = read([*LETTERHEAD, *rows, *caption_rows(("Imponibile", "2.036,16"), ("IVA", "411,96"),
                                                  ("Totale", "2.448,12"))], tmp_path)
    assert doc.field_value("vat_lines") == [
        {"rate": Decimal("22.00"), "taxable_amount": Decimal("1836.16"), "vat_amount": Decimal("403.96"), "nature": None},
        {"rate": Decimal("4.00"), "taxable_amount": Decimal("200.00"), "vat_amount": Decimal("8.00"), "nature": None}]


@pytest.mark.parametrize("captions", [("Totale imponibili", "Totale imposte", "Totale fattura"),
                                      ("Totale merci", "Totale IVA", "Netto da pagare"),
                                      ("Totale IVA esclusa", "IVA 22%", "Totale IVA inclusa")])
def test_summary_captions_in_the_plural_or_naming_the_vat_they_leave_out(tmp_path, captions):
    doc = read([*LETTERHEAD, *caption_rows(*zip(captions, ("1.000,00", "220,00", "1.220,00")))], tmp_path)
    assert (doc.field_value("taxable_amount"), doc.field_value("vat_amount"), doc.field_value("total")) == (
        Decimal("1000.00"), Decimal("220.00"), Decimal("1220.00"))
