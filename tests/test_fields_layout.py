"""Values found by their labels on layouts the extractor was not written for:
right of the label, below it, down a table column; supplier vs customer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from demat.extractors import fields
from demat.extractors.fields.checks import add_review_reasons, run_checks
from demat.kernel.document import Classification, Document, Page, StageContext, Word

CHAR = 5.0  # points per character of the made-up pages
HEIGHT = 10.0


def page(*cells: tuple[float, float, str], number: int = 1) -> Page:
    """A page of words placed as (x, y, text) cells, each word CHAR points per letter."""
    words = []
    for x, y, text in cells:
        for piece in text.split(" "):
            if piece:
                words.append(Word(piece, (x, y, x + CHAR * len(piece), y + HEIGHT), 0.9))
            x += CHAR * (len(piece) + 1)
    return Page(number=number, text="\n".join(t for _, _, t in cells), words=words, width=595, height=842,
                source="ocr", confidence=0.9)


def page_as_read(boxes: list[tuple[str, tuple[float, float, float, float]]]) -> Page:
    """A page of the words a scan's OCR read, each a (text, box) as printed by a real reading."""
    words = [Word(text, box, 0.9) for text, box in boxes]
    return Page(number=1, text="\n".join(w.text for w in words), words=words, width=595, height=842,
                source="ocr", confidence=0.9)


# What the courtesy-copy pages of test_fields_courtesy_sections and test_fields_unseen_layouts print.
COURTESY_VALUES = {"supplier_name": "Fontana Meccanica S.r.l.", "supplier_vat": "02104370016",
                   "customer_name": "Bianchi S.p.A.", "customer_vat": "01533030183", "number": "123/A",
                   "date": dt.date(2025, 3, 14), "total": Decimal("122.00")}


def read(ctx: StageContext, label: str, *pages: Page) -> Document:
    doc = Document(path=Path("x.pdf"), original_name="x.pdf", pages=list(pages),
                   classification=Classification(label, 0.99))
    doc = fields.run(doc, ctx)
    run_checks(doc.fields)  # then what the review stage does with its values
    add_review_reasons(doc)
    return doc


LETTERHEAD = [(40, 40, "Rossi Forniture S.r.l."), (40, 52, "Via Roma 1, 20100 Milano"),
              (40, 64, "P.IVA IT00743110157")]
CUSTOMER_RIGHT = [(330, 100, "Spett.le"), (330, 112, "Bianchi S.p.A."), (330, 124, "Via Verdi 2, Torino"),
                  (330, 136, "P.IVA 01533030183")]


def test_values_right_of_their_labels(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT,
                                    (40, 180, "Fattura n. 2024/118 del 14/03/2024"),
                                    (40, 400, "Totale imponibile 1.206,23"), (40, 412, "Totale IVA 22% 265,37"),
                                    (40, 424, "Totale documento € 1.471,60"),
                                    (40, 440, "Scadenza: 13/04/2024 Pagamento: Ri.Ba.")))
    assert doc.field_value("number") == "2024/118"
    assert doc.field_value("date") == dt.date(2024, 3, 14)
    assert doc.field_value("total") == Decimal("1471.60")
    assert doc.field_value("vat_lines") == [{"rate": Decimal("22.00"), "taxable_amount": Decimal("1206.23"),
                                             "vat_amount": Decimal("265.37"), "nature": None}]
    assert doc.field_value("due_date") == dt.date(2024, 4, 13)
    assert doc.field_value("payment_method") == "RiBa"
    total = doc.fields["total"]
    assert total.raw == "€ 1.471,60" and total.page == 1 and total.source_box[1] == 424
    assert 0.8 < total.confidence <= 0.9  # OCR confidence 0.9 x found by its label
    assert doc.review_reasons == []


