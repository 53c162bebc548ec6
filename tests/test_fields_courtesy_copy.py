"""A courtesy copy of an e-invoice as an accounting package prints it (issue 11, the tuned G19): the parties in
two boxes each titled by its role, a private customer under "Nome e cognome" (FatturaPA's Anagrafica of a person
has a Nome and a Cognome, no Denominazione), and the payment's table, whose method is FatturaPA's code alone
("MP05") under "Condizioni di pagamento: TP02".

Every page here is made for its test, word by word (see `test_fields_layout.page`)."""

from __future__ import annotations

import pytest

from test_fields_amounts import totals
from test_fields_layout import page, read

DOCUMENT = [(40, 200, "Tipologia documento Numero Data"), (40, 212, "TD01 FE2025-0042 2025-03-14")]
TOTALS = totals("1.000,00", "220,00", "1.220,00")


def test_two_boxes_each_titled_by_its_role_over_its_block(ctx):
    # A scan sets each title a little further above its box's lines than a line: each heads the block under it.
    # The second title used to meet the first's block where the fields' captions were kept, and the fields stage
    # stopped on a TypeError (the document went to quarantine).
    doc = read(ctx, "fattura", page((40, 100, "Fornitore"), (40, 125, "Rossi Forniture S.r.l."),
                                    (40, 137, "P.IVA: IT00743110157"), (330, 100, "Cliente"),
                                    (330, 125, "Bianchi S.p.A."), (330, 137, "P.IVA: IT01533030183"),
                                    *DOCUMENT, *TOTALS))
    assert doc.field_value("supplier_name") == "Rossi Forniture S.r.l."
    assert doc.field_value("customer_name") == "Bianchi S.p.A."
    assert doc.field_value("customer_vat") == "01533030183"


def test_a_private_customer_named_under_its_person_caption_not_its_address(ctx):
    doc = read(ctx, "fattura", page((40, 40, "Rossi Forniture S.r.l."), (40, 52, "P.IVA: IT00743110157"),
                                    (330, 90, "Cessionario/committente (cliente)"),
                                    (330, 102, "Codice fiscale: SLABRC86C50L483C"),
                                    (330, 114, "Nome e cognome: Beatrice Sala"),
                                    (330, 126, "Indirizzo: Via dei Mille, 3"), (330, 138, "06121 Perugia (PG) IT"),
                                    *DOCUMENT, *TOTALS))
    assert doc.field_value("customer_name") == "Beatrice Sala"
    assert doc.field_value("customer_tax_code") == "SLABRC86C50L483C"


def test_the_payment_methods_code_alone_in_the_payment_table(ctx):
    doc = read(ctx, "fattura", page((40, 40, "Rossi Forniture S.r.l."), (40, 52, "P.IVA: IT00743110157"), *DOCUMENT,
                                    *TOTALS, (40, 450, "Condizioni di pagamento: TP02"),
                                    (40, 462, "Modalità Scadenza Importo IBAN"),
                                    (40, 474, "MP05 13/04/2025 1.220,00 IT60X0542811101000000123456")))
    assert doc.field_value("payment_method") == "bonifico"


def test_the_payment_methods_code_a_scan_read_with_letters_for_its_figures(ctx):
    # A low-resolution scan reads MP05 as "MPOS": the code's two places hold figures only.
    doc = read(ctx, "fattura", page((40, 40, "Rossi Forniture S.r.l."), (40, 52, "P.IVA: IT00743110157"), *DOCUMENT,
                                    *TOTALS, (40, 450, "Condizioni di pagamento: TP02"),
                                    (40, 462, "fiodalità Scadenza importo | 1BAN"),
                                    (40, 474, "MPOS 13/04/2025 1.220,00 | T60X0542811101000000123456")))
    assert doc.field_value("payment_method") == "bonifico"


# The VAT summary of a low-resolution scan: the rule between the rate's and the nature's columns read as "]" or "|"
# joins the two cells under the nature's header; N1's figure read as a letter ("NL"), or its code lost and its
# meaning left; a nature's meaning holds a caption's word ("Non imponibili").
SUMMARY_HEADER = [(40, 300, "Aliquota IVA"), (120, 300, "Natura"), (380, 300, "Imponibile"), (460, 300, "Imposta")]


