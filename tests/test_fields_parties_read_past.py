"""Parties whose identifiers and names the OCR text holds but the fields stage read past (ident23): a courtesy
copy's "Id. fiscale IVA" with its IT read as 11, a "C.F. e P.IVA" caption blurred after its C.F., a supplier's
name on two lines whose second line heads its P.IVA's column, a party marker's blurred words taken for a name,
a code alone under a caption taken for one, and a speck read as a letter among a P.IVA's digits. Where no check
proves a value, nothing is taken.

Every page here is made for its test, word by word (see `page`), as the OCR read a tuned family's scan
(grammar seeds 1601-1624)."""

from __future__ import annotations

import pytest

from test_fields_layout import page, read

SUPPLIER = [(35, 34, "Sala & Figli S.r.l."), (35, 46, "Via Mazzini, 8 - 43121 Parma (PR)")]


@pytest.mark.parametrize("printed, vat", [("1191250370797", "91250370797"),  # its IT read as 11 (a G19 fax)
                                          ("IT91250370797", "91250370797"),
                                          ("1191250370798", None)])  # its check fails: no P.IVA
def test_a_courtesy_copys_short_vat_caption_whose_it_a_scan_read_as_11(ctx, printed, vat):
    # A G19 fax and a C0 lowres scan: "Id. fiscale IVA: IT91250370797" read "ld. fiscale IVA: 1191250370797"; the
    # thirteen digits were no P.IVA, the customer's codice fiscale under them was read, its P.IVA lost.
    doc = read(ctx, "fattura", page((38, 76, "Mittente"), (341, 76, "CESSIONARIO / COMMITTENTE"),
                                    (39, 91, "Id. fiscale IVA: IT15495320531"), (341, 91, f"ld. fiscale IVA: {printed}"),
                                    (39, 111, "Sala & Figli S.r.l."), (341, 111, "Fontana & Figli S.p.A."),
                                    (39, 121, "Indirizzo: Via Mazzini, 8"), (341, 121, "Indirizzo: Via Cavour, 59"),
                                    (40, 180, "Fattura n. 1278 del 15/09/2025")))
    assert doc.field_value("customer_vat") == vat
    assert doc.field_value("supplier_vat") == "15495320531"


@pytest.mark.parametrize("caption", ["CF JP 4.",  # "C.F./P.I." as a G1 lowres scan read it: its I lost
                                     "CF ePIVA",  # "C.F. e P.IVA" with its "e" glued to the P (a G17 fax)
                                     "CF.eP.JVA"])  # and its I read as a J (a G14 fax)
def test_a_number_captioned_by_both_names_blurred_after_its_codice_fiscale(ctx, caption):
    doc = read(ctx, "fattura", page(*SUPPLIER, (35, 58, "P.IVA IT72707370895"), (318, 108, "Cliente"),
                                    (318, 120, "Ferri & Figli S.r.l."), (318, 134, "Via Marconi, 26"),
                                    (318, 147, "41121 Modena (MO)"), (318, 159, f"{caption} 04932920574"),
                                    (40, 210, "Fattura n. 4881 del 08/10/2025")))
    assert doc.field_value("customer_vat") == "04932920574"
    assert doc.field_value("customer_tax_code") == "04932920574"


@pytest.mark.parametrize("caption", ["C.F.", "CF Prov."])
def test_a_codice_fiscale_caption_alone_makes_no_p_iva(ctx, caption):
    doc = read(ctx, "fattura", page(*SUPPLIER, (35, 58, "P.IVA IT72707370895"), (318, 108, "Cliente"),
                                    (318, 120, "Ferri & Figli S.r.l."), (318, 134, "Via Marconi, 26"),
                                    (318, 147, "41121 Modena (MO)"), (318, 159, f"{caption} 04932920574"),
                                    (40, 210, "Fattura n. 4881 del 08/10/2025")))
    assert doc.field_value("customer_vat") is None
    assert doc.field_value("customer_tax_code") == "04932920574"


def test_the_second_line_of_the_suppliers_name_over_its_p_iva_heads_no_other_companys_column(ctx):
    # A G4 fax: "AUTORICAMBI FABBRI S.A.S." read "I FABBRI A.", over "DI FABBRI BEATRICE & C.", and the customer's
    # marker read "CLIENTS". The one P.IVA of the page was given to the customer (the second line of the supplier's
    # name, a legal form of its own, taken for another company heading its column) and the supplier lost it.
    doc = read(ctx, "preventivo", page((106, 32, "I FABBRI A."), (40, 48, "DI FABBRI BEATRICE & C."),
                                       (40, 64, "VIALE DELLE NAZIONI, 27"), (40, 74, "43121 PARMA (PR)"),
                                       (41, 86, "P.IVA IT11889020456"), (341, 119, "CLIENTS"),
                                       (341, 132, "SERRAMENTI MORELLI S.A.S."), (341, 146, "DI MORELLI SILVIA & C."),
                                       (341, 159, "CORSO ITALIA, 191"), (341, 169, "43121 PARMA (PR)"),
                                       (40, 199, "PREVENTIVO N. 66446 DEL 19-02-2025")))
    assert doc.field_value("supplier_vat") == "11889020456"
    assert doc.field_value("customer_vat") is None