def test_values_below_their_labels_as_in_a_header_table(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT,
                                    (40, 180, "Numero documento"), (200, 180, "Data emissione"),
                                    (40, 192, "FT-0042"), (200, 192, "02.01.2025"),
                                    (300, 400, "Totale imponibile"), (420, 400, "Imposta"), (500, 400, "Totale"),
                                    (300, 412, "100,00"), (420, 412, "22,00"), (500, 412, "122,00")))
    assert doc.field_value("number") == "FT-0042"
    assert doc.field_value("date") == dt.date(2025, 1, 2)
    assert (doc.field_value("taxable_amount"), doc.field_value("vat_amount"), doc.field_value("total")) == (
        Decimal("100.00"), Decimal("22.00"), Decimal("122.00"))


def test_vat_summary_table_one_row_per_rate(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Fattura n. 7 del 01/02/2024"),
                                    (40, 300, "Aliquota"), (150, 300, "Imponibile"), (300, 300, "Imposta"),
                                    (400, 300, "Natura"),
                                    (40, 312, "22%"), (150, 312, "1.000,00"), (300, 312, "220,00"),
                                    (40, 324, "10%"), (150, 324, "200,00"), (300, 324, "20,00"),
                                    (40, 336, "0%"), (150, 336, "50,00"), (300, 336, "0,00"), (400, 336, "N2.2"),
                                    (40, 400, "Totale imponibile 1.250,00 Totale IVA 240,00"),
                                    (40, 412, "Totale fattura 1.490,00")))
    rows = doc.field_value("vat_lines")
    assert [(r["rate"], r["taxable_amount"], r["vat_amount"], r["nature"]) for r in rows] == [
        (Decimal("22.00"), Decimal("1000.00"), Decimal("220.00"), None),
        (Decimal("10.00"), Decimal("200.00"), Decimal("20.00"), None),
        (Decimal("0.00"), Decimal("50.00"), Decimal("0.00"), "N2.2")]
    assert all(c.passed for c in doc.fields["vat_lines"].checks)
    assert doc.field_value("total") == Decimal("1490.00")


def test_the_supplier_is_the_issuer_never_the_addressee(ctx):
    # The customer's block comes first on the page; the issuer's P.IVA is only in the footer.
    doc = read(ctx, "fattura", page((40, 40, "Cessionario/Committente"), (40, 52, "Bianchi S.p.A."),
                                    (40, 64, "P.IVA 01533030183"),
                                    (330, 40, "Cedente/Prestatore"), (330, 52, "Verdi Impianti S.n.c."),
                                    (40, 180, "Fattura n. 9 del 01/02/2024"), (40, 400, "Totale 10,00"),
                                    (40, 780, "Verdi Impianti S.n.c. - Via Po 3 - P.IVA 00743110157")))
    assert doc.field_value("supplier_name") == "Verdi Impianti S.n.c."
    assert doc.field_value("supplier_vat") == "00743110157"
    assert doc.field_value("customer_name") == "Bianchi S.p.A."
    assert doc.field_value("customer_vat") == "01533030183"


def test_letterhead_supplier_without_any_supplier_label(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Fattura n. 1 del 01/02/2024")))
    assert doc.field_value("supplier_name") == "Rossi Forniture S.r.l."
    assert doc.field_value("supplier_vat") == "00743110157"
    assert doc.field_value("customer_name") == "Bianchi S.p.A."


def test_letter_fields(ctx):
    doc = read(ctx, "lettera", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 200, "Milano, 14 marzo 2024"),
                                    (40, 215, "Prot. n. 118/2024"),
                                    (40, 230, "Oggetto: sollecito di pagamento fattura n. 12 del 01/02/2024"),
                                    (40, 260, "Distinti saluti")))
    assert doc.field_value("sender") == "Rossi Forniture S.r.l."
    assert doc.field_value("recipient") == "Bianchi S.p.A."
    assert doc.field_value("date") == dt.date(2024, 3, 14)
    assert doc.field_value("subject") == "sollecito di pagamento fattura n. 12 del 01/02/2024"
    assert doc.field_value("protocol_number") == "118/2024"