@pytest.mark.parametrize("n1_row", ["0.00] NL", "0.00 | HI - Escluse ex art. 15"])
def test_a_summarys_zero_rows_as_a_scan_joins_and_misreads_them(ctx, n1_row):
    doc = read(ctx, "fattura", page((40, 40, "Rossi Forniture S.r.l."), (40, 52, "P.IVA: IT00743110157"), *DOCUMENT,
                                    *SUMMARY_HEADER, (90, 312, "22,00"), (380, 312, "1.000,00"), (460, 312, "220,00"),
                                    (100, 324, n1_row), (380, 324, "2,00"), (460, 324, "0.00"),
                                    (100, 336, "0,00 | N3.1 - Non imponibili - esportazioni"), (380, 336, "500,00"),
                                    (460, 336, "0,00"), *totals("1.502,00", "220,00", "1.722,00")))
    rows = [(str(row["rate"]), str(row["taxable_amount"]), row["nature"]) for row in doc.field_value("vat_lines")]
    assert rows == [("22.00", "1000.00", None), ("0.00", "2.00", "N1"), ("0.00", "500.00", "N3.1")]


def test_parties_sections_stacked_evenly_each_headed_by_its_marker(ctx):
    # A scan loses the shaded band of each heading: the customer's heading and lines read as the supplier's block
    # goes on, and the private customer's name was the supplier's.
    lines = ["FORNITORE", "P.IVA: IT00743110157", "Codice fiscale: 00743110157", "Rossi Forniture S.r.l.",
             "Regime fiscale: RF01 - Ordinario", "Indirizzo: Via Roma 1", "20121 Milano (MI) IT", "DESTINATARIO",
             "Codice fiscale: SLABRC86C50L483C", "Nome e cognome: Beatrice Sala", "Indirizzo: Via dei Mille, 3",
             "06121 Perugia (PG) IT"]
    doc = read(ctx, "fattura", page(*[(40, 60 + 12 * i, text) for i, text in enumerate(lines)], *DOCUMENT, *TOTALS))
    assert doc.field_value("supplier_name") == "Rossi Forniture S.r.l."
    assert doc.field_value("supplier_vat") == "00743110157"
    assert doc.field_value("customer_name") == "Beatrice Sala"
    assert doc.field_value("customer_tax_code") == "SLABRC86C50L483C"


def test_a_fax_of_a_courtesy_copy_that_lost_the_suppliers_heading(ctx):
    # The IT before the supplier's P.IVA read as "[7", glued to it: the P.IVA, and with it whose block is whose.
    doc = read(ctx, "nota_credito", page((40, 30, "COPIA DI CORTESIA"), (40, 44, "Progressivo invio. ULDRS"),
                                         (40, 70, "Identificativo fiscale ai fim IVA: [700743110157"),
                                         (40, 82, "Codice fiscale: 00743110157"), (40, 94, "Rossi Forniture S.R.L,"),
                                         (40, 106, "Indinzzo: Via Roma 1"), (40, 118, "20121 Milano (MI) IT"),
                                         (330, 70, "CESSIONARIO/COMMITTENTE (CLIENTE)"),
                                         (330, 82, "Identificativo fiscale ai fini IVA: IT01533030183"),
                                         (330, 94, "Bianchi S.p.A."), *DOCUMENT, *TOTALS))
    assert doc.field_value("supplier_name") == "Rossi Forniture S.R.L."
    assert doc.field_value("supplier_vat") == "00743110157"
    assert doc.field_value("customer_vat") == "01533030183"


def test_a_zero_rate_read_in_one_word_with_its_nature(ctx):
    doc = read(ctx, "fattura", page((40, 40, "Rossi Forniture S.r.l."), (40, 52, "P.IVA: IT00743110157"), *DOCUMENT,
                                    *SUMMARY_HEADER, (90, 312, "22,00"), (380, 312, "1.000,00"), (460, 312, "220,00"),
                                    (100, 324, "0,00 | Ni"), (380, 324, "2,00"), (460, 324, "0,00"),
                                    (100, 336, "0,00|N3.1"), (380, 336, "500,00"), (460, 336, "0,00"),
                                    *totals("1.502,00", "220,00", "1.722,00")))
    rows = [(str(row["rate"]), str(row["taxable_amount"]), row["nature"]) for row in doc.field_value("vat_lines")]
    assert rows == [("22.00", "1000.00", None), ("0.00", "2.00", "N1"), ("0.00", "500.00", "N3.1")]


def test_the_transmitters_id_is_no_partys(ctx):
    # FatturaPA's IdTrasmittente: the intermediary that sent the file, printed among the transmission's data; the
    # supplier's own P.IVA a scan made unreadable ("M..." for IT).
    doc = read(ctx, "fattura", page((40, 30, "Copia di cortesia"),
                                    (40, 44, "Id trasmittente: IT01533030183 - Codice destinatario: 0000000"),
                                    (40, 60, "Cedente/prestatore (fornitore)"),
                                    (40, 72, "Identificativo fiscale ai fini IVA: M0074311O1S7"),
                                    (40, 84, "Rossi Forniture S.r.l."), (40, 96, "Indirizzo: Via Roma 1"),
                                    *DOCUMENT, *TOTALS))
    assert doc.field_value("supplier_name") == "Rossi Forniture S.r.l."
    assert doc.field_value("supplier_vat") is None
