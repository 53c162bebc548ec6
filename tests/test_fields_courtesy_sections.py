"""Courtesy copies of a FatturaPA as the public stylesheets print them (issue 11):
the parties in sections stacked one under the other, each opened by a heading
that names the role ("Dati del cessionario / committente"), with labelled lines
or caption | value cells below; and the simplified invoice (FSM10), whose rows
carry their VAT and which may print no total at all.

The pages are built word by word after renderings of our own generator's XML
(`samples.grammar.courtesy`, seeds outside the bench's), never from the bench's copies.
"""

from __future__ import annotations

from decimal import Decimal

from test_fields_layout import COURTESY_VALUES, page, read


def _section(y: float, heading: str, *lines: str, x: float = 69) -> list[tuple[float, float, str]]:
    """A heading, then its lines indented under it, 11 points apart."""
    return [(x, y, heading)] + [(x + 23, y + 22 + 11 * i, text) for i, text in enumerate(lines)]


STACKED = [(32, 47, "FATTURA ELETTRONICA"), (496, 114, "Versione FPR12"),
           *_section(140, "Dati del cedente / prestatore", "Identificativo fiscale ai fini IVA: IT02104370016",
                     "Codice fiscale: 02104370016", "Denominazione: Fontana Meccanica S.r.l.",
                     "Regime fiscale: RF01 (ordinario)", "Indirizzo: Corso Francia 10"),
           *_section(240, "Dati del cessionario / committente", "Identificativo fiscale ai fini IVA: IT01533030183",
                     "Codice Fiscale: 01533030183", "Denominazione: Bianchi S.p.A.", "Indirizzo: Via Verdi 2",
                     "Comune: Torino"),
           *_section(380, "Dati generali del documento", "Tipologia documento: TD01 (fattura)",
                     "Data documento: 2025-03-14 (14 Marzo 2025)", "Numero documento: 123/A",
                     "Importo totale documento: 122.00")]


def test_parties_in_sections_stacked_one_under_the_other(ctx):
    # Both sections print the same labels; the heading above says whose they are.
    doc = read(ctx, "fattura", page(*STACKED))
    assert {name: doc.field_value(name) for name in COURTESY_VALUES} == COURTESY_VALUES


def test_a_bilingual_copy_with_captions_and_values_in_cells_of_their_own(ctx):
    # The banner at the top is no company name; "Nominativo" is no label of a party's name,
    # so the supplier's is the company name of its section.
    doc = read(ctx, "fattura", page(
        (34, 40, "Italienische elektronische Rechnung"), (34, 58, "FATTURA ELETTRONICA"),
        (38, 170, "Daten zum Lieferanten/Freiberufler - Dati del cedente/prestatore"),
        (38, 186, "Anagrafische Daten - Dati anagrafici"),
        (40, 204, "1.2.1.3"), (111, 204, "Nominativo"), (255, 204, "Novaindustria Soc. Coop."),
        (40, 228, "1.2.1.1"), (111, 228, "Ident. fiscale ai fini IVA"), (255, 228, "IT75987140177"),
        (38, 252, "Firmensitz - Dati della sede"),
        (40, 264, "1.2.2."), (115, 264, "indirizzo"), (246, 264, "Piazza della Repubblica 138"),
        (38, 290, "Daten des Rechnungsempfängers - Dati del cessionario / committente"),
        (38, 306, "Anagrafische Daten - Dati anagrafici"),
        (40, 324, "1.4.1.3."), (111, 324, "denominazione"), (255, 324, "Industria Rinaldi S.r.l."),
        (40, 348, "1.4.1.1"), (111, 348, "Ident. fiscale ai fini IVA"), (255, 348, "IT65815930600"),
        (40, 372, "1.4.1.2"), (111, 372, "Codice Fiscale"), (255, 372, "65815930600"),
        (129, 420, "Stylesheet fatturapa_v1.2.1_de-it.xsl"),
        (38, 470, "Generelle Rechnungssdaten - Dati generali del documento"),
        (40, 490, "2.1.1.9"), (110, 490, "Importo totale documento"), (248, 490, "EUR 3.826,10")))
    assert doc.field_value("supplier_name") == "Novaindustria Soc. Coop."
    assert doc.field_value("supplier_vat") == "75987140177"
    assert doc.field_value("customer_name") == "Industria Rinaldi S.r.l."
    assert doc.field_value("customer_vat") == "65815930600"


def test_a_simplified_invoice_totals_its_rows_which_carry_their_vat(ctx):
    doc = read(ctx, "fattura", page(
        *STACKED[:-5],
        *_section(380, "Dati generali del documento", "Tipologia documento: TD07 (fattura semplificata)",
                  "Valuta importi: EUR", "Data documento: 2023-05-21 (21 Maggio 2023)",
                  "Numero documento: FT-2023-00311"),
        *_section(460, "Dati beni servizi", "Descrizione bene/servizio: Beni e servizi aliquota 4.00%",
                  "Importo bene/servizio: 3786.59", "Ammontare imposta bene/servizio: 145.64",
                  "Descrizione bene/servizio: Beni e servizi aliquota 22.00%", "Importo bene/servizio: 122.00",
                  "Ammontare imposta bene/servizio: 22.00")))
    assert doc.field_value("total") == Decimal("3908.59")
    assert doc.field_value("vat_amount") == Decimal("167.64")
    assert doc.field_value("number") == "FT-2023-00311"


