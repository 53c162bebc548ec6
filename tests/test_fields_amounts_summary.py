"""The VAT summary and the total as scans misread them (issue 11): a row's rate read wrong
("2Z%", "1O", "40%" for 10%), a total that lost its leading digit
("233,51" or ".233,51" for 1.233,51). Each repair is kept only where arithmetic proves it:
the row's imponibile x one legal rate = its imposta; imponibile + IVA = totale at a legal rate. And 0% rows
printed without their imposta, each kept under its nature where one way only of making the rest proves it.

Every page here is made for its test, word by word, as OCR gives it (see `page`)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from test_fields_amounts import HEADER, totals
from test_fields_layout import page, read


def summary(*rows: tuple[str, str, str]) -> list[tuple[float, float, str]]:
    """A VAT summary under its header: one (rate, imponibile, imposta) per row."""
    cells = [(40, 330, "ALIQUOTA"), (120, 330, "IMPONIBILE"), (220, 330, "IMPOSTA")]
    for i, (rate, taxable, vat) in enumerate(rows):
        cells += [(40, 342 + 12 * i, rate), (120, 342 + 12 * i, taxable), (220, 342 + 12 * i, vat)]
    return cells


def line(rate: str, taxable: str, vat: str) -> dict:
    return {"rate": Decimal(rate), "taxable_amount": Decimal(taxable), "vat_amount": Decimal(vat), "nature": None}


@pytest.mark.parametrize("first, second", [("2Z%", "10%"), ("22%", "1O%"), ("22", "1O"), ("22%", "l0%"),
                                           ("22%", "40%")])
def test_a_summary_rows_misread_rate_is_the_legal_rate_its_imponibile_and_imposta_make(ctx, first, second):
    doc = read(ctx, "fattura", page(*HEADER, *summary((first, "1.000,00", "220,00"), (second, "600,00", "60,00")),
                                    *totals("1.600,00", "280,00", "1.880,00")))
    assert doc.field_value("vat_lines") == [line("22.00", "1000.00", "220.00"), line("10.00", "600.00", "60.00")]


def test_a_rate_read_that_makes_its_imposta_stands_though_no_italian_rate(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *summary(("19%", "1.000,00", "190,00")),
                                    *totals("1.000,00", "190,00", "1.190,00")))
    assert doc.field_value("vat_lines") == [line("19.00", "1000.00", "190.00")]


def test_a_legal_rate_that_does_not_make_its_imposta_is_left_for_the_check_to_flag(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *summary(("22%", "1.000,00", "100,00")),
                                    *totals("1.000,00", "100,00", "1.100,00")))
    assert [row["rate"] for row in doc.field_value("vat_lines")] == [Decimal("22.00")]
    assert not all(check.passed for check in doc.fields["vat_lines"].checks)


def test_a_misread_rate_that_no_legal_rate_proves_is_left_as_read(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *summary(("2Z%", "1.000,00", "230,00")),
                                    *totals("1.000,00", "230,00", "1.230,00")))
    assert [row["rate"] for row in doc.field_value("vat_lines")] == [Decimal("2.00")]


@pytest.mark.parametrize("printed", ["233,51", ".233,51", ",233,51", "33,51"])
def test_a_total_that_lost_its_leading_digits_is_the_sum_its_other_digits_agree_with(ctx, printed):
    doc = read(ctx, "fattura", page(*HEADER, *totals("1.011,07", "222,44", printed)))
    assert doc.field_value("total") == Decimal("1233.51")
    assert all(check.passed for check in doc.fields["total"].checks)


@pytest.mark.parametrize("printed", ["233,57", "3,51"])
def test_a_total_whose_digits_left_disagree_or_are_too_few_is_not_repaired(ctx, printed):
    doc = read(ctx, "fattura", page(*HEADER, *totals("1.011,07", "222,44", printed)))
    assert doc.field_value("total") != Decimal("1233.51")


@pytest.mark.parametrize("caption", ["IVA 22%", "IVA (22%)", "IVA 22,00 %"])
def test_an_iva_caption_that_names_its_rate_heads_the_figure_below_it(ctx, caption):
    doc = read(ctx, "fattura", page(*HEADER, (40, 400, "Imponibile"), (160, 400, caption), (300, 400, "Totale documento"),
                                    (40, 412, "1.000,00"), (160, 412, "220,00"), (300, 412, "1.220,00")))
    assert doc.field_value("vat_amount") == Decimal("220.00")
    assert doc.field_value("vat_lines") == [line("22.00", "1000.00", "220.00")]


@pytest.mark.parametrize("taxable, vat, printed", [("1.011,07", "222,44", "233,51"), ("1.000,00", "220,00", "1.222,00")])
def test_a_text_layer_total_is_taken_as_printed_never_as_a_slip_or_a_figure_cut_short(ctx, taxable, vat, printed):
    """A born-digital total that is not imponibile + IVA adds what no OCR lost (a revenue stamp, a deposit)."""
    cells = [*totals(taxable, vat, printed), (300, 436, "Bollo"), (470, 436, "2,00")]
    doc = read(ctx, "fattura", replace(page(*HEADER, *cells), source="text_layer", confidence=1.0))
    assert doc.field_value("total") == Decimal(printed.replace(".", "").replace(",", "."))


CAPTIONS = [(300, 400, "TOTALE IMPONIBILE"), (300, 412, "TOTALE IVA"), (300, 424, "NETTO A PAGARE EUR")]


def lone_figures(x: float, y: float, *printed: str) -> list[tuple[float, float, str]]:
    """Figures one per line, as OCR reads a summary's column apart from its captions."""
    return [(x, y + 12 * i, figure) for i, figure in enumerate(printed)]


