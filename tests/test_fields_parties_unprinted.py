"""Suppliers that print no P.IVA (issue 14): the P.IVA on the page is then the customer's, never the supplier's.

A private person's `prestazione occasionale` (a personal codice fiscale), an association (a codice fiscale of
11 digits), a Norwegian firm (`Org.nr. ... MVA`, a legal form we do not list): none has a P.IVA, and none has a
legal form that tells its name from the customer's. The customer, an Italian company, prints its P.IVA in its
block: in an envelope's window with no caption (the supplier's one-line sender above it), or in a grid of
captions and values under "Dati cliente". Written as PDFs with reportlab and read by the text and fields
stages as the pipeline does; the grid also scanned at 100 dpi and read by tesseract."""

from __future__ import annotations

import random

import pytest

from demat.extractors import fields
from demat.extractors import text as text_stage
from demat.kernel.config import load_config
from demat.kernel.document import Classification, Document, StageContext
from demat.pipeline.executor import SerialExecutor
from demat.samples.grammar import damage
from test_fields_foreign import Line, read, totals, write_pdf
from test_fields_layout import page
from test_fields_layout import read as read_words

CUSTOMER = ("Officine Meccaniche Bianchi S.r.l.", "Via Verdi 2", "10121 Torino (TO)", "01533030183")
# (letterhead lines, the supplier's codice fiscale or None)
PERSON = (["Ottavio Villa", "Viale delle Nazioni, 46", "65121 Pescara (PE)", "Codice fiscale: VLLTTV61L18G482R"],
          "VLLTTV61L18G482R")
ASSOCIATION = (["Associazione Culturale Orlando", "Via dei Mille, 8", "40121 Bologna (BO)", "C.F. 91004186861"],
               "91004186861")
NORWEGIAN = (["Fjord Maritime AS", "Strandgata 4", "5013 Bergen, Norway", "Org.nr. 923 609 016 MVA"], None)


def letterhead(lines: list[str]) -> list[Line]:
    """The supplier top right: its name larger, then its address and identifier."""
    return [(190, 18, 12, lines[0], "r")] + [(190, 24 + 4 * i, 8.5, line, "r") for i, line in enumerate(lines[1:])]


def window(sender: list[str]) -> list[Line]:
    """The customer in an envelope's window with no caption, the supplier's sender line over it."""
    name, street, town, vat = CUSTOMER
    return [(20, 47, 6, " - ".join(sender[:3]), "l"), (20, 54, 9.5, name, "l"), (20, 58.5, 9.5, street, "l"),
            (20, 63, 9.5, town, "l"), (20, 67.5, 9.5, f"P.IVA {vat}", "l")]


def grid() -> list[Line]:
    """"Dati cliente" over a column of captions, each value beside its caption."""
    rows = zip(("Ragione sociale", "Indirizzo", "Località", "Partita IVA"), CUSTOMER)
    return [(20, 50, 9, "Dati cliente", "l")] + [line for i, (caption, value) in enumerate(rows)
                                                  for line in ((21, 56 + 6 * i, 8, caption, "l"),
                                                               (46, 56 + 6 * i, 8, value, "l"))]


def invoice(supplier: list[str], customer: list[Line]) -> list[Line]:
    return [*letterhead(supplier), *customer, (20, 90, 11, "Ricevuta n. 7/2025 del 14/03/2025", "l"),
            (20, 104, 9, "Consulenza tecnica", "l"), (190, 104, 9, "1.000,00", "r"),
            *totals(130, 118, [("Totale", "1.000,00")])]


@pytest.mark.parametrize("supplier, tax_code", [PERSON, ASSOCIATION, NORWEGIAN], ids=["person", "association",
                                                                                   "norwegian"])
@pytest.mark.parametrize("customer", ["window", "grid"])
def test_the_customers_p_iva_is_never_the_supplier_who_prints_none(tmp_path, supplier, tax_code, customer):
    doc = read(invoice(supplier, window(supplier) if customer == "window" else grid()), tmp_path)
    assert doc.field_value("supplier_vat") is None
    assert doc.field_value("customer_vat") == CUSTOMER[3]
    assert (doc.field_value("supplier_name"), doc.field_value("customer_name")) == (supplier[0], CUSTOMER[0])
    assert doc.field_value("supplier_tax_code") == tax_code


def test_a_grid_of_the_customers_captions_and_values_on_a_low_resolution_scan(tmp_path):
    # At 100 dpi the captions' boxes no longer part them: one column, "Indirizzo" no name for all that.
    pdf = write_pdf(invoice(ASSOCIATION[0], grid()), tmp_path / "invoice.pdf").read_bytes()
    path = tmp_path / "scan.png"
    damage.write_scan(pdf, path, "lowres", random.Random("party16:grid"))
    ctx = StageContext(config=load_config(tmp_path, environ={}), executor=SerialExecutor(), work_dir=tmp_path)
    doc = text_stage.run(Document(path=path, original_name=path.name), ctx)
    doc.classification = Classification("fattura", 0.99)
    doc = fields.run(doc, ctx)
    assert doc.field_value("supplier_vat") is None
    assert (doc.field_value("customer_name"), doc.field_value("customer_vat")) == (CUSTOMER[0], CUSTOMER[3])


def test_a_p_iva_in_no_ones_block_under_the_customers_marker_is_not_given_to_the_supplier(ctx):
    # A fax of the grid, its rows read apart: the address and the P.IVA rows, one block each, belong to no one's
    # block; the P.IVA stands below the customer's marker, not where a page puts its issuer's.
    doc = read_words(ctx, "fattura", page((43, 42, "Associazione Culturale Testa"), (43, 62, "Via dei Mille, 8"),
                                          (43, 74, "40121 Bologna (BO)"), (43, 86, "C.F. 91004186861"),
                                          (340, 135, "Dati cliente"), (343, 154, "Ragione sociale"),
                                          (430, 154, "Sanna & Figli S.r.l."), (343, 178, "Indirizzo"),
                                          (430, 178, "Via Torino, 71"), (343, 202, "Località"),
                                          (430, 202, "70121 Bari (BA)"), (343, 226, "Partita IVA"),
                                          (430, 226, "59969300967"), (43, 270, "Fattura n. 350/2025 del 17/08/2025")))
    assert doc.field_value("supplier_vat") is None
    assert doc.field_value("supplier_name") == "Associazione Culturale Testa"


def test_the_suppliers_p_iva_set_apart_in_its_letterheads_column_beside_the_customer_stays_its(ctx):
    # Side by side: the letterhead left, the customer's block right from the same height; the supplier's P.IVA,
    # a little apart under its address, stands lower than the customer's marker, in the letterhead's column.
    doc = read_words(ctx, "fattura", page((40, 40, "Rossi Forniture S.r.l."), (40, 52, "Via Roma 1"),
                                          (40, 64, "20100 Milano (MI)"), (40, 100, "P.IVA IT00743110157"),
                                          (330, 40, "Spett.le"), (330, 52, "Bianchi S.p.A."),
                                          (330, 64, "Via Verdi 2, 10121 Torino"), (330, 76, "P.IVA 01533030183"),
                                          (40, 180, "Fattura n. 5 del 01/02/2025")))
    assert (doc.field_value("supplier_vat"), doc.field_value("customer_vat")) == ("00743110157", "01533030183")
