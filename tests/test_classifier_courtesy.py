"""Courtesy copies of a FatturaPA: the banner says FATTURA ELETTRONICA whatever the type; the
TipoDocumento code and the name in the type box say which type it is.

Each copy is drawn here (real PDF, read by the text stage, typed by the shipped
model), with its lines and banner pulling towards the other type, or is our own
generator's XML printed by the real stylesheets of ../shared/fixtures (Chromium).
"""

from __future__ import annotations

import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from demat.classifiers.calibration import scale
from demat.classifiers.model import first_pages_text, load_model
from demat.classifiers.title import read_code, read_title
from demat.extractors.fatturapa import DOCUMENT_TYPES
from demat.kernel.document import Page
from demat.kernel.schema import SCHEMA
from demat.samples.generator import make_spec, render_pdf
from demat.samples.generator.fatturapa import fatturapa_xml
from demat.samples.grammar import courtesy as stylesheets
from demat.training.courtesy import FAMILIES, courtesy_spec
from demat.training.training_set import courtesy_samples
from tests.test_classifier_title import THRESHOLD, classified, read, write_pdf

PARTIES = [(15, 20, 13, "FATTURA ELETTRONICA"), (150, 20, 7, "Versione FPR12"),
           (15, 32, 8, "Cedente/prestatore (fornitore)"), (108, 32, 8, "Cessionario/committente (cliente)"),
           (15, 37, 8, "Tipografia Lanzoni S.r.l."), (108, 37, 8, "Studio Associato Ferretti"),
           (15, 41, 8, "Identificativo fiscale ai fini IVA: IT03318260402"),
           (108, 41, 8, "Identificativo fiscale ai fini IVA: IT02211870351")]
LINES = [(15, 80, 7.5, "Descrizione                                            Quantità  Prezzo  %IVA  Totale"),
         (15, 85, 7.5, "Stampa cataloghi 24 pagine come da fattura n. 2025/77       500    1,20    22   600,00"),
         (15, 89, 7.5, "Rif. ordine n. 31 del 04/02/2025 - fattura di vendita"),
         (15, 98, 9, "Imponibile 600,00   IVA 132,00   Totale documento 732,00"),
         (15, 104, 7.5, "Modalità pagamento: bonifico - IBAN IT60X0542811101000000123456")]


def courtesy_copy(type_box: str) -> list[tuple[float, float, float, str]]:
    """A copy with the format's banner, a grid whose cell under `Tipologia documento` is `type_box`,
    and lines that name an invoice."""
    return PARTIES + [(15, 60, 7, "Tipologia documento"), (62, 60, 7, "Numero documento"),
                      (100, 60, 7, "Data documento"), (140, 60, 7, "Codice destinatario"),
                      (15, 65, 8.5, type_box), (62, 65, 8.5, "NC-2025-0009"), (100, 65, 8.5, "2025-03-14"),
                      (140, 65, 8.5, "M5UXCR1")] + LINES


def test_a_credit_note_copy_under_a_fattura_banner_is_a_credit_note(tmp_path):
    doc = read(write_pdf(courtesy_copy("TD04 nota di credito"), tmp_path / "copia.pdf"), tmp_path)
    assert read_title(doc.pages).label == "nota_credito" and read_code(doc.pages).label == "nota_credito"
    c = classified(doc, tmp_path).classification
    assert c.label == "nota_credito", c.alternatives
    assert c.confidence >= THRESHOLD


@pytest.mark.parametrize("code,expected", [("TD04", "nota_credito"), ("TD01", "fattura"), ("TD24", "fattura"),
                                           ("TD06", "fattura")])
def test_the_code_alone_types_the_copy(code, expected, tmp_path):
    """Only the code in the type box: no name, the banner and the lines say invoice (or credit note)."""
    distractor = [(15, 93, 7.5, "Storno nota di credito n. 4 del 01/03/2025")] if expected == "fattura" else []
    doc = read(write_pdf(courtesy_copy(code) + distractor, tmp_path / "copia.pdf"), tmp_path)
    assert read_code(doc.pages).label == expected
    c = classified(doc, tmp_path).classification
    assert c.label == expected, c.alternatives