@pytest.mark.parametrize("cells", [
    [*CAPTIONS, *lone_figures(300, 436, "1.000,00", "220,00", "1.220,00")],  # read after the captions, in their column
    [*CAPTIONS, *lone_figures(470, 460, "1.000,00", "220,00", "1.220,00")],  # read as a block of their own
    lone_figures(470, 460, "1.000,00", "0,00", "1.000,00", "220,00", "€ 1.220,00"),  # the captions lost, a discount of 0
])
def test_a_summarys_figures_parted_from_their_captions_take_the_roles_both_equations_give_them(ctx, cells):
    doc = read(ctx, "fattura", page(*HEADER, *cells))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount", "total")] == [
        Decimal("1000.00"), Decimal("220.00"), Decimal("1220.00")]


def test_a_credit_notes_figures_parted_from_their_captions_keep_their_sign(ctx):
    doc = read(ctx, "nota_credito", page(*HEADER, *lone_figures(470, 460, "1.000,00-", "220,00-", "1.220,00-")))
    assert doc.field_value("total") == Decimal("-1220.00")


@pytest.mark.parametrize("printed", [("1.000,00", "221,00", "1.221,00"),  # at no legal rate
                                     ("1.000,00", "220,00", "1.220,00", "500,00", "110,00", "610,00")])  # two summaries
def test_lone_figures_that_no_legal_rate_or_more_than_one_triple_make_give_no_summary(ctx, printed):
    doc = read(ctx, "fattura", page(*HEADER, *lone_figures(470, 460, *printed)))
    assert doc.field_value("total") is None


ITEMS = [(40, 300, "DESCRIZIONE QTA PREZZO IMPORTO IVA"), (40, 312, "INTERVENTO TECNICO A CHIAMATA 3 79,83 239,49 10"),
         (40, 324, "ANALISI CHIMICA CAMPIONE ACQUA 15 81,23 1.218,45 22"),
         (40, 336, "TUBO RAME 18 MM (BARRA 5 M) 15 20,33 304,95 {third}"),
         (40, 348, "BULLONE TE M10X40 ZINCATO (CONF. 100) 1 15,77 15,77 {fourth}")]
ITEM_LINES = [line("22.00", "1234.22", "271.53"), line("10.00", "544.44", "54.44")]


def items(third: str = "10", fourth: str = "22") -> list[tuple[float, float, str]]:
    return [(x, y, text.format(third=third, fourth=fourth)) for x, y, text in ITEMS]


