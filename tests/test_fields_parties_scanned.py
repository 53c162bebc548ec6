"""Parties and their identifiers as scans of tuned layouts read them (issue 11): a speck among a P.IVA's
digits, its IT or caption misread, its 7 read as T, one misread past its check digit (not taken), an Irish VAT
number's I read as a bracket, a letter's "Egregi Signori" blurred, the "e" of "P.IVA e C.F." read as a digit, a
caption blurred beside its number, a unit read as a legal form, a brand owner's form misread and a codice
fiscale's 5 or 8 read as S. Each repair is proved by a check digit or by a marker's or
legal form's letters; where the proof fails, nothing is taken.

Every page here is made for its test, word by word (see `page`), as the OCR read a tuned family's scan."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from test_fields_layout import LETTERHEAD, page, read

CUSTOMER = [(330, 100, "CLIENTE"), (330, 112, "LO BIANCO & FIGLI SPA"), (330, 124, "VIA DELL'ARTIGIANATO, 40"),
            (330, 136, "35121 PADOVA (PD)")]


def _with_vat(vat: str):
    return page((40, 40, "TRAFILERIA FERRI S.R.L."), (40, 52, "VIA DEI MILLE, 130"), (40, 64, "40121 BOLOGNA (BO)"),
                (40, 76, f"P.IVA {vat}"), *CUSTOMER, (40, 180, "Preventivo n. 25/9586 del 16/01/2025"))


def test_a_p_iva_with_a_speck_read_among_its_digits(ctx):
    # A G4 fax: "IT86689970613" read "IT8668£9970613"; the check digit proves the eleven digits without the mark.
    doc = read(ctx, "preventivo", _with_vat("IT8668£9970613"))
    assert doc.field_value("supplier_vat") == "86689970613"
    assert doc.field_value("customer_name") == "LO BIANCO & FIGLI SPA"


@pytest.mark.parametrize("printed, vat", [("T1467020070", "71467020070"),  # a G16 lowres scan, grammar seed 500
                                          ("6033497040!", "60334970401")])  # a G14 fax, seed 400
def test_a_p_iva_whose_7_a_scan_read_as_t_or_whose_closing_1_as_an_exclamation_mark(ctx, printed, vat):
    doc = read(ctx, "preventivo", _with_vat(printed))
    assert doc.field_value("supplier_vat") == vat


def test_a_speck_among_digits_that_fail_the_check_makes_no_p_iva(ctx):
    doc = read(ctx, "preventivo", _with_vat("IT8668£9970614"))
    assert doc.field_value("supplier_vat") is None


def test_a_p_iva_a_scan_misread_past_its_check_is_not_taken_where_a_text_layer_keeps_it_flagged(ctx):
    # Tuned G4 lowres and G13 fax scans (grammar seed 200) read the issuer's "IT98952630964" as "IT98052630964"
    # and a customer's "60266020126" as "80266020126": no single digit is proved, and a wrong P.IVA emitted costs
    # as much as one lost. A text layer prints what the issuer typed: there the value stays, its check failed.
    scan = page((40, 40, "LABORATORIO ANALISI ROTA S.A.S."), (40, 52, "VIA DELL'INDUSTRIA, 120"),
                (40, 64, "38122 TRENTO (TN)"), (40, 76, "P.IVA IT98052630964"), *CUSTOMER[:3],
                (330, 136, "P.IVA 80266020126"), (40, 180, "Fattura n. 25/6162 del 25/04/2025"))
    doc = read(ctx, "fattura", scan)
    assert doc.field_value("supplier_vat") is None
    assert doc.field_value("customer_vat") is None
    assert doc.field_value("customer_name") == "LO BIANCO & FIGLI SPA"
    printed = read(ctx, "fattura", replace(scan, source="pdf"))
    assert printed.field_value("supplier_vat") == "98052630964"
    assert printed.field_value("customer_vat") == "80266020126"
    assert not any(c.passed for c in printed.fields["supplier_vat"].checks)


@pytest.mark.parametrize("printed", ["[E9410425W", "(E9410425W",
                                     "1£9410425W", "IE941Q425W"])  # its E read as £, a 0 as Q (tuned G7 scans)
def test_an_irish_vat_number_whose_i_a_fax_read_as_a_bracket(ctx, printed):
    doc = read(ctx, "fattura", page((430, 34, "Keller Technik Ltd"), (480, 62, "Dublin D02 X285"),
                                    (460, 74, f"VAT No. {printed}"), (43, 95, "Invoice number RE20256382"),
                                    (43, 108, "Invoice date 20/04/2025"), (43, 163, "BILL TO"),
                                    (43, 176, "Trafileria Benedetti srl"), (43, 189, "Via Verdi 2"),
                                    (43, 201, "10121 Torino, Italy"), (43, 213, "VAT ID IT01533030183")))
    assert doc.field_value("supplier_vat") == "IE9410425W"
    assert doc.field_value("customer_vat") == "01533030183"


def test_the_block_under_a_blurred_egregi_signori_is_the_addressees(ctx):
    # A G14 notice of fees: the studio has no legal form, so with "Egregi Signori" unread the company under it
    # was taken for the issuer, its P.IVA with it.
    doc = read(ctx, "proforma", page((40, 30, "Studio Commercialista Dott. Ottavio Lo Bianco"),
                                     (40, 42, "Via XX Settembre, 74 - 42121 Reggio Emilia (RE)"),
                                     (40, 54, "CF. LBNTTV69D24G478G - P.IVA 93882080182"),
                                     (330, 100, "Egresi Signori"), (330, 112, "Bassi Caseificio S.P.A."),
                                     (330, 124, "Via Mazzini, 132"), (330, 136, "38122 Trento (TN)"),
                                     (330, 148, "P.IVA 23430290231"), (40, 200, "AVVISO DI PARCELLA n. 2025/102"),
                                     (40, 212, "Reggio Emilia, 17/09/2025")))
    assert doc.field_value("supplier_name") == "Studio Commercialista Dott. Ottavio Lo Bianco"
    assert doc.field_value("supplier_vat") == "93882080182"
    assert doc.field_value("customer_name") == "Bassi Caseificio S.P.A."
    assert doc.field_value("customer_vat") == "23430290231"


@pytest.mark.parametrize("caption", ["PIVA 6 C.F.",
                                     # its periods lost or read as commas, the I of P.I. read as 1 (tuned G1 and
                                     # G14 faxes, seeds 41 and 59): the number is the codice fiscale too
                                     "C.F e P.IVA", "C.F, e P.IVA", "C.F./P.1."])
def test_a_number_captioned_by_both_names_whose_e_a_scan_read_as_a_digit(ctx, caption):
    # A G15 shop's footer: "P.IVA e C.F. 30654050399" read "PIVA 6 C.F. 30654050399"; the lone "6" cut the
    # P.IVA's caption off its number, which was read as a codice fiscale only.
    doc = read(ctx, "fattura", page((40, 40, "Ferri Caseificio"), (40, 52, "Piazza della Repubblica, 125"),
                                    (40, 64, f"{caption} 30654050399 - REA PG-916097"), *CUSTOMER,
                                    (40, 180, "Fattura n. 18047/IT/2025 del 06/03/2025")))
    assert doc.field_value("supplier_vat") == "30654050399"
    assert doc.field_value("supplier_tax_code") == "30654050399"


def test_a_unit_in_small_letters_is_no_legal_form_that_makes_an_item_the_issuer(ctx):
    # A G13 scan lost the middle of "Caseificio Cattaneo" (two cells, "Casei" and "Cattaneo", under no name
    # the letterhead could read): "(kg)" in an item read as the German "KG" made the item the issuer.
    doc = read(ctx, "fattura", page((60, 34, "Casei"), (120, 34, "Cattaneo"), (300, 34, "FATTURA"),
                                    (40, 50, "Società in nome collettivo"), (300, 50, "Numero 1048/25"),
                                    (40, 62, "Piazza della Repubblica, 149 - 31100 Treviso (TV)"),
                                    (40, 74, "P.IVA e C.F. 95022720114"), *CUSTOMER,
                                    (40, 200, "Descrizione"), (300, 200, "Importo"),
                                    (40, 212, "Smaltimento rifiuti speciali (kg)"), (300, 212, "0,68"),
                                    (40, 400, "Totale fattura 0,75")))
    assert "Smaltimento" not in (doc.field_value("supplier_name") or "")
    assert doc.field_value("supplier_vat") == "95022720114"


@pytest.mark.parametrize("printed", ["P.IVA 1T5 1044330408",  # IT read as 1T, the digits split after the first
                                     "Partita IVA: {T51044330408",  # its I read as a brace
                                     "Partita IVA: 1151044330408",  # IT read as 11
                                     "C.F./P.1. 51044 330408",  # the caption's I read as 1, the digits split
                                     "P.IVA (151044330408",  # IT read as "(1"
                                     "C.F./P.J. 51044330408",  # the caption's I read as J
                                     "CF_/P.). 51044330408"])  # a G1 fax at seed 400
def test_a_customers_p_iva_whose_it_or_caption_a_scan_misread(ctx, printed):
    # Tuned G13 and G15 scans at grammar seed 43, a G1 one at seed 83, a G13 lowres and a G1 faint one at seed 200;
    # the check digit proves the eleven digits.
    doc = read(ctx, "fattura", page((40, 40, "Bellini & Figli Srl"), (40, 52, "Via Roma 1, 20100 Milano"),
                                    (40, 64, "P.IVA e C.F. 72707370895"), (330, 100, "Cliente"),
                                    (330, 112, "Benedetti & Figli srl"), (330, 124, "Via Verdi 2, 10121 Torino"),
                                    (330, 136, printed), (40, 180, "Fattura n. 56/25 del 05/06/2025")))
    assert doc.field_value("customer_vat") == "51044330408"
    assert doc.field_value("supplier_vat") == "72707370895"


def test_a_p_iva_beside_the_blurred_caption_that_closes_the_customers_block(ctx):
    # A tuned G16 flatbed scan (grammar seed 43): "P.IVA/C.F." under the customer's address read "PAVAICE.", the
    # number typed in the box beside it a little lower, a block of its own.
    doc = read(ctx, "fattura", page((40, 40, "Guerra & Figli S.P.A."), (40, 52, "Via dell'Artigianato, 49"),
                                    (40, 64, "37121 Verona (VR)"), (40, 76, "P.IVA 41738950165"),
                                    (312, 128, "Cliente"), (318, 146, "Piras & Figli Srl"),
                                    (318, 159, "Corso Vittorio Emanuele II, 79"), (318, 171, "42121 Reggio Emilia (RE)"),
                                    (312, 186, "PAVAICE."), (385, 190, "70013920247"),
                                    (40, 240, "FATTURA Serie B N° 008478 del 10/09/2025")))
    assert doc.field_value("customer_vat") == "70013920247"
    assert doc.field_value("supplier_vat") == "41738950165"


@pytest.mark.parametrize("printed, name", [("Palumbo & Figli $.R.L.", "Palumbo & Figli S.R.L."),  # seed 43, faint
                                           ("Morelli & Figli Sri", "Morelli & Figli Srl")])  # seeds 83 and 101, faint
def test_the_brands_owner_whose_legal_form_a_scan_misread(ctx, printed, name):
    # A tuned G15 shop's footer: its owner's form misread, no legal form told the owner by.
    doc = read(ctx, "fattura", page((40, 40, "LagoStore"), (400, 40, "Fattura"),
                                    (40, 80, "Numero fattura"), (160, 80, "NC25/34094"),
                                    (40, 92, "Data fattura"), (160, 92, "04/06/2025"),
                                    (40, 130, "Indirizzo di fatturazione"), (40, 142, "Bianchi Trasporti S.p.A."),
                                    (40, 154, "Via Verdi 2, 10121 Torino"), (40, 166, "Partita IVA: IT01533030183"),
                                    (40, 400, "Totale 10,00"),
                                    (40, 780, f"LagoStore è un marchio di {printed} - Sede legale: "
                                              "Via Roma, 168, 25121 Brescia (BS)"),
                                    (40, 792, "P.IVA e C.F. 02104370016 - Capitale sociale € 10.000,00 i.v.")))
    assert doc.field_value("supplier_name") == name
    assert doc.field_value("supplier_vat") == "02104370016"


def test_a_p_iva_misread_past_its_check_still_tells_an_italian_issuer_who_writes_dates_day_first(ctx):
    # A tuned G16 fax (grammar seed 300): the issuer's "13608320118" read "13608220118", and the due date
    # "11/09/25" read "11/20/25", a date only month first. With no P.IVA the page looked American and its
    # date 12/08/25 was read as 8 December.
    doc = read(ctx, "fattura", page((40, 40, "Minuteria Fabbri-Palumbo srl"), (40, 52, "Via Mazzini, 134"),
                                    (300, 52, "Serie A_ N° 003373"), (40, 64, "00184 Roma {RM}"),
                                    (40, 76, "P.IVA 13608220118"), (40, 88, "Data 12/08/25"),
                                    *CUSTOMER, (40, 400, "Pagamento [x] Bonifico"), (300, 400, "Scadenza 11/20/25"),
                                    (40, 420, "Totale fattura 957,43")))
    assert doc.field_value("supplier_vat") is None
    assert doc.field_value("date") == dt.date(2025, 8, 12)


@pytest.mark.parametrize("printed, code", [("PLLGRGS58P04HS01N", "PLLGRG58P04H501N"),  # seed 41, faint
                                           ("GRRBRCS8OR43A794U", "GRRBRC80R43A794U"),  # seed 59, lowres
                                           ("SLANRCS1R14H501B", "SLANRC81R14H501B"),  # seed 200, lowres
                                           ("FNTLRI&7T55L483E", "FNTLRI87T55L483E"),  # an 8 read as &
                                           ("GRRBRC8GR43A794U", "GRRBRC80R43A794U")])  # a 0 read as G
def test_a_professionals_codice_fiscale_whose_typewritten_5_or_8_a_scan_read_as_s(ctx, printed, code):
    # Tuned G14 notices of fees: the S read for a 5 or an 8, beside it or in its place; the check character
    # proves the one reading that passes.
    doc = read(ctx, "proforma", page((40, 30, "Studio Legale Avv. Giorgio Pellegrini"),
                                     (40, 42, "Via Torino, 194 - 38122 Trento (TN)"),
                                     (40, 54, f"C.F. {printed} - P.IVA 93882080182"), (330, 100, "Spett.le"),
                                     (330, 112, "Bassi Caseificio S.P.A."), (330, 124, "Via Mazzini, 132"),
                                     (330, 136, "P.IVA 23430290231"), (40, 200, "AVVISO DI PARCELLA n. 2025/102")))
    assert doc.field_value("supplier_tax_code") == code
    assert doc.field_value("supplier_vat") == "93882080182"


def test_a_customers_p_iva_whose_caption_a_scan_left_without_its_i(ctx):
    # A tuned G1 credit note at 100 dpi (seed 113): "C.F./P.I." read "C.F./P.."; the number was taken for the
    # customer's codice fiscale only.
    doc = read(ctx, "nota_credito", page(*LETTERHEAD, (40, 100, "Cliente"), (40, 112, "Bianchi Serramenti Spa"),
                                         (40, 124, "Via Garibaldi, 70"), (40, 136, "24121 Bergamo (BG)"),
                                         (40, 148, "C.F./P.. 01533030183"), (40, 200, "NOTA CREDITO 7879/2025")))
    assert doc.field_value("customer_vat") == "01533030183"


def test_a_customers_vat_id_whose_i_a_scan_read_as_a_one(ctx):
    # A tuned G7 fax (seed 83): "VAT ID IT65347910542" read "VAT 1D 1165347910542", caption and IT blurred alike.
    doc = read(ctx, "fattura", page((430, 34, "Keller Technik Ltd"), (480, 62, "Dublin D02 X285"),
                                    (460, 74, "VAT No. IE9410425W"), (43, 95, "Invoice number RE20256382"),
                                    (43, 108, "Invoice date 20/04/2025"), (43, 163, "BILL TO"),
                                    (43, 176, "Trafileria Benedetti srl"), (43, 189, "Via Verdi 2"),
                                    (43, 201, "10121 Torino, Italy"), (43, 213, "VAT 1D 1101533030183")))
    assert doc.field_value("customer_vat") == "01533030183"


@pytest.mark.parametrize("phrase, owner, name", [
    ("un marchio dt", "Ferramenta Galli Spa", "Ferramenta Galli Spa"),  # "di" read "dt" (tuned G15 fax, seed 113)
    ("un marchio di", "Ferramenta Galli St]", None)])  # its owner's form past reading: no name, not the brand's
def test_a_shop_page_whose_owners_phrase_or_name_a_scan_blurred(ctx, phrase, owner, name):
    # The brand with its logo's letters heads the page ("BO BorgoMarket"): it is no one's name, and was taken
    # for the issuer's where the footer's owner went unread (tuned G15 faxes, seeds 83 and 113).
    doc = read(ctx, "nota_credito", page((40, 40, "BO BorgoMarket"), (400, 40, "Nota di credito"),
                                         (40, 80, "Numero documento"), (160, 80, "61998/NC/2025"),
                                         (40, 130, "Indirizzo di fatturazione"), (40, 142, "Bianchi Trasporti S.p.A."),
                                         (40, 154, "Via Verdi 2, 10121 Torino"), (40, 166, "Partita IVA: IT01533030183"),
                                         (40, 780, f"BorgoMarket è {phrase} {owner} - Sede legale: Via Cavour, 127"),
                                         (40, 792, "P.IVA e C.F. 02104370016 - Capitale sociale € 10.000,00 i.v.")))
    assert doc.field_value("supplier_name") == name
    assert doc.field_value("customer_name") == "Bianchi Trasporti S.p.A."


def test_a_courtesy_copys_p_ivas_their_it_read_as_11_or_as_a_bracket_and_a_t(ctx):
    # A G19 lowres scan (seed 851): "Identificativo fiscale ai fini IVA: IT39271010082" read "...IVA: 1139271010082"
    # and the customer's "IT49193750491" read "(T49193750491"; the check digit proves the eleven digits after them.
    doc = read(ctx, "fattura", page((40, 76, "Cedente/prestatore (fornitore)"),
                                    (330, 76, "Cessionario/committente (cliente)"),
                                    (40, 90, "Identificativo fiscale ai fini IVA: 1100743110157"),
                                    (330, 90, "Identificativo fiscale ai fini WA: (T01533030183"),
                                    (40, 102, "Denominazione: Rossi Forniture S.r.l."),
                                    (330, 102, "Denominazione: Bianchi S.p.A."),
                                    (40, 180, "Fattura n. 2025/118 del 14/03/2025")))
    assert doc.field_value("supplier_vat") == "00743110157"
    assert doc.field_value("customer_vat") == "01533030183"
