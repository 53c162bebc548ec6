"""The document's number on layouts our generator never makes (issue 11): a professional's parcella that
names its number lower on the page than a header, a typewritten number the OCR cut in two, a caption the
OCR glued to the series before it, a number typed off its caption's line, a blurred caption in the
header read before a listed one at the foot, a shop's IT read as 1T, a mandate's number, the head of an
amount under a blurred caption, a title's abbreviation in brackets, a number under its caption in an ERP's strip
of boxes whose values run together, the days of payment terms after "vista fattura", and a delivery note an item
refers to under a "Rif." a scan misread ("Rif,", "Rit.").

Every page here is made for its test, word by word (see `test_fields_layout.page`)."""

from __future__ import annotations

import datetime as dt

import pytest

from demat.kernel.document import Word
from test_fields_layout import CUSTOMER_RIGHT, LETTERHEAD, page, page_as_read, read


@pytest.mark.parametrize("title, number", [("AVVISO DI PARCELLA n.", "2025/47"), ("Parcella n.", "18/25P"),
                                           ("Notula n.", "7/2025")])
def test_a_parcella_names_its_number_below_the_header(ctx, title, number):
    # The letterhead, the customer and the place and date fill the top third: the title line comes after them.
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 240, "Bologna, 12 marzo 2025"),
                                    (40, 280, f"{title} {number}"), (40, 300, "Per le prestazioni professionali rese:"),
                                    (40, 400, "Totale parcella 1.268,80")))
    assert doc.field_value("number") == number


@pytest.mark.parametrize("head, rest, number", [("004", "127", "004127"), ("122", "1/E", "1221/E")])
def test_a_typewritten_number_the_ocr_cut_in_two_is_read_whole(ctx, head, rest, number):
    # "N°" pre-printed, "004127" typed: the OCR split it with a gap narrower than a typed space; so with a series
    # after the cut ("1221/E" read "122 1/E", a known kind of earlier rounds).
    doc = read(ctx, "fattura", page(*LETTERHEAD, (400, 40, "N°"), (415, 40, head), (432, 40, rest),
                                    (40, 400, "Totale fattura 10,00")))
    assert doc.field_value("number") == number


def test_figures_a_typed_space_apart_are_not_joined_to_the_number(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, (400, 40, "N° 4127 12"), (40, 400, "Totale fattura 10,00")))
    assert doc.field_value("number") == "4127"


def test_a_number_whose_caption_the_scan_glued_to_its_series_with_an_underscore(ctx):
    # "Serie B   N° 004512" pre-printed: the OCR read the gap before "N°" as an underscore.
    doc = read(ctx, "fattura", page(*LETTERHEAD, (380, 40, "Serie B_N° 004512"), (40, 400, "Totale fattura 10,00")))
    assert doc.field_value("number") == "004512"


def test_a_number_typed_a_little_below_its_preprinted_caption(ctx):
    # "N°" pre-printed, "008435" typed a little lower, level with the letterhead's next line: the OCR read it
    # with that line, and the caption's own line ends with the caption.
    doc = read(ctx, "ddt", page((40, 40, "Ferri & Figli S.r.l."), (380, 40, "Serie A N°"), (40, 46, "Via Roma 1"),
                                (445, 47, "008435"), (40, 58, "P.IVA 52176930932"), (40, 400, "Data 10.06.2025")))
    assert doc.field_value("number") == "008435"


def test_a_zero_after_the_caption_is_no_number(ctx):
    # "DOCUMENTO DI TRASPORTO (D.d.T.)" faxed: "(D.d.T." read "(0. aT:", and the number itself unread.
    doc = read(ctx, "ddt", page((40, 40, "Ferri & Figli S.r.l."), (300, 40, "DOCUMENTO DI TRASPORTO (0. aT:"),
                                (40, 58, "P.IVA 52176930932"), (40, 400, "Data 10.06.2025")))
    assert doc.field_value("number") is None


def test_a_blurred_caption_in_the_header_comes_before_a_listed_one_in_the_payment_terms(ctx):
    # A G13 flatbed scan: "Documento n°" is read again as a listed caption (markers.py), after the page's other
    # captions; "Bonifico vista fattura 30/60/90 gg" at the foot named the number before it did.
    doc = read(ctx, "fattura", page(*LETTERHEAD, (370, 40, "Fattura"), (370, 56, "Documento n°"),
                                    (453, 56, "2025/A/758"), (370, 68, "Data 01-02-25"), *CUSTOMER_RIGHT,
                                    (40, 600, "TOTALE FATTURA 1.756,85 €"),
                                    (40, 628, "Pagamento: Bonifico vista fattura 30/60/90 gg d.f.")))
    assert doc.field_value("number") == "2025/A/758"