@pytest.mark.parametrize("third, fourth", [("1O", "22"), ("l0", "22"), ('9". 010', "22"), ("", "22"), ("40", "22"),
                                           ("10", "2Z"), ("10", ""), ("1O", "ZZ")])
def test_items_whose_rate_ocr_misread_take_the_one_legal_rate_that_makes_the_imposta(ctx, third, fourth):
    doc = read(ctx, "fattura", page(*HEADER, *items(third, fourth), *totals("1.778,66", "325,97", "2.104,63")))
    assert doc.field_value("vat_lines") == ITEM_LINES


def test_items_whose_misread_rates_no_single_choice_proves_give_no_vat_lines(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *items("1O", "ZZ"), *totals("1.778,66", "325,98", "2.104,64")))
    assert doc.field_value("vat_lines") is None


@pytest.mark.parametrize("cells", [
    [(300, 400, "TOTALE IMPONIBILE"), (470, 400, "1.000,00"), (300, 412, "TOTALE IVA"),
     (300, 424, "TOTALE DOCUMENTO EUR"), (470, 424, "1.220,00")],
    [(300, 400, "TOTALE IMPONIBILE"), (470, 400, "1.000,00"), (300, 424, "TOTALE DOCUMENTO EUR"), (470, 424, "1.220,00")]])
def test_an_iva_whose_figure_a_scan_lost_is_the_difference_one_legal_rate_proves(ctx, cells):
    doc = read(ctx, "fattura", page(*HEADER, *cells))
    assert doc.field_value("vat_amount") == Decimal("220.00")
    assert doc.field_value("vat_lines") == [line("22.00", "1000.00", "220.00")]


def test_a_lost_iva_is_not_made_up_from_a_difference_at_no_legal_rate_nor_on_a_text_layer(ctx):
    at_no_rate = page(*HEADER, (300, 400, "TOTALE IMPONIBILE"), (470, 400, "1.000,00"), (300, 412, "TOTALE IVA"),
                      (300, 424, "TOTALE DOCUMENTO EUR"), (470, 424, "1.230,00"))
    text_layer = replace(page(*HEADER, (300, 400, "TOTALE IMPONIBILE"), (470, 400, "1.000,00"),
                              (300, 424, "TOTALE DOCUMENTO EUR"), (470, 424, "1.220,00")), source="text_layer")
    assert read(ctx, "fattura", at_no_rate).field_value("vat_amount") is None
    assert read(ctx, "fattura", text_layer).field_value("vat_amount") is None


CREDIT_ITEMS = [(40, 300, "DESCRIZIONE QTA PREZZO IMPORTO IVA"),
                (40, 312, "SMALTIMENTO RIFIUTI SPECIALI (KG) 10 1,85: 18,50: 4"),  # a mark for the minus
                (40, 324, "BULLONE TE M10X40 ZINCATO (CONF. 100) 6 11,06- 66, 36- 22"),
                (40, 336, "TUBO RAME 18 MM (BARRA 5 M) 4 30,27- 121,08- 4"),
                (40, 348, "STAMPA BROCHURE A5 4 COLORI (100 PZ) 1 102,68- 102,68- 22"),
                (40, 360, "PIANTINE DI LAVANDA VASO 14 8 2,65- 21,20- 04"),
                (40, 372, "BULLONE TE M10X40 ZINCATO (CONF. 100) 1 20,70. 20,70-.. 22")]  # price and amount not one figure


def test_a_credit_notes_items_take_their_rates_through_a_scans_marks_and_lost_minus_signs(ctx):
    doc = read(ctx, "nota_credito", page(*HEADER, *CREDIT_ITEMS, *totals("350,52-", "48,17-", "398,69-")))
    assert doc.field_value("vat_lines") == [line("22.00", "-189.74", "-41.74"), line("4.00", "-160.78", "-6.43")]


