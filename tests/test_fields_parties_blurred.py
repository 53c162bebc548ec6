"""Parties whose marker or caption a scan blurred past reading (issue 11): the block's shape (a caption over a
name over an address line) and its place (under the customer's block) say whose it is.

Every page here is made for its test, word by word (see `page`)."""

from __future__ import annotations

from demat.kernel.document import Word
from test_fields_layout import LETTERHEAD, page, read


def test_the_p_iva_typed_inside_the_customers_box_under_its_address_whose_caption_is_unread(ctx):
    # The number typed right of a caption the scan read as "SNATCE", a little under the address.
    sheet = page(*LETTERHEAD, (330, 100, "Cliente"), (330, 112, "Bianchi Trasporti S.p.A."),
                 (330, 124, "Via Verdi 2, 10121 Torino"), (375, 152, "01533030183"),
                 (40, 200, "Fattura n. 5 del 01/02/2025"))
    sheet.words.append(Word("SNATCE", (325, 157, 352, 162), 0.6))
    doc = read(ctx, "fattura", sheet)
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("supplier_vat") == "00743110157"
