"""Amounts as low-resolution scans and faxes read them (issue 11): a credit note whose thin minus signs the
scan lost before some figures and not others; a VAT summary's figure whose comma the scan read as a space;
the items of an invoice that prints no summary, one of them misread past its readings, or its rate, first;
a form's row of figures whose rate a scan read after its box's edge, or a stray digit before the rate, or
whose imponibile lost its last digit; an imponibile its items prove; a total one slip from the sum the VAT
summary's rows prove; an IVA one slip from the rate its caption prints, a foreign one.

Every page here is made for its test, word by word, as OCR gave it on tuned families' scans (see `page`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from test_fields_amounts import HEADER, totals
from test_fields_amounts_slips import under_captions
from test_fields_amounts_summary import boxes, line, summary
from test_fields_layout import CHAR, CUSTOMER_RIGHT, LETTERHEAD, page, read

# A credit note's items as a 100 dpi scan read them (tuned G13, grammar seed 41): some minus signs kept.
CREDIT_ITEMS = [(40, 300, "Reso merce rif. ft. 396 - Lamiera zincata 24 «65.78 1.578,72 22"),
                (40, 312, "Smaltimento rifiuti speciali (kg) 100 0,63 -56,70 22"),
                (40, 324, "Ore di manodopera officina 1 38.95 5% -37,00 22"),
                (40, 336, "Tubo rame 18 mm (barra 5 m) 4 «21,64 15% -73,58 22")]


@pytest.mark.parametrize("title, items, sign", [("NOTA CREDITO N. 34 del 02/04/2025", CREDIT_ITEMS, "-"),
                                                ("NOTA CREDITO N. 34 del 02/04/2025", CREDIT_ITEMS[:2], ""),
                                                ("FATTURA N. 34 del 02/04/2025", CREDIT_ITEMS, "")])
def test_a_credit_notes_amounts_whose_minus_the_scan_lost_are_negative_as_its_items(ctx, title, items, sign):
    # One minus among the items may be a speck, or a discount on a credit note that prints its amounts positive.
    doc = read(ctx, "nota_credito", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, title), *items,
                                         *totals("2.021,72", "444,78", "2.466,50")))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount", "total")] == [
        Decimal(sign + "2021.72"), Decimal(sign + "444.78"), Decimal(sign + "2466.50")]
    assert doc.field_value("vat_lines")[0]["taxable_amount"] == Decimal(sign + "2021.72")


def test_a_credit_notes_total_that_lost_its_minus_is_negative_as_its_imponibile(ctx):
    # tuned G15, grammar seed 83: "IVA" read "VA", its figure found by the arithmetic, the total's minus lost
    doc = read(ctx, "nota_credito", page(*HEADER, (40, 150, "Nota di credito"),
                                         (300, 400, "Subtotale (IVA esclusa) -€ 11.793,20"), (300, 412, "VA 22% -€ 2.594,50"),
                                         (300, 424, "Totale ordine € 14.387,70")))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount", "total")] == [
        Decimal("-11793.20"), Decimal("-2594.50"), Decimal("-14387.70")]


def test_a_summary_figure_whose_comma_a_scan_read_as_a_space_is_read_where_its_rows_rate_proves_it(ctx):
    # tuned G1 lowres, grammar seed 59: "1.712,25" read "1.712 25", no amount with cents (and 22% read 32%)
    doc = read(ctx, "proforma", page(*HEADER, *summary(("32%", "91,50", "20,13"), ("10%", "1.712 25", "171,23")),
                                     *totals("1.803,75", "191,36", "1.995,11")))
    assert doc.field_value("vat_lines") == [line("22.00", "91.50", "20.13"), line("10.00", "1712.25", "171.23")]


# A credit note's items as a 100 dpi scan read them (tuned G4, grammar seed 131): "3.238,26-" read "3. 233, 26-"
# (a space after the thousands mark, a digit slipped), "13,92-" read "13,,92-".
G4_ITEMS = [(40, 300, "DESCRIZIONE QTA PREZZO IMPORTO IVA"), (40, 312, "PIANTINE DI LAVANDA VASO 14 1 3,60- 3,60- 22"),
            (40, 324, "SMALTIMENTO RIPIUTI SPECIALI (KG) i 1,44- 1,44- 10"),
            (40, 336, "MITGRIGUTTGRE 0,75 KW I=20 & 539, 71- 3. 233, 26- 22"),
            (40, 348, "SMALTIMENTO RIFIUTI SPECIALI (KG) 8 i, 74- 13,,92- 10")]


@pytest.mark.parametrize("vat, rows", [
    ("714,75-", [line("22.00", "-3241.86", "-713.21"), line("10.00", "-15.36", "-1.54")]),
    ("714,76-", None)])  # no one item's amount makes both sums: no rows made up
def test_the_one_item_a_scan_misread_is_what_the_others_leave_where_both_sums_prove_it(ctx, vat, rows):
    total = "3.972,98-" if vat == "714,76-" else "3.971,97-"
    doc = read(ctx, "nota_credito", page(*HEADER, *G4_ITEMS, *totals("3.257,22-", vat, total)))
    assert doc.field_value("vat_lines") == rows


def test_the_first_item_whose_rate_a_fax_misread_takes_the_one_legal_rate_that_makes_the_imposta(ctx):
    # tuned G4 fax, grammar seed 83: the first item's 10 read "19"
    doc = read(ctx, "nota_credito", page(*HEADER, (40, 300, "DESCRIZIONE QTA PREZZO IMPORTO IVA"),
                                         (40, 312, "SMALTIMENTO RIFIUTI SPECIALI (KG) 8 1,58- 12,64- 19"),
                                         (40, 324, "PIANTINE DI LAVANDA VASO 14 8 4,39- 35,12- 4"),
                                         *totals("47,76-", "2,66-", "50,42-")))
    assert doc.field_value("vat_lines") == [line("10.00", "-12.64", "-1.26"), line("4.00", "-35.12", "-1.40")]


def test_a_forms_row_of_figures_with_a_rate_read_after_its_boxs_edge_takes_the_roles_both_equations_give_them(ctx):
    # tuned G16 lowres, grammar seed 149: the captions lost, "4%" read "|4" after the total's box
    doc = read(ctx, "fattura", page(*HEADER, *boxes(460, "1.860,80", "74,43", "1.935,23|4")))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount", "total")] == [
        Decimal("1860.80"), Decimal("74.43"), Decimal("1935.23")]


# An Irish supplier's items and totals as a 100 dpi scan read them (tuned G7, grammar seed 149): 23% is no Italian rate.
IRISH_ITEMS = [(40, 300, "Description Qty Unit price Amount"), (40, 312, "Software subscription, annual 24 1,736.41 41,673.84"),
               (40, 324, "Training workshop (day) 15 1,166.59 17,498.85"), (40, 336, "Cloud storage 1 TB (month) 8 10.03 80.24"),
               (40, 348, "Replacement sensor kit 100 64.82 6,482.00"), (40, 360, "Software subscription, annual 2 407,18 814.36"),
               (40, 372, "Replacement sensor kit 100 67.44 {last}")]


@pytest.mark.parametrize("last, want", [("6,744.00", "73293.29"), ("6,745.00", "73204.29")])
def test_an_imponibile_a_scan_misread_is_what_the_total_leaves_where_the_items_above_it_make_that(ctx, last, want):
    items = [(x, y, text.format(last=last)) for x, y, text in IRISH_ITEMS]
    doc = read(ctx, "fattura", page(*HEADER, *items, (300, 384, "Subtotal 73,204.29 €"), (300, 396, "VAT (23%) 16,857.46 €"),
                                    (300, 408, "Total 90,150.75 €")))
    assert doc.field_value("taxable_amount") == Decimal(want)


def test_a_total_with_a_stray_digit_before_the_rate_typed_after_it_is_read_apart_from_the_rate(ctx):
    # tuned G16 fax, grammar seed 97: "247,92 4%" read "247,921 4%", once taken as the figure 24.792,14
    cells = under_captions("238,38", "9,54", "247,92")[:-1] + [(335 - CHAR * 7, 412, "247,921 4%")]
    doc = read(ctx, "fattura", page(*HEADER, *cells))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount", "total")] == [
        Decimal("238.38"), Decimal("9.54"), Decimal("247.92")]


def test_an_imponibile_that_lost_its_last_digit_is_what_the_iva_and_the_total_read_as_printed_leave(ctx):
    # tuned G16 fax, grammar seed 113: "16.430,15" read "16.430,1", once taken as printed beside a total "slipped"
    doc = read(ctx, "fattura", page(*HEADER, *under_captions("16.430,1", "657,21", "17.087,36", "4%")))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount", "total")] == [
        Decimal("16430.15"), Decimal("657.21"), Decimal("17087.36")]


def test_a_credit_notes_amounts_are_negative_where_its_summary_prints_one_of_them_after_a_minus(ctx):
    # tuned G13 lowres, grammar seed 185: the summary's row "-19,87" read "-19,B7", the totals' minus signs lost
    doc = read(ctx, "nota_credito", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "NOTA CREDITO N. 34 del 02/04/2025"),
                                         (40, 330, "Cod. IVA Descrizione Imponibile Imposta"), (40, 342, "4 4 496,86 -19,B7"),
                                         *totals("496,86", "19,87", "516,73")))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount", "total")] == [
        Decimal("-496.86"), Decimal("-19.87"), Decimal("-516.73")]


def test_a_credit_notes_amount_after_a_date_is_not_printed_after_a_minus(ctx):
    # tuned C0 lowres, seed 1541: a payment row's due date, as the XML writes it, before its amount ("2023-11-10
    # 5.835,80"), which a loose reading of the figure takes the day into: the date's dash is no minus.
    doc = read(ctx, "nota_credito", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "NOTA DI CREDITO N. 34 del 02/04/2025"),
                                         *totals("2.021,72", "444,78", "2.466,50"),
                                         (40, 460, "Modalita pagamento Data scadenza Importo"),
                                         (40, 472, "MP05 (bonifico) 2023-11-10 2.466,50")))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount", "total")] == [
        Decimal("2021.72"), Decimal("444.78"), Decimal("2466.50")]


def test_a_total_one_slip_from_the_sum_the_summarys_rows_prove_is_that_sum(ctx):
    # tuned G1 lowres, grammar seed 167: "120,89" read "120,69" beside rows at 22% and 10%, no one rate of the sum
    doc = read(ctx, "proforma", page(*HEADER, *summary(("22%", "97,84", "21,52"), ("10%", "1,39", "0,14")),
                                     *totals("99,23", "21,66", "120,69")))
    assert doc.field_value("total") == Decimal("120.89")


@pytest.mark.parametrize("total, want", [("£2,773.68", "462.28"), ("£2,773.58", "462.26")])
def test_an_iva_misread_is_the_foreign_rate_its_caption_prints_where_the_total_leaves_that(ctx, total, want):
    # tuned G7 lowres, grammar seed 185: "£462.28" read "£462.26"; 20% is no Italian rate, the total and the
    # printed rate prove the IVA. A total that leaves no 20% of the imponibile proves nothing.
    doc = read(ctx, "fattura", page(*HEADER, (300, 400, "Subtotal £2,311.40"), (300, 412, "VAT (20%) £462.26"),
                                    (300, 424, f"Total {total}")))
    assert doc.field_value("vat_amount") == Decimal(want)
