"""The payment terms as Italian invoicing software prints them (issue 11), on born-digital PDFs made here
with reportlab and read by the text and fields stages: the methods FatturaPA names (PagoPA, MAV), ones
printed in two letters after their caption ("RB", "RD"), "Contrassegno" (paid in cash to the carrier,
MP01), "SEPA Credit Transfer"; "vista fattura" is no Visa card, nor an items column captioned "Pos." a
card payment; a date in another field's cell of the terms' line is no due date, one in a cell no other
caption heads is; a "Scadenze" table falls due on its first date, as the FatturaPA reader takes
the first of several DettaglioPagamento; and a ModalitaPagamento code a courtesy copy prints ("MP18")
names the method the FatturaPA reader gives it."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from demat.extractors import fatturapa
from demat.samples.generator import make_spec, write_fatturapa
from test_fatturapa import read as read_xml
from test_fields_amounts_due_date import SUMMARY
from test_fields_amounts_layout import LETTERHEAD
from test_fields_foreign import read


def grid(y: float, cells: list[tuple[str, str]]) -> list[tuple[float, float, float, str, str]]:
    """A row of captions at Y, each with its value 5 mm below, a column every 45 mm from 20 mm."""
    return [line for i, (caption, value) in enumerate(cells)
            for line in ((20 + 45 * i, y, 8, caption, "l"), (20 + 45 * i, y + 5, 9, value, "l"))]


@pytest.mark.parametrize("terms, method", [
    ([(20, 230, 9, "Modalità di pagamento: PagoPA", "l")], "PagoPA"),
    ([(20, 230, 9, "Pagamento: MAV", "l")], "MAV"),
    ([(20, 230, 9, "Pagamento: Contrassegno", "l")], "contanti"),
    ([(20, 230, 9, "Pagamento: RB 60 gg f.m.", "l")], "RiBa"),
    ([(20, 230, 9, "Pagamento: RD", "l")], "contanti"),
    ([(20, 230, 9, "Pagamento: SCT - SEPA Credit Transfer", "l")], "bonifico"),
    (grid(90, [("Cond. pagamento", "RB 60 gg f.m."), ("Banca d'appoggio", "Banca Intesa")]), "RiBa")])
def test_payment_methods_italian_software_prints(tmp_path, terms, method):
    doc = read([*LETTERHEAD, *SUMMARY, *terms], tmp_path)
    assert doc.field_value("payment_method") == method


def test_payment_at_sight_of_the_invoice_names_no_card(tmp_path):
    doc = read([*LETTERHEAD, *SUMMARY, (20, 230, 9, "Pagamento: vista fattura", "l")], tmp_path)
    assert doc.field_value("payment_method") is None


def test_an_items_column_captioned_pos_names_no_payment_method(tmp_path):
    items = [(20, 110, 8, "Pos.", "l"), (35, 110, 8, "Descrizione", "l"), (150, 110, 8, "Importo", "l"),
             (20, 116, 9, "1", "l"), (35, 116, 9, "Viti inox M6", "l"), (170, 116, 9, "1.000,00", "r")]
    doc = read([*LETTERHEAD, *items, *SUMMARY], tmp_path)
    assert doc.field_value("payment_method") is None


@pytest.mark.parametrize("terms", [
    grid(90, [("Pagamento", "RiBa 60 gg f.m."), ("Data consegna", "20/03/2025"), ("Agente", "Rossi")]),
    [(20, 230, 9, "Pagamento: Bonifico 30 gg d.f.", "l"), (110, 230, 9, "Periodo: 01/04/2025 - 30/04/2025", "l")]])
def test_a_date_in_another_cell_beside_the_terms_is_no_due_date(tmp_path, terms):
    doc = read([*LETTERHEAD, *SUMMARY, *terms], tmp_path)
    assert doc.field_value("due_date") is None


def test_a_date_beside_the_terms_in_a_grid_column_whose_caption_is_missing_is_the_due_date(tmp_path):
    # "Scadenza" left out over 15/05/2025 (as a scan loses it); the IBAN's column has its own caption.
    terms = [(20, 90, 8, "Pagamento", "l"), (120, 90, 8, "IBAN", "l"), (20, 95, 9, "Bonifico 30 gg d.f.", "l"),
             (70, 95, 9, "15/05/2025", "l"), (120, 95, 9, "IT60X0542811101000000123456", "l")]
    doc = read([*LETTERHEAD, *SUMMARY, *terms], tmp_path)
    assert doc.field_value("due_date") == dt.date(2025, 5, 15)


INSTALMENTS = ("2025-04-30", "2025-05-31")


def test_a_table_of_instalments_falls_due_on_its_first_date_as_fatturapa_is_read(tmp_path):
    """The PDF's "Scadenze" table and a FatturaPA with one DettaglioPagamento per instalment agree."""
    table = [(20, 225, 9, "Scadenze", "l"), (20, 231, 9, "Data", "l"), (60, 231, 9, "Importo", "l")]
    for i, due in enumerate(INSTALMENTS):
        table += [(20, 237 + 6 * i, 9, dt.date.fromisoformat(due).strftime("%d/%m/%Y"), "l"),
                  (80, 237 + 6 * i, 9, "610,00", "r")]
    printed = read([*LETTERHEAD, *SUMMARY, *table], tmp_path)

    path = tmp_path / "IT01234567890_00001.xml"
    write_fatturapa(make_spec("fattura", 3), path)
    tree = etree.parse(str(path))
    [payment] = tree.iter("DettaglioPagamento")  # the body's elements are in no namespace
    payment.getprevious().text = "TP01"  # CondizioniPagamento: in instalments
    payment.addnext(etree.fromstring(etree.tostring(payment)))
    for detail, due in zip(tree.iter("DettaglioPagamento"), INSTALMENTS):
        detail.find("DataScadenzaPagamento").text = due
    tree.write(str(path))
    electronic = read_xml(tmp_path, path)

    assert printed.field_value("due_date") == electronic.field_value("due_date") == dt.date(2025, 4, 30)


@pytest.mark.parametrize("code", sorted(fatturapa.PAYMENT_METHODS))
def test_a_printed_modalita_pagamento_code_names_the_method_the_fatturapa_reader_gives_it(tmp_path, code):
    """A courtesy copy prints the XML's code ("MP18"): the page and the XML name one method."""
    doc = read([*LETTERHEAD, *SUMMARY, (20, 230, 9, f"Modalità di pagamento: {code}", "l")], tmp_path)
    assert doc.field_value("payment_method") == fatturapa.PAYMENT_METHODS[code]


@pytest.mark.parametrize("printed, method", [("Bollettino di c/c postale", "bollettino postale"),
                                            ("Vaglia cambiario", "vaglia cambiario"), ("Giroconto", "giroconto")])
def test_the_methods_fatturapa_names_in_words(tmp_path, printed, method):
    doc = read([*LETTERHEAD, *SUMMARY, (20, 230, 9, f"Pagamento: {printed}", "l")], tmp_path)
    assert doc.field_value("payment_method") == method
