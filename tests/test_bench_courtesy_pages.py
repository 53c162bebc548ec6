"""The courtesy-copy pages of `bench/stress_pages.py`: a bench that scores OCR on them needs every expected
value printed on the page, as its own text layer holds it, and the same page for the same seed."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from bench import legible
from bench.stress_pages import courtesy_page


def text_layer(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.mark.parametrize("seed", [311, 312, 313])
def test_every_value_of_a_courtesy_page_is_printed_on_it(seed: int):
    page = courtesy_page(seed)
    text = legible.Text(text_layer(page.pdf))

    assert {value.field for value in page.values} >= {"supplier_vat", "customer_name", "number", "date", "total",
                                                       "taxable_amount", "vat_amount", "due_date", "iban"}
    assert [value.value for value in page.values if not all(
        text.holds(value.field, searched) for searched in legible.searched_values(value.field, value.value))] == []


def test_a_courtesy_page_is_drawn_the_same_for_the_same_seed():
    assert courtesy_page(311) == courtesy_page(311)
    assert courtesy_page(311).values != courtesy_page(312).values
