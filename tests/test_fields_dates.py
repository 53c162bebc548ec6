"""Dates as forms and foreign invoices print them and scans leave them (issue 11): typed on a form's line
after its underscores, an English date whose comma the OCR glued to the year, a speck's dash before the day,
a month read with an accent it never had, a "del" that dates the document from the cell it opens, a
year misread past any document's, and the date of a caption whose figure a scan slipped (letters for digits,
a month's name blurred, a digit that makes it impossible): its one reading, else none rather than another
caption's date.

Every page here is made for its test, word by word (see `test_fields_layout.page`)."""

from __future__ import annotations

import datetime as dt

import pytest

from demat.extractors.fields.dates import find_dates
from test_fields_layout import CUSTOMER_RIGHT, LETTERHEAD, page, read


def test_a_date_typed_on_a_forms_line_after_its_underscores(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Data ___14/10/25"),
                                    (40, 192, "Fattura n. 118"), (40, 400, "Totale fattura 10,00")))
    assert doc.field_value("date") == dt.date(2025, 10, 14)


def test_an_english_date_whose_comma_touches_the_year():
    assert [d for d, _, _ in find_dates("Invoice date March 3,2025")] == [dt.date(2025, 3, 3)]


def test_a_date_after_a_specks_dash():
    # A scan read a speck before the day of "Napoli, 12. gennaio 2025" as a dash.
    assert [d for d, _, _ in find_dates("Napoli, -12. gennaio 2025")] == [dt.date(2025, 1, 12)]


def test_a_date_inside_a_code_is_still_no_date():
    assert find_dates("Rif. A-12/03/2025 x12/03/2025") == []


def test_a_month_a_scan_read_with_an_accent_and_its_dot_glued_to_the_day():
    # A fax of "Due date October 3, 2025".
    assert [d for d, _, _ in find_dates("Due date Octobér.3, 2025")] == [dt.date(2025, 10, 3)]
    assert [d for d, _, _ in find_dates("Trento, 12 marzò 2025")] == [dt.date(2025, 3, 12)]


def test_a_del_that_opens_its_cell_under_the_number_beside_the_letterhead(ctx):
    # A document box right of the letterhead's address: "del" opens its cell, not its line; the mandate's
    # "n. 4024 del" lower down dates the mandate.
    doc = read(ctx, "fattura", page((40, 40, "Serramenti Testa S.p.A."), (40, 52, "Via dei Mille, 132 - Firenze"),
                                    (380, 52, "Numero 2025/A/2930"), (40, 64, "Tel. 044 6016754"),
                                    (380, 64, "del 10/09/2025"), (40, 76, "P.IVA e C.F. 53156980285"),
                                    *CUSTOMER_RIGHT, (40, 400, "Totale documento € 3,34"),
                                    (40, 412, "Mandato SEPA n. 4024 del 01/09/2025")))
    assert doc.field_value("date") == dt.date(2025, 9, 10)


@pytest.mark.parametrize("printed, want", [("17/09/3025", dt.date(2025, 9, 17)), ("39/09/2025", None)])
def test_a_date_a_digit_made_impossible_is_its_one_reading_one_digit_off_else_none(ctx, printed, want):
    # A tuned G16 lowres scan (grammar seed 400) read "17/09/2025" as "17/09/3025": 2025 is the one year a digit
    # away that a document bears. "39" is 09, 19, 29, 30 or 31, all near the due date: a wrong date emitted costs
    # as much as one lost.
    doc = read(ctx, "fattura", page(*LETTERHEAD, (300, 40, "Serie A N° 005254"), (40, 88, f"Data {printed}"),
                                    *CUSTOMER_RIGHT, (300, 400, "Scadenza 16/11/2025"),
                                    (40, 420, "Totale fattura 545,42")))
    assert doc.field_value("date") == want
    assert doc.field_value("due_date") == dt.date(2025, 11, 16)


@pytest.mark.parametrize("printed, below, want", [
    ("Data fattura O7-ott-2025", "Data ordine 02-ott-2025", dt.date(2025, 10, 7)),  # tuned G15 lowres, seed 97
    ("Data fattura 24-aga-2025", "Data ordine 21-ago-2025", dt.date(2025, 8, 24)),  # tuned G15 fax, seed 59
    ("Data documento 27/40/2025", "Data ordine 23/10/2025", dt.date(2025, 10, 27)),  # tuned G15 lowres, seed 41
    ("Data 39.01.2025", "Data ordine 31.01.2025", None),  # tuned G16 fax, seed 59: 09, 19, 29, 30 or 31
    ("Data fattura 24-mag-2025", "Data ordine 21-ago-2025", dt.date(2025, 5, 24))])
def test_the_date_a_scan_slipped_after_its_caption_is_read_again_never_taken_from_another_caption(
        ctx, printed, below, want):
    doc = read(ctx, "fattura", page(*LETTERHEAD, (300, 40, "Numero fattura 25/61406"), (300, 52, printed),
                                    (300, 64, below), *CUSTOMER_RIGHT, (40, 420, "Totale fattura 545,42")))
    assert doc.field_value("date") == want


def test_an_italian_suppliers_date_that_reads_only_month_first_is_a_slip_and_no_date(ctx):
    # tuned G4 fax, grammar seed 59: "09/10/2025" read "09/19/2025", no American date on an Italian supplier's page
    doc = read(ctx, "fattura", page(*LETTERHEAD, (300, 40, "N. DATA"), (300, 52, "25/3391 09/19/2025"),
                                    *CUSTOMER_RIGHT, (40, 420, "Totale fattura 545,42")))
    assert doc.field_value("date") is None


