"""Two party markers each the title of its own box, a little above the box's lines: the second is read as
the first was (the first's blocks once took the name of the page's captions, and the second crashed the
fields stage: "argument of type 'Block' is not iterable", met by the multi-draw bench on main).

Every page here is made for its test, word by word (see `test_fields_layout.page`)."""

from __future__ import annotations

from test_fields_layout import LETTERHEAD, page, read


def test_two_box_titles_over_their_blocks_each_head_their_block(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, (40, 100, "DESTINATARIO"), (330, 100, "DESTINAZIONE MERCE"),
                                    (40, 122, "Bianchi S.p.A."), (40, 134, "Via Verdi 2, Torino"),
                                    (40, 146, "P.IVA 01533030183"),
                                    (330, 122, "Magazzino Bianchi"), (330, 134, "Via Po 9, Asti"),
                                    (40, 200, "Fattura n. 5 del 01/02/2025"), (40, 400, "Totale fattura 10,00")))
    assert doc.field_value("customer_name") == "Bianchi S.p.A."
