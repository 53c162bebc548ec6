"""The document's own title against the words of its lines: real PDFs and a real scan, read by the text stage.

Each document here is made for the test, and in each the title and the
distractors disagree: the title must win, for the title reader alone and for
the shipped model that combines it with the text.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from demat.classifiers import doctype
from demat.classifiers.routing import load_rules
from demat.classifiers.title import read_code, read_title
from demat.extractors import text as text_stage
from demat.kernel.config import ClassifierSettings, load_config
from demat.kernel.document import Document, Page, StageContext
from demat.kernel.schema import SCHEMA
from demat.pipeline.executor import SerialExecutor

THRESHOLD = ClassifierSettings().review_threshold
Line = tuple[float, float, float, str]  # x mm, y mm from the top, font size, text

LETTERHEAD: list[Line] = [(18, 20, 14, "Ferramenta Gualtieri & Figli S.n.c."),
                          (18, 26, 8, "Via Emilia Est 212 - 41122 Modena - P.IVA 02914370364"),
                          (120, 40, 9, "Spett.le Officine Bertolani S.r.l."),
                          (120, 45, 9, "Via del Lavoro 7 - 42124 Reggio Emilia")]


def invoice_with_order_reference() -> list[Line]:
    """The issue's letterhead invoice: its title is a small line, an item line names an order."""
    return LETTERHEAD + [
        (18, 60, 10, "Fattura differita n. V25-1384 del 26.03.2025"),
        (18, 72, 8, "Descrizione                                   Q.tà    Prezzo    Importo"),
        (18, 78, 9, "Bulloneria M8 zincata (rif. Vs. ordine 655)        200      0,12      24,00"),
        (18, 83, 9, "Chiavi a brugola set 9 pz - Vs. ordine n. 655        4      8,50      34,00"),
        (18, 88, 9, "Trasporto come da Vs. ordine del 12/03/2025           1     15,00      15,00"),
        (18, 100, 9, "Imponibile 73,00   IVA 22% 16,06   Totale documento 89,06"),
        (18, 106, 9, "Pagamento: bonifico a 30 gg d.f. - IBAN IT60X0542811101000000123456"),
    ]


def credit_note_in_a_header_grid() -> list[Line]:
    """NOTA CREDITO only in a cell under its caption; the lines talk about the invoice it corrects."""
    return LETTERHEAD + [
        (18, 58, 6.5, "Tipo documento"), (60, 58, 6.5, "Numero"), (95, 58, 6.5, "Data"), (130, 58, 6.5, "Cod. cliente"),
        (18, 63, 9.5, "NOTA CREDITO"), (60, 63, 9.5, "NC-2025-0042"), (95, 63, 9.5, "14/04/2025"),
        (130, 63, 9.5, "C0981"),
        (18, 76, 9, "Rif. fattura n. 2025/318 del 02/04/2025 - fattura di vendita"),
        (18, 82, 9, "Reso merce non conforme da fattura 2025/318          -120,00"),
        (18, 88, 9, "Imponibile -120,00   IVA 22% -26,40   Totale fattura da stornare -146,40"),
    ]


def proforma_not_valid_for_tax() -> list[Line]:
    """A proforma full of invoice words, as a proforma announces the invoice to come."""
    return LETTERHEAD + [
        (75, 58, 14, "FATTURA PROFORMA"),
        (18, 66, 9, "Numero 17/PF   Data 03/02/2025"),
        (18, 76, 9, "Anticipo del 30% sulla fornitura: la fattura sarà emessa al saldo"),
        (18, 82, 9, "Imponibile 1.000,00   IVA 22% 220,00   Totale fattura 1.220,00"),
        (18, 90, 9, "Documento non valido ai fini fiscali. Fattura definitiva al ricevimento del pagamento."),
    ]


