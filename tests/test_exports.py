"""Invoice exports for accounting: the numbers, dates and flags a spreadsheet must show."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from demat.indexer.catalog import Catalog
from demat.indexer.exports import ExportFilters, export_invoices, header
from test_search_contract import archive_document

OK = [{"name": "arithmetic", "passed": True, "message": ""}]
FAILED_SUM = [{"name": "arithmetic", "passed": False, "message": "1000.00 + 220.00 != 1230.00"}]


def invoice_fields(number, date, supplier, vat, taxable, tax, total, lines):
    return {"number": number, "date": date, "supplier_name": supplier, "supplier_vat": vat,
            "customer_name": "Rossi & Figli S.r.l.", "customer_vat": "01234567897",
            "taxable_amount": taxable, "vat_amount": tax, "total": total, "currency": "EUR",
            "due_date": "2024-04-30", "payment_method": "bonifico", "iban": "IT60X0542811101000000123456",
            "vat_lines": lines}


@pytest.fixture
def catalog(tmp_path):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    with catalog.transaction():
        archive_document(
            catalog, "Fattura 1", type="fattura", department="amministrazione", supplier_name="Società Café",
            supplier_vat="00934061003", total="1230.00", doc_date="2024-03-14",
            fields=invoice_fields("1/2024", "2024-03-14", "Società Café", "00934061003", "1000.00", "220.00",
                                  "1230.00", [{"rate": "22.00", "taxable_amount": "800.00", "vat_amount": "176.00",
                                               "nature": None},
                                              {"rate": "22.00", "taxable_amount": "200.00", "vat_amount": "44.00",
                                               "nature": None}]),
            checks={"total": FAILED_SUM, "supplier_vat": OK})
        archive_document(
            catalog, "Nota di credito", type="nota_credito", department="amministrazione",
            supplier_name="=HYPERLINK(\"http://x\")", supplier_vat="01234567897", total="122.00",
            doc_date="2024-05-02", review_state="review",
            fields=invoice_fields("NC-3", "2024-05-02", "=HYPERLINK(\"http://x\")", "01234567897", "100.00",
                                  "22.00", "122.00",
                                  [{"rate": "22", "taxable_amount": "100.00", "vat_amount": "22.00", "nature": None},
                                   {"rate": "0", "taxable_amount": "0.00", "vat_amount": "0.00", "nature": "N3"}]),
            checks={"total": OK})
        archive_document(catalog, "DDT 4", type="ddt", department="acquisti", doc_date="2024-03-20")
        archive_document(
            catalog, "Proforma", type="proforma", department="commerciale", supplier_name="Studio Ré",
            doc_date="2023-12-01", fields={"number": "P-9", "total": "50.00"})
    return catalog


def export(catalog, fmt, **filters) -> bytes:
    out = io.BytesIO()
    export_invoices(catalog, ExportFilters(**filters), fmt, out)
    return out.getvalue()


def read_csv(data: bytes, italian: bool) -> list[dict]:
    """The rows by column key: the Italian CSV has headers for people, in the same order as the plain one's keys."""
    text = data.decode("utf-8-sig" if italian else "utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if italian else ","))
    keys = header(rate_keys(rows[0])) if italian else rows[0]
    return [dict(zip(keys, row)) for row in rows[1:]]


def rate_keys(italian_header: list[str]) -> list[str]:
    """The VAT rate keys of an Italian header, e.g. 'Imponibile IVA 0% N3' -> '0_N3'."""
    return [h.removeprefix("Imponibile IVA ").replace("% ", "_").rstrip("%")
            for h in italian_header if h.startswith("Imponibile IVA ")]


def test_italian_headers_for_people_english_keys_for_programs(catalog, tmp_path):
    italian = next(csv.reader(io.StringIO(export(catalog, "csv").decode("utf-8-sig")), delimiter=";"))
    plain = next(csv.reader(io.StringIO(export(catalog, "csv-plain").decode("utf-8"))))
    assert italian[:6] == ["ID documento", "Tipo", "Stato verifica", "Numero", "Numero (controllo)", "Data"]
    assert {"P.IVA fornitore", "Totale (controllo)", "Imponibile IVA 22%", "Imposta IVA 0% N3"} <= set(italian)
    assert plain[:6] == ["document_id", "type", "review_state", "number", "number_check", "date"]
    assert {"supplier_vat", "total_check", "vat_22_taxable_amount", "vat_0_N3_vat_amount"} <= set(plain)
    assert len(italian) == len(plain)
    path = tmp_path / "invoices.xlsx"
    path.write_bytes(export(catalog, "xlsx"))
    book = load_workbook(path)
    assert book.sheetnames == ["Fatture", "Righe IVA"]
    assert [c.value for c in book["Fatture"][1]] == italian
    assert [c.value for c in book["Righe IVA"][1]][:4] == ["ID documento", "Numero", "Aliquota %", "Natura"]


def test_italian_csv_opens_in_a_spreadsheet_as_written(catalog):
    data = export(catalog, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = read_csv(data, italian=True)
    assert [r["number"] for r in rows] == ["P-9", "1/2024", "NC-3"]  # invoices only, by date
    proforma, invoice, credit = rows
    assert invoice["supplier_name"] == "Società Café"
    assert (invoice["date"], invoice["due_date"]) == ("14/03/2024", "30/04/2024")
    assert (invoice["taxable_amount"], invoice["vat_amount"], invoice["total"]) == ("1000,00", "220,00", "1230,00")
    assert invoice["total_check"] == "FAILED: 1000.00 + 220.00 != 1230.00"
    assert invoice["supplier_vat_check"] == "ok"
    assert invoice["number_check"] == ""
    assert (invoice["vat_22_taxable_amount"], invoice["vat_22_vat_amount"]) == ("1000,00", "220,00")
    assert invoice["vat_0_N3_taxable_amount"] == ""
    assert (credit["taxable_amount"], credit["total"], credit["vat_22_vat_amount"]) == ("-100,00", "-122,00", "-22,00")
    assert credit["supplier_name"] == "'=HYPERLINK(\"http://x\")"
    assert credit["review_state"] == "review" and credit["type"] == "nota_credito"
    assert credit["archive_path"].endswith("original.pdf")
    assert proforma["total"] == "50,00" and proforma["iban"] == ""


def test_plain_csv_is_for_programs(catalog):
    data = export(catalog, "csv-plain")
    assert not data.startswith(b"\xef\xbb\xbf")
    invoice = read_csv(data, italian=False)[1]
    assert (invoice["date"], invoice["total"]) == ("2024-03-14", "1230.00")
    assert invoice["vat_22_taxable_amount"] == "1000.00"


def test_json_nests_vat_lines_with_decimals_as_strings(catalog):
    items = json.loads(export(catalog, "json"))
    credit = items[2]
    assert credit["total"] == "-122.00" and credit["date"] == "2024-05-02"
    assert credit["vat_lines"] == [
        {"rate": "22", "taxable_amount": "-100.00", "vat_amount": "-22.00", "nature": ""},
        {"rate": "0", "taxable_amount": "0.00", "vat_amount": "0.00", "nature": "N3"}]
    assert credit["supplier_name"] == "=HYPERLINK(\"http://x\")"  # JSON is data, not a spreadsheet
    assert items[1]["checks"] == {"total": "FAILED: 1000.00 + 220.00 != 1230.00", "supplier_vat": "ok"}


def test_xlsx_has_real_numbers_and_dates_and_a_vat_lines_sheet(catalog, tmp_path):
    path = tmp_path / "invoices.xlsx"
    path.write_bytes(export(catalog, "xlsx"))
    book = load_workbook(path)
    sheet = book["Fatture"]
    head = header(rate_keys([c.value for c in sheet[1]]))
    invoice = {h: c for h, c in zip(head, sheet[3])}
    assert invoice["total"].value == 1230 and invoice["total"].data_type == "n"
    assert invoice["date"].is_date and invoice["date"].value == dt.datetime(2024, 3, 14)
    assert invoice["supplier_name"].value == "Società Café"
    credit = {h: c.value for h, c in zip(head, sheet[4])}
    assert credit["total"] == -122 and credit["supplier_name"].startswith("'=")
    lines = [[c.value for c in row] for row in book["Righe IVA"].iter_rows(min_row=2)]
    assert len(lines) == 4 and lines[2][2:6] == [22, None, -100, -22]


def test_filters(catalog):
    def numbers(**filters):
        return [r["number"] for r in read_csv(export(catalog, "csv", **filters), italian=True)]
    assert numbers(date_from=dt.date(2024, 1, 1)) == ["1/2024", "NC-3"]
    assert numbers(date_to=dt.date(2024, 3, 14)) == ["P-9", "1/2024"]
    assert numbers(supplier="società") == ["1/2024"]
    assert numbers(supplier="SOCIETA cafe") == ["1/2024"]  # as search reads it: no case, no accents
    assert numbers(supplier="IT01234567897") == ["NC-3"]
    assert numbers(departments=("commerciale",)) == ["P-9"]
    assert numbers(departments=("commerciale", "amministrazione")) == ["P-9", "1/2024", "NC-3"]


def test_xlsx_drops_characters_xml_cannot_hold(tmp_path):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    with catalog.transaction():
        archive_document(catalog, "Fattura", type="fattura", doc_date="2024-01-02",
                         fields={"number": "7\x0c/A", "supplier_name": "Rossi <&> Figli\x00", "total": "12.50"})
    path = tmp_path / "invoices.xlsx"
    path.write_bytes(export(catalog, "xlsx"))
    sheet = load_workbook(path)["Fatture"]
    row = dict(zip(header([]), (c.value for c in sheet[2])))
    assert (row["number"], row["supplier_name"], row["total"]) == ("7/A", "Rossi <&> Figli", 12.5)
