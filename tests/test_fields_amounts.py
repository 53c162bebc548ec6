"""Imponibile, IVA and totale as OCR misreads them on scans (issue 11): the decimal
comma lost or spaced, a currency sign read as a digit, a minus sign lost. A misread
figure is taken only where the sum imponibile + IVA = totale proves it.

Every page here is made for its test, word by word, as OCR gives it (see `page`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from test_fields_layout import CUSTOMER_RIGHT, LETTERHEAD, page, page_as_read, read

HEADER = [*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Fattura n. 31 del 02/04/2025")]


def totals(taxable: str, vat: str, total: str, vat_caption: str = "TOTALE IVA") -> list[tuple[float, float, str]]:
    return [(300, 400, "TOTALE IMPONIBILE"), (470, 400, taxable), (300, 412, vat_caption), (470, 412, vat),
            (300, 424, "TOTALE DOCUMENTO EUR"), (470, 424, total)]


@pytest.mark.parametrize("taxable, want", [("2.56509", "2565.09"), ("2.565, 09", "2565.09"), ("2.565.,09", "2565.09"),
                                           ("2;565,09", "2565.09"), ("2.S65,O9", "2565.09"),
                                           ("2:565,09", "2565.09")])
def test_an_imponibile_misread_is_read_where_it_makes_the_total_with_the_iva(ctx, taxable, want):
    doc = read(ctx, "fattura", page(*HEADER, *totals(taxable, "272,22", "2.837,31")))
    assert doc.field_value("taxable_amount") == Decimal(want)
    assert doc.field_value("vat_amount") == Decimal("272.22")
    assert doc.field_value("total") == Decimal("2837.31")
    assert all(check.passed for check in doc.fields["total"].checks)


def test_two_figures_misread_are_read_where_together_they_make_the_sum(ctx):
    doc = read(ctx, "nota_credito", page(*HEADER, *totals("10.534, 66-", "1.515,52-", "12.050, 18-")))
    assert doc.field_value("taxable_amount") == Decimal("-10534.66")
    assert doc.field_value("vat_amount") == Decimal("-1515.52")
    assert doc.field_value("total") == Decimal("-12050.18")


def test_a_currency_sign_read_as_a_digit_is_left_out_where_the_sum_proves_it(ctx):
    doc = read(ctx, "fattura", page(*HEADER, (300, 400, "Subtotal"), (470, 400, "£5,276.04"),
                                    (300, 412, "VAT (20%)"), (470, 412, "81,055.21"),
                                    (300, 424, "Total"), (470, 424, "£6,331.25")))
    assert doc.field_value("vat_amount") == Decimal("1055.21")
    assert doc.field_value("total") == Decimal("6331.25")


def test_a_minus_sign_lost_by_one_of_three_amounts_is_put_back(ctx):
    doc = read(ctx, "nota_credito", page(*HEADER, *totals("-1.595,92", "-277,96", "1.873,88")))
    assert doc.field_value("total") == Decimal("-1873.88")
    assert doc.field_value("taxable_amount") == Decimal("-1595.92")


def test_a_misread_figure_that_makes_no_sum_is_not_taken(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *totals("2.56519", "272,22", "2.837,31")))
    assert doc.field_value("taxable_amount") is None
    assert doc.field_value("total") == Decimal("2837.31")


def test_a_single_rate_is_given_to_an_imponibile_read_by_the_sum(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *totals("1.000, 00", "220,00", "1.220,00")))
    assert doc.field_value("vat_lines") == [{"rate": Decimal("22.00"), "taxable_amount": Decimal("1000.00"),
                                             "vat_amount": Decimal("220.00"), "nature": None}]


ITEMS = [(40, 300, "DESCRIZIONE QTA PREZZO IMPORTO IVA"),
         (40, 312, "INTERVENTO TECNICO A CHIAMATA 3 79,83 239,49 10"),
         (40, 324, "ANALISI CHIMICA CAMPIONE ACQUA 15 81,23 1.218,45 22"),
         (40, 336, "TUBO RAME 18 MM (BARRA 5 M) 15 20,33 304,95 10"),
         (40, 348, "BULLONE TE M10X40 ZINCATO (CONF. 100) 1 15,77 15,77 22")]


def test_vat_lines_from_the_items_rates_when_no_summary_is_printed(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *ITEMS, *totals("1.778,66", "325,97", "2.104,63")))
    assert doc.field_value("vat_lines") == [
        {"rate": Decimal("22.00"), "taxable_amount": Decimal("1234.22"), "vat_amount": Decimal("271.53"), "nature": None},
        {"rate": Decimal("10.00"), "taxable_amount": Decimal("544.44"), "vat_amount": Decimal("54.44"), "nature": None}]


def test_items_rates_that_do_not_make_the_imposta_give_no_vat_lines(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *ITEMS, *totals("1.778,66", "325,98", "2.104,64")))
    assert doc.field_value("vat_lines") is None


def test_the_one_vat_row_ocr_left_unreadable_is_what_the_others_leave_at_one_legal_rate(ctx):
    doc = read(ctx, "fattura", page(*HEADER, (40, 380, "[aliqueta imponibile. imposta |"), (40, 392, "NESS"),
                                    (120, 392, "7388.40"), (200, 392, "“217.07 |"), (40, 404, "10%.”"),
                                    (120, 404, "609,52"), (200, 404, "60,95]"),
                                    (300, 440, "Totale imponibile EUR 1.595,92"), (300, 452, "Totale IVA EUR 277,96"),
                                    (300, 464, "Totale fattura EUR 1.873,88")))
    assert doc.field_value("vat_lines") == [
        {"rate": Decimal("10.00"), "taxable_amount": Decimal("609.52"), "vat_amount": Decimal("60.95"), "nature": None},
        {"rate": Decimal("22.00"), "taxable_amount": Decimal("986.40"), "vat_amount": Decimal("217.01"), "nature": None}]


@pytest.mark.parametrize("lines, want", [
    ([(40, 400, "Subtotal $5,276.04"), (40, 412, "Total £6,331.25"), (40, 424, "Amount due £6,331.25"),
      (40, 800, "Vogel Technik LLP - Leeds 1$1 4AP")], "GBP"),
    ([(40, 300, "VERNICIATURA A POLVERE RAL $010 2 30,47 60,94 22"), (40, 400, "TOTALE DOCUMENTO 74,35")], "EUR"),
    # a fax's "Sc.%" over a column of discounts (G17): a letter misread between two letters
    ([(40, 280, "Codice Descrizione U.M. Q.tà Prezzo S$c.% Importo C.IVA"), (40, 400, "Totale documento 74,35")],
     "EUR")])
def test_a_currency_sign_ocr_made_of_a_digit_or_a_letter_names_no_currency(ctx, lines, want):
    doc = read(ctx, "fattura", page(*HEADER, *lines))
    assert doc.field_value("currency") == want


def test_a_rate_written_by_the_tax_whose_half_cent_rounds_up(ctx):
    doc = read(ctx, "fattura", page(*HEADER, (300, 400, "Subtotal"), (470, 400, "$2,050.00"),
                                    (300, 412, "Sales tax (8.25%)"), (470, 412, "$169.13"),
                                    (300, 424, "Total"), (470, 424, "$2,219.13")))
    assert doc.field_value("vat_lines") == [{"rate": Decimal("8.25"), "taxable_amount": Decimal("2050.00"),
                                             "vat_amount": Decimal("169.13"), "nature": None}]


def test_an_imponibile_whose_caption_ocr_misread_is_the_figure_that_makes_the_total_with_the_iva(ctx):
    doc = read(ctx, "fattura", page(*HEADER, (40, 380, "Aliquota"), (120, 380, "Imponibile"), (200, 380, "Imposta"),
                                    (40, 392, "22%"), (120, 392, "141877"), (200, 392, "245,47"),
                                    (300, 392, "Totale-ithponibile EUR 1.229,43"),
                                    (40, 404, "10%"), (120, 404, "113.66"), (200, 404, "\"41,37"),
                                    (300, 416, "Totale IVA"), (420, 416, "EUR 256,84"),
                                    (300, 428, "Totale documento"), (420, 428, "EUR 1.486,27")))
    assert doc.field_value("taxable_amount") == Decimal("1229.43")
    assert doc.field_value("total") == Decimal("1486.27")


@pytest.mark.parametrize("printed, total, want", [("220,00", "1.220,00", Decimal("220.00")),
                                                  ("219,00", "1.219,00", None)])  # 21.9%: no legal rate proves it
def test_an_iva_whose_caption_ocr_misread_is_the_figure_that_makes_the_total_at_one_legal_rate(ctx, printed, total, want):
    doc = read(ctx, "fattura", page(*HEADER, (300, 400, "TOTALE IMPONIBILE"), (470, 400, "1.000,00"),
                                    (300, 412, "T0TALE l.VA"), (470, 412, printed),
                                    (300, 424, "TOTALE DOCUMENTO"), (470, 424, total)))
    assert doc.field_value("vat_amount") == want


@pytest.mark.parametrize("title, sign", [("NOTA CREDITO N. 34", "-"), ("FATTURA N. 34", "")])
def test_one_minus_sign_of_three_signs_all_on_a_credit_note_and_none_elsewhere(ctx, title, sign):
    # Elsewhere the IVA is imponibile x 10% = totale - imponibile: its minus was a speck.
    doc = read(ctx, "nota_credito", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, title),
                                         *totals("2.542,87.", "254,29-", "2.797,16~")))
    assert doc.field_value("total") == Decimal(sign + "2797.16")
    assert doc.field_value("taxable_amount") == Decimal(sign + "2542.87")
    assert doc.field_value("vat_amount") == Decimal(sign + "254.29")
    assert all(check.passed for check in doc.fields["total"].checks)


def test_an_iva_misread_beyond_reading_is_the_difference_that_one_legal_rate_proves(ctx):
    doc = read(ctx, "nota_credito", page(*HEADER, *totals("3.666,21-", "896,57-", "4.472,78-", vat_caption="TOTALE.IVA")))
    assert doc.field_value("vat_amount") == Decimal("-806.57")
    assert doc.field_value("total") == Decimal("-4472.78")


def test_a_difference_at_no_legal_rate_does_not_replace_the_iva_read(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *totals("3.666,21", "896,57", "4.470,78")))  # 21.9%
    assert doc.field_value("vat_amount") == Decimal("896.57")


def test_an_imponibile_misread_beyond_reading_is_the_difference_whose_iva_one_legal_rate_makes(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *totals("3.616,21", "806,57", "4.472,78")))
    assert doc.field_value("taxable_amount") == Decimal("3666.21")
    assert doc.field_value("vat_lines") == [{"rate": Decimal("22.00"), "taxable_amount": Decimal("3666.21"),
                                             "vat_amount": Decimal("806.57"), "nature": None}]


def test_a_total_whose_thousands_mark_ocr_read_as_a_digit_is_read_where_it_makes_the_sum(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *totals("2.56509", "272,22", "20837 31")))
    assert doc.field_value("taxable_amount") == Decimal("2565.09")
    assert doc.field_value("total") == Decimal("2837.31")


# A fax slips a digit (issue 11, G4): the figures by the three captions that solve both imponibile x a
# legal rate = IVA and imponibile + IVA = totale, each as printed or one slip away, are taken.
@pytest.mark.parametrize("taxable, vat, total", [("3.256, 00", "325,00", "3.575,00"),  # the imponibile slipped
                                                 ("3.250,00", "325,00", "3.975,00"),  # the total slipped
                                                 ("3.256, 00", "325,00", "3.575,80"),  # both
                                                 ("3.250,00", "325,070", "3.575,00")])  # a stray digit
def test_a_digit_a_fax_slipped_is_read_where_both_equations_prove_it(ctx, taxable, vat, total):
    doc = read(ctx, "fattura", page(*HEADER, *totals(taxable, vat, total)))
    assert (doc.field_value("taxable_amount"), doc.field_value("vat_amount"), doc.field_value("total")) == (
        Decimal("3250.00"), Decimal("325.00"), Decimal("3575.00"))
    assert all(check.passed for check in doc.fields["total"].checks)


def test_a_comma_read_as_a_slash_and_a_minus_read_as_a_percent_sign_hide_no_figure(ctx):
    doc = read(ctx, "nota_credito", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "NOTA CREDITO N. 34 del 02/04/2025"),
                                         *totals("1.500,00%", "330/00", "1830/00-")))
    assert (doc.field_value("taxable_amount"), doc.field_value("vat_amount"), doc.field_value("total")) == (
        Decimal("-1500.00"), Decimal("-330.00"), Decimal("-1830.00"))


def test_a_part_that_reads_as_no_money_is_what_the_others_leave_when_a_legal_rate_proves_it(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *totals("1.256 /00", "975104", "1.525,00")))
    assert doc.field_value("taxable_amount") == Decimal("1250.00")
    assert doc.field_value("vat_amount") == Decimal("275.00")
    assert doc.field_value("total") == Decimal("1525.00")


@pytest.mark.parametrize("taxable, vat, total", [("1.000,00", "210,00", "1.230,00"),  # two clean figures slipped
                                                 ("1.000,00", "975104", "1.23O,00")])  # a letter and a digit
def test_two_slips_on_figures_or_on_one_figure_are_not_taken(ctx, taxable, vat, total):
    doc = read(ctx, "fattura", page(*HEADER, *totals(taxable, vat, total)))
    assert doc.field_value("total") != Decimal("1220.00")
    assert doc.field_value("vat_amount") != Decimal("220.00")


RATED_ITEMS = [(40, 300, "DESCRIZIONE QTA PREZZO IMPORTO IVA"), (40, 312, "VALVOLA A SFERA 1 1.000,00 1.000,00 22"),
               (40, 324, "MANUALE DI USO 2 250,00 500,00 10")]


def test_parts_of_several_rates_under_blurred_captions_are_told_apart_by_their_sum(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *RATED_ITEMS, (300, 400, "TOTALE TMPONISELE"), (470, 400, "1.500,00"),
                                    (300, 412, "TOTALE IVA"), (470, 412, "270,00"),
                                    (300, 424, "NETTO A_PAGARE EUR"), (470, 424, "1.770,00")))
    assert doc.field_value("taxable_amount") == Decimal("1500.00")
    assert doc.field_value("total") == Decimal("1770.00")


def test_a_caption_beside_the_vat_table_is_not_its_imposta(ctx):
    doc = read(ctx, "fattura", page(*HEADER, (40, 380, "Aliquota"), (120, 380, "Imponibile"), (200, 380, "Imposta"),
                                    (40, 392, "10%"), (120, 392, "1.479,07"), (200, 392, "Totale imponibile"),
                                    (330, 392, "EUR 1.479,07"), (300, 404, "Totale IVA"), (420, 404, "EUR 147,91"),
                                    (300, 416, "Totale documento"), (420, 416, "EUR 1.626,98")))
    assert doc.field_value("vat_lines") == [{"rate": Decimal("10.00"), "taxable_amount": Decimal("1479.07"),
                                             "vat_amount": Decimal("147.91"), "nature": None}]


def test_item_amounts_with_a_stray_space_count_for_the_vat_lines_from_the_items_rates(ctx):
    items = [(x, y, text.replace("1.218,45", "1.218, 45").replace("15,77 15,77", "15,77 15 ,77")) for x, y, text in ITEMS]
    doc = read(ctx, "fattura", page(*HEADER, *items, *totals("1.778,66", "325,97", "2.104,63")))
    assert doc.field_value("vat_lines") == [
        {"rate": Decimal("22.00"), "taxable_amount": Decimal("1234.22"), "vat_amount": Decimal("271.53"), "nature": None},
        {"rate": Decimal("10.00"), "taxable_amount": Decimal("544.44"), "vat_amount": Decimal("54.44"), "nature": None}]


@pytest.mark.parametrize("printed", ["79:83 239,49", "79 83 239,49"])
def test_an_item_amount_a_scan_ran_the_prices_cents_into_counts_without_them(ctx, printed):
    # "79,83 239,49" read so is one figure, 83 239,49, by its spaced thousands: the items' sums choose 239,49.
    items = [(x, y, text.replace("79,83 239,49", printed)) for x, y, text in ITEMS]
    doc = read(ctx, "fattura", page(*HEADER, *items, *totals("1.778,66", "325,97", "2.104,63")))
    assert doc.field_value("vat_lines") == [
        {"rate": Decimal("22.00"), "taxable_amount": Decimal("1234.22"), "vat_amount": Decimal("271.53"), "nature": None},
        {"rate": Decimal("10.00"), "taxable_amount": Decimal("544.44"), "vat_amount": Decimal("54.44"), "nature": None}]


def test_a_speck_read_as_a_rate_in_a_summarys_header_opens_no_vat_record(ctx):
    # The header "Aliquota Imponibile Imposta" as a fax reads it, its rows unreadable: no 7% row of the totals.
    doc = read(ctx, "fattura", page(*HEADER, (40, 380, "Aliquota imponibile 7 Amposta"), (40, 392, "22% O74"),
                                    (40, 404, "10% 5O"), *totals("1.000,00", "160,00", "1.160,00")))
    assert doc.field_value("total") == Decimal("1160.00")
    assert doc.field_value("vat_lines") is None


def test_a_summary_titled_prospetto_iva_whose_nature_the_scan_misread_takes_the_one_the_page_names(ctx):
    # "NI" for N1 in the table; the note under it names N1 again.
    rows = [(40, 368, "Prospetto IVA"), (150, 368, "Tot. imponibile"), (250, 368, "Tot. imposta"), (350, 368, "Natura"),
            (40, 380, "10%"), (150, 380, "1.000,00"), (250, 380, "100,00"),
            (40, 392, "0%"), (150, 392, "500,00"), (250, 392, "0,00"), (350, 392, "NI"),
            (40, 440, "Operazione N1: escluse ex art. 15 DPR 633/72")]
    doc = read(ctx, "fattura", page(*HEADER, *rows, *totals("1.500,00", "100,00", "1.600,00")))
    assert doc.field_value("vat_lines") == [
        {"rate": Decimal("10.00"), "taxable_amount": Decimal("1000.00"), "vat_amount": Decimal("100.00"), "nature": None},
        {"rate": Decimal("0.00"), "taxable_amount": Decimal("500.00"), "vat_amount": Decimal("0.00"), "nature": "N1"}]


def test_vat_summary_rows_with_a_stray_space_in_a_figure_are_read_by_their_arithmetic(ctx):
    rows = [(40, 380, "22%"), (120, 380, "1.917, 76"), (200, 380, "421, 91"),
            (40, 392, "10%"), (120, 392, "500,00"), (200, 392, "50 ,00")]
    doc = read(ctx, "fattura", page(*HEADER, *rows, *totals("2.417,76", "471,91", "2.889,67")))
    assert doc.field_value("vat_lines") == [
        {"rate": Decimal("22.00"), "taxable_amount": Decimal("1917.76"), "vat_amount": Decimal("421.91"), "nature": None},
        {"rate": Decimal("10.00"), "taxable_amount": Decimal("500.00"), "vat_amount": Decimal("50.00"), "nature": None}]


@pytest.mark.parametrize("caption", ["TOTALE DOCUMENTO EUR", "NETTO A PAGARE", "TOTALE"])
def test_the_currency_a_totals_caption_names_outweighs_a_symbol_a_scan_made_of_a_digit(ctx, caption):
    # "$3.145,00-" is 53.145,00- with its 5 read as a dollar sign; the total's caption, or its figure, says EUR.
    doc = read(ctx, "nota_credito", page(*HEADER, (40, 300, "MOTORIDUTTORE 0,75 KW 100 531,45- $3.145,00- 22"),
                                         (300, 400, "TOTALE IMPONIBILE"), (470, 400, "53.145,00-"),
                                         (300, 412, "TOTALE IVA"), (470, 412, "11.691,90-"),
                                         (300, 424, caption), (450, 424, "EUR 64.836,90-")))
    assert doc.field_value("currency") == "EUR"


def test_a_parcellas_iva_whose_caption_ocr_misread_is_its_vat_rows_and_never_the_pension_funds_share(ctx):
    # The fees and the pension fund's 4% make the imponibile as an imponibile and its IVA at 4% would. With the IVA's
    # caption misread ("TVA-22%") and the total's marks lost, the VAT row's own arithmetic gives the IVA, and the total
    # is imponibile + IVA: neither the fees' sum nor the net after the withholding tax.
    rows = [("Totale onorari", "1.250,00"), ("Contributo integrativo 4%", "50,00"), ("Totale imponibile", "1.300,00"),
            ("TVA-22% su 1.300,00", "286,00"), ("TOTALE DOCUMENTO", "158600"),
            ("Ritenuta d'acconto 20% su 1.250,00", "250,00"), ("Netto da corrispondere", "1.336,00")]
    cells = [cell for i, (caption, figure) in enumerate(rows) for cell in ((227, 355 + 18 * i, caption),
                                                                          (460, 355 + 18 * i, figure))]
    doc = read(ctx, "fattura", page(*HEADER, *cells))
    assert (doc.field_value("taxable_amount"), doc.field_value("vat_amount"), doc.field_value("total")) == (
        Decimal("1300.00"), Decimal("286.00"), Decimal("1586.00"))



@pytest.mark.parametrize("caption, total", [("Imponbie", "2.440,00"), ("Imponbie", "12.440,00]")])
def test_a_forms_boxed_totals_a_scan_blurred_or_slipped_are_read_by_their_sums(ctx, caption, total):
    # Each figure right-aligned in its box, under the next caption; a caption blurred, and the total one digit off too.
    captions = [(40 + 120 * i, 400, text) for i, text in enumerate((caption, "Imposta", "Totale fattura", "Aliquota IVA"))]
    figures = [(110, 414, "2.000,00"), (250, 414, "440,00"), (345, 414, total), (400, 414, "22%")]
    doc = read(ctx, "fattura", page(*HEADER, *captions, *figures))
    assert (doc.field_value("taxable_amount"), doc.field_value("vat_amount"), doc.field_value("total")) == (
        Decimal("2000.00"), Decimal("440.00"), Decimal("2440.00"))


def test_a_total_a_scan_read_one_digit_short_inside_is_the_imponibile_plus_its_iva(ctx):
    # "152,00" for 1.525,00: the 5 between them merged away; imponibile and IVA prove each other at 22%.
    doc = read(ctx, "fattura", page(*HEADER, *totals("1.250,00", "275,00", "152,00 €")))
    assert doc.field_value("total") == Decimal("1525.00")


def test_a_total_one_digit_short_of_a_sum_no_legal_rate_proves_stays_as_read(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *totals("1.250,00", "260,00", "151,00 €")))
    assert doc.field_value("total") == Decimal("151.00")


def test_a_vat_rows_imposta_ocr_read_without_its_comma_is_read_where_the_rows_arithmetic_proves_it(ctx):
    # "22000" for 220,00: 1.000,00 at 22% makes it, and the rows make the imponibile and the IVA read.
    rows = [(40, 340, "22%"), (120, 340, "1.000,00"), (220, 340, "22000"),
            (40, 352, "10%"), (120, 352, "500,00"), (220, 352, "50,00")]
    doc = read(ctx, "fattura", page(*HEADER, *rows, *totals("1.500,00", "270,00", "1.770,00")))
    assert doc.field_value("vat_lines") == [
        {"rate": Decimal("22.00"), "taxable_amount": Decimal("1000.00"), "vat_amount": Decimal("220.00"), "nature": None},
        {"rate": Decimal("10.00"), "taxable_amount": Decimal("500.00"), "vat_amount": Decimal("50.00"), "nature": None}]


def g15_credit_totals(title: str) -> list[tuple[float, float, str]]:
    """A shop's credit note's totals as a G15 fax read them (tuned seed 113): the IVA's "-€" read as "£"."""
    return [(40, 150, title), (300, 400, "Subtotale (IVA esclusa) -€ 45,09"), (300, 412, "IVA 22% £ 9,92"),
            (300, 424, "Totale {IVA inclusa) -€ 55,01")]