def test_figures_re_read_to_a_sum_whose_iva_no_rate_makes_yield_to_a_slip_both_equations_prove(ctx):
    # "115,92" re-read as 15,92 and "427,51" as 27,51 (a sign for a leading digit) add up with 11,59, an IVA
    # of 72%; 427,51 one slip from 127,51 makes both 115,92 x 10% = 11,59 and the sum.
    doc = read(ctx, "fattura", page(*HEADER, *totals("EUR 115,92", "EUR 11,59", "427,51")))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount", "total")] == [
        Decimal("115.92"), Decimal("11.59"), Decimal("127.51")]
    assert doc.field_value("vat_lines") == [line("10.00", "115.92", "11.59")]


def test_summary_rows_whose_rates_a_scan_lost_take_the_one_legal_rate_their_figures_make(ctx):
    rows = [(40, 330, "Imponibile"), (120, 330, "Imposta"),
            (40, 342, "51.039,67"), (120, 342, "11.228,73"), (40, 354, "394,84"), (120, 354, "39,48")]
    doc = read(ctx, "proforma", page(*HEADER, *rows, *totals("51.434,51", "11.268,21", "62.702,72")))
    assert doc.field_value("vat_lines") == [line("22.00", "51039.67", "11228.73"), line("10.00", "394.84", "39.48")]


def test_rows_whose_figures_no_single_legal_rate_makes_give_no_vat_lines(ctx):
    rows = [(40, 342, "51.039,67"), (120, 342, "11.228,73"), (40, 354, "394,84"), (120, 354, "39,00")]
    doc = read(ctx, "proforma", page(*HEADER, *rows, *totals("51.434,51", "11.267,73", "62.702,24")))
    assert doc.field_value("vat_lines") is None


LOST_PARTS = [(300, 400, "TOTALE IMPONIBILE"), (300, 412, "TOTALE IVA"), (300, 424, "TOTALE DOCUMENTO EUR"),
              (470, 424, "1.471,60")]


@pytest.mark.parametrize("rated", [[(40, 312, "TUBO RAME 18 MM (BARRA 5 M) 15 80,42 1.206,23 22")],
                                   [(40, 312, "TUBO RAME 18 MM (BARRA 5 M) 15 80,42 1.206,23"), (300, 380, "IVA 22%")]])
def test_an_imponibile_and_iva_a_scan_lost_are_what_the_total_makes_at_the_one_rate_printed(ctx, rated):
    doc = read(ctx, "fattura", page(*HEADER, *rated, *LOST_PARTS))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount", "total")] == [
        Decimal("1206.23"), Decimal("265.37"), Decimal("1471.60")]
    assert doc.field_value("vat_lines") == [line("22.00", "1206.23", "265.37")]


@pytest.mark.parametrize("rated, source", [
    ([(40, 312, "TUBO RAME 18 MM 15 40,00 600,00 22"), (40, 324, "BULLONE M10 10 60,62 606,23 10")], "ocr"),  # two rates
    ([(40, 312, "TUBO RAME 18 MM (BARRA 5 M) 15 80,42 1.206,23 22")], "text_layer")])  # no scan lost them
def test_parts_are_not_made_from_the_total_with_two_rates_printed_nor_on_a_text_layer(ctx, rated, source):
    doc = read(ctx, "fattura", replace(page(*HEADER, *rated, *LOST_PARTS), source=source))
    assert doc.field_value("taxable_amount") is None


def test_the_one_rows_imposta_a_scan_misread_is_the_iva_read_where_its_rate_makes_it(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *summary(("10%", "1.118,42", "411,84")),
                                    *totals("1.118,42", "111,84", "1.230,26")))
    assert doc.field_value("vat_lines") == [line("10.00", "1118.42", "111.84")]


def test_a_rows_imposta_that_its_rate_makes_stands_against_an_iva_read_otherwise(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *summary(("22%", "1.000,00", "220,00")),
                                    *totals("1.000,00", "100,00", "1.100,00")))
    assert doc.field_value("vat_lines") == [line("22.00", "1000.00", "220.00")]