@pytest.mark.parametrize("printed, number", [("1T25/50702", "IT25/50702"), ("37872/1T/2025", "37872/IT/2025"),
                                             ("lT-2025-031572", "IT-2025-031572"),
                                             ("iT-2025-092915", "IT-2025-092915"),  # a fax at seed 500
                                             # its I read as a bracket or a small i (tuned G7 and G15 at 100 dpi
                                             # and by fax, seeds 41 and 59)
                                             ("[T25/61406", "IT25/61406"), ("[NV-05673", "INV-05673"),
                                             ("iNV-06225", "INV-06225"), ("|NV-05673", "INV-05673")])
def test_the_it_of_a_shops_number_whose_i_a_scan_read_as_one(ctx, printed, number):
    # Tuned G15 shops at grammar seeds 59, 200 and 300 (fax, faint, flatbed, phone): "1T" opens no series.
    doc = read(ctx, "fattura", page((40, 40, "GrilloBazar"), (400, 40, "Fattura"), (40, 80, "Numero fattura"),
                                    (160, 80, printed), (40, 92, "Data fattura"), (160, 92, "25/10/2025"),
                                    *CUSTOMER_RIGHT, (40, 400, "Totale ordine 10,00")))
    assert doc.field_value("number") == number


def test_a_mandates_number_dated_in_the_payment_terms_is_not_the_documents(ctx):
    # A tuned G13 faint scan (grammar seed 300) read the header's "N° 2025/00084" as "Ne | 2025/0008 4": the
    # SEPA mandate's "n." beside its date was taken for the invoice's number. None is better than a wrong one.
    doc = read(ctx, "fattura", page(*LETTERHEAD, (300, 40, "Ne"), (340, 40, "2025/0008 4"), (300, 52, "Data 01-08-25"),
                                    *CUSTOMER_RIGHT, (40, 400, "Totale documento € 120,93"),
                                    (40, 420, "Pagamento: Addebito diretto SEPA SDD Core 30 gg d.f."),
                                    (40, 432, "Mandato SEPA n. 4090 del 01-08-25")))
    assert doc.field_value("number") is None
    assert doc.field_value("date") == dt.date(2025, 8, 1)


def test_the_head_of_an_amount_under_a_blurred_totale_fattura_is_no_number(ctx):
    # A tuned G16 fax (grammar seed 300): "Totale fattura" read "Tataie fattura", its "fattura" a number's
    # caption, and "1,294, 85" under it gave "1" before the header's "N° 005588", found by a wording not listed.
    doc = read(ctx, "fattura", page(*LETTERHEAD, (300, 52, "Serie A N° 005588"), (40, 76, "Data 20/02/25"),
                                    *CUSTOMER_RIGHT,
                                    (40, 400, "Imponibile"), (150, 400, "imposia"), (260, 400, "Tataie fattura"),
                                    (400, 400, "Afiquota IVA"), (40, 412, "12.948,47"), (150, 412, "1,294, 85"),
                                    (260, 412, "14.243,32"), (400, 412, "10%")))
    assert doc.field_value("number") == "005588"


@pytest.mark.parametrize("printed", ["Serie B N° 007747", "SerieB N° 007747"])  # a G16 flatbed scan, seed 600
def test_a_number_after_its_series_is_the_documents(ctx, printed):
    doc = read(ctx, "fattura", page(*LETTERHEAD, (300, 52, printed), (40, 88, "Data 11/08/2025"), *CUSTOMER_RIGHT,
                                    (40, 400, "Totale fattura 10,00")))
    assert doc.field_value("number") == "007747"


def test_a_titles_abbreviation_in_brackets_is_no_number(ctx):
    # A tuned G16 fax (grammar seed 400): "DOCUMENTO DI TRASPORTO (D.d.T.)" read "(D.4.T.)", a code with a figure
    # after the title, taken before the "N° 009762" a wording not listed found.
    doc = read(ctx, "ddt", page((40, 28, "DOCUMENTO DI TRASPORTO (D.4.T.)"), *LETTERHEAD,
                                (300, 52, "N° 009762"), (40, 88, "Data 02.10.2025"), *CUSTOMER_RIGHT))
    assert doc.field_value("number") == "009762"


