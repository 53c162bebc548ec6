"""The parties of a template's grid (issue 11). A word processor's (G18): a craftsman's name line and one address line with
P.IVA and C.F. on top, then a ruled grid whose first column holds the captions ("FATTURA N.", "Cliente:",
"Oggetto:") and whose next cells their values. "Cliente:" stands in the captions' column, under "FATTURA N.",
with nothing under it in its column but another caption: it heads the cell beside it, and the customer's company,
the only name with a legal form on the page, is not the issuer's. An ERP's (G17): the row of the document's data under a strip
of captions ("Numero | Data | Cod. cliente | Partita IVA") holds the customer's P.IVA; the supplier's is only in
the footer, which a scan may leave unreadable: the customer's is never the supplier's for it.

The pages are the words a text layer read of real G17 and G18 invoices, box by box."""

from __future__ import annotations

import pytest

from test_fields_layout import page_as_read, read
from test_fields_number import STRIP_CAPTIONS, STRIP_LETTERHEAD, STRIP_TOTAL

LETTERHEAD = [("Idraulica", (189.5, 44.5, 270.9, 60.5)), ("Fabbri", (276.4, 44.5, 335.1, 60.5)),
              ("Ottavio", (340.6, 44.5, 405.8, 60.5)), ("Corso", (145.1, 67.2, 170.3, 75.7)),
              ("Vittorio", (173.0, 67.2, 205.7, 75.7)), ("Emanuele", (208.4, 67.2, 251.4, 75.7)),
              ("II,", (254.1, 67.2, 263.6, 75.7)), ("48", (266.2, 67.2, 277.1, 75.7)), ("-", (279.8, 67.2, 282.6, 75.7)),
              ("38122", (285.3, 67.2, 312.4, 75.7)), ("Trento", (315.1, 67.2, 343.9, 75.7)),
              ("(TN)", (346.6, 67.2, 366.3, 75.7)), ("-", (369.0, 67.2, 371.9, 75.7)), ("Tel.", (374.6, 67.2, 390.7, 75.7)),
              ("341", (393.4, 67.2, 409.6, 75.7)), ("1758638", (412.3, 67.2, 450.2, 75.7)),
              ("P.IVA", (193.9, 78.7, 218.0, 87.2)), ("84977180821", (220.7, 78.7, 280.2, 87.2)),
              ("-", (282.9, 78.7, 285.7, 87.2)), ("C.F.", (288.4, 78.7, 306.2, 87.2)),
              ("FBBTTV94E01A271K", (308.9, 78.7, 401.4, 87.2))]
GRID = [("FATTURA", (60.9, 119.4, 111.6, 129.4)), ("N.", (114.8, 119.4, 126.7, 129.4)),
        ("46/2025", (180.0, 119.4, 225.4, 129.4)), ("del", (293.4, 119.4, 308.9, 129.4)), ("8", (338.7, 119.4, 345.7, 129.4)),
        ("agosto", (349.2, 119.4, 386.2, 129.4)), ("2025", (389.7, 119.4, 417.6, 129.4)),
        ("Cliente:", (60.9, 139.8, 100.7, 149.8)), ("Vivai", (180.0, 139.8, 207.7, 149.8)),
        ("Palumbo-Bassi", (211.1, 139.8, 294.6, 149.8)), ("s.r.l.", (298.1, 139.8, 323.2, 149.8)),
        ("Viale", (180.0, 154.5, 205.5, 164.5)), ("Europa,", (208.7, 154.5, 248.8, 164.5)), ("74", (251.9, 154.5, 264.7, 164.5)),
        ("-", (267.8, 154.5, 271.2, 164.5)), ("25121", (274.4, 154.5, 306.2, 164.5)),
        ("Brescia", (309.4, 154.5, 347.3, 164.5)), ("(BS)", (350.5, 154.5, 372.5, 164.5)),
        ("P.IVA", (180.0, 169.3, 208.3, 179.3)), ("17483100115", (211.5, 169.3, 281.5, 179.3)),
        ("Oggetto:", (60.9, 189.7, 105.3, 199.7)), ("Riparazione", (180.0, 189.7, 240.7, 199.7)),
        ("perdita", (243.9, 189.7, 280.5, 199.7)), ("miscelatore", (292.8, 189.7, 353.6, 199.7))]
TOTALS = [("Imponibile", (330, 500, 380, 510)), ("€", (470, 500, 476, 510)), ("513,24", (500, 500, 535, 510)),
          ("I.V.A.", (330, 520, 360, 530)), ("22%", (363, 520, 380, 530)), ("€", (470, 520, 476, 530)),
          ("112,91", (500, 520, 535, 530)), ("Totale", (330, 540, 360, 550)), ("fattura", (363, 540, 400, 550)),
          ("€", (470, 540, 476, 550)), ("626,15", (500, 540, 535, 550))]


