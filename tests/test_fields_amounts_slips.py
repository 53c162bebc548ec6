"""Imponibile, IVA and totale on scans where one figure lost a character or slipped a digit (issue 11):
the figure is read by the arithmetic the other two prove (imponibile x a legal rate = IVA, imponibile +
IVA = totale), never by its column or by the first match; a figure no such proof supports stays empty.

Every page here is made for its test, word by word, as OCR gives it (see `page`)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from test_fields_amounts import HEADER, totals
from test_fields_layout import CHAR, page, read


def amounts(doc) -> tuple:
    return tuple(doc.field_value(name) for name in ("taxable_amount", "vat_amount", "total"))


def under_captions(taxable: str, vat: str, total: str, rate: str = "22%") -> list[tuple[float, float, str]]:
    """A form's row of captions, each figure typed right-aligned in its box below, so under the next
    caption; the rate typed after the total, read in one cell with it and a box's rule."""
    return [(40, 400, "Imponibile"), (140, 400, "Imposta"), (240, 400, "Totale fattura"), (340, 400, "Aliquota IVA"),
            (135 - CHAR * len(taxable), 412, taxable), (235 - CHAR * len(vat), 412, vat),
            (335 - CHAR * len(total), 412, f"{total} | {rate}")]


def test_a_total_one_digit_off_the_sum_of_an_iva_at_its_rate_of_the_imponibile_is_the_sum(ctx):
    # the IVA's caption prints its base: "5.329,28 1.172,44" are two figures, not one misread
    doc = read(ctx, "fattura", page(*HEADER, (300, 400, "Totale imponibile"), (470, 400, "5.329,28"),
                                    (300, 412, "IVA 22% su 5.329,28"), (470, 412, "1.172,44"),
                                    (300, 424, "Totale documento"), (470, 424, "6.507,72")))
    assert amounts(doc) == (Decimal("5329.28"), Decimal("1172.44"), Decimal("6501.72"))


@pytest.mark.parametrize("taxable", ["95457", "95,47"])  # past reading, or one slip from 95,17
def test_an_imponibile_misread_under_its_caption_is_what_the_iva_and_total_leave(ctx, taxable):
    doc = read(ctx, "fattura", page(*HEADER, *under_captions(taxable, "20,94", "116,11")))
    assert amounts(doc) == (Decimal("95.17"), Decimal("20.94"), Decimal("116.11"))
    assert doc.field_value("vat_lines") == [{"rate": Decimal("22.00"), "taxable_amount": Decimal("95.17"),
                                             "vat_amount": Decimal("20.94"), "nature": None}]


def test_an_imponibile_one_slip_off_beside_a_total_misread_is_what_the_iva_and_total_leave(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *under_captions("3.465,72", "762,68", "4.229,40)")))
    assert amounts(doc) == (Decimal("3466.72"), Decimal("762.68"), Decimal("4229.40"))


def test_a_total_that_lost_its_comma_before_a_rule_is_read_by_the_sum(ctx):
    # "12.65518 | 4" is no one figure: the rule parts the total from the rate
    doc = read(ctx, "fattura", page(*HEADER, *under_captions("12.168,44", "486,74", "12.65518", "4%")))
    assert amounts(doc) == (Decimal("12168.44"), Decimal("486.74"), Decimal("12655.18"))


def test_an_imponibile_no_figure_reads_is_not_made_from_an_iva_of_cents(ctx):
    # 0,10 is 4% of anything from 2,38 to 2,75: it proves no rate, so no imponibile
    doc = read(ctx, "fattura", page(*HEADER, *under_captions("95457", "0,10", "2,79")))
    assert doc.field_value("taxable_amount") is None