def test_items_rates_make_the_vat_lines_when_the_summary_under_them_is_misread(ctx):
    # The summary's first row follows the items as closely as an item whose rate a scan lost would: it is
    # no item, its header's captions say the items have ended ("2058" and "4.293,33" misread, as a G13 fax).
    rows = [(40, 360, "Cod. IVA Descrizione Imponibile Imposta"), (40, 372, "22 Aliquota 22% 15,77 3,47"),
            (40, 384, "10 Aliquota 10% 2058 54,44"), (40, 396, "4.293,33 268,06")]
    doc = read(ctx, "fattura", page(*HEADER, *items(), *rows, *[(x, y + 36, t) for x, y, t in
                                                                 totals("1.778,66", "325,97", "2.104,63")]))
    assert doc.field_value("vat_lines") == ITEM_LINES


def boxes(y: float, *printed: str) -> list[tuple[float, float, str]]:
    """Figures side by side on one line, each in a box of a form's row whose captions a scan lost."""
    return [(140 + 120 * i, y, figure) for i, figure in enumerate(printed)]


def test_a_forms_row_of_figures_whose_captions_a_scan_lost_takes_the_roles_both_equations_give_them(ctx):
    doc = read(ctx, "fattura", page(*HEADER, (430, 440, "Aliquota IVA"), *boxes(460, "3.626,08", "145,04", "3.771,12 | 4%")))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount", "total")] == [
        Decimal("3626.08"), Decimal("145.04"), Decimal("3771.12")]


@pytest.mark.parametrize("rows", [[("3.626,08", "145,04", "3.771,12 Totale")],  # a word beside a figure: no box
                                  [("1.000,00", "220,00", "1.220,00"), ("500,00", "50,00", "550,00")]])  # rows by rate
def test_rows_of_figures_with_a_word_among_them_or_more_than_one_give_no_summary(ctx, rows):
    cells = [cell for i, row in enumerate(rows) for cell in boxes(460 + 12 * i, *row)]
    doc = read(ctx, "fattura", page(*HEADER, *cells))
    assert doc.field_value("total") is None


TOTAL_ONLY = [(300, 424, "TOTALE DOCUMENTO EUR"), (470, 424, "1.880,00")]


def test_a_summary_row_misread_is_what_the_total_leaves_at_the_rate_its_printed_imposta_proves(ctx):
    # no imponibile or IVA caption read; "800,00" for 600,00: 1.880,00 less the 22% row leaves 660,00, which
    # 10% alone splits into 600,00 and the 60,00 the row prints
    doc = read(ctx, "fattura", page(*HEADER, *summary(("22%", "1.000,00", "220,00"), ("10%", "800,00", "60,00")), *TOTAL_ONLY))
    assert doc.field_value("vat_lines") == [line("22.00", "1000.00", "220.00"), line("10.00", "600.00", "60.00")]
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount")] == [Decimal("1600.00"), Decimal("280.00")]


def test_a_summary_row_whose_figures_are_all_misread_is_not_made_up_from_the_total(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *summary(("22%", "1.000,00", "220,00"), ("10%", "800,00", "80,00")), *TOTAL_ONLY))
    assert all(row["rate"] != Decimal("10.00") or row["taxable_amount"] != Decimal("600.00")
               for row in doc.field_value("vat_lines") or [])



def zero_rate_row_misread(nature: str) -> list[tuple[float, float, str]]:
    """A summary whose 0% row's imponibile OCR misread ("6OO,0O"), under totals that leave 600,00 and no IVA."""
    return [*summary(("22%", "1.000,00", "220,00"), (f"0% {nature}".strip(), "6OO,0O", "0,00")),
            *totals("1.600,00", "220,00", "1.820,00")]


def test_a_zero_rate_row_misread_is_what_the_rows_leave_where_the_page_names_its_nature(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *zero_rate_row_misread("N2.2")))
    assert doc.field_value("vat_lines") == [line("22.00", "1000.00", "220.00"), {**line("0.00", "600.00", "0.00"),
                                                                                "nature": "N2.2"}]


def test_no_zero_rate_row_is_made_up_where_the_page_names_no_nature(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *zero_rate_row_misread("")))
    assert all(row["rate"] != 0 for row in doc.field_value("vat_lines") or [])


TWO_ROWS = summary(("22%", "1.000,00", "220,00"), ("10%", "600,00", "60,00"))