def test_the_customer_beside_its_caption_in_a_templates_grid_is_not_the_issuer(ctx):
    doc = read(ctx, "fattura", page_as_read(LETTERHEAD + GRID + TOTALS))
    assert doc.field_value("supplier_name") == "Idraulica Fabbri Ottavio"
    assert doc.field_value("supplier_vat") == "84977180821"
    assert doc.field_value("customer_name") == "Vivai Palumbo-Bassi s.r.l."
    assert doc.field_value("customer_vat") == "17483100115"


# A flatbed scan of another (G18-fattura-s0005): the OCR's box of "Cliente:" is as tall as a line and a half, and
# "Oggetto:" opens the next block of the captions' column close enough under it to pass for the customer's block.
SCANNED = [("Giardinaggio", (57, 45, 173, 61)), ("Guerra", (180, 45, 242, 57)), ("Silvia", (248, 45, 297, 57)),
           ("Via", (57, 68, 69, 74)), ("dell'Industria,", (71, 68, 123, 75)), ("79", (127, 68, 136, 74)),
           ("-", (139, 71, 141, 72)), ("73100", (144, 68, 167, 74)), ("Lecce", (170, 68, 192, 74)),
           ("(LE)", (195, 68, 210, 75)), ("-", (213, 71, 216, 72)), ("Tel.", (217, 68, 231, 74)), ("337", (235, 68, 248, 74)),
           ("5226467", (252, 68, 284, 74)), ("-", (287, 71, 289, 72)), ("P.IVA", (292, 68, 314, 74)),
           ("21926740362", (316, 68, 368, 74)), ("-", (371, 71, 373, 72)), ("C.F.", (375, 68, 391, 74)),
           ("GRRSLV75R47L781O", (394, 68, 477, 74)), ("Fattura", (62, 120, 98, 127)), ("n.", (103, 122, 111, 127)),
           ("46/2025", (180, 120, 225, 128)), ("del", (294, 118, 309, 131)), ("30/09/2025", (340, 119, 401, 128)),
           ("Cliente:", (61, 138, 99, 152)), ("Officine", (180, 140, 224, 148)), ("Meccaniche", (228, 140, 294, 148)),
           ("D'Angelo", (299, 140, 348, 150)), ("Srl", (353, 140, 369, 148)), ("Via", (180, 154, 196, 162)),
           ("Manzoni,", (200, 154, 245, 163)), ("101", (251, 154, 267, 162)), ("-", (272, 159, 274, 160)),
           ("65121", (279, 154, 309, 162)), ("Pescara", (314, 154, 353, 162)), ("(PE)", (357, 154, 378, 163)),
           ("P.IVA", (180, 169, 208, 177)), ("30586760248", (212, 169, 281, 177)), ("Oggetto:", (61, 188, 104, 201)),
           ("Potatura", (180, 190, 224, 198)), ("siepi", (228, 190, 251, 199)), ("sfalcio", (264, 189, 296, 198))]


# A faint scan (tuned G18, grammar seed 409) read the grid's rule before "Oggetto:" as a bar: a speck opens its cell.
SPECKED = [*SCANNED[:-4], ("|", (55, 188, 57, 201)), ("Oggetto:", (64, 188, 107, 201)), *SCANNED[-3:]]


@pytest.mark.parametrize("words", [SCANNED, SPECKED], ids=["clean", "a speck before the caption"])
def test_a_caption_under_the_customers_caption_does_not_head_the_customers_block(ctx, words):
    doc = read(ctx, "fattura", page_as_read(words + TOTALS))
    assert doc.field_value("supplier_name") == "Giardinaggio Guerra Silvia"
    assert doc.field_value("supplier_vat") == "21926740362"
    assert doc.field_value("customer_name") == "Officine Meccaniche D'Angelo Srl"
    assert doc.field_value("customer_vat") == "30586760248"


STRIP_VALUES = [("FATTURA", (43.9, 210.4, 83.0, 218.9)), ("001740", (146.0, 210.4, 181.5, 218.9)),
                ("04/08/2025", (231.0, 210.4, 284.6, 218.9)), ("C96517", (299.1, 210.4, 332.0, 218.9)),
                ("16017260783", (355.8, 210.4, 415.2, 218.9)), ("B030", (440.8, 210.4, 462.8, 218.9))]


def test_the_p_iva_in_the_row_of_the_documents_data_is_the_customers_not_the_suppliers(ctx):
    # The footer's "C.F. e P.IVA 78663851208" a scan misread past its check digit: no supplier's P.IVA is read.
    footer = [("Reg.", (150, 800, 165, 806)), ("Imprese,", (167, 800, 190, 806)), ("C.F.", (192, 800, 203, 806)),
              ("e", (205, 800, 208, 806)), ("P.IVA", (210, 800, 225, 806)), ("78663851203", (227, 800, 262, 806))]
    doc = read(ctx, "fattura", page_as_read(STRIP_LETTERHEAD + STRIP_CAPTIONS + STRIP_VALUES + STRIP_TOTAL + footer))
    assert doc.field_value("customer_vat") == "16017260783"
    assert doc.field_value("supplier_vat") != "16017260783"