def test_a_credit_notes_iva_that_lost_its_minus_is_negative_as_its_imponibile_at_its_rate(ctx):
    doc = read(ctx, "nota_credito", page(*HEADER, *g15_credit_totals("Nota di credito per reso")))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount", "total")] == [
        Decimal("-45.09"), Decimal("-9.92"), Decimal("-55.01")]


def test_an_iva_unlike_its_imponibiles_sign_keeps_its_own_on_a_page_that_is_no_credit_note(ctx):
    # no total read: the total's caption read "Totale {IVA inclusa)" is read since its brace counts as a speck,
    # and imponibile + IVA = totale then proves the sign
    doc = read(ctx, "fattura", page(*HEADER, *g15_credit_totals("Ricevuta d'ordine")[:3]))
    assert doc.field_value("vat_amount") == Decimal("9.92")


@pytest.mark.parametrize("printed", ["Importo rimborsabile EUR 740,27", "Importo rimborsabile € 740,27"])
def test_an_expense_claims_amount_to_refund_is_its_total(ctx, printed):
    # our generator's notes of expenses (L5, L6) print their total so, and lost it on every one (seeds 5000, 7000)
    doc = read(ctx, "nota_spese", page((40, 40, "Termofontana Soc. Coop."), (40, 60, "Richiesta rimborso spese"),
                                       (40, 100, "Data Descrizione Categoria Importo"),
                                       (40, 112, "2025-07-07 Rimborso chilometrico 241 km x 0,42 Auto propria 101,22"),
                                       (40, 124, "2025-07-08 Cena con cliente Vitto 639,05"), (40, 140, printed)))
    assert doc.field_value("total") == Decimal("740.27")


