"""Parties' names and markers as a scan leaves them on layouts our generator never makes (issue 11):
markers glued or set behind a speck, legal forms that OCR misread, specks and stray punctuation in a name.

Every page here is made for its test, word by word (see `page`)."""

from __future__ import annotations

import pytest

from demat.kernel.document import Word
from test_fields_layout import CUSTOMER_RIGHT, LETTERHEAD, page, read


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


@pytest.mark.parametrize("issuer_x, addressee_x", [(40, 330), (330, 40)])
def test_the_addressee_of_a_page_whose_customer_marker_is_unread_is_the_company_block_under_the_letterhead(
        ctx, issuer_x, addressee_x):
    # Both blocks print "C.F./P.I."; the scan left a blot ("~") where "Spett.le" was.
    doc = read(ctx, "fattura", page((issuer_x, 40, "Rossi Forniture S.r.l."), (issuer_x, 52, "Via Roma 1, 20100 Milano"),
                                    (issuer_x, 64, "C.F./P.I. 00743110157"), (addressee_x, 100, "~"),
                                    (addressee_x, 112, "Bianchi Trasporti S.p.A."),
                                    (addressee_x, 124, "Via Verdi 2, 10121 Torino"),
                                    (addressee_x, 136, "C.F./P.I. 01533030183"),
                                    (40, 220, "Fattura n. 31 del 02/04/2025")))
    assert doc.field_value("supplier_name") == "Rossi Forniture S.r.l."
    assert doc.field_value("supplier_vat") == "00743110157"
    assert doc.field_value("customer_name") == "Bianchi Trasporti S.p.A."
    assert doc.field_value("customer_vat") == "01533030183"


