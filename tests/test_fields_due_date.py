"""The due date as scans leave it (issue 11): typed on a form a little off the baseline of its pre-printed
caption, so that the OCR reads it as a line of its own; under a caption a fax blurred past one edit.

Every page here is made for its test, word by word (see `test_fields_layout.page`)."""

from __future__ import annotations

import datetime as dt

import pytest

from test_fields_layout import CUSTOMER_RIGHT, LETTERHEAD, page, page_as_read, read

HEADER = (40, 180, "Fattura n. 5732 del 29/06/2025")


def test_a_due_date_typed_above_its_captions_baseline(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, HEADER, (40, 300, "Pagamento Ri.Ba. scadenza"),
                                    (190, 294, "29/07/2025"), (40, 400, "Totale fattura 116,11")))
    assert doc.field_value("due_date") == dt.date(2025, 7, 29)


def test_a_date_off_the_captions_baseline_before_the_documents_is_no_due_date(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, HEADER, (40, 300, "Pagamento Ri.Ba. scadenza"),
                                    (190, 294, "29/05/2025"), (40, 400, "Totale fattura 116,11")))
    assert doc.field_value("due_date") is None


def test_a_due_date_under_a_caption_blurred_past_one_edit_by_a_look_alike(ctx):
    # "Scadenza" faxed as "seagenza": "c" read as its look-alike "e", and "d" as "g".
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, HEADER, (40, 300, "Pagamento"), (200, 300, "seagenza"),
                                    (40, 312, "Ri.Ba. 60 gg f.m."), (200, 312, "29/08/2025"),
                                    (40, 400, "Totale fattura 116,11")))
    assert doc.field_value("due_date") == dt.date(2025, 8, 29)


def box_at_the_foot(printed: str) -> list[tuple[float, float, str]]:
    """A box at the page's foot, its caption at the top left and the date at its right edge a line lower, the
    gap between the two lines wider than a line's height (a scan's glyph boxes are tighter than the print's)."""
    return [(400, 700, "Data scadenza"), (490, 722, printed)]


def test_a_due_date_printed_below_and_right_of_its_caption_a_line_apart(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, HEADER, (40, 400, "Totale fattura 116,11"),
                                    *box_at_the_foot("29/07/2025")))
    assert doc.field_value("due_date") == dt.date(2025, 7, 29)


def test_a_date_below_and_right_of_the_caption_before_the_documents_is_no_due_date(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, HEADER, (40, 400, "Totale fattura 116,11"),
                                    *box_at_the_foot("29/05/2025")))
    assert doc.field_value("due_date") is None


def slipped(printed: str) -> list[tuple[float, float, str]]:
    """A due date under its caption beside the payment's, on an invoice of 29/06/2025 (`HEADER`)."""
    return [*LETTERHEAD, *CUSTOMER_RIGHT, HEADER, (40, 300, "Pagamento Bonifico"), (200, 300, "Scadenza"),
            (200, 312, printed), (40, 400, "Totale fattura 116,11")]


@pytest.mark.parametrize("printed, due", [("99/07/2025", dt.date(2025, 7, 29)),  # 30 days on; not 09 or 19/07
                                          ("88/08/25", dt.date(2025, 8, 28)),  # 60 days; not 08 or 18/08
                                          ("30/19/2025", dt.date(2025, 9, 30))])  # the end of the month 90 days on
def test_a_due_date_a_slipped_digit_made_impossible_is_the_one_reading_on_a_usual_term(ctx, printed, due):
    # a G1 fax read 19/12/2025 as "49/12/2025", a G16 phone photo 05/11/25 as "95/11/25" (tuned seeds 83, 131)
    doc = read(ctx, "fattura", page(*slipped(printed)))
    assert doc.field_value("due_date") == due


@pytest.mark.parametrize("printed", ["45/08/2025",  # 05, 15 or 25/08: none on a term
                                     "31/17/2025"])  # 31/07 and 31/10: two months' ends
def test_an_impossible_due_date_no_single_term_proves_is_left_unread(ctx, printed):
    doc = read(ctx, "fattura", page(*slipped(printed)))
    assert doc.field_value("due_date") is None


@pytest.mark.parametrize("printed, due", [("3O/O7/2025", dt.date(2025, 7, 30)), ("29/07/202S", dt.date(2025, 7, 29)),
                                          ("3O/07/25", dt.date(2025, 7, 30))])
def test_a_due_date_whose_digits_ocr_read_as_letters_is_read_with_the_digits_where_the_date_order_allows(
        ctx, printed, due):
    doc = read(ctx, "fattura", page(*slipped(printed)))
    assert doc.field_value("due_date") == due


def test_a_due_date_read_with_digits_for_its_letters_before_the_documents_is_none(ctx):
    doc = read(ctx, "fattura", page(*slipped("3O/O5/2025")))
    assert doc.field_value("due_date") is None


