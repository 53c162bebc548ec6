"""Captions and values as tesseract misreads them on a poor scan, kinds that `bench/ocr_noise.py` spoils
tuned documents' words with: what the fields stage must still read, and where it must not break.

Every page here is made for its test, word by word (see `test_fields_layout.page`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from test_fields_layout import CUSTOMER_RIGHT, LETTERHEAD, page, read

HEADER = (40, 180, "Fattura n. 5732 del 29/06/2025")


def test_an_item_whose_amount_a_scan_read_with_a_letter_breaks_no_reading(ctx):
    # "40.754,36" with its 0 read as O among rated items: no amount with cents to read in it
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, HEADER,
                                    (40, 300, "Articolo A 1 100,00 100,00 22%"), (40, 312, "Riporto 4O.754,36"),
                                    (40, 324, "Articolo B 1 50,00 50,00 10%"), (40, 400, "Totale imponibile 150,00"),
                                    (40, 412, "Totale IVA 27,00"), (40, 424, "Totale fattura 177,00")))
    assert doc.field_value("total") == Decimal("177.00")


def test_a_vat_caption_whose_capital_i_a_scan_read_small_or_as_a_one(ctx):
    # the issuer's codes in its footer only, the I of IVA read as l, 1 or i
    for misread in ("P.lVA", "P.1VA", "P.iVA"):
        footer = (40, 800, f"Rossi Forniture S.r.l. - Reg. Imprese, C.F. e {misread} 00743110157")
        doc = read(ctx, "fattura", page(*LETTERHEAD[:2], *CUSTOMER_RIGHT, HEADER, (40, 400, "Totale fattura 116,11"),
                                        footer))
        assert doc.field_value("supplier_vat") == "00743110157", misread


def test_a_vat_number_that_a_scan_joined_to_its_caption(ctx):
    letterhead = [*LETTERHEAD[:2], (40, 64, "P.IVA00743110157")]
    doc = read(ctx, "fattura", page(*letterhead, *CUSTOMER_RIGHT, HEADER, (40, 400, "Totale fattura 116,11")))
    assert doc.field_value("supplier_vat") == "00743110157"


def test_eleven_figures_joined_to_a_vat_caption_that_fail_the_check_are_taken_only_as_one_digit_mends_them(ctx):
    letterhead = [*LETTERHEAD[:2], (40, 64, "P.IVA00743110158")]
    doc = read(ctx, "fattura", page(*letterhead, *CUSTOMER_RIGHT, HEADER, (40, 400, "Totale fattura 116,11")))
    assert doc.field_value("supplier_vat") in (None, "00743110157")


def test_an_iban_that_a_scan_joined_to_its_caption(ctx):
    iban = "IT60X0542811101000000123456"
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, HEADER, (40, 300, f"Pagamento Bonifico IBAN{iban}"),
                                    (40, 400, "Totale fattura 116,11")))
    assert doc.field_value("iban") == iban


def test_a_written_date_whose_year_a_scan_joined_to_its_month(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Fattura n. 5732 del 29 giugno2025"),
                                    (40, 400, "Totale fattura 116,11")))
    assert doc.field_value("date") == dt.date(2025, 6, 29)


def test_a_caption_with_a_speck_read_as_a_bracket_stuck_to_a_word(ctx):
    for header in ("PARCELLA {n. 2025/104", "N. [doc. 2025/104"):
        doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, header), (40, 192, "Data 29/06/2025"),
                                        (40, 400, "Totale fattura 116,11")))
        assert doc.field_value("number") == "2025/104", header


def test_a_forms_empty_box_still_parts_the_wordings_it_ticks(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, HEADER,
                                    (40, 300, "Pagamento [] Contanti [x] Bonifico"), (40, 400, "Totale fattura 116,11")))
    assert doc.field_value("payment_method") != "contanti"


def test_a_names_word_with_a_speck_read_as_a_bracket_or_bar_stuck_to_it(ctx):
    customer = [(330, 100, "Spett.le"), (330, 112, "|Bianchi Serramenti] S.p.A."), *CUSTOMER_RIGHT[2:]]
    doc = read(ctx, "fattura", page(*LETTERHEAD, *customer, HEADER, (40, 400, "Totale fattura 116,11")))
    assert doc.field_value("customer_name") == "Bianchi Serramenti S.p.A."
