"""Parties' names and markers as a scan leaves them on layouts our generator never makes (issue 11):
markers glued or set behind a speck, legal forms that OCR misread, specks and stray punctuation in a name.

Every page here is made for its test, word by word (see `page`)."""

from __future__ import annotations

import pytest

from test_fields_layout import page, read


@pytest.mark.parametrize("marker", ["BILLTO", ". Cliente", "‘ Destinatario"])
def test_a_customer_marker_glued_or_beside_a_speck_still_heads_the_customers_block(ctx, marker):
    # Without it the customer's block is no one's, and its P.IVA would be taken for the issuer's.
    doc = read(ctx, "fattura", page((40, 40, "Rossi Forniture S.r.l."), (40, 52, "Via Roma 1, 20100 Milano"),
                                    (40, 64, "P.IVA 00743110158"),  # its check digit misread
                                    (330, 100, marker), (330, 112, "Bellini & Figli srl"),
                                    (330, 124, "Strada Provinciale 11, 36100 Vicenza"), (330, 136, "VAT ID 01533030183"),
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("customer_name") == "Bellini & Figli srl"
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("supplier_vat") != "01533030183"


@pytest.mark.parametrize("printed, name", [("TORNERIA GALLI S.R.Li", "TORNERIA GALLI S.R.L."),  # its last period an i
                                           ("EDILIZIA CONTI S.A.5.", "EDILIZIA CONTI S.A.S."),
                                           ("Galli Ricambi s.r.Ì.", "Galli Ricambi s.r.l."),
                                           ("Ottica Conti $ri", "Ottica Conti Srl"),
                                           ("CONTI: & FIGLI.S.R.L.", "CONTI & FIGLI S.R.L."),
                                           ("Galli Engineering.Ltd", "Galli Engineering Ltd"),
                                           ("Conti Partners Corp", "Conti Partners Corp."),
                                           ("* Tipografia Galli srl", "Tipografia Galli srl")])
def test_a_scans_slips_in_a_names_legal_form_and_punctuation(ctx, printed, name):
    doc = read(ctx, "fattura", page((40, 40, printed), (40, 52, "Via Po 3 - 10100 Torino"), (40, 64, "P.IVA 02104370016"),
                                    (330, 100, "Spett.le"), (330, 112, "Bianchi S.p.A."),
                                    (330, 124, "Via Verdi 2, Torino"), (330, 136, "P.IVA 01533030183"),
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == name