GENERATOR_HEAD = [  # a generator scan's words (layout L6, seed 6015) down to its payment terms, boxes as OCR gave them
    ('Ferrara', (218.9, 51.1, 269.3, 63.0)),
    ('Logistica', (274.7, 51.1, 339.1, 65.5)),
    ('S.r.l.', (344.5, 50.8, 375.8, 62.6)),
    ('FATTURA', (51.5, 96.1, 111.6, 106.2)),
    ('Nr.', (55.4, 126.4, 64.1, 131.8)),
    ('documento', (65.9, 126.7, 100.8, 132.1)),
    ('Data', (172.8, 126.4, 187.6, 131.8)),
    ('emiss.', (189.4, 126.4, 209.2, 132.1)),
    ('Fatturare', (314.6, 125.3, 349.2, 131.8)),
    ('a', (351.4, 126.7, 355.7, 131.8)),
    ('A/1692', (55.4, 134.6, 83.9, 147.2)),
    ('44.09.2025', (172.8, 134.6, 217.8, 147.2)),
    ('Ferrara', (314.6, 135.4, 345.2, 142.6)),
    ('V.&', (347.8, 135.4, 365.0, 142.6)),
    ('C.', (367.9, 135.0, 376.6, 142.6)),
    ('S.a.s.', (379.4, 135.4, 402.8, 142.6)),
    ('|', (108.0, 156.2, 109.1, 157.0)),
    ('.', (194.8, 156.2, 195.5, 157.0)),
    ('Via', (314.6, 147.6, 326.9, 154.8)),
    ('Mazzini,', (329.8, 147.6, 362.5, 155.9)),
    ('11', (366.5, 147.6, 374.0, 154.8)),
    ('Da', (55.4, 156.2, 63.4, 161.6)),
    ('pagare', (65.9, 157.3, 87.5, 163.4)),
    ('entro', (89.3, 157.0, 105.5, 162.0)),
    ('il', (108.0, 156.2, 110.5, 161.6)),
    ('Termini', (172.4, 156.2, 195.8, 161.6)),
    ('di', (197.6, 156.2, 203.0, 161.6)),
    ('pagamento', (204.8, 156.6, 240.5, 163.1)),
    ('00184', (314.6, 159.8, 339.1, 166.7)),
    ('Roma', (342.4, 159.5, 365.4, 166.7)),
    ('(RM)', (368.6, 159.5, 388.1, 168.1)),
    ('14.10.2025', (55.4, 168.5, 100.1, 175.7)),
    ('Bonifico', (172.8, 168.1, 208.8, 175.3)),
    ('bancario', (211.3, 168.5, 248.8, 175.7)),
    ('P.I.:', (315.0, 171.7, 329.8, 178.9)),
    ('IT78759210830', (333.4, 171.7, 395.6, 178.9)),
    ('-', (398.5, 175.0, 401.4, 176.8)),
    ('Cod.', (403.9, 171.7, 422.3, 178.9)),
    ('fiscale:', (425.5, 171.7, 452.9, 178.9)),
    ('78759210830', (456.1, 171.7, 511.2, 178.9)),
]


def test_a_due_date_printed_under_its_caption_is_read_where_the_documents_date_is_not(ctx):
    # the issue date "14.09.2025" read as "44.09.2025": no date order to prove a misread, the date as printed stands
    doc = read(ctx, "fattura", page_as_read(GENERATOR_HEAD + [("116,11", (500.0, 400.0, 530.0, 408.0))]))
    assert doc.field_value("date") is None
    assert doc.field_value("due_date") == dt.date(2025, 10, 14)


def instalments(*due: str) -> list[tuple[float, float, str]]:
    """A courtesy copy's table of instalments (DatiPagamento): method, due date, amount and IBAN, a row each."""
    rows = [(y, printed) for y, printed in zip(range(312, 400, 12), due)]
    return [(40, 300, "Modalità"), (150, 300, "Scadenza"), (250, 300, "Importo"), (350, 300, "IBAN"),
            *[cell for y, printed in rows for cell in ((40, y, "MP05 (bonifico)"), (150, y, printed), (250, y, "100,00"),
                                                        (350, y, "IT60X0542811101000000123456"))]]


@pytest.mark.parametrize("first, due", [("26/09/2625", dt.date(2025, 9, 26)),  # a slipped year (tuned G19 fax)
                                        ("26/09/2025", dt.date(2025, 9, 26))])
def test_the_due_date_of_a_table_of_instalments_is_the_first_rows_even_with_its_year_misread(ctx, first, due):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Fattura n. 5732 del 27/08/2025"),
                                    *instalments(first, "26/10/2025", "25/11/2025"), (40, 400, "Totale fattura 300,00")))
    assert doc.field_value("due_date") == due


def test_a_due_date_decades_after_the_documents_is_a_misread_year_not_the_due_date(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, HEADER, (40, 300, "Data scadenza 29/07/2052"),
                                    (40, 400, "Totale fattura 116,11")))
    assert doc.field_value("due_date") is None
