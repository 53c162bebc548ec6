"""Layouts that our own generator never makes (issue 11): header grids whose
values sit off their captions' columns, the type word and the number in one
cell or sentence, letterheads against customer blocks, names over two lines,
the courtesy copy of a FatturaPA, OCR confusions in identifiers, stamps'
dates, invoices from other countries and shop receipts.

Every page here is made for its test, word by word (see `page`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from demat.kernel.document import Word
from test_fields_layout import COURTESY_VALUES, CUSTOMER_RIGHT, HEIGHT, LETTERHEAD, page, read


def test_values_below_captions_of_a_header_grid_even_off_their_columns(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "FATTURA"),
                                    (330, 180, "N."), (420, 180, "DATA"), (500, 180, "PAGINA"),
                                    (350, 192, "460/FE"), (435, 192, "26/03/2025"), (520, 192, "1"),
                                    (40, 400, "Totale documento 10,00")))
    assert doc.field_value("number") == "460/FE"
    assert doc.field_value("date") == dt.date(2025, 3, 26)


def test_the_type_words_and_the_number_in_one_cell_under_its_caption(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT,
                                    (40, 180, "Tipo documento"), (170, 180, "N. documento"),
                                    (330, 180, "Data documento"), (440, 180, "Codice cliente"),
                                    (40, 192, "TD01"), (170, 192, "FATTURA IMMEDIATA 2025-1616"),
                                    (345, 192, "12.03.2025"), (450, 192, "C0042")))
    assert doc.field_value("number") == "2025-1616"
    assert doc.field_value("date") == dt.date(2025, 3, 12)


def test_the_number_and_date_in_a_sentence(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT,
                                    (40, 180, "Fattura differita n. V25-1384 del 26.03.2025 relativa ai DDT n. 112"),
                                    (40, 400, "Totale documento 10,00")))
    assert doc.field_value("number") == "V25-1384"
    assert doc.field_value("date") == dt.date(2025, 3, 26)


@pytest.mark.parametrize("caption, gap", [("Intestato a:", 18), ("DESTINATARIO", 28)])
def test_a_letterhead_on_the_right_and_the_customer_under_a_caption_set_apart(ctx, caption, gap):
    # The issuer prints its P.IVA only in the footer; the customer's comes first on the
    # page, under a caption printed as a box's title, further above than a line.
    y = 110 + gap
    doc = read(ctx, "fattura", page((330, 30, "FMT"), (370, 30, "Fontana Meccanica Torino S.r.l."),
                                    (370, 42, "Corso Francia 10 - 10138 Torino"),
                                    (40, 110, caption),
                                    (40, y, "Bianchi S.p.A."), (40, y + 12, "Via Verdi 2, 10121 Torino"),
                                    (40, y + 24, "C.F./P.I. 01533030183"),
                                    (40, 220, "Fattura n. 31 del 02/04/2025"), (40, 400, "Totale documento 10,00"),
                                    (40, 800, "Capitale sociale 10.000 i.v. - C.F./P.I. 02104370016")))
    assert doc.field_value("supplier_vat") == "02104370016"
    assert doc.field_value("supplier_name") == "Fontana Meccanica Torino S.r.l."
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("customer_name") == "Bianchi S.p.A."


def test_a_legal_name_over_two_lines(ctx):
    doc = read(ctx, "fattura", page((40, 40, "Officine Meccaniche Fontana S.a.s."), (40, 52, "di Fontana Silvia & C."),
                                    (40, 64, "Via Po 3 - 10100 Torino"), (40, 76, "P.IVA 02104370016"),
                                    *CUSTOMER_RIGHT, (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == "Officine Meccaniche Fontana S.a.s. di Fontana Silvia & C."


def test_a_letterheads_name_over_two_lines_whose_legal_form_the_scan_misread(ctx):
    # Only the second line's "& C." reads as a legal form: it is no name of its own.
    doc = read(ctx, "ddt", page((40, 36, "Serramenti Fabbri $.a.s."), (40, 52, "di Fabbri Enrico & C."),
                                (40, 72, "Via Garibaldi, 134"), (40, 84, "33100 Udine (UD)"), (40, 96, "P.IVA 02104370016"),
                                *CUSTOMER_RIGHT, (40, 180, "DDT n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == "Serramenti Fabbri S.a.s. di Fabbri Enrico & C."


@pytest.mark.parametrize("first, second, name", [
    ("FERRAMENTA FERRI S.A.S,", "DI FERRI ILARIA & C.", "FERRAMENTA FERRI S.A.S. DI FERRI ILARIA & C."),  # a comma
    ("FERRAMENTA FERRI S.A,S.", "DI FERRI ILARIA & C.", "FERRAMENTA FERRI S.A.S. DI FERRI ILARIA & C."),  # inside
    ("CARPENTERIA METALLICA BELLINI S.A.S.", "DI. BELLINI ENRICO & C.",  # a speck after the connector
     "CARPENTERIA METALLICA BELLINI S.A.S. DI BELLINI ENRICO & C.")])
def test_a_customers_legal_name_over_two_lines_that_ocr_misread_a_little(ctx, first, second, name):
    doc = read(ctx, "fattura", page(*LETTERHEAD, (330, 100, "CLIENTE"), (330, 112, first), (330, 124, second),
                                    (330, 136, "PIAZZA DELLA REPUBBLICA, 184"), (330, 148, "25121 BRESCIA (BS)"),
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("customer_name") == name


def test_a_name_in_capitals_whose_legal_form_opens_the_second_line(ctx):
    doc = read(ctx, "fattura", page((250, 30, "OFFICINE MECCANICHE FONTANA"), (262, 42, "S.A.S. DI FONTANA SILVIA & C."),
                                    (230, 54, "Via Po 3 - 10100 Torino - P.IVA 02104370016"), *CUSTOMER_RIGHT,
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == "OFFICINE MECCANICHE FONTANA S.A.S. DI FONTANA SILVIA & C."
    assert doc.field_value("supplier_vat") == "02104370016"


def test_a_name_printed_large_goes_on_to_its_widely_spaced_second_line(ctx):
    # The title sits between the name's two lines in reading order; the second line stands apart from the first.
    doc = read(ctx, "preventivo", page((40, 30, "VIVAI FARINA S.A.S."), (340, 36, "PREVENTIVO"),
                                       (40, 55, "DI FARINA ENRICO & C."), (40, 72, "VIA MARCONI, 55"),
                                       (40, 84, "43121 PARMA (PR)"), (40, 96, "P.IVA IT02104370016"),
                                       *CUSTOMER_RIGHT))
    assert doc.field_value("supplier_name") == "VIVAI FARINA S.A.S. DI FARINA ENRICO & C."


def test_a_legal_form_alone_on_the_line_below_the_name(ctx):
    doc = read(ctx, "fattura", page((40, 40, "ROSSI FORNITURE"), (40, 52, "S.P.A."), (40, 64, "Via Roma 1, 20100 Milano"),
                                    (40, 76, "P.IVA 00743110157"), *CUSTOMER_RIGHT,
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == "ROSSI FORNITURE S.P.A."


COURTESY = [(40, 100, "Cedente/prestatore (fornitore)"), (320, 100, "Cessionario/committente (cliente)"),
            (40, 114, "Identificativo fiscale ai fini IVA: IT02104370016"),
            (320, 114, "Identificativo fiscale ai fini IVA: IT01533030183"),
            (40, 126, "Codice fiscale: 02104370016"), (320, 126, "Codice fiscale: 01533030183"),
            (40, 138, "Denominazione: Fontana Meccanica S.r.l."), (320, 138, "Denominazione: Bianchi S.p.A."),
            (40, 150, "Regime fiscale: RF01 (ordinario)"), (320, 150, "Indirizzo: Via Verdi 2"),
            (40, 162, "Indirizzo: Corso Francia 10"), (320, 162, "Comune: Torino Provincia: TO")]


def test_the_courtesy_copy_of_a_fatturapa_names_its_parties_after_denominazione(ctx):
    doc = read(ctx, "fattura", page(*COURTESY,
                                    (40, 200, "Tipologia documento"), (150, 200, "Art. 73"),
                                    (220, 200, "Numero documento"), (330, 200, "Data documento"),
                                    (440, 200, "Codice destinatario"),
                                    (40, 212, "TD01 fattura"), (225, 212, "123/A"), (335, 212, "2025-03-14"),
                                    (445, 212, "ABC1234"),
                                    (40, 400, "Importo totale documento 122,00")))
    assert {name: doc.field_value(name) for name in COURTESY_VALUES} == COURTESY_VALUES


def test_the_total_is_chosen_by_arithmetic_not_by_first_match(ctx):
    # A "Totale" column in the items and a withholding tax: the document total is
    # the amount that imponibile + IVA make, not the first nor the last one.
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Fattura n. 12 del 01/02/2025"),
                                    (40, 250, "Descrizione"), (300, 250, "Q.tà"), (460, 250, "Totale"),
                                    (40, 262, "Consulenza"), (300, 262, "1"), (460, 262, "2.036,16"),
                                    (300, 400, "Importo"), (480, 400, "2.036,16"),
                                    (300, 412, "IVA 22%"), (480, 412, "447,95"),
                                    (300, 424, "Ritenuta d'acconto 20%"), (480, 424, "407,23"),
                                    (300, 436, "Totale"), (470, 436, "EUR 2.484,11"),
                                    (300, 448, "Netto da pagare"), (470, 448, "EUR 2.076,88")))
    assert doc.field_value("total") == Decimal("2484.11")
    assert doc.field_value("taxable_amount") == Decimal("2036.16")


@pytest.mark.parametrize("printed, vat", [("P.IVA 0210437O016", "02104370016"), ("P.IVA O2IO437OO16", "02104370016"),
                                          ("P.IVA IT O21O437OO16", "02104370016")])
def test_ocr_confusions_in_a_partita_iva_are_repaired_when_the_check_digit_proves_it(ctx, printed, vat):
    doc = read(ctx, "fattura", page((40, 40, "Fontana Meccanica S.r.l."), (40, 52, printed), *CUSTOMER_RIGHT,
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_vat") == vat
    assert all(c.passed for c in doc.fields["supplier_vat"].checks)


@pytest.mark.parametrize("supplier, customer", [("C.F/P 402104370016", "C.F/P 4201533030183"),
                                                 ("P.IVA [102104370016", "P.IVA 1T01533030183")])
def test_the_end_of_a_p_iva_caption_that_ocr_glued_to_the_number(ctx, supplier, customer):
    # "C.F./P.I." and "IT" read as one or two characters stuck to the eleven digits.
    doc = read(ctx, "fattura", page((40, 40, "Fontana Meccanica S.r.l."), (40, 52, supplier), (330, 100, "Spett.le"),
                                    (330, 112, "Bianchi S.p.A."), (330, 124, "Via Verdi 2, Torino"), (330, 136, customer),
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_vat") == "02104370016"
    assert doc.field_value("customer_vat") == "01533030183"


def test_a_confusion_that_the_check_digit_does_not_prove_is_not_repaired():
    from demat.extractors.fields.identifiers import find_vats
    assert find_vats("P.IVA 0210437O017") == []  # no letter-for-digit reading passes the check
    assert [f.value for f in find_vats("Ordine ORDO01374")] == []
    assert find_vats("C.F/P 402104370017") == []  # a glued caption: only where the check digit proves the number
    assert find_vats("Cod. art. 402104370016") == []  # and only after a P.IVA caption


def test_an_iban_and_a_codice_fiscale_read_with_letters_for_digits(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Fattura n. 5 del 01/02/2025"),
                                    (40, 500, "IBAN: IT60 X054 2811 1O1O 0000 0123 456")))
    assert doc.field_value("iban") == "IT60X0542811101000000123456"
    from demat.extractors.fields.identifiers import find_tax_codes
    assert [f.value for f in find_tax_codes("C.F. RSSMRA85T1OA562S") if f.valid] == ["RSSMRA85T10A562S"]


def test_a_received_stamp_and_an_items_date_are_not_the_documents_date(ctx):
    doc = read(ctx, "fattura", page((430, 20, "RICEVUTO IL 02/04/2025"), *LETTERHEAD, *CUSTOMER_RIGHT,
                                    (40, 180, "FATTURA N. 77"), (40, 192, "Milano, 14/03/2025"),
                                    (40, 260, "Intervento tecnico del 10/03/2025"), (460, 260, "100,00"),
                                    (40, 400, "Totale documento 122,00")))
    assert doc.field_value("date") == dt.date(2025, 3, 14)


def test_a_german_invoice(ctx):
    doc = read(ctx, "fattura", page((40, 40, "Müller Maschinenbau GmbH"), (40, 52, "Hauptstraße 5, 80331 München"),
                                    (40, 64, "USt-IdNr.: DE232446240"),
                                    (330, 100, "Rechnungsempfänger"), (330, 112, "Bianchi S.p.A."),
                                    (330, 124, "Via Verdi 2, 10121 Torino"), (330, 136, "P.IVA IT01533030183"),
                                    (40, 180, "Rechnungsnummer: RE-2025-0042"), (300, 180, "Rechnungsdatum: 14.03.2025"),
                                    (300, 400, "Nettobetrag"), (450, 400, "1.000,00 EUR"),
                                    (300, 412, "USt. 19%"), (450, 412, "190,00 EUR"),
                                    (300, 424, "Gesamtbetrag"), (450, 424, "1.190,00 EUR")))
    assert doc.field_value("number") == "RE-2025-0042"
    assert doc.field_value("date") == dt.date(2025, 3, 14)
    assert doc.field_value("supplier_vat") == "DE232446240"
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("supplier_name") == "Müller Maschinenbau GmbH"
    assert doc.field_value("total") == Decimal("1190.00")
    assert all(c.passed for c in doc.fields["supplier_vat"].checks)
    assert doc.field_value("supplier_tax_code") is None  # a German VAT number is no codice fiscale
    assert doc.field_value("vat_lines") == [{"rate": Decimal("19.00"), "taxable_amount": Decimal("1000.00"),
                                             "vat_amount": Decimal("190.00"), "nature": None}]
    assert doc.review_reasons == []  # 19% is Germany's rate, not a wrong Italian one


def test_an_english_invoice_in_dollars(ctx):
    doc = read(ctx, "fattura", page((40, 40, "Acme Widgets Inc."), (40, 52, "100 Market Street, San Francisco"),
                                    (330, 100, "Bill to"), (330, 112, "Bianchi S.p.A."),
                                    (330, 124, "VAT IT01533030183"),
                                    (40, 180, "Invoice number: INV-00917"), (300, 180, "Invoice date: March 3, 2025"),
                                    (300, 400, "Subtotal"), (450, 400, "$1,250.00"),
                                    (300, 412, "Tax"), (450, 412, "$0.00"),
                                    (300, 424, "Amount due"), (450, 424, "USD 1,250.00")))
    assert doc.field_value("number") == "INV-00917"
    assert doc.field_value("date") == dt.date(2025, 3, 3)
    assert doc.field_value("total") == Decimal("1250.00")
    assert doc.field_value("currency") == "USD"
    assert doc.field_value("customer_vat") == "01533030183"


def test_a_dutch_invoice_and_a_french_one(ctx):
    dutch = read(ctx, "fattura", page((40, 40, "Van Dijk Logistiek B.V."), (40, 52, "BTW-nummer: NL810433941B01"),
                                      (330, 100, "Factuuradres"), (330, 112, "Bianchi S.p.A."),
                                      (40, 180, "Factuurnummer: 2025-77"), (300, 180, "Factuurdatum: 14-03-2025"),
                                      (300, 400, "Totaal excl. BTW"), (450, 400, "€ 1.000,00"),
                                      (300, 412, "BTW 21%"), (450, 412, "€ 210,00"),
                                      (300, 424, "Totaal"), (450, 424, "€ 1.210,00")))
    assert (dutch.field_value("number"), dutch.field_value("supplier_vat")) == ("2025-77", "NL810433941B01")
    assert dutch.field_value("total") == Decimal("1210.00")
    french = read(ctx, "fattura", page((40, 40, "Dupont Industrie S.A."), (40, 52, "N° TVA : FR40303265045"),
                                       (40, 180, "Facture n° F-2025-118"), (300, 180, "Date : 14/03/2025"),
                                       (300, 400, "Montant HT"), (450, 400, "1000,00 €"),
                                       (300, 412, "TVA 20%"), (450, 412, "200,00 €"),
                                       (300, 424, "Montant TTC"), (450, 424, "1200,00 €")))
    assert (french.field_value("number"), french.field_value("supplier_vat")) == ("F-2025-118", "FR40303265045")
    assert french.field_value("total") == Decimal("1200.00")


RECEIPT = [(60, 20, "SUPERMERCATO ROSSI S.R.L."), (60, 32, "Via Roma 1 - 20100 Milano"), (60, 44, "P.IVA 02104370016"),
           (60, 60, "DOCUMENTO COMMERCIALE"), (60, 72, "di vendita o prestazione"),
           (60, 90, "PANE"), (200, 90, "2,50"), (60, 102, "LATTE"), (200, 102, "1,20"),
           (60, 114, "SUBTOTALE"), (200, 114, "3,70"), (60, 126, "SCONTO"), (200, 126, "-0,20"),
           (60, 138, "TOTALE COMPLESSIVO"), (200, 138, "3,50"), (60, 150, "di cui IVA"), (200, 150, "0,32"),
           (60, 162, "PAGAMENTO CONTANTE"), (200, 162, "5,00"), (60, 174, "RESTO"), (200, 174, "1,50"),
           (60, 196, "14-03-2025 18:22"), (160, 196, "DOC.N. 0042-0017")]


def test_a_shop_receipt(ctx):
    doc = read(ctx, "ricevuta", page(*RECEIPT))
    assert doc.field_value("total") == Decimal("3.50")
    assert doc.field_value("date") == dt.date(2025, 3, 14)
    assert doc.field_value("supplier_name") == "SUPERMERCATO ROSSI S.R.L."
    assert doc.field_value("supplier_vat") == "02104370016"
    assert doc.field_value("currency") == "EUR"
    assert doc.field_value("payment_method") == "contanti"


def test_a_unit_that_spells_a_legal_form_in_a_receipts_item_is_no_company(ctx):
    # "KG" is a German legal form too; before a quantity it weighs the bread.
    doc = read(ctx, "ricevuta", page((60, 30, "RISTORANTE DA ALBERTO"), (60, 42, "VIA MAZZINI 78"), (60, 54, "LECCE"),
                                     (60, 66, "P.IVA 00743110157"), (60, 80, "DOCUMENTO COMMERCIALE"),
                                     (60, 92, "DESCRIZIONE IVA Prezzo(€)"), (60, 104, "PANE KG 0,5 22% 2,10"),
                                     (60, 116, "TOTALE 2,10")))
    assert doc.field_value("supplier_name") == "RISTORANTE DA ALBERTO"


def test_a_foreign_receipt_with_change_and_rounding(ctx):
    doc = read(ctx, "ricevuta", page((60, 20, "THE CORNER CAFE"), (60, 32, "12 High Street, Bath"),
                                     (60, 60, "Flat white"), (200, 60, "£3.20"), (60, 72, "Croissant"), (200, 72, "£2.45"),
                                     (60, 90, "SUBTOTAL"), (200, 90, "£5.65"), (60, 102, "ROUNDING"), (200, 102, "£0.05"),
                                     (60, 114, "TOTAL"), (200, 114, "£5.70"), (60, 126, "CASH"), (200, 126, "£10.00"),
                                     (60, 138, "CHANGE"), (200, 138, "£4.30"), (60, 160, "03/03/2025 09:14")))
    assert doc.field_value("total") == Decimal("5.70")
    assert doc.field_value("currency") == "GBP"
    assert doc.field_value("date") == dt.date(2025, 3, 3)
    assert doc.field_value("supplier_name") == "THE CORNER CAFE"


def test_the_suppliers_p_iva_is_the_one_in_its_letterhead_block(ctx):
    # An agent's P.IVA is printed higher on the page than the issuer's own.
    doc = read(ctx, "fattura", page((40, 30, "Agente di zona: Marco Neri - P.IVA 12884030011"),
                                    (330, 60, "Fontana Meccanica S.r.l."), (330, 72, "Corso Francia 10, Torino"),
                                    (330, 84, "P.IVA 02104370016"), (40, 120, "Spett.le"), (40, 132, "Bianchi S.p.A."),
                                    (40, 144, "P.IVA 01533030183"), (40, 220, "Fattura n. 31 del 02/04/2025")))
    assert doc.field_value("supplier_name") == "Fontana Meccanica S.r.l."
    assert doc.field_value("supplier_vat") == "02104370016"
    assert doc.field_value("customer_vat") == "01533030183"


def test_a_logos_tall_letters_beside_a_name_over_two_lines_are_not_part_of_it(ctx):
    # The logo's letters stand for words of both lines, and a scan read its frame as bars ("| EPP|").
    letterhead = page((40, 36, "| EPP| Elettromeccanica Pellegrini S.a.s."), (75, 53, "di Pellegrini Noemi & C."),
                      (75, 72, "Via Po 3 - 10100 Torino"), (75, 84, "P.IVA 02104370016"), *CUSTOMER_RIGHT,
                      (40, 180, "Fattura n. 5 del 01/02/2025"))
    logo = [replace(w, box=(w.box[0], 31, w.box[2], 64)) if "|" in w.text else w for w in letterhead.words]
    doc = read(ctx, "fattura", replace(letterhead, words=logo))
    assert doc.field_value("supplier_name") == "Elettromeccanica Pellegrini S.a.s. di Pellegrini Noemi & C."


@pytest.mark.parametrize("printed, name", [("Logistica Vitale S.r.I.", "Logistica Vitale S.r.l."),
                                           ("F.Ili Martini S.r.1.s.", "F.lli Martini S.r.l.s."),
                                           ("Pellegrini & Figli s.r.1.", "Pellegrini & Figli s.r.l."),
                                           ("Guerra & Figli s.r.i.", "Guerra & Figli s.r.l."),
                                           ("Pellegrini & Figli srt", "Pellegrini & Figli srl"),
                                           ("Sanna & Figli $.r.1. unipersonale", "Sanna & Figli S.r.l. unipersonale"),
                                           ("LOGISTICA VITALE SRI", "LOGISTICA VITALE SRL")])
def test_a_legal_form_misread_by_ocr_is_read_as_it_is_spelt(ctx, printed, name):
    doc = read(ctx, "fattura", page((40, 40, printed), (40, 52, "Via Po 3 - 10100 Torino"), (40, 64, "P.IVA 02104370016"),
                                    *CUSTOMER_RIGHT, (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == name
    assert doc.fields["supplier_name"].raw == printed


@pytest.mark.parametrize("printed, name", [("Logistica Vitale S.rl.", "Logistica Vitale S.r.l."),
                                           ("LOGISTICA VITALE S.RI.", "LOGISTICA VITALE S.R.L."),
                                           ("Caseificio Fabbri S.a,s.", "Caseificio Fabbri S.a.s."),
                                           ("FERRI IMPIANTI S.N,C.", "FERRI IMPIANTI S.N.C."),
                                           ("Caseificio Fabbri $.a.s.", "Caseificio Fabbri S.a.s."),
                                           ("Ferri Impianti S.P.S.", "Ferri Impianti S.P.S.")])  # S.P.A. or S.A.S.?
def test_a_dotted_legal_form_that_ocr_read_with_a_period_lost_or_a_comma_is_the_one_form_it_is_near(
        ctx, printed, name):
    doc = read(ctx, "fattura", page((40, 40, printed), (40, 52, "Via Po 3 - 10100 Torino"), (40, 64, "P.IVA 02104370016"),
                                    *CUSTOMER_RIGHT, (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == name
    assert doc.fields["supplier_name"].raw == printed


@pytest.mark.parametrize("printed", ["14. März 2025", "14-Mar-2025", "March 14, 2025", "14 mars 2025", "03/14/2025"])
def test_dates_as_other_countries_print_them(printed):
    from demat.extractors.fields.dates import find_dates
    assert [value for value, _, _ in find_dates(f"Date: {printed}")] == [dt.date(2025, 3, 14)]


def test_a_logos_initials_beside_the_name_are_not_part_of_it(ctx):
    doc = read(ctx, "fattura", page((40, 40, "FMT Fontana Meccanica Torino S.r.l."), (40, 52, "Via Po 3 - 10100 Torino"),
                                    (40, 64, "P.IVA 02104370016"), *CUSTOMER_RIGHT,
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == "Fontana Meccanica Torino S.r.l."


def test_a_bare_number_top_right_under_the_title(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, (420, 40, "FATTURA"), (420, 54, "n. 460/FE"), (420, 66, "26/03/2025"),
                                    *CUSTOMER_RIGHT, (40, 400, "Totale documento 10,00")))
    assert doc.field_value("number") == "460/FE"
    assert doc.field_value("date") == dt.date(2025, 3, 26)


def test_a_receipt_whose_sign_is_one_word(ctx):
    doc = read(ctx, "ricevuta", page((80, 20, "CONAD"), (60, 32, "Via Emilia 12 - Modena"), (60, 60, "ACQUA"), (200, 60, "0,50"),
                                     (60, 80, "TOTALE EURO"), (200, 80, "0,50"), (60, 92, "PAGAMENTO ELETTRONICO"),
                                     (200, 92, "0,50"), (60, 110, "02/01/25 10:01")))
    assert doc.field_value("supplier_name") == "CONAD"
    assert doc.field_value("total") == Decimal("0.50")
    assert doc.field_value("payment_method") == "carta"
    assert doc.field_value("date") == dt.date(2025, 1, 2)


def test_a_receipts_total_is_the_cash_handed_over_less_the_change(ctx):
    doc = read(ctx, "ricevuta", page((60, 20, "BAR CENTRALE"), (60, 32, "P.IVA 02104370016"),
                                     (60, 60, "CAFFE'"), (200, 60, "1,20"), (60, 72, "BRIOCHE"), (200, 72, "1,40"),
                                     (60, 84, "SERVIZIO"), (200, 84, "9,80"),
                                     (60, 100, "TOTALE EURO"), (200, 100, "12,40"), (60, 112, "TOTALE CONTANTI"),
                                     (200, 112, "20,00"), (60, 124, "RESTO"), (200, 124, "7,60"),
                                     (60, 140, "05/05/2025 08:10")))
    assert doc.field_value("total") == Decimal("12.40")
    assert doc.field_value("payment_method") == "contanti"


def test_values_shifted_right_of_their_captions_are_matched_by_their_order(ctx):
    # Each value starts past the middle between its caption and the next one; an address shares the captions' line.
    doc = read(ctx, "ddt", page((40, 40, "CASEIFICIO PALUMBO S.A.S."), (40, 52, "DI PALUMBO GIORGIO & C."),
                                (40, 64, "VIA DEI MILLE, 171"), (340, 64, "N."), (420, 64, "DATA"), (500, 64, "PAGINA"),
                                (40, 76, "10121 TORINO (TO)"), (388, 76, "25/6845"), (468, 76, "19-02-2025"),
                                (540, 76, "1/1"), (40, 88, "P.IVA IT13872960623"),
                                (340, 120, "CLIENTE"), (340, 132, "CASEIFICIO ZANETTI-VILLA S.R.L. UNIPERSONALE")))
    assert doc.field_value("number") == "25/6845"
    assert doc.field_value("date") == dt.date(2025, 2, 19)
    assert doc.field_value("supplier_name") == "CASEIFICIO PALUMBO S.A.S. DI PALUMBO GIORGIO & C."
    assert doc.field_value("customer_name") == "CASEIFICIO ZANETTI-VILLA S.R.L. UNIPERSONALE"


@pytest.mark.parametrize("cell, number", [("NOTA CREDITO 2025-5849", "2025-5849"),
                                          ("DOC. DI TRASPORTO V25-5551", "V25-5551"),
                                          ("D.d.T. 5314", "5314"), ("CONFERMA D'ORDINE V25-934", "V25-934"),
                                          ("FATTURA PRO FORMA 4598/2025", "4598/2025")])
def test_the_words_naming_the_document_before_its_number(ctx, cell, number):
    doc = read(ctx, "nota_credito", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "N. documento"),
                                         (220, 180, "Data documento"), (340, 180, "Codice cliente"),
                                         (40, 192, cell), (220, 192, "14/02/2025"), (340, 192, "C31774")))
    assert doc.field_value("number") == number


def test_a_foreign_tax_rate_proven_by_the_arithmetic(ctx):
    doc = read(ctx, "fattura", page((40, 40, "Kestrel Industries LLC"), (40, 52, "Austin, TX 78701"),
                                    (40, 180, "Invoice number INV-00883"),
                                    (300, 400, "Subtotal"), (450, 400, "$9,317.54"),
                                    (300, 412, "Sales tax (8.25%)"), (450, 412, "$768.70"),
                                    (300, 424, "Total"), (450, 424, "$10,086.24")))
    assert doc.field_value("vat_lines") == [{"rate": Decimal("8.25"), "taxable_amount": Decimal("9317.54"),
                                             "vat_amount": Decimal("768.70"), "nature": None}]
    assert doc.field_value("supplier_name") == "Kestrel Industries LLC"


def test_a_faxed_page_read_with_ocr_slips_in_amounts_dates_and_the_it_prefix(ctx):
    doc = read(ctx, "nota_credito", page((40, 40, "VALENTINI CARTOTECNICA S.R.L."), (40, 52, "65121 PESCARA (PE)"),
                                         (40, 64, "B.IvA ÎT70314030399"), (340, 80, "DATA"),
                                         (340, 92, "04,11.2025"), (40, 400, "TOTALE NOTA CREDITO EUR 4,059,60-")))
    assert doc.field_value("supplier_vat") == "70314030399"
    assert doc.field_value("date") == dt.date(2025, 11, 4)
    assert doc.field_value("total") == Decimal("-4059.60")


def test_the_date_after_del_on_the_line_below_the_number_in_a_larger_type(ctx):
    # "FATTURA N. 2025/12" in a title's type (twice as tall and wide), "del 26/03/2025"
    # opening the next line in body type; an order's date further down is not the document's.
    body = page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 193, "del 26/03/2025"), (40, 300, "Data ordine 01/03/2025"),
                (40, 400, "Totale documento 10,00"))
    title = page((20, 170, "FATTURA N. 2025/12")).words
    body.words += [Word(w.text, (2 * w.box[0], w.box[1], 2 * w.box[2], w.box[1] + 2 * HEIGHT), 0.9) for w in title]
    doc = read(ctx, "fattura", body)
    assert doc.field_value("number") == "2025/12"
    assert doc.field_value("date") == dt.date(2025, 3, 26)


def test_the_document_total_of_a_courtesy_copy_beats_a_rates_total_that_adds_up(ctx):
    # A rate's imponibile under a caption we do not know, its imposta and its "Totale"
    # add up; the document's total, with the stamp duty, is "Importo totale documento".
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Fattura n. 12 del 02/04/2025"),
                                    (300, 250, "Merce"), (400, 250, "100,00"),
                                    (300, 262, "Imposta"), (400, 262, "22,00"),
                                    (300, 274, "Totale"), (400, 274, "122,00"),
                                    (300, 300, "Importo bollo"), (400, 300, "2,00"),
                                    (300, 320, "Importo totale documento"), (440, 320, "124,00")))
    assert doc.field_value("total") == Decimal("124.00")


HEADER = [*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Fattura n. 12 del 01/02/2025")]


def test_a_total_more_than_two_cells_right_of_its_label(ctx):
    doc = read(ctx, "fattura", page(*HEADER, (40, 400, "Totale documento"), (200, 400, "colli 2"),
                                    (300, 400, "peso 14 kg"), (470, 400, "1.220,00")))
    assert doc.field_value("total") == Decimal("1220.00")


def test_a_total_printed_larger_a_little_below_and_right_of_its_label(ctx):
    doc = read(ctx, "fattura", page(*HEADER, (40, 400, "Totale documento"), (470, 412, "€ 1.220,00")))
    assert doc.field_value("total") == Decimal("1220.00")


def test_a_caption_naming_its_currency_still_heads_the_value_below(ctx):
    doc = read(ctx, "fattura", page(*HEADER, (300, 380, "Imponibile"), (450, 380, "1.000,00"),
                                    (300, 392, "IVA 22%"), (450, 392, "220,00"),
                                    (300, 404, "Totale documento (EUR)"), (450, 416, "1.220,00")))
    assert doc.field_value("total") == Decimal("1220.00")


def test_a_french_total_grouped_by_spaces(ctx):
    doc = read(ctx, "fattura", page((40, 40, "Dupont Industrie S.A."), (40, 52, "N° TVA : FR40303265045"),
                                    (40, 180, "Facture n° F-2025-118"), (300, 180, "Date : 14/03/2025"),
                                    (300, 400, "Total HT"), (450, 400, "12 000,00 €"),
                                    (300, 412, "TVA 20 %"), (450, 412, "2 400,00 €"),
                                    (300, 424, "Total TTC"), (450, 424, "14 400,00 €")))
    assert doc.field_value("total") == Decimal("14400.00")
    assert doc.field_value("taxable_amount") == Decimal("12000.00")
    assert doc.field_value("vat_amount") == Decimal("2400.00")


@pytest.mark.parametrize("cells, number, date", [
    ([(40, 180, "Facture numéro : F118"), (300, 180, "Date de facturation : 01/02/2025")], "F118", dt.date(2025, 2, 1)),
    ([(40, 180, "Invoice: INV-2025-7"), (300, 180, "Dated: 1 February 2025")], "INV-2025-7", dt.date(2025, 2, 1)),
    ([(40, 180, "Belegnummer 4711"), (300, 168, "Leistungsdatum: 28.01.2025"), (300, 180, "Belegdatum: 01.02.2025")],
     "4711", dt.date(2025, 2, 1)),
])
def test_number_and_date_captions_of_other_countries(ctx, cells, number, date):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, *cells))
    assert doc.field_value("number") == number
    assert doc.field_value("date") == date


def test_a_german_delivery_date_above_the_invoice_date_is_not_the_documents_date(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (300, 168, "Lieferdatum: 28.01.2025"),
                                    (40, 180, "Rechnung Nr. 4711 vom 01.02.2025")))
    assert doc.field_value("date") == dt.date(2025, 2, 1)


@pytest.mark.parametrize("caption", ["Zahlbetrag", "Amount payable", "Endsumme", "Bruttobetrag"])
def test_totals_captioned_in_other_languages(ctx, caption):
    doc = read(ctx, "fattura", page(*HEADER, (300, 400, caption), (450, 400, "1.220,00")))
    assert doc.field_value("total") == Decimal("1220.00")


SUPPLIER_TOP = [(40, 40, "Rossi Forniture S.r.l."), (40, 52, "Via Roma 1, 20100 Milano")]


def test_an_unmarked_addressee_block_does_not_lend_its_p_iva_to_the_issuer(ctx):
    # No "Spett.le": the addressee's block is known only as another company's; the
    # issuer's P.IVA is in the footer that names it.
    doc = read(ctx, "fattura", page(*SUPPLIER_TOP, (330, 100, "Bianchi S.p.A."),
                                    (330, 112, "Via Verdi 2, 10121 Torino"), (330, 124, "P.IVA 01533030183"),
                                    (40, 220, "Fattura n. 31 del 02/04/2025"),
                                    (40, 800, "Rossi Forniture S.r.l. - P.IVA 00743110157 - Cap. soc. 10.000 i.v.")))
    assert doc.field_value("supplier_vat") == "00743110157"


def test_a_p_iva_set_a_little_apart_under_the_customers_block_is_the_customers(ctx):
    doc = read(ctx, "fattura", page(*SUPPLIER_TOP, (330, 100, "Spett.le"), (330, 112, "Bianchi S.p.A."),
                                    (330, 124, "Via Verdi 2, 10121 Torino"), (330, 148, "P.IVA 01533030183"),
                                    (40, 220, "Fattura n. 31 del 02/04/2025"),
                                    (40, 800, "Capitale sociale 10.000 i.v. - P.IVA 00743110157")))
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("supplier_vat") == "00743110157"


@pytest.mark.parametrize("caption", ["Partita IVA e Codice Fiscale", "CF/PI", "C.F. e P.IVA", "Cod. Fisc. e P. IVA"])
def test_one_number_captioned_as_both_p_iva_and_codice_fiscale_is_the_p_iva(ctx, caption):
    # A letterhead on the right prints one number for both; the customer's block, left and lower, its own.
    doc = read(ctx, "fattura", page((340, 40, "Fontana Meccanica S.r.l."), (340, 52, "Corso Francia 10"),
                                    (340, 64, "10138 Torino"), (340, 76, f"{caption} 02104370016"),
                                    (40, 130, "Destinatario"), (40, 142, "Bianchi S.p.A."), (40, 154, "Via Verdi 2"),
                                    (40, 166, "20100 Milano"), (40, 178, "P.IVA 01533030183"),
                                    (40, 230, "Fattura n. 31 del 02/04/2025")))
    assert doc.field_value("supplier_vat") == "02104370016"
    assert doc.field_value("supplier_tax_code") == "02104370016"
    assert doc.field_value("customer_vat") == "01533030183"


TAXED = [(300, 400, "Imponibile"), (470, 400, "1.000,00"), (300, 412, "I.V.A. 22%"), (470, 412, "220,00")]


@pytest.mark.parametrize("caption, figure", [("Totale documento", "EUR 1.22O,00"), ("Totale documento", "1.220, 00"),
                                             ("Netto a pagare", "l.220,00"), ("Tota1e docurnento", "1.220,00")])
def test_a_total_misread_by_ocr_is_read_where_it_makes_imponibile_plus_iva(ctx, caption, figure):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Fattura n. 31 del 02/04/2025"),
                                    *TAXED, (300, 424, caption), (460, 424, figure)))
    assert doc.field_value("vat_amount") == Decimal("220.00")
    assert doc.field_value("total") == Decimal("1220.00")


def test_a_misread_total_that_does_not_make_the_sum_is_not_repaired(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Fattura n. 31 del 02/04/2025"),
                                    *TAXED, (300, 424, "Totale documento"), (460, 424, "1.23O,00")))
    assert doc.field_value("total") is None


@pytest.mark.parametrize("printed", ["P.IVA 1702104370016", "VAT ID I702104370016", "C.F/P.I l702104370016",
                                     "P.IVA £T02104370016"])
def test_the_t_of_the_it_prefix_read_as_a_seven_when_the_check_digit_proves_it(ctx, printed):
    # A fax or a small scan reads "IT02104370016" as one run of 13 digits.
    doc = read(ctx, "fattura", page((40, 40, "Fontana Meccanica S.r.l."), (40, 52, printed), *CUSTOMER_RIGHT,
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_vat") == "02104370016"
    from demat.extractors.fields.identifiers import find_vats
    assert find_vats("Tel. 1702104370017") == []  # the eleven digits after "17" fail the check: no P.IVA


@pytest.mark.parametrize("printed", ["VAT ID1T02104370016", "Partita IVAIT02104370016"])
def test_the_it_prefix_glued_to_its_caption_when_the_check_digit_proves_it(ctx, printed):
    # A fax reads "VAT ID IT02104370016" without the space before the IT.
    doc = read(ctx, "fattura", page((40, 40, "Fontana Meccanica S.r.l."), (40, 52, printed), *CUSTOMER_RIGHT,
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_vat") == "02104370016"
    from demat.extractors.fields.identifiers import find_vats
    assert find_vats("VAT ID1T02104370017") == []  # the eleven digits fail the check: no P.IVA
    assert find_vats("CREDIT02104370017") == []


@pytest.mark.parametrize("printed", ["P.IVA 1741142746392", "VAT ID IT41142746392", "P.IVA 41142746392"])
def test_a_p_iva_with_one_digit_misread_after_its_caption_where_one_digit_alone_mends_it(ctx, printed):
    # "IT41142740392" on a fax: its 0 read as 6 (and its T as 7). Only the digit read changed makes a P.IVA whose
    # office code (its 8th to 10th digits) exists, so the check digit proves the mend.
    doc = read(ctx, "fattura", page((40, 40, "Fontana Meccanica S.r.l."), (40, 52, printed), *CUSTOMER_RIGHT,
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_vat") == "41142740392"
    assert not doc.fields["supplier_vat"].failed_checks
    from demat.extractors.fields.identifiers import find_vats
    assert find_vats("Tel. 1741142746392") == []  # no P.IVA caption: a phone number is not mended
    # Two digits misread ("01503140160" read "01593140166"): ten readings pass, none is proven; kept as read.
    assert [(f.value, f.valid) for f in find_vats("P.IVA 01593140166")] == [("01593140166", False)]


@pytest.mark.parametrize("printed", ["VAT ID [T02104370016", "VAT ID JT02104370016"])
def test_the_i_of_the_it_prefix_read_as_a_bracket_or_a_j(ctx, printed):
    doc = read(ctx, "fattura", page((40, 40, "Fontana Meccanica S.r.l."), (40, 52, printed), *CUSTOMER_RIGHT,
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_vat") == "02104370016"


@pytest.mark.parametrize("printed, name", [("Orlando & Figli s.r.1,", "Orlando & Figli s.r.l."),
                                           ("Bianchi S.P.A,", "Bianchi S.P.A."), ("BIANCHI S.P.A;", "BIANCHI S.P.A."),
                                           ("Redwood Trading Pvt. Ltd...", "Redwood Trading Pvt. Ltd.")])
def test_the_final_period_of_a_legal_form_read_as_a_comma_or_as_specks(ctx, printed, name):
    doc = read(ctx, "fattura", page(*LETTERHEAD, (330, 100, "Spett.le"), (330, 112, printed),
                                    (330, 124, "Via Verdi 2, 10121 Torino"), (330, 136, "P.IVA 01533030183"),
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("customer_name") == name


SUPPLIER_BESIDE_LOGO = [(40, 30, "VT"), (110, 40, "Verdi Trasporti S.r.l."), (110, 52, "Via Roma 1, 20100 Milano"),
                        (110, 64, "C.F./P.I. 00743110157")]


def test_the_customer_is_whom_the_document_is_made_out_to_not_where_the_goods_go(ctx):
    # The delivery box comes first on the line; both are customer markers, only one names the customer.
    doc = read(ctx, "fattura", page(*SUPPLIER_BESIDE_LOGO, (40, 120, "Luogo di destinazione"),
                                    (330, 120, "Cessionario/Committente"), (40, 134, "Magazzino Bianchi"),
                                    (330, 134, "Bianchi S.p.A."), (40, 146, "Via Po 9, 10100 Torino"),
                                    (330, 146, "Via Verdi 2, 10121 Torino"), (330, 158, "C.F./P.I. 01533030183"),
                                    (40, 200, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("customer_name") == "Bianchi S.p.A."
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("supplier_vat") == "00743110157"


@pytest.mark.parametrize("cells", [[(330, 100, "Acquirente"), (330, 112, "Bianchi S.p.A.")],
                                   [(330, 100, "Indirizzo di fatturazione"), (330, 112, "Bianchi S.p.A.")],
                                   [(330, 112, "Cliente / Customer: Bianchi S.p.A.")],
                                   [(330, 112, "Spett.le / Messrs. Bianchi S.p.A.")],
                                   [(330, 100, "Ricevente"), (330, 112, "Bianchi S.p.A.")]])
def test_the_customers_block_under_other_captions_and_a_bilingual_one(ctx, cells):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *cells, (330, 124, "Via Verdi 2"), (330, 136, "10121 Torino (TO)"),
                                    (330, 148, "P.IVA 01533030183"), (40, 250, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("customer_name") == "Bianchi S.p.A."
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("supplier_vat") == "00743110157"


def test_a_party_caption_left_of_its_block_heads_it(ctx):
    doc = read(ctx, "fattura", page(*SUPPLIER_BESIDE_LOGO, (250, 100, "Cessionario/Committente"),
                                    (400, 100, "Bianchi S.p.A."), (400, 112, "Via Verdi 2, 10121 Torino"),
                                    (400, 124, "C.F./P.I. 01533030183"), (40, 200, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("customer_name") == "Bianchi S.p.A."
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("supplier_vat") == "00743110157"


def test_a_company_whose_legal_form_ocr_misread_prints_its_codice_fiscale_as_its_p_iva(ctx):
    doc = read(ctx, "fattura", page((40, 40, "Laboratorio Analisi Rossi s.r.I."), (40, 52, "Via Po 3 - 10100 Torino"),
                                    (40, 64, "C.F./P.I. 02104370016"), *CUSTOMER_RIGHT,
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == "Laboratorio Analisi Rossi s.r.l."
    assert doc.field_value("supplier_tax_code") == "02104370016"


ISSUED = [*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Fattura n. 31 del 02/04/2025"),
          (40, 600, "Totale documento 1.220,00")]


@pytest.mark.parametrize("cells", [
    [(40, 400, "Scadenza"), (40, 414, "30/04/"), (40, 428, "2025")],  # split over two lines of its column
    [(40, 400, "Scadenza 30/04/"), (40, 414, "2025")],
    [(40, 400, "Pagamento"), (200, 400, "Scadenza"), (40, 414, "RiBa 30 gg"), (200, 414, "3004.2025")],  # "/" lost
    [(40, 400, "Scadenza:"), (120, 400, "30.04 2025")],  # a separator read as a space
    [(40, 400, "Scadcnza: 30/04/2025")],  # the label misread
    [(40, 400, "5cadenza"), (40, 414, "30/04/2025")],
    [(40, 400, "Pagamento"), (200, 400, "Scaderiza"), (40, 414, "Bonifico 30 gg d.f."), (200, 414, "30/04/2025")],  # n as ri
    [(40, 400, "Rata 1"), (120, 400, "30/04/2025"), (260, 400, "610,00")],  # a payment table's first instalment
])
def test_a_due_date_as_a_scan_prints_it(ctx, cells):
    doc = read(ctx, "fattura", page(*ISSUED, *cells))
    assert doc.field_value("due_date") == dt.date(2025, 4, 30)
    assert doc.field_value("date") == dt.date(2025, 4, 2)


@pytest.mark.parametrize("printed", ["3003.2025", "3004.2027"])
def test_a_misprinted_due_date_that_the_date_order_does_not_prove_is_not_taken(ctx, printed):
    # Before the document's date, or years after it: no reading of a due date.
    doc = read(ctx, "fattura", page(*ISSUED, (40, 400, "Scadenza"), (40, 414, printed)))
    assert doc.field_value("due_date") is None


def test_a_due_date_on_or_after_the_documents_date_beats_an_earlier_one(ctx):
    doc = read(ctx, "fattura", page(*ISSUED, (40, 400, "Scadenze"), (40, 414, "Rata"), (120, 414, "Data scadenza"),
                                    (40, 428, "1"), (120, 428, "31/03/2025 (pagata)"),
                                    (40, 442, "Scadenza residua 30/04/2025")))
    assert doc.field_value("due_date") == dt.date(2025, 4, 30)


@pytest.mark.parametrize("printed, due", [("02/05/2025", dt.date(2025, 5, 2)), ("02/03/2025", None)])
def test_a_due_date_under_its_one_word_caption_that_the_scan_blurred_when_the_date_order_proves_it(ctx, printed, due):
    doc = read(ctx, "fattura", page(*ISSUED, (40, 400, "Pagamento"), (200, 400, "Scadenra"), (300, 400, "IBAN"),
                                    (40, 412, "Bonifico 30 gg d.f."), (200, 412, printed),
                                    (300, 412, "IT60X0542811101000000123456")))
    assert doc.field_value("due_date") == due


@pytest.mark.parametrize("caption", ["N", "x.", "ua"])
def test_the_number_under_a_caption_that_the_scan_blurred_left_of_the_date(ctx, caption):
    # The letterhead's address shares the caption line; its P.IVA line sits between captions and values.
    doc = read(ctx, "fattura", page((40, 33, "ROSSI FORNITURE SRL"), (340, 38, "FATTURA"), (40, 50, "VIA PO 3"),
                                    (40, 60, "31100 TREVISO (TV)"), (340, 60, caption), (420, 60, "DATA"),
                                    (500, 60, "PAGINA"), (40, 71, "P.IVA IT00743110157"),
                                    (352, 76, "88779"), (431, 76, "02.10.2025"), (511, 76, "1/1"),
                                    *CUSTOMER_RIGHT, (40, 600, "Totale documento 1.220,00")))
    assert doc.field_value("number") == "88779"
    assert doc.field_value("date") == dt.date(2025, 10, 2)


def test_the_number_under_a_bare_caption_whose_neighbour_date_caption_the_scan_lost(ctx):
    # "N. | DATA | PAGINA" read as "N. | PAGINA": the row below, with its date, is still the header's.
    doc = read(ctx, "fattura", page((40, 33, "TRAFILERIA FARINA S.R.L."), (400, 33, "FATTURA"), (40, 50, "VIA ROMA 148"),
                                    (40, 60, "24121 BERGAMO (BG)"), (341, 64, "N."), (499, 63, "PAGINA"),
                                    (40, 71, "P.IVA IT00743110157"),
                                    (369, 76, "25/7476"), (449, 76, "07-11-2025"), (528, 76, "1/1"),
                                    *CUSTOMER_RIGHT, (40, 600, "Totale documento 1.220,00")))
    assert doc.field_value("number") == "25/7476"
    assert doc.field_value("date") == dt.date(2025, 11, 7)


@pytest.mark.parametrize("captions", [[(340, 60, "Si"), (420, 60, "ae"), (500, 60, "ST")],
                                      [(350, 56, "~ i"), (426, 50, "Rata"), (506, 56, "PAGTRA")]])
def test_the_number_opening_a_header_row_whose_captions_the_scan_left_unread(ctx, captions):
    # "N. | DATA | PAGINA" read as words of no caption: the code before the date in the row of values is the number.
    doc = read(ctx, "ddt", page((40, 33, "MORELLI & FIGLI SRL."), (340, 38, "D.D.T."), (40, 50, "VIA DEI MILLE, 182"),
                                (40, 60, "41121 MODENA (MO)"), *captions, (40, 71, "P.IVA"),
                                (352, 76, "25/2893"), (432, 76, "10/06/2025"), (511, 76, "1/1"),
                                *CUSTOMER_RIGHT, (40, 600, "CAUSALE: VENDITA ASPETTO: SCATOLE N. COLLI 11")))
    assert doc.field_value("number") == "25/2893"


def test_a_code_and_a_date_high_on_the_page_under_no_captions_name_no_number(ctx):
    doc = read(ctx, "ddt", page((40, 33, "MORELLI & FIGLI SRL."), (340, 38, "D.D.T."), (40, 50, "VIA DEI MILLE, 182"),
                                (40, 60, "41121 MODENA (MO)"), (352, 76, "25/2893"), (432, 76, "10/06/2025"),
                                *CUSTOMER_RIGHT))
    assert doc.field_value("number") is None


def test_a_bare_nr_caption_heading_a_column_of_quantities_names_no_number(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 150, "Fattura del 01/02/2025"),
                                    (40, 200, "Articolo"), (200, 200, "Nr."), (300, 200, "Prezzo"),
                                    (40, 212, "AB-12"), (200, 212, "12"), (300, 212, "1,00")))
    assert doc.field_value("number") is None


def test_a_customers_p_iva_that_ocr_split_in_two_after_its_caption(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, (330, 100, "Intestatario"), (330, 112, "Gentile Group S.p.A."),
                                    (330, 124, "40121 Bologna (BO)"),
                                    (330, 136, "Part. IVA: IT01533 030183 - Cod. fiscale: 01533 030183"),
                                    (40, 180, "Fattura n. 5 del 01/02/2025"), (40, 200, "Tel. 02 12345678")))
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("supplier_vat") == "00743110157"


def test_an_irish_vat_number_whose_i_ocr_read_as_a_one(ctx):
    doc = read(ctx, "fattura", page((430, 34, "Patel Partners DAC"), (490, 44, "263 Market Street"),
                                    (480, 62, "Dublin D02 X285"), (460, 74, "VAT No. 1E8121566W"),
                                    (43, 95, "Invoice number"), (156, 95, "3080"), (43, 108, "Invoice date"),
                                    (156, 108, "6 August 2025"), (43, 163, "BILL TO"), (43, 176, "Bianchi S.p.A."),
                                    (43, 189, "Via Verdi 2"), (43, 201, "10121 Torino, Italy"),
                                    (43, 213, "VAT ID IT01533030183"), (397, 372, "Total"), (479, 372, "1,220.00 EUR")))
    assert doc.field_value("supplier_vat") == "IE8121566W"
    assert doc.fields["supplier_vat"].raw == "1E8121566W"
    assert doc.field_value("supplier_name") == "Patel Partners DAC"
    assert doc.field_value("customer_vat") == "01533030183"


@pytest.mark.parametrize("banner", ["Fattura elettronica FPR12", "FATTURA ELETTRONICA FPA12"])
def test_the_format_a_courtesy_copy_names_in_its_banner_is_not_its_number(ctx, banner):
    doc = read(ctx, "fattura", page((40, 20, banner), *LETTERHEAD, *CUSTOMER_RIGHT,
                                    (40, 200, "Numero documento"), (200, 200, "Data documento"),
                                    (40, 212, "123/A"), (200, 212, "2025-03-14"), (40, 400, "Totale documento 122,00")))
    assert doc.field_value("number") == "123/A"
    assert doc.field_value("date") == dt.date(2025, 3, 14)


@pytest.mark.parametrize("cells", [
    [(40, 400, "Scadenze"), (40, 414, "Rata"), (120, 414, "Data scadenza"), (260, 414, "Importo"),
     (40, 428, "1"), (120, 428, "30/04/2025"), (260, 428, "610,00"),
     (40, 442, "2"), (120, 442, "31/05/2025"), (260, 442, "610,00")],
    [(40, 400, "Modalità di pagamento"), (200, 400, "Data scadenza"), (40, 414, "Bonifico bancario"),
     (210, 414, "30/04/2025")],
    [(40, 400, "Rata 1 scad. 30/04/2025 EUR 610,00"), (40, 414, "Rata 2 scad. 31/05/2025 EUR 610,00")],
])
def test_the_due_date_of_a_payment_table_is_its_first_instalments(ctx, cells):
    doc = read(ctx, "fattura", page(*ISSUED, *cells))
    assert doc.field_value("due_date") == dt.date(2025, 4, 30)


@pytest.mark.parametrize("cells", [
    [(40, 400, "Scadenza 30/04/"), (40, 414, "2025")],  # split over two lines
    [(40, 400, "Pagamento"), (200, 400, "Scadenza"), (40, 414, "RiBa 30 gg"), (200, 414, "3004.2025")],  # "/" lost
    [(40, 400, "Scadenze"), (40, 414, "Rata"), (120, 414, "Data scadenza"),
     (40, 428, "1"), (120, 428, "31/03/2025 (pagata)"), (40, 442, "Scadenza residua 30/04/2025")],
])
def test_a_bills_due_date_is_read_as_an_invoices(ctx, cells):
    # A bolletta's due date: on or after its date, pieced together from a scan's print as an invoice's is.
    doc = read(ctx, "bolletta", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Bolletta n. 31 del 02/04/2025"),
                                     (40, 200, "POD IT001E12345678"), (40, 600, "Totale bolletta 1.220,00"), *cells))
    assert doc.field_value("date") == dt.date(2025, 4, 2)
    assert doc.field_value("due_date") == dt.date(2025, 4, 30)


@pytest.mark.parametrize("reference", ["(if, fattura n. 221 del 21.10.2025)", "(rit. fattura n. 221 del 21.10.2025)",
                                       "Canone (rif. ft. n. 221 del 21.10.2025)"])
def test_an_invoice_a_credit_note_refers_to_in_parentheses_is_not_its_own(ctx, reference):
    # The credit note's own number under a caption the scan blurred; its items cite the invoice they correct.
    doc = read(ctx, "nota_credito", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "NOTA CREDITO"),
                                         (40, 194, "Data documento 18.11.2025"), (40, 260, "RB-9736"),
                                         (100, 260, reference), (420, 260, "-279,86"),
                                         (40, 400, "Totale documento EUR -279,86")))
    assert doc.field_value("number") is None
    assert doc.field_value("date") == dt.date(2025, 11, 18)


@pytest.mark.parametrize("captions", [("Pagamento", "Scadenza"), ("Consegna", "Data consegna")])
def test_a_date_under_another_fields_caption_is_not_the_documents_date(ctx, captions):
    # The document's own date misread beyond reading ("2344.2025" for 23.11.2025): none rather than another.
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "N. documento"), (200, 180, "Data documento"),
                                    (40, 192, "FATTURA IMMEDIATA 6253"), (200, 192, "2344.2025"),
                                    (40, 220, captions[0]), (200, 220, captions[1]),
                                    (40, 232, "Bonifico 30 gg d.f."), (200, 232, "22.01.2026"),
                                    (40, 400, "Totale documento 1.220,00")))
    assert doc.field_value("number") == "6253"
    assert doc.field_value("date") is None


def test_a_bilingual_caption_translated_in_parentheses_still_names_the_documents_number(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Nummer (Numero documento)"),
                                    (200, 180, "Datum (Data documento)"), (40, 192, "123/A"), (200, 192, "14.03.2025"),
                                    (40, 400, "Totale documento 122,00")))
    assert doc.field_value("number") == "123/A"
    assert doc.field_value("date") == dt.date(2025, 3, 14)


@pytest.mark.parametrize("doc_type", ["ddt", "ordine", "bolletta"])
def test_every_type_reads_its_number_as_an_invoice_does(ctx, doc_type):
    # Under a header grid's caption the scan blurred, and not from "N. COLLI" lower on the page.
    doc = read(ctx, doc_type, page((40, 33, "ROSSI FORNITURE SRL"), (40, 50, "VIA ROMA, 163"), (340, 50, "N"),
                                   (420, 50, "DATA"), (500, 50, "PAGINA"), (40, 62, "40121 BOLOGNA (BO)"),
                                   (352, 62, "25/9414"), (431, 62, "05/09/2025"), (511, 62, "1/1"),
                                   (40, 74, "P.IVA IT00743110157"), *CUSTOMER_RIGHT,
                                   (40, 600, "CAUSALE: VENDITA ASPETTO: SCATOLE N. COLLI 18")))
    assert doc.field_value("number") == "25/9414"
    assert doc.field_value("date") == dt.date(2025, 9, 5)


@pytest.mark.parametrize("marker", ["Spettile .", "csiente", "BILETO", "Destinatarlo:", "Comrnittente"])
def test_a_customer_marker_ocr_blurred_still_heads_the_customers_block(ctx, marker):
    doc = read(ctx, "fattura", page(*LETTERHEAD, (330, 100, marker), (330, 112, "Bellini & Figli srl"),
                                    (330, 124, "Strada Provinciale 11, 36100 Vicenza"), (330, 136, "C.F/P.I. 01533030183"),
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("customer_name") == "Bellini & Figli srl"
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("supplier_name") == "Rossi Forniture S.r.l."
    assert doc.field_value("supplier_vat") == "00743110157"


@pytest.mark.parametrize("word, role", [("Spettile", "customer"), ("BILETO", "customer"), ("Fornitone", "supplier"),
                                        ("Fornitura", None), ("Lieferung", None), ("Documenta", None), ("Ordine", None)])
def test_which_role_a_blurred_word_marks(word, role):
    from demat.extractors.fields.markers import _role_of
    assert _role_of(word) == role


def test_a_legal_form_set_apart_beside_the_name_is_part_of_it(ctx):
    doc = read(ctx, "fattura", page((40, 40, "Ferri & Figli"), (125, 40, "Spa"), (40, 52, "Corso Italia 180, 38122 Trento"),
                                    (40, 64, "C.F./P.I. 02104370016"), *CUSTOMER_RIGHT, (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == "Ferri & Figli Spa"
    assert doc.field_value("supplier_tax_code") == "02104370016"  # a company's: its P.IVA


@pytest.mark.parametrize("caption, vat", [("CF IP.", "01533030183"), ("C.F /P.1.", "01533030183"), ("C.F.", None)])
def test_a_codice_fiscale_caption_whose_p_iva_half_the_scan_blurred(ctx, caption, vat):
    # "C.F./P.I." read "CF IP.": the number is the P.IVA too; "C.F." alone captions a codice fiscale only.
    doc = read(ctx, "fattura", page(*LETTERHEAD, (330, 100, "Spett.le"), (330, 112, "Bianchi S.p.A."),
                                    (330, 124, "Via Verdi 2, 10121 Torino"), (330, 136, f"{caption} 01533030183"),
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("customer_vat") == vat
    assert doc.field_value("customer_tax_code") == "01533030183"


def test_a_foreign_vat_number_with_letters_for_digits_where_its_check_proves_them():
    from demat.extractors.fields.identifiers import find_vats
    assert [(f.value, f.raw) for f in find_vats("VAT No. IESS29861W")] == [("IE5529861W", "IESS29861W")]
    assert find_vats("VAT No. IESS29861X") == []  # no reading passes the check


@pytest.mark.parametrize("printed, name", [("Guerra Trafileria S.R.L:", "Guerra Trafileria S.R.L."),
                                           ("Bianchi S.p.A", "Bianchi S.p.A."), ("Verdi S.a.s", "Verdi S.a.s."),
                                           ("Neri Srl", "Neri Srl"), ("Gialli F.A.B", "Gialli F.A.B")])
def test_the_last_period_of_a_dotted_legal_form_that_the_scan_lost(ctx, printed, name):
    doc = read(ctx, "fattura", page(*LETTERHEAD, (330, 100, "Cliente"), (330, 112, printed),
                                    (330, 124, "Via Verdi 2, 10121 Torino"), (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("customer_name") == name


def test_a_dotted_legal_form_printed_without_its_last_period_is_kept_as_printed(ctx):
    printed = page(*LETTERHEAD, (330, 100, "Cliente"), (330, 112, "Bianchi S.p.A"), (40, 180, "Fattura n. 5 del 01/02/2025"))
    printed.words = [Word(w.text, w.box, 1.0) for w in printed.words]  # a born-digital PDF's words
    assert read(ctx, "fattura", printed).field_value("customer_name") == "Bianchi S.p.A"


@pytest.mark.parametrize("captions, values, number", [
    (("DATA", "PAGINA"), ("25/4523", "07/02/2025", "1/1"), "25/4523"),  # the "N." lost: one value more than captions
    (("DATA", "PAGINA"), ("07/02/2025", "1/1"), None),  # no value but the date's and the page's
    (("COD. CLIENTE", "DATA"), ("9572", "07/02/2025"), None)])  # the code has its own caption
def test_the_number_under_a_caption_that_the_scan_lost(ctx, captions, values, number):
    cells = [(x, 60, caption) for x, caption in zip((420, 500), captions)]
    cells += [(x, 72, value) for x, value in zip((352, 431, 511)[3 - len(values):], values)]
    doc = read(ctx, "nota_credito", page((40, 33, "LABORATORIO ANALISI FONTANA S.P.A."), (340, 40, "NOTA CREDITO"),
                                         (40, 50, "VIA DELL'INDUSTRIA, 90"), *cells, (40, 84, "P.IVA IT00743110157"),
                                         *CUSTOMER_RIGHT, (40, 600, "TOTALE NOTA CREDITO EUR 656,97-")))
    assert doc.field_value("number") == number
    assert doc.field_value("date") == dt.date(2025, 2, 7)


def test_a_number_caption_whose_period_the_scan_lost_still_heads_the_number(ctx):
    # "N documento" for "N. documento", and the date's caption misread beyond recognition beside it.
    doc = read(ctx, "ordine", page(*LETTERHEAD, *CUSTOMER_RIGHT,
                                   (40, 180, "N documento:"), (200, 180, "Dati documento"), (320, 180, "Colite cliente"),
                                   (40, 192, "CONFERMA D'ORDINE 6942/2025"), (200, 192, "22.02.2025"),
                                   (320, 192, "C13862"), (40, 400, "Totale ordine EUR 2.651,89")))
    assert doc.field_value("number") == "6942/2025"


def test_a_delivery_date_after_its_caption_is_not_the_documents_date(ctx):
    # The offer's own date misread beyond reading: none rather than the delivery's.
    doc = read(ctx, "preventivo", page(*LETTERHEAD, *CUSTOMER_RIGHT, (340, 60, "N."), (420, 60, "DATA"),
                                       (352, 72, "99606"), (431, 72, "27.19.2025"),
                                       (40, 400, "TOTALE PREVENTIVO EUR 1.741,66"),
                                       (40, 420, "VALIDITA' OFFERTA: 30 GG. CONSEGNA: 16.11.2025")))
    assert doc.field_value("number") == "99606"
    assert doc.field_value("date") is None


def test_an_f24_prints_the_taxpayers_codice_fiscale_a_character_a_box(ctx):
    def boxed(x, y, code):
        return [(x + 14 * i, y, char) for i, char in enumerate(code)]
    doc = read(ctx, "f24", page((40, 40, "MODELLO DI PAGAMENTO UNIFICATO"), (40, 60, "CONTRIBUENTE"),
                                (40, 80, "CODICE FISCALE"), *boxed(160, 80, "RSSMRA80A01H501U"),
                                (40, 100, "cognome, denominazione o ragione sociale"), (300, 100, "nome"),
                                (40, 112, "ROSSI"), (300, 112, "MARIO"),
                                (40, 140, "codice fiscale del coobbligato, erede"), *boxed(300, 140, "00743110157"),
                                (40, 300, "SALDO FINALE 1.234,00"), (40, 320, "Data 16/03/2025")))
    assert doc.field_value("tax_code") == "RSSMRA80A01H501U"


@pytest.mark.parametrize("title", ["NOTA SPESE", "Estratto conto", "RIMBORSO SPESE"])
def test_the_documents_title_at_the_top_is_not_its_issuers_name(ctx, title):
    doc = read(ctx, "nota_spese", page((40, 40, title), (40, 60, "Dipendente: Luca Verdi"),
                                       (40, 100, "12/03/2025 Taxi 25,00"), (40, 300, "Totale 25,00")))
    assert doc.field_value("supplier_name") is None
    assert doc.field_value("sender") == "Luca Verdi"


@pytest.mark.parametrize("caption", ["Rapporto intestato a:", "Conto intestato a"])
def test_a_bank_statements_account_holder_under_its_caption(ctx, caption):
    doc = read(ctx, "estratto_conto", page((40, 40, "BANCA DI CREDITO COOPERATIVO DI ROMA"),
                                           (40, 64, "Via Nazionale 10 - 00184 Roma"), (40, 110, caption),
                                           (40, 122, "BIANCHI MARIO"), (40, 134, "VIA PO 3"), (40, 146, "10100 TORINO"),
                                           (40, 190, "Estratto conto al 31/03/2025"),
                                           (40, 230, "IBAN IT60X0542811101000000123456"),
                                           (40, 400, "Saldo contabile finale 12.345,67")))
    assert doc.field_value("supplier_name") == "BANCA DI CREDITO COOPERATIVO DI ROMA"
    assert doc.field_value("customer_name") == "BIANCHI MARIO"


@pytest.mark.parametrize("number_caption, date_caption", [("Inveice number", "Invoice date"),
                                                          ("invoice. number", "invoice. date"),
                                                          ("N. documenta", "Data documento")])
def test_a_number_or_date_caption_that_ocr_blurred_by_one_letter_still_heads_its_value(ctx, number_caption, date_caption):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, number_caption), (200, 180, date_caption),
                                    (320, 180, "Pagina"), (40, 192, "INV-2025-0042"), (200, 192, "14/03/2025"),
                                    (320, 192, "1"), (40, 400, "Totale documento 1.220,00")))
    assert doc.field_value("number") == "INV-2025-0042"
    assert doc.field_value("date") == dt.date(2025, 3, 14)


@pytest.mark.parametrize("caption", ["Data consegna", "Numero colli", "Fatture emesse"])
def test_a_caption_two_letters_or_a_whole_word_from_a_number_or_date_caption_heads_nothing(ctx, caption):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, caption), (40, 192, "12/2025"),
                                    (40, 400, "Totale documento 1.220,00")))
    assert doc.field_value("number") is None


@pytest.mark.parametrize("printed, name", [("SERRAMENTI BELLINI-FARINA:S.R.L.", "SERRAMENTI BELLINI-FARINA S.R.L."),
                                           ("| NA | Negri Autoricambi s.r.l.", "Negri Autoricambi s.r.l.")])
def test_a_colon_for_the_space_before_a_legal_form_and_a_logos_box_rules(ctx, printed, name):
    doc = read(ctx, "fattura", page((40, 40, printed), (40, 52, "Via Po 3 - 10100 Torino"), (40, 64, "P.IVA 02104370016"),
                                    *CUSTOMER_RIGHT, (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_name") == name


def test_a_codice_fiscale_and_p_iva_caption_whose_p_iva_half_the_scan_blurred_glued(ctx):
    doc = read(ctx, "fattura", page((40, 40, "Guerra Officine Meccaniche Spa"), (40, 52, "Via Po 3 - 10100 Torino"),
                                    (40, 64, "C.F./P.). 02104370016"), *CUSTOMER_RIGHT,
                                    (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert doc.field_value("supplier_vat") == "02104370016"
    assert doc.field_value("supplier_tax_code") == "02104370016"


def test_a_cvs_title_in_capitals_is_not_the_candidates_name(ctx):
    doc = read(ctx, "cv", page((40, 40, "CURRICULUM VITAE"), (40, 60, "GIULIA BIANCHI"), (40, 72, "Via Roma 1, 20100 Milano"),
                               (40, 300, "Milano, 01/03/2025")))
    assert doc.field_value("sender") == "GIULIA BIANCHI"


def test_a_logo_as_tall_as_the_letterheads_three_lines_joins_none_of_them(ctx):
    printed = page((140, 40, "Rossi Meccanica S.r.l."), (140, 52, "Via Roma 1 - 20100 Milano"),
                   (140, 64, "C.F./P.I. 00743110157"), (330, 40, "Cessionario/Committente"), (330, 52, "Bianchi S.p.A."),
                   (330, 64, "Via Verdi 2 - 10121 Torino"), (330, 76, "C.F./P.I. 01533030183"),
                   (40, 120, "Fattura n. 45 del 12/03/2025"))
    printed.words.insert(0, Word("RM", (40, 38, 76, 70), 0.9))  # the initials in large letters left of the name
    doc = read(ctx, "fattura", printed)
    assert doc.field_value("supplier_name") == "Rossi Meccanica S.r.l."
    assert doc.field_value("supplier_vat") == "00743110157"
    assert doc.field_value("customer_name") == "Bianchi S.p.A."
    assert doc.field_value("customer_vat") == "01533030183"
