"""Dates as forms and foreign invoices print them and scans leave them (issue 11): typed on a form's line
after its underscores, an English date whose comma the OCR glued to the year, a speck's dash before the day,
a month read with an accent it never had, a "del" that dates the document from the cell it opens, and a
year misread past any document's.

Every page here is made for its test, word by word (see `test_fields_layout.page`)."""

from __future__ import annotations

import datetime as dt

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


def test_a_year_no_document_bears_is_a_misread_and_no_date(ctx):
    # A tuned G16 lowres scan (grammar seed 400) read "17/09/2025" as "17/09/3025": a wrong date emitted costs as
    # much as one lost, and nothing proves which digit the OCR misread.
    doc = read(ctx, "fattura", page(*LETTERHEAD, (300, 40, "Serie A N° 005254"), (40, 88, "Data 17/09/3025"),
                                    *CUSTOMER_RIGHT, (300, 400, "Scadenza 16/11/2025"),
                                    (40, 420, "Totale fattura 545,42")))
    assert doc.field_value("date") is None
    assert doc.field_value("due_date") == dt.date(2025, 11, 16)
