"""The document's number on layouts our generator never makes (issue 11): a professional's parcella that
names its number lower on the page than a header, a typewritten number the OCR cut in two, a caption the
OCR glued to the series before it, a number typed off its caption's line, and a blurred caption in the
header read before a listed one at the foot.

Every page here is made for its test, word by word (see `test_fields_layout.page`)."""

from __future__ import annotations

import pytest

from test_fields_layout import CUSTOMER_RIGHT, LETTERHEAD, page, read


@pytest.mark.parametrize("title, number", [("AVVISO DI PARCELLA n.", "2025/47"), ("Parcella n.", "18/25P"),
                                           ("Notula n.", "7/2025")])
def test_a_parcella_names_its_number_below_the_header(ctx, title, number):
    # The letterhead, the customer and the place and date fill the top third: the title line comes after them.
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 240, "Bologna, 12 marzo 2025"),
                                    (40, 280, f"{title} {number}"), (40, 300, "Per le prestazioni professionali rese:"),
                                    (40, 400, "Totale parcella 1.268,80")))
    assert doc.field_value("number") == number


def test_a_typewritten_number_the_ocr_cut_in_two_is_read_whole(ctx):
    # "N°" pre-printed, "004127" typed: the OCR split it with a gap narrower than a typed space.
    doc = read(ctx, "fattura", page(*LETTERHEAD, (400, 40, "N°"), (415, 40, "004"), (432, 40, "127"),
                                    (40, 400, "Totale fattura 10,00")))
    assert doc.field_value("number") == "004127"


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
