"""One invoice, two files: the FatturaPA and the supplier's PDF copy of it count once."""

from __future__ import annotations

import json

from demat.samples.generator import make_spec, render_pdf, write_fatturapa
from helpers import demat, demat_json_lines


def ingest(home, *paths) -> list[dict]:
    return demat_json_lines(home, "ingest", *map(str, paths))


def search_ids(home, words: str) -> list[int]:
    return sorted(hit["id"] for hit in json.loads(demat(home, "search", words, "--json").stdout)["hits"])


def test_the_xml_and_its_pdf_copy_are_one_invoice_in_either_order(home, tmp_path):
    first, second, other = make_spec("fattura", 95), make_spec("fattura", 96), make_spec("fattura", 97)
    paths = {}
    for spec in (first, second, other):
        paths[spec.seed] = (tmp_path / f"IT{spec.seed}_xml.xml", tmp_path / f"copia-{spec.seed}.pdf")
        write_fatturapa(spec, paths[spec.seed][0])
        render_pdf(spec, paths[spec.seed][1])
    [xml_first] = ingest(home, paths[95][0])  # the XML, then its copy
    [pdf_first] = ingest(home, paths[95][1])
    [pdf_second] = ingest(home, paths[96][1])  # the copy, then the XML
    [xml_second] = ingest(home, paths[96][0])
    [alone] = ingest(home, paths[97][1])  # a PDF whose XML never came
    for xml, pdf in ((xml_first, pdf_first), (xml_second, pdf_second)):
        assert xml["status"] == pdf["status"] == "archived"
        for name in ("supplier_vat", "number", "date"):  # what ties them: read alike from both files
            assert pdf["fields"][name]["value"] == xml["fields"][name]["value"], name

    exported = json.loads(demat(home, "export", "invoices", "--format", "json").stdout)
    assert sorted(row["document_id"] for row in exported) == sorted([xml_first["id"], xml_second["id"], alone["id"]])
    for xml, pdf in ((xml_first, pdf_first), (xml_second, pdf_second)):
        assert search_ids(home, xml["fields"]["number"]["value"]) == [xml["id"]]
        shown = json.loads(demat(home, "show", str(xml["id"]), "--json").stdout)
        assert [(f["id"], f["copy_of"]) for f in shown["invoice_files"]] == [(pdf["id"], xml["id"])]
        copy = json.loads(demat(home, "show", str(pdf["id"]), "--json").stdout)
        assert [(f["id"], f["copy_of"]) for f in copy["invoice_files"]] == [(xml["id"], None)]
    assert search_ids(home, alone["fields"]["number"]["value"]) == [alone["id"]]
