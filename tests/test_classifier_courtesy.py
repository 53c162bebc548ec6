"""Courtesy copies of a FatturaPA: the banner says FATTURA ELETTRONICA whatever the type; the
TipoDocumento code and the name in the type box say which type it is.

Each copy is drawn here (real PDF, read by the text stage, typed by the shipped
model), with its lines and banner pulling towards the other type.
"""

from __future__ import annotations

import pytest

from demat.classifiers.title import read_code, read_title
from demat.samples.generator import render_pdf
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
