"""The due date as scans leave it (issue 11): typed on a form a little off the baseline of its pre-printed
caption, so that the OCR reads it as a line of its own.

Every page here is made for its test, word by word (see `test_fields_layout.page`)."""

from __future__ import annotations

import datetime as dt

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