def test_a_blurred_marker_heading_the_addressees_block_is_no_name(ctx):
    # A G19 fax: "Destinatario" read "Desrinatano", past the markers' look-alikes; the block, the addressee's by
    # its place, was named by it.
    doc = read(ctx, "nota_credito", page((35, 34, "Impiantistica D'Angelo Spa"), (35, 55, "Partita IVA: IT33063840814"),
                                         (35, 67, "Indirizzo: Via dell'Industria, 106"), (35, 78, "37121 Verona (VR) IT"),
                                         (341, 85, "Desrinatano"), (341, 98, "Partita IVA: IT51957290953"),
                                         (341, 109, "Codice fiscale 51957290953"),
                                         (341, 121, "Cartotecnica Testa-Testa S.p.A."),
                                         (341, 132, "Indirizzo: Via Cavour, 59"), (341, 144, "41124 Modena (MO) IT"),
                                         (40, 200, "Nota di credito n. 77 del 15/09/2025")))
    assert doc.field_value("customer_name") == "Cartotecnica Testa-Testa S.p.A."
    assert doc.field_value("customer_vat") == "51957290953"


def test_a_faint_marker_read_twice_is_no_name(ctx):
    # A G19 faint scan read "CESSIONARIO / COMMITTENTE" with its ghost: "CESSIONARIO. ESSIONARIO / COM COMMITTENTI E".
    doc = read(ctx, "fattura", page((35, 35, "Farina & Figli S.p.A."), (35, 56, "P.IVA: IT07667960103"),
                                    (35, 68, "Indirizzo: Viale delle Nazioni, 71"), (35, 79, "70121 Bari (BA) IT"),
                                    (340, 85, "CESSIONARIO. ESSIONARIO / COM COMMITTENTI E"),
                                    (341, 98, "P.IVA: IT52948460267"), (340, 110, "Officine Meccaniche Piras-Lo Bianco Srl."),
                                    (341, 121, "Indirizzo: Corso Vittorio Emanuele II, 120"),
                                    (340, 133, "31100 Treviso (TV) IT"), (40, 200, "Fattura n. 1311/E del 16/11/2025")))
    assert doc.field_value("customer_name") == "Officine Meccaniche Piras-Lo Bianco Srl."


def test_a_code_alone_under_a_marker_like_caption_is_no_name(ctx):
    # A C0 flatbed scan: the grid's "CODICE / DESTINATARIO", on two lines, headed the SdI code "TNSS7QY" under it,
    # taken for the customer's name before the customer's own section further down.
    doc = read(ctx, "fattura", page((37, 52, "IDENTIFICATIVO"), (300, 52, "CODICE"), (35, 59, "TRASMITTENTE"),
                                    (300, 59, "DESTINATARIO"), (37, 71, "IT27266650970"), (300, 71, "TNSS7QY"),
                                    (37, 86, "DATI DEL CEDENTE / PRESTATORE"), (37, 97, "PARTITA IVA: IT27266650970"),
                                    (37, 113, "DENOMINAZIONE: Longo Tecnologie S.r.l."),
                                    (37, 171, "CESSIONARIO/COMMITTENTE (CLIENTE)"), (37, 181, "PARTITA IVA: IT76743930638"),
                                    (37, 198, "DENOMINAZIONE: Logistica Serra Soc. Coop."),
                                    (37, 214, "COMUNE: Bari Provincia: BA"),
                                    (37, 265, "Fattura n. 2025-FV-0816 del 22-07-2025")))
    assert doc.field_value("customer_name") == "Logistica Serra Soc. Coop."
    assert doc.field_value("customer_vat") == "76743930638"


@pytest.mark.parametrize("printed, vat", [("P.IVA 1T8B4234661001", "84234661001"),  # a speck read as B (G13 lowres)
                                          ("P.IVA 1T8B4234661002", None)])  # its check fails: no P.IVA
def test_a_p_iva_with_a_speck_read_as_a_letter_among_its_digits(ctx, printed, vat):
    doc = read(ctx, "proforma", page((106, 36, "Impiantistica Pellegrini S.n.c."), (106, 69, "Via Roma 135 - 20900 Monza (MB)"),
                                     (106, 91, "P.IVA e C.F. 55278231000"), (312, 130, "Spett.le"),
                                     (312, 143, "Cartotecnica Morelli-Farina S.R.L."), (312, 158, "Via Dante Alighieri, 11"),
                                     (312, 169, "25121 Brescia (BS)"), (312, 181, printed),
                                     (43, 240, "Proforma n. 2025/01971 del 10/05/2025")))
    assert doc.field_value("customer_vat") == vat
    assert doc.field_value("supplier_vat") == "55278231000"
