"""FatturaPA as it really arrives: every version and namespace, the simplified
invoice, senders' quirks read as they are or repaired (and said so), every
encoding of a signed envelope with its signature verified. Each file is made
by our generator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from asn1crypto import cms

from demat.extractors import fatturapa, text
from demat.extractors.sniff import PKCS7, XML, sniff
from demat.kernel.document import Document, to_jsonable
from demat.kernel.errors import InvalidFatturaPA
from demat.samples.generator import make_spec, write_fatturapa
from demat.samples.generator.fatturapa import ACCENTED_CAUSALE, QUIRKS, REPAIRED_QUIRKS
from demat.samples.generator.signing import ENCODINGS, sign, signed_der, tamper
from tests.test_fatturapa import assert_fields, context, read, reviewed

READ_AS_THEY_ARE = sorted(set(QUIRKS) - set(REPAIRED_QUIRKS))


def check(doc: Document, name: str):
    [found] = [c for c in doc.checks if c.name == name]
    return found


@pytest.mark.parametrize("versione", ["FPR12", "FPA12", "1.1", "1.0", "FSM10"])
@pytest.mark.parametrize("doc_type", ["fattura", "nota_credito"])
def test_every_version_is_read_exactly(tmp_path, versione, doc_type):
    path = tmp_path / "IT01234567890_00001.xml"
    [expected] = write_fatturapa(make_spec(doc_type, 20), path, versione=versione)
    doc = read(tmp_path, path)
    assert doc.label == doc_type and doc.classification.confidence == 1.0
    assert_fields(doc, expected)
    assert doc.checks == []


@pytest.mark.parametrize("versione", ["FPR12", "FSM10"])
def test_a_file_without_namespace(tmp_path, versione):
    path = tmp_path / "IT01234567890_00002.xml"
    [expected] = write_fatturapa(make_spec("fattura", 21), path, versione=versione, namespace="")
    assert b"xmlns" not in path.read_bytes()
    assert_fields(read(tmp_path, path), expected)


@pytest.mark.parametrize("seed", range(30, 40))
def test_simplified_invoices_add_up_with_vat_included(tmp_path, seed):
    """FSM10 states amounts with VAT; half the rows give the tax, half the rate."""
    path = tmp_path / "IT01234567890_00003.xml"
    [expected] = write_fatturapa(make_spec("fattura", seed), path, versione="FSM10")
    doc = read(tmp_path, path)
    assert_fields(doc, expected)
    assert doc.field_value("taxable_amount") + doc.field_value("vat_amount") == doc.field_value("total")
    assert "Fattura semplificata" in doc.text and "IVA inclusa" in doc.text


def test_a_simplified_lotto(tmp_path):
    path = tmp_path / "IT01234567890_00004.xml"
    bodies = write_fatturapa(make_spec("fattura", 40), path, versione="FSM10", lotto=[make_spec("nota_credito", 41)])
    doc = read(tmp_path, path)
    for part, expected in zip([doc, *doc.parts], bodies, strict=True):
        assert_fields(part, expected)
    assert doc.parts[0].label == "nota_credito"


def quirky(tmp_path, seed: int, *quirks: str) -> tuple[Document, dict]:
    """A generated invoice with QUIRKS as read, its fields checked, and what they should be."""
    path = tmp_path / f"IT01234567890_{seed:05d}.xml"
    [expected] = write_fatturapa(make_spec("fattura", seed), path, quirks=quirks)
    doc = read(tmp_path, path)
    assert_fields(doc, expected)
    return doc, expected


@pytest.mark.parametrize("quirk", READ_AS_THEY_ARE)
def test_quirks_read_as_they_are(tmp_path, quirk):
    doc, _ = quirky(tmp_path, 50, quirk)
    assert not [c for c in doc.checks if not c.passed]


@pytest.mark.parametrize("quirk", ["utf8_declared_latin1", "latin1_declared_utf8"])
def test_a_declared_encoding_that_lies_is_noticed_and_the_accents_kept(tmp_path, quirk):
    doc, _ = quirky(tmp_path, 51, quirk)
    assert f"Causale: {ACCENTED_CAUSALE}" in doc.text
    assert check(doc, "xml_encoding").passed and "declares encoding" in check(doc, "xml_encoding").message


def test_dates_with_a_time_zone_keep_it_in_raw(tmp_path):
    doc, expected = quirky(tmp_path, 52, "dates_with_time_zone")
    assert doc.fields["date"].raw == expected["date"] + "+02:00"


@pytest.mark.parametrize("quirk", REPAIRED_QUIRKS)
def test_repairable_faults_are_read_and_sent_to_review(tmp_path, quirk):
    doc, _ = quirky(tmp_path, 53, quirk)
    repaired = check(doc, "xml_repaired")
    assert not repaired.passed and repaired.message
    assert any(reason.startswith("check failed: xml_repaired") for reason in reviewed(tmp_path, doc).review_reasons)


def test_several_repairs_at_once_are_all_named(tmp_path):
    doc, _ = quirky(tmp_path, 54, "bom", "quote_after_namespace", "bare_ampersand", "junk_after_the_end")
    message = check(doc, "xml_repaired").message
    assert "namespace declaration" in message and "&amp;" in message and "after the end" in message
    assert "Rossi & Figli" in doc.text


def test_the_same_invoice_in_every_lotto_body_after_a_repair(tmp_path):
    path = tmp_path / "IT01234567890_00010.xml"
    bodies = write_fatturapa(make_spec("fattura", 55), path, lotto=[make_spec("fattura", 56)],
                             quirks=("space_in_namespace",))
    doc = read(tmp_path, path)
    for part, expected in zip([doc, *doc.parts], bodies, strict=True):
        assert_fields(part, expected)
        assert not check(part, "xml_repaired").passed


@pytest.mark.parametrize("content, reason", [
    (lambda xml: xml[: len(xml) // 2], "not well-formed"),  # truncated: no fix-up cures it
    (lambda xml: xml.replace(b"<Numero>", b"<Numero><", 1), "not well-formed"),
    (lambda xml: b'<!DOCTYPE x [<!ENTITY a "b">]>' + QUIRKS["bare_ampersand"](xml), "DOCTYPE"),
])
def test_what_no_fixup_cures_is_refused(tmp_path, content, reason):
    path = tmp_path / "IT01234567890_00011.xml"
    write_fatturapa(make_spec("fattura", 57), path)
    path.write_bytes(content(path.read_bytes()))
    with pytest.raises(InvalidFatturaPA, match=reason):
        read(tmp_path, path)


# -- signed envelopes ---------------------------------------------------------------
@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_every_encoding_of_a_signed_envelope(tmp_path, encoding):
    path = tmp_path / "IT01234567890_00012.xml.p7m"
    [expected] = write_fatturapa(make_spec("fattura", 60), path, signed=encoding)
    assert sniff(path) == PKCS7
    doc = read(tmp_path, path)
    assert doc.media_type == PKCS7
    assert_fields(doc, expected)
    signature = check(doc, "signature")
    assert signature.passed and "ROSSI MARIO" in signature.message and "TINIT-RSSMRA80A01F205X" in signature.message
    assert "check_failed" not in {r.code for r in reviewed(tmp_path, doc).review_reasons}


def test_ber_envelope_is_really_indefinite_length(tmp_path):
    der = signed_der(b"<x/>" * 600)
    ber = ENCODINGS["ber"](der)
    assert ber[:2] == b"\x30\x80" and b"\x24\x80" in ber
    info = cms.ContentInfo.load(ber)
    assert info["content"]["encap_content_info"]["content"].native == b"<x/>" * 600


@pytest.mark.parametrize("attributes", [False, True])
def test_cades_signed_attributes_are_verified(tmp_path, attributes):
    path = tmp_path / "IT01234567890_00013.xml.p7m"
    [expected] = write_fatturapa(make_spec("fattura", 61), path)
    path.write_bytes(sign(path.read_bytes(), "der", attributes=attributes))
    doc = read(tmp_path, path)
    assert_fields(doc, expected)
    assert check(doc, "signature").passed


@pytest.mark.parametrize("attributes", [False, True])
def test_a_tampered_envelope_is_refused(tmp_path, attributes):
    path = tmp_path / "IT01234567890_00014.xml.p7m"
    [expected] = write_fatturapa(make_spec("fattura", 62), path)
    xml = path.read_bytes()
    total = f"<ImportoTotaleDocumento>{expected['total']}</ImportoTotaleDocumento>".encode()
    forged = total.replace(expected["total"][0].encode(), b"9" if expected["total"][0] != "9" else b"8", 1)
    path.write_bytes(tamper(signed_der(xml, attributes), total, forged))
    with pytest.raises(InvalidFatturaPA, match="changed after it was signed"):
        read(tmp_path, path)


def test_an_envelope_without_the_signers_certificate_goes_to_review(tmp_path):
    path = tmp_path / "IT01234567890_00015.xml.p7m"
    [expected] = write_fatturapa(make_spec("fattura", 63), path)
    info = cms.ContentInfo.load(signed_der(path.read_bytes()))
    info["content"]["certificates"] = None
    path.write_bytes(info.dump(force=True))
    doc = read(tmp_path, path)
    assert_fields(doc, expected)
    assert not check(doc, "signature").passed
    assert any("could not be verified" in reason for reason in reviewed(tmp_path, doc).review_reasons)


def test_nested_envelopes_name_every_signature(tmp_path):
    path = tmp_path / "IT01234567890_00016.xml.p7m"
    [expected] = write_fatturapa(make_spec("fattura", 64), path, signed="der")
    path.write_bytes(sign(path.read_bytes(), "base64"))
    doc = read(tmp_path, path)
    assert_fields(doc, expected)
    assert [c.passed for c in doc.checks if c.name == "signature"] == [True, True]


def test_a_signed_envelope_and_a_repair_together(tmp_path):
    path = tmp_path / "IT01234567890_00017.xml.p7m"
    [expected] = write_fatturapa(make_spec("fattura", 65), path, signed="pem", quirks=("bom", "stray_quote_in_namespace"))
    doc = read(tmp_path, path)
    assert_fields(doc, expected)
    assert check(doc, "signature").passed and not check(doc, "xml_repaired").passed


# -- sniffed by content, not by name --------------------------------------------------
@pytest.mark.parametrize("name, signed, quirks, media_type", [
    ("IT01234567890_00018.xml", None, ("bom",), XML),  # a BOM is no envelope
    ("IT01234567890_00019.xml", None, ("whitespace",), XML),
    ("IT01234567890_00020.xml", "der", (), PKCS7),  # a signed file named .xml
    ("IT01234567890_00021.xml.p7m", None, (), XML),  # plain XML named .p7m
    ("fattura.bin", "base64_oneline", (), PKCS7),
    ("fattura", "smime", (), PKCS7),
])
def test_the_text_stage_reads_by_content(tmp_path, name, signed, quirks, media_type):
    path = tmp_path / name
    [expected] = write_fatturapa(make_spec("fattura", 66), path, signed=signed, quirks=quirks)
    doc = text.run(Document(path=path, original_name=path.name), context(tmp_path))
    assert (doc.extractor, doc.media_type) == ("fatturapa", media_type)
    assert_fields(doc, expected)


def test_every_variant_at_once_counts_every_invoice_right(tmp_path):
    """Each version x each quirk x a signed form: every body read exactly."""
    wrong = []
    for i, (versione, quirk) in enumerate((v, q) for v in ("FPR12", "FPA12", "1.1", "1.0", "FSM10") for q in QUIRKS):
        path = tmp_path / f"IT01234567890_{i:05d}.xml.p7m"
        signed = sorted(ENCODINGS)[i % len(ENCODINGS)]
        bodies = write_fatturapa(make_spec("fattura", 100 + i), path, signed=signed, versione=versione,
                                 lotto=[make_spec("nota_credito", 200 + i)] if i % 3 == 0 else (), quirks=(quirk,))
        doc = fatturapa.extract(Document(path=path, original_name=path.name), context(tmp_path))
        for part, expected in zip([doc, *doc.parts], bodies, strict=True):
            if any(fatturapa_value(part, k) != v for k, v in expected.items()):
                wrong.append((versione, quirk, signed))
    assert wrong == []


def fatturapa_value(doc: Document, name: str):
    return to_jsonable(doc.field_value(name))


# -- through the pipeline ---------------------------------------------------------------
def test_ingest_reviews_the_repaired_and_quarantines_the_forged(home, tmp_path):
    from helpers import demat, demat_json_lines

    repaired = tmp_path / "IT01234567890_00030.xml"
    write_fatturapa(make_spec("fattura", 70), repaired, quirks=("space_in_namespace",))
    signed = tmp_path / "IT01234567890_00031.xml.p7m"
    [expected] = write_fatturapa(make_spec("fattura", 71), signed, signed="ber")
    forged = tmp_path / "IT01234567890_00032.xml.p7m"
    write_fatturapa(make_spec("fattura", 72), forged)
    xml = forged.read_bytes()
    forged.write_bytes(tamper(signed_der(xml), b"<Divisa>EUR</Divisa>", b"<Divisa>USD</Divisa>"))
    records = {r["file"]: r for r in demat_json_lines(home, "ingest", str(repaired), str(signed), str(forged),
                                                      check=False)}
    assert records[repaired.name]["status"] == "archived"
    assert any("xml_repaired" in reason for reason in records[repaired.name]["review_reasons"])
    assert records[signed.name]["status"] == "archived" and records[signed.name]["fields"]["total"]["value"] == expected["total"]
    assert records[forged.name]["status"] == "quarantined"
    assert "changed after it was signed" in demat(home, "status").stdout
    shown = demat(home, "show", str(records[signed.name]["id"]), "--json").stdout
    sidecar = json.loads((Path(json.loads(shown)["archive_dir"]) / "document.json").read_text())
    assert [c["name"] for c in sidecar["checks"] if c["passed"]] == ["signature"]
    # A person's correction rewrites the sidecar; what was found about the file itself stays.
    demat(home, "correct", str(records[signed.name]["id"]), "--field", "number=X-1", "--user", "anna")
    shown = demat(home, "show", str(records[signed.name]["id"]), "--json").stdout
    sidecar = json.loads((Path(json.loads(shown)["archive_dir"]) / "document.json").read_text())
    assert sidecar["fields"]["number"]["value"] == "X-1"
    assert [c["name"] for c in sidecar["checks"] if c["passed"]] == ["signature"]


def test_nuls_after_a_small_xml_do_not_make_it_binary():
    """Found by bench/fatturapa.py: a short invoice padded with NULs was taken for a .p7m."""
    from demat.extractors.sniff import sniff_bytes

    assert sniff_bytes(b"<?xml version='1.0'?>\n<p:FatturaElettronica/>\n" + b"\x00" * 8) == XML
    assert sniff_bytes(b"\x00\x00<?xml") != XML