def test_the_name_alone_under_its_caption_types_the_copy(tmp_path):
    doc = read(write_pdf(courtesy_copy("Nota di credito"), tmp_path / "copia.pdf"), tmp_path)
    assert read_code(doc.pages) is None
    assert classified(doc, tmp_path).classification.label == "nota_credito"


@pytest.mark.parametrize("family", FAMILIES)
def test_training_copies_read_back_with_their_type(family, tmp_path):
    """The copies the model learns from, rendered and read as any PDF: the type box is found, or
    nothing is when the copy leaves it out (K1 shows the XML whole: its type is always there)."""
    for label in ("fattura", "nota_credito"):
        spec = courtesy_spec(label, family, seed=3)
        render_pdf(spec, tmp_path / f"{label}.pdf")
        pages = read(tmp_path / f"{label}.pdf", tmp_path).pages
        found = [evidence.label for evidence in (read_code(pages), read_title(pages)) if evidence]
        if spec.name.endswith("-senza-tipo") and family != "K1":
            assert not found
        else:
            assert found and set(found) == {label}
        assert any(w.text.upper().startswith(("FATTURA", "DOCUMENTO", "COPIA")) for w in pages[0].words)


def test_courtesy_samples_carry_word_boxes_families_and_both_types():
    samples = courtesy_samples(2, seed=5)
    assert {(s.family, s.label) for s in samples} == {(f, t) for f in FAMILIES for t in ("fattura", "nota_credito")}
    assert all(s.source == "courtesy" and s.pages[0].words for s in samples)
    assert len({s.text for s in samples}) == len(samples)