@pytest.mark.parametrize("printed, name", [("TORNERIA GALLI S.R.Li", "TORNERIA GALLI S.R.L."),  # its last period an i
                                           ("EDILIZIA CONTI S.A.5.", "EDILIZIA CONTI S.A.S."),
                                           ("Galli Ricambi s.r.Ì.", "Galli Ricambi s.r.l."),
                                           ("Ottica Conti $ri", "Ottica Conti Srl"),
                                           ("CONTI: & FIGLI.S.R.L.", "CONTI & FIGLI S.R.L."),
                                           ("Galli Engineering.Ltd", "Galli Engineering Ltd"),
                                           ("Conti Partners Corp", "Conti Partners Corp."),
                                           ("* Tipografia Galli srl", "Tipografia Galli srl"),
                                           ("e | Tipografia Galli srl", "Tipografia Galli srl"),  # a logo's mark
                                           ("È TIPOGRAFIA GALLI SRL", "TIPOGRAFIA GALLI SRL"),
                                           ("Galli Tipografia Sri.", "Galli Tipografia Srl."),
                                           ("‘TIPOGRAFIA CONTI S.P.A.", "TIPOGRAFIA CONTI S.P.A."),
                                           ("GALLI RICAMBI S.R.L. UNIPERSONALE)", "GALLI RICAMBI S.R.L. UNIPERSONALE"),
                                           ("CASEIFICIO CONTI. S.P.A.", "CASEIFICIO CONTI S.P.A."),
                                           ("CASEIFICIO CONTI. S.A,S.", "CASEIFICIO CONTI S.A.S."),
                                           ("CONTI SERRAMENTI. SPA", "CONTI SERRAMENTI SPA"),
                                           ("Galli Trafileria S. p.A.", "Galli Trafileria S.p.A."),
                                           ("Galli Trafileria S.p. A.", "Galli Trafileria S.p.A."),  # tuned C0, faint
                                           ("Laboratorio Galli:S.P:A.", "Laboratorio Galli S.P.A."),
                                           ("GALLI TRAFILERIA S.A.S.: DI GALLI ILARIA & C.",
                                            "GALLI TRAFILERIA S.A.S. DI GALLI ILARIA & C."),
                                           ("CONTI S.A.S. DI -CONTI ALBERTO & C.", "CONTI S.A.S. DI CONTI ALBERTO & C."),
                                           ("GALLI RICAMBI S.A;5. DI GALLI ILARIA & C.",
                                            "GALLI RICAMBI S.A.S. DI GALLI ILARIA & C."),
                                           ("TIPOGRAFIA GALLI S.R.L.'", "TIPOGRAFIA GALLI S.R.L."),  # a speck
                                           ("Conti Ricambi Srl”", "Conti Ricambi Srl"),
                                           ("Tipografia GalliS.R.L.", "Tipografia Galli S.R.L."),
                                           ("Conti &-Figli S.r.l.", "Conti & Figli S.r.l."),
                                           ("F.ili D‘Angelo & C. S.n.c.", "F.lli D'Angelo & C. S.n.c."),
                                           # its l read as a t (tuned G1 and G13 faxes, grammar seeds 7 and 61)
                                           ("Trafileria Galli S.r.t. unipersonale", "Trafileria Galli S.r.l. unipersonale"),
                                           ("Laboratorio Analisi Galli s.r,t.", "Laboratorio Analisi Galli s.r.l."),
                                           # a typewriter's S read twice (tuned G4, grammar seeds 41 and 400)
                                           ("GALLI RICAMBI S.A.S5. DI GALLI ILARIA & C.",
                                            "GALLI RICAMBI S.A.S. DI GALLI ILARIA & C."),
                                           ("VIVAI GALLI S.A.S8. DI GALLI ZENO & C.", "VIVAI GALLI S.A.S. DI GALLI ZENO & C."),
                                           ("GALLI RICAMBI S.A.5S. DI GALLI ILARIA & C.",
                                            "GALLI RICAMBI S.A.S. DI GALLI ILARIA & C."),
                                           # tuned C0 at a low resolution: the l of S.r.l. lost or read as a
                                           # parenthesis, an initial's period as a comma, a form glued to "& C."
                                           ("Galli Industria S.r..s.", "Galli Industria S.r.l.s."),
                                           ("Conti Industria S.r.).", "Conti Industria S.r.l."),
                                           ("Galli F, & C. S.n.c.", "Galli F. & C. S.n.c."),
                                           ("Conti M. & C.S.a.s.", "Conti M. & C. S.a.s."),
                                           # its S read as 8 or §, the l of S.r.l. lost or read as 4 or a brace
                                           # (tuned G1, G4, G7 and G15 at 100-120 dpi and by fax, seeds 41-113)
                                           ("OFFICINA CONTI 8.A.8. DI CONTI ZENO & C.",
                                            "OFFICINA CONTI S.A.S. DI CONTI ZENO & C."),
                                           ("OFFICINA CONTI §.A.8. DI CONTI ZENO & C.",
                                            "OFFICINA CONTI S.A.S. DI CONTI ZENO & C."),
                                           ("Serramenti Galli S.r.", "Serramenti Galli S.r.l."),
                                           ("Serramenti Galli s.r..", "Serramenti Galli s.r.l."),
                                           ("Ricambi Galli S.r4. unipersonale", "Ricambi Galli S.r.l. unipersonale"),
                                           ("Ricambi Galli S.r.{. unipersonale", "Ricambi Galli S.r.l. unipersonale"),
                                           ("Ricambi Galli S.r.]. unipersonale", "Ricambi Galli S.r.l. unipersonale"),
                                           ("Caseificio Galli s.r...", "Caseificio Galli s.r.l."),
                                           # a letter of a long form's word misread (tuned G1 and G13, seeds 59, 97)
                                           ("Ricambi Galli S.r.]. unipersonaie", "Ricambi Galli S.r.l. unipersonale"),
                                           ("Ricambi Galli S.r.{. unipersonafe", "Ricambi Galli S.r.l. unipersonale"),
                                           # a lowres scan's l lost, its period read as a comma (tuned G15, seed 403)
                                           ("Ricambi Galli S.r., unipersonale", "Ricambi Galli S.r.l. unipersonale"),
                                           ("Analisi Galli s.r.!.", "Analisi Galli s.r.l."),  # a fax's (G18, seed 403)
                                           # the accent of a form spelt out lost (tuned G13 lowres, seed 405)
                                           ("Caseificio Galli Societa per azioni", "Caseificio Galli Società per azioni"),
                                           ("CASEIFICIO GALLI SOCIETA COOPERATIVA", "CASEIFICIO GALLI SOCIETÀ COOPERATIVA"),
                                           # the l or i of "& Figli" misread (tuned G13, G15, G19 faxes and lowres
                                           # scans, seeds 405, 407); a surname so near keeps its letters
                                           ("Galli & Figti Srl", "Galli & Figli Srl"),
                                           ("Galli & Figii S.r.l. unipersonale", "Galli & Figli S.r.l. unipersonale"),
                                           ("Galli & Fogli S.n.c.", "Galli & Fogli S.n.c."),
                                           # two surnames' hyphen read with a space after it (G14 lowres, seed 405)
                                           ("Vivai Galli- Villa S.r.l.", "Vivai Galli-Villa S.r.l.")])