@pytest.mark.parametrize("captions", [[], [(300, 412, "TOTALE IVA"), (470, 412, "280,00")]])
def test_a_summarys_sums_are_the_imponibile_and_iva_where_its_header_gave_a_row_and_no_total_was_read(ctx, captions):
    # the totals' captions lost: the summary's "IMPONIBILE" and "IMPOSTA" headers read its first row
    doc = read(ctx, "fattura", page(*HEADER, *TWO_ROWS, *captions))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount")] == [Decimal("1600.00"), Decimal("280.00")]


def test_a_figure_read_outside_the_summary_that_is_not_its_sum_leaves_the_figures_as_read(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *TWO_ROWS, (300, 412, "TOTALE IVA"), (470, 412, "290,00")))
    assert doc.field_value("vat_amount") == Decimal("290.00")
    assert doc.field_value("taxable_amount") != Decimal("1600.00")


def summary_with_totals(*rows: tuple[str, str, str, str]) -> list[tuple[float, float, str]]:
    """A VAT summary with a "Totale" column: one (rate, imponibile, imposta, totale) per row."""
    cells = [(40, 330, "ALIQUOTA"), (120, 330, "IMPONIBILE"), (220, 330, "IMPOSTA"), (300, 330, "TOTALE")]
    for i, row in enumerate(rows):
        cells += [(x, 342 + 12 * i, figure) for x, figure in zip((40, 120, 220, 300), row)]
    return cells


FIRST_ROW = ("22%", "1.000,00", "220,00", "1.220,00")


@pytest.mark.parametrize("second", [("10%", "6OO,0O", "60,00", "660,00"), ("10%", "800,00", "60,00", "660,00"),
                                    ("1O%", "600,00", "6O,00", "66O,0O")])
def test_a_summary_with_a_total_per_row_whose_second_row_is_misread_gives_no_row_for_the_document(ctx, second):
    # the headers read the first row, a triple that adds up (1.000,00 + 220,00 = 1.220,00); the document's
    # total is printed apart, and the rows it leaves after the first prove the second
    doc = read(ctx, "fattura", page(*HEADER, *summary_with_totals(FIRST_ROW, second), *TOTAL_ONLY))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount", "total")] == [
        Decimal("1600.00"), Decimal("280.00"), Decimal("1880.00")]
    assert doc.field_value("vat_lines") == [line("22.00", "1000.00", "220.00"), line("10.00", "600.00", "60.00")]


@pytest.mark.parametrize("second", [("10%", "6OO,0O", "60,00", "660,00"), ("10%", "800,00", "60,00", "660,00")])
def test_a_summary_row_is_not_the_documents_amounts_where_nothing_proves_the_other_rows(ctx, second):
    doc = read(ctx, "fattura", page(*HEADER, *summary_with_totals(FIRST_ROW, second)))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount", "total", "vat_lines")] == [None] * 4


def test_a_summary_with_a_total_per_row_read_whole_gives_its_sums_without_a_rows_total(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *summary_with_totals(FIRST_ROW, ("10%", "600,00", "60,00", "660,00"))))
    assert [doc.field_value(n) for n in ("taxable_amount", "vat_amount")] == [Decimal("1600.00"), Decimal("280.00")]
    assert doc.field_value("total") is None


def test_a_credit_notes_summary_rows_that_lost_their_minus_signs_are_signed_as_the_imponibile(ctx):
    # a G13 low-resolution scan (tuned seed 83) read its 10% row without either minus sign
    doc = read(ctx, "nota_credito", page(*HEADER, (40, 330, "22 Aliquota 22% -2,50 -0,55"),
                                         (40, 342, "10 Aliquota 10% 12.296,46 1.229,65"),
                                         *totals("-12.298,96", "-1.230,20", "-13.529,16")))
    assert doc.field_value("vat_lines") == [line("22.00", "-2.50", "-0.55"), line("10.00", "-12296.46", "-1229.65")]


def test_summary_rows_of_a_credit_note_that_do_not_add_up_once_signed_give_no_vat_lines(ctx):
    doc = read(ctx, "nota_credito", page(*HEADER, (40, 330, "22 Aliquota 22% -2,50 -0,55"),
                                         (40, 342, "10 Aliquota 10% 12.296,46 1.229,65"),
                                         *totals("-12.398,96", "-1.240,20", "-13.639,16")))
    assert doc.field_value("vat_lines") is None