def test_imponibile_and_iva_a_scan_misread_are_the_parts_the_total_makes_at_the_one_rate_with_the_iva_printed(ctx):
    # the imponibile's figure slipped and its caption blurred, the IVA's caption misread: the total, the one
    # rate and the IVA's figure printed prove the parts
    doc = read(ctx, "fattura", page(*HEADER, (40, 300, "Verniciatura a polvere 8 31,36 22% 250,40"),
                                    (300, 400, "Subtotale (IVA esclusay"), (470, 400, "220.77-"),
                                    (300, 412, "WA 22%"), (470, 412, "50,55"),
                                    (300, 424, "TOTALE"), (470, 424, "280,32")))
    assert amounts(doc) == (Decimal("229.77"), Decimal("50.55"), Decimal("280.32"))


def test_no_parts_are_made_from_the_total_where_the_page_does_not_print_their_iva(ctx):
    doc = read(ctx, "fattura", page(*HEADER, (40, 300, "Verniciatura a polvere 8 31,36 22% 250,40"),
                                    (300, 400, "Subtotale (IVA esclusay"), (470, 400, "220.77-"),
                                    (300, 412, "WA 22%"), (470, 412, "50,85"),
                                    (300, 424, "TOTALE"), (470, 424, "280,32")))
    assert doc.field_value("taxable_amount") is None


def test_a_summary_row_whose_imponibile_slipped_takes_the_imponibile_its_rate_and_iva_prove(ctx):
    doc = read(ctx, "nota_credito", page(*HEADER, (40, 380, "Aliquota"), (120, 380, "Imponibile"), (220, 380, "Imposta"),
                                         (40, 392, "10%"), (120, 392, "-586,00"), (220, 392, "-58,50"),
                                         *totals("-585,00", "-58,50", "-643,50")))
    assert doc.field_value("vat_lines") == [{"rate": Decimal("10.00"), "taxable_amount": Decimal("-585.00"),
                                             "vat_amount": Decimal("-58.50"), "nature": None}]


def test_an_iva_a_scan_parted_from_its_caption_is_the_imponibile_at_the_rate_the_caption_prints(ctx):
    # "IVA 22% su 3.219,84" and its figure read on a line of their own: the rate and the imponibile prove it,
    # and with it the total, not the net to pay after the withholding
    doc = read(ctx, "fattura", page(*HEADER, (40, 388, "Totale imponibile"), (400, 388, "3.219,84"),
                                    (40, 400, "IVA 22% su 3.219,84"), (400, 407, "708,36"),
                                    (40, 419, "Totale fattura"), (400, 419, "3.928,20)"),
                                    (40, 431, "Ritenuta d'acconto 20% su 3.096,00"), (400, 431, "-619,20"),
                                    (40, 443, "Importo da pagare"), (400, 443, "3.309,00")))
    assert amounts(doc) == (Decimal("3219.84"), Decimal("708.36"), Decimal("3928.20"))


def test_an_imponibile_one_digit_off_what_the_iva_at_its_rate_and_the_total_leave_is_that(ctx):
    # "1.099,82" for 1.099,83: 43,99 is 4% of 1.099,83, and no IVA of 44,00 is printed to make 1.099,82 add up
    doc = read(ctx, "fattura", page(*HEADER, *totals("1.099,82", "43,99", "1.143,82")))
    assert amounts(doc) == (Decimal("1099.83"), Decimal("43.99"), Decimal("1143.82"))
    assert doc.field_value("vat_lines")[0]["rate"] == Decimal("4.00")


def test_an_imponibile_one_digit_off_stays_when_no_legal_rate_makes_the_iva_of_the_difference(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *totals("1.099,82", "43,00", "1.142,83")))
    assert amounts(doc)[0] != Decimal("1099.83")



def phone_row(vat: str, total: str) -> list[tuple[float, float, str]]:
    """A form's row of boxes as a G16 phone photo read it, each figure right-aligned in its box: the imponibile's
    ends under the IVA's caption and the totale's lies under none."""
    return [(77, 641, "Imponibile"), (193, 641, "Imposta"), (277, 641, "Totale fattura"), (430, 641, "Aliquota IVA"),
            (140, 659, "13.167,01"), (258, 659, vat), (369, 659, f"{total} | 10%")]