def quote_titled_offerta() -> list[Line]:
    """A quote whose only type word is OFFERTA; its lines speak of orders, deposits and invoices."""
    return LETTERHEAD + [
        (18, 58, 13, "OFFERTA N. 88/2025"),
        (18, 66, 9, "Milano, 10/01/2025 - valida 30 giorni"),
        (18, 76, 9, "Fornitura e posa pavimento in gres 120 mq            4.800,00"),
        (18, 82, 9, "Acconto del 30% all'ordine, saldo a fine lavori su fattura"),
        (18, 88, 9, "Per accettazione dell'ordine restituire firmata la presente"),
    ]


def write_pdf(lines: list[Line], path: Path) -> Path:
    canvas = Canvas(str(path), pagesize=(210 * mm, 297 * mm), invariant=1)
    for x, y, size, text in lines:
        canvas.setFont("Helvetica-Bold" if size >= 13 else "Helvetica", size)
        canvas.drawString(x * mm, (297 - y) * mm, text)
    canvas.save()
    return path


def scan_of(pdf: Path, path: Path) -> Path:
    page = pdfium.PdfDocument(pdf)[0]
    page.render(scale=250 / 72).to_pil().convert("L").save(path)
    return path


def read(path: Path, tmp_path: Path) -> Document:
    ctx = StageContext(config=load_config(tmp_path, environ={}), executor=SerialExecutor(), work_dir=tmp_path)
    return text_stage.run(Document(path=path, original_name=path.name), ctx)


def classified(doc: Document, tmp_path: Path) -> Document:
    ctx = StageContext(config=load_config(tmp_path, environ={}), executor=SerialExecutor(), work_dir=tmp_path)
    return doctype.run(doc, ctx)


CASES = {
    "invoice with orders in its lines": (invoice_with_order_reference, "fattura"),
    "credit note in a header grid": (credit_note_in_a_header_grid, "nota_credito"),
    "proforma not valid for tax": (proforma_not_valid_for_tax, "proforma"),
    "quote titled OFFERTA": (quote_titled_offerta, "preventivo"),
}


@pytest.mark.parametrize("case", CASES)
def test_the_title_names_the_type_over_the_distractors(case, tmp_path):
    make, expected = CASES[case]
    doc = read(write_pdf(make(), tmp_path / "doc.pdf"), tmp_path)
    assert doc.pages[0].words  # a born-digital page: the title reader sees sizes and positions
    title = read_title(doc.pages)
    assert title is not None and title.label == expected
    c = classified(doc, tmp_path).classification
    assert c.label == expected, c.alternatives
    assert c.confidence >= THRESHOLD  # routed, not sent to review


def test_layout_makes_a_title_stronger(tmp_path):
    """The same words, once as a large heading and once in body size: the heading weighs more."""
    heading = read(write_pdf(quote_titled_offerta(), tmp_path / "a.pdf"), tmp_path)
    small = [(x, y, 9 if text.startswith("OFFERTA") else size, text.title() if text.startswith("OFFERTA") else text)
             for x, y, size, text in quote_titled_offerta()]
    body_size = read(write_pdf(small, tmp_path / "b.pdf"), tmp_path)
    assert read_title(heading.pages).strength > read_title(body_size.pages).strength > 0


def test_a_scanned_invoice_is_typed_by_its_title(tmp_path):
    """Real OCR: the boxes come from tesseract, the title still beats the order references."""
    pdf = write_pdf(invoice_with_order_reference(), tmp_path / "invoice.pdf")
    doc = read(scan_of(pdf, tmp_path / "invoice.png"), tmp_path)
    assert doc.pages[0].source == "ocr" and doc.pages[0].words
    assert read_title(doc.pages).label == "fattura"
    assert classified(doc, tmp_path).classification.label == "fattura"


@pytest.mark.parametrize("text,expected", [
    ("Mario Rossi S.r.l.\nDOCUMENTO DI TRASPORTO n. 12\nCausale: vendita\nrif. ordine n. 8 e fattura n. 9", "ddt"),
    ("Spett.le Ditta\nCONFERMA D'ORDINE n. 31\nCome da Vs. preventivo n. 4 e offerta del 3/3", "ordine"),
    ("Muster GmbH\nRECHNUNG Nr. 2025-118\nIhre Bestellung Nr. 55 vom 02.03.2025", "fattura"),
    ("Muster GmbH\nGutschrift Nr. 7\nzu Rechnung Nr. 2025-118", "nota_credito"),
])
def test_title_from_the_first_lines_of_a_page_without_boxes(text, expected):
    assert read_title([Page(1, text)]).label == expected