def test_an_item_whose_price_and_rate_a_scan_lost_takes_the_one_legal_rate_that_makes_the_imposta(ctx):
    # a G13 phone photo (tuned seed 83) kept of one item only its description and amount
    lost = [(x, y, "TUBO RAME 18 MM (BARRA 5 M) 304,95" if y == 336 else text) for x, y, text in items()]
    doc = read(ctx, "fattura", page(*HEADER, *lost, *totals("1.778,66", "325,97", "2.104,63")))
    assert doc.field_value("vat_lines") == ITEM_LINES


def test_an_item_whose_price_and_rate_were_lost_gives_no_vat_lines_where_no_single_rate_proves_it(ctx):
    lost = [(x, y, "TUBO RAME 18 MM (BARRA 5 M) 304,95" if y == 336 else text) for x, y, text in items()]
    doc = read(ctx, "fattura", page(*HEADER, *lost, *totals("1.778,66", "325,98", "2.104,64")))
    assert doc.field_value("vat_lines") is None


def test_a_nature_code_whose_point_a_scan_read_as_a_comma_is_the_code(ctx):
    # a generator scan (L5, seed 8004) read "N2.2" as "N2,2" on its items and in its summary
    doc = read(ctx, "fattura", page(*HEADER, *summary(("22%", "1.000,00", "220,00"), ("0% N2,2", "600,00", "0,00")),
                                    *totals("1.600,00", "220,00", "1.820,00")))
    assert doc.field_value("vat_lines") == [line("22.00", "1000.00", "220.00"), {**line("0.00", "600.00", "0.00"),
                                                                                "nature": "N2.2"}]


def test_zero_rate_rows_printed_without_imposta_keep_each_its_nature(ctx):
    # An ERP's summary (G17): a code column, no rate caption, a 0% row's imposta left blank; the item that bills
    # the stamp duty repeats its row's figure higher up. Each 0% row keeps its own nature, none merged.
    item = [(40, 250, "BOLLO"), (90, 250, "Imposta di bollo"), (260, 250, "NR 1"), (330, 250, "2,00"), (400, 250, "2,00"),
            (460, 250, "N1")]
    rows = [(40, 290, "Cod."), (70, 290, "Descrizione IVA"), (170, 290, "Imponibile"), (230, 290, "Imposta"),
            (40, 302, "22"), (70, 302, "Aliquota 22%"), (170, 302, "1.000,00"), (230, 302, "220,00"),
            (40, 314, "N1"), (70, 314, "Escluso art. 15"), (170, 314, "2,00"),
            (40, 326, "N4"), (70, 326, "Esente art. 10"), (170, 326, "88,02")]
    doc = read(ctx, "fattura", page(*HEADER, *item, *rows, *totals("1.090,02", "220,00", "1.310,02")))
    assert doc.field_value("vat_lines") == [line("22", "1000.00", "220.00"),
                                            {**line("0", "2.00", "0"), "nature": "N1"},
                                            {**line("0", "88.02", "0"), "nature": "N4"}]


def test_zero_rate_figures_that_make_the_rest_two_ways_are_not_split_by_nature(ctx):
    # 2,00 under N1 and 2,00 under N4 with 2,00 left over: which nature it is, nothing proves.
    rows = [(40, 290, "Cod."), (70, 290, "Descrizione IVA"), (170, 290, "Imponibile"), (230, 290, "Imposta"),
            (40, 302, "22"), (70, 302, "Aliquota 22%"), (170, 302, "1.000,00"), (230, 302, "220,00"),
            (40, 314, "N1"), (70, 314, "Escluso art. 15"), (170, 314, "2,00"),
            (40, 326, "N4"), (70, 326, "Esente art. 10"), (170, 326, "2,00")]
    doc = read(ctx, "fattura", page(*HEADER, *rows, *totals("1.002,00", "220,00", "1.222,00")))
    assert not any(row["nature"] for row in doc.field_value("vat_lines") or [])