def test_unknown_type_gets_the_generic_fields_and_no_review(ctx):
    doc = read(ctx, None, page(*LETTERHEAD, (40, 200, "Milano, 2 gennaio 2025")))
    assert doc.field_value("date") == dt.date(2025, 1, 2)
    assert doc.field_value("supplier_name") == "Rossi Forniture S.r.l."
    assert doc.review_reasons == []


def test_a_minus_sign_lost_in_a_scan_is_restored_from_the_totals(ctx):
    doc = read(ctx, "nota_credito", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Nota di credito n. 5 del 01/02/2024"),
                                         (40, 300, "Aliquota"), (150, 300, "Imponibile"), (300, 300, "Imposta"),
                                         (40, 312, "22%"), (150, 312, "-100,00"), (300, 312, "-22,00"),
                                         (40, 324, "10%"), (150, 324, "50,00"), (300, 324, "5,00"),
                                         (40, 400, "Totale imponibile -150,00 Totale IVA -27,00"),
                                         (40, 412, "Totale documento -177,00")))
    rows = doc.field_value("vat_lines")
    assert [(r["taxable_amount"], r["vat_amount"]) for r in rows] == [
        (Decimal("-100.00"), Decimal("-22.00")), (Decimal("-50.00"), Decimal("-5.00"))]
    assert doc.review_reasons == []


def test_wordings_not_listed_are_found_by_token_patterns(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Doc. numero FV/12"),
                                    (40, 192, "Data: 01/02/2024"), (40, 400, "Totale da saldare € 122,00"),
                                    (40, 412, "Da saldare entro il 03/03/2024")))
    assert doc.field_value("number") == "FV/12"
    assert doc.field_value("due_date") == dt.date(2024, 3, 3)
    assert doc.field_value("total") == Decimal("122.00")


def test_a_listed_label_beats_a_token_pattern_on_its_line_and_the_next():
    from demat.extractors.fields.patterns import phrase_finder
    hits = phrase_finder().find("CONFERMA D'ORDINE\nNumero ordine 2025/578")
    assert [(h.name, h.rank) for h in hits] == [("number", 54)]  # not "ORDINE Numero" across the line end


def test_the_number_and_date_of_a_referenced_invoice_are_not_the_documents(ctx):
    doc = read(ctx, "nota_credito", page(*LETTERHEAD, *CUSTOMER_RIGHT,
                                         (40, 180, "Rettifica della fattura n. 1097 del 21/08/2023"),
                                         (40, 192, "Nota credito nr. NC/5"), (300, 192, "Data 01/02/2024"),
                                         (40, 400, "Totale documento -10,00")))
    assert doc.field_value("number") == "NC/5"
    assert doc.field_value("date") == dt.date(2024, 2, 1)


def test_a_surname_that_reads_like_a_salutation_is_a_name(ctx):
    doc = read(ctx, "ddt", page((40, 40, "Gentile S. & C. S.a.s."), (40, 52, "Via Roma 1, 20100 Milano"),
                                (40, 64, "P.IVA IT00743110157"), *CUSTOMER_RIGHT, (40, 180, "DDT n. 12 del 01/02/2024")))
    assert doc.field_value("supplier_name") == "Gentile S. & C. S.a.s."
    assert doc.field_value("customer_name") == "Bianchi S.p.A."
    assert doc.field_value("supplier_vat") == "00743110157"


@pytest.mark.parametrize("marker, first_line", [("Spett.le Società", None), ("Alla cortese attenzione di", None),
                                                ("Intestatario della", "fornitura")])
def test_a_title_or_lower_case_words_after_the_marker_are_not_the_name(ctx, marker, first_line):
    lines = [marker, *([first_line] if first_line else []), "Bianchi S.p.A.", "Via Verdi 2, Torino"]
    block = [(330, 100 + 12 * i, text) for i, text in enumerate(lines)]
    doc = read(ctx, "bolletta", page(*LETTERHEAD, *block, (40, 400, "Totale bolletta 10,00")))
    assert doc.field_value("customer_name") == "Bianchi S.p.A."


