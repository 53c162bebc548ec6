"""What kept tuned scans at new seeds (211, 223, lowres 227, faint 229) from going straight through when
their OCR text held the values: a number whose caption's degree sign a scan read as a word of its own after
a bare "N", and an issue date under its caption in a strip of captions the scan did not cut into cells,
on an invoice whose last page repeats the header with the date slipped, a number after a caption whose
"N." a scan glued to the word before it, or whose period it read as a comma after "Parcella".

Every page here is made for its test, word by word (see `test_fields_layout.page`)."""

from __future__ import annotations

import datetime as dt

import pytest

from demat.kernel.document import Word
from test_fields_layout import CUSTOMER_RIGHT, LETTERHEAD, page, page_as_read, read
from test_fields_number import STRIP_CAPTIONS, STRIP_LETTERHEAD, STRIP_TOTAL


def test_a_number_after_a_bare_n_and_its_degree_sign_read_as_a_word(ctx):
    # A tuned G16 invoice at 100 dpi (seed 213): "N° 007260" read "N", a raised "o", "007260".
    sheet = page(*LETTERHEAD, (495, 40, "N"), (513, 40, "007260"), *CUSTOMER_RIGHT, (40, 400, "Data 26/04/2025"))
    sheet.words.append(Word("o", (504, 41, 508, 45), 0.7))
    sheet.words.sort(key=lambda w: (w.box[1] // 5, w.box[0]))
    doc = read(ctx, "fattura", sheet)
    assert doc.field_value("number") == "007260"


def test_an_n_alone_without_a_degree_sign_names_no_number(ctx):
    # "N 4" of an item's size, at the top: no sign after the N, no caption.
    doc = read(ctx, "fattura", page(*LETTERHEAD, (400, 40, "Misura N 4"), *CUSTOMER_RIGHT,
                                    (40, 400, "Totale documento 10,00")))
    assert doc.field_value("number") is None


def test_the_date_under_its_caption_in_a_strip_whose_gaps_the_scan_did_not_cut(ctx):
    # A tuned G17 invoice of three pages at 100 dpi (seed 213): each page repeats the strip of boxes; on the
    # first the captions and the values each ran into one cell, on the last the date slipped ("83/09/2025").
    values = [("FATTURA", (43.9, 210.4, 83.0, 218.9)), ("8736/FV", (146.0, 210.4, 186.0, 218.9)),
              ("03/09/2025", (231.0, 210.4, 284.6, 218.9)), ("F75599", (299.1, 210.4, 332.0, 218.9))]
    first = page_as_read(STRIP_LETTERHEAD + STRIP_CAPTIONS + values)
    last = page_as_read(STRIP_LETTERHEAD + [("Data", (229.6, 196.7, 243.9, 202.7)),
                                            ("83/09/2025", (231.0, 210.4, 284.6, 218.9))] + STRIP_TOTAL)
    last.number = 2
    doc = read(ctx, "fattura", first, last)
    assert doc.field_value("date") == dt.date(2025, 9, 3)


@pytest.mark.parametrize("caption", ["FATTURAN.", "FatturaNr.", "DDTN."])
def test_a_number_after_a_caption_whose_n_a_scan_glued_to_the_document_word(ctx, caption):
    # A tuned G18 invoice at 100 dpi (seed 230): "FATTURA N. 070/25 del 25.05.2025" read "FATTURAN. 070/25 ...".
    doc = read(ctx, "fattura", page(*LETTERHEAD, (60, 120, f"{caption} 070/25 del 25.05.2025"), *CUSTOMER_RIGHT,
                                    (40, 400, "Totale fattura € 297,55")))
    assert doc.field_value("number") == "070/25"


def test_a_word_ending_in_n_and_a_period_names_no_number(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, (60, 120, "Consegna a Milan. 070/25"), *CUSTOMER_RIGHT,
                                    (40, 400, "Totale fattura € 297,55")))
    assert doc.field_value("number") is None


def test_a_parcella_whose_caption_a_scan_read_with_a_comma_for_its_period(ctx):
    # A tuned G14 parcella at 100 dpi (seed 229): "AVVISO DI PARCELLA n. 12/2025" read "... n, 12/2025".
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 240, "Reggio Emilia, 30/04/2025"),
                                    (40, 280, "AVVISO DI PARCELLA n, 12/2025"),
                                    (40, 300, "Per le prestazioni professionali rese:"),
                                    (40, 400, "Totale parcella 1.268,80")))
    assert doc.field_value("number") == "12/2025"


def test_the_n_of_parcels_beside_the_prepositions_of_a_delivery_notes_foot_is_no_number(ctx):
    # A tuned G16 delivery note photographed (seed 223): "N. colli" read "N.", beside "Causale del trasporto"
    # and "Trasporto a cura del", whose "del" is a date's label only inside a sentence: no date caption.
    doc = read(ctx, "ddt", page(*LETTERHEAD, (40, 88, "Data 17/04/2025"), *CUSTOMER_RIGHT,
                                (40, 590, "Causale del trasporto"), (200, 590, "Trasporto a cura del"), (440, 590, "N."),
                                (40, 604, "Vendita"), (200, 604, "Vettore"), (440, 604, "27")))
    assert doc.field_value("number") is None