def test_an_ordinary_invoice_without_a_total_gets_none_from_its_rows(ctx):
    doc = read(ctx, "fattura", page(*STACKED[:-1], (92, 460, "Importo bene/servizio: 100.00"),
                                    (92, 471, "Importo bene/servizio: 22.00")))
    assert doc.field_value("total") is None


def test_a_heading_naming_the_customer_does_not_take_the_issuers_p_iva_further_down(ctx):
    # "Spett.le" alone on its line heads the customer's lines, not the rest of the page.
    doc = read(ctx, "fattura", page(
        (40, 40, "Rossi Forniture S.r.l."), (40, 52, "Via Roma 1, 20100 Milano"),
        (40, 100, "Spett.le"), (40, 112, "Bianchi S.p.A."), (40, 124, "Via Verdi 2, Torino"),
        (40, 136, "P.IVA 01533030183"),
        (40, 200, "Fattura n. 12 del 01/02/2025"), (40, 400, "Totale documento 10,00"),
        (40, 440, "Rossi Forniture S.r.l. - P.IVA 00743110157")))
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("supplier_vat") == "00743110157"


def test_a_vat_summary_printed_as_records_adds_up_its_rates(ctx):
    # One record per rate, each with its own "Totale imponibile/importo" and "Totale imposta".
    doc = read(ctx, "fattura", page(
        *STACKED[:-1], (92, 435, "Importo totale documento: 3046.20"),
        *_section(470, "Dati di riepilogo per aliquota IVA e natura", "Aliquota IVA (%): 22.00",
                  "Totale imponibile/importo: 2464.50", "Totale imposta: 542.19", "Aliquota IVA (%): 0.00",
                  "Natura operazioni: N3.1 (non imponibili - esportazioni)", "Totale imponibile/importo: 39.51",
                  "Totale imposta: 0.00")))
    assert doc.field_value("taxable_amount") == Decimal("2504.01")
    assert doc.field_value("vat_amount") == Decimal("542.19")
    assert doc.field_value("total") == Decimal("3046.20")
    assert [(r["rate"], r["taxable_amount"], r["vat_amount"], r["nature"]) for r in doc.field_value("vat_lines")] == [
        (Decimal("22.00"), Decimal("2464.50"), Decimal("542.19"), None),
        (Decimal("0.00"), Decimal("39.51"), Decimal("0.00"), "N3.1")]


def test_a_vat_summary_table_of_several_rates_gives_the_sums_of_its_rows(ctx):
    # "Totale imponibile" heads a column: the label alone reads only the first row. A word
    # of a longer caption ("esigibilità iva") heads no column, and "N3.1" is a nature, no rate.
    doc = read(ctx, "fattura", page(
        *STACKED[:-5],
        (261, 400, "RIEPILOGHI IVA E TOTALI"), (268, 410, "Spese"),
        (51, 414, "esigibilità iva / riferimenti normativi"), (220, 414, "%IVA"), (259, 414, "accessorie"),
        (323, 414, "Arr."), (376, 414, "Totale imponibile"), (497, 414, "Totale imposta"),
        (35, 428, "I (esigibilità immediata)"), (224, 428, "22,00"), (426, 428, "2.464,50"), (552, 428, "542,19"),
        (35, 440, "Esigib. non dich."), (228, 440, "N3.1"), (441, 440, "39,51"), (577, 440, "0"),
        (66, 460, "Importo bollo"), (186, 460, "Sconto/Maggiorazione"), (433, 460, "Totale documento"),
        (537, 472, "3.046,20")))
    assert doc.field_value("taxable_amount") == Decimal("2504.01")
    assert doc.field_value("vat_amount") == Decimal("542.19")
    assert doc.field_value("total") == Decimal("3046.20")
    rows = sorted(doc.field_value("vat_lines"), key=lambda r: r["rate"])
    assert [(r["rate"], r["taxable_amount"], r["vat_amount"], r["nature"]) for r in rows] == [
        (Decimal("0.00"), Decimal("39.51"), Decimal("0.00"), "N3.1"),
        (Decimal("22.00"), Decimal("2464.50"), Decimal("542.19"), None)]


def test_vat_rows_under_captions_not_read_are_found_by_making_the_total(ctx):
    # A bilingual summary: captions stacked in two languages in one cell, a row's amounts in
    # one cell, a 0% row after a wrapped description; each row proves itself (rate x imponibile
    # = imposta, or a nature and no VAT) and together they make the document's total.
    doc = read(ctx, "fattura", page(
        *STACKED[:-5],
        (110, 380, "Gesamtbetrag Dokument"), (40, 386, "2.1.1.9"), (110, 386, "Importo totale documento"),
        (248, 386, "EUR 3.826,10"),
        (38, 420, "Daten zur MwSt. nach Satz und Art - Dati di riepilogo per aliquota IVA e natura"),
        (43, 434, "MwSt"), (126, 434, "Art"), (204, 434, "Spesen Rundung Grundlage Steuer Fälligkeit"),
        (46, 444, "Aliq."), (117, 444, "Natura"), (261, 444, "Arroton. Imponibile Imposta Esigibilita"),
        (54, 460, "4"), (322, 460, "3.640,95 145,64"), (435, 460, "immediata)"),
        (78, 474, "(nicht"), (78, 486, "Mehrwertsteuerpflichtig-"),
        (44, 498, "N3.1 -Export)"), (340, 498, "39,51"), (407, 498, "0,00"), (78, 510, "(non imponibili –")))
    assert doc.field_value("taxable_amount") == Decimal("3680.46")
    assert doc.field_value("vat_amount") == Decimal("145.64")
    assert doc.field_value("total") == Decimal("3826.10")
