"""The document's date among the other dates a page prints (issue 11): an order's or a DDT's date by its
own caption ("Data ordine", "Data DDT"), a date a word after a bare caption gives to something else ("Data
registrazione", a stamp's), set above the document's own date or beside a date printed with no caption.
The document's own caption, its place and date line, or the first date no caption claims come first; a
caption naming another document dates the page only where nothing else does (a DDT's own "Data DDT").

Every page here is made for its test, word by word (see `test_fields_layout.page`); `bench/other_dates.py`
prints such lines on tuned documents."""

from __future__ import annotations

import datetime as dt

import pytest

from test_fields_layout import CUSTOMER_RIGHT, LETTERHEAD, page, read

TOTAL = (40, 420, "Totale fattura 545,42")


@pytest.mark.parametrize("other", ["Data ordine 05/03/2025", "Data DDT 12/03/2025",
                                   "Data registrazione 20/03/2025", "Date of delivery 18/03/2025"])
def test_another_dates_caption_above_the_documents_own_is_not_its_date(ctx, other):
    doc = read(ctx, "fattura", page(*LETTERHEAD, (300, 40, other), (300, 52, "Fattura n. 25/118"),
                                    (300, 64, "Data 14/03/2025"), *CUSTOMER_RIGHT, TOTAL))
    assert doc.field_value("date") == dt.date(2025, 3, 14)


def test_a_stamps_date_after_a_bare_caption_is_not_the_date_of_the_sentence_below(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, (400, 20, "Data registrazione 20/03/2025"), *CUSTOMER_RIGHT,
                                    (40, 180, "Fattura n. 118 del 14/03/2025"), TOTAL))
    assert doc.field_value("date") == dt.date(2025, 3, 14)


def test_a_ddts_caption_does_not_outrank_the_place_and_date_line(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 160, "Monza, 31/05/2025"),
                                    (40, 180, "Parcella n. 110/2025"), (40, 200, "Data DDT 28/05/2025"), TOTAL))
    assert doc.field_value("date") == dt.date(2025, 5, 31)


def test_a_date_printed_without_caption_comes_before_a_registration_stamp_below(ctx):
    doc = read(ctx, "ricevuta", page((40, 40, "PANIFICIO ORLANDO & C. SNC"), (40, 52, "P.IVA 10258610442"),
                                     (40, 100, "TOTALE 25,70"), (40, 120, "16-04-2025 09:35"),
                                     (40, 132, "DOCUMENTO N. 0145-8265"), (40, 200, "Data registrazione 22/04/2025")))
    assert doc.field_value("date") == dt.date(2025, 4, 16)


@pytest.mark.parametrize("caption", ["Data DDT", "Data ordine"])
def test_a_documents_own_caption_naming_its_kind_still_dates_it(ctx, caption):
    # A DDT or an order prints its date under the words an invoice uses for its references.
    doc = read(ctx, "ddt", page(*LETTERHEAD, (300, 52, "DDT n. 412"), (300, 64, f"{caption} 14/03/2025"),
                                *CUSTOMER_RIGHT, (40, 300, "Consegna prevista il 18/03/2025")))
    assert doc.field_value("date") == dt.date(2025, 3, 14)


def test_a_bare_caption_in_a_strip_of_captions_is_still_the_documents(ctx):
    # A scan's narrow gaps left a strip of captions in one cell: "Data" before "Cod. cliente" is no "Data X".
    doc = read(ctx, "fattura", page((40, 20, "Stampato il 31/01/2025"), *LETTERHEAD, *CUSTOMER_RIGHT,
                                    (40, 180, "Tipo documento Numero Data Cod. cliente"),
                                    (40, 192, "FATTURA 3960/FV 29/01/2025 C27850"), TOTAL))
    assert doc.field_value("date") == dt.date(2025, 1, 29)


@pytest.mark.parametrize("reference", ["DDT n. 118 del 11/03/2025", "Contratto n. 55 valido dal 01/09/2024 al 31/08/2026"])
def test_another_documents_number_and_date_above_the_invoices_own_sentence(ctx, reference):
    doc = read(ctx, "fattura", page(*LETTERHEAD, (300, 40, reference), *CUSTOMER_RIGHT,
                                    (40, 180, "Fattura n. 72/2025 del 14/03/2025"), TOTAL))
    assert doc.field_value("date") == dt.date(2025, 3, 14)


def test_a_ddts_date_below_a_date_printed_without_caption_is_not_the_documents(ctx):
    # A typewriter's date above its form's caption "Data", and a DDT referred to below it.
    doc = read(ctx, "fattura", page(*LETTERHEAD, (300, 40, "FATTURA"), (300, 52, "N° 009285"),
                                    (300, 64, "08/05/25"), (40, 80, "DDT n. 118 del 05/05/2025"), (300, 76, "Data"),
                                    *CUSTOMER_RIGHT, TOTAL))
    assert doc.field_value("date") == dt.date(2025, 5, 8)


def test_the_date_under_a_caption_a_scan_lost_in_a_strip_is_not_the_customer_codes(ctx):
    # A strip of captions whose "Data" a scan lost: the date's cell and the customer code's both fall in "Cod.
    # cliente"'s column; the code's, right under it, is the one it heads, and the date dates the document, not
    # the DDT an item refers to.
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Tipo documento"), (130, 180, "Numero"),
                                    (300, 180, "Cod. cliente"), (400, 180, "Pag."),
                                    (40, 192, "FATTURA"), (130, 192, "2025/005762"), (220, 192, "02.02.2025"),
                                    (300, 192, "C71833"), (400, 192, "1 di 1"),
                                    (40, 220, "Rif. DDT n. 112"), (200, 220, "16/01/2025"), TOTAL))
    assert doc.field_value("date") == dt.date(2025, 2, 2)
