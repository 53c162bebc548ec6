"""The customer's P.IVA where no caption or marker read says whose it is (bench/ocr_noise.py's `lost_caption`: a
tuned lowres scan reads one party marker in five past knowing, a date's caption one in seven). With the issuer's
P.IVA known, the one other valid P.IVA page 1 prints in no party's block, level with the issuer's or under it (or
anywhere above the footer that prints the issuer's), is the customer's; two others, or one above the issuer's
letterhead line, say nothing, and nothing is taken.

Every page here is made for its test, word by word (see `page`), as the OCR read a tuned family's scan."""

from __future__ import annotations

from test_fields_layout import page, read

ISSUER = [(40, 40, "Zanetti Vivai S.p.A."), (40, 52, "Via Roma 1, 20100 Milano")]
ADDRESSEE = [(330, 100, "Spett.le"), (330, 112, "Bianchi S.p.A."), (330, 124, "Via Verdi 2, 10121 Torino")]
FOOTER = (40, 800, "Zanetti Vivai S.p.A. - P.IVA 00743110157 - REA MI-123456")


def test_the_customers_p_iva_in_the_row_of_the_documents_data_whose_date_caption_a_scan_blurred(ctx):
    # A G17 lowres scan (seed 851): "Data" read "Dau", "Partita IVA" read "Partta NA" over the row that prints the
    # customer's P.IVA; the issuer's is in the footer.
    doc = read(ctx, "fattura", page(*ISSUER, *ADDRESSEE, (40, 196, "Tipo documento Numero Dau Cod. cliente Partta NA"),
                                    (40, 208, "FATTURA FV 2025/00357 13/05/2025 C23098 01533030183"), FOOTER))
    assert doc.field_value("supplier_vat") == "00743110157"
    assert doc.field_value("customer_vat") == "01533030183"


def test_the_customers_p_iva_beside_the_issuers_where_the_customers_marker_was_lost(ctx):
    # A courtesy copy's two columns, "Cessionario/committente" read past knowing over the right one.
    doc = read(ctx, "fattura", page((40, 76, "Fornitore"), (40, 90, "P.IVA: IT00743110157"),
                                    (40, 102, "Zanetti Vivai S.p.A."), (330, 90, "P.IVA: IT01533030183"),
                                    (330, 102, "Bianchi S.p.A."), (40, 180, "Fattura n. 2025/118 del 14/03/2025")))
    assert doc.field_value("supplier_vat") == "00743110157"
    assert doc.field_value("customer_vat") == "01533030183"


def test_no_customers_p_iva_where_the_page_prints_two_others_or_one_above_the_issuers(ctx):
    two_others = page(*ISSUER, (40, 200, "Cod. 01533030183"), (40, 300, "Vettore: 02104370016"), FOOTER)
    above = page((330, 20, "Cod. 01533030183"), *ISSUER, (40, 64, "P.IVA IT00743110157"),
                 (40, 180, "Fattura n. 2025/118 del 14/03/2025"))
    for scan in (two_others, above):
        assert read(ctx, "fattura", scan).field_value("customer_vat") is None