@pytest.mark.parametrize("text,expected", [
    ("FATTURA ELETTRONICA\nTipo documento: Nota di credito\nrif. fattura n. 7 del 02/01/2025", "nota_credito"),
    ("FATTURA\nELETTRONICA\nTipologia documento\nNota di credito n. 5\nStorno fattura 3", "nota_credito"),
    ("Fattura PA\nDocumento: nota di credito n. 4 del 3/3/2025", "nota_credito"),
    ("FATTURA ELETTRONICA\nTipologia documento\nTD24 fattura differita n. 118", "fattura"),
])
def test_a_captioned_type_beats_the_format_banner(text, expected):
    title = read_title([Page(1, text)])
    assert title.label == expected and title.captioned


@pytest.mark.parametrize("text,expected", [
    ("Copia di cortesia\nTipologia documento TD04\nNumero 12 del 01/02/2025\nrif. fattura n. 7", "nota_credito"),
    ("Copia di cortesia\nTipologia documento TD01\nNumero 12 del 01/02/2025\nrif. Vs. ordine 655", "fattura"),
    ("FATTURA ELETTRONICA\nTipo documento: TD08\nrif. fattura n. 7", "nota_credito"),
    ("FATTURA ELETTRONICA\nVersione FPR12\nCedente/prestatore\n" + "Dati anagrafici\n" * 20
     + "Tipologia documento  Art. 73  Numero documento\nTD04 nota di credito  12  01/02/2025", "nota_credito"),
    ("FATTURA ELETTRONICA\nTipo: TD-24\nrif. nota di credito n. 2", "fattura"),
    ("FATTURA ELETTRONICA\nTipologia documento TDO4 (read by an OCR)\nrif. fattura n. 7", "nota_credito"),
])
def test_the_tipodocumento_code_is_read_apart_from_the_title(text, expected):
    assert read_code([Page(1, text)]).label == expected


@pytest.mark.parametrize("text", [
    "Spett.le Ditta\nOggetto: fattura n. 12 non pagata\nCon la presente vi sollecitiamo il pagamento",
    "Bulloneria M8 (rif. Vs. ordine 655)\nrif. fattura n. 7\nVs. ordine n. 3",
    "Fattura pagata con bonifico il giorno della consegna presso il vostro magazzino centrale",
])
def test_mentions_and_sentences_are_not_titles(text):
    assert read_title([Page(1, text)]) is None


def test_a_till_receipt_is_a_ricevuta_for_amministrazione(tmp_path):
    lines = [(8, 10, 10, "LIBRERIA DEL PORTO"), (8, 15, 8, "di Anna Ferri - Molo Vecchio 3, Genova"),
             (8, 19, 8, "P.IVA 01827310990"), (8, 27, 9, "DOCUMENTO COMMERCIALE"),
             (8, 31, 8, "di vendita o prestazione"), (8, 38, 8, "ROMANZO TASCABILE      4%     12,90"),
             (8, 42, 8, "AGENDA 2025            22%     9,50"), (8, 48, 9, "TOTALE COMPLESSIVO      22,40"),
             (8, 52, 8, "di cui IVA               2,21"), (8, 56, 8, "PAGAMENTO ELETTRONICO   22,40"),
             (8, 62, 8, "12-11-2025 17:41  DOC. N. 0188-0042"), (8, 66, 8, "RT 96MEX004410")]
    doc = classified(read(write_pdf(lines, tmp_path / "scontrino.pdf"), tmp_path), tmp_path)
    assert doc.classification.label == "ricevuta", doc.classification.alternatives
    assert doc.classification.confidence >= THRESHOLD
    assert load_rules().route(doc)[0] == "amministrazione"