def test_an_f24_without_a_saldo_label_pays_its_total(ctx):
    doc = read(ctx, "f24", page((40, 40, "Modello F24"), (40, 60, "Codice fiscale RSSMRA85T10A562S"),
                                (40, 300, "Totale a debito 717,04"), (40, 320, "Data 16/07/2024")))
    assert doc.field_value("balance") == Decimal("717.04")


def test_vat_rows_under_a_header_not_listed_are_read_by_their_arithmetic(ctx):
    doc = read(ctx, "nota_credito", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Nota di credito n. 5 del 01/02/2024"),
                                         (40, 300, "Cod."), (100, 300, "Descrizione"), (250, 300, "Valore"),
                                         (350, 300, "Tassa"),
                                         (40, 312, "22"), (100, 312, "Ordinaria 22%"), (250, 312, "-2.240,10"),
                                         (350, 312, "-492,82"),
                                         (40, 324, "E"), (100, 324, "Esente art. 10 (N4)"), (250, 324, "-100,00"),
                                         (350, 324, "0,00"),
                                         (40, 400, "Totale imponibile -2.340,10 Totale IVA -492,82"),
                                         (40, 412, "Totale documento -2.832,92")))
    rows = doc.field_value("vat_lines")
    assert [(r["rate"], r["taxable_amount"], r["vat_amount"], r["nature"]) for r in rows] == [
        (Decimal("22.00"), Decimal("-2240.10"), Decimal("-492.82"), None),
        (Decimal("0.00"), Decimal("-100.00"), Decimal("0.00"), "N4")]


def test_the_nature_of_a_single_zero_rate_is_the_documents_only_nature_code(ctx):
    doc = read(ctx, "fattura", page(*LETTERHEAD, *CUSTOMER_RIGHT, (40, 180, "Fattura n. 5 del 01/02/2024"),
                                    (40, 400, "Imponibile 50,70"), (40, 412, "IVA 0,00"), (40, 424, "Totale 50,70"),
                                    (40, 500, "Operazione non imponibile art. 8 (N3.1)")))
    assert doc.field_value("vat_lines") == [{"rate": Decimal("0.00"), "taxable_amount": Decimal("50.70"),
                                             "vat_amount": Decimal("0.00"), "nature": "N3.1"}]


def test_a_contract_names_its_customer_in_prose(ctx):
    doc = read(ctx, None, page((40, 40, "CONTRATTO DI APPALTO"), (40, 60, "tra"),
                               (40, 72, "Bianchi S.p.A., con sede in Torino, Via Verdi 2, P.IVA 01533030183,"),
                               (40, 84, "nel seguito «Committente»"), (40, 96, "e"),
                               (40, 108, "Rossi Forniture S.r.l., con sede in Milano, P.IVA 00743110157,"),
                               (40, 120, "nel seguito «Appaltatore»"), (40, 400, "Milano, 2 gennaio 2025")))
    assert doc.field_value("customer_name") == "Bianchi S.p.A."
    assert doc.field_value("customer_vat") == "01533030183"


def test_a_letter_without_a_marker_is_addressed_to_the_block_with_an_address(ctx):
    doc = read(ctx, "lettera", page(*LETTERHEAD, (330, 100, "Maria De Luca"), (330, 112, "Via Verdi 2"),
                                    (330, 124, "10121 Torino (TO)"), (40, 200, "Torino (TO), 14 marzo 2024"),
                                    (40, 230, "Oggetto: rinnovo contratto"), (40, 250, "Gentile Cliente,"),
                                    (40, 262, "Le scriviamo per informarLa del rinnovo."), (40, 280, "Distinti saluti")))
    assert doc.field_value("recipient") == "Maria De Luca"
    assert doc.field_value("sender") == "Rossi Forniture S.r.l."
    assert doc.field_value("subject") == "rinnovo contratto"


def test_a_province_code_is_not_a_subject_label(ctx):
    doc = read(ctx, "lettera", page(*LETTERHEAD, *CUSTOMER_RIGHT, (330, 148, "42121 Reggio Emilia (RE)"),
                                    (40, 230, "Oggetto: sollecito")))
    assert doc.field_value("subject") == "sollecito"
