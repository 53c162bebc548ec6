"""What a browser prints of an e-invoice's courtesy copy (the tuned C0, issue 11's round 22): HTML tables whose
captions stand at the left of their cells and whose figures at the right, printed by headless Chromium and read
from the PDF's text layer. A figure at the right of the last cell belongs to its caption ("Totale documento"
over "1.443,65" at the table's edge), a VAT summary's figures to the captions they stand under the cells of
(not to the next caption they are nearer to), and a title over the transmission's data numbers nothing."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal

import pytest

from demat.extractors import fields, text
from demat.kernel.document import Classification, Document
from demat.samples.grammar.corpus import write_document
from demat.samples.grammar.courtesy import invoice_xml, print_pdf, render_pdf

pytestmark = pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
STYLE = ("<style>body { font-family: sans-serif; font-size: 9px; } table { border-collapse: collapse; width: 100%;"
         " margin-bottom: 6px; } td, th { border: 1px solid #000; padding: 1px 3px; } th { background: #ddd;"
         " text-align: left; } td.n { text-align: right; }</style>")


def table(captions: list[str], *rows: list[str], numeric: tuple[int, ...] = ()) -> str:
    head = "".join(f"<th>{c}</th>" for c in captions)
    body = "".join("<tr>" + "".join(f"<td{' class=n' if i in numeric else ''}>{v}</td>" for i, v in enumerate(row))
                   + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


PARTIES = table(["Cedente/prestatore (fornitore)", "Cessionario/committente (cliente)"],
                ["Identificativo fiscale ai fini IVA: IT02104370016<br>Denominazione: Fontana Meccanica S.r.l.",
                 "Identificativo fiscale ai fini IVA: IT01533030183<br>Denominazione: Bianchi S.p.A."])
DOCUMENT = table(["Tipologia documento", "Art. 73", "Numero documento", "Data documento", "Codice destinatario"],
                 ["TD01 (fattura)", "", "A/100", "29-09-2023", "QTKCZDR"])
LINES = table(["Nr.", "Descrizione", "Quantità", "Prezzo unitario", "%IVA", "Prezzo totale"],
              ["1", "Olio idraulico ISO 46", "12,00", "29,09", "10,00", "349,13"],
              ["2", "Noleggio piattaforma aerea", "2,00", "509,43", "4,00", "1.018,86"], numeric=(2, 3, 4, 5))
SUMMARY = table(["Esigibilità IVA / riferimenti normativi", "%IVA", "Totale imponibile", "Totale imposta"],
                ["I (esigibilità immediata)", "10,00", "349,13", "34,91"],
                ["I (esigibilità immediata)", "4,00", "1.018,86", "40,75"], numeric=(1, 2, 3))
TOTALS = table(["Importo bollo", "Sconto/Maggiorazione", "Divisa", "Totale documento"],
               ["", "", "EUR", "1.443,65"], numeric=(3,))


def read_copy(ctx, tmp_path, *blocks: str) -> Document:
    path = tmp_path / "copia.pdf"
    path.write_bytes(print_pdf(f"<!DOCTYPE html><html><head><meta charset='utf-8'>{STYLE}</head><body>"
                               f"{''.join(blocks)}</body></html>"))
    doc = text.run(Document(path=path, original_name=path.name), ctx)
    doc.classification = Classification("fattura", 0.99)
    return fields.run(doc, ctx)


def test_the_total_at_the_right_of_the_last_cell_is_its_captions(ctx, tmp_path):
    doc = read_copy(ctx, tmp_path, "<h1>FATTURA ELETTRONICA</h1>", PARTIES, DOCUMENT, LINES, TOTALS)
    assert doc.field_value("total") == Decimal("1443.65")


def test_a_summarys_figures_belong_to_the_captions_whose_cells_they_end(ctx, tmp_path):
    doc = read_copy(ctx, tmp_path, "<h1>FATTURA ELETTRONICA</h1>", PARTIES, DOCUMENT, LINES, SUMMARY, TOTALS)
    assert doc.field_value("vat_lines") == [
        {"rate": Decimal("10.00"), "taxable_amount": Decimal("349.13"), "vat_amount": Decimal("34.91"), "nature": None},
        {"rate": Decimal("4.00"), "taxable_amount": Decimal("1018.86"), "vat_amount": Decimal("40.75"), "nature": None}]
    assert (doc.field_value("taxable_amount"), doc.field_value("vat_amount")) == (Decimal("1367.99"), Decimal("75.66"))


@pytest.mark.parametrize("title, boxes", [
    ("Documento di cortesia della fattura elettronica",
     [table(["Identificativo trasmittente", "Progressivo invio", "Formato trasmissione"],
            ["IT02104370016", "000QL", "FPR12"]), PARTIES]),
    ("FATTURA ELETTRONICA", [table(["Dati del cedente / prestatore"], ["P.IVA IT02104370016"]), PARTIES])])
def test_a_title_over_the_transmissions_data_numbers_nothing(ctx, tmp_path, title, boxes):
    doc = read_copy(ctx, tmp_path, f"<h1>{title}</h1>", *boxes, DOCUMENT, LINES, SUMMARY, TOTALS)
    assert (doc.field_value("number"), doc.field_value("date")) == ("A/100", dt.date(2023, 9, 29))


def test_a_number_under_captions_run_together_opens_under_the_captions_first_word(ctx, tmp_path):
    """Cells a browser pads by a few points leave "Numero documento Data documento" one cell: the number
    ("NC 1580/2025", left in its cell) starts under "Numero", not under "documento" (C0's copy of seed 965)."""
    _, xml, expected, _ = invoice_xml(965)
    path = tmp_path / "copia.pdf"
    path.write_bytes(render_pdf("C0", xml, 965))
    doc = text.run(Document(path=path, original_name=path.name), ctx)
    doc.classification = Classification("nota_credito", 0.99)
    assert fields.run(doc, ctx).field_value("number") == expected["number"] == "NC 1580/2025"


def test_a_rate_with_its_sign_beats_the_figure_a_narrow_gap_joined_to_it(ctx, tmp_path):
    """Guard for the summary's columns read by their cells (the tuned G16's boxes, seed 977): "Totale fattura"
    heads no VAT column, and its "10,11" joined to the rate's "10%" under "Aliquota IVA" is no rate."""
    [expected] = write_document(tmp_path, "G16", 977, kinds=("born_digital",))
    data = json.loads(expected.read_text(encoding="utf-8"))
    doc = text.run(Document(path=tmp_path / data["file"], original_name=data["file"]), ctx)
    doc.classification = Classification(data["type"], 0.99)
    assert [row["rate"] for row in fields.run(doc, ctx).field_value("vat_lines")] == [Decimal("10.00")]


def test_a_payment_code_a_scan_misread_beats_a_methods_word_in_an_item(ctx, tmp_path):
    """"MPO5" (MP05 with its 0 read as an O, as a scan of C0's payment table gave it) under "Modalità pagamento"
    names the bonifico; "Carta A4" in an item's description names no method of payment."""
    items = table(["Nr.", "Descrizione", "Quantità", "Prezzo unitario", "%IVA", "Prezzo totale"],
                  ["1", "Carta A4 80 g/m² (risma 500 fogli)", "12,00", "29,09", "10,00", "349,13"],
                  ["2", "Noleggio piattaforma aerea", "2,00", "509,43", "4,00", "1.018,86"], numeric=(2, 3, 4, 5))
    payment = table(["Modalità pagamento", "IBAN", "Data scadenza", "Importo"],
                    ["MPO5", "IT60X0542811101000000123456", "29-10-2023", "1.443,65"], numeric=(3,))
    doc = read_copy(ctx, tmp_path, "<h1>FATTURA ELETTRONICA</h1>", PARTIES, DOCUMENT, items, SUMMARY, TOTALS, payment)
    assert doc.field_value("payment_method") == "bonifico"


def test_the_cell_under_a_caption_comes_before_a_neighbours_figure_at_the_right_of_its_cell(ctx, tmp_path):
    """C0's copy of seed 966, one 0% row (N5): "0,00" at the right of the %IVA cell comes within a character of
    "Totale imponibile", whose own cell below holds "7,78": that one is the imponibile, the 0,00 the imposta."""
    _, xml, expected, doc_type = invoice_xml(966)
    path = tmp_path / "copia.pdf"
    path.write_bytes(render_pdf("C0", xml, 966))
    doc = text.run(Document(path=path, original_name=path.name), ctx)
    doc.classification = Classification(doc_type, 0.99)
    doc = fields.run(doc, ctx)
    assert (doc.field_value("taxable_amount"), doc.field_value("vat_amount")) == (Decimal("7.78"), Decimal("0.00"))
    assert (str(doc.field_value("taxable_amount")), str(doc.field_value("vat_amount"))) == (
        expected["taxable_amount"], expected["vat_amount"])