def test_an_iva_mangled_under_its_caption_is_what_the_imponibile_and_total_leave(ctx):
    # "17326, 70" for 1.316,70: 10% of 13.167,01, and 14.483,71 their sum
    doc = read(ctx, "fattura", page(*HEADER, *phone_row("17326, 70", "14.483,71")))
    assert amounts(doc) == (Decimal("13167.01"), Decimal("1316.70"), Decimal("14483.71"))


def test_an_iva_mangled_under_its_caption_stays_unread_where_the_difference_is_at_no_legal_rate(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *phone_row("17326, 70", "14.493,71")))
    assert amounts(doc)[1] != Decimal("1326.70")


def test_a_text_layers_row_of_boxes_of_cents_takes_the_roles_both_equations_give_them(ctx):
    # 0,18 is 4% of 4,56 as printed: a text layer's figures are no readings among many, as a scan's are
    doc = read(ctx, "fattura", replace(page(*HEADER, *under_captions("4,56", "0,18", "4,74", "4%")), source="text_layer"))
    assert amounts(doc) == (Decimal("4.56"), Decimal("0.18"), Decimal("4.74"))


ITEMS = [(40, 300, "Descrizione Q.tà Prezzo Importo IVA %"), (40, 312, "Intervento tecnico a chiamata 4 138,50 554,00 22"),
         (40, 324, "Analisi chimica campione acqua 4 85,46 341,84 22"),
         (40, 336, "Tubo rame 18 mm (barra 5 m) 10 26,29 262,90 22"),
         (40, 348, "Ore di manodopera officina 8 53,86 430,88 22")]  # 1.589,62 at 22%: 349,72, in all 1.939,34


@pytest.mark.parametrize("taxable, vat, total", [("LOT Ls", "349772", "1,939,347]"),  # a G16 flatbed scan's row
                                                 ("1.589,62", "349772", "1,939,347]")])  # (tuned seed 83)
def test_iva_and_total_one_slip_off_under_their_captions_are_the_sums_the_rated_items_make(ctx, taxable, vat, total):
    doc = read(ctx, "fattura", page(*HEADER, *ITEMS, *under_captions(taxable, vat, total)))
    assert amounts(doc) == (Decimal("1589.62"), Decimal("349.72"), Decimal("1939.34"))


@pytest.mark.parametrize("items, total", [(ITEMS, "1,989,347]"),  # the total two slips off
                                          (ITEMS[:-1], "1,939,347]")])  # an item lost: the sums fall short
def test_summary_figures_the_items_sums_do_not_make_are_not_taken(ctx, items, total):
    doc = read(ctx, "fattura", page(*HEADER, *items, *under_captions("LOT Ls", "349772", total)))
    assert amounts(doc) == (None, None, None)




CREDIT_NOTE_HEADER = [*HEADER[:-1], (40, 180, "TD04 - Nota di credito n. 31 del 02/04/2025")]


@pytest.mark.parametrize("sign", ["", "-"])
def test_a_credit_note_keeps_the_sign_it_prints_when_a_fax_blurred_its_captions(ctx, sign):
    # FatturaPA carries a credit note's amounts positive and a courtesy copy prints them so: the two
    # equations prove which figure is which, not a minus no figure shows (tuned G19 fax, seed 239)
    doc = read(ctx, "nota_credito", page(*CREDIT_NOTE_HEADER, (300, 400, "Totale imponibite"), (470, 400, f"{sign}201,77"),
                                         (300, 412, "Totale !VA"), (470, 412, f"{sign}44,39"),
                                         (300, 424, "Totale documento"), (470, 424, f"{sign}246,16")))
    assert amounts(doc) == tuple(Decimal(f"{sign}{v}") for v in ("201.77", "44.39", "246.16"))
