"""The due date as scans leave it (issue 11): typed on a form a little off the baseline of its pre-printed
caption, so that the OCR reads it as a line of its own; under a caption a fax blurred past one edit.

Every page here is made for its test, word by word (see `test_fields_layout.page`)."""

from __future__ import annotations

import datetime as dt

import pytest

from test_fields_layout import CUSTOMER_RIGHT, LETTERHEAD, page, read

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