def test_the_degree_sign_of_its_caption_read_as_a_word_before_the_number(ctx):
    # Tuned G16 delivery notes at 100 dpi and by fax (seeds 41, 83): the "°" of "N°" read as "o" or "(n)", a word
    # half the caption's height at its top, between the caption and the number.
    sheet = page(*LETTERHEAD, (494, 40, "N°"), (512, 40, "007887"), *CUSTOMER_RIGHT, (40, 400, "Data 16.04.2025"))
    sheet.words.append(Word("o", (503, 41, 508, 46), 0.7))
    sheet.words.sort(key=lambda w: (w.box[1] // 5, w.box[0]))
    doc = read(ctx, "ddt", sheet)
    assert doc.field_value("number") == "007887"


def test_a_number_whose_caption_a_scan_read_with_a_comma_for_its_period(ctx):
    # A tuned G13 invoice at 100 dpi and by fax (seed 83): "Nr. FT-2025/1056" read "Nr, FT-2025/1056".
    doc = read(ctx, "fattura", page((40, 40, "Elettromeccanica Sala"), (400, 40, "Fattura"),
                                    (40, 52, "Società per azioni"), (400, 52, "Nr, FT-2025/1056"),
                                    (40, 64, "P.IVA 00743110157"), (400, 64, "Data 19-07-25"), *CUSTOMER_RIGHT,
                                    (40, 400, "Totale documento 10,00")))
    assert doc.field_value("number") == "FT-2025/1056"


# An ERP's header strip as a text layer reads it: boxed captions, and under them values printed a box apart,
# too close together for the page's gaps to cut the row into cells (G17, fattura s0033 and proforma s0035).
STRIP_CAPTIONS = [("Tipo", (42.5, 196.7, 55.3, 202.7)), ("documento", (57.2, 196.7, 91.2, 202.7)),
                  ("Numero", (144.6, 196.7, 168.5, 202.7)), ("Data", (229.6, 196.7, 243.9, 202.7)),
                  ("Cod.", (297.6, 196.7, 311.2, 202.7)), ("cliente", (313.1, 196.7, 333.3, 202.7)),
                  ("Partita", (354.3, 196.7, 374.1, 202.7)), ("IVA", (376.1, 196.7, 386.0, 202.7)),
                  ("Cod.", (439.4, 196.7, 452.9, 202.7)), ("pag.", (454.9, 196.7, 468.1, 202.7)),
                  ("Pag.", (496.1, 196.7, 509.1, 202.7))]
STRIP_LETTERHEAD = [("Cattaneo", (40, 40, 90, 50)), ("Minuteria", (93, 40, 150, 50)), ("Srl", (153, 40, 170, 50))]
STRIP_TOTAL = [("Totale", (360, 600, 390, 608)), ("documento", (393, 600, 440, 608)), ("73.062,48", (500, 600, 545, 608))]


@pytest.mark.parametrize("values, number", [
    ([("FATTURA", (43.9, 210.4, 83.0, 218.9)), ("VENDITA", (85.7, 210.4, 123.3, 218.9)),
      ("001740", (146.0, 210.4, 181.5, 218.9))], "001740"),
    ([("FATTURA", (43.9, 210.4, 83.0, 218.9)), ("PRO-FORMA", (85.7, 210.4, 137.1, 218.9)),
      ("FV", (146.0, 210.4, 158.4, 218.9)), ("2025/03436", (161.3, 210.4, 217.7, 218.9))], "FV 2025/03436")])
def test_a_number_under_its_caption_in_a_strip_of_boxes_whose_values_run_together(ctx, values, number):
    rest = [("04/08/2025", (231.0, 210.4, 284.6, 218.9)), ("C96517", (299.1, 210.4, 332.0, 218.9)),
            ("16017260783", (355.8, 210.4, 415.2, 218.9)), ("B030", (440.8, 210.4, 462.8, 218.9)),
            ("1", (497.5, 210.4, 502.9, 218.9)), ("di", (505.6, 210.4, 513.4, 218.9)), ("2", (516.0, 210.4, 521.5, 218.9))]
    doc = read(ctx, "fattura", page_as_read(STRIP_LETTERHEAD + STRIP_CAPTIONS + values + rest + STRIP_TOTAL))
    assert doc.field_value("number") == number


def test_payment_terms_after_the_word_fattura_are_no_number(ctx):
    # "Bonifico vista fattura 30/60/90 gg d.f.": the days of the terms, and the page prints no number.
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Data 04/08/2025"),
                                    (40, 400, "Totale documento 73.062,48"),
                                    (40, 420, "Pagamento: B030 - Bonifico vista fattura 30/60/90 gg d.f.")))
    assert doc.field_value("number") is None


@pytest.mark.parametrize("reference", ["Rif, DDT n. 3463 del 17/03/2025", "Rit. DDT n. 3463 del 17/03/2025",
                                       "Ril. DDT n. 3463 del 17/03/2025"])
def test_a_delivery_note_an_item_refers_to_as_a_scan_read_its_rif_lends_no_number_nor_date(ctx, reference):
    # The header's number unreadable: the delivery note's number among the items is not the invoice's.
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Data 29/03/2025"), (40, 250, reference),
                                    (40, 262, "Piantine di lavanda vaso 14"), (300, 262, "6 2,44 13,18"),
                                    (40, 400, "Totale documento 16,08")))
    assert doc.field_value("number") is None
    assert doc.field_value("date") == dt.date(2025, 3, 29)


def test_the_number_after_the_document_word_whose_period_a_scan_read_as_a_comma(ctx):
    # A tuned G1 delivery note by fax (grammar seed 407): "D.d.T. 5314" read "D.d.T, 5314" under "N documento".
    doc = read(ctx, "ddt", page(*LETTERHEAD, (330, 100, "Spett.le"), (330, 112, "Bianchi S.p.A."),
                                (40, 180, "N documento"), (200, 180, "Data documento"), (330, 180, "Pagina"),
                                (40, 192, "D.d.T, 5314"), (200, 192, "16.10.2025"), (330, 192, "1")))
    assert doc.field_value("number") == "5314"
