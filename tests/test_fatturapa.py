"""FatturaPA: exact fields from FPR12 / FPA12 XML and signed .p7m envelopes;
hostile or foreign XML refused with a reason."""

from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from demat.extractors import fatturapa, text
from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from demat.kernel.document import Document, StageContext, to_jsonable
from demat.kernel.errors import InvalidFatturaPA, TooLarge
from demat.pipeline.executor import SerialExecutor
from demat.pipeline.stages import CatalogSuppliers, review_stage
from demat.samples.generator import make_spec, write_fatturapa

NS = fatturapa.NAMESPACE


def context(tmp_path: Path, **limits) -> StageContext:
    config = load_config(tmp_path / "home", overrides={"limits": limits} if limits else None)
    return StageContext(config=config, executor=SerialExecutor(), work_dir=tmp_path)


def read(tmp_path: Path, path: Path, **limits) -> Document:
    return fatturapa.extract(Document(path=path, original_name=path.name), context(tmp_path, **limits))


def reviewed(tmp_path: Path, doc: Document) -> Document:
    """DOC judged by the review stage, as the runner does after reading it."""
    return review_stage(CatalogSuppliers(Catalog(tmp_path / "catalog.sqlite3")))(doc, context(tmp_path))


def assert_fields(doc: Document, expected: dict) -> None:
    for name, value in expected.items():
        got = to_jsonable(doc.field_value(name))
        assert got == value, name
        if value is not None:
            assert doc.fields[name].confidence == 1.0


def test_fpr12_invoice_fields_are_exact(tmp_path):
    path = tmp_path / "IT01234567890_00001.xml"
    [expected] = write_fatturapa(make_spec("fattura", 3), path)
    doc = read(tmp_path, path)
    assert (doc.media_type, doc.extractor) == ("application/xml", "fatturapa")
    assert doc.classification.label == "fattura" and doc.classification.source == "fatturapa"
    assert doc.classification.confidence == 1.0
    assert_fields(doc, expected)
    assert isinstance(doc.field_value("total"), Decimal) and isinstance(doc.field_value("date"), dt.date)
    assert doc.fields["number"].raw == expected["number"]
    [page] = doc.pages
    assert page.source == "xml"
    assert expected["supplier_name"] in page.text and "Totale documento" in page.text and "Riepilogo IVA" in page.text


def test_fpa12_credit_note_keeps_the_positive_amounts_of_the_xml(tmp_path):
    path = tmp_path / "IT01234567890_00002.xml"
    [expected] = write_fatturapa(make_spec("nota_credito", 4), path, versione="FPA12")
    doc = read(tmp_path, path)
    assert doc.label == "nota_credito"
    assert_fields(doc, expected)
    assert doc.field_value("total") > 0


def test_a_lotto_becomes_one_part_per_further_body(tmp_path):
    path = tmp_path / "IT01234567890_00003.xml"
    bodies = write_fatturapa(make_spec("fattura", 5), path, lotto=[make_spec("fattura", 6), make_spec("nota_credito", 7)])
    doc = read(tmp_path, path)
    assert len(doc.parts) == 2
    for part, expected in zip([doc, *doc.parts], bodies):
        assert_fields(part, expected)
        assert part.original_name == path.name and part.pages and part.classification.source == "fatturapa"
    assert doc.parts[1].label == "nota_credito"


@pytest.mark.parametrize("signed", ["der", "base64"])
def test_signed_p7m_envelopes(tmp_path, signed):
    path = tmp_path / "IT01234567890_00004.xml.p7m"
    [expected] = write_fatturapa(make_spec("fattura", 8), path, signed=signed)
    doc = read(tmp_path, path)
    assert doc.media_type == "application/pkcs7-mime"
    assert_fields(doc, expected)


def test_the_text_stage_chooses_this_extractor(tmp_path):
    path = tmp_path / "IT01234567890_00005.xml.p7m"
    write_fatturapa(make_spec("fattura", 9), path, signed="der")
    doc = text.run(Document(path=path, original_name=path.name), context(tmp_path))
    assert doc.extractor == "fatturapa" and doc.fields


HOSTILE = {
    "xxe": b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<p:FatturaElettronica xmlns:p="' + NS.encode() + b'" versione="FPR12">&x;</p:FatturaElettronica>',
    "billion_laughs": b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                      b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>',
    "doctype": b'<?xml version="1.0"?><!DOCTYPE FatturaElettronica SYSTEM "http://example.com/f.dtd">'
               b'<p:FatturaElettronica xmlns:p="' + NS.encode() + b'" versione="FPR12"/>',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_doctype_and_entities_are_refused(tmp_path, name):
    path = tmp_path / f"{name}.xml"
    path.write_bytes(HOSTILE[name])
    with pytest.raises(InvalidFatturaPA, match="DOCTYPE"):
        read(tmp_path, path)


@pytest.mark.parametrize("xml, reason", [
    (b"<?xml version='1.0'?><invoice><number>1</number></invoice>", "not <FatturaElettronica>"),
    (b"<p:FatturaElettronica xmlns:p='urn:example:invoice' versione='FPR12'/>", "not a FatturaPA namespace"),
    (b"<p:FatturaElettronica xmlns:p='" + NS.encode() + b"' versione='FSM10'/>", "versione='FSM10'"),
    (b"<FatturaElettronica versione='FPR12'/>", "missing FatturaElettronicaHeader"),
    (b"<p:FatturaElettronica xmlns:p='" + NS.encode() + b"' versione='FPR12'>", "not well-formed"),
])
def test_xml_that_is_not_a_fatturapa(tmp_path, xml, reason):
    path = tmp_path / "other.xml"
    path.write_bytes(xml)
    with pytest.raises(InvalidFatturaPA, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read(tmp_path, path)


def test_a_body_without_numero_is_refused(tmp_path):
    path = tmp_path / "IT01234567890_00006.xml"
    write_fatturapa(make_spec("fattura", 10), path)
    tree = etree.parse(str(path))
    numero = tree.find(".//Numero")
    numero.getparent().remove(numero)
    tree.write(str(path))
    with pytest.raises(InvalidFatturaPA, match="body 1: missing Numero"):
        read(tmp_path, path)


def test_the_xml_size_limit(tmp_path):
    path = tmp_path / "IT01234567890_00007.xml"
    write_fatturapa(make_spec("fattura", 11), path)
    with pytest.raises(TooLarge, match="max_xml_mb"):
        read(tmp_path, path, max_xml_mb=0)


@pytest.mark.parametrize("content, reason", [
    (b"MIIB" + b"!" * 40, "none of them"),
    (base64.b64encode(b"hello world, not asn.1"), "does not hold a PKCS#7"),
    (b"\x30\x03\x02\x01\x01", "not a valid PKCS#7"),
])
def test_broken_p7m_envelopes(tmp_path, content, reason):
    path = tmp_path / "IT01234567890_00008.xml.p7m"
    path.write_bytes(content)
    with pytest.raises(InvalidFatturaPA, match=reason):
        read(tmp_path, path)