GENERATOR_CREDIT_NOTE = [  # a generator scan's words (layout L5, seed 8004), boxes as OCR gave them
    ('NOTA', (238.3, 133.9, 275.4, 143.6)),
    ('DI', (279.0, 134.3, 293.4, 143.6)),
    ('CREDITO', (297.0, 133.9, 357.1, 144.0)),
    ('[Riepitogo', (56.2, 354.2, 93.6, 367.6)),
    ('aliquote', (95.8, 357.5, 125.6, 365.8)),
    ('Netto', (258.5, 357.5, 277.9, 364.0)),
    ('imponibile', (279.7, 357.5, 319.0, 365.4)),
    ('Importo', (391.7, 357.5, 421.9, 365.4)),
    ('IVA', (424.1, 357.5, 439.2, 364.0)),
    ('Natura', (477.7, 357.5, 503.3, 364.0)),
    ('0%', (59.4, 372.6, 69.8, 378.7)),
    ('4.772,19', (286.9, 372.2, 319.0, 379.4)),
    ('0,00', (424.4, 370.8, 441.0, 381.6)),
    ('N22', (482.0, 372.2, 499.0, 378.7)),
    ('Tot.', (301.7, 396.4, 316.1, 403.2)),
    ('imponibile', (319.0, 396.4, 357.5, 405.0)),
    ('€', (493.6, 396.4, 499.7, 402.8)),
    ('-4.772,19', (501.8, 396.4, 536.8, 403.6)),
    ('Tot.', (302.0, 411.1, 315.7, 418.0)),
    ('imposta', (319.0, 411.5, 347.4, 419.8)),
    ('€', (512.3, 411.1, 518.4, 417.6)),
    ('0,00', (520.6, 411.1, 536.4, 418.3)),
    ('Totale', (302.0, 424.8, 329.0, 432.4)),
    ('complessivo', (331.6, 424.8, 382.7, 434.2)),
    ('€', (488.5, 425.2, 495.4, 432.4)),
    ('4.772,19', (498.2, 424.8, 536.8, 433.4)),
]


def test_a_credit_notes_summary_row_read_unsigned_is_the_same_amounts_its_totals_print_negative(ctx):
    # the summary's row (4.772,19 and 0,00 under its headers) adds up with the total, its minus lost, as the
    # totals' own captions do with "-4.772,19": the credit note's minus is printed, the amounts are negative
    doc = read(ctx, "nota_credito", page_as_read(GENERATOR_CREDIT_NOTE))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount", "total")] == [
        Decimal("-4772.19"), Decimal("0.00"), Decimal("-4772.19")]