def test_a_copy_drawn_word_by_word_is_typed_by_its_glued_type_box(tmp_path):
    """A renderer that places each word on its own leaves no space characters: at small sizes the
    text layer reads `TipologiadocumentoTD04notadicredito`, and the type must still be found."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "copia.pdf"
    canvas = Canvas(str(path), pagesize=(210 * mm, 297 * mm), invariant=1)
    for x, y, size, text in courtesy_copy("TD04 nota di credito"):
        canvas.setFont("Helvetica", size)
        left = x * mm
        for word in text.split():
            canvas.drawString(left, (297 - y) * mm, word)
            left += stringWidth(word + " ", "Helvetica", size)
    canvas.save()
    doc = read(path, tmp_path)
    assert "TD04nota" in doc.text.replace(" ", "")  # the words are glued
    assert read_code(doc.pages).label == "nota_credito"
    assert classified(doc, tmp_path).classification.label == "nota_credito"


def test_the_tipodocumento_table_is_the_schema_s_for_the_reader_and_the_copies():
    """One table of codes, in the schema of the domain: the FatturaPA reader and the type reader agree
    on every code (TD04, TD08 credit notes; debit notes, parcelle, differite, integrazioni invoices)."""
    assert DOCUMENT_TYPES is SCHEMA.fatturapa_types
    assert {SCHEMA.fatturapa_types[c] for c in ("TD04", "TD08")} == {"nota_credito"}
    for code, label in SCHEMA.fatturapa_types.items():
        assert read_code([Page(1, f"Tipologia documento {code}")]).label == label, code


def write_pages(pages: list[list[tuple[float, float, float, str]]], path):
    canvas = Canvas(str(path), pagesize=(210 * mm, 297 * mm), invariant=1)
    for lines in pages:
        for x, y, size, text in lines:
            canvas.setFont("Helvetica", size)
            canvas.drawString(x * mm, (297 - y) * mm, text)
        canvas.showPage()
    canvas.save()
    return path


def test_a_copy_that_prints_its_type_on_the_second_page_is_typed_by_it(tmp_path):
    """A stylesheet that prints the transmission and the parties first fills page 1 with them: the
    type box ("Tipologia documento: TD04 (nota di credito)") is on page 2, under lines about an invoice."""
    first = [(15, 20, 13, "FATTURA ELETTRONICA"), (15, 27, 8, "Versione FPR12"),
             (15, 36, 9, "Dati relativi alla trasmissione"), (15, 42, 8, "Progressivo di invio: 00A1F"),
             (15, 47, 8, "Formato Trasmissione: FPR12"), (15, 52, 8, "Codice identificativo destinatario: M5UXCR1")]
    for top, role in ((64, "cedente / prestatore"), (150, "cessionario / committente")):
        first += [(15, top, 9, f"Dati del {role}"), (15, top + 6, 8, "Dati anagrafici")]
        first += [(15, top + 11 + 5 * i, 8, line) for i, line in enumerate(PARTY_LINES)]
    second = [(15, 20, 8, "Versione FPR12"), (15, 28, 9, "Dati generali del documento"),
              (15, 34, 8, "Tipologia documento: TD04 (nota di credito)"), (15, 39, 8, "Valuta importi: EUR"),
              (15, 44, 8, "Data documento: 2025-03-14 (14 Marzo 2025)"), (15, 49, 8, "Numero documento: 2025/118"),
              (15, 58, 9, "Dati relativi alle linee di dettaglio della fornitura"),
              (15, 64, 8, "Descrizione bene/servizio: storno parziale della fattura n. 2025/77 - fattura di vendita"),
              (15, 69, 8, "Valore totale: 600.00"), (15, 78, 8, "Totale imponibile/importo: 600.00"),
              (15, 83, 8, "Modalità: MP05 (bonifico)")]
    doc = read(write_pages([first, second], tmp_path / "copia.pdf"), tmp_path)
    assert "TD04" not in doc.pages[0].text
    assert read_code(doc.pages).label == "nota_credito"
    title = read_title(doc.pages)
    assert title.label == "nota_credito" and title.captioned
    c = classified(doc, tmp_path).classification
    assert c.label == "nota_credito" and c.confidence >= THRESHOLD, c.alternatives


PARTY_LINES = ("Identificativo fiscale ai fini IVA: IT03318260402", "Codice fiscale: 03318260402",
               "Denominazione: Tipografia Lanzoni S.r.l.", "Regime fiscale: RF01 (ordinario)", "Dati della sede",
               "Indirizzo: Via Emilia Est", "Numero civico: 212", "CAP: 41122", "Comune: Modena", "Provincia: MO",
               "Nazione: IT")


@pytest.mark.skipif(not stylesheets.available(), reason=stylesheets.absent_reason())
@pytest.mark.parametrize("stylesheet", sorted(stylesheets.STYLESHEETS.values()))
@pytest.mark.parametrize("label", ["fattura", "nota_credito"])
def test_our_xml_printed_by_each_real_stylesheet_is_typed_by_its_code(stylesheet, label, tmp_path):
    """Our own generator's XML (TD01 or TD04; TD07 or TD08 for the simplified invoice's stylesheet)
    printed by other people's stylesheet: wherever it puts the code and its name, the type is read."""
    family = next(f for f, name in stylesheets.STYLESHEETS.items() if name == stylesheet)
    simplified = stylesheet.startswith("fatturasemplificata")
    xml, _ = fatturapa_xml(make_spec(label, 41, "train"), versione="FSM10" if simplified else "FPR12")
    path = tmp_path / "copia.pdf"
    path.write_bytes(stylesheets.render_pdf(family, xml))
    doc = read(path, tmp_path)
    assert read_code(doc.pages).label == label
    c = classified(doc, tmp_path).classification
    assert c.label == label and c.confidence >= THRESHOLD, c.alternatives


def test_an_invoice_like_copy_whose_type_nobody_reads_is_scaled_by_the_untitled_temperature(tmp_path):
    """No title, no code, an empty type box: the banner and the lines read the same for an invoice
    and a credit note. Such a document gets the temperature fitted on its like in held-out families,
    softer than everyone's, so the model is less sure of it than one temperature would make it."""
    grid = [(15, 60, 7, "Tipologia documento"), (62, 60, 7, "Numero documento"), (100, 60, 7, "Data documento"),
            (62, 65, 8.5, "2025/0009"), (100, 65, 8.5, "2025-03-14")]
    doc = read(write_pdf(PARTIES + grid + LINES, tmp_path / "copia.pdf"), tmp_path)
    assert read_title(doc.pages) is None and read_code(doc.pages) is None
    model = load_model()
    assert model.untitled_temperature > model.temperature
    raw = model.raw_probabilities([first_pages_text(doc.pages)])
    assert model.labels[raw.argmax()] in SCHEMA.invoice_labels
    c = classified(doc, tmp_path).classification
    assert c.label == model.labels[raw.argmax()]
    assert c.confidence == pytest.approx(scale(raw, model.untitled_temperature).max(), abs=1e-4)
    assert c.confidence < scale(raw, model.temperature).max()