UNFAMILIAR = {
    "minutes": [(18, 20, 11, "Verbale di riunione del comitato tecnico"),
                (18, 30, 9, "Presenti: Bianchi, Verdi, Neri. Assenti giustificati: Gialli."),
                (18, 36, 9, "Si discute dell'organizzazione del magazzino, dei turni estivi e della mensa."),
                (18, 42, 9, "Si decide di rinviare la scelta del fornitore alla prossima seduta."),
                (18, 48, 9, "La seduta è tolta alle ore 18:30.")],
    "safety data sheet": [(18, 20, 13, "SCHEDA DATI DI SICUREZZA"),
                          (18, 30, 9, "Sezione 1: identificazione della sostanza o della miscela"),
                          (18, 36, 9, "Nome commerciale: Sgrassatore universale SG-40"),
                          (18, 42, 9, "Sezione 2: identificazione dei pericoli - H315 provoca irritazione cutanea"),
                          (18, 48, 9, "Conservare in luogo fresco, lontano da fonti di calore.")],
    "staff notice": [(18, 20, 11, "Circolare interna n. 4/2025"), (18, 30, 9, "A tutto il personale"),
                     (18, 36, 9, "Oggetto: chiusura estiva degli uffici e turni di presidio"),
                     (18, 42, 9, "Gli uffici resteranno chiusi dall'11 al 22 agosto; il magazzino resta aperto."),
                     (18, 52, 9, "La Direzione")],
}


@pytest.mark.parametrize("kind", UNFAMILIAR)
def test_an_unfamiliar_document_goes_to_review(kind, tmp_path):
    """No title and a vocabulary no type owns: the model must not be sure of a guess."""
    doc = read(write_pdf(UNFAMILIAR[kind], tmp_path / "doc.pdf"), tmp_path)
    c = classified(doc, tmp_path).classification
    assert c.confidence < THRESHOLD, c.alternatives


@pytest.mark.parametrize("code", [c for c, t in SCHEMA.types.items() if t.source == "text"])
def test_every_type_is_titled_by_its_names_in_the_schema(code):
    """The headings come from the schema: a type added there is read without an edit in classifiers."""
    for name in SCHEMA.types[code].all_titles:
        title = read_title([Page(1, f"Officine Bertolani S.r.l.\n{name.upper()} n. 118 del 03/02/2025")])
        assert title is not None and title.label == code, name


@pytest.mark.parametrize("text", [
    "LIBRERIA DEL PORTO\nROMANZO TASCABILE    12,90\nAVOIR                -2,00\nTOTAL                10,90",
    "Officine Bertolani S.r.l.\nRicevuta bancaria n. 3 scadenza 30/04/2025",
])
def test_item_lines_and_payment_methods_are_not_titles(text):
    assert read_title([Page(1, text)]) is None


@pytest.mark.parametrize("text", ["Copia di cortesia\nTipologia documento\nTD04Nota di credito\nrif. fattura 7",
                                  "FATTURAELETTRONICA\nTipologiadocumentoTD04Notadicredito\nNumero12"])
def test_a_text_layer_that_glues_words_still_gives_code_and_title(text):
    """Some PDF text layers leave the spaces out between the words of a cell, or between cells."""
    assert read_code([Page(1, text)]).label == "nota_credito"
    assert read_title([Page(1, text)]).label == "nota_credito"


