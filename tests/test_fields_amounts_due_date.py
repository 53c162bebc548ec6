"""The due date printed with the payment terms and no caption of its own (issue 11), on born-digital
PDFs made here with reportlab and read by the text and fields stages: "Bonifico 30 gg d.f. 15/05/2025"
under a "Pagamento" caption, or beside the method's word, is the date the terms fall due when it is
later than the document's. Terms stated only in days leave the due date unknown: none is invented."""

from __future__ import annotations

import datetime as dt

import pytest

from test_fields_amounts_layout import LETTERHEAD
from test_fields_foreign import read

SUMMARY = [(120, 200, 9, "Imponibile", "l"), (190, 200, 9, "1.000,00", "r"), (120, 206, 9, "IVA 22%", "l"),
           (190, 206, 9, "220,00", "r"), (120, 212, 9, "Totale documento", "l"), (190, 212, 9, "1.220,00", "r")]


@pytest.mark.parametrize("terms", [
    [(20, 230, 9, "Pagamento", "l"), (100, 230, 9, "IBAN", "l"), (20, 236, 9, "Bonifico 30 gg d.f. 15/05/2025", "l"),
     (100, 236, 9, "IT60X0542811101000000123456", "l")],
    [(20, 230, 9, "Modalità di pagamento: Ri.Ba. 60 gg 15/05/2025", "l")],
    [(20, 230, 9, "Bonifico bancario 15/05/2025", "l")]])
def test_a_date_printed_with_the_payment_terms_is_the_due_date(tmp_path, terms):
    doc = read([*LETTERHEAD, *SUMMARY, *terms], tmp_path)
    assert doc.field_value("due_date") == dt.date(2025, 5, 15)


@pytest.mark.parametrize("terms", ["Pagamento: bonifico 30 gg d.f.f.m.",  # the terms in days: no date printed
                                   "Pagamento: bonifico, fattura del 14/03/2025",  # the document's own date
                                   "Pagamento: bonifico, acconto del 10/03/2025"])  # before the document's date
def test_no_due_date_is_taken_from_terms_that_print_no_later_date(tmp_path, terms):
    doc = read([*LETTERHEAD, *SUMMARY, (20, 230, 9, terms, "l")], tmp_path)
    assert doc.field_value("due_date") is None
