"""SdI notifications: each kind recognised as a notifica_sdi (never an invoice,
never quarantined) and linked to its invoice in whichever order they arrive."""

from __future__ import annotations

import json

import pytest

from demat.extractors import text
from demat.extractors.sniff import XML, sniff
from demat.indexer.catalog import Catalog
from demat.kernel.document import Document
from demat.samples.generator import make_spec, write_fatturapa
from demat.samples.generator.sdi_messages import KINDS, write_notification
from helpers import demat, demat_json_lines
from tests.test_fatturapa import context, read

INVOICE = "IT01234567890_00042.xml.p7m"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_notification_is_read_as_one(tmp_path, kind):
    path = write_notification(kind, tmp_path, INVOICE, sdi_identifier="987654")
    doc = read(tmp_path, path)
    assert doc.label == "notifica_sdi" and doc.classification.confidence == 1.0
    assert doc.field_value("notification") == kind
    assert doc.field_value("sdi_identifier") == "987654" and f"({kind})" in doc.text
    assert not doc.parts
    if kind != "SE":  # the customer's refused outcome names no file
        assert doc.field_value("invoice_file") == INVOICE and INVOICE in doc.text


def test_outcome_and_errors_are_in_words(tmp_path):
    refused = read(tmp_path, write_notification("NE", tmp_path, INVOICE, outcome="EC02", number="FT-9"))
    assert refused.field_value("outcome") == "fattura rifiutata dal committente"
    assert refused.field_value("number") == "FT-9"
    rejected = read(tmp_path, write_notification("NS", tmp_path, INVOICE))
    assert "Errore: 00404 Fattura duplicata" in rejected.text


def test_a_notification_without_declaration_is_sniffed_as_xml(tmp_path):
    path = write_notification("RC", tmp_path, INVOICE)
    path.write_bytes(path.read_bytes().split(b"?>", 1)[1].lstrip())
    assert sniff(path) == XML
    doc = text.run(Document(path=path, original_name=path.name), context(tmp_path))
    assert doc.label == "notifica_sdi"


def test_notifications_and_their_invoice_find_each_other_in_either_order(home, tmp_path):
    early, late = tmp_path / "early", tmp_path / "late"
    early.mkdir(), late.mkdir()
    write_notification("MT", early, INVOICE, sdi_identifier="555")  # the metadata comes with the invoice
    write_notification("RC", early, INVOICE, sdi_identifier="555")  # a receipt before the invoice is seen
    invoice = tmp_path / INVOICE
    write_fatturapa(make_spec("fattura", 80), invoice, signed="der", lotto=[make_spec("fattura", 81)])
    write_notification("NE", late, INVOICE, sdi_identifier="555")
    write_notification("SE", late, INVOICE, sdi_identifier="555")  # tied by the identifier alone
    write_notification("DT", late, "IT09999999999_00001.xml", sdi_identifier="556")  # another invoice's
    records = demat_json_lines(home, "ingest", str(early), str(invoice), str(late))
    by_file = {r["file"]: r for r in records}
    assert {r["status"] for r in records} == {"archived"}
    notifications = [r for r in records if r["type"] == "notifica_sdi"]
    assert len(notifications) == 5
    assert all(r["department"] == "amministrazione" and not r["review_reasons"] for r in notifications)
    invoices = [r for r in records if r["file"] == INVOICE]
    assert [r["type"] for r in invoices] == ["fattura", "fattura"]  # a lotto of two

    catalog = Catalog(home / "catalog.sqlite3")
    for record in invoices:
        kinds = sorted(f["kind"] for f in catalog.sdi_related(record["id"]))
        assert kinds == ["MT", "NE", "RC", "SE", "invoice"]  # the other body of the lotto too
    receipt = by_file[INVOICE.split(".")[0] + "_RC_001.xml"]
    assert sorted(f["kind"] for f in catalog.sdi_related(receipt["id"])) == ["MT", "NE", "SE", "invoice", "invoice"]
    assert catalog.sdi_related(by_file["IT09999999999_00001_DT_001.xml"]["id"]) == []

    shown = demat(home, "show", str(invoices[0]["id"])).stdout
    assert "RC " in shown and "Ricevuta di consegna (RC)" in shown
    assert json.loads(demat(home, "show", str(invoices[0]["id"]), "--json").stdout)["sdi_files"]
    exported = demat(home, "export", "invoices", "--format", "json").stdout
    assert len(json.loads(exported)) == 2  # the notifications are no invoices
