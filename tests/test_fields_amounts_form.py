"""A pre-printed form filled in by typewriter, on born-digital PDFs made here with reportlab and read
by the text and fields stages (issue 11): the totals typed right-aligned in a row of boxes under
their captions, so that each figure stands nearer the next caption's column than its own (the roles
are taken from the arithmetic, never from the columns); the payment a row of every method, the one
crossed being the document's; and summary captions that say what they leave out in parentheses."""

from __future__ import annotations

from decimal import Decimal

import pytest

from test_fields_amounts_layout import LETTERHEAD
from test_fields_foreign import read


def boxed_totals(taxable: str, vat: str, total: str, rate: str) -> list[tuple[float, float, float, str, str]]:
    """Captions at the left of four 45 mm boxes from 20 mm, each figure right-aligned at its box's right edge,
    the rate typed close after the total's (so read in one cell with it, as four captions over three cells)."""
    captions = ("Imponibile", "Imposta", "Totale fattura", "Aliquota IVA")
    return ([(22 + 45 * i, 230, 7, caption, "l") for i, caption in enumerate(captions)]
            + [(63 + 45 * i, 236, 10, figure, "r") for i, figure in enumerate((taxable, vat, total))]
            + [(156, 236, 9, rate, "l")])


@pytest.mark.parametrize("figures", [("2.350,00", "517,00", "2.867,00", "22%"), ("845,10", "84,51", "929,61", "10%")])
def test_totals_typed_right_aligned_under_a_row_of_boxed_captions_are_read_by_their_sums(tmp_path, figures):
    doc = read([*LETTERHEAD, *boxed_totals(*figures)], tmp_path)
    taxable, vat, total = (Decimal(f.replace(".", "").replace(",", ".")) for f in figures[:3])
    assert (doc.field_value("taxable_amount"), doc.field_value("vat_amount"), doc.field_value("total")) == (
        taxable, vat, total)
    assert doc.field_value("vat_lines") == [{"rate": Decimal(figures[3].rstrip("%")).quantize(Decimal("0.01")),
                                             "taxable_amount": taxable, "vat_amount": vat, "nature": None}]


def test_boxed_figures_that_make_no_sum_at_a_legal_rate_are_not_taken(tmp_path):
    # 2.350,00 + 600,00 = 2.950,00, but 600,00 is 2.350,00 at no legal rate: nothing proves the roles.
    doc = read([*LETTERHEAD, *boxed_totals("2.350,00", "600,00", "2.950,00", "22%")], tmp_path)
    assert doc.field_value("taxable_amount") is None


def payment_row(*methods: str) -> list[tuple[float, float, float, str, str]]:
    """The payment's caption, then each method's word 28 mm apart, a crossed one typed "X" just before it."""
    return [(20, 220, 7, "Pagamento", "l")] + [(44 + 28 * i, 220, 7, method, "l") for i, method in enumerate(methods)]


@pytest.mark.parametrize("methods, want", [(("Contanti", "Assegno", "X Bonifico", "Ri.Ba."), "bonifico"),
                                           (("[ ] Contanti", "[ ] Bonifico", "[X] Ri.Ba."), "RiBa"),
                                           (("Contanti", "Bonifico", "x Assegno"), "assegno")])
def test_the_crossed_method_of_a_row_of_check_boxes_is_the_documents(tmp_path, methods, want):
    doc = read([*LETTERHEAD, *payment_row(*methods), *boxed_totals("2.350,00", "517,00", "2.867,00", "22%")], tmp_path)
    assert doc.field_value("payment_method") == want


def test_summary_captions_that_say_in_parentheses_what_they_leave_out_or_include(tmp_path):
    rows = [("Subtotale (IVA esclusa)", "1.513,87"), ("IVA 22%", "333,05"), ("Totale (IVA inclusa)", "1.846,92"),
            ("Importo pagato", "1.846,92")]
    lines = [line for i, (caption, figure) in enumerate(rows)
             for line in ((120, 200 + 6 * i, 9, caption, "l"), (190, 200 + 6 * i, 9, figure, "r"))]
    doc = read([*LETTERHEAD, *lines], tmp_path)
    assert (doc.field_value("taxable_amount"), doc.field_value("total")) == (Decimal("1513.87"), Decimal("1846.92"))


def summary(*rows: tuple[str, str]) -> list[tuple[float, float, float, str, str]]:
    """Captions at 100 mm, their figures right-aligned at 190 mm, one row every 6 mm."""
    return [line for i, (caption, figure) in enumerate(rows)
            for line in ((100, 200 + 6 * i, 9, caption, "l"), (190, 200 + 6 * i, 9, figure, "r"))]


def test_an_iva_caption_that_names_the_base_of_its_rate_gives_the_figure_after_the_base(tmp_path):
    doc = read([*LETTERHEAD, *summary(("Onorari", "1.000,00"), ("Contributo integrativo 4%", "40,00"),
                                      ("Totale imponibile", "1.040,00"), ("IVA 22% su 1.040,00", "228,80"))], tmp_path)
    assert doc.field_value("vat_amount") == Decimal("228.80")


def test_a_dash_between_a_caption_and_its_figure_makes_no_negative_amount_on_an_invoice(tmp_path):
    rows = summary(("Totale imponibile", "1.040,00"), ("IVA 22%", "228,80"), ("Totale documento", "1.268,80"))
    doc = read([*LETTERHEAD, *rows, (160, 200, 9, "-", "l")], tmp_path)
    assert (doc.field_value("taxable_amount"), doc.field_value("vat_amount"), doc.field_value("total")) == (
        Decimal("1040.00"), Decimal("228.80"), Decimal("1268.80"))