def credit_note_copy_as_a_caption_value_list() -> list[Line]:
    """A courtesy copy under a FATTURA ELETTRONICA banner, everything in caption / value rows, the type
    beside its caption below the head of the page; its lines read like an invoice's."""
    rows = [("Identificativo del trasmittente", "IT02914370364"), ("Progressivo di invio", "00A41"),
            ("Formato trasmissione", "FPR12"), ("Denominazione", "Ferramenta Gualtieri & Figli S.n.c."),
            ("Identificativo fiscale ai fini IVA", "IT02914370364"), ("Indirizzo", "Via Emilia Est 212"),
            ("Comune", "Modena (MO) 41122"), ("Denominazione", "Officine Bertolani S.r.l."),
            ("Identificativo fiscale ai fini IVA", "IT01827310990"), ("Indirizzo", "Via del Lavoro 7"),
            ("Comune", "Reggio Emilia (RE) 42124"), ("Codice destinatario", "M5UXCR1"),
            ("Regime fiscale", "RF01 ordinario"), ("Esigibilità IVA", "immediata"),
            ("Modalità di pagamento", "MP05 bonifico"), ("IBAN", "IT60X0542811101000000123456"),
            ("Tipo documento", "Nota di credito"), ("Numero documento", "NC-42"), ("Data documento", "2025-04-14")]
    lines: list[Line] = [(18, 15, 12, "FATTURA ELETTRONICA")]
    for i, (caption, value) in enumerate(rows):
        lines += [(18, 30 + 7 * i, 8, caption), (95, 30 + 7 * i, 8, value)]
    return lines + [(18, 175, 8, "1  Bulloneria M8 zincata      200   0.12   22.00   24.00"),
                    (18, 181, 8, "2  Chiavi a brugola set 9 pz    4   8.50   22.00   34.00"),
                    (18, 190, 9, "Totale documento EUR 70.76")]


def test_a_captioned_type_low_on_the_page_beside_its_caption_types_the_copy(tmp_path):
    doc = read(write_pdf(credit_note_copy_as_a_caption_value_list(), tmp_path / "copia.pdf"), tmp_path)
    assert doc.pages[0].words and doc.pages[0].words[-1].box[1] > 0.45 * doc.pages[0].height
    title = read_title(doc.pages)
    assert title.label == "nota_credito" and title.captioned
    c = classified(doc, tmp_path).classification
    assert c.label == "nota_credito", c.alternatives


RECEIPTS = {
    "a discount printed negative, paid by credit card": [
        (8, 10, 10, "FERRAMENTA BONDI"), (8, 15, 8, "Via Garibaldi 12 - Lecce"), (8, 19, 8, "P.IVA 04412870759"),
        (8, 27, 9, "DOCUMENTO COMMERCIALE"), (8, 31, 8, "di vendita o prestazione"),
        (8, 38, 8, "VITI 4X40 CF            22%      3,90"), (8, 42, 8, "NASTRO ADESIVO          22%      2,50"),
        (8, 46, 8, "SCONTO 10%                      -0,64"), (8, 52, 9, "TOTALE COMPLESSIVO               5,76"),
        (8, 56, 8, "di cui IVA                       1,04"), (8, 60, 8, "CARTA DI CREDITO                 5,76"),
        (8, 66, 8, "03-02-2025 10:12  DOC. N. 0031-0007")],
    "a till abroad": [
        (8, 10, 10, "THE CORNER CAFE"), (8, 15, 8, "12 High Street, Bath"), (8, 19, 8, "VAT No. GB 284 1736 09"),
        (8, 27, 9, "RECEIPT"), (8, 34, 8, "FLAT WHITE                       3.40"),
        (8, 38, 8, "CROISSANT                        2.80"), (8, 42, 8, "DISCOUNT                        -0.62"),
        (8, 48, 9, "TOTAL GBP                        5.58"), (8, 52, 8, "VISA CREDIT                      5.58"),
        (8, 56, 8, "VAT 20%                          0.93"), (8, 62, 8, "14/03/2025 08:41  Till 2  Trans 4471"),
        (8, 66, 8, "Thank you, please call again")],
}


@pytest.mark.parametrize("kind", RECEIPTS)
def test_a_receipt_with_a_till_s_words_is_a_ricevuta(kind, tmp_path):
    """Negative lines and a credit card are a till's words, not a credit note's or an invoice's."""
    doc = classified(read(write_pdf(RECEIPTS[kind], tmp_path / "scontrino.pdf"), tmp_path), tmp_path)
    assert doc.classification.label == "ricevuta", doc.classification.alternatives