def test_a_scans_slips_in_a_names_legal_form_and_punctuation(ctx, printed, name):
    doc = read(ctx, "fattura", page((40, 40, printed), (40, 52, "Via Po 3 - 10100 Torino"), (40, 64, "P.IVA 02104370016"),
                                    (330, 100, "Spett.le"), (330, 112, "Bianchi S.p.A."),
                                    (330, 124, "Via Verdi 2, Torino"), (330, 136, "P.IVA 01533030183"),
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == name


@pytest.mark.parametrize("first, second, name", [
    ("OFFICINA CONTI S.A.S.", "DI CONTI SILVIA :& C.", "OFFICINA CONTI S.A.S. DI CONTI SILVIA & C."),
    ("OFFICINA CONTI S.A.5S.", "DI CONTI SILVIA &£C.", "OFFICINA CONTI S.A.S. DI CONTI SILVIA & C."),  # a speck
    ("OFFICINA CONTI", "DI CONTI SILVIA & C.", "OFFICINA CONTI DI CONTI SILVIA & C.")])  # the legal form lost
def test_a_name_in_capitals_over_two_lines_as_a_scan_leaves_it(ctx, first, second, name):
    # "DI CONTI SILVIA & C." is the second line of a name, never a name of its own.
    doc = read(ctx, "fattura", page((40, 40, first), (40, 52, second), (40, 64, "VIA PO 3 - 10100 TORINO"),
                                    (40, 76, "P.IVA 02104370016"), (330, 100, "Spett.le"), (330, 112, "Bianchi S.p.A."),
                                    (330, 124, "P.IVA 01533030183"), (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == name


@pytest.mark.parametrize("first, second, customers", [("OFFICINE MECCANICHE", "FONTANA S.R.L.", "BIANCHI S.P.A."),
                                                      ("Officine Meccaniche", "Fontana S.r.l.", "Bianchi S.p.A.")])
def test_a_long_legal_name_over_two_lines_in_the_same_letters(ctx, first, second, customers):
    doc = read(ctx, "fattura", page((40, 40, first), (40, 52, second), (40, 64, "Via Po 3 - 10100 Torino"),
                                    (40, 76, "P.IVA 02104370016"), (330, 100, "Spett.le"), (330, 112, first),
                                    (330, 124, customers), (330, 136, "P.IVA 01533030183"),
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == f"{first} {second}"
    assert doc.field_value("customer_name") == f"{first} {customers}"


@pytest.mark.parametrize("logo", ["{SPS", "(SPS)"])
def test_a_logos_tall_letters_in_braces_are_no_part_of_the_name(ctx, logo):
    # A tuned G13 fax (seed 83): the logo's frame read as a brace glued to its letters.
    sheet = page((113, 35, "Serramenti Pellegrini"), (113, 56, "Società cooperativa"), (113, 68, "Via Po 3, Torino"),
                 (113, 80, "P.IVA 02104370016"), *CUSTOMER_RIGHT, (40, 180, "Fattura n. 5 del 01/02/2025"))
    sheet.words.insert(0, Word(logo, (39, 33, 97, 65), 0.2))
    doc = read(ctx, "fattura", sheet)
    assert doc.field_value("supplier_name") == "Serramenti Pellegrini Società cooperativa"


def test_a_brand_in_capitals_over_the_legal_name_is_no_part_of_it(ctx):
    doc = read(ctx, "fattura", page((40, 40, "TECNOSERVICE"), (40, 52, "Tecno Service Fontana S.r.l."),
                                    (40, 64, "Via Po 3 - 10100 Torino"), (40, 76, "P.IVA 02104370016"),
                                    (330, 100, "Spett.le"), (330, 112, "Bianchi S.p.A."), (330, 124, "P.IVA 01533030183"),
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == "Tecno Service Fontana S.r.l."


@pytest.mark.parametrize("specks", [[("È", (150, 62, 151, 63))],  # a dot read as a letter in the captions' row
                                    [(".", (300, 83, 301, 84)), ("|", (420, 92, 421, 93))]])  # lines of specks
def test_the_number_under_a_blurred_caption_of_a_header_grid_among_a_scans_specks(ctx, specks):
    sheet = page((40, 33, "ROSSI FORNITURE SRL"), (340, 38, "FATTURA"), (40, 50, "VIA PO 3"),
                 (40, 60, "31100 TREVISO (TV)"), (340, 60, "ML"), (420, 60, "DATA"), (500, 60, "PAGINA"),
                 (40, 71, "P.IVA IT00743110157"),  # the values printed right of their captions' columns:
                 (368, 100, "2025/88779"), (448, 100, "02.10.2025"), (528, 100, "1/1"),
                 (330, 140, "Spett.le"), (330, 152, "Bianchi S.p.A."), (330, 164, "P.IVA 01533030183"),
                 (40, 600, "Totale documento 1.220,00"))
    sheet.words += [Word(text, box, 0.5) for text, box in specks]
    doc = read(ctx, "fattura", sheet)
    assert doc.field_value("number") == "2025/88779"


@pytest.mark.parametrize("caption", ["NN dacumento.", "N. decumenio"])
def test_the_number_under_a_long_caption_that_the_scan_blurred_by_two_letters(ctx, caption):
    sheet = page(*LETTERHEAD, *CUSTOMER_RIGHT,
                 (47, 204, "Tipo documento"), (174, 204, caption), (301, 204, "Data documento."),
                 (414, 204, "Codice cliente"),
                 (55, 220, "PROFORMA"), (190, 220, "4001"), (300, 220, "26.09.2025"), (452, 220, "32330"))
    sheet.words.append(Word("a", (184, 225, 185, 226), 0.5))  # a speck just before the number, read as a letter
    doc = read(ctx, "fattura", sheet)
    assert doc.field_value("number") == "4001"


def test_a_logos_tall_letters_that_the_scan_misread_are_not_part_of_the_name(ctx):
    sheet = page((40, 36, "[vr | Villa & Figli S.R.L."), (95, 55, "Strada Provinciale 11, 36100 Vicenza"),
                 (95, 67, "P.IVA 02104370016"), (330, 100, "Spett.le"), (330, 112, "Bianchi S.p.A."),
                 (330, 124, "P.IVA 01533030183"), (40, 180, "Fattura n. 5 del 01/02/2025"))
    sheet.words[:2] = [Word("[vr", (40, 22, 85, 63), 0.55), Word("|", (78, 20, 86, 68), 0.8)]  # the logo and its frame
    doc = read(ctx, "fattura", sheet)
    assert doc.field_value("supplier_name") == "Villa & Figli S.R.L."


def test_a_letters_addressee_after_a_short_caption_opening_its_block(ctx):
    doc = read(ctx, "lettera", page((40, 40, "Logistica Conti S.r.l."), (40, 52, "Viale Europa 23 - 16121 Genova (GE)"),
                                    (40, 64, "Part. IVA: IT02104370016"), (330, 100, "A:"),
                                    (330, 112, "Galli Tecnologie S.r.l."), (330, 124, "Via Roma 150"),
                                    (330, 136, "36100 Vicenza (VI)"), (40, 180, "Genova, 13 luglio 2024"),
                                    (40, 200, "Spettabile Società,"),
                                    (40, 212, "Vi informiamo che la pratica è stata presa in carico.")))
    assert doc.field_value("sender") == "Logistica Conti S.r.l."
    assert doc.field_value("recipient") == "Galli Tecnologie S.r.l."


def test_the_number_under_a_blurred_caption_with_a_speck_beside_it(ctx):
    doc = read(ctx, "fattura", page((40, 33, "ROSSI FORNITURE SRL"), (340, 38, "PREVENTIVO"), (40, 50, "VIA PO 3"),
                                    (40, 61, "VIA DELL'INDUSTRIA, 68"), (340, 61, "Ni >"), (418, 61, "DATA."),
                                    (499, 61, "PAGINA"), (40, 74, "20900 MONZA (MB)"), (360, 74, "25/5314"),
                                    (440, 74, "28-03-2025"), (519, 74, "1/1"), (40, 86, "P.IVA IT00743110157"),
                                    (330, 120, "Spett.le"), (330, 132, "Bianchi S.p.A."), (330, 144, "P.IVA 01533030183")))
    assert doc.field_value("number") == "25/5314"


def test_a_town_and_its_postcode_are_no_letterhead_and_a_footers_sentence_is_no_part_of_the_name(ctx):
    # The scan lost the letterhead's name; its footer prints it after a sentence.
    doc = read(ctx, "fattura", page((44, 40, "INVOICE"), (480, 52, "44 Market Street"), (497, 64, "Pune 411001"),
                                    (43, 95, "Invoice number RE20256274"), (43, 108, "Invoice date 12-02-2025"),
                                    (43, 160, "BILL TO"), (43, 172, "Bianchi S.p.A."), (43, 184, "Via Verdi 2, Torino"),
                                    (43, 196, "VAT ID IT01533030183"),
                                    (40, 780, "Thank you for your business. Brandt Systems LLP")))
    assert doc.field_value("supplier_name") == "Brandt Systems LLP"
    assert doc.field_value("customer_name") == "Bianchi S.p.A."


@pytest.mark.parametrize("phantom", ["v", "en"])
def test_a_word_ocr_read_across_the_name_it_is_surer_of_is_no_part_of_it(ctx, phantom):
    # A scan's speck or the same ink read twice: a low-confidence word lying across the letterhead's words.
    letterhead = page((408, 40, "Brandt Systems Pvt. Ltd."), (408, 52, "Via Po 3 - 10100 Torino"),
                      (408, 64, "P.IVA 02104370016"), (40, 100, "Spett.le"), (40, 112, "Bianchi S.p.A."),
                      (40, 124, "Via Verdi 2, Torino"), (40, 180, "Fattura n. 5 del 01/02/2025"))
    systems = next(w for w in letterhead.words if w.text == "Systems")
    x = systems.box[0] + 6
    letterhead.words.append(Word(phantom, (x, 41, x + 7 * len(phantom), 50), 0.4))
    doc = read(ctx, "fattura", letterhead)
    assert doc.field_value("supplier_name") == "Brandt Systems Pvt. Ltd."


def test_the_documents_title_a_scan_read_into_the_letterheads_cell_is_no_part_of_the_name(ctx):
    # A tuned G13 flatbed scan (grammar seed 83): the title beside the name, a box's rule between them read "|".
    doc = read(ctx, "fattura", page((123, 35, "Carpenteria Metallica Pellegrini | FATTURA DIFFERITA"),
                                    (123, 50, "Società a responsabilità limitata"),
                                    (123, 62, "Via Po 3 - 10100 Torino"), (123, 74, "P.IVA 02104370016"),
                                    (330, 100, "Spett.le"), (330, 112, "Bianchi S.p.A."),
                                    (330, 124, "Via Verdi 2, Torino"), (330, 136, "P.IVA 01533030183"),
                                    (40, 180, "Documento n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == "Carpenteria Metallica Pellegrini Società a responsabilità limitata"


def test_a_partnership_whose_closing_period_a_scan_read_as_a_comma_goes_on_to_its_partners(ctx):
    # Tuned G4 lowres and fax scans (grammar seeds 200 and 600): "& C." read "& C,", no legal form closed the
    # line under the name, which lost its partners.
    doc = read(ctx, "fattura", page(*LETTERHEAD, (330, 100, "CLIENTE"), (330, 112, "FERRAMENTA NEGRI S.A.S."),
                                    (330, 124, "DI NEGRI ENRICO & C,"), (330, 136, "STRADA PROVINCIALE 11, 180"),
                                    (330, 148, "60121 ANCONA (AN)"), (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("customer_name") == "FERRAMENTA NEGRI S.A.S. DI NEGRI ENRICO & C."


@pytest.mark.parametrize("caption", ["Timbro del fornitore", "Timbro det fomitore", "Teo apt nde"])
def test_the_caption_of_the_issuers_stamp_over_its_name_is_no_part_of_it(ctx, caption):
    # A pre-printed form (tuned G16 lowres, grammar seed 401): the issuer stamps its name under the caption, which a
    # scan read "Timbro det fomitore" (a fax "Teo apt nde", seed 407), as tall as the name; the caption was read as
    # the name's first line.
    doc = read(ctx, "fattura", page((40, 30, caption), (40, 42, "Guerra Caseificio Srl."), (40, 54, "Via Po 3 - 10100 Torino"),
                                    (40, 66, "P.IVA 02104370016"), *CUSTOMER_RIGHT, (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == "Guerra Caseificio Srl."