@pytest.mark.parametrize("printed, want", [("3 Apri} 2025", dt.date(2025, 4, 3)),  # tuned G7 fax, seed 41
                                           ("45 March 2025", dt.date(2025, 3, 15)),  # 30 days after the 13th of February
                                           ("45 April 2025", None)])  # 5, 15 or 25 April: no usual term
def test_a_due_date_whose_month_or_day_a_scan_slipped_is_read_again_where_the_date_order_or_a_term_proves_it(
        ctx, printed, want):
    doc = read(ctx, "fattura", page((40, 40, "Keller Technik DAC"), (40, 52, "VAT No. IE7910032W"),
                                    (300, 40, "Invoice number INV-06225"), (300, 52, "Invoice date 13 February 2025"),
                                    (300, 64, f"Due date {printed}"), *CUSTOMER_RIGHT, (40, 420, "Total 545.42")))
    assert doc.field_value("due_date") == want


def test_an_english_date_whose_comma_a_fax_read_as_a_period_is_read(ctx):
    # tuned G7 faxes, grammar seed 97: "January 4, 2025" read "January 4. 2025", "May 6, 2025" read "May 6. 2025"
    doc = read(ctx, "fattura", page((40, 40, "Harbour Trading Inc."), (40, 52, "12 Main Street, Austin, TX 78701"),
                                    (300, 40, "Invoice number 792"), (300, 52, "Invoice date January 4. 2025"),
                                    (300, 64, "Due date May 6. 2025"), *CUSTOMER_RIGHT, (40, 420, "Total $545.42")))
    assert (doc.field_value("date"), doc.field_value("due_date")) == (dt.date(2025, 1, 4), dt.date(2025, 5, 6))


def test_a_date_guessed_by_its_shape_that_the_due_dates_caption_claims_is_not_the_issue_date(ctx):
    # tuned G14 fax, grammar seed 97: the place and date line's day read "{!", the due date alone left to guess
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 160, "Genova, {! aprile 2025"),
                                    (40, 180, "FATTURA n. 34/25P"), (40, 420, "Totale fattura 2.291,71"),
                                    (40, 440, "Data scadenza"), (40, 452, "11/05/2025")))
    assert (doc.field_value("date"), doc.field_value("due_date")) == (None, dt.date(2025, 5, 11))


@pytest.mark.parametrize("issued, printed, want", [
    ("02.04.2025", "92-05.2025", dt.date(2025, 5, 2)),  # tuned G16 lowres, seed 149: 30 days after the issue
    ("07.04.2025", "7-95. 2025", None)])  # tuned G16 fax, seed 149: 17.05 with a figure lost, a second slip
def test_an_impossible_due_date_whose_separators_a_scan_read_unlike_is_read_on_a_term(ctx, issued, printed, want):
    doc = read(ctx, "fattura", page(*LETTERHEAD, (300, 40, "Serie A N° 005254"), (40, 88, f"Data {issued}"),
                                    *CUSTOMER_RIGHT, (300, 400, f"Scadenza {printed}"), (40, 420, "Totale fattura 545,42")))
    assert doc.field_value("due_date") == want


@pytest.mark.parametrize("caption", ["Data documento", "Data ducumento"])  # the second blurred by a fax (tuned G19)
def test_the_date_under_a_blurred_caption_is_the_documents_not_an_orders_dated_with_del(ctx, caption):
    # "Data" alone would head a title ("Data ducumento"), not the column: the order's "n. ... del" would date it
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT,
                                    (40, 275, "Tipologia documento"), (170, 275, "N. documento"), (270, 275, caption),
                                    (360, 275, "Divisa"), (40, 288, "TD06 - Parcella"), (170, 288, "1503/2025"),
                                    (270, 288, "23.02.2025"), (360, 288, "EUR"),
                                    (40, 301, "Ordine di acquisto n 4534244764 del 31/12/2024"),
                                    (40, 400, "Totale fattura 10,00")))
    assert doc.field_value("date") == dt.date(2025, 2, 23)


@pytest.mark.parametrize("caption", ["Data", "Datà"])  # the second blurred by a fax (tuned G19)
def test_a_ddts_date_after_its_number_does_not_date_the_invoice_numbered_elsewhere(ctx, caption):
    # "DDT n. 2312 del ...": "del" dates the DDT, not the invoice whose number its header prints
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT,
                                    (40, 275, "Tipologia documento"), (170, 275, "Numero documento"), (270, 275, caption),
                                    (360, 275, "Divisa"), (40, 288, "TD01 - Fattura"), (170, 288, "FE2025-0010"),
                                    (270, 288, "2025-10-04"), (360, 288, "EUR"), (40, 301, "DDT n. 2312 del 2025-09-21"),
                                    (40, 400, "Totale fattura 10,00")))
    assert doc.field_value("date") == dt.date(2025, 10, 4)


def test_del_after_the_documents_own_number_dates_it(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Fattura n. 118 del 14/10/2025"),
                                    (40, 192, "DDT n. 2312 del 2025-09-21"), (40, 400, "Totale fattura 10,00")))
    assert doc.field_value("date") == dt.date(2025, 10, 14)
