"""Parties whose marker or caption a scan blurred past reading (issue 11): the block's shape (a caption over a
name over an address line) and its place (under the customer's block) say whose it is.

Every page here is made for its test, word by word (see `page`)."""

from __future__ import annotations

import pytest

from demat.kernel.document import Word
from test_fields_layout import LETTERHEAD, page, read


@pytest.mark.parametrize("caption", ["Sperti", "Liane"])  # "Spett.le", "Cliente"
def test_the_block_under_a_badly_blurred_marker_is_the_customers_and_not_the_issuers(ctx, caption):
    # The studio has no legal form: with its marker unread, the company below looked like the letterhead.
    doc = read(ctx, "fattura", page((200, 40, "Studio Associato Galli & Conti"), (200, 64, "Via Roma 1, 20100 Milano"),
                                    (200, 76, "C.F. e P.IVA 02104370016"),
                                    (330, 140, caption), (330, 152, "Bianchi Trasporti S.p.A."),
                                    (330, 164, "Via Verdi 2, 10121 Torino"), (330, 176, "P.IVA: 01533030183"),
                                    (40, 240, "Parcella n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == "Studio Associato Galli & Conti"
    assert doc.field_value("supplier_vat") == "02104370016"
    assert doc.field_value("customer_name") == "Bianchi Trasporti S.p.A."
    assert doc.field_value("customer_vat") == "01533030183"


def test_an_address_block_under_the_letterhead_is_the_addressees_when_its_marker_pair_is_unread(ctx):
    # A delivery note: no P.IVA in the addressee's block to tell it by; "Spett.le / Destinatario" blurred.
    doc = read(ctx, "ddt", page(*LETTERHEAD, (330, 100, "Spee /Desraneo"), (330, 112, "Bianchi & Figli S.R.L."),
                                (330, 124, "Via dell'Artigianato, 23"), (330, 136, "43121 Parma (PR)"),
                                (40, 180, "DDT n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == "Rossi Forniture S.r.l."
    assert doc.field_value("customer_name") == "Bianchi & Figli S.R.L."


def test_the_p_iva_typed_inside_the_customers_box_under_its_address_whose_caption_is_unread(ctx):
    # The number typed right of a caption the scan read as "SNATCE", a little under the address.
    sheet = page(*LETTERHEAD, (330, 100, "Cliente"), (330, 112, "Bianchi Trasporti S.p.A."),
                 (330, 124, "Via Verdi 2, 10121 Torino"), (375, 152, "01533030183"),
                 (40, 200, "Fattura n. 5 del 01/02/2025"))
    sheet.words.append(Word("SNATCE", (325, 157, 352, 162), 0.6))
    doc = read(ctx, "fattura", sheet)
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("supplier_vat") == "00743110157"


def test_the_p_iva_under_an_address_block_found_without_its_marker_is_the_customers(ctx):
    # "Cliente" read as "Crore", "P.IVA" as "PIAICE": the block's shape alone says whose the number under it is.
    sheet = page(*LETTERHEAD, (330, 100, "Crore"), (330, 112, "Bianchi Trasporti S.p.A."),
                 (330, 124, "Via Verdi 2, 10121 Torino"), (375, 152, "01533030183"),
                 (40, 200, "Fattura n. 5 del 01/02/2025"))
    sheet.words.append(Word("PIAICE", (325, 153, 352, 160), 0.6))
    doc = read(ctx, "fattura", sheet)
    assert doc.field_value("customer_name") == "Bianchi Trasporti S.p.A."
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("supplier_vat") == "00743110157"


@pytest.mark.parametrize("delivery, marker", [("Destinazione merce", "Chente"), ("Destinazione merce", "CHente"),
                                              ("Destnazione merce", "CHente")])
def test_a_customer_marker_whose_li_a_fax_read_as_h_heads_the_block_beside_the_delivery_place(ctx, delivery, marker):
    # Tuned G13 faxes at grammar seed 200 and 300: "Cliente" read "Chente" over the addressee, beside the
    # "Destinazione merce" block; the delivery place was taken for the customer, and the customer for the issuer.
    # Where the delivery's caption is blurred too, its block is a customer's as well: the marker read surely wins.
    doc = read(ctx, "fattura", page((40, 30, "Sala Trafileria"), (300, 30, "FATTURA DIFFERITA"),
                                    (40, 42, "Via Manzoni, 18 - 37121 Verona (VR)"), (300, 42, "Documento n° 2451/25"),
                                    (40, 54, "P.IVA e C.F. 02104370016"), (300, 54, "Data 23-03-25"),
                                    (40, 100, delivery), (300, 100, marker),
                                    (40, 112, "Magazzino Perugia"), (300, 112, "Autoricambi Rota-Testa Srl."),
                                    (40, 124, "Via dell'Industria, 48"), (300, 124, "Strada Provinciale 11, 83"),
                                    (40, 136, "06121 Perugia (PG)"), (300, 136, "06121 Perugia (PG)"),
                                    (300, 148, "P.IVA IT01533030183")))
    assert doc.field_value("customer_name") == "Autoricambi Rota-Testa Srl."
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("supplier_vat") == "02104370016"


@pytest.mark.parametrize("marker", ["Indirìzzo di fatturazione", "Indirizzo dì fatturazione"])
def test_the_billing_block_whose_marker_a_scan_read_with_an_accent_on_an_i(ctx, marker):
    # A tuned G15 shop's credit note at 100 dpi and by fax (seeds 59, 113): the speck over an i hid the billing
    # block's marker, and the shipping block beside it ("c/o") was taken for the customer's, its P.IVA for the issuer's.
    doc = read(ctx, "nota_credito", page(*LETTERHEAD, (40, 100, marker), (330, 100, "Indirizzo di spedizione"),
                                         (40, 112, "Caseificio Conti S.r.l."), (330, 112, "Giorgio Sala"),
                                         (40, 124, "Via Po 3"), (330, 124, "c/o Caseificio Conti S.r.l."),
                                         (40, 136, "10121 Torino (TO)"), (330, 136, "Via Po 3"),
                                         (40, 148, "Partita IVA: IT01533030183"), (330, 148, "10121 Torino (TO)"),
                                         (40, 200, "Nota di credito n. 5 del 01/02/2025")))
    assert doc.field_value("customer_name") == "Caseificio Conti S.r.l."
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("supplier_vat") == "00743110157"


def test_a_delivery_block_whose_marker_a_scan_blurred_is_no_customers_beside_the_customers_block(ctx):
    # A tuned G13 invoice at 100 dpi and by fax (seeds 59): "Destinazione merce" read "Destihazione merce" beside
    # "Cliente" read "Cllente"; both read as customer markers, the delivery place came first.
    doc = read(ctx, "fattura", page(*LETTERHEAD, (40, 100, "Destihazione merce"), (330, 100, "Cllente"),
                                    (40, 112, "Magazzino Roma"), (330, 112, "Bianchi Trasporti S.p.A."),
                                    (40, 124, "Via Po 3"), (330, 124, "Via Verdi 2"),
                                    (40, 136, "00184 Roma (RM)"), (330, 136, "00184 Roma (RM)"),
                                    (330, 148, "P.IVA IT01533030183"), (40, 200, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("customer_name") == "Bianchi Trasporti S.p.A."
    assert doc.field_value("customer_vat") == "01533030183"


def test_a_blurred_caption_as_near_a_supplier_marker_as_a_customer_marker_says_nothing(ctx):
    # A tuned G16 invoice at 100 dpi (seed 113): "Cliente" read "Citente", two letters from "Cliente" and from
    # "Mittente" alike; it was taken for a supplier marker, the customer for the issuer.
    doc = read(ctx, "fattura", page((40, 40, "Palumbo Tipografia s.r.l."), (40, 52, "Via Cavour, 143"),
                                    (40, 64, "80133 Napoli (NA)"), (40, 76, "P.IVA 00743110157"),
                                    (330, 120, "Citente"), (330, 132, "Bianchi Trasporti S.r.l."),
                                    (330, 144, "Via dei Mille, 71"), (330, 156, "35121 Padova (PD)"),
                                    (40, 240, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == "Palumbo Tipografia s.r.l."
    assert doc.field_value("supplier_vat") == "00743110157"
    assert doc.field_value("customer_name") != "Palumbo Tipografia s.r.l."
